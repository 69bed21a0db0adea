"""What the OS says went wrong, in Japanese (issue 17): real failures, real ``kizuna`` runs."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from model.language import i18n
from model.language.os_errors import TEXTS, os_text


@pytest.fixture
def ja(kizuna, cli_env):
    def run(*args: str, env: dict[str, str] | None = None):
        return kizuna(*args, env={**cli_env, "KIZUNA_LANG": "ja", **(env or {})})

    return run


def one_line(done, *words: str) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    for w in words:
        assert w in done.stderr, done.stderr
    return done.stderr


def test_a_missing_file_and_a_folder_in_japanese(ja, tmp_path: Path) -> None:
    one_line(ja("import", str(tmp_path / "nowhere.csv")), "nowhere.csv")
    one_line(ja("import", str(tmp_path)))
    # ENOTDIR: the store's folder would be inside a file
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    line = one_line(ja("contacts", env={"KIZUNA_DB": str(a_file / "kizuna.json")}),
                    "フォルダではありません")
    assert "Not a directory" not in line
    assert a_file.read_text() == "x"


def test_a_name_too_long_in_japanese_and_in_english(ja, kizuna, cli_env, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".json")
    assert "ファイル名が長すぎます" in one_line(ja("export", "json", "--out", str(target)))
    english = kizuna("export", "json", "--out", str(target), env={**cli_env, "KIZUNA_LANG": "en"})
    assert "File name too long" in one_line(english)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_in_japanese(ja, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        line = one_line(ja("add", "佐藤 健", env={"KIZUNA_DB": str(folder / "kizuna.json")}),
                        "アクセス権がありません")
        assert "Permission denied" not in line
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_every_listed_errno_has_japanese_and_others_keep_the_os_text() -> None:
    i18n.set_language("ja")
    try:
        for code, english in TEXTS.items():
            shown = os_text(OSError(code, os.strerror(code)))
            assert shown != english and not any("a" <= ch <= "z" for ch in shown), (code, shown)
        other = OSError(errno.ECONNRESET, "Connection reset by peer")
        assert os_text(other) == "Connection reset by peer"
        assert os_text(OSError("no errno at all")) == "no errno at all"
    finally:
        i18n.set_language("en")
    assert os_text(OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
