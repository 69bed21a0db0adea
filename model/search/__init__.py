"""Search every note and promise: a query language and an index built once per snapshot.

A query is words, all of which must match (ANDed), and narrowing terms::

    pricing "next quarter" @Tanaka #sales kind:meal since:2026-01 before:2026-06

Words and ``"phrases"`` match anywhere in a note's text, its tags, its kind
and its people's names and readings, as substrings: Japanese needs no spaces.
Both sides are folded (:func:`model.language.names.fold`: NFKC, case-folded, katakana
as hiragana), so ``サトウ`` finds ``さとう`` and ``ｻﾄｳ``, ``ＡＢＣ`` finds ``abc``.
Confidential notes match only when asked for. The terms are read by :mod:`.query`.

:class:`SearchIndex` (the app's, built in the snapshot's worker: :mod:`.index`) holds
every entry as one line of coarsely folded bytes (:func:`coarse`, :mod:`.folding`),
newest first, so a word's candidates are one ``bytes.find`` pass (C speed,
:mod:`.lines`), then checked exactly (:mod:`.entries`). :func:`search_store`
(``kizuna search``: :mod:`.store_scan`) finds candidates the same way in the
part files' own bytes and builds only the notes that may match. The coarse pass
misses a match only in rare cases (a non-ASCII capital letter, a query word with
a quote or backslash falls back to reading every note).
"""

from model.search.entries import Hit
from model.search.folding import coarse, fold_many
from model.search.highlight import highlight_spans
from model.search.index import SearchIndex
from model.search.lines import lines_with
from model.search.query import Query, QueryError, parse_query
from model.search.store_scan import search_store

__all__ = ["Hit", "Query", "QueryError", "SearchIndex", "coarse", "fold_many", "highlight_spans", "lines_with",
           "parse_query", "search_store"]
