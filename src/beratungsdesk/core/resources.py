"""Where the app's resource folder (icons, translations) is at run time.

Three ways the program runs, one answer each:

- from a source checkout or an editable install: ``resources/`` beside ``src/``;
- inside a PyInstaller build (``sys.frozen``): ``resources/`` in the unpacked
  bundle folder, ``sys._MEIPASS`` (``build_installer.spec`` puts it there);
- ``BERATUNGSDESK_RESOURCES`` names another folder (packagers, tests).

The PDF fonts are package data and found by ``importlib.resources`` instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ENV_VARIABLE = "BERATUNGSDESK_RESOURCES"
_SOURCE_ROOT = Path(__file__).resolve().parents[3]  # src/beratungsdesk/core/ -> checkout


def resource_dir(environ: Mapping[str, str] | None = None, frozen: bool | None = None,
                 bundle_dir: str | None = None) -> Path:
    """The folder holding ``icons/`` and ``translations/``.

    The arguments default to this process (``os.environ``, ``sys.frozen``,
    ``sys._MEIPASS``); tests pass them to check each case.
    """
    environ = os.environ if environ is None else environ
    if environ.get(ENV_VARIABLE):
        return Path(environ[ENV_VARIABLE])
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        # One-folder builds unpack nothing; _MEIPASS is the folder with the data
        # (``_internal`` beside the executable since PyInstaller 6).
        bundle = bundle_dir or getattr(sys, "_MEIPASS", None) or str(Path(sys.executable).parent)
        return Path(bundle) / "resources"
    return _SOURCE_ROOT / "resources"
