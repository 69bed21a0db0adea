"""Japanese mode: the catalogue covers every message of the converted modules, the compiled
catalogue matches it, dates read the Japanese way, and the CLI speaks Japanese."""

from __future__ import annotations

import gettext
import json
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from model.language import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "tui" / "locale" / "ja" / "LC_MESSAGES" / "kizuna.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

#: every message a user can read in these modules goes through gettext and is in ``ja``
CONVERTED = [
    "model/language/i18n.py", "model/language/i18n_words.py", "model/planning/due.py", "model/planning/month_days.py",
    "tui/cli/entry.py", "tui/cli/basic.py", "tui/cli/planning.py", "tui/cli/argparse_words.py",
    "tui/cli/diversity.py", "model/planning/diversity.py", "tui/cli/focus.py", "tui/cli/focus_print.py",
    "model/planning/focus.py", "model/actions/focus.py", "tui/cli/people.py", "tui/cli/correct.py",
    "model/language/names.py", "model/actions/people.py", "model/actions/edit.py",
    "model/actions/dates.py", "model/planning/caps.py", "model/planning/trust.py", "tui/cli/store_commands.py",
    "tui/cli/transfer.py", "model/transfer/__init__.py", "model/transfer/common.py", "model/transfer/csvio.py",
    "model/transfer/export.py", "model/transfer/google.py", "model/transfer/jsonio.py",
    "model/transfer/linkedin.py", "model/transfer/merge.py", "model/transfer/vcard.py",
    "model/capture/dates.py", "model/capture/header.py", "model/capture/parser.py", "model/capture/promises.py",
    "model/capture/result.py", "model/capture/words.py", "tui/cli/health.py", "model/planning/health/",
    "tui/health_charts.py", "model/records/types.py", "model/records/loaded.py", "model/records/validate.py",
    "model/actions/undo.py", "model/search/", "model/records/privacy.py", "model/actions/log_text.py",
    "model/store/database.py", "model/store/part_file.py", "model/store/parts.py", "model/store/recovery.py",
    "model/store/storage.py", "model/store/tables.py", "tui/cli/sync_command.py",
    "model/store/devices.py", "model/store/sources.py", "model/store/layout.py", "model/store/merging.py",
    "model/store/writing.py",
    "tui/app.py", "tui/palette.py", "tui/correcting.py", "tui/binding_words.py", "tui/keymap.py",
    "tui/snapshots.py", "tui/opening.py", "tui/toasts.py",
    "tui/screens/main.py", "tui/screens/review.py", "tui/screens/capture.py", "tui/screens/help.py",
    "tui/screens/first_run.py", "tui/screens/confirm.py", "tui/screens/snooze_dialog.py",
    "tui/screens/entry.py", "tui/screens/search.py",
    "tui/widgets/bar_render.py", "tui/widgets/border_lines.py", "tui/widgets/contact_list.py",
    "tui/widgets/contact_rows.py", "tui/widgets/focus_pane.py",
    "tui/widgets/jk_lists.py", "tui/widgets/key_bar.py", "tui/widgets/reading_input.py",
    "tui/widgets/row_cells.py", "tui/widgets/row_list.py", "tui/widgets/timeline.py",
    "model/demo/",
    # the app's other screens (issue 17, TUI part B)
    "tui/screens/contact_form.py", "tui/screens/entry_form.py", "tui/screens/export_dialog.py",
    "tui/screens/focus_planner.py", "tui/screens/health.py", "tui/screens/import_screen.py",
    "tui/screens/merge_dialog.py", "tui/screens/month_review.py", "tui/screens/settings_screen.py",
    "tui/screens/making_room.py", "tui/widgets/contact_fields.py",
    "tui/editor.py", "tui/widgets/diversity_panel.py",
]
#: modules that hold no message of their own (they pass on what others say)
NO_MESSAGES = ["tui/cli/output.py", "tui/cli/streams.py", "model/errors.py", "model/actions/__init__.py",
               "model/capture/__init__.py"]
#: converted modules that show no words of their own (layout, drawing, or words kept elsewhere:
#: the main screen's are its panes', the key bar's are the Bindings' in tui/binding_words.py,
#: the demo's shown labels are stored words, translated by model.language.i18n.word where shown)
SILENT = {"tui/screens/main.py", "tui/screens/entry.py", "tui/widgets/bar_render.py",
          "tui/widgets/border_lines.py", "tui/widgets/jk_lists.py", "tui/widgets/key_bar.py",
          "tui/widgets/row_cells.py", "tui/widgets/row_list.py", "model/demo/"}
#: still English: move a module up when its strings go through ``_()``
TO_CONVERT: list[str] = []


def catalogue():
    with PO.open("rb") as f:
        return read_po(f)


def extracted(module: str):
    paths = sorted((ROOT / module).glob("*.py")) if module.endswith("/") else [ROOT / module]
    return [m for path in paths for m in extract_from_file("python", str(path), keywords=KEYWORDS)]


@pytest.mark.parametrize("module", CONVERTED)
def test_every_message_of_a_converted_module_is_translated(module: str) -> None:
    cat = catalogue()
    found = extracted(module)
    assert found or module == "model/language/i18n.py" or module in SILENT, f"{module}: nothing extracted"
    missing = []
    for _line, message, _comments, context in found:
        entry = cat.get(message, context=context)
        string = entry.string if entry is not None else None
        if entry is None or entry.fuzzy or not (string if isinstance(string, str) else all(string)):
            missing.append(message)
    assert missing == [], f"{module}: not translated in ja: {missing}"


@pytest.mark.parametrize("module", NO_MESSAGES)
def test_a_module_without_messages_has_none(module: str) -> None:
    assert extracted(module) == []


def test_every_cli_module_is_listed_as_converted_or_not() -> None:
    listed = {m.split(":")[0] for m in CONVERTED + TO_CONVERT + NO_MESSAGES}
    for folder in ("tui/cli", "tui/screens", "tui/widgets"):
        modules = {str(p.relative_to(ROOT)) for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py"}
        assert modules <= listed, f"say whether these are converted: {sorted(modules - listed)}"


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}|%\(\w+\)[sr]|%[sr]", text))


def test_translations_keep_their_placeholders_and_the_mo_is_compiled_from_the_po() -> None:
    with MO.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    for m in catalogue():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert _fields(strings[0]) == _fields(ids[-1]), ids[0]
        if m.context:
            assert mo.pgettext(m.context, ids[0]) == strings[0]
        elif len(ids) > 1:
            assert mo.ngettext(ids[0], ids[1], 5) == strings[0]
        else:
            assert mo.gettext(ids[0]) == strings[0], f"{ids[0]!r}: run pybabel compile"


def test_stored_words_have_a_translation_for_every_value() -> None:
    from model import records
    from model.language.i18n_words import GROUPS

    cat = catalogue()
    for context, name in GROUPS.items():
        for value in getattr(records, name):
            assert cat.get(value, context=context) is not None, (context, value)


def test_japanese_dates_and_day_counts() -> None:
    sat = date(2026, 12, 5)
    try:
        i18n.set_language("ja")
        assert i18n.date_long(sat) == "2026年12月5日(土)"
        assert i18n.date_short(sat) == "12/5(土)"
        assert (i18n.days_late(3), i18n.days_left(5)) == ("3日遅れ", "あと5日")
        assert (i18n.weekday(sat), i18n.weekday(sat, full=True)) == ("土", "土曜日")
        assert i18n.word("tier", "deep") == "深い" and i18n.word("depth", "touch") == "接点"
        assert i18n._("tier") == "層"
    finally:
        i18n.set_language("en")
    assert i18n.date_long(sat) == "Saturday 5 December 2026"
    assert (i18n.date_short(sat), i18n.days_late(1), i18n.days_left(5)) == ("Sat 12/5", "1 day late", "in 5 days")
    assert i18n.word("tier", "deep") == "deep" and i18n._("tier") == "tier"


def test_a_missing_catalogue_is_english_not_an_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    try:
        assert i18n.set_language("ja") == "ja"
        assert i18n._("tier") == "tier"
    finally:
        monkeypatch.undo()
        i18n.set_language("en")


JA = {"KIZUNA_LANG": "ja"}


def test_cli_today_and_help_in_japanese(kizuna, cli_env) -> None:
    done = kizuna("--demo", "--date", "2026-12-05", "today", env={**cli_env, **JA})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2026年12月5日(土)"
    assert "今日対応するもの" in lines[1] and "期限切れ: 自分の約束" in done.stdout
    assert "日遅れ · 期限 " in done.stdout and "overdue" not in done.stdout  # the items too
    english = kizuna("--demo", "--date", "2026-12-05", "today", env=cli_env)
    assert english.stdout.splitlines()[0] == "Saturday 5 December 2026"
    helped = kizuna("note", "--help", env={**cli_env, **JA})
    assert helped.returncode == 0
    assert helped.stdout.startswith("使い方: ") and "1行の書き方:" in helped.stdout
    assert "オプション" in helped.stdout and "show this help" not in helped.stdout


def test_cli_errors_in_japanese_are_one_line(kizuna, cli_env) -> None:
    done = kizuna("today", "--days", "many", env={**cli_env, **JA})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "エラー" in done.stderr and "日数ではありません" in done.stderr
    assert "Traceback" not in done.stderr


def test_tiers_are_translated_on_screen_not_in_json(kizuna, cli_env, store_path: Path) -> None:
    from model.records import Contact
    from model.store import Store

    Store(store_path).add(Contact(name="佐藤 健", tier="deep"))
    shown = kizuna("contacts", env={**cli_env, **JA})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0].split()[:2] == ["層", "名前"]
    assert "深い" in shown.stdout and "deep" not in shown.stdout
    data = json.loads(kizuna("contacts", "--json", env={**cli_env, **JA}).stdout)
    assert data[0]["tier"] == "deep"
    person = kizuna("show", "さとう", env={**cli_env, **JA})
    assert person.returncode == 0, person.stderr
    assert person.stdout.splitlines()[0] == "佐藤 健 (さとう けん(推測))"
    assert "深い" in person.stdout and "タイムライン(0件)" in person.stdout


def test_every_message_marked_anywhere_has_japanese() -> None:
    """Modules still to convert may hold English not yet marked, but what is marked is translated."""
    from babel.messages.extract import extract_from_dir

    cat = catalogue()
    method_map = [("model/**.py", "python"), ("tui/**.py", "python")]
    missing = []
    for _file, _line, message, _comments, context in extract_from_dir(str(ROOT), method_map,
                                                                    keywords=KEYWORDS):
        entry = cat.get(message, context=context)
        string = entry.string if entry is not None else None
        if entry is None or not (string if isinstance(string, str) else all(string)):
            missing.append(message)
    assert missing == [], f"not in the ja catalogue (pybabel extract/update, then translate): {missing}"


@pytest.mark.parametrize("command", ["--help", "settings --help", "focus suggest --help", "import --help",
                                     "search --help", "health --help", "promise keep --help"])
def test_every_command_help_is_japanese(kizuna, cli_env, command: str) -> None:
    done = kizuna(*command.split(), env={**cli_env, **JA})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("使い方: ") and "オプション:" in done.stdout
    helps = [line for line in done.stdout.splitlines() if line.startswith("  -")]
    for line in helps:  # every option's help is in Japanese
        text = line.split(None, 2)[-1] if len(line.split()) > 2 else ""
        assert not re.fullmatch(r"[ -~]+", text) or not text, line
