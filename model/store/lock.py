"""The lock beside the store file: ``flock`` when free, ``filelock`` when it must wait.

Every write takes an exclusive lock on ``<store>.lock`` for as long as one
change takes (see :meth:`model.store.Store.transaction`). The ``filelock``
library does this well (waiting with a timeout, filesystems without
``flock``), but importing it is a noticeable part of a short command. Most of the time nobody else holds the lock, so this first asks
the kernel directly: one non-blocking ``flock`` on the same file, which is
exactly what ``filelock`` itself does on Unix (so the two exclude each other,
across processes and within one). Only when the lock is held by someone else,
or ``flock`` is not there (another system, a filesystem without it), is
``filelock`` imported to wait, poll and time out as before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from model.errors import StoreError
from model.language.i18n import _
from model.language.os_errors import os_text

try:
    import fcntl
except ImportError:  # no flock here: filelock does everything
    fcntl = None  # type: ignore[assignment]  # (a module where there is one)


class StoreLock:
    """An exclusive lock on ``<store>.lock``, held by one thread of this process at a time.

    ``with lock:`` takes it (waiting up to ``timeout``), or raises StoreError in one line.
    """

    def __init__(self, store_path: Path, *, timeout: float, poll: float, mode: int = 0o600) -> None:
        self.store_path = store_path
        self.path = store_path.with_name(store_path.name + ".lock")
        self.timeout = timeout
        self.poll = poll
        self.mode = mode
        self._fd: int | None = None  # held through our own flock
        self._waiting: Any = None  # a filelock.FileLock, made the first time we must wait
        self._held_by_filelock = False

    def __enter__(self) -> None:
        if self._try_flock():
            return
        from filelock import FileLock, Timeout  # someone holds it: wait the way filelock does

        if self._waiting is None:
            self._waiting = FileLock(str(self.path), timeout=self.timeout, mode=self.mode)
        try:
            self._waiting.acquire(poll_interval=self.poll)
        except Timeout:
            raise StoreError(_("{path}: another Kizuna process has held the lock for {seconds:.0f} s; try "
                               "again").format(path=self.store_path, seconds=self.timeout)) from None
        except OSError as exc:
            raise StoreError(_("{path}: cannot take the lock: {strerror}").format(
                path=self.store_path, strerror=os_text(exc))) from None
        self._held_by_filelock = True

    def _try_flock(self) -> bool:
        if fcntl is None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), self.mode)
        except OSError:
            return False  # (a lock file we may not write, say): filelock knows what to do
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held (EWOULDBLOCK), or no flock on this filesystem
            os.close(fd)
            return False
        self._fd = fd
        return True

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fd is not None:
                fd, self._fd = self._fd, None
                try:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                finally:
                    os.close(fd)
            elif self._held_by_filelock:
                self._held_by_filelock = False
                self._waiting.release()
        except OSError:
            pass  # closing the lock file (or this process ending) releases it anyway
