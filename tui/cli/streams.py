"""The command line's stdout and stderr, made safe for the terminal they reach."""

from __future__ import annotations

import sys
from typing import Any

from model.language.text import visible


class SafeStream:
    """A text stream for the command line's stdout/stderr: whatever is printed reaches the
    terminal with its control characters escaped (:func:`model.language.text.visible`), line breaks
    and tabs kept. Bytes written to ``.buffer`` (exports) pass as they are."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text, multiline=True))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def styled_stream() -> Any:
    """The stream under the safe stdout, for Rich output whose only escape sequences are its
    own styles (every piece of user text in it already passed through ``printable``)."""
    return sys.stdout._stream if isinstance(sys.stdout, SafeStream) else sys.stdout


def install_safe_streams() -> None:
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)
