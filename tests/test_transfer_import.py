"""Import plans: dedupe, dry runs, and all-or-nothing writes on a real store file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import StoreError
from model.records import Contact
from model.store import Store
from model.transfer import TransferError, apply_plan, import_file, plan_import

FIX = Path(__file__).parent / "fixtures"


def names(store):
    return sorted(c.name for c in store.contacts())


def test_imported_people_land_in_the_network_tier(store):
    plan = import_file(store, FIX / "vcard30_ios.vcf")
    assert plan.applied and len(plan.added) == 2
    fresh = Store(store.path)
    assert {c.tier for c in fresh.contacts()} == {"network"}
    assert names(fresh) == ["Anh Nguyen", "高橋 美咲"]


def test_same_email_any_case_merges_and_fills_blanks_only(store):
    store.add(Contact(name="J. Smith", company="", title="Chief Tech", emails=("john.smith@EXAMPLE.com",),
                      tier="active", tags=("golf",)))
    plan = import_file(store, FIX / "linkedin_connections.csv")
    [(before, after)] = plan.merged
    assert before.name == "J. Smith"
    assert after.title == "Chief Tech"  # never overwritten
    assert after.company == "Example Corp"  # blank filled
    assert after.links == ("https://www.linkedin.com/in/johnsmith",)
    assert after.tier == "active" and after.tags == ("golf",)
    assert after.emails == ("john.smith@EXAMPLE.com",)  # same address, not added twice
    assert "J. Smith" in names(store) and "John Smith" not in names(store)


def test_same_folded_name_and_company_merges(store):
    store.add(Contact(name="ＡＩＫＯ  tanaka", company="sakura foods"))
    plan = import_file(store, FIX / "linkedin_old_header.csv")
    assert [a.name for a, _ in plan.merged] == ["ＡＩＫＯ  tanaka"]
    assert [c.name for c in plan.added] == ["Peter Novak"]


def test_same_name_other_company_is_another_person(store):
    store.add(Contact(name="Aiko Tanaka", company="Other Co"))
    plan = import_file(store, FIX / "linkedin_old_header.csv")
    assert sorted(c.name for c in plan.added) == ["Aiko Tanaka", "Peter Novak"]


def test_importing_twice_adds_no_one_the_second_time(store):
    first = import_file(store, FIX / "vcard21_japanese_phone.vcf")
    count = len(store.contacts())
    second = import_file(store, FIX / "vcard21_japanese_phone.vcf")
    assert len(first.added) == 3
    assert second.added == [] and second.merged == [] and len(second.skipped) == 3
    assert len(store.contacts()) == count


def test_duplicates_inside_one_file_become_one_person(store):
    plan = import_file(store, FIX / "linkedin_connections.csv")
    assert names(store).count("Maria Garcia") == 1
    assert ("Maria Garcia", "already there as Maria Garcia, nothing new") in plan.skipped
    assert ("line 8", "no name, e-mail or phone") in plan.skipped
    assert plan.summary() == "4 added, 0 merged, 2 skipped, 1 problem"


def test_people_from_several_sources_meet(store):
    for name in ("linkedin_connections.csv", "vcard21_japanese_phone.vcf", "google_contacts.csv"):
        import_file(store, FIX / name)
    people = {c.name: c for c in store.contacts()}
    assert "Dr. John Smith" not in people  # same email as LinkedIn's John Smith
    john = people["John Smith"]
    assert john.phones == ("+1-555-0100",) and john.title == "CTO"
    yamada = people["山田 太郎"]  # same name and company on LinkedIn and the phone
    assert yamada.reading == "ヤマダ タロウ" and yamada.how_met.startswith("LinkedIn")


def test_dry_run_changes_nothing(store, store_path):
    store.add(Contact(name="Someone"))
    before = store_path.read_bytes()
    plan = import_file(store, FIX / "google_contacts.csv", dry_run=True)
    assert not plan.applied and len(plan.added) == 3
    assert store_path.read_bytes() == before
    assert names(Store(store_path)) == ["Someone"]


def test_dry_run_on_a_new_store_creates_no_file(store, store_path):
    import_file(store, FIX / "vcard30_ios.vcf", dry_run=True)
    assert not store_path.exists()


def test_a_failure_while_writing_leaves_the_file_exactly_as_it_was(store, store_path):
    keep = store.add(Contact(name="Kept", emails=("kept@example.com",)))
    before = store_path.read_bytes()
    plan = plan_import(store, FIX / "vcard40_rfc6350.vcf")
    plan.added.append(keep)  # a record whose id is taken: the write must fail as a whole
    with pytest.raises(StoreError):
        apply_plan(store, plan)
    assert store_path.read_bytes() == before
    assert names(store) == ["Kept"]


def test_plan_is_made_again_when_the_store_changed_meanwhile(store, store_path):
    store.add(Contact(name="Someone"))
    plan = plan_import(store, FIX / "linkedin_old_header.csv")
    assert len(plan.added) == 2
    other = Store(store_path)  # another process adds Peter in between
    other.add(Contact(name="Peter Novak", company="Novak Design"))
    apply_plan(store, plan)
    assert names(Store(store_path)).count("Peter Novak") == 1
    assert [c.name for c in plan.added] == ["Aiko Tanaka"]


@pytest.mark.parametrize("raw,message", [
    (b"", "cannot tell what kind of file"),
    (b"\x00\x01\x02binary", "cannot tell what kind of file"),
    (b"just some words\n", "cannot tell what kind of file"),
])
def test_unknown_files_are_refused_with_a_clear_message(store, store_path, tmp_path, raw, message):
    store.add(Contact(name="Someone"))
    before = store_path.read_bytes()
    f = tmp_path / "mystery.dat"
    f.write_bytes(raw)
    with pytest.raises(TransferError, match=message):
        import_file(store, f)
    assert store_path.read_bytes() == before


def test_missing_file_and_folder(store, tmp_path):
    with pytest.raises(TransferError, match="no such file"):
        import_file(store, tmp_path / "nope.vcf")
    with pytest.raises(TransferError, match="is a folder"):
        import_file(store, tmp_path)


def test_wrong_format_said_explicitly(store):
    with pytest.raises(TransferError, match="no BEGIN:VCARD found"):
        import_file(store, FIX / "google_contacts.csv", "vcard")
    with pytest.raises(TransferError, match="not a Kizuna export"):
        import_file(store, FIX / "vcard30_ios.vcf", "json")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(junk=st.binary(max_size=300), fmt=st.sampled_from(["vcard", "linkedin", "google", "json", None]),
       where=st.integers(min_value=0, max_value=2000))
def test_malformed_files_never_crash_and_a_refused_one_changes_nothing(tmp_path_factory, junk, fmt, where):
    folder = tmp_path_factory.mktemp("fuzz")
    store_path = folder / "s.json"
    store = Store(store_path)
    store.add(Contact(name="Someone", emails=("someone@example.com",)))
    before = store_path.read_bytes()
    source = FIX / ["vcard21_japanese_phone.vcf", "linkedin_connections.csv", "google_contacts.csv"][where % 3]
    raw = source.read_bytes()
    cut = where % (len(raw) + 1)
    target = folder / ("in" + source.suffix)
    target.write_bytes(raw[:cut] + junk + raw[cut:])
    try:
        plan = import_file(store, target, fmt)
    except TransferError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert store_path.read_bytes() == before
        return
    fresh = Store(store_path)
    assert len(fresh.contacts()) == 1 + len(plan.added)
    assert all(c.tier in ("network",) or c.name == "Someone" for c in fresh.contacts())
    shutil.rmtree(folder, ignore_errors=True)
