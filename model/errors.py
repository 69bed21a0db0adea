"""Errors the domain raises. Each carries one line a person can act on."""

from __future__ import annotations


class KizunaError(Exception):
    """Base for every error Kizuna reports to a user as one clear line."""


class ValidationError(KizunaError, ValueError):
    """A record field holds a value it may not hold.

    ``field`` names the field (``contact.tier``) so the UI can show the
    message next to the right input.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class StoreError(KizunaError):
    """The store file cannot be read, written or trusted.

    The message always names the file. Nothing is written after this is
    raised for a file that could not be read.
    """


class NotFoundError(KizunaError, LookupError):
    """No record matches an id or a name."""


class AmbiguousError(KizunaError):
    """A name matches more than one person; ``matches`` lists them."""

    def __init__(self, message: str, matches: list) -> None:
        self.matches = matches
        super().__init__(message)
