"""Reading guesses kept beside the store (``kizuna-readings.cache``): the next start reads
only the names that changed; a damaged or foreign file is ignored and rebuilt, never an
error; a reading the user stored always wins over a kept guess."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from model.language import names, readings
from model.language.names import matches, prepare_keys, reading_of
from model.records import Contact
from model.store import Store

PEOPLE = ["佐藤 健", "東海林 さだお", "小鳥遊 ひかり", "長谷川 美咲", "五十嵐 翔", "田中 一郎",
          "鈴木 花子", "高橋 誠", "伊藤 直子"]


@pytest.fixture
def fresh(monkeypatch):
    """A process that has guessed nothing yet (guesses and keys are remembered per process)."""
    monkeypatch.setattr(readings, "_guessed", {})
    monkeypatch.setattr(names, "_KEYS", {})
    yield
    readings.use_cache(None)


def restart(monkeypatch, path: Path) -> list[tuple]:
    """As a new process: nothing guessed, the cache at ``path``; returns the words the tagger reads."""
    monkeypatch.setattr(readings, "_guessed", {})
    monkeypatch.setattr(names, "_KEYS", {})
    readings.use_cache(path)
    read: list[tuple] = []
    original = readings._read_word
    monkeypatch.setattr(readings, "_read_word", lambda tagger, word: read.append(word) or original(tagger, word))
    return read


def kept(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == readings.CACHE_FORMAT and data["dictionary"] == readings._dictionary()
    return data["readings"]


def write_cache(path: Path, entries: dict[str, str]) -> None:
    path.write_text(json.dumps({"format": readings.CACHE_FORMAT, "dictionary": readings._dictionary(),
                                "readings": entries}, ensure_ascii=False), encoding="utf-8")


def test_guesses_are_kept_beside_the_store_privately(fresh, tmp_path: Path) -> None:
    path = readings.cache_file(tmp_path / "kizuna.json")
    assert path == tmp_path / "kizuna-readings.cache"
    readings.use_cache(path)
    people = [Contact(name=n) for n in PEOPLE] + [Contact(name="Anna Berg"), Contact(name="森 奈々", reading="もり なな")]
    prepare_keys(people, everyone=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert kept(path) == {n: readings.guess(n) for n in PEOPLE}  # only guessed names, no stored readings
    assert kept(path)["東海林 さだお"] == "しょうじ さだお"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_killed_writers_temporary_file_is_swept_at_the_next_write(fresh, tmp_path: Path) -> None:
    import os

    from model.store.storage import TEMP_PREFIX

    path = readings.cache_file(tmp_path / "kizuna.json")
    stale = tmp_path / f"{TEMP_PREFIX}{path.name}-4242-0badf00d"
    fresh_tmp = tmp_path / f"{TEMP_PREFIX}{path.name}-4343-c0ffee00"  # another process writing now
    for tmp in (stale, fresh_tmp):
        tmp.write_bytes(b"{half")
    os.utime(stale, (1, 1))
    readings.use_cache(path)
    prepare_keys([Contact(name=n) for n in PEOPLE], everyone=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh_tmp.name])


def test_the_next_start_reads_only_names_that_changed(fresh, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "kizuna-readings.cache"
    readings.use_cache(path)
    prepare_keys([Contact(name=n) for n in PEOPLE], everyone=True)
    before = path.stat().st_mtime_ns

    read = restart(monkeypatch, path)
    prepare_keys([Contact(name=n) for n in PEOPLE], everyone=True)
    assert read == [] and path.stat().st_mtime_ns == before  # nothing read, nothing rewritten

    read = restart(monkeypatch, path)
    renamed = PEOPLE[1:] + ["渡辺 翔太"]  # 佐藤 健 left, 渡辺 翔太 came
    people = [Contact(name=n) for n in renamed]
    prepare_keys(people, everyone=True)
    assert read == ["渡辺", "翔太"]
    assert kept(path) == {n: readings.guess(n) for n in renamed} and "佐藤 健" not in kept(path)
    assert matches(people, "watanabe") == people[-1:]


def test_a_kept_guess_is_taken_as_made(fresh, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "kizuna-readings.cache"
    write_cache(path, {"佐藤 健": "さいとう けん"})
    read = restart(monkeypatch, path)
    person = Contact(name="佐藤 健")
    assert reading_of(person) == "さいとう けん" and read == []
    assert matches([person], "saitou") == [person]


def test_a_reading_the_user_stored_wins_over_a_kept_guess(fresh, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "kizuna-readings.cache"
    write_cache(path, {n: "かとう けん" for n in PEOPLE})
    restart(monkeypatch, path)
    confirmed = Contact(name="佐藤 健", reading="さとう けん")
    others = [Contact(name=n) for n in PEOPLE[1:]]
    prepare_keys([confirmed, *others], everyone=True)
    assert reading_of(confirmed) == "さとう けん"
    assert matches([confirmed], "sato") == [confirmed] and matches([confirmed], "kato") == []
    assert "佐藤 健" not in kept(path)  # no longer guessed: not kept either


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"{", b"[]", b'{"format": 1}', b"null", b"[" * 100_000,
    json.dumps({"format": 99, "dictionary": "x", "readings": {}}).encode(),
    "{\"format\": 1, \"dictionary\": \"unidic-lite 0.0\", \"readings\": {\"佐藤 健\": \"ちがう\"}}".encode(),
    b'{"format": 1, "dictionary": DICT, "readings": ["a"]}',
    b'{"format": 1, "dictionary": DICT, "readings": {"\xe4\xbd\x90\xe8\x97\xa4 \xe5\x81\xa5": 5}}',
    b'{"format": 1, "dictionary": DICT, "readings": {"\xe4\xbd\x90\xe8\x97\xa4 \xe5\x81\xa5": "\\u001b[31m"}}',
    b'{"format": 1, "dictionary": DICT, "readings": {"\xe4\xbd\x90\xe8\x97\xa4 \xe5\x81\xa5": "\\ud800"}}',
], ids=["empty", "binary", "cut", "list", "no-readings", "null", "nested", "format", "dictionary", "readings-list",
        "not-text", "control", "surrogate"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(fresh, monkeypatch, tmp_path: Path,
                                                         content: bytes) -> None:
    path = tmp_path / "kizuna-readings.cache"
    path.write_bytes(content.replace(b"DICT", json.dumps(readings._dictionary()).encode()))
    restart(monkeypatch, path)
    people = [Contact(name=n) for n in PEOPLE]
    prepare_keys(people, everyone=True)
    assert reading_of(people[0]) == "さとう けん"
    assert kept(path) == {n: readings.guess(n) for n in PEOPLE}  # replaced by a good one


def test_a_cache_that_cannot_be_written_is_not_an_error(fresh, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    readings.use_cache(tmp_path / "a-file" / "kizuna-readings.cache")  # its folder is a file
    people = [Contact(name=n) for n in PEOPLE]
    prepare_keys(people, everyone=True)
    assert matches(people, "sato") == people[:1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_searching_part_of_the_store_keeps_every_guess(fresh, tmp_path: Path) -> None:
    """A search keys only the people its words may match: the kept guesses of the rest stay."""
    path = tmp_path / "kizuna-readings.cache"
    readings.use_cache(path)
    prepare_keys([Contact(name=n) for n in PEOPLE], everyone=True)
    prepare_keys([Contact(name=n) for n in PEOPLE[:2]] + [Contact(name=f"森 {i}") for i in range(8)])
    assert kept(path) == {n: readings.guess(n) for n in PEOPLE}


async def test_kizuna_keeps_the_guesses_beside_its_store(fresh, kizuna, store_path: Path) -> None:
    """The app keeps everyone's guesses beside the store; the next command takes them as made."""
    from datetime import date

    from tui.app import make_app

    store = Store(store_path)
    for n in PEOPLE:
        store.add(Contact(name=n))
    readings.use_cache(readings.cache_file(store.path))  # as kizuna's entry does
    app = make_app(store, today=date(2026, 11, 26))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    path = store_path.with_name("kizuna-readings.cache")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and kept(path)["佐藤 健"] == "さとう けん"
    # the next command takes the kept guess as made (a planted one shows it was used)
    write_cache(path, {**kept(path), "佐藤 健": "さいとう けん"})
    done = kizuna("show", "saitou")
    assert done.returncode == 0, done.stderr
    assert "佐藤 健" in done.stdout
