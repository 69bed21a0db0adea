"""The numbers behind every health chart, against small stores built by hand on real files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from model.planning import Book
from model.planning.health import (
    EMPTY_TEXT,
    cadence_bars,
    cadence_reading,
    diversity_health,
    health,
    heatmap,
    months_ending,
    period_start,
    person_rhythm,
    promise_quarters,
    rhythm_of,
    trust_reading,
    trust_rows,
)
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot
from tui.health_charts import (
    cadence_line,
    diversity_lines,
    heatmap_lines,
    promise_lines,
    report_lines,
    rhythm_glyphs,
    sparkline,
    trust_lines,
)

TODAY = date(2026, 11, 26)
SECRET = "board numbers: 42 million, do not tell"

ANA = Contact(name="Ana", tier="deep", industry="finance", created="2025-01-01T00:00:00.000000+00:00")
BEN = Contact(name="Ben", tier="active", industry="software", created="2025-01-01T00:00:00.000000+00:00")
CHO = Contact(name="Cho", tier="deep", industry="finance", created="2025-01-01T00:00:00.000000+00:00")
DAN = Contact(name="Dan", tier="network", created="2025-01-01T00:00:00.000000+00:00")


def note(day: str, *people: Contact, depth: str = "touch", kind: str = "call", scope: str = "open",
         text: str = "talked") -> Interaction:
    return Interaction(date=day, contacts=tuple(p.id for p in people), kind=kind, depth=depth,
                       text=text, scope=scope)


@pytest.fixture
def book(store) -> Book:
    """Ana: a deep conversation a month lately (one confidential); Ben: touches, fading;
    Cho: nothing for 100 days; Dan: network, one note."""
    records = [
        ANA, BEN, CHO, DAN,
        note("2026-11-20", ANA, depth="deep", scope="confidential", text=SECRET),
        note("2026-10-03", ANA, depth="deep"),
        note("2026-10-05", ANA),
        note("2026-09-10", ANA, BEN),  # one note, two people: one touch each, one on the heatmap
        note("2026-06-01", BEN), note("2026-06-02", BEN), note("2026-06-03", BEN),
        note("2026-06-04", BEN), note("2026-06-05", BEN),
        note("2026-08-18", CHO, depth="deep"),
        note("2026-11-25", DAN),
        note("2026-11-24", ANA, kind="log", text="tier: active → deep"),  # bookkeeping: never counts
        note("2026-12-01", ANA, depth="deep"),  # after today: never counts
        note("2025-10-01", ANA, depth="deep"),  # before the period
        # promises: mine to Ana kept on time in Q4, kept late in Q3, broken in Q4; theirs open
        Promise(owner="me", contact=ANA.id, text="deck", due="2026-10-10", status="kept", resolved="2026-10-09"),
        Promise(owner="me", contact=ANA.id, text="intro", due="2026-08-01", status="kept", resolved="2026-08-09"),
        Promise(owner="me", contact=BEN.id, text="call", due="2026-10-20", status="broken", resolved="2026-10-25"),
        Promise(owner="them", contact=BEN.id, text="quote", due="2026-12-10"),
        Promise(owner="me", contact=CHO.id, text="dropped", due="2026-11-01", status="dropped", resolved="2026-10-01"),
        FocusPlan(month="2026-10", slots=(Slot("same-industry", ANA.id), Slot("cross-industry", BEN.id),
                                           Slot("cross-industry", CHO.id), Slot("customer", DAN.id))),
        FocusPlan(month="2026-11", slots=(Slot("same-industry", ANA.id), Slot("customer", None))),
    ]
    store.add_many(records)
    return Book.from_store(store)


def test_months_and_period_start():
    assert months_ending(TODAY, 3) == ("2026-09", "2026-10", "2026-11")
    assert months_ending(date(2026, 2, 10), 3) == ("2025-12", "2026-01", "2026-02")
    assert period_start(TODAY, 12) == date(2025, 11, 27)
    assert period_start(date(2026, 3, 31), 1) == date(2026, 3, 1)  # 28 Feb + 1


def test_rhythm_counts_deep_and_touches_by_month(book):
    r = person_rhythm(book, ANA.id, TODAY)
    assert r.months[-1] == "2026-11" and len(r.months) == 12
    assert r.deep[-1] == 1 and r.touch[-1] == 0  # the confidential deep one counts; the log does not
    assert r.deep[-2] == 1 and r.touch[-2] == 1  # October
    assert r.touch[-3] == 1  # September, the note with Ben
    assert r.total == 4  # nothing after today, nothing before the 12 months
    ben = person_rhythm(book, BEN.id, TODAY)
    assert ben.touch == (0,) * 6 + (5, 0, 0, 1, 0, 0)
    assert rhythm_glyphs(ben) == "······█··▂··"
    assert rhythm_glyphs(r)[-3:] == "▂◆◆"
    assert rhythm_glyphs(person_rhythm(book, "nobody", TODAY)) == "·" * 12


def test_rhythm_of_any_order_and_months():
    notes = [note("2026-11-01", ANA), note("2026-09-01", ANA, depth="deep"), note("2026-11-02", ANA)]
    r = rhythm_of(reversed(notes), TODAY, 3)
    assert r.deep == (1, 0, 0) and r.touch == (0, 0, 2)


def test_heatmap_counts_notes_per_day(book):
    h = heatmap(book, TODAY, 12)
    assert h.start == date(2025, 11, 27) and h.end == TODAY and h.days == 365
    assert h.on(date(2026, 11, 20)) == (1, 0)
    assert h.on(date(2026, 9, 10)) == (0, 1)  # one note with two people counts once
    assert h.on(date(2026, 11, 24)) == (0, 0)  # a log entry
    assert h.on(date(2026, 12, 1)) == (0, 0)  # outside
    assert sum(h.deep) == 3 and sum(h.touch) == 8
    assert h.active_days == 11 and h.deep_days == 3
    assert h.grid_start.weekday() == 0 and h.grid_start <= h.start
    assert "3 deep conversations and 8 touches on 11 of 365 days" in h.reading()
    short = heatmap(book, TODAY, 3)
    assert short.start == date(2026, 8, 27) and sum(short.deep) == 2  # 08-18 is before it


def test_cadence_bars_worst_first(book):
    bars = cadence_bars(book, TODAY)
    assert [b.name for b in bars] == ["Cho", "Ben", "Ana"]  # Dan (network) has no cadence
    cho, ben, ana = bars
    # the deep tier keeps its cadence (30 days) with deep conversations, the active one (90) with touches
    assert (cho.keeps, cho.cadence, cho.since, cho.since_touch) == ("deep", 30, 100, 100)
    assert cho.due_in == -70 and cho.state == "overdue"
    assert (ben.keeps, ben.since, ben.since_deep, ben.due_in, ben.state) == ("touch", 77, None, 13, "due")
    assert (ana.since, ana.since_touch, ana.due_in, ana.state) == (6, 6, 24, "in time")
    assert cadence_reading(bars) == ("1 of 2 deep relationships had no deep conversation in 60 days; "
                                     "1 of 3 deep and active people past their cadence, 1 due soon.")


def test_promises_per_quarter_mine_and_theirs_apart(book):
    qs = promise_quarters(book, TODAY, 12)
    assert [q.label for q in qs] == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
    q3, q4 = qs[2], qs[3]
    assert (q3.mine.kept, q3.mine.on_time, q3.mine.broken) == (1, 0, 0)
    assert (q4.mine.kept, q4.mine.on_time, q4.mine.broken, q4.mine.open) == (1, 1, 1, 0)
    assert q4.mine.rate == 0.5 and q3.mine.rate == 0.0
    assert (q4.theirs.open, q4.theirs.kept) == (1, 0) and q4.theirs.rate is None
    assert [q.label for q in promise_quarters(book, TODAY, 3)] == ["2026 Q4"]


def test_a_promise_kept_after_today_is_still_open_today(store):
    store.add_many([ANA, Promise(owner="me", contact=ANA.id, text="x", due="2026-11-20", status="kept",
                                 resolved="2026-11-28")])
    q4 = promise_quarters(Book.from_store(store), TODAY, 3)[0]
    assert (q4.mine.kept, q4.mine.open) == (0, 1)


def test_trust_rows_balance_and_trend(book):
    rows = {r.name: r for r in trust_rows(book, TODAY, 6)}
    assert set(rows) == {"Ana", "Ben", "Cho"}
    ana, ben = rows["Ana"], rows["Ben"]
    assert len(ana.trend) == 6
    # Ana: kept late (Aug 9, -1), kept on time (Oct 9, +3)
    assert ana.trend == (0, 0, -1, -1, 2, 2) and ana.balance == 2 and ana.change == 2
    assert ben.balance == -5 and ben.trend[-1] == -5  # broken in October
    assert [r.name for r in trust_rows(book, TODAY, 6)][0] == "Ben"  # lowest first


def test_diversity_and_focus_months(book):
    dh = diversity_health(book, TODAY, 12)
    assert dh.report.size == 3
    assert dh.report.spread["industry"].counts == {"finance": 2, "software": 1}
    oct_, nov = dh.months[-2], dh.months[-1]
    assert oct_.planned and oct_.met_template and oct_.people == 4
    assert oct_.held == 1  # only Ana had a deep conversation in October
    assert not oct_.all_held
    assert nov.planned and not nov.met_template and nov.held == 1 and nov.all_held
    assert (dh.met, dh.held, dh.both) == (1, 1, 0)
    assert "of 2 focus months planned in the last 12 months, 1 met the template" in dh.reading()


def test_the_whole_report_and_its_json(book):
    h = health(book, TODAY, 12)
    data = h.to_dict()
    assert set(data) >= {"heatmap", "cadence", "promises", "trust", "diversity", "readings"}
    assert data["people"] == 4 and not h.empty
    import json

    assert SECRET not in json.dumps(data, ensure_ascii=False)


def test_an_empty_book_is_an_empty_state():
    h = health(Book([], [], []), TODAY, 12)
    assert h.empty and h.cadence == () and h.trust == ()
    lines = report_lines(h, 80)
    assert EMPTY_TEXT in "\n".join(t.plain for t in lines)


# -- the charts: glyphs carry the meaning, and they fit ---------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 120, 160])
def test_every_chart_fits_its_width(book, width):
    from rich.cells import cell_len

    h = health(book, TODAY, 12)
    for chart in (heatmap_lines(h.heatmap, width), [cadence_line(b, width) for b in h.cadence],
                  promise_lines(list(h.promises), width), trust_lines(list(h.trust), width),
                  diversity_lines(h.diversity, width)):
        for line in chart:
            assert cell_len(line.plain) <= width, (width, line.plain)


def test_heatmap_marks_months_today_and_kinds(book):
    lines = [t.plain for t in heatmap_lines(heatmap(book, TODAY, 12), 120)]
    head = lines[0]
    for month in ("Dec", "Jan", "Jun", "Nov"):
        assert month in head
    assert lines[-2].strip() == "▲ today"
    grid = "".join(lines[1:8])
    assert grid.count("●") == 3 and grid.count("○") == 8


def test_cadence_and_trust_lines_say_it_in_glyphs(book):
    bars = cadence_bars(book, TODAY)
    cho = cadence_line(bars[0], 80).plain
    assert cho.startswith("! Cho") and "▓" in cho and "70d late" in cho and "│" in cho and "100d/30" in cho
    assert cadence_line(bars[1], 80).plain.startswith("● Ben")
    rows = trust_lines(trust_rows(book, TODAY, 6), 80)
    ben = next(t.plain for t in rows if "Ben" in t.plain)
    ana = next(t.plain for t in rows if "Ana" in t.plain)
    assert "▒" in ben and "█" not in ben.split("│")[1][:5] and "-5" in ben
    assert "█" in ana.split("│")[1] and "↑2" in ana


def test_sparkline():
    assert sparkline([0, 0]) == "▄▄"
    assert sparkline([0, 7]) == "▁█"
    assert sparkline([]) == ""


def test_trust_rows_equal_the_trust_report_on_every_month_end(tmp_path):
    from model.demo import build_demo
    from model.planning.trust import trust
    from model.store import Store

    store = Store(tmp_path / "demo.json")
    build_demo(store, TODAY)
    book = Book.from_store(store)
    ends = [date(2026, 9, 30), date(2026, 10, 31), TODAY]
    for row in trust_rows(book, TODAY, 3):
        assert list(row.trend) == [trust(book, row.contact_id, end).balance for end in ends]


def test_the_store_index_gives_the_same_numbers_without_reading_the_notes(tmp_path):
    from model.demo import build_demo
    from model.store import Store

    store = Store(tmp_path / "demo.json")
    build_demo(store, TODAY)
    full = Book.from_store(store)
    light = Book.from_store(store, full=False)
    assert health(light, TODAY, 12).to_dict() == health(full, TODAY, 12).to_dict()
    assert light._pending is not None  # the notes were never built
    assert sorted(zip(*light.note_columns())) == sorted(zip(*full.note_columns()))


def test_everyone_counted_at_once_equals_each_counted_alone(tmp_path):
    from model.demo import build_demo
    from model.planning.health import RhythmCounter
    from model.store import Store

    store = Store(tmp_path / "demo.json")
    build_demo(store, TODAY)
    for book in (Book.from_store(store), Book.from_store(store, full=False)):
        counter = RhythmCounter(TODAY)
        everyone = counter.counts_all(book)
        for c in book.contacts():
            alone = counter.counts(Book.from_store(store).notes_of(c.id))
            assert everyone.get(c.id, ([0] * 12, [0] * 12)) == alone, c.name


def test_the_json_names_every_number_of_every_chart(book):
    """``kizuna health --json``: every chart's numbers under their documented names."""
    data = health(book, TODAY, 3).to_dict()
    heat = data.pop("heatmap")
    assert (len(heat.pop("deep")), sum(heat.pop("touch"))) == (92, 3)
    assert heat == {"start": "2026-08-27", "end": "2026-11-26", "total_deep": 2, "total_touch": 3,
                    "active_days": 5, "deep_days": 2}
    assert data.pop("readings") == health(book, TODAY, 3).readings()
    spread = data["diversity"].pop("diversity")
    assert (spread["size"], spread["spread"]["industry"]["counts"]) == (3, {"finance": 2, "software": 1})
    assert data == {
        "today": "2026-11-26", "months": 3, "people": 4,
        "cadence": [
            {"contact": CHO.id, "name": "Cho", "tier": "deep", "cadence": 30, "keeps": "deep", "since": 100,
             "since_touch": 100, "since_deep": 100, "due_in": -70, "state": "overdue"},
            {"contact": BEN.id, "name": "Ben", "tier": "active", "cadence": 90, "keeps": "touch", "since": 77,
             "since_touch": 77, "since_deep": None, "due_in": 13, "state": "due"},
            {"contact": ANA.id, "name": "Ana", "tier": "deep", "cadence": 30, "keeps": "deep", "since": 6,
             "since_touch": 6, "since_deep": 6, "due_in": 24, "state": "in time"}],
        "promises": [{"quarter": "2026 Q4", "start": "2026-10-01", "end": "2026-12-31",
                      "mine": {"kept": 1, "on_time": 1, "broken": 1, "open": 0, "on_time_rate": 0.5},
                      "theirs": {"kept": 0, "on_time": 0, "broken": 0, "open": 1, "on_time_rate": None}}],
        "trust": [
            {"contact": BEN.id, "name": "Ben", "tier": "active", "balance": -5, "trend": [0, 0, 0, 0, -5, -5],
             "change": -5},
            {"contact": CHO.id, "name": "Cho", "tier": "deep", "balance": 0, "trend": [0] * 6, "change": 0},
            {"contact": ANA.id, "name": "Ana", "tier": "deep", "balance": 2, "trend": [0, 0, -1, -1, 2, 2],
             "change": 2}],
        "diversity": {
            "template": ["same-industry", "cross-industry", "cross-industry", "customer"],
            "months": [
                {"month": "2026-09", "planned": False, "met_template": False, "people": 0, "held": 0,
                 "all_held": False},
                {"month": "2026-10", "planned": True, "met_template": True, "people": 4, "held": 1,
                 "all_held": False},
                {"month": "2026-11", "planned": True, "met_template": False, "people": 1, "held": 1,
                 "all_held": True}],
            "met_template": 1, "all_held": 1, "both": 0},
    }


def test_every_reading_in_words(book):
    """Each chart's one-line reading, with the numbers of the period it reads."""
    assert health(book, TODAY, 3).readings() == {
        "heatmap": "2 deep conversations and 3 touches on 5 of 92 days; deep conversations on 2 days.",
        "cadence": "1 of 2 deep relationships had no deep conversation in 60 days; "
                   "1 of 3 deep and active people past their cadence, 1 due soon.",
        "promises": "Over 1 quarter, mine: 1 kept (50% on time), 1 broken, 0 open; "
                    "theirs: 0 kept, 0 broken, 1 open.",
        "trust": "1 of 3 deep and active people have a negative trust balance; over 6 months 1 rose and 1 fell.",
        "diversity": "3 deep and active people in 2 industries; of 2 focus months planned in the last "
                     "3 months, 1 met the template and 1 held all their deep conversations.",
    }


def test_readings_of_one_and_of_none(store):
    """Singular words for one, and a plain sentence when a chart has nothing to read."""
    ana = Contact(name="Ana", tier="deep", created="2025-01-01T00:00:00.000000+00:00")
    store.add_many([ana, note("2026-11-25", ana, depth="deep"), note("2026-11-20", ana, kind="log"),
                    Promise(owner="me", contact=ana.id, text="deck", due="2026-11-10", status="kept",
                            resolved="2026-11-09")])
    one = health(Book.from_store(store), TODAY, 1).readings()
    assert one == {
        "heatmap": "1 deep conversation and 0 touches on 1 of 31 days; deep conversations on 1 days.",
        "cadence": "0 of 1 deep relationship had no deep conversation in 60 days; "
                   "0 of 1 deep and active people past their cadence, 0 due soon.",
        "promises": "Over 1 quarter, mine: 1 kept (100% on time), 0 broken, 0 open; theirs: none.",
        "trust": "0 of 1 deep and active people have a negative trust balance; over 6 months 1 rose and 0 fell.",
        "diversity": "1 deep and active people in 0 industries (1 unknown); no focus month planned "
                     "in the last 1 month.",
    }
    none = health(Book([], [], []), TODAY, 12).readings()
    assert none == {
        "heatmap": "No conversations or touches recorded in this period.",
        "cadence": "No deep or active relationships yet: choose them in the contact form (e) or with "
                   "kizuna tier NAME deep.",
        "promises": "Over 4 quarters, mine: none; theirs: none.",
        "trust": "No deep or active relationships to weigh trust with yet.",
        "diversity": "No deep or active relationships yet to measure diversity over.",
    }
    active = Contact(name="Ben", tier="active", created="2025-01-01T00:00:00.000000+00:00")
    assert cadence_reading(cadence_bars(Book([active], [], []), TODAY)) == (
        "1 of 1 deep and active people past their cadence, 0 due soon.")  # no deep tier: no deep part


def test_the_rhythm_json_and_the_heatmap_outside_its_days(book):
    r = person_rhythm(book, ANA.id, TODAY, 3)
    assert r.to_dict() == {"months": ["2026-09", "2026-10", "2026-11"], "deep": [0, 1, 1], "touch": [1, 1, 0]}
    h = heatmap(book, TODAY, 3)
    assert h.on(h.start) == (0, 0) and h.on(date(2026, 9, 10)) == (0, 1)
    assert h.on(h.start - timedelta(days=1)) == (0, 0) and h.on(TODAY + timedelta(days=1)) == (0, 0)


def test_cadence_state_boundaries(store):
    """Due today is "due", not yet overdue; due within 14 days is "due"; 15 days out is "in time"."""
    made = "2026-01-01T00:00:00.000000+00:00"
    people = {due_in: Contact(name=f"P{due_in}", tier="active", cadence_days=30, created=made)
              for due_in in (-1, 0, 14, 15)}
    store.add_many([*people.values(),
                    *(note((TODAY - timedelta(days=30 - d)).isoformat(), c) for d, c in people.items())])
    bars = {b.due_in: b.state for b in cadence_bars(Book.from_store(store), TODAY)}
    assert bars == {-1: "overdue", 0: "due", 14: "due", 15: "in time"}


def test_cadence_ties_go_to_the_longest_without_contact_never_first(store):
    """Equally due: the one never met (a deep person with no deep conversation) first, then
    the longest since the conversation that counts, whatever the names."""
    made = (TODAY - timedelta(days=20)).isoformat() + "T00:00:00.000000+00:00"
    recent = Contact(name="Aoi", tier="deep", created="2025-01-01T00:00:00.000000+00:00")  # deep 20 days ago
    lapsed = Contact(name="Ben", tier="active", created="2025-01-01T00:00:00.000000+00:00")  # touch 80 days ago
    never = Contact(name="Cai", tier="deep", created=made)  # no deep conversation since made 20 days ago
    store.add_many([recent, lapsed, never, note((TODAY - timedelta(days=20)).isoformat(), recent, depth="deep"),
                    note((TODAY - timedelta(days=80)).isoformat(), lapsed)])
    bars = cadence_bars(Book.from_store(store), TODAY)
    assert [(b.name, b.due_in, b.since) for b in bars] == [("Cai", 10, None), ("Ben", 10, 80), ("Aoi", 10, 20)]


def test_a_note_on_the_first_day_of_the_period_counts(store):
    store.add_many([ANA, note("2026-08-27", ANA, depth="deep")])
    h = heatmap(Book.from_store(store), TODAY, 3)
    assert h.start == date(2026, 8, 27) and h.on(h.start) == (1, 0)
    assert h.on(h.start + timedelta(days=1)) == (0, 0)


def test_quarters_when_today_ends_a_quarter(store):
    """The last day of March is in Q1; the year before is counted back quarter by quarter."""
    store.add_many([ANA, Promise(owner="me", contact=ANA.id, text="x", due="2026-03-31", status="kept",
                                 resolved="2026-03-31")])
    qs = promise_quarters(Book.from_store(store), date(2026, 3, 31), 12)
    assert [(q.label, q.start, q.end) for q in qs] == [
        ("2025 Q2", date(2025, 4, 1), date(2025, 6, 30)), ("2025 Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025 Q4", date(2025, 10, 1), date(2025, 12, 31)), ("2026 Q1", date(2026, 1, 1), date(2026, 3, 31))]
    assert (qs[-1].mine.kept, qs[-1].mine.on_time) == (1, 1)


def test_the_period_is_twelve_months_unless_asked(book):
    assert heatmap(book, TODAY).days == 365
    assert len(diversity_health(book, TODAY).months) == 12
    assert len(promise_quarters(book, TODAY)) == 4
    whole = health(book, TODAY)
    assert whole.months == 12 and whole.heatmap.days == 365 and len(whole.diversity.months) == 12


def test_archived_people_are_not_counted_and_removed_people_fill_no_slot(store):
    """An archived person is nobody on the health screen; a focus slot naming someone removed
    since does not meet the template's role."""
    gone = Contact(name="Gone", tier="deep")
    archived = Contact(name="Old", tier="archived")
    store.add_many([ANA, gone, archived,
                    FocusPlan(month="2026-11", slots=(Slot("same-industry", ANA.id), Slot("customer", gone.id)))])
    store.save_settings(Settings(focus_template=("same-industry", "customer")))
    book = Book.from_store(store)
    assert diversity_health(book, TODAY, 1).months[-1].met_template
    store.remove(gone)
    book = Book.from_store(store)
    assert health(book, TODAY, 3).people == 1
    nov = diversity_health(book, TODAY, 1).months[-1]
    assert nov.planned and nov.people == 1 and not nov.met_template


def test_the_diversity_warnings_name_the_deep_and_active_tiers(book):
    warnings = diversity_health(book, TODAY, 3).report.warnings
    assert "function, level and generation not recorded for 3 of 3 deep and active relationships" in warnings


def test_todays_notes_count_and_same_day_notes_add_up(store):
    """A note written today is in the rhythm, the heatmap and the trust trend; two on
    one day count two; an entry on a month's last day counts for that month's end."""
    store.add_many([ANA, BEN, note(TODAY.isoformat(), ANA, depth="deep"), note(TODAY.isoformat(), ANA),
                    note(TODAY.isoformat(), ANA), note("2026-10-31", ANA, kind="intro made"),
                    note(TODAY.isoformat(), BEN, kind="help given")])
    book = Book.from_store(store)
    assert person_rhythm(book, ANA.id, TODAY, 1).to_dict() == {"months": ["2026-11"], "deep": [1], "touch": [2]}
    from model.planning.health import RhythmCounter

    assert RhythmCounter(TODAY, 1).counts_all(book)[ANA.id] == ([1], [2])
    h = heatmap(book, TODAY, 1)
    assert h.on(TODAY) == (1, 3) and h.on(date(2026, 10, 31)) == (0, 1)
    rows = {r.name: r for r in trust_rows(book, TODAY, 2)}
    assert rows["Ana"].trend == (3, 3) and rows["Ben"].trend == (0, 2) and rows["Ben"].balance == 2


def test_trust_counts_my_promises_whoever_comes_first(store):
    """Their promises and promises to people outside the deep and active tiers are skipped,
    not the end of the count; the balance is today's, the last point of the trend."""
    store.add_many([DAN, ANA,
                    Promise(owner="them", contact=ANA.id, text="a", due="2026-10-01"),
                    Promise(owner="me", contact=DAN.id, text="b", due="2026-10-01", status="kept",
                            resolved="2026-10-01"),
                    Promise(owner="me", contact=ANA.id, text="c", due="2026-11-20", status="broken",
                            resolved="2026-11-21")])
    (ana,) = trust_rows(Book.from_store(store), TODAY, 2)
    assert ana.trend == (0, -5) and ana.balance == -5 and ana.change == -5


def test_promises_count_one_by_one_from_the_quarters_first_day(store):
    """Two kept on time are two; kept after the first due date is late even if rescheduled;
    resolved on a quarter's first day is in it; a promise dropped later is not open now."""
    def mine(**kw) -> Promise:
        return Promise(owner="me", contact=ANA.id, text="x", **kw)

    store.add_many([ANA,
                    mine(due="2026-10-05", status="kept", resolved="2026-10-01"),
                    mine(due="2026-10-05", status="kept", resolved="2026-10-04"),
                    mine(due="2026-11-20", original_due="2026-11-01", status="kept", resolved="2026-11-10"),
                    mine(due="2026-12-01"), mine(due="2026-12-02"),
                    mine(due="2026-12-03", status="dropped", resolved="2026-12-01")])
    q4 = promise_quarters(Book.from_store(store), TODAY, 3)[0].mine
    assert (q4.kept, q4.on_time, q4.broken, q4.open) == (3, 2, 0, 2)
    assert q4.to_dict()["on_time_rate"] == 0.667


def test_a_quarters_first_month_is_in_it(store):
    assert [q.label for q in promise_quarters(Book([], [], []), date(2026, 4, 15), 6)] == ["2026 Q1", "2026 Q2"]


def test_readings_at_their_edges(store):
    """60 days since the deep conversation is not yet a gap; a change of +1 is a rise;
    one touch and one industry are said in the singular."""
    ana = Contact(name="Ana", tier="deep", industry="finance", created="2025-01-01T00:00:00.000000+00:00")
    store.add_many([ana, note((TODAY - timedelta(days=60)).isoformat(), ana, depth="deep"),
                    note(TODAY.isoformat(), ana, kind="value shared")])
    h = health(Book.from_store(store), TODAY, 1)
    assert h.readings()["cadence"].startswith("0 of 1 deep relationship had no deep conversation")
    assert h.readings()["trust"].endswith("1 rose and 0 fell.")
    assert h.readings()["heatmap"].startswith("0 deep conversations and 1 touch on 1 of 31 days")
    assert h.readings()["diversity"].startswith("1 deep and active people in 1 industry;")


def test_two_deep_conversations_on_one_day_count_two(store):
    store.add_many([ANA, note(TODAY.isoformat(), ANA, depth="deep"), note(TODAY.isoformat(), ANA, depth="deep")])
    h = heatmap(Book.from_store(store), TODAY, 1)
    assert h.on(TODAY) == (2, 0) and h.deep_days == 1


def test_one_month_and_one_focus_month_are_said_in_the_singular(store):
    """A one-month period with one focus month planned, and a one-month trust trend, read in
    the singular; twelve months without a plan in the plural."""
    store.add_many([ANA, note("2026-11-02", ANA, depth="deep"),
                    FocusPlan(month="2026-11", slots=(Slot("same-industry", ANA.id),))])
    book = Book.from_store(store)
    assert diversity_health(book, TODAY, 1).reading() == (
        "1 deep and active people in 1 industry; of 1 focus month planned in the last 1 month, "
        "0 met the template and 1 held all their deep conversations.")
    assert diversity_health(Book([ANA], [], []), TODAY, 12).reading() == (
        "1 deep and active people in 1 industry; no focus month planned in the last 12 months.")
    assert trust_reading(trust_rows(book, TODAY, 1), 1) == (
        "0 of 1 deep and active people have a negative trust balance; over 1 month 0 rose and 0 fell.")
