"""The records Kizuna keeps: plain, typed, validated on the way in.

Every record is a frozen dataclass. Edit one with :func:`dataclasses.replace`
(which validates again), never in place: a record handed out by the store is
a snapshot, and mutating it must not change what the store holds.

Records built from the store's own file skip validation (:meth:`Record.trusted`)
because they were validated when they were written; that keeps loading tens of
thousands of notes fast.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from model.errors import ValidationError
from model.language.i18n import _
from model.language.text import clean_field
from model.records.validate import (
    check_birthday,
    check_choice,
    check_date,
    check_distinct,
    check_stamp,
    check_strings,
    check_text,
)
from model.records.vocabulary import (
    TIERS,
    LEVELS,
    RELATIONS,
    STAGES,
    KINDS,
    DEPTHS,
    SCOPES,
    OWNERS,
    PROMISE_STATUSES,
    PURPOSES,
    LANGUAGES,
    DEFAULT_TEMPLATE,
)

_GENERATION = re.compile(r"^[1-9]0s$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
R = TypeVar("R", bound="Record")


def new_id() -> str:
    """A stable random id, never TinyDB's ``doc_id``."""
    return uuid.uuid4().hex


def now_stamp() -> str:
    """Now as an ISO 8601 timestamp with microseconds and its UTC offset.

    Microseconds (always six digits) keep two records written in the same second
    in the order they were written when sorted by their stamps."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="microseconds")


def field_label(name: object) -> str:
    """A field name from outside data as an error shows it: as it is when it is a plain
    name, quoted with escapes otherwise (a name with a line break stays on one line)."""
    text = str(name)
    return text if text.isidentifier() else repr(text)


# -- the base -----------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """Fields every stored record has, and the conversions to and from dicts."""

    table: ClassVar[str] = ""
    #: fields held as tuples in memory and lists in JSON
    _lists: ClassVar[tuple[str, ...]] = ()
    if TYPE_CHECKING:  # every record class declares these last (they have defaults there)
        id: str
        created: str
        updated: str
    #: text fields that keep line breaks and tabs (the rest are one line)
    _multiline: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for name in self._lists:
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        self._clean()
        self.validate()

    def _clean(self) -> None:
        """Drop control characters from every text field (text is data: model/language/text.py)."""
        d = self.__dict__
        for name, value in d.items():
            if isinstance(value, str):
                if not value.isprintable():
                    d[name] = clean_field(value, multiline=name in self._multiline)
            elif isinstance(value, tuple) and not all(not isinstance(v, str) or v.isprintable() for v in value):
                # an item that was nothing but control characters goes (an empty tag or e-mail)
                d[name] = tuple(clean_field(v) if isinstance(v, str) else v for v in value
                                if not isinstance(v, str) or not v or clean_field(v).strip())

    def validate(self) -> None:
        where = self.table.rstrip("s")
        check_text(f"{where}.id", self.id, required=True)
        check_stamp(f"{where}.created", self.created)
        check_stamp(f"{where}.updated", self.updated)

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build and validate a record from outside data (JSON, a form).

        Unknown keys are an error naming the key, so a typo never vanishes.
        """
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            where = cls.table.rstrip("s")
            raise ValidationError(f"{where}.{field_label(unknown[0])}", _("is not a known field"))
        return cls(**data)

    @classmethod
    def trusted(cls: type[R], data: dict[str, Any]) -> R:
        """Build a record from the store's own data without validating it."""
        obj = object.__new__(cls)
        d = obj.__dict__
        d.update(data)
        for name in cls._lists:
            d[name] = tuple(d.get(name) or ())
        return obj

    def touched(self: R, **changes: Any) -> R:
        """A copy with ``changes`` applied and ``updated`` set to now."""
        return dataclasses.replace(self, updated=now_stamp(), **changes)


def _created() -> str:
    return now_stamp()


# -- the records ----------------------------------------------------------------


@dataclass(frozen=True)
class Contact(Record):
    """A person. Names and readings may be in any script."""

    table: ClassVar[str] = "contacts"
    _lists: ClassVar[tuple[str, ...]] = ("purposes", "emails", "phones", "links", "tags")
    _multiline: ClassVar[tuple[str, ...]] = ("notes",)

    name: str = ""
    reading: str = ""
    company: str = ""
    title: str = ""
    industry: str = ""
    function: str = ""
    level: str = ""
    generation: str = ""
    relation: str = ""
    tier: str = "network"
    purposes: tuple[str, ...] = ()
    stage: str = ""
    next_step: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    how_met: str = ""
    tags: tuple[str, ...] = ()
    birthday: str = ""  # YYYY-MM-DD, or --MM-DD when the year is unknown
    cadence_days: int | None = None  # per-person override of the touch cadence
    snoozed_until: str | None = None
    snooze_reason: str = ""
    notes: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_created)
    updated: str = field(default_factory=_created)

    def validate(self) -> None:
        super().validate()
        check_text("contact.name", self.name, required=True)
        for name in ("reading", "company", "title", "industry", "function",
                     "next_step", "how_met", "snooze_reason", "notes"):
            check_text(f"contact.{name}", getattr(self, name))
        check_choice("contact.tier", self.tier, TIERS)
        check_choice("contact.level", self.level, LEVELS, blank=True)
        check_choice("contact.relation", self.relation, RELATIONS, blank=True)
        check_choice("contact.stage", self.stage, STAGES, blank=True)
        if self.generation and not _GENERATION.match(self.generation):
            raise ValidationError("contact.generation", _("{value!r} is not like 20s, 30s, 40s").format(
                value=self.generation))
        for name in self._lists:
            check_strings(f"contact.{name}", getattr(self, name))
        for p in self.purposes:
            check_choice("contact.purposes", p, PURPOSES)
        if self.birthday:
            check_birthday(self.birthday)
        if self.cadence_days is not None and (
            not isinstance(self.cadence_days, int) or isinstance(self.cadence_days, bool)
            or self.cadence_days < 1
        ):
            raise ValidationError("contact.cadence_days", _("{value!r} is not a whole number of days (1 or more)").format(
                value=self.cadence_days))
        check_date("contact.snoozed_until", self.snoozed_until, optional=True)


@dataclass(frozen=True)
class Interaction(Record):
    """One timeline entry, with one or more people."""

    table: ClassVar[str] = "interactions"
    _lists: ClassVar[tuple[str, ...]] = ("contacts", "tags")
    _multiline: ClassVar[tuple[str, ...]] = ("text",)

    date: str = ""
    contacts: tuple[str, ...] = ()
    kind: str = "note"
    depth: str = "touch"
    text: str = ""
    tags: tuple[str, ...] = ()
    scope: str = "open"
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_created)
    updated: str = field(default_factory=_created)

    def validate(self) -> None:
        super().validate()
        check_date("interaction.date", self.date)
        check_strings("interaction.contacts", self.contacts)
        check_distinct("interaction.contacts", self.contacts)
        check_choice("interaction.kind", self.kind, KINDS)
        check_choice("interaction.depth", self.depth, DEPTHS)
        check_text("interaction.text", self.text)
        check_strings("interaction.tags", self.tags)
        check_choice("interaction.scope", self.scope, SCOPES)


@dataclass(frozen=True)
class Promise(Record):
    """A promise, mine to them or theirs to me.

    ``original_due`` keeps the first due date: a promise kept after it is late
    even when it was rescheduled. ``history`` records each reschedule.
    """

    table: ClassVar[str] = "promises"
    _lists: ClassVar[tuple[str, ...]] = ("history",)

    owner: str = "me"
    contact: str = ""
    text: str = ""
    due: str = ""
    status: str = "open"
    resolved: str | None = None
    original_due: str = ""
    history: tuple[dict, ...] = ()  # {"on", "from", "to", "reason"}
    interaction: str | None = None  # the note the promise was captured in
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_created)
    updated: str = field(default_factory=_created)

    def __post_init__(self) -> None:
        if not self.original_due:
            object.__setattr__(self, "original_due", self.due)
        super().__post_init__()

    def validate(self) -> None:
        super().validate()
        check_choice("promise.owner", self.owner, OWNERS)
        check_text("promise.contact", self.contact, required=True)
        check_text("promise.text", self.text, required=True)
        check_date("promise.due", self.due)
        check_date("promise.original_due", self.original_due)
        check_choice("promise.status", self.status, PROMISE_STATUSES)
        check_date("promise.resolved", self.resolved, optional=True)
        if self.status == "open" and self.resolved is not None:
            raise ValidationError("promise.resolved", _("an open promise has no resolved date"))


@dataclass(frozen=True)
class Slot:
    """One place in a month's focus plan: a role, maybe a person, an intent."""

    role: str = "cross-industry"
    contact: str | None = None
    intent: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.intent, str) and not self.intent.isprintable():
            object.__setattr__(self, "intent", clean_field(self.intent))

    def validate(self, where: str) -> None:
        check_choice(f"{where}.role", self.role, RELATIONS)
        if self.contact is not None:
            check_text(f"{where}.contact", self.contact, required=True)
        check_text(f"{where}.intent", self.intent)


@dataclass(frozen=True)
class FocusPlan(Record):
    """The focus of one month (``YYYY-MM``): a challenge, a purpose, slots."""

    table: ClassVar[str] = "focus_plans"
    _lists: ClassVar[tuple[str, ...]] = ("slots",)
    _multiline: ClassVar[tuple[str, ...]] = ("review",)

    month: str = ""
    challenge: str = ""
    purpose: str = "other"
    slots: tuple[Slot, ...] = ()
    review: str = ""
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_created)
    updated: str = field(default_factory=_created)

    def __post_init__(self) -> None:
        slots = tuple(Slot(**s) if isinstance(s, dict) else s for s in self.slots)
        object.__setattr__(self, "slots", slots)
        super().__post_init__()

    def validate(self) -> None:
        super().validate()
        if not isinstance(self.month, str) or not _MONTH.match(self.month):
            raise ValidationError("focus_plan.month", _("{month!r} is not a month (YYYY-MM)").format(month=self.month))
        check_text("focus_plan.challenge", self.challenge)
        check_choice("focus_plan.purpose", self.purpose, PURPOSES)
        for i, slot in enumerate(self.slots):
            if not isinstance(slot, Slot):
                raise ValidationError(f"focus_plan.slots[{i}]", _("is not a slot"))
            slot.validate(f"focus_plan.slots[{i}]")
        check_text("focus_plan.review", self.review)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["slots"] = [dataclasses.asdict(s) for s in self.slots]
        return out

    @classmethod
    def trusted(cls, data: dict[str, Any]) -> FocusPlan:
        obj = super().trusted(data)
        obj.__dict__["slots"] = tuple(Slot(**s) for s in obj.slots)  # type: ignore[arg-type]  # dicts until here
        return obj


@dataclass(frozen=True)
class Settings:
    """The owner's settings, stored in the ``meta`` table beside ``schema_version``."""

    deep_cap: int = 5  # A3, Dunbar's inner layer
    active_cap: int = 15  # Dunbar's next layer
    own_industry: str = ""
    focus_template: tuple[str, ...] = DEFAULT_TEMPLATE
    focus_deep_per_month: int = 1  # A11
    touch_cadence_days: int = 90  # A11: the active tier, a touch each quarter
    deep_cadence_days: int = 30  # A11: the deep tier, a deep conversation each month
    language: str = ""  # the interface's language; "" follows KIZUNA_LANG, then the locale (model.language.i18n.choose)

    def __post_init__(self) -> None:
        if isinstance(self.focus_template, list):
            object.__setattr__(self, "focus_template", tuple(self.focus_template))
        check_choice("settings.language", self.language, LANGUAGES, blank=True)
        for name in ("deep_cap", "active_cap", "focus_deep_per_month", "touch_cadence_days",
                     "deep_cadence_days"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValidationError(f"settings.{name}", _("{value!r} is not a whole number (1 or more)").format(
                    value=value))
        check_text("settings.own_industry", self.own_industry)
        if not self.own_industry.isprintable():
            object.__setattr__(self, "own_industry", clean_field(self.own_industry))
        for role in self.focus_template:
            check_choice("settings.focus_template", role, RELATIONS, shown="relation")

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["focus_template"] = list(self.focus_template)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValidationError(f"settings.{field_label(unknown[0])}", _("is not a known setting"))
        return cls(**data)


RECORD_TYPES: tuple[type[Record], ...] = (Contact, Interaction, Promise, FocusPlan)


@dataclass(frozen=True)
class Deletion(Record):
    """A tombstone: the record with this ``id`` was deleted (``created`` says when).

    Kept so that a copy of the store made before the deletion (another laptop,
    a synced folder) cannot bring the record back when the two are joined."""

    table: ClassVar[str] = "deletions"

    of: str = ""  # the table the record was in: contacts, interactions, promises
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=_created)
    updated: str = field(default_factory=_created)

    def validate(self) -> None:
        super().validate()
        check_choice("deletion.of", self.of, tuple(cls.table for cls in RECORD_TYPES))
