"""The demo data: deterministic, relative to today, and shaped so every view has something to show."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from model.demo import build_demo, demo_records
from model.records import DEFAULT_TEMPLATE, KINDS, Contact, FocusPlan, Interaction, Promise
from model.store import Store

TODAY = date(2026, 11, 26)
HIRAGANA = re.compile(r"[\u3041-\u3096]")
KATAKANA = re.compile(r"[\u30a1-\u30fa]")
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("demo") / "demo.json")
    build_demo(store, TODAY)
    return Store(store.path)  # read back from the file


def test_same_today_same_data_ids_and_stamps_included() -> None:
    first = [r.to_dict() for r in demo_records(TODAY)]
    assert first == [r.to_dict() for r in demo_records(TODAY)]
    moved = demo_records(TODAY + timedelta(days=10))
    assert [type(r) for r in moved] == [type(r) for r in demo_records(TODAY)]
    notes = [r for r in moved if isinstance(r, Interaction)]
    latest = date.fromisoformat(max(n.date for n in notes))
    assert TODAY + timedelta(days=7) <= latest <= TODAY + timedelta(days=10)


@pytest.mark.parametrize("today", [TODAY, date(2026, 1, 1), date(2028, 2, 29), date(2026, 3, 1),
                                   date(2026, 12, 31)])
def test_everything_happens_in_the_last_18_months(today: date) -> None:
    records = demo_records(today)
    notes = [r for r in records if isinstance(r, Interaction)]
    dates = [date.fromisoformat(n.date) for n in notes]
    assert max(dates) <= today
    assert min(dates) >= today - timedelta(days=550)
    assert min(dates) <= today - timedelta(days=480)
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    people = {r.id for r in records if isinstance(r, Contact)}
    assert all(set(n.contacts) <= people and n.contacts for n in notes)
    assert all(p.contact in people for p in records if isinstance(p, Promise))


def test_people(demo: Store) -> None:
    people = demo.contacts()
    assert 38 <= len(people) <= 42
    tiers = Counter(c.tier for c in people)
    assert tiers["deep"] == demo.settings().deep_cap == 5  # full, so the cap shows
    assert 10 <= tiers["active"] <= demo.settings().active_cap
    assert 1 <= tiers["archived"] <= 2
    assert tiers["network"] >= 15
    assert len({c.industry for c in people}) >= 10
    assert {c.generation for c in people} >= {"20s", "30s", "40s", "50s", "60s", "70s"}
    assert {c.level for c in people} == {"executive", "manager", "staff", "independent"}
    assert len({c.relation for c in people}) >= 6
    assert len({c.function for c in people}) >= 8
    japanese = [c for c in people if CJK.search(c.name)]
    latin = [c for c in people if not CJK.search(c.name)]
    assert len(japanese) >= 15 and len(latin) >= 10
    assert any(HIRAGANA.search(c.reading) for c in japanese)
    assert any(KATAKANA.search(c.reading) for c in japanese)
    assert any(not c.reading for c in japanese)
    assert 1 <= sum(bool(c.reading) for c in latin) < len(latin)
    assert all(c.emails and c.how_met for c in people if c.tier in ("deep", "active"))
    assert all(c.purposes and c.stage and c.next_step for c in people if c.tier == "deep")
    assert demo.settings().own_industry == "manufacturing"


def test_interactions_cover_every_kind_depth_and_scope(demo: Store) -> None:
    notes = demo.interactions()
    assert len(notes) >= 300
    kinds = Counter(n.kind for n in notes)
    assert set(kinds) == set(KINDS)
    assert kinds["log"] <= 10
    assert {n.depth for n in notes} == {"deep", "touch"}
    assert {n.scope for n in notes} == {"open", "private", "confidential"}
    assert any(len(n.contacts) >= 3 for n in notes)
    assert any(CJK.search(n.text) for n in notes) and any(not CJK.search(n.text) for n in notes)
    assert sum(bool(re.search(r"\d", n.text)) for n in notes) > len(notes) / 2  # real figures
    assert any(n.tags for n in notes)


def last_contact(demo: Store) -> dict[str, date]:
    last: dict[str, date] = {}
    for n in demo.interactions():
        if n.kind == "log":
            continue
        for cid in n.contacts:
            last[cid] = max(last.get(cid, date.min), date.fromisoformat(n.date))
    return last


def test_someone_is_past_their_cadence_and_someone_is_snoozed(demo: Store) -> None:
    last = last_contact(demo)
    cadence = demo.settings().touch_cadence_days
    due = [c for c in demo.contacts() if c.tier in ("deep", "active") and not c.snoozed_until
           and (TODAY - last[c.id]).days > (c.cadence_days or cadence)]
    assert len(due) >= 2
    soon = [c for c in demo.contacts() if c.tier in ("deep", "active")
            and 0 <= (c.cadence_days or cadence) - (TODAY - last[c.id]).days <= 7]
    assert soon  # comes up this week
    snoozed = [c for c in demo.contacts() if c.snoozed_until]
    assert snoozed and all(date.fromisoformat(c.snoozed_until) > TODAY and c.snooze_reason for c in snoozed)


def test_promises_of_every_kind(demo: Store) -> None:
    mine = [p for p in demo.promises() if p.owner == "me"]
    theirs = [p for p in demo.promises() if p.owner == "them"]
    kept = [p for p in mine if p.status == "kept"]
    assert any(p.resolved <= p.original_due for p in kept)
    assert any(p.resolved > p.original_due for p in kept)
    assert {"broken", "dropped"} <= {p.status for p in mine}
    open_ = [date.fromisoformat(p.due) for p in mine if p.status == "open"]
    assert any(d < TODAY for d in open_)  # overdue, mine
    assert TODAY in open_  # due today
    assert any(TODAY < d <= TODAY + timedelta(days=7) for d in open_)
    assert {"kept", "broken", "open"} <= {p.status for p in theirs}
    assert any(p.status == "open" and date.fromisoformat(p.due) < TODAY for p in theirs)
    assert any(p.resolved > p.original_due for p in theirs if p.status == "kept")
    notes = {n.id for n in demo.interactions()}
    assert all(p.interaction in notes for p in demo.promises())
    assert all((p.status == "open") == (p.resolved is None) for p in demo.promises())


def test_focus_plans_this_month_and_last(demo: Store) -> None:
    this = demo.focus_plan("2026-11")
    last = demo.focus_plan("2026-10")
    assert isinstance(this, FocusPlan) and isinstance(last, FocusPlan)
    assert tuple(s.role for s in this.slots) == DEFAULT_TEMPLATE == tuple(s.role for s in last.slots)
    assert this.challenge and this.purpose and not this.review
    assert sum(s.contact is None for s in this.slots) == 1
    assert all(s.contact and s.intent for s in last.slots) and last.review
    people = {c.id: c for c in demo.contacts()}
    assert all(s.contact in people for p in (this, last) for s in p.slots if s.contact)
    # a focus person already had this month's deep conversation, another has not yet
    deep_this_month = {cid for n in demo.interactions() if n.depth == "deep" and n.date >= "2026-11-01"
                       for cid in n.contacts}
    focus = [s.contact for s in this.slots if s.contact]
    assert any(c in deep_this_month for c in focus)
    assert any(c not in deep_this_month for c in focus)


def test_kizuna_demo_builds_at_every_start_in_one_write(tmp_path: Path) -> None:
    store = Store(tmp_path / "demo.json")
    build_demo(store, TODAY)
    assert not (tmp_path / "demo-backups").exists()  # one write to a new file: nothing to back up
    assert len(Store(tmp_path / "demo.json").contacts()) == len(store.contacts())
