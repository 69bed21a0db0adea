"""``kizuna today / tier / promise / trust / snooze`` through real subprocesses."""

from __future__ import annotations

import json

import pytest

from model.records import Contact, FocusPlan, Interaction, Promise, Slot
from model.store import Store


@pytest.fixture
def people(store: Store) -> dict[str, Contact]:
    """A small store: five deep people (full), 佐藤 健 in active, Tanaka in network."""
    made = {}
    for i, name in enumerate(("Aoki", "Baba", "Chiba", "Doi", "Endo")):
        made[name] = store.add(Contact(name=name, tier="deep", created="2026-01-01T09:00:00+00:00"))
        store.add(Interaction(date=f"2026-{i + 6:02d}-01", contacts=(made[name].id,), kind="meeting",
                              depth="deep"))
    made["佐藤"] = store.add(Contact(name="佐藤 健", reading="サトウ ケン", tier="active",
                                   created="2026-01-01T09:00:00+00:00"))
    made["Tanaka"] = store.add(Contact(name="Tanaka Yuki", tier="network"))
    store.add(Interaction(date="2026-11-02", contacts=(made["佐藤"].id,), kind="meal"))
    store.add(FocusPlan(month="2026-11", slots=(Slot(contact=made["佐藤"].id),)))
    return made


def test_today_prints_sections_in_order(kizuna, store: Store, people) -> None:
    store.add(Promise(owner="me", contact=people["Tanaka"].id, text="send the deck", due="2026-11-20"))
    store.add(Promise(owner="them", contact=people["Aoki"].id, text="資料", due="2026-11-26"))
    store.add(Promise(owner="me", contact=people["Baba"].id, text="call back", due="2026-11-28"))
    out = kizuna("today", "--date", "2026-11-26")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("Thursday 26 November 2026\n")
    heads = ["Overdue: my promises", "Due today", "Focus this month: no deep conversation yet",
             "Past their cadence", "Coming up (next 7 days)"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
    assert "I promised Tanaka Yuki: send the deck\n      6 days overdue (Fri 2026-11-20)" in text
    assert "Aoki promised: 資料" in text
    assert "佐藤 健: a deep conversation this month\n      4 days left in November" in text
    # The deep tier: a deep conversation every 30 days. Aoki's was June 1, Endo's Oct 1: both past.
    assert "Aoki: a deep conversation (deep, every 30 days)" in text
    assert "Endo: a deep conversation (deep, every 30 days)" in text


def test_today_json_and_a_date_in_another_month(kizuna, people) -> None:
    out = kizuna("today", "--date", "2026-12-01", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["date"] == "2026-12-01"
    assert {i["section"] for i in data["items"]} <= {"overdue", "today", "chase", "focus", "cadence", "upcoming"}
    # No December plan: 佐藤 is not a focus item. Deep talks Jun 1..Oct 1 + 30 days are past.
    assert not [i for i in data["items"] if i["kind"] == "focus"]
    assert [i["name"] for i in data["items"] if i["section"] == "cadence"] == [
        "Aoki", "Baba", "Chiba", "Doi", "Endo"]


def test_today_on_an_empty_store_and_a_bad_date(kizuna) -> None:
    out = kizuna("today", "--date", "2026-02-29")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "'2026-02-29' is not a date" in out.stderr
    out = kizuna("today", "--date", "2028-02-29")
    assert out.returncode == 0 and "No one here yet" in out.stdout  # a leap day is a day; nobody is due yet
    assert kizuna("note", "@+Ann said hello").returncode == 0
    out = kizuna("today", "--date", "2028-02-29")  # someone, but a network person is never due
    assert out.returncode == 0 and "Nothing due" in out.stdout and "No one here" not in out.stdout
    out = kizuna("today", "--days", "-1")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "not a number of days" in out.stderr


def test_tier_refused_is_one_line_naming_candidates(kizuna, store: Store, people) -> None:
    out = kizuna("tier", "さとう", "deep", "--date", "2026-11-26")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith("kizuna: cannot move 佐藤 健 to deep: deep is full (5 of 5).")
    assert "Aoki (longest without a deep conversation: 178 days, last one 2026-06-01" in out.stderr
    assert Store(store.path).contact(people["佐藤"].id).tier == "active"


def test_tier_demote_then_promote_with_width_insensitive_names(kizuna, store: Store, people) -> None:
    out = kizuna("tier", "ＡＯＫＩ", "active", "--reason", "less overlap now", "--date", "2026-11-26")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "Aoki: moved down from deep to active\n"
    out = kizuna("tier", "ｻﾄｳ", "deep", "--json", "--date", "2026-11-26")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["new_tier"] == "deep"
    again = Store(store.path)
    assert again.contact(people["佐藤"].id).tier == "deep"
    logs = [i.text for i in again.interactions() if i.kind == "log"]
    assert "tier: moved down from deep to active: less overlap now" in logs


def test_unknown_and_ambiguous_names_are_one_line(kizuna, store: Store, people) -> None:
    store.add(Contact(name="Tanaka Ken"))
    out = kizuna("trust", "nobody")
    assert out.returncode == 1 and out.stderr == "kizuna: no one called 'nobody'\n"
    out = kizuna("promise", "add", "tanaka", "x", "--due", "+3d")
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "could be" in out.stderr
    assert Store(store.path).promises() == []


def test_promise_add_keep_late_and_trust(kizuna, store: Store, people) -> None:
    out = kizuna("promise", "add", "佐藤", "送る", "the", "deck", "--due", "2026-11-30", "--date", "2026-11-26")
    assert out.returncode == 0 and out.stdout == "promised 佐藤 健: 送る the deck (due 2026-11-30)\n"
    out = kizuna("promise", "add", "佐藤", "intro", "to", "Ito", "--due", "fri", "--theirs", "--date", "2026-11-26")
    assert out.stdout == "佐藤 健 promised: intro to Ito (due 2026-11-27)\n"
    out = kizuna("promise", "keep", "佐藤", "--date", "2026-12-01")
    assert out.returncode == 1 and "2 open promises that fit" in out.stderr
    out = kizuna("promise", "keep", "佐藤", "deck", "--date", "2026-12-02")
    assert out.returncode == 0 and out.stdout == "kept: 送る the deck (佐藤 健) (2 days late)\n"
    out = kizuna("promise", "keep", "佐藤", "intro", "--date", "2026-11-27")
    assert out.stdout.endswith("(on time)\n")
    out = kizuna("trust", "佐藤", "--date", "2026-12-02")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Trust balance with 佐藤 健: -1\n")
    assert "kept late" in out.stdout and "Their reliability: 1 of 1 kept on time" in out.stdout
    data = json.loads(kizuna("trust", "佐藤", "--json", "--date", "2026-12-02").stdout)
    assert data["balance"] == -1 and data["reliability"]["kept_on_time"] == 1
    assert data["weights"]["kept late"] == -1


def test_promise_reschedule_break_drop_and_list(kizuna, store: Store, people) -> None:
    kizuna("promise", "add", "Baba", "send", "figures", "--due", "2026-11-30", "--date", "2026-11-26")
    kizuna("promise", "add", "Chiba", "call", "--due", "2026-12-31", "--date", "2026-11-26")
    kizuna("promise", "add", "Doi", "visit", "--due", "2026-11-20", "--theirs", "--date", "2026-11-10")
    out = kizuna("promise", "reschedule", "Baba", "--to", "+1w", "--reason", "waiting", "--date", "2026-11-29")
    assert out.returncode == 0 and "now due 2026-12-06, first due 2026-11-30" in out.stdout
    out = kizuna("promise", "list", "--date", "2026-11-26")
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["due", "state", "whose", "name", "promise"]
    assert [line.split()[:4] for line in lines[1:]] == [
        ["2026-11-20", "overdue", "theirs", "Doi"], ["2026-12-06", "open", "mine", "Baba"],
        ["2026-12-31", "open", "mine", "Chiba"]]
    assert kizuna("promise", "break", "Chiba", "--reason", "budget cut").returncode == 0
    assert kizuna("promise", "drop", "Doi").returncode == 0
    out = kizuna("promise", "list", "--json")
    assert [p["name"] for p in json.loads(out.stdout)] == ["Baba"]
    out = kizuna("promise", "list", "--all", "--theirs", "--json")
    assert [(p["name"], p["status"]) for p in json.loads(out.stdout)] == [("Doi", "dropped")]
    out = kizuna("promise", "drop", "Doi")
    assert out.returncode == 1 and out.stderr == "kizuna: no open promise of or to Doi (see kizuna promise list)\n"


def test_snooze_a_person_and_a_promise(kizuna, store: Store, people) -> None:
    out = kizuna("snooze", "Aoki", "2026-12-10", "--date", "2026-11-26")
    assert out.returncode == 1 and "reason" in out.stderr
    out = kizuna("snooze", "Aoki", "2026-12-10", "--reason", "travelling", "--date", "2026-11-26")
    assert out.returncode == 0 and out.stdout == "Aoki snoozed until 2026-12-10: travelling\n"
    names = [i["name"] for i in json.loads(kizuna("today", "--json", "--date", "2026-11-26").stdout)["items"]]
    assert "Aoki" not in names
    items = json.loads(kizuna("today", "--json", "--date", "2026-12-10").stdout)["items"]
    assert [i["section"] for i in items if i["name"] == "Aoki"] == ["cadence"]
    kizuna("promise", "add", "Baba", "deck", "--due", "2026-11-26", "--date", "2026-11-26")
    out = kizuna("snooze", "Baba", "+2d", "--promise", "deck", "--reason", "figures late", "--date", "2026-11-26")
    assert out.returncode == 0 and "now due 2026-11-28 (first due 2026-11-26)" in out.stdout
    out = kizuna("snooze", "Baba", "someday", "--reason", "x", "--date", "2026-11-26")
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "is not a date" in out.stderr
    # 'yesterday' is a date word (the capture grammar's), but not one a snooze can end on
    out = kizuna("snooze", "Baba", "yesterday", "--reason", "x", "--date", "2026-11-26")
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "pick a day after today" in out.stderr
    assert kizuna("snooze", "Aoki", "--clear", "--date", "2026-11-27").returncode == 0
    assert Store(store.path).contact(people["Aoki"].id).snoozed_until is None


def test_every_planning_command_has_help(kizuna) -> None:
    for args in (["today"], ["tier"], ["trust"], ["snooze"], ["promise"], ["promise", "add"],
                 ["promise", "keep"], ["promise", "reschedule"], ["promise", "list"]):
        out = kizuna(*args, "--help")
        assert out.returncode == 0 and "usage: kizuna" in out.stdout, args


def test_today_warns_when_a_lowered_cap_is_exceeded(kizuna, store: Store, people) -> None:
    from model.records import Settings

    store.save_settings(Settings(deep_cap=3))
    out = kizuna("today", "--date", "2026-11-26")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    at = lines.index("Over a tier's cap: choose who moves down")
    assert lines[at + 1] == "  • deep holds 5 people, more than its cap of 3: choose who moves down"
    assert "move 2 to active" in lines[at + 2]
    data = json.loads(kizuna("today", "--json", "--date", "2026-11-26").stdout)
    assert data["over_cap"] == {"deep": {"count": 5, "cap": 3}}
    out = kizuna("tier", "Tanaka", "deep")
    assert out.returncode == 1 and "deep is full (5 of 3)" in out.stderr


def test_promise_list_lines_up_japanese_names(kizuna, store: Store, people) -> None:
    from rich.cells import cell_len

    store.add(Promise(owner="me", contact=people["佐藤"].id, text="資料を送る", due="2026-12-01"))
    store.add(Promise(owner="them", contact=people["Aoki"].id, text="intro", due="2026-12-02"))
    out = kizuna("promise", "list", "--date", "2026-11-26")
    lines = out.stdout.splitlines()
    starts = {cell_len(line[: line.index(text)]) for line, text in
              zip(lines, ("promise", "資料を送る", "intro"))}
    assert len(starts) == 1, out.stdout  # the last column starts at one display column


def test_due_date_words() -> None:
    from datetime import date

    from model.errors import KizunaError
    from tui.cli.planning import when

    thu = date(2026, 11, 26)
    assert when("today", thu) == thu and when("Tomorrow", thu) == date(2026, 11, 27)
    assert when("thu", thu) == date(2026, 12, 3)  # the next Thursday, never today
    assert when("friday", thu) == when("fri", thu) == date(2026, 11, 27)
    assert when("+3d", thu) == date(2026, 11, 29) and when("+2w", thu) == date(2026, 12, 10)
    assert when("+1m", date(2026, 1, 31)) == date(2026, 2, 28)
    assert when("+1m", date(2028, 1, 31)) == date(2028, 2, 29)
    assert when("+1d", date(2026, 12, 31)) == date(2027, 1, 1)
    assert when("2026-10-31", thu) == date(2026, 10, 31)
    # the capture grammar's words are read here too (model/capture/dates.py)
    assert when("next week", thu) == date(2026, 11, 30) and when("eom", thu) == date(2026, 11, 30)
    assert when("12/3", thu) == date(2026, 12, 3) and when("11/1", thu) == date(2027, 11, 1)
    assert when("2w", thu) == date(2026, 12, 10) and when("明日", thu) == date(2026, 11, 27)
    assert when(" FRI ", thu) == date(2026, 11, 27)
    for bad in ("2026-02-29", "someday", "+3y", "fr", "2/30", "", "next year"):
        with pytest.raises(KizunaError) as info:
            when(bad, thu)
        assert "\n" not in str(info.value) and str(info.value)
