"""``kizuna add``, ``edit``, ``settings``, and what ``show``, ``today`` and ``diversity`` print (issue 13)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from model.records import Contact, Interaction
from model.store import Store

DATE = ("--date", "2026-12-05")


def ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


def one_line_error(proc, code: int = 1) -> str:
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert proc.stdout == "" and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


def test_add_sets_every_field_a_person_has(kizuna, store_path) -> None:
    out = ok(kizuna(*DATE, "add", "Kenji Mori", "--reading", "もり けんじ", "--company", "Layer", "--title", "CTO",
                    "--industry", "software", "--function", "engineering", "--level", "executive",
                    "--generation", "40s", "--relation", "cross-industry", "--tier", "active",
                    "--purposes", "hiring, learning", "--stage", "public value",
                    "--next-step", "invite to the demo day", "--email", "k@layer.jp", "--phone", "090-1",
                    "--link", "https://layer.jp", "--how-met", "expo 2026", "--tags", "ai #robots",
                    "--birthday=--12-08", "--cadence", "45", "--notes", "likes trains"))
    assert out == "added Kenji Mori (active)\n"
    [kenji] = Store(store_path).contacts()
    assert (kenji.reading, kenji.company, kenji.title, kenji.industry, kenji.function, kenji.level,
            kenji.generation, kenji.relation, kenji.tier) == (
        "もり けんじ", "Layer", "CTO", "software", "engineering", "executive", "40s", "cross-industry", "active")
    assert (kenji.purposes, kenji.stage, kenji.next_step, kenji.emails, kenji.phones, kenji.links) == (
        ("hiring", "learning"), "public value", "invite to the demo day", ("k@layer.jp",), ("090-1",),
        ("https://layer.jp",))
    assert (kenji.how_met, kenji.tags, kenji.birthday, kenji.cadence_days, kenji.notes) == (
        "expo 2026", ("ai", "robots"), "--12-08", 45, "likes trains")
    [log] = Store(store_path).interactions()
    assert log.text == "tier: added to active"  # not "moved up from network to active"


def test_add_refuses_a_bad_field_or_a_full_tier_by_the_option_and_adds_no_one(kizuna, store: Store) -> None:
    for i in range(5):
        store.add(Contact(name=f"Deep {i}", tier="deep"))
    before = store.path.read_bytes()
    assert one_line_error(kizuna("add", "X", "--level", "boss")) == (
        "kizuna: --level: 'boss' is not one of executive, manager, staff, independent\n")
    assert "contact." not in one_line_error(kizuna("add", "X", "--purposes", "sales"))
    assert "deep is full (5 of 5)" in one_line_error(kizuna(*DATE, "add", "X", "--tier", "deep"))
    assert store.path.read_bytes() == before


def test_edit_changes_only_what_is_given(kizuna, store: Store) -> None:
    emily = store.add(Contact(name="Emily Carter", company="Northwind", tier="active"))
    out = ok(kizuna(*DATE, "edit", "emily", "--stage", "joint work", "--next-step", "pilot at Hamamatsu",
                    "--purposes", "product development", "--company", ""))
    assert out == "updated Emily Carter (active): company, next-step, purposes, stage\n"
    again = Store(store.path).contact(emily.id)
    assert (again.stage, again.next_step, again.purposes, again.company, again.tier) == (
        "joint work", "pilot at Hamamatsu", ("product development",), "", "active")
    ok(kizuna(*DATE, "edit", "emily", "--tier", "deep", "--name", "Emily Stone"))
    again = Store(store.path).contact(emily.id)
    assert (again.name, again.tier) == ("Emily Stone", "deep")
    assert "nothing to change" in one_line_error(kizuna("edit", "emily"))
    assert "--stage: 'bogus' is not one of" in one_line_error(kizuna("edit", "emily", "--stage", "bogus"))


def test_settings_list_show_and_change(kizuna, store: Store) -> None:
    store.add(Contact(name="Aoki", tier="deep"))
    out = ok(kizuna("settings"))
    for key, value in (("own-industry", "(not set)"), ("deep-cap", "5"), ("active-cap", "15"),
                       ("deep-cadence", "30"), ("active-cadence", "90"), ("focus-deep-per-month", "1"),
                       ("focus-template", "same-industry, cross-industry, cross-industry, customer"),
                       ("language", "(not set)")):
        assert re.search(rf"^{key}\s+{re.escape(value)}$", out, re.M), key
    assert ok(kizuna("settings", "own-industry", "製造業")) == "own-industry: 製造業\n"
    assert ok(kizuna("settings", "deep_cadence_days", "21")) == "deep-cadence: 21\n"
    assert ok(kizuna("settings", "focus-template", "customer, mentor")) == "focus-template: customer, mentor\n"
    settings = Store(store.path).settings()
    assert (settings.own_industry, settings.deep_cadence_days, settings.focus_template) == (
        "製造業", 21, ("customer", "mentor"))
    assert json.loads(ok(kizuna("settings", "deep-cap", "--json"))) == {"deep-cap": 5}
    before = store.path.read_bytes()
    assert "no setting called 'nope'" in one_line_error(kizuna("settings", "nope", "1"))
    assert "deep-cap: '0' is not a whole number" in one_line_error(kizuna("settings", "deep-cap", "0"))
    assert "language: 'fr' is not one of en, ja" in one_line_error(kizuna("settings", "language", "fr"))
    assert store.path.read_bytes() == before


def test_show_prints_birthday_notes_links_and_how_met(kizuna, store: Store) -> None:
    store.add(Contact(name="Aoki", birthday="1980-03-21", links=("https://aoki.jp",), how_met="the expo",
                      notes="prefers mornings\nno calls on fridays", cadence_days=20))
    out = ok(kizuna("show", "Aoki"))
    for part in ("birthday   1980-03-21", "links      https://aoki.jp", "how met    the expo",
                 "cadence    every 20 days", "notes\n  prefers mornings\n  no calls on fridays"):
        assert part in out, part


def test_a_birthday_in_the_coming_week_is_in_today(kizuna, store: Store) -> None:
    store.add(Contact(name="Aoki", birthday="1980-12-08"))
    store.add(Contact(name="Baba", birthday="--12-05"))
    store.add(Contact(name="Chiba", birthday="1990-12-12"))  # a week away: not yet
    out = ok(kizuna(*DATE, "today"))
    assert "Birthdays this week\n  • Baba: birthday today\n" in out
    assert "  • Aoki: birthday in 3 days\n      Tue 2026-12-08, turns 46\n" in out
    assert "Chiba" not in out
    items = json.loads(ok(kizuna(*DATE, "today", "--json")))["items"]
    assert [(i["kind"], i["name"]) for i in items] == [("birthday", "Baba"), ("birthday", "Aoki")]


def test_diversity_says_what_an_unknown_dimension_means(kizuna, store: Store) -> None:
    for name in ("Aoki", "Baba"):
        store.add(Contact(name=name, tier="deep", industry="retail"))
    out = ok(kizuna("diversity", "deep"))
    assert re.search(r"^level\s+-\s+not recorded for 2 people \(nothing to measure\)$", out, re.M)
    assert "unknown 2" not in out and "0.00" not in out.split("level", 1)[1].splitlines()[0]
    assert "(evenness: 0 = all the same, 1 = all different)" in out


def test_help_never_ends_a_line_on_a_word_that_leads_to_the_next(kizuna) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    for args in (["note"], ["snooze"], ["merge"], ["promise", "add"], ["add"], ["settings"]):
        out = kizuna(*args, "--help", env={k: v for k, v in env.items() if not k.startswith("KIZUNA_")})
        for line in out.stdout.splitlines():
            assert not re.search(r"(^|\s)(by|next|on|due|to)$", line), (args, line)


def test_one_is_never_plural(kizuna, store: Store) -> None:
    aoki = store.add(Contact(name="Aoki", cadence_days=1, created="2026-12-01T09:00:00+00:00"))
    store.add(Interaction(date="2026-12-04", contacts=(aoki.id,), kind="call"))
    assert "cadence    every day" in ok(kizuna("show", "Aoki"))
    out = ok(kizuna(*DATE, "today", "--days", "1"))
    assert "Aoki: touch base (network, every day)" in out and "1 days" not in out
    other = Path(str(store.path) + ".other.json")
    Store(other).add(Contact(name="Baba"))  # someone, never due: nothing to say but the quiet line
    quiet = ok(kizuna("--db", str(other), *DATE, "today", "--days", "1"))
    assert "in the next 1 day." in quiet


def test_control_characters_never_reach_the_store(kizuna, store: Store) -> None:
    ok(kizuna("add", "Evil\x1b[2J One", "--notes", "line 1\nline 2\x07", "--company", "A\x9bcme"))
    [evil] = Store(store.path).contacts()
    assert (evil.name, evil.notes, evil.company) == ("Evil[2J One", "line 1\nline 2", "Acme")
    ok(kizuna("settings", "own-industry", "x\x1by"))
    assert Store(store.path).settings().own_industry == "xy"
    ok(kizuna("note", '@+"Bad\x1b]0;owned\x07 Name" hi'))
    assert "Bad]0;owned Name" in [c.name for c in Store(store.path).contacts()]
