"""Importing the main window's code while the unlock window waits for the passphrase.

Importing everything the main window needs takes 0.5–0.6 s (services, storage, sync,
every page). Done before the unlock window, it delayed that window (issue 16: at most
0.6 s from process start); done at once after unlocking, it would freeze the window
that long. So the unlock window comes first and the rest is imported behind it:

1. the worker thread imports the modules without Qt (services and below; their
   import holds the GIL only in short slices, see ``sys.setswitchinterval`` in
   ``gui/worker.py``), then
2. the GUI thread imports the pages one module per turn of its event loop (each
   10–30 ms), so typing the passphrase stays fluid.

The GUI thread starts only after the worker has finished: two threads importing
modules that import each other could otherwise wait for each other's import locks.
Whatever is not imported yet when the store is unlocked is imported then, as before.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from beratungsdesk.gui.worker import Backend, Runner

#: Imported on the worker thread: everything below the GUI that the pages import.
WORKER_MODULES = (
    "beratungsdesk.services.session",
    "beratungsdesk.services.stores",
    "beratungsdesk.services.network",
    "beratungsdesk.services.network_import",
    "beratungsdesk.services.protection",
    "beratungsdesk.services.session_protection",
    "beratungsdesk.core.vocab",
)

#: Imported on the GUI thread, one per turn, each after the modules it imports
#: (the order Python itself finishes them in when importing ``main_window``).
GUI_MODULES = (
    "beratungsdesk.gui.models",
    "beratungsdesk.gui.widgets",
    "beratungsdesk.gui.consent_view",
    "beratungsdesk.gui.erasure",
    "beratungsdesk.gui.letter_dialog",
    "beratungsdesk.gui.network_forms",
    "beratungsdesk.gui.referrals",
    "beratungsdesk.gui.case_editor",
    "beratungsdesk.gui.case_list",
    "beratungsdesk.gui.clients_view",
    "beratungsdesk.gui.handover_view",
    "beratungsdesk.gui.network_view",
    "beratungsdesk.gui.audit_view",
    "beratungsdesk.gui.report_texts",
    "beratungsdesk.gui.retention_view",
    "beratungsdesk.gui.office_view",
    "beratungsdesk.gui.outreach",
    "beratungsdesk.gui.settings_view",
    "beratungsdesk.gui.statistics_view",
    "beratungsdesk.gui.main_window",
)


def _import_below_gui(_backend: Backend) -> None:
    for name in WORKER_MODULES:
        importlib.import_module(name)


class Preloader(QObject):
    """Imports :data:`WORKER_MODULES` on the worker, then :data:`GUI_MODULES` turn by turn."""

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._waiting = list(GUI_MODULES)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        self._window: QWidget | None = None

    def start_after_paint(self, window: QWidget) -> None:
        """Start once ``window`` has been painted: importing before would delay that paint."""
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._window = None
            QTimer.singleShot(0, self.start)
        return False

    def start(self) -> None:
        self._runner.call(_import_below_gui, lambda _none: self._timer.start(), lambda _error: None,
                          self)

    @property
    def done(self) -> bool:
        return not self._waiting

    def _next(self) -> None:
        if self._waiting:
            importlib.import_module(self._waiting.pop(0))
        if not self._waiting:
            self._timer.stop()
