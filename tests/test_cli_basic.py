"""``kizuna note``, ``contacts``, ``show``, ``--help`` and ``--demo``, run as real processes."""

from __future__ import annotations

import argparse
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.cells import cell_len

from model.records import Contact, Interaction
from model.store import Store
from tui.cli import build_parser

TODAY = "2026-11-26"


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kizuna")
    return lines[0]


def test_note_with_a_new_name_creates_a_network_contact_and_says_so(kizuna, store_path: Path) -> None:
    refused = kizuna("--date", TODAY, "note", "@Anna quarterly figures look good")
    assert refused.returncode == 1 and "@+Anna" in refused.stderr and not store_path.exists()
    done = kizuna("--date", TODAY, "note", "@+Anna quarterly figures look good")
    assert done.returncode == 0, done.stderr
    assert "Anna" in done.stdout and "new contact" in done.stdout and "network" in done.stdout
    store = Store(store_path)
    (anna,) = store.contacts()
    assert anna.name == "Anna" and anna.tier == "network"
    (note,) = store.interactions()
    assert note.contacts == (anna.id,) and note.date == TODAY
    assert "quarterly figures look good" in note.text

    again = kizuna("--date", TODAY, "note", "@Anna sent the revised drawing")
    assert again.returncode == 0, again.stderr
    assert "new contact" not in again.stdout
    assert len(Store(store_path).contacts()) == 1
    assert len(Store(store_path).interactions()) == 2


def test_note_finds_japanese_names_by_name_or_reading(kizuna, store_path: Path) -> None:
    sato = Store(store_path).add(Contact(name="佐藤 健", reading="さとう けん", tier="deep"))
    for line in ("@佐藤 四半期の数字を確認した", "@さとう 図面を送付", "@サトウ 電話で確認"):
        done = kizuna("note", line)
        assert done.returncode == 0, done.stderr
        assert "new contact" not in done.stdout
    notes = Store(store_path).interactions()
    assert len(notes) == 3 and all(n.contacts == (sato.id,) for n in notes)
    assert any("四半期の数字を確認した" in n.text for n in notes)
    assert [c.name for c in Store(store_path).contacts()] == ["佐藤 健"]


def test_note_with_two_people(kizuna, store_path: Path) -> None:
    done = kizuna("note", "--new", "@Anna @Bo budget review for the new line")
    assert done.returncode == 0, done.stderr
    (note,) = Store(store_path).interactions()
    assert len(note.contacts) == 2
    assert sorted(c.name for c in Store(store_path).contacts()) == ["Anna", "Bo"]


def fill(store_path: Path) -> None:
    store = Store(store_path)
    with store.transaction():
        sato = store.add(Contact(name="佐藤 健", reading="さとう けん", company="佐藤精工", tier="deep",
                                 industry="manufacturing"))
        store.add(Contact(name="佐藤 亜紀", reading="さとう あき", company="佐藤会計", industry="finance"))
        store.add(Contact(name="Anna Berg", company="Acme AB", tier="active", industry="retail"))
        store.add(Contact(name="Old Friend", tier="archived"))
        store.add(Interaction(date="2026-11-20", contacts=(sato.id,), text="月産1,200個の相談"))
        store.add(Interaction(date="2026-11-21", contacts=(sato.id,), text="値上げ5%の件",
                              scope="confidential"))


def test_contacts_lists_by_tier_with_wide_names_lined_up(kizuna, store_path: Path) -> None:
    fill(store_path)
    done = kizuna("contacts")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["tier", "name", "company", "industry"]
    assert [line.split()[0] for line in lines[1:]] == ["deep", "active", "network"]
    assert "Old Friend" not in done.stdout  # archived only with --all
    # the company column starts at the same screen column on every row, Japanese or not
    starts = {cell_len(line[: line.index(company)]) for line, company in
              zip(lines[1:], ("佐藤精工", "Acme AB", "佐藤会計"), strict=True)}
    assert len(starts) == 1
    every = kizuna("contacts", "--all")
    assert "Old Friend" in every.stdout
    deep = kizuna("contacts", "--tier", "deep")
    assert "佐藤 健" in deep.stdout and "Anna" not in deep.stdout


def test_contacts_json_is_for_scripts(kizuna, store_path: Path) -> None:
    fill(store_path)
    done = kizuna("contacts", "--json")
    assert done.returncode == 0, done.stderr
    people = json.loads(done.stdout)
    assert [p["name"] for p in people] == ["佐藤 健", "Anna Berg", "佐藤 亜紀"]
    assert {"id", "tier", "reading", "created", "updated"} <= set(people[0])
    assert json.loads(kizuna("contacts", "--json", "--all").stdout)[-1]["name"] == "Old Friend"


def test_an_empty_store_lists_nothing_and_says_how_to_start(kizuna, store_path: Path) -> None:
    done = kizuna("contacts")
    assert done.returncode == 0 and "kizuna note" in done.stdout
    assert json.loads(kizuna("contacts", "--json").stdout) == []
    assert not store_path.exists()  # listing never creates the store
    today = kizuna("today")
    assert today.returncode == 0 and 'kizuna note "@+Name what happened"' in today.stdout
    hint = done.stdout.split('kizuna note "', 1)[1].split('"', 1)[0]
    assert kizuna("note", hint).returncode == 0  # the way it shows works on an empty store
    assert [c.name for c in Store(store_path).contacts()] == ["Name"]


def test_show_prints_details_and_timeline_and_masks_confidential(kizuna, store_path: Path) -> None:
    fill(store_path)
    done = kizuna("show", "佐藤 健")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("佐藤 健 (さとう けん)")
    assert "佐藤精工" in done.stdout and "月産1,200個の相談" in done.stdout
    assert "値上げ5%" not in done.stdout and "[confidential]" in done.stdout
    by_reading = kizuna("show", "さとう けん")
    assert by_reading.returncode == 0 and by_reading.stdout == done.stdout
    wide = kizuna("show", "ａｎｎａ")  # full-width letters find Anna
    assert wide.returncode == 0 and wide.stdout.startswith("Anna Berg")


def test_show_json(kizuna, store_path: Path) -> None:
    fill(store_path)
    data = json.loads(kizuna("show", "佐藤 健", "--json").stdout)
    assert data["contact"]["name"] == "佐藤 健"
    assert [i["date"] for i in data["interactions"]] == ["2026-11-21", "2026-11-20"]
    assert data["promises"] == []


def test_unknown_or_ambiguous_name_is_one_line_and_exit_1(kizuna, store_path: Path) -> None:
    fill(store_path)
    before = store_path.read_bytes()
    done = kizuna("show", "Nobody")
    assert done.returncode == 1 and done.stdout == ""
    assert "Nobody" in one_line(done.stderr)
    both = kizuna("show", "佐藤")
    assert both.returncode == 1
    line = one_line(both.stderr)
    assert "佐藤 健" in line and "佐藤 亜紀" in line
    assert store_path.read_bytes() == before


def test_bad_arguments_are_one_line_and_exit_2(kizuna) -> None:
    for args in (["contacts", "--tier", "vip"], ["frobnicate"], ["show"], ["--date", "tomorrow", "contacts"],
                 ["note"]):
        done = kizuna(*args)
        assert done.returncode == 2, (args, done.stderr)
        one_line(done.stderr)


def all_commands() -> list[list[str]]:
    """Every command path, nested ones included (``focus plan``...)."""
    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append([*path, name])
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    return found


def test_every_command_has_help(kizuna) -> None:
    commands = [[], *all_commands()]
    assert ["note"] in commands and ["contacts"] in commands and ["show"] in commands
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda c: (c, kizuna(*c, "--help")), commands))
    for command, done in results:
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.startswith("usage: kizuna"), command
        assert done.stderr == ""


def test_demo_shows_the_demo_people_and_never_touches_the_users_store(
        kizuna, cli_env: dict[str, str], store_path: Path, tmp_path: Path) -> None:
    env = dict(cli_env, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    done = kizuna("--demo", "contacts", env=env)
    assert done.returncode == 0, done.stderr
    assert "佐藤 健" in done.stdout and "Emily Carter" in done.stdout
    assert len(done.stdout.splitlines()) > 30
    assert not store_path.parent.exists()  # KIZUNA_DB's folder was not even created
    Store(store_path).add(Contact(name="Mine"))
    before, stat_before = store_path.read_bytes(), os.stat(store_path)
    for args in (["--demo", "note", "@Emily Carter sent the spec"], ["contacts", "--demo", "--json"],
                 ["--demo", "--db", str(store_path), "show", "田中"]):
        done = kizuna(*args, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "Mine" not in done.stdout
    assert store_path.read_bytes() == before
    assert os.stat(store_path).st_mtime_ns == stat_before.st_mtime_ns
    assert os.listdir(tmp_path / "tmp") == []  # the disposable copy is gone afterwards
    # the demo masks confidential notes like any store
    tanaka = kizuna("--demo", "show", "田中", env=env)
    assert "[confidential]" in tanaka.stdout and "予算枠" not in tanaka.stdout


def test_db_option_wins_over_the_environment(kizuna, tmp_path: Path, store_path: Path) -> None:
    other = tmp_path / "elsewhere" / "mine.json"
    for args in (["--db", str(other), "note", "@+Anna first"], ["note", "--db", str(other), "@+Bo second"]):
        done = kizuna(*args)
        assert done.returncode == 0, done.stderr
    assert sorted(c.name for c in Store(other).contacts()) == ["Anna", "Bo"]
    assert not store_path.exists()


def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(kizuna, store_path: Path) -> None:
    done = kizuna("note", os.fsdecode(b"@Anna ab\xffcd"))
    assert done.returncode == 2
    assert "not valid UTF-8" in one_line(done.stderr)
    assert not store_path.exists()


def test_note_works_while_the_app_holds_the_store_open(kizuna, store_path: Path) -> None:
    app = Store(store_path)  # what the app holds in another terminal
    app.add(Contact(name="Anna"))
    done = kizuna("note", "@Anna sent the revised drawing")
    assert done.returncode == 0, done.stderr
    assert app.refresh() is True  # the app notices the outside write
    assert [i.text for i in app.interactions()] and "revised drawing" in app.interactions()[0].text
    app.add(Contact(name="Bo"))  # and its own next write keeps the note
    assert len(Store(store_path).interactions()) == 1
    assert sorted(c.name for c in Store(store_path).contacts()) == ["Anna", "Bo"]
