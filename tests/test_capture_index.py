"""The name index parse keeps between keystrokes gives the answers a fresh parse gives."""

from __future__ import annotations

import dataclasses

from model.capture import CaptureError, parse
from model.language.names import describe
from model.records import Contact

from capture_helpers import THU

FAMILY = ["Tanaka", "Tanabe", "Sato", "Saito", "佐藤", "田中", "Emily", "Li"]
GIVEN = ["Yuki", "Jiro", "Ken", "Emi", "健", "一郎", "Lee", "Ann"]
PEOPLE = [Contact(name=f"{f} {g}", reading=("たなか" if f in ("Tanaka", "田中") else ""),
                  company=f"Co{i % 3}") for i, (f, g) in enumerate((f, g) for f in FAMILY for g in GIVEN)]
LINES = [
    'met @Tanaka for lunch yesterday: @"Tanaka Yuki" will send the deck by 12/5',
    "call with @Tanaka Ji on tue",
    "@佐藤健 ランチ: 佐藤 promised 資料 by 12/5",
    '@"Saito Ken (Co2)" coffee last fri, @Emily to send notes by fri',
    "@たなかゆ hi @Li @Lee",
]


def _meaning(line: str, people: list[Contact]):
    try:
        cap = parse(line, people, THU)
    except CaptureError as exc:
        return ("error", str(exc), exc.start, exc.end)
    return ([describe(c) for c in cap.people], [describe(c) for c in cap.new_people], cap.kind, cap.when,
            cap.text, [(d.owner, describe(d.contact), d.text, d.due) for d in cap.promises],
            [(t.role, t.start, t.end) for t in cap.tokens])


def test_every_keystroke_reads_as_a_fresh_parse_does() -> None:
    for line in LINES:
        for k in range(1, len(line) + 1):
            prefix = line[:k]
            warm = _meaning(prefix, PEOPLE)  # the same list every keystroke: the kept index
            fresh = _meaning(prefix, [dataclasses.replace(c) for c in PEOPLE])  # new records: a new index
            assert warm == fresh, prefix


def test_containing_narrows_from_the_last_keystroke_without_losing_anyone() -> None:
    """Each query finds exactly the people one of whose folded keys holds it: never text
    spanning two keys (a name and its reading), however the keys are kept together."""
    from model.capture.words import NameIndex, folded

    index = NameIndex.of(PEOPLE)
    queries = ["t", "ta", "tan", "tana", "a", "an", "ana", "n", "na", "nak", "tanab", "e", "ei", "佐", "佐藤",
               "藤", "li", "i", "ee", "lee", "たな", "な", "たなか", "ka", "k", "ke", "ken", "x", "xx"]
    for q in queries + queries[::-1]:
        expected = [c for c in PEOPLE if any(q in k for k in folded(c))]
        assert index.containing(q) == expected, q
    assert NameIndex.of(list(PEOPLE)) is index  # the same records: the same index
    assert NameIndex.of(PEOPLE[:-1]) is not index
