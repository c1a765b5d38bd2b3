"""Files and folders only the current user may read: POSIX modes, or an ACL on Windows.

On Linux and macOS a mode does it (0600 files, 0700 folders). On NTFS modes mean nothing:
``os.chmod`` only toggles the read-only flag. There the access list is replaced by one entry,
the current user's SID with full control, inheritance from the parent switched off; a
folder's entry is inherited by everything created in it later ("(OI)(CI)"), so the files of a
private folder are private from their first byte without a call per file. The list is set with
``icacls``, which ships with every Windows since Vista (no Win32 bindings to maintain); the
user's SID comes from ``whoami /user``, not the user name, which may hold spaces or belong to
a domain. The commands are built by pure functions, unit-tested on every platform; the
Windows CI job runs them for real.

A file system without permissions (a FAT stick) refuses either call; that is harmless (the
files there are encrypted bundles) and is ignored, so is a failing ``icacls``: privacy of a
file is a second wall behind the encryption, never a reason to lose a write.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import logging
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["FILE_MODE", "FOLDER_MODE", "create_private_file", "icacls_arguments", "make_private",
           "make_private_folder", "sid_from_whoami"]

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
#: A Windows process hidden from the user (icacls is a console program).
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def icacls_arguments(path: Path, sid: str, folder: bool) -> list[str]:
    """The ``icacls`` command that leaves ``path`` readable by ``sid`` alone.

    ``/inheritance:r`` drops the entries inherited from the parent (Users, Everyone, ...);
    ``/grant:r`` replaces any explicit entries by full control for the user. A folder's entry is
    inherited by its files (OI) and subfolders (CI).
    """
    rights = "(OI)(CI)F" if folder else "F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", f"*{sid}:{rights}", "/Q"]


def sid_from_whoami(output: str) -> str:
    """The SID in ``whoami /user /fo csv /nh`` output (``"host\\name","S-1-5-21-..."``)."""
    for row in csv.reader(io.StringIO(output)):
        for cell in row:
            if cell.strip().startswith("S-1-"):
                return cell.strip()
    raise ValueError("no SID in whoami's output")


def make_private_folder(path: Path) -> None:
    """Create ``path`` (and its parents) if needed; a folder made here is for the current user
    only. A folder that already existed keeps its rights (the user may have chosen one of theirs
    for a store): what the program writes into it is made private file by file."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    make_private(path, folder=True)


def create_private_file(path: Path) -> None:
    """A new, empty file only the current user may open (``FileExistsError`` if it exists)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     FILE_MODE))
    if sys.platform == "win32":
        make_private(path)


def make_private(path: Path, folder: bool = False) -> None:
    """Restrict an existing file or folder to the current user (see the module)."""
    if sys.platform == "win32":
        _restrict_acl(path, folder)
    else:
        with contextlib.suppress(OSError):  # FAT and some shares know no modes
            os.chmod(path, FOLDER_MODE if folder else FILE_MODE)


def _restrict_acl(path: Path, folder: bool) -> None:
    sid = _current_sid()
    if sid is None:
        return
    try:
        result = subprocess.run(icacls_arguments(path, sid, folder), capture_output=True,
                                creationflags=_NO_WINDOW, timeout=30)
    except (OSError, subprocess.SubprocessError):
        log.warning("access list not set: icacls could not be started")
        return
    if result.returncode != 0:  # e.g. FAT: no access lists; never log the path (names a case?)
        log.warning("access list not set: icacls exited with %s", result.returncode)


@functools.cache
def _current_sid() -> str | None:
    try:
        result = subprocess.run(["whoami", "/user", "/fo", "csv", "/nh"], capture_output=True,
                                text=True, creationflags=_NO_WINDOW, timeout=30, check=True)
        return sid_from_whoami(result.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        log.warning("access lists not set: the user's SID is unknown")
        return None
