"""The private temp folder for attachments opened in another program (wiped on lock)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from beratungsdesk.storage.permissions import make_private

__all__ = ["PrivateTempFolder"]


class PrivateTempFolder:
    """A folder only this user can read, for attachments opened in another program.

    File names are random (an attachment's own name may name a person); the
    content is overwritten before deletion on :meth:`wipe` (close, lock, exit).
    Leftovers of a crashed run are wiped at the next start.
    """

    def __init__(self, parent: Path | None = None) -> None:
        base = parent or Path(tempfile.gettempdir()) / f"beratungsdesk-{_user_tag()}"
        base.mkdir(mode=0o700, exist_ok=True)
        make_private(base, folder=True)  # mode 0700, or the user's alone by ACL on Windows
        self.base = base
        self.path: Path | None = None

    def wipe_leftovers(self) -> None:
        """Wipe folders of runs that ended without wiping (a crash); a folder of another
        running instance (its process id is in the name) is left alone."""
        for child in self.base.iterdir() if self.base.exists() else []:
            if child != self.path and not _owner_alive(child.name):
                _wipe_tree(child)

    def write(self, content: bytes, suffix: str) -> Path:
        if self.path is None:
            self.path = Path(tempfile.mkdtemp(prefix=f"s-{os.getpid()}-", dir=self.base))
        clean_suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 8 else ""
        target = self.path / f"{secrets.token_hex(8)}{clean_suffix}"
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        return target

    def files(self) -> list[Path]:
        return sorted(self.path.iterdir()) if self.path and self.path.exists() else []

    def wipe(self) -> None:
        if self.path is not None:
            _wipe_tree(self.path)
            self.path = None


def _owner_alive(name: str) -> bool:
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit() or int(parts[1]) == os.getpid():
        return False
    try:
        os.kill(int(parts[1]), 0)  # signal 0: only asks whether the process exists
    except (OSError, ValueError):
        return False
    return True


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


def _wipe_tree(folder: Path) -> None:
    for path in folder.rglob("*") if folder.is_dir() else [folder]:
        if path.is_file():
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                with open(path, "r+b") as handle:
                    handle.write(b"\0" * size)
                    handle.flush()
                    os.fsync(handle.fileno())
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
    else:
        folder.unlink(missing_ok=True)
