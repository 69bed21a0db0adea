"""Who a word names, for ``kizuna search``, without folding every person's keys."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import chain

from model.language.names import reading_of, search_keys, search_keys_many
from model.records import Contact
from model.search.folding import KANA_BYTES, fold_many
from model.search.lines import lines_with


class People:
    """Who a word names, for ``kizuna search``: the people whose name, reading or romaji
    hold it, folded as :func:`.index._names` folds them, but only for the few people a coarse
    look at every name and reading leaves (folding everyone's and spelling every reading
    in romaji was a good part of a search: bench/NOTES.md)."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.people = {c.id: c for c in contacts}
        self._ids = list(self.people)
        self._raw: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._readings: list[str] | None = None
        self._lines: bytes | None = None
        self._roman: bytes | None = None  # each word of the readings in romaji, a line each
        self._words: list[str] = []  # those words
        self._kana = b""  # the readings, a line each
        self._always: list[int] = []  # the people whose reading has a っ
        self._with: dict[str, set[str]] = {}

    def raw(self, cid: str, default: str = "") -> str:
        """``" ".join(search_keys(person))`` (``default`` for an id nobody has)."""
        found = self._raw.get(cid)
        if found is None:
            c = self.people.get(cid)
            if c is None:
                return default
            found = self._raw[cid] = " ".join(search_keys(c))
        return found

    def prepare(self, cids: Iterable[str]) -> None:
        """:meth:`raw` of these people made together (their romaji spelled in one pass)."""
        todo = [self.people[cid] for cid in dict.fromkeys(cids) if cid in self.people and cid not in self._raw]
        for c, keys in zip(todo, search_keys_many(todo)):
            self._raw[c.id] = " ".join(keys)

    def _fold(self, cids: Iterable[str]) -> None:
        todo = [cid for cid in cids if cid not in self._folded]
        self.prepare(todo)
        self._folded.update(zip(todo, fold_many(self._raw[cid] for cid in todo)))

    def with_key(self, word: str) -> set[str]:
        """The people whose folded keys (as :func:`.index._names` has them) hold ``word``, folded."""
        known = self._with.get(word)
        if known is not None:
            return known
        lines = self._coarse_lines()
        if not word or lines is None or any(ch.isspace() for ch in word):
            found = self._ids  # it may span two keys (or match everyone): every key folded
        else:
            ids = self._ids
            found = list(dict.fromkeys(ids[i // 2] for i in lines_with(
                lines, word.encode("utf-8", "replace").translate(KANA_BYTES))))
            if word.isascii():
                found += self._romaji_with(word)
        self._fold(found)
        known = self._with[word] = {cid for cid in found if word in self._folded[cid]}
        return known

    def _reading_list(self) -> list[str]:
        if self._readings is None:
            self._readings = [reading_of(c) for c in self.people.values()]
        return self._readings

    def _coarse_lines(self) -> bytes | None:
        """Each person's name, then their reading, a line each, as bytes: NFKC and case-folded
        twice (the keys are folded names folded again), then the kana bytes
        (:data:`KANA_BYTES`) folded. A word :func:`fold` finds in a name or reading is found
        here, and more. None if the lines do not come out two per person (a name with a
        line break: then every key is folded)."""
        if self._lines is None:
            text = "\n".join(chain.from_iterable(zip((c.name for c in self.people.values()), self._reading_list())))
            once = unicodedata.normalize("NFKC", text).casefold()
            twice = unicodedata.normalize("NFKC", once).casefold()
            self._lines = twice.encode("utf-8", "replace").translate(KANA_BYTES)
        return self._lines if self._lines.count(b"\n") == max(0, 2 * len(self._ids) - 1) else None

    def _romaji_with(self, word: str) -> list[str]:
        """The people whose reading in romaji may hold ``word`` (ASCII, folded). Each word of
        the readings is spelled once (a hundred surnames and given names, not 5,000 readings):
        a reading's romaji is its words' romaji joined (jaconv's rules join at most two
        kana, never across a space), but a っ reads by its neighbour, so those always count."""
        if self._roman is None:
            from model.language import readings

            joined = "\n".join(r.replace("\n", " ") for r in self._reading_list())
            self._words = list(dict.fromkeys(joined.split()))
            readings.romaji_many(self._words)
            self._roman = "\n".join(" ".join(readings.romaji(w)) for w in self._words).encode("utf-8", "replace")
            self._kana = joined.encode("utf-8", "replace")
            self._always = sorted({i for tsu in "っッｯ" for i in lines_with(self._kana, tsu.encode())})
        lines = set(self._always)
        for k in lines_with(self._roman, word.encode()):  # the readings holding a word spelled so
            lines.update(lines_with(self._kana, self._words[k].encode("utf-8", "replace")))
        ids = self._ids
        return [ids[i] for i in sorted(lines)]
