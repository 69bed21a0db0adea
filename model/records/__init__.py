"""The records Kizuna keeps (:mod:`.types`), the fixed words they use (:mod:`.vocabulary`),
the field checks on the way in (:mod:`.validate`), the checks on what a file holds
(:mod:`.loaded`) and what a note's scope hides (:mod:`.privacy`).

The rest of the code imports records from here: ``from model.records import Contact``.
"""

from model.records.loaded import bad_record, check_loaded
from model.records.types import (
    RECORD_TYPES,
    Contact,
    Deletion,
    FocusPlan,
    Interaction,
    Promise,
    Record,
    Settings,
    Slot,
    field_label,
    new_id,
    now_stamp,
)
from model.records.vocabulary import (
    CAPPED_TIERS,
    DEFAULT_TEMPLATE,
    DEPTHS,
    KINDS,
    LANGUAGES,
    LEVELS,
    OWNERS,
    PROMISE_STATUSES,
    PURPOSES,
    RELATIONS,
    SCOPES,
    STAGES,
    TIERS,
)

__all__ = [
    "RECORD_TYPES", "Contact", "Deletion", "FocusPlan", "Interaction", "Promise", "Record",
    "Settings", "Slot", "field_label", "new_id", "now_stamp", "bad_record", "check_loaded",
    "CAPPED_TIERS", "DEFAULT_TEMPLATE", "DEPTHS", "KINDS", "LANGUAGES", "LEVELS", "OWNERS", "PROMISE_STATUSES",
    "PURPOSES", "RELATIONS", "SCOPES", "STAGES", "TIERS",
]
