"""Start of the desktop app (built out in the desktop-app issue)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(argv: Sequence[str]) -> int:
    print("The desktop app is not part of this build yet; see 'beratungsdesk --help'.",
          file=sys.stderr)
    return 2
