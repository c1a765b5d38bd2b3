"""Entry point: without a command the desktop app starts, with one the command line runs.

``beratungsdesk --data-dir DIR`` (no command) opens the app on that store;
``beratungsdesk --data-dir DIR cases list`` runs a command; ``beratungsdesk
--self-test`` checks the installation (see ``services/selftest.py``). A bundle file as the
only argument (as a file manager passes it) opens the app's import screen.
This module lives outside the layers so that neither ``cli`` nor ``gui``
imports the other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

#: Global options that take a value (they may precede a command or stand alone).
_VALUE_OPTIONS = {"--data-dir", "--passphrase-file", "--lang"}
_GUI_ONLY_OPTIONS = {"--open-bundle"}
_FLAG_OPTIONS = {"--debug"}  # global flags without a value
BUNDLE_SUFFIX = ".bdsk"  # sync/bundle.py SUFFIX; a file manager may pass the bare path


def bundle_as_option(arguments: list[str]) -> list[str]:
    """``[FILE.bdsk]`` alone becomes ``["--open-bundle", FILE.bdsk]``; anything else stays."""
    if len(arguments) == 1 and arguments[0].lower().endswith(BUNDLE_SUFFIX) \
            and not arguments[0].startswith("-"):
        return ["--open-bundle", arguments[0]]
    return arguments


def wants_gui(arguments: list[str]) -> bool:
    """True when the arguments hold no command (only global options or a bundle file)."""
    index = 0
    while index < len(arguments):
        word = arguments[index]
        if word in _VALUE_OPTIONS or word in _GUI_ONLY_OPTIONS:
            index += 2
            continue
        if word in _FLAG_OPTIONS:
            index += 1
            continue
        if any(word.startswith(option + "=") for option in _VALUE_OPTIONS | _GUI_ONLY_OPTIONS):
            index += 1
            continue
        return False
    return True


def self_test() -> int:
    """``--self-test``: the checks of ``services/selftest.py`` plus the Qt platform."""
    from beratungsdesk.services.selftest import run_self_test

    def qt_platform(folder: Path) -> str:
        from beratungsdesk.gui.selftest import check_qt_platform  # a failing Qt import is reported

        return check_qt_platform()

    return 0 if run_self_test([("Qt platform", qt_platform)]) else 1


#: A frozen build's executable started as the key derivation child (storage/kdf_process.py):
#: hidden, and only as the sole argument; it reads its request from stdin.
KDF_CHILD_FLAG = "--derive-key"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == [KDF_CHILD_FLAG]:  # before anything else is imported: a small, short process
        from beratungsdesk.storage.kdf_process import child_main

        return child_main()
    if "--self-test" in arguments:  # global options are irrelevant: it touches no store
        return self_test()
    arguments = bundle_as_option(arguments)
    if wants_gui(arguments):
        from beratungsdesk.gui.app import run

        return run(arguments)
    from beratungsdesk.cli import main as cli_main

    return cli_main(arguments)
