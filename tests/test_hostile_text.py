"""Text is data, never terminal control (issue 10, part 1): the issue's line through the real
``kizuna``, and a store that already holds escapes, direction overrides and NULs."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from hostile import BIDI_NAME, CONTROL, ESC_NAME, ESC_TEXT, hostile_store
from model.records import Contact, Interaction
from model.language.text import clean_field, neutral_cell, visible, visible_line

LINE = "@Evil\x1b]0;pwned\x07Name lunch: hi \x1b[2J there \x1b]52;c;aGk=\x07 end"
TODAY = date(2026, 12, 5)


def test_clean_field_drops_controls_and_keeps_lines_in_note_text():
    assert clean_field("Evil\x1b]0;pwned\x07Name") == "Evil]0;pwnedName"
    assert clean_field("a\tb\nc\x00d\x9b") == "a b cd"
    assert clean_field("a\tb\r\nc\x00", multiline=True) == "a\tb\nc"
    assert clean_field("佐藤\u3000健") == "佐藤\u3000健"


def test_visible_escapes_controls_and_names_hidden_marks():
    assert visible(ESC_NAME) == "Evil\\x1b]0;pwned\\x07Name"
    assert visible(BIDI_NAME) == "Ann<U+202E>A<U+200B>"
    assert visible("a\nb") == "a\\nb" and visible("a\nb", multiline=True) == "a\nb"
    family = "👨\u200d👩\u200d👧"
    assert visible(family, multiline=True) == family  # emoji keep their joiners in notes
    assert visible_line("x\ny\x9b") == "x\\ny\\x9b"
    assert visible("Tanaka 田中") == "Tanaka 田中"


def test_formula_cells_are_neutralised():
    assert [neutral_cell(v) for v in ("=1+1", "+81 3", "-x", "@SUM(A1)", "Sato")] == \
        ["'=1+1", "'+81 3", "'-x", "'@SUM(A1)", "Sato"]


def test_records_drop_controls_on_the_way_in():
    c = Contact(name="A\x1bB", emails=("a\x07@b.c",), notes="one\ntwo\x1b[2J")
    assert (c.name, c.emails, c.notes) == ("AB", ("a@b.c",), "one\ntwo[2J")
    i = Interaction(date="2026-12-01", contacts=(c.id,), text="a\tb\x00\nc")
    assert i.text == "a\tb\nc"


def test_the_issue_line_is_saved_without_controls(kizuna, store_path):
    refused = kizuna("note", LINE)  # a name nobody has: refused, the name quoted escaped
    assert refused.returncode == 1 and not CONTROL.search(refused.stderr), refused.stderr
    assert "Evil\\x1b]0;pwned\\x07Name" in refused.stderr or "Evil]0;pwnedName" in refused.stderr
    done = kizuna("note", "--new", LINE)
    assert done.returncode == 0, done.stderr
    assert not CONTROL.search(done.stdout)
    raw = store_path.read_bytes() + b"".join(p.read_bytes() for p in (store_path.parent / "kizuna-parts").glob("*"))
    assert b"\\u001b" not in raw and b"\\u0007" not in raw and b"\x1b" not in raw
    shown = kizuna("show", "Evil")
    assert "Evil]0;pwnedName" in shown.stdout and "hi [2J there ]52;c;aGk= end" in shown.stdout


@pytest.mark.parametrize("args", [("contacts",), ("contacts", "--all"), ("show", "Evil"), ("show", "Ann"),
                                  ("today",), ("show", "Evil", "--json"), ("contacts", "--json"),
                                  ("show", "no\x1b]0;one\x07")])
def test_a_store_holding_escapes_prints_them_escaped(kizuna, store_path, args):
    hostile_store(store_path, TODAY)
    done = kizuna("--date", TODAY.isoformat(), *args)
    out = done.stdout + done.stderr
    assert not CONTROL.search(out), out
    assert "\u202e" not in out and "\u200b" not in out
    if args[-1] == "--json" and args[0] == "show":
        data = orjson.loads(done.stdout)
        assert data["contact"]["name"] == ESC_NAME  # JSON keeps the text exactly
        assert data["interactions"][0]["text"] == ESC_TEXT


def test_show_and_contacts_tell_look_alike_names_apart(kizuna, store_path):
    hostile_store(store_path, TODAY)
    listed = kizuna("contacts").stdout
    assert "Evil\\x1b]0;pwned\\x07Name" in listed and "Ann<U+202E>A<U+200B>" in listed
    shown = kizuna("show", "Evil").stdout
    assert "hi \\x1b[2J there \\x1b]52;c;aGk=\\x07 end" in shown


def test_exports_carry_no_raw_controls_and_no_formulas(kizuna, store_path):
    hostile_store(store_path, TODAY)
    from model.records import Slot
    from model.store import Store

    store = Store(store_path)
    formula = store.add(Contact(name="=HYPERLINK(\"http://x\",\"y\")", company="@SUM(A1)"))
    plan = store.focus_plans()[0]
    store.put(plan.touched(slots=(*plan.slots, Slot(role="mentor", contact=formula.id, intent="+1 call"))))
    for fmt in ("json", "vcard", "ics", "markdown"):
        for flags in ((), ("--include-confidential",)):
            done = kizuna("--date", TODAY.isoformat(), "export", fmt, *flags)
            assert done.returncode == 0, done.stderr
            assert not CONTROL.search(done.stdout), (fmt, flags)
            assert "\x9b" not in done.stdout
            if fmt == "json":  # a direction override is the user's text elsewhere; JSON escapes it
                assert "\u202e" not in done.stdout
    md = kizuna("--date", TODAY.isoformat(), "export", "markdown").stdout
    assert "| '=HYPERLINK(\"http://x\",\"y\") | '+1 call |" in md
    data = orjson.loads(kizuna("export", "json").stdout)
    assert any(c["name"] == ESC_NAME for c in data["contacts"])  # the text kept, escaped in JSON


def test_a_bad_argument_is_quoted_escaped(kizuna):
    done = kizuna("contacts", "\x1b]0;pwned\x07")
    assert done.returncode == 2 and "\\x1b]0;pwned\\x07" in done.stderr
    assert not CONTROL.search(done.stderr)
