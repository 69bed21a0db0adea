"""Fuzzing the ways text comes in (issue 10): the capture parser and every importer get
generated input; nothing may escape but the project's own errors, and an import that fails
leaves the store byte-for-byte as it was.

A few hundred inputs each by default; ``KIZUNA_FUZZ_EXAMPLES=10000`` for the long run
(README, "Import and export", has the figures)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.capture import parse
from model.errors import KizunaError
from model.records import Contact
from model.store import Store
from model.transfer import apply_plan, jsonio, plan_import

EXAMPLES = int(os.environ.get("KIZUNA_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


@pytest.fixture(autouse=True, scope="module")
def fuzzing():
    """The stores' folder goes at the end."""
    yield
    shutil.rmtree(SEEDED.root, ignore_errors=True)


FIX = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 26)
PEOPLE = [Contact(name="Tanaka Yuki", company="Acme"), Contact(name="佐藤 健", reading="さとう けん"),
          Contact(name="Evil\x1b]0;x\x07"), Contact(name="Ann\u202eA")]

#: any text at all: controls, surrogates, direction marks, wide and combining characters
anything = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
hostile = st.sampled_from(["\x1b]0;pwned\x07", "\x1b[2J", "\x00", "\x9b", "\u202e", "\u200b", "\r",
                           "\n", "\t", "=cmd|' /C calc'!A0", "@SUM(1)", '"', ",", ";", ":", "\\",
                           "\\n", "\ufeff", "é", "佐藤", "ｻﾄｳ", "𝔘", "\U0001f468\u200d\U0001f469"])
value = st.lists(st.one_of(hostile, anything), max_size=5).map("".join)


# -- the capture parser -------------------------------------------------------------

pieces = st.sampled_from(["@Tanaka", "@佐藤", "@Evil", '@"Sato', "@", "#tag", "#", "!deep", "!private",
                          "!confidential", "!zz", "lunch:", "promised", "by", "fri", "12/3", "2/30",
                          "they", "will", "due", "+3d", "\\call", "with", ":", " ", "\u3000"])
lines = st.lists(st.one_of(pieces, value), max_size=16).map(" ".join)


@FUZZ
@given(lines)
def test_the_capture_parser_raises_only_its_own_errors(line):
    try:
        cap = parse(line, PEOPLE, TODAY)
    except KizunaError as exc:
        assert "\n" not in str(exc)
        return
    shown = "\n".join(cap.summary())  # what kizuna note prints: what will be saved
    for text in (shown, *(p.name for p in cap.new_people)):
        assert "\x1b" not in text and "\x00" not in text and "\x9b" not in text


# -- the importers ----------------------------------------------------------------------

class Seeded:
    """A small store on disk, copied fresh for each input, and its files' bytes."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kizuna-fuzz-"))
        store = Store(self.root / "seed" / "kizuna.json")
        store.add(Contact(name="Existing Person", emails=("same@example.com",), company="Acme"))

    def fresh(self) -> Path:
        target = self.root / "store"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.root / "seed", target, symlinks=True)
        return target / "kizuna.json"


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and "backups" not in str(p)}


def import_checked(seeded: Seeded, name: str, raw: bytes, fmt: str | None) -> None:
    path = seeded.fresh()
    src = seeded.root / name
    src.write_bytes(raw)
    before = files(path.parent)
    store = Store(path)
    try:
        plan = plan_import(store, src, fmt)
        apply_plan(store, plan)
    except KizunaError as exc:
        assert "\n" not in str(exc).strip(), str(exc)
        assert files(path.parent) == before, "a failed import changed the store"
        return
    for c in store.contacts():  # what came in carries no control character
        assert not any(ch in c.name for ch in "\x1b\x00\x07\x9b\n"), repr(c.name)


def mutate(raw: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``raw`` with bytes cut out and put in at places chosen by the fuzzer."""
    out = bytearray(raw)
    for where, cut, put in edits:
        i = where % (len(out) + 1)
        out[i:i + cut % 8] = put
    return bytes(out)


edits = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 7), st.binary(max_size=6)), max_size=6)
props = st.sampled_from(["FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "NOTE", "BDAY", "URL", "CATEGORIES",
                         "X-PHONETIC-FIRST-NAME", "X-KIZUNA-RELATION", "item1.EMAIL", "NICKNAME",
                         "BEGIN", "END", "VERSION", ""])
params = st.sampled_from(["", ";CHARSET=UTF-8", ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=SHIFT_JIS",
                          ";TYPE=pref", ";ENCODING=b", ";CHARSET=nonsense", ";PREF=1", ";"])
card_lines = st.lists(st.tuples(props, params, value), max_size=10).map(
    lambda ls: "".join(f"{p}{q}:{v}\r\n" for p, q, v in ls))
cards = st.lists(card_lines.map(lambda body: f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n"),
                 min_size=1, max_size=4).map("".join)
encodings = st.sampled_from(["utf-8", "utf-16", "shift_jis", "latin-1"])


@FUZZ
@given(cards, encodings, edits)
def test_vcard_import(text, encoding, changes):
    raw = text.encode(encoding, "replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")
    import_checked(SEEDED, "cards.vcf", mutate(raw, changes), "vcard")


@FUZZ
@given(st.sampled_from(["vcard21_japanese_phone.vcf", "vcard21_utf8_qp.vcf", "vcard30_ios.vcf",
                        "vcard40_rfc6350.vcf", "vcard_malformed.vcf"]), edits)
def test_vcard_import_of_damaged_real_files(name, changes):
    import_checked(SEEDED, "real.vcf", mutate((FIX / name).read_bytes(), changes), "vcard")


def csv_text(header: str, width: int):
    cell = st.one_of(value, st.just(""), st.just("same@example.com"), st.just('a "quoted", cell'))
    row = st.lists(cell, min_size=0, max_size=width + 2).map(
        lambda cs: ",".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\n\r') else c for c in cs))
    return st.lists(row, max_size=6).map(lambda rows: header + "\r\n" + "\r\n".join(rows) + "\r\n")


LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
GOOGLE = (FIX / "google_contacts.csv").read_text(encoding="utf-8-sig").splitlines()[0]


@FUZZ
@given(st.one_of(csv_text(LINKEDIN, 7), csv_text("Notes:\r\n\"x\"\r\n\r\n" + LINKEDIN, 7)), edits)
def test_linkedin_import(text, changes):
    import_checked(SEEDED, "Connections.csv", mutate(text.encode("utf-8", "surrogatepass"), changes), "linkedin")


@FUZZ
@given(csv_text(GOOGLE, 30), st.booleans(), edits)
def test_google_import(text, bom, changes):
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    import_checked(SEEDED, "contacts.csv", mutate(raw, changes), "google")


@FUZZ
@given(st.sampled_from(["linkedin_connections.csv", "linkedin_old_header.csv", "linkedin_quoted_notes.csv",
                        "google_contacts.csv", "google_contacts_old.csv"]), edits)
def test_csv_import_of_damaged_real_files(name, changes):
    import_checked(SEEDED, "real.csv", mutate((FIX / name).read_bytes(), changes),
                   "google" if name.startswith("google") else "linkedin")


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                    value), lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                    st.dictionaries(value, inner, max_size=3)),
                          max_leaves=6)


def _export() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kizuna-fuzz-export-"))
    store = Store(folder / "kizuna.json")
    from model.capture import save

    save(store, "@+Tanaka lunch: promised the deck by fri #sales", TODAY)
    save(store, "@+Sato !confidential call: pricing", TODAY)
    data = orjson.loads(jsonio.export(store, include_confidential=True))
    shutil.rmtree(folder, ignore_errors=True)
    return data


EXPORT = _export()
TABLES = ["contacts", "interactions", "promises", "focus_plans"]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(TABLES + ["settings", "format", "version"]),
                          st.integers(0, 5), value, json_value), max_size=5), edits)
def test_json_import(changes, byte_changes):
    data = orjson.loads(orjson.dumps(EXPORT))
    for table, n, key, new in changes:
        records = data.get(table)
        if isinstance(records, list) and records:
            record = records[n % len(records)]
            fields = sorted(record) if isinstance(record, dict) else []
            name = fields[n % len(fields)] if fields and n % 2 else key
            if isinstance(record, dict):
                record[name] = new
        else:
            data[table] = new
    raw = json.dumps(data, ensure_ascii=bool(byte_changes)).encode("utf-8", "surrogatepass")
    import_checked(SEEDED, "export.json", mutate(raw, byte_changes), "json")


SEEDED = Seeded()
