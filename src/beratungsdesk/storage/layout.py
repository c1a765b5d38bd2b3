"""The files a store folder holds, and whether a folder holds a store.

Kept apart from ``store.py`` (which imports SQLCipher, the schema and the unit of
work): the desktop app asks ``store_exists`` before its first window, and that
must not wait for those imports.
"""

from __future__ import annotations

from pathlib import Path

DB_NAME = "store.db"
KEY_NAME = "store.key"
LOCK_NAME = "store.lock"
THROTTLE_NAME = "unlock-failures.json"


def store_exists(folder: Path) -> bool:
    return (folder / KEY_NAME).exists()
