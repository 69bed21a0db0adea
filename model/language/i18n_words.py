"""The stored words (tiers, kinds, depths...) as shown on screen, listed so Babel
extracts them with their context: :func:`model.language.i18n.word` translates a stored word
only where it is shown; the store, JSON and exports keep the English word.

Never called: the calls are for ``pybabel extract``. A test keeps it in step with
:mod:`model.records`."""

from model.language.i18n import N_, pgettext

GROUPS = {"tier": "TIERS", "kind": "KINDS", "depth": "DEPTHS", "level": "LEVELS",
          "relation": "RELATIONS", "stage": "STAGES", "purpose": "PURPOSES", "scope": "SCOPES",
          "status": "PROMISE_STATUSES",
          # a kind in a narrow timeline row: a short word where the language has one
          "kind short": "KINDS"}

#: month names as ``strftime("%B")`` gives them (C locale), shown through ``_()``
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def _marks() -> None:
    pgettext("tier", "deep")
    pgettext("tier", "active")
    pgettext("tier", "network")
    pgettext("tier", "archived")
    pgettext("kind", "meeting")
    pgettext("kind", "call")
    pgettext("kind", "message")
    pgettext("kind", "meal")
    pgettext("kind", "event")
    pgettext("kind", "intro made")
    pgettext("kind", "help given")
    pgettext("kind", "help received")
    pgettext("kind", "value shared")
    pgettext("kind", "note")
    pgettext("kind", "log")
    pgettext("kind short", "meeting")
    pgettext("kind short", "call")
    pgettext("kind short", "message")
    pgettext("kind short", "meal")
    pgettext("kind short", "event")
    pgettext("kind short", "intro made")
    pgettext("kind short", "help given")
    pgettext("kind short", "help received")
    pgettext("kind short", "value shared")
    pgettext("kind short", "note")
    pgettext("kind short", "log")
    pgettext("depth", "deep")
    pgettext("depth", "touch")
    pgettext("level", "executive")
    pgettext("level", "manager")
    pgettext("level", "staff")
    pgettext("level", "independent")
    pgettext("relation", "customer")
    pgettext("relation", "same-industry")
    pgettext("relation", "cross-industry")
    pgettext("relation", "investor")
    pgettext("relation", "mentor")
    pgettext("relation", "partner")
    pgettext("relation", "candidate")
    pgettext("relation", "other")
    pgettext("stage", "met")
    pgettext("stage", "public value")
    pgettext("stage", "joint work")
    pgettext("stage", "regular contact")
    pgettext("purpose", "sales channel")
    pgettext("purpose", "hiring")
    pgettext("purpose", "product development")
    pgettext("purpose", "fundraising")
    pgettext("purpose", "learning")
    pgettext("purpose", "other")
    pgettext("scope", "open")
    pgettext("scope", "private")
    pgettext("scope", "confidential")
    pgettext("status", "open")
    pgettext("status", "kept")
    pgettext("status", "broken")
    pgettext("status", "dropped")
