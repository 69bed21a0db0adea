"""``kizuna export json`` carries the deletions; ``kizuna import`` of an old export never brings
back what this store deleted. The real command in a subprocess, the real store on disk."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from model.actions.edit import deleted_ids
from model.records import Deletion
from model.store import Store

DATE = ("--date", "2026-11-26")


def ok(done):
    assert done.returncode == 0 and "Traceback" not in done.stderr, (done.stdout, done.stderr)
    return done


def note(kizuna, line: str) -> dict:
    return json.loads(ok(kizuna(*DATE, "note", "--new", "--json", line)).stdout)["interaction"]


def note_ids(store_path: Path) -> set[str]:
    return {i.id for i in Store(store_path).interactions() if i.kind != "log"}


def test_an_old_export_does_not_bring_back_a_deleted_note(kizuna, store_path: Path, tmp_path: Path) -> None:
    gone = note(kizuna, "@+Tanaka lunch: talked pricnig")
    kept = note(kizuna, "@Tanaka call: the one that stays")
    old = tmp_path / "old.json"
    ok(kizuna("export", "json", "-o", str(old)))
    assert orjson.loads(old.read_bytes())["deletions"] == []

    ok(kizuna("note", "delete", gone["id"][:8]))
    done = ok(kizuna("import", str(old)))
    assert "3 skipped (1 as deleted in this store)" in done.stdout.splitlines()[0], done.stdout
    assert "deleted in this store" in done.stdout
    assert note_ids(store_path) == {kept["id"]}

    new = tmp_path / "new.json"
    ok(kizuna("export", "json", "-o", str(new)))
    stones = orjson.loads(new.read_bytes())["deletions"]
    assert [(d["id"], d["of"]) for d in stones] == [(gone["id"], "interactions")]


def test_a_restore_keeps_the_deletions_and_then_refuses_the_older_export(kizuna, store_path: Path,
                                                                         tmp_path: Path) -> None:
    gone = note(kizuna, "@+Tanaka lunch: to be deleted")
    old = tmp_path / "old.json"
    ok(kizuna("export", "json", "-o", str(old)))
    ok(kizuna("note", "delete", gone["id"][:8]))
    new = tmp_path / "new.json"
    ok(kizuna("export", "json", "-o", str(new)))

    other = tmp_path / "restored" / "kizuna.json"
    done = ok(kizuna("--db", str(other), "import", str(new)))
    assert "1 deletion recorded" in done.stdout
    assert gone["id"] in deleted_ids(Store(other)) and Store(other).get(Deletion, gone["id"]).of == "interactions"
    done = ok(kizuna("--db", str(other), "import", str(old)))  # the export from before the deletion
    assert "as deleted in this store" in done.stdout
    assert gone["id"] not in note_ids(other)


def test_an_old_export_does_not_bring_back_a_forgotten_person(kizuna, store_path: Path, tmp_path: Path) -> None:
    note(kizuna, "@+Tanaka lunch: hers alone")
    shared = note(kizuna, "@Tanaka @+Sato meeting: both of them")
    old = tmp_path / "old.json"
    ok(kizuna("export", "json", "-o", str(old)))
    ok(kizuna("forget", "Tanaka", "--yes"))
    before = Store(store_path)
    ok(kizuna("import", str(old)))
    after = Store(store_path)
    assert [c.name for c in after.contacts()] == ["Sato"]
    assert note_ids(store_path) == {shared["id"]}
    assert after.get(type(before.interactions()[0]), shared["id"]).contacts == \
        before.get(type(before.interactions()[0]), shared["id"]).contacts


def test_a_damaged_deletions_list_is_refused_whole(kizuna, store_path: Path, tmp_path: Path) -> None:
    note(kizuna, "@+Tanaka lunch: x")
    bad = tmp_path / "bad.json"
    ok(kizuna("export", "json", "-o", str(bad)))
    data = orjson.loads(bad.read_bytes())
    data["deletions"] = [{"id": "abc", "of": "\x1b[2Jnope"}]
    bad.write_bytes(orjson.dumps(data))
    before = store_path.read_bytes()
    done = kizuna("import", str(bad))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "deletions[0]" in done.stderr
    assert store_path.read_bytes() == before
