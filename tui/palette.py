"""The command palette's provider (ctrl+p): jump to anyone, run any action.

People match by name or reading the way :mod:`model.names` folds them
(case, width and kana ignored: ``さとう`` finds ``サトウ``, ``ｔａｎａｋａ``
finds Tanaka), so Japanese names are found by their furigana too. Actions
are the app's own keys, listed only when the app has them.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from model.names import fold

#: (title, help, app action name, key shown)
ACTIONS = (
    ("Add a person", "open the contact form", "add_person", "a"),
    ("Quick capture", "one line: @Name what happened, promises, #tags", "capture", "n"),
    ("Daily review", "walk today's due list", "review", "r"),
    ("Plan this month's focus", "challenge, purpose and who to focus on", "plan", "f"),
    ("Month review", "review last month and carry over", "month_review", "M"),
    ("Relationship health", "rhythms, cadence, promises, trust and diversity as pictures", "health", "h"),
    ("Import contacts", "vCard, LinkedIn or Google CSV, JSON", "import", "i"),
    ("Everyone's timeline", "switch the timeline between the person and everyone", "everyone", "t"),
    ("Reveal confidential notes", "show or hide the confidential notes shown", "reveal", "v"),
    ("Filter contacts", "type to filter the contact list", "filter", "/"),
    ("Help: every key", "the help screen", "help", "?"),
)

PEOPLE_SHOWN = 40


class KizunaCommands(Provider):
    """People and actions."""

    async def startup(self) -> None:
        book = getattr(self.app, "book", None)
        people = book.contacts() if book is not None else []
        self._people = [
            (c, tuple(fold(k) for k in (c.name, c.reading) if k)) for c in people
        ]

    def _actions(self):
        for title, help_, name, key in ACTIONS:
            if hasattr(self.app, f"action_{name}"):
                yield title, f"{help_} · key {key}", partial(self.app.run_action, name)

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
            title = f"Go to {contact.name}"
            extra = " · ".join(x for x in (contact.reading, contact.company, contact.tier) if x)
            yield Hit(score, title, partial(self._open, contact.id), text=title, help=extra)
            found += 1
            if found >= PEOPLE_SHOWN:
                return

    def _open(self, contact_id: str) -> None:
        from tui.messages import OpenPerson

        self.app.post_message(OpenPerson(contact_id))
