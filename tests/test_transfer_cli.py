"""``kizuna import``, ``export`` and ``merge`` as real subprocesses."""

from __future__ import annotations

from pathlib import Path

import orjson
from icalendar import Calendar

from model.records import Contact, FocusPlan, Interaction, Slot
from model.store import Store

FIX = Path(__file__).parent / "fixtures"


def test_import_dry_run_then_import(kizuna, store_path):
    r = kizuna("import", str(FIX / "linkedin_connections.csv"), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "(linkedin): 4 added, 0 merged, 2 skipped, 1 problem" in r.stdout
    assert "山田 太郎 (山田商事株式会社)" in r.stdout
    assert "problem: line 9: 'Connected On' 'sometime' is not a date" in r.stdout
    assert "dry run: nothing was changed" in r.stdout
    assert not store_path.exists()
    r = kizuna("import", str(FIX / "linkedin_connections.csv"))
    assert r.returncode == 0, r.stderr
    assert len(Store(store_path).contacts()) == 4
    r = kizuna("import", str(FIX / "vcard21_japanese_phone.vcf"))
    assert "1 added, 2 merged, 0 skipped" in r.stdout
    assert "山田 太郎 (+ reading, emails, phones, birthday, notes)" in r.stdout
    r = kizuna("contacts", "--json")
    assert sorted(c["name"] for c in orjson.loads(r.stdout)) == [
        "John Smith", "Maria Garcia", "Wei Chen", "佐藤 花子", "山田 太郎"]


def test_import_errors_are_one_line_and_change_nothing(kizuna, store_path, tmp_path):
    Store(store_path).add(Contact(name="Someone"))
    before = store_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kizuna-export", "version": 1, "contacts": [{"name": ""}]}')
    for args, message in (
        (["import", str(tmp_path / "missing.vcf")], "missing.vcf: no such file"),
        (["import", str(bad)], "contacts[0].name: must not be empty"),
        (["import", str(FIX / "google_contacts.csv"), "--format", "vcard"], "no BEGIN:VCARD found"),
    ):
        r = kizuna(*args)
        assert r.returncode == 1
        assert r.stderr.count("\n") == 1 and message in r.stderr, r.stderr
        assert store_path.read_bytes() == before
    r = kizuna("import", str(FIX / "vcard30_ios.vcf"), "--format", "csv")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_export_json_round_trips_through_another_store(kizuna, store_path, tmp_path, cli_env):
    store = Store(store_path)
    a = Contact(name="田中 花子", tier="deep", tags=("取引先",))
    store.add_many([a, Interaction(date="2026-11-02", contacts=(a.id,), text="会食", kind="meal"),
                    Interaction(date="2026-11-03", contacts=(a.id,), text="秘密", scope="confidential")])
    out = tmp_path / "out" / "all.json"
    r = kizuna("export", "json", "-o", str(out))
    assert r.returncode == 1 and "does not exist" in r.stderr
    out.parent.mkdir()
    r = kizuna("export", "json", "-o", str(out), "--include-confidential")
    assert r.returncode == 0 and "wrote" in r.stderr
    other = tmp_path / "other.json"
    r = kizuna("--db", str(other), "import", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(i.text for i in Store(other).interactions()) == ["会食", "秘密"]
    r = kizuna("export", "json")
    assert "会食" in r.stdout and "秘密" not in r.stdout


def test_export_vcard_ics_markdown(kizuna, store_path):
    store = Store(store_path)
    a = Contact(name="田中 花子", reading="たなか はなこ", tier="deep", emails=("hanako@example.jp",))
    store.add_many([a, FocusPlan(month="2026-11", challenge="採用", purpose="hiring",
                                 slots=(Slot("customer", a.id, "紹介を頼む"),))])
    r = kizuna("export", "vcard")
    assert r.returncode == 0 and "\nFN:田中 花子\n" in r.stdout
    assert "X-PHONETIC-LAST-NAME:たなか\n" in r.stdout
    r = kizuna("--date", "2026-11-20", "export", "ics")
    cal = Calendar.from_ical(r.stdout.encode())
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"follow-up-{a.id}@kizuna"]
    r = kizuna("--date", "2026-11-20", "export", "markdown")
    assert r.returncode == 0 and r.stdout.startswith("# Focus: November 2026")
    assert "| 1 | customer | 田中 花子 | 紹介を頼む |" in r.stdout
    r = kizuna("export", "markdown", "--month", "2026-13")
    assert r.returncode == 2 and "not a month" in r.stderr


def test_merge_command(kizuna, store_path):
    store = Store(store_path)
    a = Contact(name="Taro Yamada", company="Yamada")
    b = Contact(name="山田 太郎", emails=("t@example.jp",))
    store.add_many([a, b, Interaction(date="2026-11-01", contacts=(b.id,), text="lunch")])
    before = store_path.read_bytes()
    r = kizuna("merge", "山田", "Taro Yamada", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "would do: Merged 山田 太郎 (t@example.jp) into Taro Yamada: 1 note, 0 promises, 0 focus slots moved",
        "  Taro Yamada would gain: emails",
        "dry run: nothing was changed"]
    assert store_path.read_bytes() == before
    r = kizuna("--date", "2026-11-20", "merge", "山田", "Taro Yamada")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Merged 山田 太郎 (t@example.jp) into Taro Yamada: 1 note, 0 promises, 0 focus slots moved"
    fresh = Store(store_path)
    assert [c.name for c in fresh.contacts()] == ["Taro Yamada"]
    assert fresh.contacts()[0].emails == ("t@example.jp",)
    r = kizuna("merge", "nobody", "Taro")
    assert r.returncode == 1 and "no one called 'nobody'" in r.stderr
