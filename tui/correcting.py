"""Correcting and finding in the app (a mixin of :class:`tui.app.KizunaApp`).

Edit (``e``) or delete (``d``) a timeline entry, forget a person (from the contact
form), undo (``u``) the last change made from this machine, and search (``s``, ``/``)
every note. The writes go through :func:`tui.threads.write` (a thread worker on the
app's shared store); the rules are in :mod:`model.actions.edit` and :mod:`model.actions.undo`.
"""

from __future__ import annotations

from model.language.i18n import _
from tui import threads
from tui.text import printable


class Correcting:
    """The app's correct-and-find actions (it needs the app's ``store``, ``book``,
    ``undo_log``, ``push_screen``, ``notify`` and ``_main``)."""

    def edit_entry(self, entry) -> None:
        """Correct a note or a promise in a small form."""
        from tui.screens.entry_form import EntryForm

        def saved(record) -> None:
            if record is not None:
                self.notify(_("Saved (u undoes it)."), title=_("Corrected"))

        self.push_screen(EntryForm(entry), saved)

    def delete_entry(self, entry) -> None:
        """Delete a note or a promise after a one-key confirmation."""
        from model.actions.edit import delete_note, delete_promise
        from model.records import Promise
        from tui.screens.confirm import ConfirmScreen

        def short(text: str) -> str:
            text = printable(text.split("\n", 1)[0])
            return text if len(text) <= 40 else text[:39] + "…"

        if isinstance(entry, Promise):
            what = _("the promise “{text}” (due {date})").format(text=short(entry.text), date=entry.due)
            delete = delete_promise
        else:
            first = short(entry.text) if entry.scope != "confidential" else _("confidential")
            what, delete = _("the note of {date} ({first})").format(date=entry.date, first=first), delete_note

        def answered(yes: bool | None) -> None:
            if yes:
                threads.write(self, lambda: delete(self.store, entry),
                              lambda _r: self.notify(_("Deleted {what}. u undoes it.").format(what=what),
                                                       title=_("Deleted")),
                              lambda exc: self.notify(str(exc), title=_("Not deleted"), severity="error"))

        self.push_screen(ConfirmScreen(_("Delete {what}?").format(what=what), yes=_("delete it (u undoes it)"),
                                       no=_("keep it")),
                         answered)

    def forget_person(self, contact_id: str, form=None) -> None:
        """Show what forgetting a person removes; on ``y`` remove it (and close ``form``)."""
        from model.actions.edit import forget, forget_plan
        from tui.screens.confirm import ConfirmScreen

        def ask(plan) -> None:
            name = printable(plan.person.name)

            def answered(yes: bool | None) -> None:
                if not yes:
                    return

                def done(_plan) -> None:
                    if form is not None and form.is_attached:
                        form.dismiss(None)
                    self.notify(_("Forgot {name}. u undoes it; backups hold them until they age out.").format(
                        name=name), title=_("Forgotten"))

                threads.write(self, lambda: forget(self.store, contact_id), done,
                              lambda exc: self.notify(str(exc), title=_("Not forgotten"), severity="error"))

            lines = "\n".join("  " + printable(line) for line in plan.summary())
            self.push_screen(ConfirmScreen(_("Forget {name}? This removes:").format(name=name) + f"\n{lines}",
                                           yes=_("forget them (u undoes it)"), no=_("keep them")), answered)

        threads.write(self, lambda: forget_plan(self.store, contact_id), ask,
                      lambda exc: self.notify(str(exc), title=_("Cannot forget"), severity="error"))

    def action_undo(self) -> None:
        from model.actions.undo import undo

        threads.write(self, lambda: undo(self.store, self.undo_log),
                      lambda entry: self.notify(_("Undone: {what}").format(what=entry.label), title=_("Undo")),
                      lambda exc: self.notify(str(exc), title=_("Nothing undone"), severity="warning"))

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        main = self._main()
        revealed = bool(main and main.timeline.revealed)
        self.push_screen(SearchScreen(include_confidential=revealed), self._go_to_entry)

    def _go_to_entry(self, found: tuple[str, str] | None) -> None:
        """Show the person of a search result, the cursor on that entry in their timeline."""
        main = self._main()
        if found is None or main is None:
            return
        contact_id, key = found
        if self.book.get_contact(contact_id) is None:
            return
        main.select_person(contact_id)
        main.timeline.row_list.select_key(key)
        main.timeline.row_list.focus()

