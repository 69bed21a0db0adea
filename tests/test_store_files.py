"""A damaged or newer store file is never overwritten: one clear line, exit 1, bytes unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from model.errors import StoreError
from model.records import Contact, Interaction
from model.store import Store


def healthy(path: Path) -> bytes:
    store = Store(path)
    sato = store.add(Contact(name="佐藤 健", reading="さとう けん"))
    store.add(Interaction(date="2026-11-20", contacts=(sato.id,), text="月産1,200個の相談"))
    return path.read_bytes()


def remove_first_comma_after_name(raw: bytes) -> bytes:
    return raw.replace('"name": "佐藤 健",'.encode(), '"name": "佐藤 健"'.encode(), 1)


def with_schema(raw: bytes, version: object) -> bytes:
    data = json.loads(raw)
    data["meta"]["1"]["schema_version"] = version
    return json.dumps(data, ensure_ascii=False).encode()


def without_id(raw: bytes) -> bytes:
    data = json.loads(raw)
    del data["contacts"]["1"]["id"]
    return json.dumps(data, ensure_ascii=False).encode()


# (name, damage, what the message must say)
DAMAGE = [
    ("truncated", lambda raw: raw[: len(raw) // 2], r"not valid JSON at line \d+ column \d+"),
    ("hand-broken", remove_first_comma_after_name, r"not valid JSON at line 11 column 7"),
    ("empty", lambda raw: b"", r"the file is empty \(0 bytes\)"),
    ("NUL-filled", lambda raw: b"\0" * 4096, r"blank or NUL-filled \(4096 bytes\)"),
    ("not UTF-8", lambda raw: raw.replace("健".encode(), b"\xff\xfe", 1),
     r"not valid JSON at line 10 column 19: bytes that are not UTF-8"),
    ("a list", lambda raw: b"[1, 2, 3]\n", r"expected a JSON object of tables, found list"),
    ("a document without id", without_id, r"table 'contacts' document 1 has no \"id\""),
    ("newer schema", lambda raw: with_schema(raw, 3), r"newer Kizuna \(schema_version 3, this one reads up to 2\)"),
    ("bad schema", lambda raw: with_schema(raw, "two"), r"schema_version 'two' is not a version number"),
]


@pytest.mark.parametrize(("name", "damage", "says"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_file_is_refused_and_left_alone(kizuna, store_path: Path, name, damage, says) -> None:
    broken = damage(healthy(store_path))
    store_path.write_bytes(broken)
    folder_before = sorted(p.name for p in store_path.parent.iterdir())
    commands = [["note", "@佐藤 健 昼食、値上げの相談"], ["contacts"]]
    if name == "hand-broken":
        commands += [["show", "佐藤"], ["contacts", "--json"], ["note", "@Newcomer hello"]]
    for args in commands:
        done = kizuna(*args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith(f"kizuna: {store_path}: ")
        assert re.search(says, lines[0]), lines[0]
        assert "not touching it" in lines[0] or "not touched" in lines[0]
        assert store_path.read_bytes() == broken
    # nothing new beside it: no temp file, no backup, no half-written copy
    assert sorted(p.name for p in store_path.parent.iterdir()) == folder_before


def test_the_app_refuses_a_damaged_file_before_it_opens(kizuna, store_path: Path) -> None:
    healthy(store_path)
    store_path.write_bytes(b"\0" * 100)
    for args in ([], ["--db", str(store_path)], ["--demo", "--db", str(store_path), "contacts"]):
        done = kizuna(*args, timeout=30)
        if "--demo" in args:  # the demo never opens the user's store, damaged or not
            assert done.returncode == 0 and "佐藤 健" in done.stdout
            continue
        assert done.returncode == 1
        assert done.stderr.splitlines() == [done.stderr.strip()]
        assert str(store_path) in done.stderr and "NUL-filled" in done.stderr
    assert store_path.read_bytes() == b"\0" * 100


def test_a_byte_order_mark_is_accepted(store_path: Path) -> None:
    raw = healthy(store_path)
    store_path.write_bytes(b"\xef\xbb\xbf" + raw)
    assert [c.name for c in Store(store_path).contacts()] == ["佐藤 健"]


def test_in_process_a_damaged_file_raises_store_error_and_is_never_written(store_path: Path) -> None:
    raw = healthy(store_path)
    store = Store(store_path)
    store_path.write_bytes(raw[:100])  # damaged behind the back of an open store
    with pytest.raises(StoreError, match="not valid JSON"):
        store.add(Contact(name="Anna"))
    assert store_path.read_bytes() == raw[:100]
    assert store.contacts() == []  # memory holds nothing the disk does not


def test_a_store_under_a_file_gives_one_line(kizuna, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for args in (["--db", str(blocker / "kizuna.json"), "note", "@+Anna hi"],
                 ["--db", str(blocker / "kizuna.json"), "contacts"]):
        done = kizuna(*args)
        assert done.returncode == 1
        assert done.stderr.splitlines() == [done.stderr.strip()]
        assert str(blocker / "kizuna.json") in done.stderr
    assert blocker.read_text() == "x"


def test_a_store_that_is_a_folder_gives_one_line(kizuna, tmp_path: Path) -> None:
    done = kizuna("--db", str(tmp_path), "contacts")
    assert done.returncode == 1
    assert done.stderr.strip() == f"kizuna: {tmp_path}: is a folder, not a store file"
