"""A save whose commit landed but whose folder fsync failed: saved, and the app says so."""

from __future__ import annotations

import errno
import os

from app_helpers import SIZE, settle, toasts

from model.records import Interaction
from model.store import Store
from tui import threads


async def test_a_save_with_a_failing_fsync_after_its_commit_is_saved_with_a_warning(demo_store, make_test_app,
                                                                                  monkeypatch):
    priya = next(c for c in demo_store.contacts() if c.name == "Priya Raman")
    app = make_test_app(demo_store)
    real_replace, real_fsync = os.replace, os.fsync
    armed = []

    def replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if str(dst) == str(demo_store.path):
            armed.append(True)  # the commit point: the next fsync is the folder's

    def fsync(fd):
        if armed and armed.pop():
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_fsync(fd)

    results: list[object] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "fsync", fsync)
        note = Interaction(date="2026-11-26", contacts=(priya.id,), text="saved despite the disk")
        threads.write(app.screen, lambda: app.store.add(note), results.append, results.append)
        await settle(app, pilot)
        monkeypatch.undo()
        assert results == [note]  # done, not failed
        assert "Saved, with a warning" in toasts(app) and "power cut" in toasts(app)
    assert note.id in {i.id for i in Store(demo_store.path).interactions()}
