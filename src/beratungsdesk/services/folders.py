"""Where stores live by default, and whether a folder holds one (cheap to import)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from beratungsdesk.storage.layout import store_exists

__all__ = ["APP_DIR_NAME", "default_data_dir", "store_exists"]

APP_DIR_NAME = "BeratungsDesk"


def default_data_dir() -> Path:
    """The platform's per-user data folder (like Qt's AppDataLocation)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "beratungsdesk"
