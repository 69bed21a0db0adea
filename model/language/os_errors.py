"""What the operating system said went wrong (``OSError.strerror``), in the language in use.

The OS gives its text in English ("No space left on device"); in Japanese mode the common
errno values have their Japanese text from the catalogue. An errno not listed keeps the
OS's own text, and English mode keeps it always.
"""

from __future__ import annotations

import errno

from model.language.i18n import N_, _, language

#: errno -> its text (glibc's wording), translated in the catalogue
TEXTS = {
    errno.ENOSPC: N_("No space left on device"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOENT: N_("No such file or directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EEXIST: N_("File exists"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EBUSY: N_("Device or resource busy"),
}
if hasattr(errno, "EDQUOT"):  # not on every system
    TEXTS[errno.EDQUOT] = N_("Disk quota exceeded")


def os_text(exc: BaseException) -> str:
    """``exc``'s reason as the user reads it: the OS text, in Japanese for a known errno."""
    code = getattr(exc, "errno", None)
    if language() != "en" and code in TEXTS:
        return _(TEXTS[code])
    return getattr(exc, "strerror", None) or str(exc)
