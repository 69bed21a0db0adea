"""A timeline log line as the user reads it.

The log lines Kizuna writes (:mod:`model.actions.people`: tier moves, snoozes, promises kept,
broken, dropped or rescheduled; a merge's, :mod:`model.transfer.merge`) are stored in English,
like every stored word; :func:`shown` reads one back and says it in the language in use. A
line that fits no known form (an older wording, one the user edited) is shown as it is.
"""

from __future__ import annotations

import re

from model.language.i18n import _, days_late, ngettext, word

_TIER_ADDED = re.compile(r"tier: added to (\w+)(: .*)?", re.S)
_TIER_MOVED = re.compile(r"tier: moved (up|down) from (\w+) to (\w+)(: .*)?", re.S)
_SNOOZED = re.compile(r"snoozed until (\d{4}-\d\d-\d\d): (.*)", re.S)
_KEPT = re.compile(r"kept (my|their) promise: (.*) \((?:(\d+) days? late|on time)\)", re.S)
_CLOSED = re.compile(r"(broke|dropped|rescheduled) (my|their) promise: (.*)", re.S)
_MERGED = re.compile(r"Merged (.*) into (.*): (\d+) notes?, (\d+) promises?, (\d+) focus slots? moved", re.S)


def shown(text: str) -> str:
    """``tier: moved up from active to deep`` -> ``層: 活発から深いへ上げた`` in Japanese;
    the same line in English."""
    if m := _TIER_ADDED.fullmatch(text):
        return _("tier: added to {tier}{why}").format(tier=word("tier", m[1]), why=m[2] or "")
    if m := _TIER_MOVED.fullmatch(text):
        moved = _("tier: moved up from {old} to {tier}{why}") if m[1] == "up" else \
            _("tier: moved down from {old} to {tier}{why}")
        return moved.format(old=word("tier", m[2]), tier=word("tier", m[3]), why=m[4] or "")
    if m := _SNOOZED.fullmatch(text):
        return _("snoozed until {date}: {reason}").format(date=m[1], reason=m[2])
    if text == "snooze ended early":
        return _("snooze ended early")
    if m := _KEPT.fullmatch(text):
        when = _(" ({late})").format(late=days_late(int(m[3]))) if m[3] else _(" (on time)")
        kept = _("kept my promise: {text}{when}") if m[1] == "my" else _("kept their promise: {text}{when}")
        return kept.format(text=m[2], when=when)
    if m := _CLOSED.fullmatch(text):
        forms = {("broke", "my"): _("broke my promise: {text}"), ("broke", "their"): _("broke their promise: {text}"),
                 ("dropped", "my"): _("dropped my promise: {text}"),
                 ("dropped", "their"): _("dropped their promise: {text}"),
                 ("rescheduled", "my"): _("rescheduled my promise: {text}"),
                 ("rescheduled", "their"): _("rescheduled their promise: {text}")}
        return forms[(m[1], m[2])].format(text=m[3])
    if m := _MERGED.fullmatch(text):
        notes, promises, slots = int(m[3]), int(m[4]), int(m[5])
        return _("Merged {who} into {into}: {notes}, {promises}, {slots} moved").format(
            who=m[1], into=m[2], notes=ngettext("{n} note", "{n} notes", notes).format(n=notes),
            promises=ngettext("{n} promise", "{n} promises", promises).format(n=promises),
            slots=ngettext("{n} focus slot", "{n} focus slots", slots).format(n=slots))
    return text
