"""What the capture grammar tests share: a Thursday, four people, parse/error/span shortcuts."""

from __future__ import annotations

from datetime import date

import pytest

from model.capture import CaptureError, parse
from model.records import Contact

THU = date(2026, 11, 26)  # a Thursday

TANAKA = Contact(name="Tanaka Yuki", reading="たなか ゆき", company="Acme")
SATO = Contact(name="Sato Ken", reading="さとう けん")
SATO_JA = Contact(name="佐藤 健", reading="サトウ タケシ", company="東京精密")
EMILY = Contact(name="Emily Stone")
PEOPLE = [TANAKA, SATO, SATO_JA, EMILY]


def p(line: str, today: date = THU, contacts: list[Contact] = PEOPLE):
    return parse(line, contacts, today)


def error(line: str, today: date = THU, contacts: list[Contact] = PEOPLE) -> CaptureError:
    with pytest.raises(CaptureError) as info:
        parse(line, contacts, today)
    return info.value


def span(line: str, exc: CaptureError) -> str:
    return line[exc.start:exc.end]
