"""The tolerant vCard reader on real-export mess, and the vCard 4.0 writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.records import Contact
from model.transfer import vcard
from model.transfer.vcard import NotVCard, logical_lines, parse_bday, parse_line

FIX = Path(__file__).parent / "fixtures"


def read(name: str):
    return vcard.read((FIX / name).read_bytes())


def by_name(drafts):
    return {d.name: d for d in drafts}


# -- line handling ----------------------------------------------------------------------


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r\r\n", b"\r"])
def test_every_line_end_and_a_last_line_without_one(eol):
    raw = eol.join([b"BEGIN:VCARD", b"VERSION:3.0", b"FN:Ada Lovelace", b"EMAIL:ada@example.com",
                    b"END:VCARD", b"BEGIN:VCARD", b"FN:Grace Hopper", b"END:VCARD"])
    drafts, problems = vcard.read(raw)
    assert [d.name for d in drafts] == ["Ada Lovelace", "Grace Hopper"]
    assert drafts[0].emails == ["ada@example.com"]
    assert problems == []


def test_cards_split_case_insensitively_and_last_line_has_no_eol():
    drafts, problems = read("vcard40_rfc6350.vcf")
    assert (FIX / "vcard40_rfc6350.vcf").read_bytes()[-1:] != b"\n"
    assert [d.name for d in drafts] == ["Simon Perreault", "井上 健二", "Doe, Jane", "Kim Lee"]
    assert problems == []


def test_fold_in_mid_word_and_inside_a_multibyte_character():
    raw = (FIX / "vcard30_ios.vcf").read_bytes()
    assert b"\r\r\n" in raw
    d = by_name(read("vcard30_ios.vcf")[0])["高橋 美咲"]
    assert d.title == "Head of Engineering"
    assert d.company == "株式会社テクノロジー"


@pytest.mark.parametrize("version,title", [("2.1", "Head of Engineering"), ("3.0", "Head ofEngineering")])
def test_a_fold_keeps_its_space_in_21_and_drops_it_in_30(version, title):
    raw = f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nTITLE:Head of\r\n Engineering\r\nEND:VCARD"
    assert vcard.read(raw.encode())[0][0].title == title  # RFC 2425 5.8.1; 2.1 folds before the space


def test_fold_bytes_are_joined_before_decoding():
    text = "NOTE:日本語のメモ".encode()
    lines = logical_lines(b"BEGIN:VCARD\r\n" + text[:9] + b"\r\n " + text[9:] + b"\r\nEND:VCARD")
    assert lines[1] == (2, text)


def test_quoted_printable_shift_jis_with_soft_break_and_bare_params():
    drafts, problems = read("vcard21_japanese_phone.vcf")
    yamada = by_name(drafts)["山田 太郎"]
    assert yamada.notes == "来月の展示会で再会。名刺交換済み。"  # soft break mid-escape
    assert yamada.company == "山田商事株式会社"
    assert yamada.reading == "ヤマダ タロウ"  # SOUND;X-IRMC-N, half-width kana widened
    assert yamada.phones == ["090-1234-5678", "03-1234-5678"]  # TEL;CELL;PREF
    assert yamada.emails == ["taro.yamada@example.co.jp"]
    assert yamada.birthday == "1980-03-21"  # 19800321


def test_quoted_printable_utf8_soft_break_inside_a_character():
    drafts, _ = read("vcard21_utf8_qp.vcf")
    assert drafts[0].name == "鈴木 一郎"
    assert drafts[0].reading == "すずき いちろう"  # X-PHONETIC-LAST/FIRST-NAME


def test_broken_base64_photo_costs_nothing_after_it():
    drafts, problems = read("vcard21_japanese_phone.vcf")
    assert [d.name for d in drafts] == ["山田 太郎", "佐藤 花子", "Dr. John Smith"]
    assert by_name(drafts)["佐藤 花子"].phones == ["03-9876-5432"]
    assert by_name(drafts)["Dr. John Smith"].title == "CTO"
    assert problems == []  # a photo's stray lines are no one's loss


def test_ios_photo_groups_labels_and_apple_birthday():
    d = by_name(read("vcard30_ios.vcf")[0])["高橋 美咲"]
    assert d.emails == ["misaki@example.com", "m.takahashi@techno.example.jp"]
    assert d.links == ["https://example.com/misaki"]
    assert d.birthday == "--02-03"  # X-APPLE-OMIT-YEAR=1604
    assert d.tags == ["founders", "osaka"]
    assert d.notes == "Met at the Osaka founders meetup, talked about hiring\nFollow up in spring"


def test_rfc6350_forms():
    drafts = by_name(read("vcard40_rfc6350.vcf")[0])
    simon = drafts["Simon Perreault"]
    assert simon.birthday == "--02-03"  # --0203
    assert simon.phones == ["+1-418-656-9254;ext=102"]
    assert simon.company == "Viagenie"
    inoue = drafts["井上 健二"]  # N without FN, lower-case property names
    assert inoue.reading == "いのうえ けんじ"  # SORT-AS
    assert inoue.company == "Inoue, Sato & Partners"
    assert inoue.birthday == "1953-10-15"
    assert inoue.notes == "line one\nline two; with a semicolon"
    jane = drafts["Doe, Jane"]  # unescaped comma in FN stays one name
    assert jane.notes == "Birthday: circa 1800"  # BDAY;VALUE=text kept, not lost
    assert drafts["Kim Lee"].birthday == "1980-03-22"
    assert drafts["Kim Lee"].tags == ["friends", "golf-weekends"]


def test_malformed_cards_are_reported_by_line_and_the_rest_read():
    drafts, problems = read("vcard_malformed.vcf")
    assert [d.name for d in drafts] == ["Before Broken", "", "Unclosed Card", "After Unclosed", "Last One"]
    text = [str(p) for p in problems]
    assert "line 11: card has no END:VCARD; read up to line 14" in text
    assert "line 18: not a vCard property (no ':'); ignored" in text
    assert any(t.startswith("line 19: BDAY 'not-a-date-9999'") for t in text)
    assert "line 21: END:VCARD without BEGIN:VCARD; ignored" in text


def test_not_a_vcard_at_all():
    with pytest.raises(NotVCard):
        vcard.read(b"name,email\nAda,ada@example.com\n")


@pytest.mark.parametrize("text,params,want", [
    ("19800321", {}, "1980-03-21"),
    ("1980-03-22", {}, "1980-03-22"),
    ("--0203", {}, "--02-03"),
    ("--02-03", {}, "--02-03"),
    ("1604-02-03", {"X-APPLE-OMIT-YEAR": "1604"}, "--02-03"),
    ("19531015T231000Z", {}, "1953-10-15"),
    ("circa 1800", {"VALUE": "text"}, None),
    ("1980-02-30", {}, None),
    ("--0230", {}, None),
    ("soon", {}, None),
])
def test_birthday_forms(text, params, want):
    assert parse_bday(text, params) == want


def test_parse_line_groups_bare_params_and_quoted_colons():
    assert parse_line(b"item1.TEL;CELL;PREF:+1") == ("TEL", {"TYPE": "CELL,PREF"}, b"+1")
    name, params, value = parse_line(b'N;SORT-AS="a:b,c":x;y')
    assert (name, params["SORT-AS"], value) == ("N", "a:b,c", b"x;y")
    assert parse_line(b"no colon here") is None


# -- writing ----------------------------------------------------------------------------


def test_written_lines_are_folded_at_75_octets_on_character_boundaries():
    long = Contact(name="長い名前" * 20, notes="メモ" * 80)
    text = vcard.card(long)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    drafts, problems = vcard.read(text.encode("utf-8"))
    assert drafts[0].name == long.name and drafts[0].notes == long.notes and problems == []


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_keeps_every_field_it_writes(version):
    people = [
        Contact(name="山田 太郎", reading="やまだ たろう", company="山田商事; 本社", title="部長, 営業",
                emails=("taro@example.jp", "t@example.com"), phones=("090-1234-5678",),
                links=("https://example.jp",), tags=("取引先", "golf"), birthday="1980-03-21",
                notes="line1\nline2, with comma; and semicolon \\ backslash", industry="manufacturing",
                function="sales", level="executive", generation="40s", relation="customer",
                how_met="Tokyo expo, 2024"),
        Contact(name="Jane Doe", birthday="--12-24"),
    ]
    text = vcard.write(people, version)
    assert f"VERSION:{version}\r\n" in text
    if version == "3.0":
        assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-24" in text and "SORT-AS" not in text
    else:
        assert "BDAY:--1224" in text and 'N;SORT-AS="やまだ たろう":山田;太郎;;;' in text
    drafts, problems = vcard.read(text.encode("utf-8"))
    assert problems == []
    for person, draft in zip(people, drafts):
        back = draft.contact()
        for field in ("name", "reading", "company", "title", "emails", "phones", "links", "tags",
                      "birthday", "notes", "industry", "function", "level", "generation",
                      "relation", "how_met"):
            assert getattr(back, field) == getattr(person, field), field


# -- never crash ------------------------------------------------------------------------

_pieces = st.sampled_from([
    b"BEGIN:VCARD", b"begin:vcard", b"END:VCARD", b"VERSION:2.1", b"FN:A", b"N:;;;;",
    b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=", b"=93=63", b" folded", b"\t",
    b"BDAY:--1399", b"BDAY:19800230", b"PHOTO;ENCODING=b:////", b"EMAIL;;;:x", b"TEL;CELL;PREF:",
    b":", b";;;", b"\xff\xfe", b"\x00", b"NOTE:\\", b"X-PHONETIC-FIRST-NAME:\x82\xa0", b"=",
    b"CATEGORIES:,,,", b'N;SORT-AS="unclosed:x', b"SOUND;X-IRMC-N:\xb1;",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_pieces, st.binary(max_size=20)), max_size=30),
       st.sampled_from([b"\r\n", b"\n", b"\r\r\n", b"\r"]))
def test_any_bytes_either_read_or_refused_cleanly(parts, eol):
    raw = eol.join(parts)
    try:
        drafts, problems = vcard.read(raw)
    except NotVCard:
        return
    for d in drafts:
        assert isinstance(d.name, str)
        if d.name.strip():
            try:
                d.contact()
            except Exception as exc:  # only our own validation error is allowed
                assert type(exc).__name__ == "ValidationError"


@pytest.mark.parametrize("encoding,name,note", [
    ("cp1252", "Renée Müller", "Café – “quoted”"),  # Outlook, no CHARSET
    ("cp932", "山田 花子", "佐藤商店"),  # an old Japanese phone, no CHARSET, raw 8-bit, no kana
    ("cp932", "佐藤 一郎", "ノート"),
    ("utf-16", "Zoë 佐藤", "ノート é"),  # with a BOM
])
def test_files_without_a_charset_are_read_in_the_right_one(encoding, name, note):
    text = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:{name}\r\nNOTE:{note}\r\nEND:VCARD\r\n"
    drafts, problems = vcard.read(text.encode(encoding))
    assert (drafts[0].name, drafts[0].notes) == (name, note) and problems == []
