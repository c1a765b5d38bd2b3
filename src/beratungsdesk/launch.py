"""Entry point: without a command the desktop app starts, with one the command line runs.

``beratungsdesk --data-dir DIR`` (no command) opens the app on that store;
``beratungsdesk --data-dir DIR cases list`` runs a command. A bundle file as the
only argument (as a file manager passes it) opens the app's import screen.
This module lives outside the layers so that neither ``cli`` nor ``gui``
imports the other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

#: Global options that take a value (they may precede a command or stand alone).
_VALUE_OPTIONS = {"--data-dir", "--passphrase-file", "--lang"}
_GUI_ONLY_OPTIONS = {"--open-bundle"}


def wants_gui(arguments: list[str]) -> bool:
    """True when the arguments hold no command (only global options or a bundle file)."""
    index = 0
    while index < len(arguments):
        word = arguments[index]
        if word in _VALUE_OPTIONS or word in _GUI_ONLY_OPTIONS:
            index += 2
            continue
        if any(word.startswith(option + "=") for option in _VALUE_OPTIONS | _GUI_ONLY_OPTIONS):
            index += 1
            continue
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(arguments):
        from beratungsdesk.gui.app import run

        return run(arguments)
    from beratungsdesk.cli import main as cli_main

    return cli_main(arguments)
