"""Store-changing actions with the planning rules applied and logged on the timeline.

:mod:`.people`: tiers, snoozes and promises; :mod:`.focus`: the monthly focus plan.
Each runs in one store transaction and refuses what the rules forbid.
"""

from model.actions.dates import DateRuleError, check_due, check_reschedule, check_snooze
from model.actions.people import (
    OutsideChange,
    RefusedError,
    add_promise,
    break_promise,
    drop_promise,
    keep_promise,
    log,
    reschedule_promise,
    save_contact,
    set_tier,
    snooze,
    unsnooze,
)

__all__ = [
    "DateRuleError", "check_due", "check_reschedule", "check_snooze",
    "OutsideChange", "RefusedError", "add_promise", "break_promise", "drop_promise", "keep_promise", "log",
    "reschedule_promise", "save_contact", "set_tier", "snooze", "unsnooze",
]
