"""Kizuna's JSON export: a full round trip, merging by id, refusing bad files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot
from model.store import Store
from model.transfer import TransferError, import_file, jsonio

TODAY = date(2026, 11, 20)


def fill(store: Store) -> dict[str, object]:
    """A store with one of everything, Japanese included, and changed settings."""
    yamada = Contact(name="山田 太郎", reading="やまだ たろう", company="山田商事", tier="deep",
                     emails=("taro@example.jp",), tags=("取引先",), birthday="--03-21",
                     purposes=("hiring",), cadence_days=30, notes="奥様は医師")
    ada = Contact(name="Ada Lovelace", company="Engines", tier="active", relation="mentor",
                  snoozed_until="2026-12-01", snooze_reason="travelling")
    lunch = Interaction(date="2026-11-04", contacts=(yamada.id, ada.id), kind="meal", depth="deep",
                        text="Lunch: hiring plans", tags=("hiring",))
    secret = Interaction(date="2026-11-05", contacts=(yamada.id,), kind="call", scope="confidential",
                         text="Told me about the merger")
    private = Interaction(date="2026-11-06", contacts=(ada.id,), scope="private", text="Private note")
    deck = Promise(owner="me", contact=yamada.id, text="送る: deck", due="2026-11-25",
                   interaction=lunch.id)
    kept = Promise(owner="them", contact=ada.id, text="Intro to Sato", due="2026-11-10",
                   status="kept", resolved="2026-11-09", original_due="2026-11-01",
                   history=({"on": "2026-10-30", "from": "2026-11-01", "to": "2026-11-10",
                             "reason": "travel"},))
    plan = FocusPlan(month="2026-11", challenge="Hire a CTO", purpose="hiring",
                     slots=(Slot("customer", yamada.id, "ask for referrals"), Slot("mentor", None, "")),
                     review="Good month")
    store.add_many([yamada, ada, lunch, secret, private, deck, kept, plan])
    store.save_settings(Settings(deep_cap=4, own_industry="software"))
    return {"yamada": yamada, "ada": ada, "secret": secret, "private": private, "plan": plan}


def dump(store: Store) -> dict[str, list[dict]]:
    return {t: sorted((r.to_dict() for r in getter()), key=lambda d: d["id"])
            for t, getter in (("contacts", store.contacts), ("interactions", store.interactions),
                              ("promises", store.promises), ("focus_plans", store.focus_plans))}


def test_round_trip_into_an_empty_store_gives_the_same_records(store, tmp_path):
    fill(store)
    out = tmp_path / "all.json"
    out.write_bytes(jsonio.export(store, include_confidential=True))
    other = Store(tmp_path / "other.json")
    plan = import_file(other, out)
    assert plan.summary() == ("added 2 contacts, 1 focus plan, 3 interactions, 2 promises, "
                              "0 replaced by newer, 0 skipped, settings restored")
    fresh = Store(tmp_path / "other.json")
    assert dump(fresh) == dump(store)
    assert fresh.settings() == store.settings()


def test_confidential_notes_stay_out_unless_asked(store):
    records = fill(store)
    data = orjson.loads(jsonio.export(store))
    ids = {i["id"] for i in data["interactions"]}
    assert records["secret"].id not in ids and len(ids) == 1  # the private note stays out too
    assert records["private"].id in {i["id"] for i in orjson.loads(jsonio.export(store, include_private=True))["interactions"]}
    assert "merger" not in jsonio.export(store).decode()
    assert "merger" in jsonio.export(store, include_confidential=True).decode()


def test_importing_into_a_store_that_has_the_records_newer_wins(store, tmp_path):
    records = fill(store)
    out = tmp_path / "all.json"
    out.write_bytes(jsonio.export(store, include_confidential=True))
    other = Store(tmp_path / "other.json")
    import_file(other, out)
    # In the other store, Yamada is edited later; Ada is older there than in the file.
    yamada = other.contact(records["yamada"].id)
    other.put(yamada.touched(title="社長"))
    ada = other.contact(records["ada"].id)
    other.put(replace(ada, title="Countess", updated="2000-01-01T00:00:00+00:00"))
    other.save_settings(Settings(deep_cap=3))
    plan = import_file(other, out)
    assert [new.name for _, new in plan.records_replaced] == ["Ada Lovelace"]
    assert other.contact(records["yamada"].id).title == "社長"  # the store's is newer
    assert other.contact(records["ada"].id).title == ""  # the file's is newer
    assert other.settings().deep_cap == 3  # the store has settings of its own
    assert ("settings", "the store has settings of its own; kept them") in plan.skipped
    assert plan.records_added == []


def test_a_focus_plan_for_the_same_month_is_one_plan(store, tmp_path):
    records = fill(store)
    out = tmp_path / "all.json"
    out.write_bytes(jsonio.export(store))
    other = Store(tmp_path / "other.json")
    other.add_many([records["yamada"], records["ada"]])
    other.add(FocusPlan(month="2026-11", challenge="old", updated="2001-01-01T00:00:00+00:00",
                        created="2001-01-01T00:00:00+00:00"))
    import_file(other, out)
    plans = Store(tmp_path / "other.json").focus_plans()
    assert [(p.month, p.challenge) for p in plans] == [("2026-11", "Hire a CTO")]


def test_a_stamp_without_offset_is_compared_as_utc(store, tmp_path):
    records = fill(store)
    ada = records["ada"].to_dict() | {"title": "Countess", "updated": "2099-01-01T00:00:00"}
    f = tmp_path / "one.json"
    f.write_bytes(orjson.dumps({"format": "kizuna-export", "version": 1, "contacts": [ada]}))
    plan = import_file(store, f)
    assert len(plan.records_replaced) == 1 and store.contact(ada["id"]).title == "Countess"


def test_a_restore_that_crowds_a_tier_says_so(store, tmp_path):
    fill(store)  # 山田 is deep, Ada active
    extra = [Contact(name=f"Deep {i}", tier="deep") for i in range(4)]
    out = tmp_path / "more.json"
    out.write_bytes(orjson.dumps({"format": "kizuna-export", "version": 1,
                                  "contacts": [c.to_dict() for c in extra]}))
    plan = import_file(store, out)  # deep cap is 4 in fill()'s settings: 5 deep now
    assert [str(p) for p in plan.problems] == [
        "contacts: after this import 5 people are deep (the cap is 4); move 1 with 'kizuna tier' or in the app"]
    assert len([c for c in store.contacts() if c.tier == "deep"]) == 5


def bad(tmp_path, data) -> str:
    f = tmp_path / "bad.json"
    f.write_bytes(data if isinstance(data, bytes) else orjson.dumps(data))
    return str(f)


@pytest.mark.parametrize("data,message", [
    (b'{"format": "kizuna-export", "version": 1,\n "contacts": [}', "line 2 column"),
    ({"contacts": []}, "not a Kizuna export"),
    ({"format": "kizuna-export", "version": 99}, "export version 99"),
    ({"format": "kizuna-export", "version": 1, "contacts": {}}, "contacts: must be a list"),
    ({"format": "kizuna-export", "version": 1, "contacts": [{"name": "A", "tier": "vip"}]},
     r"contacts\[0\].tier: 'vip' is not one of"),
    ({"format": "kizuna-export", "version": 1, "contacts": [{"name": "A", "nick": "x"}]},
     r"contacts\[0\].nick: is not a known field"),
    ({"format": "kizuna-export", "version": 1,
      "contacts": [{"name": "A", "id": "x"}, {"name": "B", "id": "x"}]}, "appears twice"),
    ({"format": "kizuna-export", "version": 1,
      "interactions": [{"date": "2026-01-01", "contacts": ["ghost"]}]},
     r"interactions\[0\]: person ghost is in neither the file nor the store"),
    ({"format": "kizuna-export", "version": 1, "settings": {"deep_cap": 0}}, "settings"),
])
def test_bad_exports_are_refused_whole_and_change_nothing(store, store_path, tmp_path, data, message):
    fill(store)
    before = store_path.read_bytes()
    with pytest.raises(TransferError, match=message):
        import_file(store, bad(tmp_path, data))
    assert store_path.read_bytes() == before


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8)
    | st.sampled_from(["2026-11-01", "network", "me", "open", "x", "2026-11", "deep"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)
_fields = st.sampled_from(["name", "id", "tier", "date", "contacts", "contact", "text", "due", "month",
                           "slots", "owner", "status", "emails", "updated", "created", "history"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tables=st.dictionaries(st.sampled_from(["contacts", "interactions", "promises", "focus_plans",
                                               "settings"]),
                              st.lists(st.dictionaries(_fields, _values, max_size=5), max_size=3)
                              | _values, max_size=4))
def test_any_export_shaped_json_is_imported_or_refused_cleanly(tmp_path_factory, tables):
    folder = tmp_path_factory.mktemp("json")
    store = Store(folder / "s.json")
    store.add(Contact(name="Someone"))
    before = (folder / "s.json").read_bytes()
    f = folder / "in.json"
    f.write_bytes(orjson.dumps({"format": "kizuna-export", "version": 1, **tables}))
    try:
        import_file(store, f)
    except TransferError as exc:
        assert "\n" not in str(exc)
        assert (folder / "s.json").read_bytes() == before
