"""Keeping Python's garbage collector from stalling the GUI thread.

CPython's full (generation 2) collection walks every tracked object while it holds
the GIL, in whichever thread happened to allocate. When that is the worker, in the
middle of a handover or a list load, the GUI thread waits for the whole walk:
`bench/bench_gui_handover.py` traced its longest stalls (40 ms and more, 136 ms at
worst) to such collections.

The windows, models, translations and modules that exist once the main window is
built live until it is locked. ``freeze_long_lived`` moves them into the permanent
generation (``gc.freeze``): later collections walk only what was made since, and
plain reference counting still frees frozen objects as usual. ``thaw`` gives them
back to the collector when the window goes (lock, language switch, exit), so
reference cycles among them are still collected then.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()
