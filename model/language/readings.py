"""Guessed readings for names written in kanji that have no reading stored.

A person imported without furigana (a LinkedIn row ``佐藤 健``) would otherwise be
found only by typing the kanji. :func:`guess` reads the name with MeCab (fugashi)
over the UniDic-lite dictionary, which knows hard surnames (東海林 しょうじ,
小鳥遊 たかなし, 五十嵐 いがらし); :func:`romaji` spells a kana reading in Latin
letters so ``sato`` finds 佐藤 too.

A guess is never stored by itself: it is used for search and sort, and shown as a
suggestion in the contact form until the user accepts or types a reading.

Guesses are remembered by name (a name reads the same every time), so a store of
5,000 people is read once, not per keystroke; the tagger is imported only when a
name needs one, so a command over people who all have readings never loads it.
"""

from __future__ import annotations

import re
import threading
import unicodedata

#: a kanji (or the repeat mark 々, the counter ヶ): a name with one needs reading
_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u30f6]")
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}
#: a long vowel written う or お (さとう, しょうじ, おおの) and not a vowel of its own (いのうえ)
_LONG_U = re.compile("(?<=[おこごそぞとどのほぼぽもよょろを])[うお](?![あいうえお])"
                     "|(?<=[うくぐすずつづぬふぶぷむゆゅる])う(?![あいうえお])")

_lock = threading.Lock()  # MeCab's tagger is not safe to share between threads
_tagger = None
_failed = False
_guessed: dict[str, str] = {}
_romaji: dict[str, tuple[str, ...]] = {}


def needs_guess(name: str) -> bool:
    """Whether ``name`` has kanji, whose reading a reader cannot know from the letters."""
    return bool(_KANJI.search(name))


def _get_tagger():
    """The MeCab tagger over UniDic-lite, made on first use; ``None`` if it cannot be had."""
    global _tagger, _failed
    if _tagger is None and not _failed:
        try:
            import fugashi
            import unidic_lite

            # the dictionary shipped in the wheel, named outright: no mecabrc lookup,
            # and a full ``unidic`` package without its download is never picked
            _tagger = fugashi.Tagger(f'-d "{unidic_lite.DICDIR}" -r "{unidic_lite.DICDIR}/mecabrc"')
        except Exception:  # not installed, or a broken dictionary: no guesses, nothing else lost
            _failed = True
    return _tagger


def _read_word(tagger, word: str) -> str:
    """One word of a name in hiragana, or "" when a part of it has no known reading."""
    out = []
    for token in tagger(word):
        kana = getattr(token.feature, "kana", None)
        surface = token.surface
        if not kana or kana == "*":
            if _KANJI.search(surface):
                return ""
            kana = surface  # kana or Latin letters read as written
        out.append(kana)
    return unicodedata.normalize("NFKC", "".join(out)).translate(_KATA_TO_HIRA)


def guess(name: str) -> str:
    """A hiragana reading of ``name`` (a word per word of the name), or "" when the name
    needs none (no kanji) or cannot be read."""
    if not name or not needs_guess(name):
        return ""
    found = _guessed.get(name)
    if found is not None:
        return found
    with _lock:
        tagger = _get_tagger()
        if tagger is None:
            return ""
        words = [_read_word(tagger, w) for w in unicodedata.normalize("NFKC", name).split()]
    reading = " ".join(words) if all(words) else ""
    _guessed[name] = reading
    return reading


def romaji(reading: str) -> tuple[str, ...]:
    """``reading`` (kana) in Latin letters: as spelled (``satou``) and without long vowels
    the way passports write names (``sato``, ``shoji``). Empty when it is not kana."""
    found = _romaji.get(reading)
    if found is not None:
        return found
    import jaconv

    hira = unicodedata.normalize("NFKC", reading).casefold().translate(_KATA_TO_HIRA)
    latin = jaconv.kana2alphabet(hira)
    if latin == hira or not latin.isascii():
        result: tuple[str, ...] = ()
    else:
        short = jaconv.kana2alphabet(_LONG_U.sub("", hira))
        result = (latin,) if short == latin else (latin, short)
    _romaji[reading] = result
    return result


def romaji_many(many) -> None:
    """:func:`romaji` of many readings at once, remembered for the calls that follow:
    ``jaconv`` makes ~150 passes over its text whatever its length, so one pass over
    the readings joined costs what two or three readings one by one do."""
    todo = [r for r in dict.fromkeys(many) if r and r not in _romaji]
    # っ reads by its neighbour and at either end differently; a line break would split wrongly
    batch = [r for r in todo if "っ" not in r and "\n" not in r and "\r" not in r]
    if len(batch) < 8:
        return
    import jaconv

    hira = [unicodedata.normalize("NFKC", r).casefold().translate(_KATA_TO_HIRA) for r in batch]
    if any("\n" in h or "\r" in h or "っ" in h for h in hira):
        return
    joined = "\n".join(hira)
    latins = jaconv.kana2alphabet(joined).split("\n")
    shorts = jaconv.kana2alphabet(_LONG_U.sub("", joined)).split("\n")
    if len(latins) != len(batch) or len(shorts) != len(batch):
        return
    for reading, h, latin, short in zip(batch, hira, latins, shorts):
        if latin == h or not latin.isascii():
            result: tuple[str, ...] = ()
        else:
            result = (latin,) if short == latin else (latin, short)
        _romaji[reading] = result
