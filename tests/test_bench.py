"""The benchmark's generator makes valid stores and its harness runs end to end (no timings asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.generate import busiest_person, build, write_linkedin, write_store
from model.records import Contact, FocusPlan, Interaction, Promise
from model.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_generated_store_is_valid_and_deterministic(tmp_path: Path) -> None:
    path = write_store(tmp_path / "a" / "kizuna.json", 50, 500)
    store = Store(path)
    assert len(store.contacts()) == 50 and len(store.interactions()) == 500
    assert store.promises() and store.focus_plans()
    # every record passes full validation (from_dict validates; trusted does not)
    for cls, records in ((Contact, store.contacts()), (Interaction, store.interactions()),
                         (Promise, store.promises()), (FocusPlan, store.focus_plans())):
        for r in records:
            assert cls.from_dict(r.to_dict()) == r
    ids = {c.id for c in store.contacts()}
    assert all(set(i.contacts) <= ids for i in store.interactions())
    assert any(c.reading for c in store.contacts()) and any(not c.reading for c in store.contacts())
    assert build(50, 500)["interactions"] == build(50, 500)["interactions"]  # same seed, same notes
    assert busiest_person(path) in {c.name for c in store.contacts()}
    csv = write_linkedin(tmp_path / "Connections.csv", 30).read_text(encoding="utf-8")
    assert "First Name,Last Name,URL,Email Address,Company,Position,Connected On" in csv
    assert len(csv.splitlines()) == 4 + 30


def test_harness_runs_end_to_end_on_a_tiny_store(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "tiny", "--runs", "1",
                           "--app-runs", "1", "--out", str(tmp_path / "RESULTS.md")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| `kizuna note` (whole process) |" in report and "machine:" in report
    assert "| app start until the main screen is ready |" in report
    # the harness stops if a start meant to be Japanese was not (the probe sets the language)
    assert "| … in Japanese: more than in English (paired starts) |" in report
    for row in ("Tab to the next pane", "a resize until the main screen is laid out again",
                "… a filter keystroke at 80x24", "… a cursor move (the next timeline) at 100x30"):
        assert f"| {row} |" in report
