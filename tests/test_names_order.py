"""Japanese mode sorts people by reading (あいうえお順), Latin names after, the same way in
the CLI, the contact list and the palette (one sort key, model.language.names.sort_key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.language import i18n
from model.records import Contact
from model.store import Store

PEOPLE = [Contact(name="Anna Berg"), Contact(name="佐藤 健"), Contact(name="阿部 勇"),
          Contact(name="後藤 学", reading="ごとう まなぶ"), Contact(name="小池 恵", reading="コイケ メグミ"),
          Contact(name="Ken Sato"), Contact(name="加藤 浩", reading="かとう ひろし")]
JA = ["阿部 勇", "加藤 浩", "小池 恵", "後藤 学", "佐藤 健", "Anna Berg", "Ken Sato"]
EN = ["Anna Berg", "Ken Sato", "阿部 勇", "加藤 浩", "小池 恵", "後藤 学", "佐藤 健"]


def seed(store_path: Path, language: str | None = None) -> None:
    store = Store(store_path)
    with store.transaction():
        for person in PEOPLE:
            store.add(person)
    if language:
        import dataclasses

        store.save_settings(dataclasses.replace(store.settings(), language=language))


def names(done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [p["name"] for p in json.loads(done.stdout)]


@pytest.mark.parametrize(("env", "setting", "expected"), [
    ({}, None, EN),
    ({"KIZUNA_LANG": "ja"}, None, JA),
    ({"LANG": "ja_JP.UTF-8"}, None, JA),          # a Japanese locale
    ({}, "ja", JA),                                # the store's setting
    ({"KIZUNA_LANG": "en"}, "ja", EN),             # KIZUNA_LANG wins over the setting
    ({"LANG": "ja_JP.UTF-8"}, "en", EN),           # `settings language en` wins over the locale
    ({"KIZUNA_LANG": "ja", "LANG": "ja_JP.UTF-8"}, "en", JA),  # ...and KIZUNA_LANG over both
    ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, None, EN),  # LC_ALL comes before LANG
])
def test_cli_contacts_sort_by_the_language(kizuna, cli_env, store_path: Path, env, setting, expected) -> None:
    seed(store_path, setting)
    base = {k: v for k, v in cli_env.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    assert names(kizuna("contacts", "--json", env={**base, **env})) == expected


def test_choose_reads_env_setting_locale_in_that_order() -> None:
    assert i18n.choose(None, {}) == "en"
    assert i18n.choose(None, {"KIZUNA_LANG": "ja"}) == "ja"
    assert i18n.choose("ja", {"KIZUNA_LANG": "en", "LANG": "ja_JP.UTF-8"}) == "en"
    assert i18n.choose("ja", {"LANG": "en_US.UTF-8"}) == "ja"
    assert i18n.choose("en", {"LANG": "ja_JP.UTF-8"}) == "en"  # a chosen setting beats the locale
    assert i18n.choose("", {"LANG": "ja_JP.UTF-8"}) == "ja"  # unset: the locale decides
    assert i18n.choose("en", {"KIZUNA_LANG": "ja", "LANG": "en_US"}) == "ja"
    assert i18n.choose(None, {"LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US"}) == "ja"
    assert i18n.choose(None, {"KIZUNA_LANG": "fr", "LANG": "fr_FR"}) == "en"


def test_settings_language_en_overrides_a_japanese_locale(kizuna, cli_env, store_path: Path) -> None:
    """Set with the command a user types; a new store follows the locale until then."""
    seed(store_path)
    base = {k: v for k, v in cli_env.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "KIZUNA_LANG")}
    ja_locale = {**base, "LANG": "ja_JP.UTF-8"}
    assert Store(store_path).settings().language == ""
    assert names(kizuna("contacts", "--json", env=ja_locale)) == JA
    assert kizuna("settings", "language", "en", env=ja_locale).returncode == 0
    assert Store(store_path).settings().language == "en"
    assert names(kizuna("contacts", "--json", env=ja_locale)) == EN
    assert names(kizuna("contacts", "--json", env={**ja_locale, "KIZUNA_LANG": "ja"})) == JA
    assert kizuna("settings", "language", "", env=ja_locale).returncode == 0  # back to the locale
    assert names(kizuna("contacts", "--json", env=ja_locale)) == JA
