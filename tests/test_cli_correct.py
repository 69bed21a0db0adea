"""kizuna note edit|delete, promise delete, forget, undo, search, --version, completion, note -e:
the real command in a subprocess, the real store on disk."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from model.records import Interaction
from model.store import Store

DATE = ("--date", "2026-11-26")


def note(kizuna, line: str) -> dict:
    done = kizuna(*DATE, "note", "--new", "--json", line)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["interaction"]


def one_error(done, code: int = 1) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    return done.stderr


def test_fix_a_typo_a_person_and_a_date_from_the_shell(kizuna, store_path: Path) -> None:
    saved = note(kizuna, "@Tanaka lunch: talked pricnig #sales")
    assert kizuna("note", "--new", "@Sato call: hello").returncode == 0
    done = kizuna("note", "edit", saved["id"][:6], "--text", "talked pricing")
    assert done.returncode == 0 and "talked pricing" in done.stdout
    assert kizuna("note", "edit", saved["id"][:6], "--people", "Sato").returncode == 0
    assert kizuna("note", "edit", saved["id"], "--date", "2026-11-20").returncode == 0
    got = Store(store_path).get(Interaction, saved["id"])
    sato = next(c for c in Store(store_path).contacts() if c.name == "Sato")
    assert (got.text, got.contacts, got.date, got.tags) == ("talked pricing", (sato.id,), "2026-11-20", ("sales",))


def test_edit_with_a_capture_line_keeps_the_date_unless_it_names_one(kizuna, store_path: Path) -> None:
    saved = note(kizuna, "@Tanaka lunch 2026-11-10: x")
    done = kizuna(*DATE, "note", "edit", "--last", "@Tanaka call !deep: the real text #sales")
    assert done.returncode == 0, done.stderr
    got = Store(store_path).get(Interaction, saved["id"])
    assert (got.kind, got.depth, got.date, got.text, got.tags) == ("call", "deep", "2026-11-10", "the real text", ("sales",))
    done = kizuna(*DATE, "note", "edit", "--last", "@Tanaka call yesterday: promised a deck by fri")
    assert "cannot add a promise" in one_error(done)


def test_dry_run_saves_nothing(kizuna, store_path: Path) -> None:
    saved = note(kizuna, "@Tanaka lunch: typo")
    before = store_path.read_bytes()
    done = kizuna("note", "edit", "--last", "--text", "fixed", "--dry-run")
    assert done.returncode == 0 and "would save" in done.stdout and "fixed" in done.stdout
    done = kizuna("note", "delete", saved["id"], "--dry-run")
    assert done.returncode == 0 and "would delete" in done.stdout
    assert store_path.read_bytes() == before


def test_delete_and_undo_a_note_and_a_promise(kizuna, store_path: Path) -> None:
    saved = note(kizuna, "@Tanaka call: promised the deck by fri")
    done = kizuna("promise", "delete", "Tanaka", "deck")
    assert done.returncode == 0 and "deleted" in done.stdout
    assert Store(store_path).promises() == []
    assert kizuna("note", "delete", "--last").returncode == 0
    assert Store(store_path).interactions() == []
    done = kizuna("undo")
    assert done.returncode == 0 and "undone: a note deleted" in done.stdout
    assert [i.id for i in Store(store_path).interactions()] == [saved["id"]]
    done = kizuna("undo")
    assert done.returncode == 0 and "promise deleted" in done.stdout
    assert len(Store(store_path).promises()) == 1


def test_a_quoted_line_starting_with_edit_is_a_note(kizuna, store_path: Path) -> None:
    done = kizuna("note", "--new", "edit the deck with @Mori")
    assert done.returncode == 0 and "saved" in done.stdout
    assert Store(store_path).interactions()[0].text == "edit the deck with Mori"


def test_unknown_and_ambiguous_ids(kizuna, store_path: Path) -> None:
    store = Store(store_path)
    store.add(Interaction(id="abcd1" + "0" * 27, date="2026-11-01", contacts=("x",), text="one"))
    store.add(Interaction(id="abcd2" + "0" * 27, date="2026-11-02", contacts=("x",), text="two"))
    assert "abcd10000000 (2026-11-01 one)" in one_error(kizuna("note", "delete", "abcd"))
    assert "no note with an id starting ffff" in one_error(kizuna("note", "delete", "ffff"))
    assert "which note" in one_error(kizuna("note", "edit"), 2)
    assert "say what to change" in one_error(kizuna("note", "edit", "abcd1"), 2)
    assert "not a date" in one_error(kizuna("note", "edit", "abcd1", "--date", "11/31"), 2)
    assert len(Store(store_path).interactions()) == 2


def test_forget_shows_then_needs_yes_and_can_be_undone(kizuna, store_path: Path) -> None:
    note(kizuna, "@Tanaka lunch: alone")
    shared = note(kizuna, "@Tanaka @Mori meeting: shared")
    done = kizuna("forget", "Tanaka")
    assert done.returncode == 0 and "1 note of theirs alone" in done.stdout and "backups" in done.stdout
    assert {c.name for c in Store(store_path).contacts()} == {"Tanaka", "Mori"}
    assert kizuna("forget", "Tanaka", "--yes").returncode == 0
    again = Store(store_path)
    assert [c.name for c in again.contacts()] == ["Mori"]
    assert [i.id for i in again.interactions()] == [shared["id"]]
    assert "Tanaka deleted" in kizuna("undo").stdout
    assert {c.name for c in Store(store_path).contacts()} == {"Tanaka", "Mori"}


def test_undo_refuses_a_change_another_process_made_since(kizuna, store_path: Path) -> None:
    saved = note(kizuna, "@Tanaka call: mine")
    other = Store(store_path)  # no undo log: like another laptop's change synced in
    other.put(other.get(Interaction, saved["id"]).touched(text="theirs"))
    assert "changed since" in one_error(kizuna("undo"))
    assert Store(store_path).get(Interaction, saved["id"]).text == "theirs"
    from model.actions.undo import undo_path

    assert undo_path(store_path).name.startswith("kizuna.undo.")
    assert stat.S_IMODE(os.stat(undo_path(store_path)).st_mode) == 0o600


def test_search_by_word_phrase_person_tag_and_date(kizuna) -> None:
    a = note(kizuna, "@Tanaka lunch 2026-11-20: pricing for next quarter #sales")
    b = note(kizuna, "@Sato call 2026-01-10: pricing too high")
    note(kizuna, "@Mori coffee 2026-11-21 !confidential: pricing secret")

    def ids(*query: str) -> list[str]:
        done = kizuna("search", "--json", *query)
        assert done.returncode == 0, done.stderr
        return [h["id"] for h in json.loads(done.stdout)]

    assert ids("pricing") == [a["id"], b["id"]]
    assert ids('"next quarter"') == [a["id"]]
    assert ids("pricing", "@sato") == [b["id"]]
    assert ids("#sales") == [a["id"]]
    assert ids("pricing", "since:2026-11") == [a["id"]]
    assert ids("pricing", "before:2026-02") == [b["id"]]
    assert len(ids("pricing", "--include-confidential")) == 3
    done = kizuna("search", "pricing")
    assert done.returncode == 0 and "Tanaka: pricing for next quarter" in done.stdout
    assert "secret" not in done.stdout
    assert "not a month" in one_error(kizuna("search", "since:2026-13"))


def test_version_and_completion(kizuna) -> None:
    done = kizuna("--version")
    assert done.returncode == 0 and done.stdout.startswith("kizuna ")
    note(kizuna, "@Tanaka call: x")
    for shell in ("bash", "zsh", "fish"):
        done = kizuna("completion", shell)
        assert done.returncode == 0 and "__complete-names" in done.stdout and "search" in done.stdout
    assert kizuna("__complete-names", "ta").stdout == "Tanaka\n"


def test_bash_completion_completes_names_from_the_store(kizuna, cli_env, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if not shutil.which("bash"):
        pytest.skip("no bash")
    note(kizuna, "@Tanaka call: x")
    script = kizuna("completion", "bash").stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "kizuna").write_text(f"#!/bin/sh\nexec {sys.executable} -m tui \"$@\"\n")
    (bindir / "kizuna").chmod(0o755)
    env = dict(cli_env, PATH=f"{bindir}:{os.environ['PATH']}")
    test = script + '\nCOMP_WORDS=(kizuna show Ta); COMP_CWORD=2; _kizuna; echo "${COMPREPLY[@]}"\n'
    done = subprocess.run(["bash", "-c", test], env=env, capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent, timeout=60)
    assert done.stdout.strip() == "Tanaka", done.stderr


def editor(tmp_path: Path, body: str) -> str:
    """An editor that replaces the file's text with ``body`` (a real program run by kizuna)."""
    script = tmp_path / "ed.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w', encoding='utf-8').write({body!r})\n")
    return f"{sys.executable} {script}"


def test_note_in_the_editor_first_line_grammar_rest_body(kizuna, cli_env, tmp_path, store_path) -> None:
    env = dict(cli_env, EDITOR=editor(tmp_path, "@Tanaka call !deep: the plan\nline two\nline three\n"))
    done = kizuna("note", "--new", "-e", env=env)
    assert done.returncode == 0, done.stderr
    got = Store(store_path).interactions()[0]
    assert (got.kind, got.depth, got.text) == ("call", "deep", "the plan\nline two\nline three")
    env = dict(cli_env, VISUAL=editor(tmp_path, "  \n"))
    done = kizuna("note", "-e", "@Mori", env=env)
    assert done.returncode == 0 and "nothing saved" in done.stdout
    assert len(Store(store_path).interactions()) == 1
    env = dict(cli_env, EDITOR="", VISUAL="")
    assert "set $VISUAL or $EDITOR" in one_error(kizuna("note", "-e", env=env))


def test_note_edit_in_the_editor(kizuna, cli_env, tmp_path, store_path) -> None:
    saved = note(kizuna, "@Tanaka lunch 2026-11-10: typo")
    env = dict(cli_env, EDITOR=editor(tmp_path, "@Tanaka !meal 2026-11-11: fixed\nmore"))
    done = kizuna("note", "edit", "--last", "-e", env=env)
    assert done.returncode == 0, done.stderr
    got = Store(store_path).get(Interaction, saved["id"])
    assert (got.date, got.text) == ("2026-11-11", "fixed\nmore")


def test_search_output_carries_no_terminal_controls(kizuna, store_path: Path) -> None:
    store = Store(store_path)
    from model.records import Contact

    who = store.add(Contact(name="Evil\x1b[2J"))
    store.add(Interaction(date="2026-11-01", contacts=(who.id,), text="pricing \x1b]0;owned\x07 talk"))
    done = kizuna("search", "pricing")
    assert done.returncode == 0 and "pricing" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout


def test_undo_a_tier_move_and_a_promise_kept_from_the_shell(kizuna, store_path: Path) -> None:
    note(kizuna, "@Tanaka call: promised the deck by 12/10")
    assert kizuna(*DATE, "tier", "Tanaka", "active").returncode == 0
    assert kizuna(*DATE, "promise", "keep", "Tanaka", "deck").returncode == 0
    assert Store(store_path).promises()[0].status == "kept"
    done = kizuna("undo")
    assert done.returncode == 0 and "promise kept: the deck" in done.stdout
    assert Store(store_path).promises()[0].status == "open"
    done = kizuna("undo")
    assert done.returncode == 0 and "Tanaka: tier network -> active" in done.stdout
    assert Store(store_path).contacts()[0].tier == "network"
    assert not [i for i in Store(store_path).interactions() if i.kind == "log"]  # their log lines too
