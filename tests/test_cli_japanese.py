"""Every command family speaks Japanese with KIZUNA_LANG=ja: real ``kizuna`` subprocesses on
real store files; errors are one Japanese line with the usual exit code; JSON keeps its
English keys and stored words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.records import Contact
from model.store import Store

JA = {"KIZUNA_LANG": "ja"}
DAY = ("--date", "2026-12-05")


@pytest.fixture
def ja(kizuna, cli_env):
    def run(*args: str, input: str | None = None):
        return kizuna(*args, env={**cli_env, **JA}, input=input)

    return run


@pytest.fixture
def en(kizuna, cli_env):
    def run(*args: str):
        return kizuna(*args, env={**cli_env, "KIZUNA_LANG": "en"})

    return run


def one_japanese_error(done, code: int, *words: str) -> None:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    for w in words:
        assert w in done.stderr, done.stderr


def shape(data):
    """The keys of a JSON document, all the way down (values aside; the demo's own words, such
    as the industries counted, are data: in Japanese mode the demo is written in Japanese)."""
    if isinstance(data, dict):
        return {k: [type(n).__name__ for n in v.values()] if k == "counts" else shape(v) for k, v in data.items()}
    if isinstance(data, list):
        return [shape(v) for v in data[:1]]
    return type(data).__name__


def test_diversity_in_japanese_and_its_json_in_english(ja, en) -> None:
    done = ja("--demo", *DAY, "diversity")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("深い関係: 5人") and "観点  均等度  値" in done.stdout
    assert "(均等度: 0 = 全員同じ、1 = 全員ちがう)" in done.stdout and "evenness" not in done.stdout
    assert "経営層" in done.stdout  # levels shown with word()
    data_ja = json.loads(ja("--demo", *DAY, "diversity", "--json").stdout)
    data_en = json.loads(en("--demo", *DAY, "diversity", "--json").stdout)
    assert shape(data_ja) == shape(data_en)
    assert [g["group"] for g in data_ja] == ["deep", "active", "focus"]
    assert data_ja[0]["spread"]["level"] == data_en[0]["spread"]["level"]  # stored words stay English


def test_focus_in_japanese(ja, en) -> None:
    shown = ja("--demo", *DAY, "focus", "show")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("2026年12月のフォーカス: 販路 — ")
    assert lines[1].startswith("深い会話 3人中1人と実施; ") and "今月の残り26日" in lines[1]
    assert lines[2].split()[:4] == ["#", "役割", "人", "今月"] and "(空き)" in shown.stdout
    suggested = ja("--demo", *DAY, "focus", "suggest", "--limit", "2")
    assert suggested.returncode == 0 and "目的に合う: 販路" in suggested.stdout
    review = ja("--demo", *DAY, "focus", "review")
    assert "2026年12月の振り返り" in review.stdout and "持ち越し候補:" in review.stdout
    one_japanese_error(ja("--demo", *DAY, "focus", "remove", "--slot", "9"), 1, "枠の番号ではありません")
    one_japanese_error(ja("--demo", *DAY, "focus", "add", "誰でもない人"), 1, "という人はいません")
    data_ja = json.loads(ja("--demo", *DAY, "focus", "show", "--json").stdout)
    data_en = json.loads(en("--demo", *DAY, "focus", "show", "--json").stdout)
    assert shape(data_ja) == shape(data_en)
    assert [s["role"] for s in data_ja["slots"]] == [s["role"] for s in data_en["slots"]]
    assert data_ja["purpose"] == data_en["purpose"] == "sales channel"


def test_people_and_settings_in_japanese(ja, store_path: Path) -> None:
    added = ja("add", "佐藤 健", "--reading", "さとう けん", "--company", "佐藤精工")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "佐藤 健を追加しました(ネットワーク)\n"
    edited = ja("edit", "さとう", "--stage", "met")
    assert edited.stdout == "佐藤 健を更新しました(ネットワーク): stage\n"
    one_japanese_error(ja("add", "山田", "--level", "boss"), 1, "--level")
    one_japanese_error(ja("edit", "さとう"), 1, "佐藤 健の変更がありません")
    one_japanese_error(ja("settings", "colour"), 1, "という設定はありません")
    settings = ja("settings")
    assert settings.stdout.splitlines()[0].split() == ["設定", "値"] and "(各項目の意味:" in settings.stdout
    assert Store(store_path).contacts()[0].tier == "network"  # stored words stay English


def test_focus_slots_are_typed_and_shown_in_japanese(ja, en, store_path: Path) -> None:
    """The slot roles setting takes the Japanese words (or the stored ones) and shows them
    in Japanese; the store keeps the stored words."""
    typed = ja("settings", "focus-template", "同業、顧客, Partner")
    assert typed.returncode == 0, typed.stderr
    assert typed.stdout == "focus-template: 同業, 顧客, パートナー\n"
    assert Store(store_path).settings().focus_template == ("same-industry", "customer", "partner")
    assert en("settings", "focus-template").stdout == "focus-template: same-industry, customer, partner\n"
    one_japanese_error(ja("settings", "focus-template", "同業 友達"), 1, "'友達' は 顧客, 同業, 異業種")
    assert Store(store_path).settings().focus_template == ("same-industry", "customer", "partner")


def test_promises_trust_and_tiers_in_japanese(ja, en) -> None:
    listed = ja("--demo", *DAY, "promise", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0].split() == ["期日", "状態", "誰の", "名前", "約束"]
    assert "期限切れ" in listed.stdout and "overdue" not in listed.stdout
    trust = ja("--demo", *DAY, "trust", "田中 美咲")
    assert trust.stdout.startswith("田中 美咲との信頼残高: +") and "重み: 期限内に守った +3" in trust.stdout
    kept = ja("--demo", *DAY, "promise", "keep", "高橋")
    assert kept.stdout == "守った: 面粗度不良の対策案をまとめて持参する(高橋 由美)(2日遅れ)\n"
    full = ja("--demo", *DAY, "tier", "吉田", "deep")
    one_japanese_error(full, 1, "深いは満員です", "空きを作るには")
    one_japanese_error(ja("--demo", *DAY, "snooze", "吉田"), 1, "いつまでか指定してください")
    one_japanese_error(ja("--demo", *DAY, "promise", "keep", "佐藤"), 1, "どの人か指定してください")
    data_ja = json.loads(ja("--demo", *DAY, "promise", "list", "--json").stdout)
    data_en = json.loads(en("--demo", *DAY, "promise", "list", "--json").stdout)
    # the same promises, stored words in English; the demo's own texts are in the language in use
    assert [{k: v for k, v in p.items() if k != "text"} for p in data_ja] == \
        [{k: v for k, v in p.items() if k != "text"} for p in data_en]


def test_capture_and_corrections_in_japanese(ja, en, store_path: Path) -> None:
    Store(store_path).add(Contact(name="田中 美咲", reading="たなか みさき"))
    preview = ja(*DAY, "note", "--dry-run", "@田中 ランチ 昨日: 採用の話 #採用 @田中 promised 資料 by 12/10")
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.splitlines() == [
        "保存される内容(試行のみ、保存していません):",
        "  人       田中 美咲 (たなか みさき)",
        "  種類     食事",
        "  深さ     接点",
        "  日付     2026-12-04(金) 昨日",
        "  タグ     #採用",
        "  共有範囲 公開",
        "  約束     田中 美咲さんが約束: 資料 — 期日 2026-12-10(木) あと5日",
        "  本文     採用の話",
    ]
    one_japanese_error(ja(*DAY, "note", "@誰か 電話"), 1, "@誰か という人はまだいません", "@+誰か")
    one_japanese_error(ja(*DAY, "note", "@田中 lunch call"), 1, "種類が2つあります")
    line = "@田中 ランチ 昨日: 採用の話"
    assert json.loads(ja(*DAY, "note", "--dry-run", "--json", line).stdout) == \
        json.loads(en(*DAY, "note", "--dry-run", "--json", line).stdout)
    assert ja(*DAY, "note", line).returncode == 0
    edited = ja(*DAY, "note", "edit", "--last", "--dry-run", "--text", "別の話")
    assert edited.stdout.splitlines()[1].split()[0] == "ID" and "  本文    別の話" in edited.stdout
    one_japanese_error(ja(*DAY, "note", "edit"), 2, "エラー", "どのメモ?")
    found = ja(*DAY, "search", "別")
    assert found.stdout == "該当なし\n"
    forget = ja(*DAY, "forget", "田中")
    assert forget.stdout.startswith("忘れると消えるもの:\n  田中 美咲: 本人と詳細\n")
    assert "まだ何も消していません" in forget.stdout


def test_import_export_and_store_commands_in_japanese(ja, en, tmp_path: Path, store_path: Path) -> None:
    cards = tmp_path / "people.vcf"
    cards.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:佐藤 健\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nBDAY:notadate\nEND:VCARD\n", encoding="utf-8")
    planned = ja("import", str(cards), "--dry-run")
    assert planned.returncode == 0, planned.stderr
    assert planned.stdout.splitlines()[0].endswith("(vcard): 追加2件、統合0件、スキップ0件、問題1件")
    assert "  問題: 8行目: BDAY 'notadate' は日付ではありません。メモに残しました" in planned.stdout
    assert "試行のみ: 何も変えていません" in planned.stdout and not store_path.exists()
    assert ja("import", str(cards)).returncode == 0
    again = ja("import", str(cards))
    assert "スキップ(2): 佐藤 健: 佐藤 健としてすでにあり、新しい情報なし" in again.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{bad", encoding="utf-8")
    one_japanese_error(ja("import", str(broken)), 1, "正しいJSONではありません")
    one_japanese_error(ja("import", str(tmp_path / "none.vcf")), 1, "そのファイルはありません")
    out = tmp_path / "out.json"
    wrote = ja("export", "json", "-o", str(out))
    assert wrote.returncode == 0 and "に書き出しました(json、" in wrote.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["contacts"][0]["tier"] == "network"
    one_japanese_error(ja("export", "json", "-o", str(tmp_path)), 1, "フォルダです。ファイル名を指定してください")
    doctor = ja("doctor")
    assert doctor.stdout.endswith("OK: 2人、メモ0件、分割ファイルはすべて読めます。バックアップ0個\n")
    assert "バックアップはまだありません" in ja("backups").stdout
    one_japanese_error(ja("merge", "佐藤", "佐藤"), 1, "同じ記録です")


def test_health_in_japanese_and_its_json_unchanged(ja, en) -> None:
    done = ja("--demo", *DAY, "health")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "関係の健康診断 · 2026年12月5日までの12か月"
    for title in ("日ごとの会話", "連絡の間隔: 深い・活発な人(遅れの大きい順)", "四半期ごとの約束",
                  "信頼残高と6か月の推移", "深い層・活発な層の多様性"):
        assert title in lines
    assert "深い関係5人のうち1人と60日間深い会話なし" in done.stdout and "54日遅れ" in done.stdout
    one_japanese_error(ja("health", "--months", "13"), 2, "月数(1から12)ではありません")
    data_ja = json.loads(ja("--demo", *DAY, "health", "--json").stdout)
    data_en = json.loads(en("--demo", *DAY, "health", "--json").stdout)
    assert shape(data_ja) == shape(data_en)
    assert data_ja["cadence"] == data_en["cadence"] and data_ja["heatmap"] == data_en["heatmap"]


def test_a_damaged_store_and_a_bad_field_are_one_japanese_line(ja, store_path: Path) -> None:
    store_path.parent.mkdir(mode=0o700)
    store_path.write_text('{"contacts": ', encoding="utf-8")
    before = store_path.read_bytes()
    one_japanese_error(ja("contacts"), 1, "正しいJSONではありません", "触りません", "kizuna doctor")
    assert store_path.read_bytes() == before  # never overwritten
    store_path.unlink()
    one_japanese_error(ja("add", "山田", "--birthday", "1999-99-99"), 1,
                       "--birthday: '1999-99-99' は YYYY-MM-DD でも --MM-DD でもありません")
    one_japanese_error(ja("undo"), 1, "元に戻すものはありません")


def test_the_confidential_mask_is_shown_in_japanese_and_kept_in_json(ja) -> None:
    shown = ja("--demo", *DAY, "show", "田中 美咲")
    assert "[機密]" in shown.stdout and "[confidential]" not in shown.stdout
    data = json.loads(ja("--demo", *DAY, "show", "田中 美咲", "--json").stdout)
    assert "[confidential]" in [i["text"] for i in data["interactions"]]


def test_log_lines_are_stored_in_english_and_shown_in_japanese(ja, en, store_path: Path) -> None:
    assert ja("add", "山田").returncode == 0
    steps = [("--date", "2026-12-01", "promise", "add", "山田", "見積を送る", "--due", "2026-12-03"),
             ("--date", "2026-12-05", "promise", "keep", "山田"),
             ("--date", "2026-12-05", "tier", "山田", "active", "--reason", "大口顧客"),
             ("--date", "2026-12-05", "snooze", "山田", "2026-12-20", "--reason", "出張")]
    for step in steps:
        assert ja(*step).returncode == 0
    stored = sorted(i.text for i in Store(store_path).interactions())
    assert stored == ["kept my promise: 見積を送る (2 days late)", "snoozed until 2026-12-20: 出張",
                      "tier: moved up from network to active: 大口顧客"]
    shown = ja("show", "山田").stdout
    for line in ("自分の約束を守った: 見積を送る(2日遅れ)", "2026-12-20までスヌーズ: 出張",
                 "層: ネットワークから活発へ上げた: 大口顧客"):
        assert line in shown
    english = en("show", "山田").stdout
    assert all(text in english for text in stored)  # English shows the stored line as it is


def test_sync_in_japanese(ja) -> None:
    status = ja("sync")
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("形: 1ファイル、") and "待っているもの: なし" in status.stdout
    on = ja("sync", "on")
    assert on.stdout.startswith("オン: このノートPCは自分のファイルを ") and "この端末: " in on.stdout
    one_japanese_error(ja("--demo", "sync", "on"), 1, "デモデータは使い捨てのコピーです")
