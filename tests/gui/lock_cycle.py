"""The real app, offscreen, locked and unlocked again and again: a crash hunt (issue 14).

Run as a subprocess, with faulthandler on, so a crash in C code (Qt, SQLite) shows
as "Fatal Python error" and a non-zero exit instead of a silently broken test run::

    python -X faulthandler -m tests.gui.lock_cycle STORE_FOLDER CYCLES
    python -m tests.gui.lock_cycle STORE_FOLDER kill-while-locked

Each cycle unlocks the store, opens a case, types, and then locks in one of the ways
that once crashed or could: right after a write (a save whose commit is still on the
worker), with jobs in flight (case list, statistics, prevention page, a full record),
with pages and the editor's letter dialog deleted while the worker still answers them,
minimised, automatically (the idle timeout) or by Ctrl+L. Garbage is made on purpose,
so collections run while windows go. Exit code 0 and "cycles done: N" when all ran; 2 when a
step got stuck, 3 after a Qt warning (such as "Timers cannot be started from another
thread", which comes just before such a crash), 4 when a garbage collection ran on the
worker thread (gui/memory.py: it would free Qt objects there).

The driver steps on conditions, never on fixed times: a step waits until what it
needs is there (``_Driver.when``), with a deadline that ends the run with exit 2.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Backend
from tests.conftest import PASSPHRASE

#: A step that waits longer than this for its condition ends the run (exit code 2).
STEP_DEADLINE_S = 60.0

#: How each cycle ends; cycle n uses VARIANTS[n % len(VARIANTS)].
VARIANTS = ("save_then_auto_lock", "save_then_ctrl_l", "jobs_in_flight", "pages_deleted",
            "letter_open", "typing_then_auto_lock", "right_after_unlock")


class _Driver:
    def __init__(self, app: QApplication, folder: Path, settings_file: Path, cycles: int) -> None:
        self.app = app
        self.cycles = cycles
        self.done_cycles = 0
        self.restored = 0  # unlocks that found input kept at the lock before
        settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        self.controller = AppController(app, folder, settings)
        self.exit_code = 0
        self._poll = QTimer()
        self._poll.setInterval(1)
        self._poll.timeout.connect(self._check)
        self._waiting: tuple[Callable[[], bool], Callable[[], None], float, str] | None = None

    # --- stepping on conditions ------------------------------------------------

    def when(self, condition: Callable[[], bool], then: Callable[[], None], what: str) -> None:
        self._waiting = (condition, then, time.monotonic() + STEP_DEADLINE_S, what)
        self._poll.start()

    def _check(self) -> None:
        if self._waiting is None:
            self._poll.stop()
            return
        condition, then, deadline, what = self._waiting
        if condition():
            self._waiting = None
            then()
        elif time.monotonic() > deadline:
            print(f"stuck in cycle {self.done_cycles}: {what}", file=sys.stderr, flush=True)
            # End now: closing the window normally could wait on a question about unsaved input.
            os._exit(2)

    # --- one cycle --------------------------------------------------------------

    def start(self) -> None:
        self.controller.start()
        self.unlock()

    def unlock(self) -> None:
        window = self.controller.window
        assert isinstance(window, UnlockWindow)
        self.when(window.unlock_button.isEnabled, lambda: self._type_passphrase(window),
                  "unlock window ready")

    def _type_passphrase(self, window: UnlockWindow) -> None:
        window.passphrase.setText(PASSPHRASE)
        window.unlock()
        if VARIANTS[self.done_cycles % len(VARIANTS)] == "right_after_unlock":
            # Pages and the editor half built, the first loads still on the worker.
            self.when(lambda: self.controller.main is not None, lambda: self.auto_lock(minimise=True),
                      "main window")
            return
        self.when(self._listed, self.settle_drafts, "main window with its case list")

    def settle_drafts(self) -> None:
        """Input kept at the last lock comes back first: saved in one cycle, discarded in the next."""
        main = self.main
        self.when(lambda: _restored(main) is not None and not main.runner.busy,
                  lambda: self._settle(main), "drafts read back")

    def _settle(self, main: MainWindow) -> None:
        if not _restored(main):
            self.open_case()
            return
        self.restored += 1
        editor = main.cases.editor
        if self.done_cycles % 2 and "case" in main.drafts.restored and editor.record is not None:
            editor.notes.text.clear()
            if editor.letter_dialog is not None:
                editor.letter_dialog.close()
            editor.save()
        else:
            main.draft_banner.discard_button.click()
        self.when(lambda: not main.drafts.restored and not main.runner.busy, self.open_case,
                  "drafts settled")

    def _listed(self) -> bool:
        main = self.controller.main
        return main is not None and main.cases.list.model.rowCount() > 0 and not main.cases.list.model.loading

    @property
    def main(self) -> MainWindow:
        main = self.controller.main
        assert main is not None
        return main

    def open_case(self) -> None:
        main = self.main
        main.show_page("cases")
        listed = main.cases.list.model
        main.cases.open_case(listed.case_id(self.done_cycles % listed.rowCount()))
        editor = main.cases.editor
        self.when(lambda: editor.record is not None, self.act, "case open in the editor")

    def act(self) -> None:
        variant = VARIANTS[self.done_cycles % len(VARIANTS)]
        main, editor = self.main, self.main.cases.editor
        _make_garbage()
        editor.tabs.setCurrentIndex(0)
        editor.fields["summary"].setFocus()
        QTest.keyClicks(editor.fields["summary"], f" Zyklus {self.done_cycles}")
        if variant in ("save_then_auto_lock", "save_then_ctrl_l"):
            saved: list[str] = []
            editor.saved.connect(saved.append)
            editor.save()  # the commit runs on the worker while the lock comes
            if variant == "save_then_auto_lock":
                self.auto_lock(minimise=True)
            else:
                # Saved, not "nothing unsaved": a draft brought back at unlock may hold a typed
                # note or a running session timer, which saving the case form leaves alone.
                self.when(lambda: bool(saved), lambda: self._write_and_ctrl_l(main), "saved")
        elif variant == "jobs_in_flight":
            editor.save()
            self._jobs_in_flight(main)
            self.auto_lock(minimise=True)
        elif variant == "pages_deleted":
            for name in ("outreach", "clients", "handover", "statistics", "network", "settings"):
                main.show_page(name)  # built now; their first loads are on the worker
            main.show_page("cases")
            editor.save()
            self.auto_lock(minimise=False)
        elif variant == "letter_open":
            editor.open_letter()
            self.when(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                      lambda: self.auto_lock(minimise=True), "letter dialog open")
        else:
            self.auto_lock(minimise=True)

    def _write_and_ctrl_l(self, main: MainWindow) -> None:
        case_id = main.cases.editor.record.case.id  # type: ignore[union-attr]
        main.runner.call(lambda backend: backend.require().cases.log_contact(case_id, 5, None), None,
                         lambda _e: None, main)
        QTest.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        self.after_lock()

    def _jobs_in_flight(self, main: MainWindow) -> None:
        runner = main.runner
        case_id = main.cases.editor.record.case.id  # type: ignore[union-attr]
        for _ in range(3):
            runner.call(lambda backend: backend.require().cases.record(case_id), lambda _r: None, None, main)
            main.cases.list.refresh()
        main.show_page("statistics")

        def write(backend: Backend) -> None:
            backend.require().cases.log_contact(case_id, 5, None)  # a write right before the lock

        runner.call(write, None, lambda _e: None, main)

    def auto_lock(self, minimise: bool) -> None:
        if minimise:
            self.main.showMinimized()
        timer = self.controller.inactivity.timer
        timer.setInterval(1)  # the idle timeout, shortened: the lock comes at the next turn
        timer.start()
        self.when(lambda: self.controller.main is None, self.after_lock, "automatic lock")

    def after_lock(self) -> None:
        assert self.controller.main is None
        self.controller.inactivity.set_minutes(60)  # the next unlock is not locked at once
        # The worker allocates as a long listing does (100 000 case ids at the office) while
        # the locked window's objects wait in garbage cycles: no collection may free them there.
        self.controller.runner.call(_allocate_like_a_long_listing)
        _make_garbage()
        self.done_cycles += 1
        if self.done_cycles >= self.cycles:
            self.finish()
            return
        self.unlock()

    def finish(self) -> None:
        # The last close job must have run: the store is unlocked again and closed here.
        window = self.controller.window
        assert isinstance(window, UnlockWindow)
        self.when(lambda: not self.controller.runner.busy, self.app.quit, "close of the store")


#: The offscreen platform's notices about features it lacks say nothing about our code.
_PLATFORM_NOTICES = ("This plugin does not support",)


class _QtWarnings:
    """Qt's warnings, counted; the first one also shows where every thread was (faulthandler).

    A warning such as "Timers cannot be started from another thread" comes just before
    the crash it announces, with the Python stacks that led there."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message.startswith(_PLATFORM_NOTICES):
            return
        self.count += 1
        print(f"Qt {kind.name}: {message}", file=sys.stderr, flush=True)
        if self.count == 1:
            faulthandler.dump_traceback(all_threads=True)


class _WorkerCollections:
    """Counts garbage collections that run on another thread than the GUI's (gui/memory.py):
    each could free Qt objects there, the segfault of issue 14's history."""

    def __init__(self) -> None:
        self.gui_thread = threading.get_ident()
        self.count = 0

    def __call__(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start" and threading.get_ident() != self.gui_thread:
            self.count += 1


def _allocate_like_a_long_listing(_backend: Backend) -> int:
    """Far past every collection threshold, on the worker thread."""
    total = 0
    for _ in range(4):
        rows = [[number, (number, "x")] for number in range(25_000)]
        total += len(rows)
    return total


def _make_garbage() -> None:
    """Reference cycles, enough for the thresholds: collections then run while windows go."""
    for _ in range(gc.get_threshold()[0] * 2):
        cycle: list[object] = []
        cycle.append(cycle)


#: Typed into the case's summary before ``kill-while-locked`` locks and dies.
KILL_TEXT = " getippt vor der Sperre"


class _KillWhileLocked(_Driver):
    """Type into a case, let the program lock itself, then die by SIGKILL while locked."""

    def open_case(self) -> None:
        main = self.main
        main.cases.open_case(main.cases.list.model.case_id(0))
        editor = main.cases.editor
        self.when(lambda: editor.record is not None, self.act, "case open in the editor")

    def act(self) -> None:
        editor = self.main.cases.editor
        editor.fields["summary"].setFocus()
        QTest.keyClicks(editor.fields["summary"], KILL_TEXT)
        self.auto_lock(minimise=True)

    def after_lock(self) -> None:
        self.when(lambda: not self.controller.runner.busy, self._die, "lock finished")

    def _die(self) -> None:
        print("locked, killing", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    if argv[1:] == ["kill-while-locked"]:
        app = QApplication([sys.argv[0]])
        folder = Path(argv[0])
        killer = _KillWhileLocked(app, folder, folder.parent / "lock-cycle-settings.ini", 1)
        QTimer.singleShot(0, killer.start)
        app.exec()
        return 2  # not reached: the process is killed
    folder, cycles = Path(argv[0]), int(argv[1])
    warnings = _QtWarnings()
    qInstallMessageHandler(warnings)
    off_thread = _WorkerCollections()
    gc.callbacks.append(off_thread)
    app = QApplication([sys.argv[0]])
    driver = _Driver(app, folder, folder.parent / "lock-cycle-settings.ini", cycles)
    QTimer.singleShot(0, driver.start)
    app.exec()
    driver.controller.shutdown()
    for window in QApplication.topLevelWidgets():
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    if driver.exit_code == 0 and warnings.count:
        driver.exit_code = 3
    if driver.exit_code == 0 and off_thread.count:
        print(f"garbage collections on the worker thread: {off_thread.count}", file=sys.stderr, flush=True)
        driver.exit_code = 4
    if driver.exit_code == 0:
        print(f"cycles done: {driver.done_cycles}, drafts restored: {driver.restored}", flush=True)
    return driver.exit_code


def _restored(main: MainWindow) -> dict[str, str] | None:
    """The drafts put back after unlocking (``{}`` for code from before drafts: the driver also
    runs against older versions, to compare)."""
    drafts = getattr(main, "drafts", None)
    return drafts.restored if drafts is not None else {}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
