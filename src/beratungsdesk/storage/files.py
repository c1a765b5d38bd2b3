"""Safe file writing and the single-process lock of a store folder."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
from pathlib import Path
from typing import IO

from beratungsdesk.core.errors import StoreError, StoreErrorCode

TEMP_PREFIX = ".tmp-"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows needs it; POSIX has no such flag


def fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return  # Windows cannot open a directory for fsync; rename is durable there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write under a temporary random name, flush, fsync, then rename over ``path``.

    A crash leaves either the old file or the new one, never a mixture. A full
    disk raises ``StoreError(disk_full)`` and leaves the old file in place.
    """
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}")
    try:
        # Private to the user from the first byte (mode 0600), whatever the umask.
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if error.errno == errno.ENOSPC:
            raise StoreError(StoreErrorCode.DISK_FULL) from None
        raise


class FolderLock:
    """An exclusive, advisory lock on ``store.lock`` held while a store is open.

    The operating system releases it when the process dies, so a crash never
    leaves a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        handle = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY, 0o600), "r+b")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise StoreError(StoreErrorCode.LOCKED) from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                _unlock(self._handle)
            self._handle.close()
            self._handle = None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
