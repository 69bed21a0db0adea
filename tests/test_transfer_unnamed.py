"""Nothing dropped on import: a card with no name but an e-mail or phone comes in under it,
and the dry run and the summary say so; hostile text in a file arrives without its controls."""

from __future__ import annotations

from model.store import Store
from model.transfer import import_file

ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nEMAIL;PREF:only.mail@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:nothing to call them by\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Named Person\r\nEMAIL:named@example.com\r\nEND:VCARD\r\n"
)


def test_a_card_with_only_an_email_or_phone_is_named_after_it(tmp_path, store_path):
    src = tmp_path / "android.vcf"
    src.write_text(ANDROID)
    store = Store(store_path)
    plan = import_file(store, src)
    names = sorted(c.name for c in store.contacts())
    assert names == ["+81 90 1234 5678", "Named Person", "only.mail@example.com"]
    assert [name for _, name in plan.unnamed] == ["only.mail@example.com", "+81 90 1234 5678"]
    assert "2 with no name named after their e-mail or phone" in plan.summary()
    assert [why for _, why in plan.skipped] == ["no name, e-mail or phone"]


def test_the_dry_run_and_the_summary_say_so(kizuna, tmp_path):
    src = tmp_path / "android.vcf"
    src.write_text(ANDROID)
    dry = kizuna("import", str(src), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "no name in the file, named after their e-mail or phone (2)" in dry.stdout
    assert "only.mail@example.com" in dry.stdout and "nothing was changed" in dry.stdout
    done = kizuna("import", str(src))
    assert "3 added" in done.stdout and "2 with no name named after their e-mail or phone" in done.stdout
    assert "only.mail@example.com" in kizuna("contacts").stdout


def test_hostile_text_in_a_file_arrives_without_controls(kizuna, tmp_path, store_path):
    src = tmp_path / "evil.vcf"
    src.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil\x1b]0;pwned\x07Name\r\n"
                    b"ORG:=HYPERLINK(\"http://x\")\r\nNOTE:hi \x1b[2J there\r\nEND:VCARD\r\n")
    done = kizuna("import", str(src))
    assert done.returncode == 0, done.stderr
    store = Store(store_path)
    [c] = store.contacts()
    assert c.name == "Evil]0;pwnedName" and "\x1b" not in c.notes
    exported = kizuna("export", "vcard").stdout
    assert "\x1b" not in exported and "\x07" not in exported
    csv = tmp_path / "google.csv"
    csv.write_text("Name,E-mail 1 - Value\nBad\x1b[2JName,bad@example.com\n,nameless@example.com\n")
    done = kizuna("import", str(csv), "--format", "google")
    assert done.returncode == 0, done.stderr
    names = {c.name for c in Store(store_path).contacts()}
    assert {"Bad[2JName", "nameless@example.com"} <= names
