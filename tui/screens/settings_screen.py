"""Settings (``S``, or ``settings`` in the palette): your own industry, the caps, the
cadences, the focus template, and whatever else :class:`model.records.Settings` holds.

The screen is made from :data:`SETTINGS`, one ``(key, label, kind, hint)`` per setting,
and shows those the store's ``Settings`` has: adding a setting to the screen is one
line. Nothing is written until ``ctrl+s``; then only the settings changed here are put
over what the store holds now (a change made meanwhile in another window is kept), in
one transaction, and a value the rules refuse is explained under its field. Escape
after a change asks first. Dismisses with the saved :class:`Settings`, or ``None``.
"""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from model.errors import KizunaError, ValidationError
from model.language.i18n import N_, _, stored_words, word
from model import records
from model.records import RELATIONS, Settings
from tui import threads
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS

#: (key in Settings, label, kind, hint or choices). Kinds: text, int, roles, choice. Labels and
#: hints are marked with N_ and translated when shown.
SETTINGS: tuple[tuple[str, str, str, object], ...] = (
    ("own_industry", N_("Your industry"), "text",
     N_("e.g. manufacturing: diversity measures the share of people outside it")),
    ("deep_cap", N_("Deep cap"), "int", N_("most people in the deep tier (default 5)")),
    ("active_cap", N_("Active cap"), "int", N_("most people in the active tier (default 15)")),
    ("deep_cadence_days", N_("Deep cadence"), "int",
     N_("days between deep conversations with a deep person (default 30)")),
    ("touch_cadence_days", N_("Active cadence"), "int",
     N_("days between touches with an active person (default 90, a quarter)")),
    ("focus_deep_per_month", N_("Deep per month"), "int",
     N_("deep conversations a focus person needs in a month to count as held")),
    ("focus_template", N_("Focus slots"), "roles", N_("a new month's slot roles, comma-separated: {roles}")),
    ("language", N_("Language"), "choice", getattr(records, "LANGUAGES", ("en", "ja"))),
)


def shown_settings() -> list[tuple[str, str, str, object]]:
    """The rows of :data:`SETTINGS` that this version's ``Settings`` has."""
    names = {f.name for f in dataclasses.fields(Settings)}
    return [row for row in SETTINGS if row[0] in names]


#: each language named in itself
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}


class SettingsScreen(ModalScreen[Settings | None]):
    """Every setting on one form; ctrl+s saves the changed ones."""

    CSS_PATH = "settings_screen.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True,
                tooltip="Save the settings changed here (Enter in a field too)"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel",
                tooltip="Close without saving (asks first if anything was changed)"),
        *FIELD_KEYS,
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings  # as the form first showed them
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="settings-box") as box:
            box.border_title = _("Settings")
            yield Static("", id="settings-error")
            with VerticalScroll(id="settings-fields"):
                for key, label, kind, extra in shown_settings():
                    with Horizontal(classes="setting", id=f"row-{key}"):
                        yield Label(_(label), classes="setting-label")
                        with Vertical(classes="setting-body"):
                            yield self._widget(key, kind, extra)
                            if kind != "choice":
                                yield Static(_(str(extra)).format(
                                    roles=", ".join(word("relation", r) for r in RELATIONS)),
                                    classes="setting-hint", markup=False)
                            yield Static("", classes="setting-error", id=f"error-{key}")
        yield KeyBar()

    def _widget(self, key: str, kind: str, extra) -> Widget:
        value = getattr(self.settings, key)
        if kind == "choice":
            choices = list(extra) + ([value] if value and value not in extra else [])
            return Select([(LANGUAGE_NAMES.get(c, c), c) for c in choices], value=value or Select.NULL, id=f"setting-{key}",
                          prompt=_("(as the system's locale)"), compact=True)
        text = ", ".join(word("relation", r) for r in value) if kind == "roles" else str(value)
        return Input(text, id=f"setting-{key}", compact=True)

    def on_mount(self) -> None:
        first = shown_settings()[0][0]
        self.query_one(f"#setting-{first}").focus()

    # -- reading ------------------------------------------------------------------

    def values(self) -> dict:
        """The fields as Settings values (unchecked: the Settings record checks them)."""
        out: dict = {}
        for key, _label, kind, _extra in shown_settings():
            widget = self.query_one(f"#setting-{key}")
            if kind == "choice":
                value = widget.value
                out[key] = "" if value is Select.NULL else value
                continue
            text = widget.value.strip()
            if kind == "int":
                if not text.isdigit():
                    raise ValidationError(f"settings.{key}", _("{text!r} is not a whole number (1 or more)").format(
                        text=text))
                out[key] = int(text)
            elif kind == "roles":
                out[key] = stored_words("relation", text, RELATIONS)
            else:
                out[key] = " ".join(text.split())
        return out

    def changed(self) -> dict:
        """The settings changed here: key -> new value."""
        return {k: v for k, v in self.values().items() if v != getattr(self.settings, k)}

    # -- errors -------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for error in self.query(".setting-error"):
            error.update("")
            error.display = False
        self.query_one("#settings-error", Static).display = False

    def show_error(self, exc: KizunaError) -> None:
        key = getattr(exc, "field", "").split(".", 1)[-1]
        errors = self.query(f"#error-{key}") if key else None
        if not errors:
            general = self.query_one("#settings-error", Static)
            general.update(Content.styled(f"⚠ {exc}", "$text-error"))
            general.display = True
            return
        error = errors.first(Static)
        error.update(Content.styled(f"⚠ {getattr(exc, 'message', exc)}", "$text-error"))
        error.display = True
        self.query_one(f"#setting-{key}").focus()

    # -- saving -------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        self._clear_errors()
        try:
            changed = self.changed()
            Settings.from_dict({**self.settings.to_dict(), **changed})  # refuse before writing
        except ValidationError as exc:
            self.show_error(exc)
            return
        if not changed:
            self.dismiss(None)
            return
        self._saving = True

        def job(store) -> Settings:
            with store.transaction():
                new = Settings.from_dict({**store.settings().to_dict(), **changed})
                store.save_settings(new)
            return new

        def done(new: Settings) -> None:
            self._saving = False
            names = _(", ").join(_(label).lower() for key, label, _k, _e in shown_settings() if key in changed)
            self.app.notify(_("Saved: {names}.").format(names=names), title=_("Settings"))
            self.dismiss(new)

        def failed(exc: KizunaError) -> None:
            self._saving = False
            self.show_error(exc)

        store = self.app.store  # the app's SharedStore
        threads.write(self, lambda: job(store), done, failed)

    def action_cancel(self) -> None:
        try:
            changed = bool(self.changed())
        except ValidationError:
            changed = True
        if not changed:
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(_("Discard your changes to the settings?")), answered)
