"""What every importer hands over, and how people are matched against the store.

A reader (vCard, LinkedIn, Google) turns a file into :class:`PersonDraft`
objects plus :class:`Problem` lines; :func:`plan_people` decides, for each
draft, whether it is a new person, a merge into someone already there, or
nothing new. Nothing here writes: :mod:`model.transfer` applies a plan in one
transaction.

Two people are the same when they share an email address (case-insensitive)
or have the same folded name (:func:`model.language.names.fold`) and the same folded
company. A merge fills the blank fields of the person already there and adds
the emails, phones, links and tags they did not have; it never overwrites.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from model.language.names import fold
from model.records import Contact, Record, Settings, now_stamp
from model.language.text import clean_field

Progress = Callable[[int, int], None]
"""``progress(done, total)``, called now and then while a long step runs."""

#: Plain text fields a merge fills when the person already there has them blank.
FILL_FIELDS = ("reading", "company", "title", "industry", "function", "level", "generation",
               "relation", "how_met", "birthday")
#: List fields a merge unions.
LIST_FIELDS = ("emails", "phones", "links", "tags")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a part of the file: ``where`` is ``line 12`` or ``row 7``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class PersonDraft:
    """A person as read from a file, before it is matched against the store."""

    where: str  # "line 12", "row 7": where the person starts in the file
    name: str = ""
    reading: str = ""
    company: str = ""
    title: str = ""
    industry: str = ""
    function: str = ""
    level: str = ""
    generation: str = ""
    relation: str = ""
    how_met: str = ""
    birthday: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""

    def contact(self) -> Contact:
        """The new contact this draft becomes (network tier; validated)."""
        return Contact(
            name=self.name, reading=self.reading, company=self.company, title=self.title,
            industry=self.industry, function=self.function, level=self.level,
            generation=self.generation, relation=self.relation, how_met=self.how_met,
            birthday=self.birthday, emails=tuple(_unique(self.emails)),
            phones=tuple(_unique(self.phones)), links=tuple(_unique(self.links)),
            tags=tuple(_unique(self.tags)), notes=self.notes, tier="network",
        )


@dataclass
class ImportPlan:
    """What an import would do. ``added``/``merged``/``skipped`` are for people;
    a Kizuna JSON import also fills ``records_added`` and ``records_replaced``."""

    path: str
    fmt: str
    drafts: list[PersonDraft] = field(default_factory=list)
    added: list[Contact] = field(default_factory=list)
    merged: list[tuple[Contact, Contact]] = field(default_factory=list)  # (before, after)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (who, why)
    #: people the file gave no name, named after their e-mail or phone: (where, the name)
    unnamed: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read_problems: list[Problem] = field(default_factory=list)  # the reader's, before planning
    #: JSON import: records of every kind that are new, and (old, new) pairs replaced
    records_added: list[Record] = field(default_factory=list)
    records_replaced: list[tuple[Record, Record]] = field(default_factory=list)
    records_removed: list[Record] = field(default_factory=list)
    settings: Settings | None = None
    #: the store version the plan was made against; a changed store is planned again
    version: Any = None
    payload: Any = None  # the parsed file, kept so the plan can be remade
    applied: bool = False

    @property
    def changes(self) -> int:
        return (len(self.added) + len(self.merged) + len(self.records_added)
                + len(self.records_replaced) + (self.settings is not None))

    def summary(self) -> str:
        """One line: what was (or would be) added, merged and skipped."""
        if self.fmt == "json":
            kinds: dict[str, int] = {}
            for r in self.records_added:
                kinds[r.table] = kinds.get(r.table, 0) + 1
            stones = kinds.pop("deletions", 0)
            added = ", ".join(f"{n} {t.replace('_', ' ')[:-1] if n == 1 else t.replace('_', ' ')}"
                              for t, n in sorted(kinds.items())) or "nothing"
            gone = sum(1 for _, why in self.skipped if why.endswith("deleted in this store"))
            parts = [f"added {added}", f"{len(self.records_replaced)} replaced by newer",
                     f"{len(self.skipped)} skipped" + (f" ({gone} as deleted in this store)" if gone else "")]
            if stones:
                parts.append(f"{stones} deletion{'s' * (stones != 1)} recorded")
            if self.settings is not None:
                parts.append("settings restored")
        else:
            parts = [f"{len(self.added)} added", f"{len(self.merged)} merged",
                     f"{len(self.skipped)} skipped"]
            if self.unnamed:
                parts.append(f"{len(self.unnamed)} with no name named after their e-mail or phone")
        if self.problems:
            parts.append(f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)}")
        return ", ".join(parts)


def _unique(values: list[str] | tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        v = v.strip()
        key = v.casefold()
        if v and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def clean_tag(text: str) -> str:
    """A label or category as a Kizuna tag: trimmed, lower case, spaces as dashes."""
    return "-".join(text.strip().lstrip("#").casefold().replace(",", " ").split())


def legacy_charset(raw: bytes) -> str:
    """The charset of a file that is not UTF-8: cp932 (Shift_JIS as Japanese
    phones and Excel in Japan write it) or cp1252 (Windows' Western European,
    which Outlook and Excel write elsewhere).

    Shift_JIS it is when it decodes as such and has kana, says SHIFT_JIS, has
    bytes cp1252 does not define (0x81, 0x8D, ...: common Shift_JIS lead
    bytes), or reads in cp1252 as more symbols than letters.
    """
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return "cp1252"
    if b"SHIFT_JIS" in raw.upper() or any("\u3040" <= ch <= "\u30ff" or "\uff61" <= ch <= "\uff9f"
                                          for ch in text):
        return "cp932"
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        return "cp932"
    high = [ch for ch in western if ord(ch) > 127]
    letters = sum(1 for ch in high if ch.isalpha())
    return "cp1252" if letters >= 0.7 * len(high) else "cp932"


def is_cjk(text: str) -> bool:
    """Does ``text`` contain Chinese, Japanese or Korean characters?"""
    for ch in unicodedata.normalize("NFKC", text):
        name = unicodedata.name(ch, "")
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
            return True
    return False


def full_name(given: str, family: str, middle: str = "") -> str:
    """Given and family name in the order the name's script uses.

    Japanese, Chinese and Korean names put the family name first
    ("山田 太郎"); others put it last ("John Smith").
    """
    given, family, middle = given.strip(), family.strip(), middle.strip()
    if is_cjk(given + family):
        return " ".join(p for p in (family, given, middle) if p)
    return " ".join(p for p in (given, middle, family) if p)


def filled_from(old: Contact, other: Contact, fill: tuple[str, ...] = FILL_FIELDS,
                lists: tuple[str, ...] = LIST_FIELDS) -> dict[str, Any]:
    """The changes that fill ``old``'s blank ``fill`` fields from ``other`` and extend its
    ``lists`` with the values it lacks (compared without case); ``old``'s own values win."""
    changes: dict[str, Any] = {}
    for name in fill:
        if not getattr(old, name) and getattr(other, name):
            changes[name] = getattr(other, name)
    for name in lists:
        have = getattr(old, name)
        known = {v.casefold() for v in have}
        extra = tuple(v for v in getattr(other, name) if v.casefold() not in known)
        if extra:
            changes[name] = have + extra
    return changes


def merge_into(old: Contact, draft: Contact) -> Contact | None:
    """``old`` with blanks filled and lists extended from ``draft``, or None if nothing is new."""
    changes = filled_from(old, draft)
    if draft.notes and draft.notes.strip() not in old.notes:
        changes["notes"] = f"{old.notes}\n\n{draft.notes}".strip() if old.notes else draft.notes
    if not changes:
        return None
    return replace(old, updated=now_stamp(), **changes)


class PeopleIndex:
    """Who is already there, by email and by (name, company); built once per plan."""

    def __init__(self, contacts: list[Contact]) -> None:
        self.by_email: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        self.current: dict[str, Contact] = {}
        for c in contacts:
            self.note(c)

    def note(self, c: Contact) -> None:
        self.current[c.id] = c
        for e in c.emails:
            self.by_email.setdefault(e.casefold(), c.id)
        self.by_name.setdefault((fold(c.name), fold(c.company)), c.id)

    def find(self, c: Contact) -> Contact | None:
        for e in c.emails:
            cid = self.by_email.get(e.casefold())
            if cid:
                return self.current[cid]
        cid = self.by_name.get((fold(c.name), fold(c.company)))
        return self.current[cid] if cid else None


def plan_people(plan: ImportPlan, contacts: list[Contact], progress: Progress | None = None) -> None:
    """Fill ``plan.added``/``merged``/``skipped`` from ``plan.drafts`` against ``contacts``.

    A person who appears twice in the file is merged with the first, so the
    file's own duplicates are not added twice either.
    """
    from model.errors import ValidationError

    plan.added, plan.merged, plan.skipped, plan.unnamed = [], [], [], []
    index = PeopleIndex(contacts)
    existing = {c.id for c in contacts}
    first_before: dict[str, Contact] = {}  # id -> the stored person before any merge
    added_at: dict[str, int] = {}  # id -> position in plan.added
    total = len(plan.drafts)
    for i, draft in enumerate(plan.drafts):
        if progress and i % 200 == 0:
            progress(i, total)
        if not clean_field(draft.name).strip():
            # Nothing dropped: a card with only an e-mail or phone (Android exports them)
            # comes in under it, and the plan says so; one with neither has no one to name.
            stand_in = next((v.strip() for v in (*draft.emails, *draft.phones) if clean_field(v).strip()), "")
            if not stand_in:
                plan.skipped.append((draft.where, "no name, e-mail or phone"))
                continue
            draft = replace(draft, name=stand_in)
            plan.unnamed.append((draft.where, clean_field(stand_in)))
        try:
            new = draft.contact()
        except ValidationError as exc:
            plan.skipped.append((draft.name, str(exc)))
            plan.problems.append(Problem(draft.where, f"{draft.name}: {exc}"))
            continue
        old = index.find(new)
        if old is None:
            index.note(new)
            added_at[new.id] = len(plan.added)
            plan.added.append(new)
            continue
        merged = merge_into(old, new)
        if merged is None:
            plan.skipped.append((draft.name, f"already there as {old.name}, nothing new"))
            continue
        index.note(merged)
        if old.id in existing:
            first_before.setdefault(old.id, old)
        else:  # a duplicate inside the file: update the pending addition
            plan.added[added_at[merged.id]] = merged
    # One merge entry per stored person, however many rows added to them.
    for cid, before in first_before.items():
        plan.merged.append((before, index.current[cid]))
    if progress:
        progress(total, total)


class Snapshot:
    """The store's records as they are now, for planning an import off the main thread.

    The app takes one on its own thread (cheap: lists of frozen records) and
    hands it to a worker, so the worker never touches the store itself;
    :func:`model.transfer.apply_plan` then writes on the store's own thread
    and plans again if the store moved on meanwhile.
    """

    def __init__(self, store) -> None:
        self.version = store.version
        self._contacts = store.contacts()
        self._interactions = store.interactions()
        self._promises = store.promises()
        self._plans = store.focus_plans()
        self._settings = store.settings()
        from model.actions.edit import deletions

        self._deletions = deletions(store)  # what a JSON import must not bring back

    def contacts(self) -> list[Contact]:
        return list(self._contacts)

    def interactions(self) -> list:
        return list(self._interactions)

    def promises(self) -> list:
        return list(self._promises)

    def focus_plans(self) -> list:
        return list(self._plans)

    def settings(self) -> Settings:
        return self._settings

    def records(self, cls: type) -> list:
        """The deletions (the only table read this way when planning an import)."""
        return list(self._deletions) if getattr(cls, "table", "") == "deletions" else []
