"""Confidential stays confidential, private stays out of exports (issue 10, part 5),
through the real ``kizuna`` on a real store."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from model.capture import save
from model.store import Store

TODAY = date(2026, 12, 2)  # a Wednesday: "by fri" is two days on
SECRET = "a secret NDA draft"


@pytest.fixture
def secret_store(store_path):
    store = Store(store_path)
    save(store, f"@+Mori !confidential lunch: promised {SECRET} by fri", TODAY)
    save(store, "@Mori !private coffee: her divorce is hard on her", TODAY)
    save(store, "@Mori call: talked pricing", TODAY)
    save(store, "@Mori !confidential intro: introduced her to the board", TODAY)
    return store


def run(kizuna, *args):
    done = kizuna("--date", TODAY.isoformat(), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("args", [("show", "Mori"), ("show", "Mori", "--json"), ("trust", "Mori"),
                                  ("trust", "Mori", "--json"), ("today",), ("promise", "list"),
                                  ("promise", "list", "--json"), ("export", "json"), ("export", "ics")])
def test_a_promise_made_in_a_confidential_note_is_masked(kizuna, secret_store, args):
    out = run(kizuna, *args)
    assert SECRET not in out and "the board" not in out
    assert "Mori" in out or "mori" in out.lower() or args[0] == "export"


@pytest.mark.parametrize("args", [("show", "Mori", "--json"), ("show", "Mori"), ("promise", "list"),
                                  ("export", "json")])
def test_the_exports_flag_shows_it(kizuna, secret_store, args):
    assert SECRET in run(kizuna, *args, "--include-confidential")
    assert "the board" in run(kizuna, "trust", "Mori", "--include-confidential")


def test_show_json_masks_the_note_and_the_promise(kizuna, secret_store):
    data = orjson.loads(run(kizuna, "show", "Mori", "--json"))
    secret_notes = [i for i in data["interactions"] if i["scope"] == "confidential"]
    assert secret_notes and all(i["text"] == "[confidential]" for i in secret_notes)
    assert [p["text"] for p in data["promises"]] == ["[confidential]"]
    assert any(i["text"] == "talked pricing" for i in data["interactions"])


def test_keeping_a_secret_promise_logs_it_as_confidential(kizuna, secret_store):
    run(kizuna, "promise", "keep", "Mori", "secret")
    for args in (("show", "Mori"), ("trust", "Mori"), ("show", "Mori", "--json"), ("export", "json")):
        assert SECRET not in run(kizuna, *args)
    assert SECRET in run(kizuna, "trust", "Mori", "--include-confidential")
    assert SECRET in run(kizuna, "show", "Mori", "--include-confidential")


def test_private_notes_are_shown_to_you_but_not_exported(kizuna, secret_store):
    assert "her divorce" in run(kizuna, "show", "Mori")
    plain = orjson.loads(run(kizuna, "export", "json"))
    assert not any(i["scope"] == "private" for i in plain["interactions"])
    assert plain["private_included"] is False
    for flag in ("--include-private", "--include-confidential"):
        data = orjson.loads(run(kizuna, "export", "json", flag))
        assert any(i["text"] == "her divorce is hard on her" for i in data["interactions"])
    only_private = orjson.loads(run(kizuna, "export", "json", "--include-private"))
    assert not any(i["scope"] == "confidential" for i in only_private["interactions"])


def test_a_masked_export_imports_back_without_losing_the_real_text(kizuna, secret_store, tmp_path):
    out = tmp_path / "out.json"
    run(kizuna, "export", "json", "-o", str(out))
    run(kizuna, "import", str(out))
    assert SECRET in run(kizuna, "promise", "list", "--include-confidential")


def test_the_due_list_masks_the_same_promises_from_the_index_as_from_every_note(secret_store):
    from model.planning.book import Book
    from model.planning.due import due_list

    save(secret_store, "@Mori email: promised the open pricing sheet by fri", TODAY)
    full, from_index = Book.from_store(secret_store), Book.from_store(secret_store, full=False)
    titles = [[i.title for i in due_list(b, TODAY)] for b in (full, from_index)]
    assert titles[0] == titles[1]
    assert any("[confidential]" in t for t in titles[1]) and any("pricing sheet" in t for t in titles[1])
    assert not any(SECRET in t for t in titles[1])
