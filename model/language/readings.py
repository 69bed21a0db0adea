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
They are also kept beside the store (:func:`use_cache`), so the next start reads
only the names that changed since.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

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
    if _cache.path is not None and not _cache.loaded:
        _load_cache()
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


# -- guesses kept beside the store ------------------------------------------------------------

CACHE_FORMAT = 1
#: a cache file bigger than this is not read (5,000 guesses are ~150 kB)
_CACHE_MAX = 16 * 1024 * 1024


class _Cache:
    path: Path | None = None
    loaded = False
    #: the guesses the file held when read (what it holds, once written)
    kept: dict[str, str] = {}


_cache = _Cache()


def cache_file(store_path: Path) -> Path:
    """Where the guesses for the store at ``store_path`` are kept: ``kizuna-readings.cache``
    beside ``kizuna.json`` (not ``.json``: nothing takes it for a store or a conflict copy)."""
    return store_path.with_name(f"{store_path.stem}-readings.cache")


def use_cache(path: Path | None) -> None:
    """Take guesses from ``path`` (read when the first name needs one) and keep them there
    (:func:`save_cache`); ``None``: no file. A file that cannot be read, is damaged, or was
    made with another dictionary is ignored, and replaced by the next save."""
    _cache.path = Path(path) if path is not None else None
    _cache.loaded = False
    _cache.kept = {}


@functools.cache  # asked when the cache is read and again when it is saved: read once
def _dictionary() -> str | None:
    """What the guesses were made with: UniDic-lite's version, read without importing it
    (~6 ms); None when it is not installed (then nothing is guessed, nothing is cached)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("unidic_lite")
        where = spec.submodule_search_locations if spec is not None else None
        if not where:
            return None
        with open(Path(list(where)[0]) / "dicdir" / "version", encoding="utf-8") as f:
            return f"unidic-lite {f.read(64).strip()}"
    except (OSError, ValueError, ImportError):
        return None


def _fits(name: object, reading: object) -> bool:
    """A guess that may be kept: a name and a short reading with no control, format or
    unassigned characters (the file is outside text like any other). ``isprintable``
    checks that in C (a loop over the characters: ~4 ms per 2,250 names, read and saved)."""
    return (isinstance(name, str) and isinstance(reading, str) and 0 < len(name) <= 200
            and len(reading) <= 400 and (name + reading).replace("\u3000", " ").isprintable())


def _load_cache() -> None:
    with _lock:
        if _cache.loaded or _cache.path is None:
            return
        _cache.loaded = True
        try:
            with open(_cache.path, "rb") as f:
                data = json.loads(f.read(_CACHE_MAX + 1))
        except (OSError, ValueError, RecursionError):  # none yet, unreadable, not JSON: guessed again
            return
        if not (isinstance(data, dict) and data.get("format") == CACHE_FORMAT
                and data.get("dictionary") == _dictionary() and isinstance(data.get("readings"), dict)):
            return
        kept = {n: r for n, r in data["readings"].items() if _fits(n, r) and needs_guess(n)}
        for name, reading in kept.items():
            _guessed.setdefault(name, reading)
        _cache.kept = kept


def save_cache(names: Iterable[str]) -> None:
    """Keep the guesses of ``names`` (everyone whose reading is guessed, by name) in the
    file given to :func:`use_cache`, when they are not what it holds already: names no
    longer there are dropped. Written atomically, private; a failure loses nothing but
    time at the next start, so it is not an error."""
    path = _cache.path
    if path is None:
        return
    if not _cache.loaded:
        _load_cache()
    guessed = _guessed
    current = {n: r for n in dict.fromkeys(names) if (r := guessed.get(n)) is not None and _fits(n, r)}
    dictionary = _dictionary()
    if current == _cache.kept or dictionary is None:
        return
    payload = json.dumps({"format": CACHE_FORMAT, "dictionary": dictionary, "readings": current},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    from model.store import atomic_write  # the store's own safe write, imported only to save

    try:
        atomic_write(path, payload)
    except OSError:
        return
    _cache.kept = current
    _sweep_temps(path)


#: a temporary file of the cache older than this was left by a writer that died
STALE_TEMP = 600


def _sweep_temps(path: Path) -> None:
    """Remove the temporary files a killed writer of the cache left beside it (the store's own
    clean-up sweeps only its own); a fresh one may be another process's write under way."""
    import time

    from model.store.storage import TEMP_PREFIX

    try:
        for tmp in path.parent.glob(f"{TEMP_PREFIX}{path.name}-*"):
            if time.time() - tmp.stat().st_mtime > STALE_TEMP:
                tmp.unlink()
    except OSError:
        pass  # tried again at the next write
