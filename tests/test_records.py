"""Records are validated on the way in; an error names the field."""

from __future__ import annotations

import dataclasses

import pytest

from model.errors import ValidationError
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot


@pytest.mark.parametrize(("build", "field"), [
    (lambda: Contact(name=""), "contact.name"),
    (lambda: Contact(name="   "), "contact.name"),
    (lambda: Contact(name="田中", tier="best friends"), "contact.tier"),
    (lambda: Contact(name="田中", level="boss"), "contact.level"),
    (lambda: Contact(name="田中", relation="cousin"), "contact.relation"),
    (lambda: Contact(name="田中", stage="married"), "contact.stage"),
    (lambda: Contact(name="田中", generation="fifties"), "contact.generation"),
    (lambda: Contact(name="田中", purposes=("world peace",)), "contact.purposes"),
    (lambda: Contact(name="田中", birthday="1st of May"), "contact.birthday"),
    (lambda: Contact(name="田中", birthday="2026-13-45"), "contact.birthday"),
    (lambda: Contact(name="田中", birthday="--02-30"), "contact.birthday"),
    (lambda: Contact(name="田中", birthday="1999-02-29"), "contact.birthday"),
    (lambda: Contact(name="田中", cadence_days=0), "contact.cadence_days"),
    (lambda: Contact(name="田中", cadence_days=True), "contact.cadence_days"),
    (lambda: Contact(name="田中", snoozed_until="2026-02-30"), "contact.snoozed_until"),
    (lambda: Contact(name="田中", emails="a@b.c"), "contact.emails"),
    (lambda: Contact(name=None), "contact.name"),
    (lambda: Interaction(date="2026-13-01"), "interaction.date"),
    (lambda: Interaction(date="20261101"), "interaction.date"),
    (lambda: Interaction(date="yesterday"), "interaction.date"),
    (lambda: Interaction(date=""), "interaction.date"),
    (lambda: Interaction(date="2026-11-01", kind="party"), "interaction.kind"),
    (lambda: Interaction(date="2026-11-01", depth="shallow"), "interaction.depth"),
    (lambda: Interaction(date="2026-11-01", scope="secret"), "interaction.scope"),
    (lambda: Interaction(date="2026-11-01", contacts=("a", "b", "a")), "interaction.contacts"),
    (lambda: Promise(contact="x", text="t", due="next week"), "promise.due"),
    (lambda: Promise(contact="x", text="", due="2026-11-01"), "promise.text"),
    (lambda: Promise(contact="", text="t", due="2026-11-01"), "promise.contact"),
    (lambda: Promise(owner="us", contact="x", text="t", due="2026-11-01"), "promise.owner"),
    (lambda: Promise(contact="x", text="t", due="2026-11-01", status="done"), "promise.status"),
    (lambda: Promise(contact="x", text="t", due="2026-11-01", resolved="2026-11-02"), "promise.resolved"),
    (lambda: FocusPlan(month="2026-13"), "focus_plan.month"),
    (lambda: FocusPlan(month="2026-11", purpose="fun"), "focus_plan.purpose"),
    (lambda: FocusPlan(month="2026-11", slots=(Slot(role="friend"),)), "focus_plan.slots[0].role"),
    (lambda: Settings(deep_cap=0), "settings.deep_cap"),
    (lambda: Settings(focus_template=("customer", "rival")), "settings.focus_template"),
    (lambda: Contact(name="田中", created="today"), "contact.created"),
])
def test_bad_values_name_the_field(build, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        build()
    assert err.value.field == field
    assert str(err.value).startswith(field + ": ")
    assert "\n" not in str(err.value)


def test_from_dict_refuses_unknown_keys_by_name() -> None:
    with pytest.raises(ValidationError) as err:
        Contact.from_dict({"name": "Anna", "nickname": "A"})
    assert err.value.field == "contact.nickname"
    with pytest.raises(ValidationError) as err:
        Settings.from_dict({"deep_cap": 5, "colour": "red"})
    assert err.value.field == "settings.colour"


def test_names_and_notes_in_any_script() -> None:
    for name in ("佐藤 健", "Émilie Dubois", "Ольга Иванова", "김민준", "محمد", "🙂 Smiley"):
        assert Contact(name=name).name == name
    note = Interaction(date="2026-11-01", text="値上げは3〜5%、Δ≈2.5%")
    assert note.text == "値上げは3〜5%、Δ≈2.5%"


def test_edits_validate_again_and_lists_become_tuples() -> None:
    anna = Contact(name="Anna", tags=["a", "b"], emails=["a@example.com"])
    assert anna.tags == ("a", "b") and anna.to_dict()["tags"] == ["a", "b"]
    with pytest.raises(ValidationError) as err:
        anna.touched(tier="vip")
    assert err.value.field == "contact.tier"
    later = anna.touched(tier="deep")
    assert later.tier == "deep" and later.id == anna.id and later.created == anna.created
    with pytest.raises(dataclasses.FrozenInstanceError):
        anna.name = "Bo"  # type: ignore[misc]


def test_a_promise_remembers_its_first_due_date() -> None:
    p = Promise(contact="x", text="send the quote", due="2026-11-10")
    assert p.original_due == "2026-11-10"
    moved = dataclasses.replace(p, due="2026-11-20")
    assert moved.original_due == "2026-11-10"


def test_ids_are_our_own_and_unique() -> None:
    ids = {Contact(name="x").id for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) == 32 for i in ids)


def test_trusted_skips_validation_but_round_trips() -> None:
    plan = FocusPlan(month="2026-11", slots=(Slot("customer", "abc", "見積もり"),))
    again = FocusPlan.trusted(plan.to_dict())
    assert again == plan and isinstance(again.slots[0], Slot)


def test_birthdays_with_or_without_a_year() -> None:
    assert Contact(name="a", birthday="1970-05-01").birthday == "1970-05-01"
    assert Contact(name="a", birthday="--02-29").birthday == "--02-29"


def test_a_note_names_each_person_once() -> None:
    note = Interaction(date="2026-11-01", contacts=("a", "b"))
    with pytest.raises(ValidationError, match="'b' is listed twice"):
        note.touched(contacts=("a", "b", "b"))
    with pytest.raises(ValidationError) as err:
        Interaction.from_dict({**note.to_dict(), "contacts": ["a", "a"]})
    assert err.value.field == "interaction.contacts"


def test_stamps_are_iso_8601_with_microseconds_and_an_offset() -> None:
    import re
    from datetime import datetime

    from model.records import now_stamp

    first, second = now_stamp(), now_stamp()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d", first), first
    assert datetime.fromisoformat(first).utcoffset() is not None
    assert first <= second
