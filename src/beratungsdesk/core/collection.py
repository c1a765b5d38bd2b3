"""Pausing Python's cycle collector around bulk work that makes no reference cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector off while a bulk import builds and writes its records.

    An import makes hundreds of thousands of short-lived objects (records, wire forms, rows,
    change sets), none of them in a reference cycle; each batch of new objects made the
    collector walk all of them again, a tenth of an import's time. They are freed by
    reference counting as always. The collector is switched back on only if it was on: in
    the desktop app it stays off while the store worker runs (``gui/memory.py``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
