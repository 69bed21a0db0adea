"""``kizuna note`` through real subprocesses on a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

from model.records import Contact
from model.store import Store

TODAY = ["--date", "2026-11-26"]  # a Thursday


def seed(store_path: Path, *people: Contact) -> None:
    store = Store(store_path)
    with store.transaction():
        for person in people:
            store.add(person)


def test_note_saves_people_note_and_promises(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki", company="Acme", tier="active"))
    done = kizuna(*TODAY, "note", "@tanaka @+Mori lunch yesterday !deep: talked hiring #採用 "
                                  "promised an intro to Sato by fri, @Mori promised the deck by 12/5")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("saved:")
    for part in ("Tanaka Yuki (Acme)", "Mori (new contact, network tier)", "kind     meal",
                 "deep conversation", "2026-11-25 Wed (yesterday)", "#採用", "scope    open",
                 "I promised Tanaka Yuki: an intro to Sato — due 2026-11-27 Fri",
                 "Mori promised: the deck — due 2026-12-05 Sat", "text     talked hiring"):
        assert part in out, part
    store = Store(store_path)
    people = {c.name: c for c in store.contacts()}
    assert people["Mori"].tier == "network"
    [note] = store.interactions()
    assert (note.date, note.kind, note.depth, note.tags, note.text) == (
        "2026-11-25", "meal", "deep", ("採用",), "talked hiring")
    assert note.contacts == (people["Tanaka Yuki"].id, people["Mori"].id)
    promises = sorted(store.promises(), key=lambda p: p.due)
    assert [(p.owner, p.contact, p.text, p.due, p.interaction) for p in promises] == [
        ("me", people["Tanaka Yuki"].id, "an intro to Sato", "2026-11-27", note.id),
        ("them", people["Mori"].id, "the deck", "2026-12-05", note.id),
    ]


def test_unquoted_words_are_one_line(kizuna, store_path: Path) -> None:
    done = kizuna(*TODAY, "note", "--new", "@Anna", "call", "!confidential", "numbers", "we", "discussed")
    assert done.returncode == 0, done.stderr
    [note] = Store(store_path).interactions()
    assert (note.kind, note.scope, note.text) == ("call", "confidential", "numbers we discussed")


def test_a_bad_date_is_one_line_exit_1_and_the_store_unchanged(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki"))
    before = store_path.read_bytes()
    for line, words in (("@Tanaka @+Newbie lunch: promised the deck by 2/30", "2/30"),
                        ("@Tanaka 13/5 call", "13/5"),
                        ("@Tanaka @+Newbie promised the deck by", "'by' needs a date"),
                        ("@Tanaka promised the deck", "due date"),
                        ("@Tanaka tomorrow call", "future")):
        done = kizuna(*TODAY, "note", line)
        assert done.returncode == 1, line
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("kizuna: "), done.stderr
        assert words in done.stderr
        assert store_path.read_bytes() == before, line
    assert [c.name for c in Store(store_path).contacts()] == ["Tanaka Yuki"]


def test_an_ambiguous_name_lists_the_people(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki", company="Acme"), Contact(name="田中 一郎", reading="たなか いちろう"),
         Contact(name="Tanaka Jiro", company="Beta"), Contact(name="田中 花子", reading="たなか はなこ"))
    before = store_path.read_bytes()
    done = kizuna(*TODAY, "note", "@tanaka call")
    assert done.returncode == 1
    assert "Tanaka Yuki (Acme)" in done.stderr and "Tanaka Jiro (Beta)" in done.stderr
    assert "田中" not in done.stderr and done.stderr.count("\n") == 1
    done = kizuna(*TODAY, "note", "@タナカ call")  # by reading, katakana for hiragana
    assert done.returncode == 1
    assert "田中 一郎" in done.stderr and "田中 花子" in done.stderr and "Tanaka" not in done.stderr
    assert store_path.read_bytes() == before
    done = kizuna(*TODAY, "note", '@"Tanaka Jiro" call')
    assert done.returncode == 0, done.stderr


def test_japanese_note(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="佐藤 健", reading="さとう たけし"))
    done = kizuna(*TODAY, "note", "@佐藤さん ランチ 採用の話 #採用 @佐藤 promised 資料 by 12/5")
    assert done.returncode == 0, done.stderr
    assert "佐藤 健" in done.stdout and "new contact" not in done.stdout
    assert "佐藤 健 promised: 資料 — due 2026-12-05" in done.stdout
    [promise] = Store(store_path).promises()
    assert (promise.owner, promise.text, promise.due) == ("them", "資料", "2026-12-05")


def test_dry_run_saves_nothing_and_json_is_for_scripts(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki"))
    before = store_path.read_bytes()
    done = kizuna(*TODAY, "note", "--dry-run", "@Tanaka @+Newbie call promised notes by mon")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("would save (dry run, nothing saved):")
    assert "Newbie (new contact, network tier)" in done.stdout
    assert store_path.read_bytes() == before
    done = kizuna(*TODAY, "note", "--json", "@Tanaka call they promised notes by mon #x")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    store = Store(store_path)
    [note], [promise] = store.interactions(), store.promises()
    assert data["saved"] is True and data["interaction"]["id"] == note.id
    assert data["promises"][0]["id"] == promise.id and data["promises"][0]["due"] == "2026-11-30"
    assert (data["kind"], data["tags"], data["people"][0]["name"]) == ("call", ["x"], "Tanaka Yuki")
    assert data["hints"] == []
    hinted = json.loads(kizuna(*TODAY, "note", "--dry-run", "--json", "@Tanaka talked shop at the expo yesterday").stdout)
    assert "'yesterday' was left in the text" in hinted["hints"][0]


def test_help_documents_the_grammar(kizuna) -> None:
    done = kizuna("note", "--help")
    assert done.returncode == 0
    for part in ("@Name", "#tag", "!deep", "!confidential", "promised X by DATE",
                 "they promised X by DATE", "month/day", "next week", "\\word", "examples:"):
        assert part in done.stdout, part


def test_natural_forms_from_the_shell(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki", company="Acme"))
    done = kizuna(*TODAY, "note", "met @Tanaka for lunch yesterday: hiring; @Tanaka will send the deck by 12/5, "
                                  "I'll share notes by next fri")
    assert done.returncode == 0, done.stderr
    for part in ("kind     meal", "2026-11-25 Wed (yesterday)", "text     hiring",
                 "Tanaka Yuki promised: send the deck — due 2026-12-05 Sat",
                 "I promised Tanaka Yuki: share notes — due 2026-12-04 Fri"):
        assert part in done.stdout, part
    store = Store(store_path)
    [note] = store.interactions()
    assert (note.date, note.kind, note.text) == ("2026-11-25", "meal", "hiring")
    promises = sorted(store.promises(), key=lambda p: p.due)
    assert [(p.owner, p.text, p.due) for p in promises] == [
        ("me", "share notes", "2026-12-04"), ("them", "send the deck", "2026-12-05")]


def test_a_bad_natural_promise_is_one_line_and_saves_nothing(kizuna, store_path: Path) -> None:
    seed(store_path, Contact(name="Tanaka Yuki"))
    before = store_path.read_bytes()
    for line, words in (("call with @Tanaka on tue: Sato promised the deck by fri", "Sato is not named on this note"),
                        ("@Tanaka @+Newbie will send the deck by 2/30", "2/30"),
                        ("@Tanaka to send the deck by yesterday", "before the note's date"),
                        ("met @Tanaka for lunch on feb 30", "feb 30")):
        done = kizuna(*TODAY, "note", line)
        assert done.returncode == 1 and done.stdout == "", line
        assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
        assert store_path.read_bytes() == before, line
