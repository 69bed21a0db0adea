"""The contact form's fields: a widget for each field of a Contact, and its value read back.

Each field has a kind (``text``, ``choice``, ``list``, ``tags``, ...) that says which
widget shows it and how the text typed in it becomes a Contact value.
"""

from __future__ import annotations

import re

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea

from model.errors import ValidationError
from model.language.i18n import N_, _, stored_generation, word, value as shown_value
from model.language.text import clean_field
from model.records import LEVELS, PURPOSES, RELATIONS, STAGES, TIERS
from tui.widgets.reading_input import ReadingInput

#: (field, label, kind, choices or hint). Every field of Contact a person edits; labels and hints
#: are marked with N_ and translated when shown.
FIELDS: tuple[tuple[str, str, str, object], ...] = (
    ("name", N_("Name"), "text", N_("e.g. 佐藤 健 or Ken Sato")),
    ("reading", N_("Reading"), "text", N_("furigana or romaji, used to sort and search: さとう けん")),
    ("company", N_("Company"), "text", ""),
    ("title", N_("Title"), "text", ""),
    ("industry", N_("Industry"), "text", N_("e.g. manufacturing, finance")),
    ("function", N_("Function"), "text", N_("sales, engineering, finance, ...")),
    ("level", N_("Level"), "choice", LEVELS),
    ("generation", N_("Generation"), "generation", N_("20s, 30s, 40s, ...")),
    ("relation", N_("Relation"), "choice", RELATIONS),
    ("tier", N_("Tier"), "tier", TIERS),
    ("purposes", N_("Purposes"), "multi", PURPOSES),
    ("stage", N_("Stage"), "choice", STAGES),
    ("next_step", N_("Next step"), "text", ""),
    ("emails", N_("Emails"), "list", N_("comma-separated")),
    ("phones", N_("Phones"), "list", N_("comma-separated")),
    ("links", N_("Links"), "list", N_("comma-separated (social profiles, site)")),
    ("how_met", N_("How we met"), "text", ""),
    ("tags", N_("Tags"), "tags", N_("#hiring #tokyo (spaces or commas)")),
    ("birthday", N_("Birthday"), "text", N_("YYYY-MM-DD, or --MM-DD without the year")),
    ("cadence_days", N_("Cadence"), "int", N_("days between touches (blank: the default)")),
    ("snoozed_until", N_("Snoozed until"), "date", N_("YYYY-MM-DD (blank: not snoozed)")),
    ("snooze_reason", N_("Snooze reason"), "text", ""),
    ("notes", N_("Notes"), "notes", ""),
)


def field_widget(name: str, kind: str, extra, value) -> Widget:
    """The widget (id ``field-<name>``) that shows ``value`` (None: a new person)."""
    wid = f"field-{name}"
    if kind in ("choice", "tier"):
        options = [(word(name, v), v) for v in extra]  # shown translated, stored as is
        if kind == "tier":
            current = value or "network"
            return Select(options, value=current, allow_blank=False, id=wid, compact=True)
        return Select(options, value=value or Select.NULL, prompt=_("(not set)"), id=wid, compact=True)
    if kind == "multi":
        chosen = set(value or ())
        return SelectionList(*[(word("purpose", p), p, p in chosen) for p in extra], id=wid)
    # what an old store holds is shown without its control characters (saving drops them)
    if kind == "notes":
        return TextArea(clean_field(value or "", multiline=True), id=wid, soft_wrap=True,
                        show_line_numbers=False)
    if kind == "list":
        text = ", ".join(value or ())
    elif kind == "tags":
        text = " ".join("#" + t for t in value or ())
    elif kind in ("int", "date"):
        text = "" if value is None else str(value)
    elif kind == "generation":
        text = shown_value("generation", value or "")  # 40代 in Japanese, stored as 40s
    else:
        text = value or ""
    if name == "reading":
        return ReadingInput(clean_field(text), _(str(extra)), id=wid, compact=True)
    return Input(clean_field(text), placeholder=_(str(extra)) if extra else "", id=wid, compact=True)


def read_field(widget, name: str, kind: str):
    """One field's widget as a Contact value; a ValidationError if it cannot be read."""
    if kind in ("choice", "tier"):
        value = widget.value
        return "" if value is Select.NULL else value
    if kind == "multi":
        return tuple(widget.selected)
    if kind == "notes":
        return widget.text
    text = widget.value.strip()
    if kind == "list":
        return tuple(v.strip() for v in text.split(",") if v.strip())
    if kind == "tags":
        return tuple(dict.fromkeys(t.lstrip("#") for t in re.split(r"[\s,]+", text) if t.lstrip("#")))
    if kind == "int":
        if not text:
            return None
        if text.isdigit():
            return int(text)
        raise ValidationError(f"contact.{name}", _("{text!r} is not a whole number of days").format(text=text))
    if kind == "date":
        return text or None
    if kind == "generation":
        return stored_generation(text)
    return text


def show_value(widget, kind: str, value) -> None:
    """Show ``value`` (a Contact value) in a field's widget, as the form first shows one."""
    if kind in ("choice", "tier"):
        widget.value = value or (Select.NULL if kind == "choice" else "network")
    elif kind == "multi":
        widget.deselect_all()
        for v in value or ():
            widget.select(v)
    elif kind == "notes":
        widget.text = value or ""
    elif kind == "list":
        widget.value = ", ".join(value or ())
    elif kind == "tags":
        widget.value = " ".join("#" + t for t in value or ())
    elif kind == "generation":
        widget.value = shown_value("generation", value or "")
    else:
        widget.value = "" if value is None else str(value)
