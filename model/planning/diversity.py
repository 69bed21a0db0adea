"""Diversity of a set of people (A5): an open network, not an echo chamber.

For any set of contacts (the deep tier, this month's focus, ...) this counts
the spread over industry, function, level and generation, measures how even
that spread is, works out the share outside the owner's own industry, and
writes plain-language warnings for a lopsided set.

**Unknown is not a category.** A blank field is counted as *unknown* and
never makes a set look more diverse than what is known about it:

* ``evenness`` scores unknown people as if they shared the most common known
  value (the worst case), so filling in a blank can only raise the score if
  the set really is varied;
* the share outside my industry counts only people whose industry is known
  to differ (``outside / size``, unknowns in the denominator).

**Evenness** is the normalised Gini-Simpson index: the chance that two
different people picked at random differ in that dimension, divided by the
largest chance possible for a set of that size (everyone different). 1.0 =
everyone differs, 0.0 = everyone the same (or nothing known). It needs two
or more people; for a set of one it is 0.0.

**Warnings** (thresholds are the constants below):

* *dominance*: the most common value of a dimension is held by everyone
  (2 or more people), or by at least ``DOMINANT_MIN`` people who are at
  least ``DOMINANT_SHARE`` (70 %) of the set -> "4 of 5 deep relationships
  are in manufacturing". 4 of 5 and 3 of a four-slot plan trigger it; 3 of
  5 is a majority, not a lopsided set, and does not; neither do 2 of 4 (the
  A9 template's own two cross-industry slots).
* *own industry*: with ``own_industry`` set and 2 or more people, no one
  known to be outside it -> "no one ... is outside your industry"; fewer than
  ``OUTSIDE_MIN_SHARE`` (40 %) outside -> "only 1 of 5 ...". The A9 template
  alone puts 2 of 4 (50 %) outside.
* *unknown*: a dimension blank for at least ``UNKNOWN_SHARE`` (half) of a set
  of 2 or more -> "generation not recorded for 3 of 5 ...", because the other
  numbers cannot be trusted then.
* *own industry not set*: the share outside cannot be measured; say so once.

Values are compared folded (case, width and spacing ignored: "Manufacturing"
and "ｍａｎｕｆａｃｔｕｒｉｎｇ " are one industry); the label shown is the first
spelling met.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from model.language.i18n import N_, _, language, ngettext, word, value as shown_value
from model.language.names import fold
from model.records import Contact, Settings

DIMENSIONS = ("industry", "function", "level", "generation")

#: dominance: the top value held by at least this many people ...
DOMINANT_MIN = 3
#: ... who are at least this share of the set (everyone, from 2 people up, always warns)
DOMINANT_SHARE = 0.7
#: fewer than this share known to be outside my industry is a warning
OUTSIDE_MIN_SHARE = 0.4
#: a dimension blank for at least this share of the set is a warning
UNKNOWN_SHARE = 0.5

OWN_NOT_SET = N_("your own industry is not set, so the share outside it is not measured "
                 "(kizuna diversity --own-industry TEXT)")

_LEVEL_PLURAL = {"executive": "executives", "manager": "managers", "staff": "staff",
                 "independent": "independent"}


@dataclass(frozen=True)
class Spread:
    """How one dimension (``industry``, ...) is spread over the set."""

    dimension: str
    counts: dict[str, int]  # known value label -> people, most first
    unknown: int
    evenness: float

    @property
    def known(self) -> int:
        return sum(self.counts.values())

    @property
    def distinct(self) -> int:
        return len(self.counts)

    def top(self) -> tuple[str, int] | None:
        return next(iter(self.counts.items()), None)

    def to_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "counts": dict(self.counts), "unknown": self.unknown,
                "distinct": self.distinct, "evenness": round(self.evenness, 3)}


@dataclass(frozen=True)
class DiversityReport:
    """The spread of a set of people, the share outside my industry, the warnings."""

    size: int
    spread: dict[str, Spread]
    outside_share: float | None  # None when my own industry is not set or the set is empty
    outside: int = 0  # people known to be outside my industry
    inside: int = 0  # people known to be in it
    industry_unknown: int = 0
    own_industry: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "spread": {d: s.to_dict() for d, s in self.spread.items()},
            "own_industry": self.own_industry,
            "outside_share": None if self.outside_share is None else round(self.outside_share, 3),
            "outside": self.outside,
            "inside": self.inside,
            "industry_unknown": self.industry_unknown,
            "warnings": list(self.warnings),
        }


def value_of(contact: Contact, dimension: str) -> str:
    """The contact's value for ``dimension``, stripped ("" when unknown)."""
    return " ".join((getattr(contact, dimension) or "").split())


def evenness(counts: Iterable[int], unknown: int = 0) -> float:
    """Normalised Gini-Simpson evenness; unknowns join the largest group (worst case)."""
    groups = sorted(counts, reverse=True)
    if not groups:
        return 0.0
    groups[0] += unknown
    n = sum(groups)
    if n < 2:
        return 0.0
    same = sum(c * (c - 1) for c in groups) / (n * (n - 1))
    return max(0.0, min(1.0, 1.0 - same))


def spread(contacts: Iterable[Contact], dimension: str) -> Spread:
    """Count ``dimension``'s values over ``contacts``; blanks are unknown."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    unknown = 0
    for c in contacts:
        value = value_of(c, dimension)
        if not value:
            unknown += 1
            continue
        key = fold(value)
        labels.setdefault(key, value)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Spread(dimension, {labels[k]: n for k, n in ordered}, unknown,
                  evenness(counts.values(), unknown))


def _dominance_text(dimension: str, value: str, count: int, size: int, label: str) -> str:
    if count == size:
        subject = (_("both {label}") if size == 2 else _("all {size} {label}")).format(size=size, label=label)
    else:
        subject = _("{count} of {size} {label}").format(count=count, size=size, label=label)
    if dimension == "industry":
        return _("{subject} are in {value}").format(subject=subject, value=value)
    if dimension == "function":
        return _("{subject} work in {value}").format(subject=subject, value=value)
    if dimension == "level":
        shown = _LEVEL_PLURAL.get(value, value) if language() == "en" else word("level", value)
        return _("{subject} are {level}").format(subject=subject, level=shown)
    return _("{subject} are in their {value}").format(subject=subject, value=shown_value(dimension, value))


def diversity(contacts: Iterable[Contact], settings: Settings, label: str = "people") -> DiversityReport:
    """The diversity report for ``contacts``.

    ``label`` is a plural noun phrase used in the warnings ("deep
    relationships", "people in this month's focus").
    """
    people = list(contacts)
    size = len(people)
    spreads = {d: spread(people, d) for d in DIMENSIONS}
    warnings: list[str] = []

    if size >= 2:
        for d in DIMENSIONS:
            top = spreads[d].top()
            if top is None:
                continue
            value, count = top
            if count == size or (count >= DOMINANT_MIN and count / size >= DOMINANT_SHARE):
                warnings.append(_dominance_text(d, value, count, size, label))

    own = " ".join(settings.own_industry.split())
    outside = inside = unknown_industry = 0
    own_key = fold(own)
    for c in people:
        value = value_of(c, "industry")
        if not value:
            unknown_industry += 1
        elif own:
            if fold(value) == own_key:
                inside += 1
            else:
                outside += 1
    outside_share: float | None = None
    if own and size:
        outside_share = outside / size
        if size >= 2 and outside == 0:
            warnings.append(_("no one of {size} {label} is outside your industry ({own})").format(
                size=size, label=label, own=own))
        elif size >= 2 and outside_share < OUTSIDE_MIN_SHARE:
            warnings.append(ngettext("only {outside} of {size} {label} is outside your industry ({own})",
                                     "only {outside} of {size} {label} are outside your industry ({own})",
                                     outside).format(outside=outside, size=size, label=label, own=own))
    elif not own and size:
        warnings.append(_(OWN_NOT_SET))

    if size >= 2:
        blanks: dict[int, list[str]] = {}
        for d in DIMENSIONS:
            blank = spreads[d].unknown
            if blank and blank / size >= UNKNOWN_SHARE:
                blanks.setdefault(blank, []).append(d)
        for blank, dims in sorted(blanks.items(), reverse=True):
            shown = [_(d) for d in dims]
            names = shown[0] if len(shown) == 1 else _("{some} and {last}").format(
                some=_(", ").join(shown[:-1]), last=shown[-1])
            warnings.append(_("{names} not recorded for {blank} of {size} {label}").format(
                names=names, blank=blank, size=size, label=label))

    return DiversityReport(size=size, spread=spreads, outside_share=outside_share,
                           outside=outside, inside=inside, industry_unknown=unknown_industry,
                           own_industry=own, warnings=warnings)
