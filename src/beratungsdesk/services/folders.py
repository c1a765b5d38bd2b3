"""Where stores live by default, and whether a folder holds one (cheap to import).

On Windows the store lives in the local, non-roaming data folder (``%LOCALAPPDATA%``): in an
office with roaming profiles everything under ``%APPDATA%`` (Roaming) is copied to the domain
server at every logoff, a gigabyte of encrypted case files included. Versions up to 0.x kept
it there; the first start of this version moves it once (``move_from_roaming``).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from beratungsdesk.core.errors import StoreError
from beratungsdesk.storage.files import FolderLock, replace_with_retry
from beratungsdesk.storage.layout import LOCK_NAME, store_exists
from beratungsdesk.storage.permissions import make_private

__all__ = ["APP_DIR_NAME", "default_data_dir", "move_from_roaming", "store_exists"]

log = logging.getLogger(__name__)

APP_DIR_NAME = "BeratungsDesk"
#: Windows' "not the same device" (a roaming folder redirected to a server share).
_ERROR_NOT_SAME_DEVICE = 17


def default_data_dir(platform: str = sys.platform) -> Path:
    """The platform's per-user data folder (like Qt's AppDataLocation, but local on Windows).

    ``platform`` is ``sys.platform``; tests name another one to see its choice.
    """
    if platform == "win32":
        local, roaming = _windows_bases()
        return move_from_roaming(roaming / APP_DIR_NAME, local / APP_DIR_NAME)
    if platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "beratungsdesk"


def _windows_bases() -> tuple[Path, Path]:
    """(``%LOCALAPPDATA%``, ``%APPDATA%``) as the shell knows them (platformdirs asks Windows
    itself, so a redirected folder is found where it really is)."""
    import platformdirs

    local = platformdirs.user_data_dir(appname=None, appauthor=False, roaming=False)
    roaming = platformdirs.user_data_dir(appname=None, appauthor=False, roaming=True)
    return Path(local), Path(roaming)


def move_from_roaming(old: Path, new: Path,
                      rename: Callable[[Path, Path], None] = replace_with_retry) -> Path:
    """Move a store from ``old`` (the roaming folder) to ``new`` once; the folder to use now.

    Moved only when ``old`` holds a store, ``new`` holds none and is empty or absent, and no
    program has the old store open (its folder lock is free). Otherwise nothing changes: with a
    store in both places the new one is used and the old one left for the user to remove; a
    store in use is used where it is this time and moved at a later start. A rename within
    one drive is instant; to another drive (a roaming folder redirected to a server) the
    folder is copied beside ``new`` under a hidden name, renamed into place, and only then is
    the old one removed, so an interrupted move leaves the store where it was.
    """
    if store_exists(new) or not store_exists(old):
        return new
    if new.exists() and (not new.is_dir() or any(new.iterdir())):
        log.warning("store not moved from the roaming folder: the local folder is not empty")
        return old
    if _in_use(old):
        return old
    new.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        new.rmdir()  # an empty folder left by an earlier start is in the way of a rename
    try:
        rename(old, new)
    except StoreError:
        return old  # held open by another program: moved at a later start
    except OSError as error:
        if not _other_drive(error) or not _copy_across(old, new):
            log.warning("store not moved from the roaming folder: %s", type(error).__name__)
            return old
    make_private(new, folder=True)
    log.info("store moved from the roaming to the local data folder")
    return new


def _in_use(folder: Path) -> bool:
    lock = FolderLock(folder / LOCK_NAME)
    try:
        lock.acquire()
    except StoreError:
        return True
    lock.release()
    return False


def _other_drive(error: OSError) -> bool:
    return error.errno == errno.EXDEV or getattr(error, "winerror", None) == _ERROR_NOT_SAME_DEVICE


def _copy_across(old: Path, new: Path) -> bool:
    staging = new.with_name(f".{new.name}-moving-{secrets.token_hex(4)}")
    try:
        shutil.copytree(old, staging)
        replace_with_retry(staging, new)
    except (OSError, StoreError):
        shutil.rmtree(staging, ignore_errors=True)
        return False
    shutil.rmtree(old, ignore_errors=True)
    return True
