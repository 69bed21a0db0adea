"""One rule for due dates, snoozes and reschedules, on every path (issue 13 item 2).

A promise is due today or later (a past due date is refused everywhere: shell, capture,
review, form); a snooze only puts a date off; a reschedule moves it either way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from model import actions
from model.actions import DateRuleError
from model.capture import CaptureError, parse
from model.records import Contact
from model.store import Store

TODAY = date(2026, 12, 5)  # a Saturday


@pytest.fixture
def aoki(store: Store) -> Contact:
    return store.add(Contact(name="Aoki", tier="active"))


def test_a_past_due_date_is_refused_by_the_action_the_shell_and_capture(kizuna, store: Store, aoki) -> None:
    with pytest.raises(DateRuleError, match="is in the past: a promise is due today or later"):
        actions.add_promise(store, aoki.id, "me", "deck", date(2026, 12, 4), TODAY)
    before = store.path.read_bytes()
    done = kizuna("promise", "add", "Aoki", "deck", "--due", "yesterday", "--date", TODAY.isoformat())
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == ("kizuna: due 2026-12-04 Fri is in the past: a promise is due today or later "
                           "(for one already missed, give today and then break or keep it)\n")
    assert store.path.read_bytes() == before
    # a note from last week with a promise due before today: the same rule, the same words
    with pytest.raises(CaptureError, match="2026-12-01 Tue is in the past: a promise is due today or later"):
        parse("@Aoki last mon: promised the deck by tue", [aoki], TODAY)
    assert actions.add_promise(store, aoki.id, "me", "deck", TODAY, TODAY).due == TODAY.isoformat()


def test_a_snooze_never_moves_a_promise_earlier(store: Store, aoki) -> None:
    p = actions.add_promise(store, aoki.id, "me", "deck", date(2026, 12, 11), TODAY)
    with pytest.raises(DateRuleError, match="never moves a date earlier: 2026-12-07 Mon is not after the due "
                                            "date 2026-12-11 Fri; to bring it forward, reschedule it"):
        actions.snooze(store, aoki.id, date(2026, 12, 7), TODAY, "busy", promise_id=p.id)
    assert Store(store.path).get(type(p), p.id).due == "2026-12-11" and not Store(store.path).get(type(p), p.id).history
    later = actions.snooze(store, aoki.id, date(2026, 12, 18), TODAY, "busy", promise_id=p.id)
    assert later.due == "2026-12-18"


def test_a_reschedule_moves_either_way_but_not_into_the_past(store: Store, aoki) -> None:
    p = actions.add_promise(store, aoki.id, "me", "deck", date(2026, 12, 11), TODAY)
    assert actions.reschedule_promise(store, p.id, date(2026, 12, 7), TODAY).due == "2026-12-07"
    with pytest.raises(DateRuleError, match="2026-12-01 Tue is in the past"):
        actions.reschedule_promise(store, p.id, date(2026, 12, 1), TODAY)


def test_the_shell_snooze_refusals_name_no_internal_fields(kizuna, store: Store, aoki) -> None:
    done = kizuna("snooze", "Aoki", "fri", "--date", TODAY.isoformat())
    assert done.returncode == 1
    assert done.stderr == "kizuna: say why: a snooze needs a reason (--reason WHY)\n"
    assert "snooze.reason" not in done.stderr
    actions.add_promise(store, aoki.id, "me", "deck", date(2026, 12, 11), TODAY)
    done = kizuna("snooze", "Aoki", "mon", "--promise", "deck", "--reason", "x", "--date", TODAY.isoformat())
    assert done.returncode == 1 and "reschedule it" in done.stderr and done.stderr.count("\n") == 1


def test_the_form_rule_for_a_snooze_is_the_same(store_path: Path) -> None:
    with pytest.raises(DateRuleError) as info:
        actions.check_snooze(date(2026, 12, 5), TODAY, field="contact.snoozed_until")
    assert info.value.field == "contact.snoozed_until" and "contact." not in str(info.value)
