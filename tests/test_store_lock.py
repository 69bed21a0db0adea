"""The store's lock: its own flock when free, filelock when it must wait; the two exclude each other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

import model.store.database
from model.errors import StoreError
from model.records import Contact
from model.store import Store

ROOT = Path(__file__).resolve().parent.parent

HOLDER = r"""
import sys
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def lock_of(store: Store) -> str:
    return str(store.path.with_name(store.path.name + ".lock"))


def test_a_writer_holds_a_lock_filelock_users_respect(store: Store) -> None:
    other = FileLock(lock_of(store), timeout=0)
    with store.transaction():
        store.add(Contact(name="佐藤 健"))
        with pytest.raises(Timeout):  # the app (or an older kizuna) would wait here
            other.acquire()
    with other:  # released with the transaction
        pass
    assert [c.name for c in Store(store.path).contacts()] == ["佐藤 健"]


def test_a_lock_held_by_another_process_is_waited_for_then_refused(store: Store, monkeypatch) -> None:
    store.add(Contact(name="佐藤 健"))  # the lock file exists
    monkeypatch.setattr(model.store.database, "LOCK_TIMEOUT", 0.2)
    waiting = Store(store.path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, lock_of(store)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="another Kizuna process has held the lock"):
            waiting.add(Contact(name="森 美咲"))
    finally:
        holder.communicate("done\n", timeout=30)
    waiting.add(Contact(name="Oda"))  # free again: taken at once
    assert sorted(c.name for c in Store(store.path).contacts()) == ["Oda", "佐藤 健"]


def test_nested_and_repeated_transactions_take_and_give_back_the_lock(store: Store) -> None:
    for name in ("佐藤 健", "森 美咲", "Oda"):
        with store.transaction(), store.transaction():
            store.add(Contact(name=name))
        with FileLock(lock_of(store), timeout=0):
            pass
    assert len(Store(store.path).contacts()) == 3
