"""Merge two records of one person, from the app.

``app.push_screen(MergeDialog(store, today, contact_id), callback)`` opens on
the person ``contact_id`` and asks which record is the same person (likely
duplicates, same email or name, are listed first; typing filters by name or
reading). The preview says what would move; ``ctrl+o`` swaps which record is
kept; ``ctrl+s`` merges (one transaction, logged on the kept person's
timeline). Dismisses with the :class:`~model.transfer.merge.MergeResult`, or
``None``.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from model.errors import KizunaError
from model.language.i18n import N_, _
from model.language.names import describe, fold, matches, sort_key
from model.records import Contact
from model.transfer.merge import MergeResult, merge, plan_merge
from tui.widgets.jk_lists import JKOptionList
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS

SHOWN = 50
#: a contact's fields as the preview names them (the ones a merge can fill in)
FIELD_WORDS = {"reading": N_("reading"), "company": N_("company"), "title": N_("title"),
               "industry": N_("industry"), "function": N_("function"), "level": N_("level"),
               "generation": N_("generation"), "relation": N_("relation"), "tier": N_("tier"),
               "purposes": N_("purposes"), "stage": N_("stage"), "next_step": N_("next step"),
               "emails": N_("emails"), "phones": N_("phones"), "links": N_("links"), "how_met": N_("how met"),
               "tags": N_("tags"), "birthday": N_("birthday"), "cadence_days": N_("cadence days"),
               "snoozed_until": N_("snoozed until"), "snooze_reason": N_("snooze reason"), "notes": N_("notes"),
               "name": N_("name")}


def likely_duplicates(people: list[Contact], person: Contact) -> list[Contact]:
    """Others sharing an email, or the same name or reading (ignoring case, width, spaces)."""
    emails = {e.casefold() for e in person.emails}
    keys = {fold(k).replace(" ", "") for k in (person.name, person.reading) if k}
    found = []
    for c in people:
        if c.id == person.id:
            continue
        if emails & {e.casefold() for e in c.emails} or keys & {
                fold(k).replace(" ", "") for k in (c.name, c.reading) if k}:
            found.append(c)
    return sorted(found, key=sort_key)


class MergeDialog(ModalScreen[MergeResult | None]):
    """Pick the duplicate, read what would move, merge."""

    CSS_PATH = "merge_dialog.tcss"

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Merge", tooltip="Merge the two records now", id="merge.confirm"),
        Binding("ctrl+o", "swap", "Keep other", tooltip="Keep the other record instead (swap which one stays)",
                id="merge.swap"),
        Binding("escape", "cancel", "Cancel", tooltip="Close and change nothing", id="merge.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, store, today: date, contact_id: str) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.person = store.contact(contact_id)
        self.people = [c for c in store.contacts() if c.id != contact_id]
        self.other: Contact | None = None
        self.keep_person = True  # keep ``person``, merge ``other`` into it

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-box") as box:
            box.border_title = _("Merge: {name}").format(name=self.person.name)
            yield Label(_("Which record is the same person? (type a name or reading)"))
            yield Input(placeholder=_("name or reading"), id="merge-query")
            yield JKOptionList(id="merge-people")
            yield Static(id="merge-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#merge-query", Input).focus()

    @on(Input.Changed, "#merge-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        if query.strip():
            found = sorted(matches(self.people, query), key=sort_key)
        else:
            found = likely_duplicates(self.people, self.person)
        self._shown = found[:SHOWN]
        options = self.query_one("#merge-people", OptionList)
        options.clear_options()
        options.add_options([Option(describe(c), id=c.id) for c in self._shown])
        if self._shown:
            options.highlighted = 0
        self._pick(self._shown[0] if self._shown else None)
        if not self._shown:
            self.query_one("#merge-preview", Static).update(
                _("No likely duplicate found: type a name.") if not query.strip() else _("No one by that name."))

    @on(Input.Submitted, "#merge-query")
    def _to_list(self) -> None:
        self.query_one("#merge-people", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#merge-people")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._pick(next((c for c in self._shown if c.id == event.option.id), None))

    @on(OptionList.OptionSelected, "#merge-people")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(next((c for c in self._shown if c.id == event.option.id), None))

    def _roles(self) -> tuple[Contact, Contact] | None:
        if self.other is None:
            return None
        return (self.person, self.other) if self.keep_person else (self.other, self.person)

    def _pick(self, other: Contact | None) -> None:
        self.other = other
        self._preview()

    def _preview(self) -> None:
        roles = self._roles()
        preview = self.query_one("#merge-preview", Static)
        if roles is None:
            preview.update("")
            return
        keep, drop = roles
        try:
            plan = plan_merge(self.store, keep, drop)
        except KizunaError as exc:
            preview.update(f"[$text-error]✗ {escape(str(exc))}[/]")
            return
        gained = [_(FIELD_WORDS.get(k, k.replace("_", " "))) for k, v in plan.merged.to_dict().items()
                  if k != "updated" and plan.keep.to_dict()[k] != v]
        moves = escape(plan.moved())
        preview.update(
            escape(_("Keep {keep}, remove {drop}")).format(keep=f"[b]{escape(describe(keep))}[/]",
                                                           drop=f"[b]{escape(describe(drop))}[/]") + "\n"
            + escape(_("{moves}; {name} gains: {fields}.")).format(
                moves=moves, name=escape(keep.name), fields=escape(_(", ").join(gained) or _("nothing new"))) + "\n"
            + "[dim]" + escape(_("ctrl+s merges · ctrl+o keeps the other record instead")) + "[/]")

    def action_swap(self) -> None:
        self.keep_person = not self.keep_person
        self._preview()

    def action_confirm(self) -> None:
        roles = self._roles()
        if roles is None:
            self.notify(_("Pick the other record first."), severity="warning")
            return
        keep, drop = roles
        try:
            result = merge(self.store, keep, drop, self.today)
        except KizunaError as exc:
            self.query_one("#merge-preview", Static).update("[$text-error]" + escape(_("✗ nothing merged: {error}").format(error=exc)) + "[/]")
            return
        self.notify(result.log.text, title=_("Merged"))
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
