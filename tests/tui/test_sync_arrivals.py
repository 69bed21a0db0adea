"""The app and a synced folder: another laptop's notes show up, with where they came from."""

from __future__ import annotations

import shutil

from app_helpers import SIZE, settle, toasts
from model.records import Contact, Interaction
from model.store import Store
from model.store.devices import devices_dir


async def test_notes_arriving_from_another_laptop_show_up_with_a_notice(tmp_path, monkeypatch, make_test_app):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")
    store = Store(tmp_path / "desk" / "kizuna.json")
    aiko = store.add(Contact(name="Aiko Tanaka"))
    monkeypatch.setenv("KIZUNA_DEVICE", "LAPTOP")  # the other laptop, in its own copy of the folder
    laptop = Store(tmp_path / "laptop" / "kizuna.json")
    laptop.add(Contact(name="Aiko Tanaka", id=aiko.id, created=aiko.created, updated=aiko.updated))
    laptop.add(Interaction(date="2026-12-01", contacts=(aiko.id,), text="lunch on the road"))
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")
    app = make_test_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.check_outside_changes()
        await settle(app, pilot)
        assert toasts(app) == ""
        src, dst = devices_dir(laptop.shared_path), devices_dir(store.shared_path)
        shutil.copytree(src / "LAPTOP-parts", dst / "LAPTOP-parts")  # as a sync tool would
        shutil.copy(src / "LAPTOP.json", dst / "LAPTOP.json")
        app.check_outside_changes()  # what the once-a-second timer calls
        await settle(app, pilot)
        said = toasts(app)
        assert "merged from" in said and "LAPTOP" in said
        assert any(i.text == "lunch on the road" for i in app.book.timeline(aiko.id))
