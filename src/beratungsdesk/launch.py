"""Entry point: no arguments start the desktop app, anything else is the command line.

It lives outside the layers so that neither ``cli`` nor ``gui`` imports the other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0].startswith("--open-bundle"):
        from beratungsdesk.gui.app import run

        return run(arguments)
    from beratungsdesk.cli import main as cli_main

    return cli_main(arguments)
