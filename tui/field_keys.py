"""Tab and Shift+Tab between a dialog's fields, as priority keys.

As ordinary keys they go to the focused field first and only then up to the screen, so
letters typed right after Tab (a fast typist, a text expander, a busy app: keys that arrive
in one burst) landed in the field just left. As priority keys the focus moves as Tab arrives.
"""

from __future__ import annotations

from textual.binding import Binding

FIELD_KEYS = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form.next_field"),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True,
            id="form.previous_field"),
]
