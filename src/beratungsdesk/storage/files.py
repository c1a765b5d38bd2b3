"""Safe file writing (the program's one atomic writer) and the single-process lock of a
store folder."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, BinaryIO

from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.storage.permissions import FILE_MODE, make_private

TEMP_PREFIX = ".tmp-"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows needs it; POSIX has no such flag

#: Pauses between attempts to rename over a file another program holds open (an antivirus
#: scanner or the search indexer on Windows, typically for well under a second): 3.1 s in all.
RENAME_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
#: Windows' "access denied", "sharing violation" and "lock violation": another process has
#: the file open. (On POSIX a refused rename is a real lack of rights, never retried.)
_WINDOWS_BUSY = frozenset({5, 32, 33})
#: Directory fsync refused by file systems that cannot do it (FAT sticks, some shares): the
#: rename is done, and a lost rename only means a later write repeats it.
_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.ENOSYS})


def write_atomically(path: Path, data: bytes, private: bool = True) -> Path:
    """The program's one way to replace a file: a crash leaves the old file or the new one.

    Written under a temporary random name in the same folder (private to the user from the
    first byte unless ``private`` is False), flushed and fsynced, renamed over ``path`` (retried
    while another program holds it, see ``replace_with_retry``), then the folder is fsynced so
    the rename survives a power cut. A full disk raises ``StoreError(disk_full)``; any failure
    leaves the old file in place and no temporary file behind. Returns ``path``.
    """
    try:
        temp, handle = create_temp(path.parent, private)
    except OSError as error:
        raise _disk_full_or(error) from None
    try:
        with handle:
            handle.write(data)
            sync_file(handle)
        replace_with_retry(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise _disk_full_or(error) from None
        raise
    fsync_folder(path.parent)
    return path


def _disk_full_or(error: OSError) -> Exception:
    """``disk_full`` for a full disk (no file name in it), else the error itself."""
    return StoreError(StoreErrorCode.DISK_FULL) if error.errno == errno.ENOSPC else error


def create_temp(folder: Path, private: bool = True) -> tuple[Path, BinaryIO]:
    """A new file with a random hidden name in ``folder``, open for writing; mode 0600 whatever
    the umask, and with ``private`` on Windows an access list for the user alone."""
    temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    handle = os.fdopen(os.open(temp, flags, FILE_MODE), "wb")
    if private and sys.platform == "win32":
        make_private(temp)  # before any byte is written
    return temp, handle


def sync_file(handle: BinaryIO) -> None:
    """Flush Python's buffer and the operating system's to the disk."""
    handle.flush()
    os.fsync(handle.fileno())


def replace_with_retry(source: Path, target: Path,
                       pauses: Sequence[float] = RENAME_PAUSES,
                       replace: Callable[[Path, Path], None] = os.replace,
                       sleep: Callable[[float], None] = time.sleep,
                       windows: bool = sys.platform == "win32") -> None:
    """``os.replace(source, target)``, tried again after each of ``pauses`` while the target
    is held open by another program (Windows only). Still held after the last pause:
    ``StoreError(file_in_use)``, whose message asks to close the other program.

    ``replace``, ``sleep`` and ``windows`` are there for the tests of this policy.
    """
    for pause in (*pauses, None):
        try:
            replace(source, target)
            return
        except OSError as error:
            if not (windows and is_held_by_another_process(error)):
                raise
            if pause is None:
                raise StoreError(StoreErrorCode.FILE_IN_USE) from None
            sleep(pause)


def is_held_by_another_process(error: OSError) -> bool:
    """Whether a failed rename on Windows means "in use elsewhere" (worth a retry)."""
    return isinstance(error, PermissionError) or getattr(error, "winerror", None) in _WINDOWS_BUSY


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder for fsync,
    and its renames are journaled by NTFS)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


class FolderLock:
    """An exclusive, advisory lock on ``store.lock`` held while a store is open.

    The operating system releases it when the process dies, so a crash never
    leaves a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        handle = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY, FILE_MODE), "r+b")
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
