"""LinkedIn Connections.csv and Google Contacts CSV, as the services really write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.transfer import detect_format, google, linkedin
from model.transfer.csvio import CSVFileError

FIX = Path(__file__).parent / "fixtures"


def by_name(drafts):
    return {d.name: d for d in drafts}


def test_linkedin_notes_preamble_bom_and_dates():
    raw = (FIX / "linkedin_connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.split(b"\r\n")[0].endswith(b"Notes:")
    drafts, problems = linkedin.read(raw)
    people = by_name(drafts)
    john = people["John Smith"]
    assert john.company == "Example Corp" and john.title == "CTO"
    assert john.emails == ["John.Smith@Example.com"]
    assert john.links == ["https://www.linkedin.com/in/johnsmith"]
    assert john.how_met == "LinkedIn, connected 2025-12-22"  # 22 Dec 2025
    assert people["Maria Garcia"].company == "Garcia, Lopez & Co"  # quoted comma
    assert people["山田 太郎"].company == "山田商事株式会社"  # family name first
    assert people["Wei Chen"].title == "Founder, CEO"
    assert people["Wei Chen"].how_met == "LinkedIn"
    assert [str(p) for p in problems] == [
        "line 9: 'Connected On' 'sometime' is not a date; imported without it"]
    assert "" in people  # the nameless row (line 8) is handed on, to be skipped and counted
    assert people[""].where == "line 8"


def test_linkedin_quoted_notes_preamble():
    drafts, problems = linkedin.read((FIX / "linkedin_quoted_notes.csv").read_bytes())
    assert [d.name for d in drafts] == ["Aiko Tanaka"]
    assert drafts[0].how_met == "LinkedIn, connected 2025-11-05"
    assert problems == []


def test_linkedin_older_header_without_url():
    drafts, problems = linkedin.read((FIX / "linkedin_old_header.csv").read_bytes())
    peter = by_name(drafts)["Peter Novak"]
    assert peter.links == [] and peter.emails == ["peter@novak.example"]
    assert peter.how_met == "LinkedIn, connected 2019-08-07"
    assert problems == []


def test_linkedin_row_with_too_many_columns_is_reported_by_line():
    raw = b"First Name,Last Name,Company\nA,B,C\nD,E,F,G,H\nI,J,K\n"
    drafts, problems = linkedin.read(raw)
    assert [d.name for d in drafts] == ["A B", "I J"]
    assert str(problems[0]).startswith("line 3: 5 columns where the header has 3")


def test_linkedin_without_header_is_refused():
    with pytest.raises(CSVFileError, match="not a LinkedIn Connections.csv"):
        linkedin.read(b"Notes:\nsomething\n\nName,Email\n")


def test_google_multi_values_phonetic_columns_and_labels():
    drafts, problems = google.read((FIX / "google_contacts.csv").read_bytes())
    people = by_name(drafts)
    ken = people["佐藤 健"]
    assert ken.reading == "さとう けん"
    assert ken.emails == ["ken@sato-kogyo.example", "k.sato@example.com", "ken.home@example.com"]
    assert ken.phones == ["090-0000-1111", "03-0000-2222"]
    assert ken.links == ["https://sato-kogyo.example"]
    assert ken.tags == ["取引先"]  # "* myContacts" is Google's own
    assert ken.notes == "Met at a trade fair.\nLikes golf."
    assert ken.company == "佐藤工業" and ken.title == "代表取締役"
    assert ken.birthday == "1975-05-05"
    lucy = people["Lucy Brown"]
    assert lucy.birthday == "--03-21" and lucy.tags == ["starred", "design-friends"]
    assert people[""].where == "line 5"  # a row with a note and no one (line 2 holds two lines)
    assert problems == []


def test_google_older_format_with_yomi_and_group_membership():
    drafts, _ = google.read((FIX / "google_contacts_old.csv").read_bytes())
    naoko = drafts[0]
    assert naoko.name == "伊藤 直子" and naoko.reading == "いとう なおこ"
    assert naoko.emails == ["naoko@ito.example", "naoko.home@example.com"]
    assert naoko.company == "Ito Consulting" and naoko.title == "Principal"
    assert naoko.tags == ["mentors"]


def test_google_bad_birthday_kept_in_notes():
    raw = b"First Name,Last Name,Birthday,E-mail 1 - Value\nA,B,someday,a@b.example\n"
    drafts, problems = google.read(raw)
    assert drafts[0].notes == "Birthday: someday"
    assert str(problems[0]) == "line 2: Birthday 'someday' is not a date; kept in the notes"


def test_cp932_csv_from_excel_is_read():
    raw = "First Name,Last Name,Company,Connected On\n花子,佐藤,佐藤商店,01 Apr 2020\n".encode("cp932")
    drafts, _ = linkedin.read(raw)
    assert drafts[0].name == "佐藤 花子" and drafts[0].company == "佐藤商店"


@pytest.mark.parametrize("name,fmt", [
    ("linkedin_connections.csv", "linkedin"), ("linkedin_quoted_notes.csv", "linkedin"),
    ("linkedin_old_header.csv", "linkedin"), ("google_contacts.csv", "google"),
    ("google_contacts_old.csv", "google"), ("vcard30_ios.vcf", "vcard"),
])
def test_format_is_detected(name, fmt, tmp_path):
    raw = (FIX / name).read_bytes()
    assert detect_format(FIX / name, raw) == fmt
    renamed = tmp_path / "export.txt"  # and without the telling file name
    renamed.write_bytes(raw)
    assert detect_format(renamed, raw) == fmt


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=9), max_size=12), st.binary(max_size=40))
def test_any_csv_is_read_or_refused_cleanly(table, junk):
    buf = io.StringIO()
    csv.writer(buf).writerows([["First Name", "Last Name", "URL", "Email Address", "Company",
                                "Position", "Connected On"], *table])
    for reader in (linkedin.read, google.read):
        for raw in (buf.getvalue().encode("utf-8"), buf.getvalue().encode("utf-8") + junk, junk):
            try:
                drafts, problems = reader(raw)
            except CSVFileError:
                continue
            assert all(isinstance(d.name, str) for d in drafts)


def test_windows_1252_csv_from_excel_is_read():
    raw = "First Name,Last Name,Company,Connected On\nRenée,Müller,Café Zürich,01 Apr 2020\n".encode("cp1252")
    drafts, _ = linkedin.read(raw)
    assert drafts[0].name == "Renée Müller" and drafts[0].company == "Café Zürich"
