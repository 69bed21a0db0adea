"""Two laptops share their settings: per setting, the later change wins (the records' clock).

Every setting is the owner's, not the machine's (caps, cadences, the focus template, their
industry, the language; ``KIZUNA_LANG`` still picks a language for one machine), so all are
merged. A property test merges random settings of three laptops in every order and checks
they end the same; real stores on disk check the rest.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from model.records import Settings
from model.store import Store
from model.store.devices import devices_dir
from model.store.sync import merge_settings, stamp

from sync_helpers import carry, open_as

DEFAULTS = Settings().to_dict()


@pytest.fixture(autouse=True)
def _sync_on(monkeypatch):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")



VALUES = {"deep_cap": st.integers(3, 6), "language": st.sampled_from(["en", "ja"]),
          "own_industry": st.sampled_from(["", "retail", "finance"])}


@st.composite
def laptop_settings(draw, device: str):
    """One laptop's saved settings (some keys, maybe none) and stamps for some of them."""
    values, stamps = {}, {}
    for key, strategy in VALUES.items():
        if draw(st.booleans()):
            values[key] = draw(strategy)
            if draw(st.booleans()):
                stamps[key] = [stamp(draw(st.integers(1, 5)) * 1000, draw(st.integers(0, 2)), device), ""]
    return values, stamps


@given(st.tuples(laptop_settings("A"), laptop_settings("B"), laptop_settings("C")))
def test_settings_merged_in_any_order_end_the_same(laptops) -> None:
    ends = set()
    for order in itertools.permutations(range(3)):
        for start in range(3):  # each laptop merges the others' states, in this order
            values, stamps = dict(laptops[start][0]), dict(laptops[start][1])
            for i in order:
                values, stamps = merge_settings(values, laptops[i][0], stamps, laptops[i][1], DEFAULTS)
            ends.add((tuple(sorted(values.items())), tuple(sorted((k, tuple(v)) for k, v in stamps.items()))))
    assert len(ends) == 1
    (values, stamps), = ends
    for key, value in dict(values).items():  # the winner: the latest stamped value, if any was stamped
        stamped = [(s[key][0], v[key]) for v, s in laptops if key in s]
        if stamped:
            assert value == max(stamped)[1]


def test_settings_changed_on_two_laptops_apart_are_merged(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    sa.save_settings(Settings(own_industry="retail"))
    carry(a, b, "DESK")
    sb = open_as("LAPTOP", b)
    assert sb.settings().own_industry == "retail"  # the other laptop's settings arrive

    sa.save_settings(Settings(own_industry="retail", deep_cap=4))  # apart: different keys ...
    sb.save_settings(Settings(own_industry="retail", active_cap=20))
    sa.save_settings(Settings(own_industry="finance", deep_cap=4))  # ... and the same key, twice
    sb.save_settings(Settings(own_industry="consulting", active_cap=20))  # the later change
    carry(a, b, "DESK")
    carry(b, a, "LAPTOP")
    sa, sb = open_as("DESK", a), open_as("LAPTOP", b)
    carry(a, b, "DESK")
    carry(b, a, "LAPTOP")
    sa, sb = open_as("DESK", a), open_as("LAPTOP", b)
    want = Settings(own_industry="consulting", deep_cap=4, active_cap=20)
    assert sa.settings() == sb.settings() == want


def test_a_laptop_that_never_chose_a_setting_does_not_undo_anothers(tmp_path: Path) -> None:
    """Saving one setting writes them all; the untouched ones are not stamped, so they lose."""
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    sa.save_settings(Settings(deep_cap=3))
    sb = open_as("LAPTOP", b)  # has not seen the desk's file yet
    sb.save_settings(Settings(language="ja"))  # later, keeps deep_cap at its default
    carry(a, b, "DESK")
    carry(b, a, "LAPTOP")
    assert open_as("DESK", a).settings() == open_as("LAPTOP", b).settings() == Settings(deep_cap=3, language="ja")


def test_the_settings_of_a_store_from_before_two_laptops_are_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("KIZUNA_SYNC")
    one = Store(tmp_path / "kizuna.json")
    one.save_settings(Settings(deep_cap=3, own_industry="retail"))
    devices_dir(tmp_path / "kizuna.json").mkdir()  # kizuna sync on
    store = open_as("DESK", tmp_path)
    assert store.device == "DESK" and store.settings() == Settings(deep_cap=3, own_industry="retail")


def test_another_laptops_bad_settings_change_nothing(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    sa.save_settings(Settings(deep_cap=4))
    import orjson

    path = devices_dir(a / "kizuna.json") / "DESK.json"
    data = orjson.loads(path.read_bytes())
    data["meta"]["1"]["settings"]["deep_cap"] = -1  # not a cap Kizuna would write
    data["meta"]["1"]["settings"]["own_industry"] = "retail"
    path.write_bytes(orjson.dumps(data))
    carry(a, b, "DESK")
    sb = open_as("LAPTOP", b)
    assert sb.settings() == Settings()
    assert any("its settings cannot be used" in n for n in sb.notices), sb.notices
