"""Relationship health in numbers: what the health screen and ``kizuna health`` draw.

Pure functions of a :class:`~model.planning.book.Book` and ``today`` that return
plain dataclasses; nothing here draws. Each chart has its numbers and a one-line
plain **reading** ("3 of 5 deep relationships had no deep conversation in 60 days"),
one module per chart:

* :mod:`.rhythm` — a person's last months as counts of deep conversations and touches;
* :mod:`.days` — deep conversations and touches per day over the period (the heatmap);
* :mod:`.cadence` — deep and active people: days since the last touch and deep
  conversation against their cadence, worst first;
* :mod:`.quarters` — promises kept / broken / open per calendar quarter, mine and
  theirs apart, with the on-time rate;
* :mod:`.trust_trend` — trust balance per deep and active person, with its trend;
* :mod:`.focus_months` — the deep and active tiers' spread, and how many focus
  months met the focus template and held their deep conversations;
* :mod:`.scope` — the months of a period and the people the charts weigh.

Notes count by their date, kind and depth only: a confidential note counts like any
other and its text is never read here. Kizuna's own ``log`` entries never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from model.language.i18n import N_
from model.planning.book import Book
from model.planning.health.cadence import (DEEP_GAP_DAYS, DUE_SOON_DAYS, STATES, CadenceBar, cadence_bars,
                                           cadence_reading)
from model.planning.health.days import Heatmap, heatmap, scan_notes
from model.planning.health.focus_months import DiversityHealth, FocusMonth, diversity_health
from model.planning.health.quarters import PromiseCounts, QuarterPromises, promise_quarters, promise_reading
from model.planning.health.rhythm import RHYTHM_MONTHS, Rhythm, RhythmCounter, person_rhythm, rhythm_of
from model.planning.health.scope import PERIODS, close_people, months_ending, period_start
from model.planning.health.trust_trend import TREND_MONTHS, TrustRow, trust_reading, trust_rows, trust_rows_from

__all__ = ["DEEP_GAP_DAYS", "DUE_SOON_DAYS", "EMPTY_TEXT", "PERIODS", "RHYTHM_MONTHS", "STATES", "TREND_MONTHS",
           "CadenceBar", "DiversityHealth", "FocusMonth", "Health", "Heatmap", "PromiseCounts", "QuarterPromises",
           "Rhythm", "RhythmCounter", "TrustRow", "cadence_bars", "cadence_reading", "diversity_health", "health",
           "heatmap", "months_ending", "period_start", "person_rhythm", "promise_quarters", "promise_reading",
           "rhythm_of", "trust_reading", "trust_rows"]


@dataclass(frozen=True)
class Health:
    """Every chart's numbers and readings for one period."""

    today: date
    months: int
    people: int  # everyone not archived
    heatmap: Heatmap
    cadence: tuple[CadenceBar, ...]
    promises: tuple[QuarterPromises, ...]
    trust: tuple[TrustRow, ...]
    diversity: DiversityHealth

    @property
    def empty(self) -> bool:
        return self.people == 0

    def readings(self) -> dict[str, str]:
        return {"heatmap": self.heatmap.reading(), "cadence": cadence_reading(list(self.cadence)),
                "promises": promise_reading(list(self.promises)),
                "trust": trust_reading(list(self.trust), TREND_MONTHS),
                "diversity": self.diversity.reading()}

    def to_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "months": self.months, "people": self.people,
                "readings": self.readings(), "heatmap": self.heatmap.to_dict(),
                "cadence": [b.to_dict() for b in self.cadence],
                "promises": [q.to_dict() for q in self.promises],
                "trust": [r.to_dict() for r in self.trust],
                "diversity": self.diversity.to_dict()}


EMPTY_TEXT = N_("Nobody here yet. Add people (a on the main screen, or kizuna import), write notes "
                "with them (n), and their rhythms, promises and trust show here.")


def health(book: Book, today: date, months: int = 12) -> Health:
    """Everything the health screen and ``kizuna health`` show, for ``months`` months to today."""
    people = sum(1 for c in book.contacts() if c.tier != "archived")
    close = close_people(book)
    heat, sums = scan_notes(book, today, months, TREND_MONTHS, [c.id for c in close])  # one walk over the notes
    return Health(today, months, people, heat, tuple(cadence_bars(book, today)),
                  tuple(promise_quarters(book, today, months)),
                  tuple(trust_rows_from(book, today, TREND_MONTHS, close, sums)),
                  diversity_health(book, today, months))
