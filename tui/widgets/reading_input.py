"""The contact form's reading field: shows the reading guessed from the name, marked
"(guess)", until the user accepts it (→ on the empty field) or types their own.

An accepted guess is an ordinary value of the field, saved with the form; a guess
not accepted is never stored, so the person still shows it as a guess elsewhere.
"""

from __future__ import annotations

from textual.widgets import Input

from model.language.i18n import _


class ReadingInput(Input):
    """An Input with a guessed reading offered as its placeholder."""

    def __init__(self, value: str, hint: str, **kwargs) -> None:
        super().__init__(value, placeholder=hint, **kwargs)
        self.hint = hint
        self.guess = ""

    def offer(self, guess: str) -> None:
        """Offer ``guess`` (or take the offer back with "") while the field is empty."""
        self.guess = guess
        self.placeholder = _("{reading} (guess) · → accepts").format(reading=guess) if guess else self.hint

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and not self.value and self.guess:
            self.value = self.guess
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)
