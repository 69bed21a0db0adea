"""The command palette's provider (ctrl+p): jump to anyone, run any action.

People match by name or reading the way :mod:`model.language.names` folds them
(case, width and kana ignored: ``さとう`` finds ``サトウ``, ``ｔａｎａｋａ``
finds Tanaka), so Japanese names are found by their furigana too.

Actions are every key that works on the screen the palette was opened on (its
``active_bindings``: the screen's, the focused pane's and the app's; moving
keys left out), and the shell's commands that make sense in the app by their
command's name (tier, merge, export, import, settings), each with its key.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from model.language.i18n import N_, _, word
from model.language.names import fold, guessed_reading, search_keys, sort_key

#: binding id -> (title, help): the palette's words for a key (others use the key's own)
WORDS = {
    "app.add_person": (N_("Add a person"), N_("open the contact form")),
    "app.capture": (N_("Quick capture"), N_("one line: @Name what happened, promises, #tags")),
    "app.review": (N_("Daily review"), N_("walk today's due list")),
    "app.plan": (N_("Plan this month's focus"), N_("challenge, purpose and who to focus on")),
    "app.month_review": (N_("Month review"), N_("review last month and carry over")),
    "app.health": (N_("Relationship health"), N_("rhythms, cadence, promises, trust and diversity as pictures")),
    "app.import": (N_("import: bring people in"), N_("vCard, LinkedIn or Google CSV, Kizuna JSON")),
    "app.export": (N_("export: take your data out"), N_("JSON, vCard, iCalendar or Markdown, to a file")),
    "app.merge": (N_("merge: join two records of the person shown"), N_("their notes, promises and slots move")),
    "app.tier": (N_("tier: move the person shown to another tier"), N_("their form, on the tier (caps checked)")),
    "app.settings": (N_("settings: your industry, caps, cadences, focus slots"), N_("the settings screen")),
    "app.help": (N_("Help: every key"), N_("the help screen")),
    "timeline.everyone": (N_("Everyone's timeline"), N_("switch the timeline between the person and everyone")),
    "timeline.reveal": (N_("Reveal or hide confidential notes"), N_("the confidential notes shown")),
    "contacts.filter": (N_("Filter contacts"), N_("type to filter the contact list")),
    "app.search": (N_("Search every note"), N_('words, "a phrase", @person, #tag, kind:, since:, before:')),
    "app.undo": (N_("Undo"), N_("undo the last change made from this machine")),
    "timeline.edit": (N_("Correct the highlighted entry"), N_("its people, date, kind, depth, scope, tags, text")),
    "timeline.delete": (N_("Delete the highlighted entry"), N_("asks first; u undoes it")),
}
#: offered on the main screen even where no key of the focused pane does it: id -> app action
ALWAYS = {"app.tier": "tier", "contacts.filter": "filter", "timeline.everyone": "everyone",
          "timeline.reveal": "reveal"}
#: keys that only move, or only copy (listed in the help, not worth a line in the palette)
MOVES = frozenset({"first", "last", "to_list", "next_pane", "previous_pane", "scroll", "command_palette",
                   "screen.copy_text", "copy_text"})
MOVE_PREFIXES = ("cursor_", "scroll_", "page_")


def only_moves(action: str) -> bool:
    name = action.split("(", 1)[0]
    return name in MOVES or name.startswith(MOVE_PREFIXES)

PEOPLE_SHOWN = 40


class KizunaCommands(Provider):
    """People and actions."""

    async def startup(self) -> None:
        book = getattr(self.app, "book", None)
        people = sorted(book.contacts(), key=sort_key) if book is not None else []
        self._people = [
            (c, search_keys(c)) for c in people  # name, reading (or its guess), romaji
        ]

    def _actions(self):
        """(title, help, run) for every action of the screen the palette was opened on."""
        from tui.widgets.key_bar import describe

        app = self.app
        seen: set = set()
        for key, (node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if not enabled or binding.system or only_moves(binding.action):
                continue
            ident = binding.id or (id(node), binding.action)
            if ident in seen:
                continue
            seen.add(ident)
            if binding.id in WORDS:
                title, help_ = (_(w) for w in WORDS[binding.id])
            else:
                title, help_ = describe(node, binding), _(tooltip) if tooltip else ""
            shown = _("key {key}").format(key=app.get_key_display(binding))
            yield title, f"{help_} · {shown}" if help_ else shown, \
                partial(app.run_action, binding.action, node)
        for ident, action in ALWAYS.items():
            if ident not in seen and hasattr(app, f"action_{action}") and app.check_action(action, ()):
                title, help_ = WORDS[ident]
                yield _(title), _(help_), partial(app.run_action, action)

    async def discover(self) -> Hits:
        for title, help_, run in self._actions():
            yield DiscoveryHit(title, run, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_, run in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title, help=help_)
        q = fold(query)
        if not q:
            return
        found = 0
        for contact, keys in self._people:
            score = 0.0
            for k in keys:
                if k == q:
                    score = max(score, 1.0)
                elif k.startswith(q) or any(w.startswith(q) for w in k.split()):
                    score = max(score, 0.9)
                elif q in k or q.replace(" ", "") in k.replace(" ", ""):
                    score = max(score, 0.7)
            if not score:
                continue
            title = _("Go to {name}").format(name=contact.name)
            guess = guessed_reading(contact)
            reading = _("{reading} (guess)").format(reading=guess) if guess else contact.reading
            extra = " · ".join(x for x in (reading, contact.company, word("tier", contact.tier)) if x)
            yield Hit(score, title, partial(self._open, contact.id), text=title, help=extra)
            found += 1
            if found >= PEOPLE_SHOWN:
                return

    def _open(self, contact_id: str) -> None:
        from tui.messages import OpenPerson

        self.app.post_message(OpenPerson(contact_id))
