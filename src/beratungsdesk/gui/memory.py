"""Python's garbage collector and the two threads of the GUI.

**Collections run on the GUI thread only.** CPython starts a collection in whichever
thread happens to allocate. When that is the store worker (gui/worker.py), the
collection frees everything in garbage cycles there, Qt objects included: the
widgets, models and timers of a closed window (signal connections to lambdas that
capture ``self`` make such cycles), destroyed in C++ on a thread they do not belong
to. That crashed the process now and then (a segmentation fault in the worker with
"no Python frame"). :class:`GuiThreadCollector` therefore switches the automatic
collection off while a worker thread exists and collects from a timer on the GUI
thread instead, as often as CPython's thresholds ask for. Reference counting frees
everything outside cycles at once, as usual; the one reference the worker itself drops,
a job after it ran, is never the last (``Runner`` keeps each job until then, gui/worker.py).
Collecting only there, between two events, also means a collection never starts inside a Qt
destructor.

**Long-lived objects are frozen.** A full (generation 2) collection walks every
tracked object while it holds the GIL: `bench/bench_gui_handover.py` traced the
GUI's longest stalls (40 ms and more, 136 ms at worst) to such collections. The
windows, models, translations and modules that exist once the main window is built
live until it is locked. ``freeze_long_lived`` moves them into the permanent
generation (``gc.freeze``): later collections walk only what was made since, and
plain reference counting still frees frozen objects as usual. ``thaw`` gives them
back to the collector when the window goes (lock, language switch, exit), so
reference cycles among them are still collected then.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a collection is due. A look costs next to
#: nothing; garbage in cycles waits at most this long (memory outside cycles is
#: freed at once by reference counting).
COLLECT_CHECK_MS = 100


def freeze_long_lived() -> None:
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()


def collect_due() -> None:
    """Collect the oldest generation whose count has reached its threshold, if any.

    The same rule CPython applies at each allocation when collection is enabled.
    """
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] >= thresholds[generation]:
            gc.collect(generation)
            return


class GuiThreadCollector(QObject):
    """While started, garbage cycles are collected on this object's (the GUI) thread only.

    Several may be started (one per :class:`~beratungsdesk.gui.worker.Runner`); the
    automatic collection comes back when the last one has stopped, that is when no
    worker thread is left.
    """

    _started = 0  # collectors started and not stopped, in this process

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_CHECK_MS)
        self._timer.timeout.connect(collect_due)
        self._running = False

    def start(self) -> None:
        """Call before the worker thread starts: from then on no collection runs there."""
        if self._running:
            return
        self._running = True
        GuiThreadCollector._started += 1
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Call after the worker thread has ended."""
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        GuiThreadCollector._started -= 1
        if GuiThreadCollector._started == 0:
            # Collect what piled up since the last tick now, at a safe point. Enabled with
            # counts above the thresholds, the collector would run at the next allocation
            # anywhere, e.g. in Python code a Qt destructor calls while it holds one of
            # Qt's connection locks: freeing another Qt object there waited for that
            # same lock (a hang seen in tests/gui after a Runner stopped).
            gc.collect()
            gc.enable()
