"""The fixed words of the records: tiers, kinds, depths, scopes, purposes and the rest.

They are kept in English in the store, JSON and exports; the app shows them translated
(:func:`model.language.i18n.word`).
"""

TIERS = ("deep", "active", "network", "archived")
#: the tiers with a cap (Settings.deep_cap, active_cap): entered only as the caps allow
CAPPED_TIERS = ("deep", "active")
LEVELS = ("executive", "manager", "staff", "independent")
RELATIONS = (
    "customer",
    "same-industry",
    "cross-industry",
    "investor",
    "mentor",
    "partner",
    "candidate",
    "other",
)
#: A10: public value -> a small joint piece of work -> regular contact.
STAGES = ("met", "public value", "joint work", "regular contact")
KINDS = (
    "meeting",
    "call",
    "message",
    "meal",
    "event",
    "intro made",
    "help given",
    "help received",
    "value shared",
    "note",
    "log",  # written by Kizuna itself: tier changes, snoozes, reschedules
)
DEPTHS = ("deep", "touch")
SCOPES = ("open", "private", "confidential")
OWNERS = ("me", "them")
PROMISE_STATUSES = ("open", "kept", "broken", "dropped")
PURPOSES = (
    "sales channel",
    "hiring",
    "product development",
    "fundraising",
    "learning",
    "other",
)
LANGUAGES = ("en", "ja")
#: A9: 1 same-industry, 2 cross-industry, 1 customer.
DEFAULT_TEMPLATE = ("same-industry", "cross-industry", "cross-industry", "customer")
