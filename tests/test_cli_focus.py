"""``kizuna focus ...`` and ``kizuna diversity`` through real subprocesses."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from model.records import Contact, Interaction, Promise, Settings
from model.store import Store

DATE = ("--date", "2026-12-10")


@pytest.fixture
def people(store: Store) -> dict[str, Contact]:
    store.save_settings(Settings(own_industry="製造業"))
    made = {
        "sato": Contact(name="佐藤 健", reading="さとう けん", industry="製造業", generation="40s",
                        purposes=("sales channel",)),
        "oda": Contact(name="Oda Mika", industry="logistics", function="operations", generation="40s",
                       purposes=("sales channel",)),
        "kato": Contact(name="Kato", relation="customer", industry="retail", generation="40s"),
        "ito": Contact(name="Ito", industry="biotech", generation="30s", purposes=("hiring",)),
        "ishida": Contact(name="Ishida", tier="archived", industry="finance"),
        "tanaka1": Contact(name="Tanaka Yuki", company="Acme"),
        "tanaka2": Contact(name="Tanaka Jun", company="Beta"),
    }
    for c in made.values():
        store.add(c)
    return made


def ok(proc):
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def fails(proc, text: str, code: int = 1):
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert text in lines[0]
    return lines[0]


def test_plan_add_show_with_japanese_names(kizuna, people, store_path):
    out = ok(kizuna(*DATE, "focus", "plan", "--challenge", "新しい販路を開く", "--purpose", "sales channel"))
    assert "created the focus plan for 2026-12" in out
    ok(kizuna(*DATE, "focus", "add", "さとう", "--intent", "販売代理店の紹介"))
    ok(kizuna(*DATE, "focus", "add", "ｏｄａ"))  # full-width finds Oda
    out = ok(kizuna(*DATE, "focus", "add", "Kato"))
    assert "slot 4 (customer)" in out
    out = ok(kizuna(*DATE, "focus", "show"))
    assert "focus December 2026: sales channel — 新しい販路を開く" in out
    assert "21 days left in the month" in out
    lines = out.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith("#  "))):]
    row_sato = next(x for x in table if "佐藤 健" in x)
    row_oda = next(x for x in table if "Oda Mika" in x)
    # the intent column lines up in display cells despite double-width names
    assert cell_len(row_sato[: row_sato.index("販売")]) == cell_len(table[0][: table[0].index("intent")])
    assert row_oda.index("no deep yet") == table[0].index("this month")
    assert "! all 3 people in December 2026's focus are in their 40s" in out
    data = json.loads(ok(kizuna(*DATE, "focus", "show", "--json")))
    assert data["month"] == "2026-12" and data["purpose"] == "sales channel"
    assert [s["name"] for s in data["slots"]] == ["佐藤 健", "Oda Mika", None, "Kato"]
    assert data["slots"][0]["intent"] == "販売代理店の紹介"
    saved = Store(store_path).focus_plan("2026-12")
    assert saved.slots[0].contact == people["sato"].id


def test_bare_focus_shows_this_month(kizuna, people):
    out = ok(kizuna(*DATE, "focus"))
    assert "no focus plan for 2026-12" in out


def test_errors_are_one_line_and_change_nothing(kizuna, people, store_path):
    ok(kizuna(*DATE, "focus", "plan", "--slots", "customer,cross-industry"))
    before = store_path.read_bytes()
    fails(kizuna(*DATE, "focus", "show", "--month", "2026-13"), "'2026-13' is not a month")
    fails(kizuna(*DATE, "focus", "add", "Nobody"), "no one called 'Nobody'")
    fails(kizuna(*DATE, "focus", "add", "Tanaka"), "could be Tanaka Yuki (Acme), Tanaka Jun (Beta)")
    fails(kizuna(*DATE, "focus", "add", "Ishida"), "archived")
    fails(kizuna(*DATE, "focus", "add", "Ito", "--slot", "5"), "5 is not a slot number (1 to 2)")
    fails(kizuna(*DATE, "focus", "add", "Ito", "--slot", "0"), "0 is not a slot number")
    fails(kizuna(*DATE, "focus", "plan", "--purpose", "fun"), "invalid choice", code=2)
    fails(kizuna(*DATE, "focus", "remove", "Kato"), "not in December 2026's plan")
    fails(kizuna(*DATE, "focus", "review", "--month", "2027-05", "--note", "x"), "no focus plan for 2027-05")
    assert store_path.read_bytes() == before
    ok(kizuna(*DATE, "focus", "add", "Kato"))
    ok(kizuna(*DATE, "focus", "add", "Ito"))
    before = store_path.read_bytes()
    fails(kizuna(*DATE, "focus", "add", "Oda"), "the plan for 2026-12 is full (2 of 2 slots)")
    fails(kizuna(*DATE, "focus", "add", "Kato", "--month", "2026-12"), "already in slot 1")
    assert store_path.read_bytes() == before


def test_remove_by_name_or_slot(kizuna, people, store_path):
    assert "created the focus plan for 2026-12" in ok(kizuna(*DATE, "focus", "add", "Kato"))
    ok(kizuna(*DATE, "focus", "add", "Ito", "--slot", "2"))
    assert "took Kato out" in ok(kizuna(*DATE, "focus", "remove", "kato"))
    data = json.loads(ok(kizuna(*DATE, "focus", "remove", "--slot", "2", "--json")))
    assert data == {"month": "2026-12", "removed": people["ito"].id, "name": "Ito"}
    assert "already empty" in ok(kizuna(*DATE, "focus", "remove", "--slot", "2"))
    assert all(s.contact is None for s in Store(store_path).focus_plan("2026-12").slots)


def test_a_deleted_person_in_a_slot_does_not_stop_the_others(kizuna, people, store_path):
    ok(kizuna(*DATE, "focus", "add", "Kato"))
    ok(kizuna(*DATE, "focus", "add", "Ito", "--slot", "2"))
    Store(store_path).remove(people["ito"])  # the plan still names Ito's id
    assert "took Kato out" in ok(kizuna(*DATE, "focus", "remove", "kato"))


def test_suggest_ranks_with_reasons(kizuna, people):
    ok(kizuna(*DATE, "focus", "plan", "--purpose", "sales channel"))
    ok(kizuna(*DATE, "focus", "add", "Kato"))
    data = json.loads(ok(kizuna(*DATE, "focus", "suggest", "--slot", "2", "--json")))
    assert data["purpose"] == "sales channel"
    [slot] = data["slots"]
    assert slot["slot"] == 2 and slot["role"] == "cross-industry"
    names = [s["name"] for s in slot["suggestions"]]
    assert names[0] == "Oda Mika"  # purpose + outside my industry
    assert "Ishida" not in names and "Kato" not in names
    top = slot["suggestions"][0]
    assert "serves the purpose: sales channel" in top["reasons"]
    assert "outside your industry (logistics)" in top["reasons"]
    assert top["score"] == sum(top["parts"].values())
    sato = next(s for s in slot["suggestions"] if s["name"] == "佐藤 健")
    assert sato["parts"]["role"] < 0
    out = ok(kizuna(*DATE, "focus", "suggest"))
    assert "slot 1 (same-industry)" in out and "slot 3 (cross-industry)" in out
    assert "slot 4" not in out  # filled
    assert "佐藤 健" in out.split("slot 2")[0]  # first for the same-industry slot


def test_review_carry_december_into_january(kizuna, people, store, store_path):
    ok(kizuna(*DATE, "focus", "plan", "--challenge", "販路", "--purpose", "sales channel"))
    ok(kizuna(*DATE, "focus", "add", "佐藤", "--intent", "紹介"))
    ok(kizuna(*DATE, "focus", "add", "Oda"))
    store.add(Interaction(date="2026-12-31", contacts=(people["oda"].id,), kind="meal",
                          depth="deep", text="物流の数字"))
    store.add(Interaction(date="2026-12-02", contacts=(people["sato"].id,), kind="call", text="short"))
    store.add(Promise(contact=people["sato"].id, text="資料を送る", due="2026-12-20"))
    out = ok(kizuna("--date", "2027-01-02", "focus", "review", "--month", "last",
                    "--note", "Oda went deep; 佐藤 slipped"))
    assert "deep conversations held: 1 of 2" in out
    assert "佐藤 健: open (due 2026-12-20) I promised: 資料を送る" in out
    assert "to carry over: 佐藤 健" in out
    data = json.loads(ok(kizuna("--date", "2027-01-02", "focus", "review", "--month", "2026-12", "--json")))
    rows = {r["name"]: r for r in data["rows"]}
    assert rows["Oda Mika"]["deep_held"] and rows["Oda Mika"]["deep_dates"] == ["2026-12-31"]
    assert not rows["佐藤 健"]["deep_held"] and len(rows["佐藤 健"]["notes"]) == 1
    assert data["review"] == "Oda went deep; 佐藤 slipped"
    out = ok(kizuna("--date", "2027-01-02", "focus", "carry", "--month", "2026-12"))
    assert "created the focus plan for 2027-01" in out
    assert "carried 佐藤 健 into slot 1 of 2027-01" in out
    assert "Oda" not in out  # their deep conversation happened
    jan = Store(store_path).focus_plan("2027-01")
    assert jan.challenge == "販路" and jan.slots[0].intent == "紹介"
    data = json.loads(ok(kizuna("--date", "2027-01-02", "focus", "carry", "Oda", "--month", "2026-12",
                                "--json")))
    assert data["carried"] == [{"contact_id": people["oda"].id, "name": "Oda Mika", "slot": 2}]
    out = ok(kizuna("--date", "2027-01-02", "focus", "carry", "--all", "--month", "2026-12"))
    assert out.count("skipped") == 2


def test_diversity_command(kizuna, people, store):
    for key in ("sato", "oda", "kato"):
        store.put(store.contact(people[key].id).touched(tier="deep"))
    out = ok(kizuna(*DATE, "diversity", "deep"))
    assert "deep relationships: 3, 2 outside your industry (製造業): 67%" in out
    assert "! all 3 deep relationships are in their 40s" in out
    data = json.loads(ok(kizuna(*DATE, "diversity", "--json")))
    assert [g["group"] for g in data] == ["deep", "active", "focus"]
    assert data[0]["spread"]["industry"]["counts"] == {"logistics": 1, "retail": 1, "製造業": 1}
    assert data[0]["spread"]["function"]["unknown"] == 2
    assert data[1]["size"] == 0
    out = ok(kizuna(*DATE, "diversity", "deep", "--own-industry", "retail"))
    assert out.startswith("your own industry: retail")
    assert Store(store.path).settings().own_industry == "retail"
    fails(kizuna(*DATE, "diversity", "friends"), "invalid choice", code=2)


def test_help_lists_the_actions(kizuna):
    out = ok(kizuna("focus", "--help"))
    for action in ("show", "plan", "add", "remove", "suggest", "review", "carry"):
        assert action in out
    assert "--own-industry" in ok(kizuna("diversity", "--help"))


def test_a_person_who_contradicts_the_slot_role_is_refused_or_flagged(kizuna, people, store_path):
    """Issue 13: 'focus add NAME --slot N' put a manufacturer in a cross-industry slot silently."""
    ok(kizuna(*DATE, "focus", "plan"))  # same-industry, cross-industry, cross-industry, customer
    before = store_path.read_bytes()
    line = fails(kizuna(*DATE, "focus", "add", "佐藤", "--slot", "2"), "does not fit slot 2 (cross-industry)")
    assert "in your own industry (製造業), not cross-industry" in line and "--anyway" in line
    assert store_path.read_bytes() == before
    ok(kizuna(*DATE, "focus", "add", "佐藤", "--slot", "2", "--anyway"))
    out = ok(kizuna(*DATE, "focus", "show"))
    assert ("! slot 2 (cross-industry): 佐藤 健 does not fit it: in your own industry (製造業), "
            "not cross-industry") in out
    [slot] = [s for s in json.loads(ok(kizuna(*DATE, "focus", "show", "--json")))["slots"] if s["slot"] == 2]
    assert slot["misfit"] == "in your own industry (製造業), not cross-industry"
    ok(kizuna(*DATE, "focus", "add", "Oda", "--slot", "3"))  # logistics fits cross-industry
