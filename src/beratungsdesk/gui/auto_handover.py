"""Automatic handover: notice the handover folder becoming reachable, and files arriving in it.

A USB stick plugged in, the office share reachable again, a synchronised folder
that received a file: :class:`FolderWatch` notices it, :class:`AutoHandover`
starts the same handover as the button (``Session.run_handover``) on the store
worker and says what happened.

How the folder is watched, and why so:

* **A look runs on a side thread, never on the GUI thread.** Whether a network
  share is reachable can take seconds (or a minute, for a server that went away)
  to find out. Not on the store worker either: a hanging share would hold up
  every store job behind it (the case list, saving). The look only lists the
  folder (``os.scandir``); it touches no store and no Qt object, and the GUI
  thread collects its answer from a timer, so no Qt call crosses threads. While
  one look hangs, no second one starts.
* **Polling, not QFileSystemWatcher.** A file system watcher cannot see a mount
  appearing, sends nothing for network shares, and adding a path stats it on the
  GUI thread. A look every few seconds (:data:`POLL_MS`) costs next to nothing.
* **Only settled files count.** A sync tool writes a file over seconds: a folder
  counts as arrived, and a file as new, only when two looks :data:`SETTLE_MS`
  apart see the same names, sizes and times. The handover itself refuses a file
  that is still incomplete with a clear reason, leaving the store unchanged, and
  takes it when it has grown complete (its size or time changed: new again).
* **Nothing new, no handover.** The laptop hands over when the folder arrives
  (unlocking with the folder there counts); both sides take in files that were
  not there (or had another size) at the last handover. Files the handover
  writes itself never start another one.
* **One handover at a time.** Not while the button's handover runs, not while
  locked (the watch belongs to the main window, which locking destroys); an
  arrival meanwhile is looked at again afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.handover import BUNDLE_NAME
from beratungsdesk.services.session_handover import HandoverReport

#: Time between two looks at the folder, and before the second look of a change.
POLL_MS = 4000
SETTLE_MS = 1500
#: How often the GUI thread asks whether a look has finished (only while one runs).
COLLECT_MS = 25

FileSig = tuple[str, int, int]  # name, size, modification time (ns)


@dataclass(frozen=True)
class FolderSnapshot:
    folder: str
    reachable: bool
    files: frozenset[FileSig] = frozenset()


def look(folder: str) -> FolderSnapshot:
    """Whether ``folder`` is there and which handover files it holds (side thread; may block)."""
    _no_error_boxes()
    try:
        path = Path(folder)
        if not path.is_dir():
            return FolderSnapshot(folder, False)
        found: list[FileSig] = []
        with os.scandir(path) as entries:
            for entry in entries:
                if BUNDLE_NAME.match(entry.name) and entry.is_file(follow_symlinks=False):
                    stat = entry.stat(follow_symlinks=False)
                    found.append((entry.name, stat.st_size, stat.st_mtime_ns))
        return FolderSnapshot(folder, True, frozenset(found))
    except OSError:  # pulled while listing, no permission, share gone
        return FolderSnapshot(folder, False)


def _no_error_boxes() -> None:
    """Windows: a card reader without a card answers with a "no disk" dialog unless told not
    to. For this thread only; elsewhere nothing to do."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        fail_critical_errors, no_open_file_error_box = 0x0001, 0x8000
        ctypes.windll.kernel32.SetThreadErrorMode(
            fail_critical_errors | no_open_file_error_box, None)
    except (AttributeError, OSError):
        pass


class _SideLook:
    """At most one :func:`look` at a time, on a daemon thread (a hanging share may never
    answer; the program must still be able to end)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._answer: FolderSnapshot | None = None

    def start(self, folder: str) -> bool:
        if self._thread is not None:
            return False
        self._answer = None

        def run() -> None:
            answer = look(folder)
            with self._lock:
                self._answer = answer

        self._thread = threading.Thread(target=run, name="handover-folder-look", daemon=True)
        self._thread.start()
        return True

    def take(self) -> FolderSnapshot | None:
        with self._lock:
            answer, self._answer = self._answer, None
        if answer is not None:
            self._thread = None
        return answer


class FolderWatch(QObject):
    """Looks at the folder now and then; says when it arrived or its files settled changed."""

    looked = Signal(object)  # FolderSnapshot, after every look
    settled = Signal(object, bool)  # FolderSnapshot, arrived (was not reachable before)
    lost = Signal()  # the folder is no longer reachable

    def __init__(self, folder: Callable[[], str], poll_ms: int = POLL_MS, settle_ms: int = SETTLE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self.poll_ms, self.settle_ms = poll_ms, settle_ms
        self._side = _SideLook()
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self._look)
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_MS)
        self._collect.timeout.connect(self._collect_answer)
        self._active = False
        self._reset("")
        self.looks = 0  # looks answered so far

    def _reset(self, folder: str) -> None:
        self._watched = folder
        self._reachable = False
        self._arrival_pending = False
        self._previous: FolderSnapshot | None = None
        self._settled_files: frozenset[FileSig] | None = None

    def start(self) -> None:
        """Start looking; a folder that is there counts as arrived (unlocking with the stick
        plugged in, or switching the automatic handover on again)."""
        self._reset("")
        self._active = True
        self._next.start(0)

    def stop(self) -> None:
        self._active = False
        self._next.stop()
        self._collect.stop()

    @property
    def active(self) -> bool:
        return self._active

    def set_intervals(self, poll_ms: int, settle_ms: int) -> None:
        self.poll_ms, self.settle_ms = poll_ms, settle_ms
        if self._next.isActive():
            self._next.start(min(poll_ms, settle_ms))

    def look_again(self) -> None:
        """Look now, and report the settled files even if they did not change since the last
        report (after a handover: what arrived while it ran is judged afresh)."""
        self._settled_files = None
        if self._active and not self._collect.isActive():
            self._next.start(0)

    def forget_reachable(self) -> None:
        """The folder went away during a handover: the next look that finds it counts as an
        arrival, even when no look saw it gone (a stick pulled and put back between looks)."""
        self._reachable, self._previous = False, None
        self._arrival_pending, self._settled_files = False, None

    @property
    def latest(self) -> FolderSnapshot | None:
        """The last look's answer while the folder is reachable."""
        return self._previous

    def _look(self) -> None:
        if not self._active:
            return
        self._side.take()  # an answer nobody collected (the watch was stopped meanwhile): stale
        folder = self._folder()
        if not folder:
            self._next.start(self.poll_ms)  # no folder chosen yet
            return
        if self._side.start(folder):
            self._collect.start()
        else:
            self._next.start(self.poll_ms)  # the last look still hangs: no second one

    def _collect_answer(self) -> None:
        snapshot = self._side.take()
        if snapshot is None:
            return
        self._collect.stop()
        if not self._active:
            return
        self.looks += 1
        self._seen(snapshot)
        self.looked.emit(snapshot)

    def _seen(self, snapshot: FolderSnapshot) -> None:
        if snapshot.folder != self._watched:
            self._reset(snapshot.folder)  # another folder was chosen: it arrives anew
        if not snapshot.reachable:
            was_reachable, self._reachable = self._reachable, False
            self._previous, self._arrival_pending, self._settled_files = None, False, None
            self._next.start(self.poll_ms)
            if was_reachable:
                self.lost.emit()
            return
        if not self._reachable:
            self._reachable, self._arrival_pending = True, True
        stable = self._previous is not None and self._previous.files == snapshot.files
        self._previous = snapshot
        if not stable:  # just arrived, or a file is being written: look again shortly
            self._next.start(self.settle_ms)
            return
        self._next.start(self.poll_ms)
        if self._arrival_pending or snapshot.files != self._settled_files:
            arrived, self._arrival_pending = self._arrival_pending, False
            self._settled_files = snapshot.files
            self.settled.emit(snapshot, arrived)


@dataclass
class AutoResult:
    """What one automatic handover did (shown as the note and in the result list)."""

    at: dt.datetime
    report: HandoverReport | None = None
    error: BeratungsError | None = None
    not_ready: bool = False  # a laptop not enrolled yet, or revoked: nothing was done
    own_files: set[str] = field(default_factory=set)


class AutoHandover(QObject):
    """Starts a handover when :class:`FolderWatch` says the folder arrived or new files settled."""

    started = Signal()
    finished = Signal(object)  # AutoResult

    def __init__(self, runner: Runner, folder: Callable[[], str], sends_on_arrival: bool,
                 ready: Callable[[], bool] = lambda: True, poll_ms: int = POLL_MS,
                 settle_ms: int = SETTLE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        # What the GUI last heard (a laptop not enrolled, or revoked: False); the job asks
        # the store again, this only spares a pointless job.
        self._ready = ready
        # A laptop has its work to bring whenever the folder arrives; the office only
        # takes in what arrived (it writes its answers in the same handover).
        self.sends_on_arrival = sends_on_arrival
        self.watch = FolderWatch(folder, poll_ms, settle_ms, self)
        self.watch.settled.connect(self._settled)
        self.running = False
        self.blocked = False  # the button's handover runs
        self._again = False  # something settled while we could not start: look again after
        self._taken: dict[str, tuple[int, int]] = {}  # files present at the last handover
        self._own: set[str] = set()  # files our handovers wrote
        self._stop = threading.Event()
        # Asked between two files on the worker: a plain function, no Qt object (a job must
        # not hold one; the worker may drop the last reference).
        self._should_stop: Callable[[], bool] = self._stop.is_set

    def start(self) -> None:
        self._stop.clear()
        self.watch.start()

    def stop(self, cancel_running: bool = False) -> None:
        """Stop watching; with ``cancel_running`` (locking) a running automatic handover also
        stops, after the file it is at (switching the setting off lets it finish)."""
        self.watch.stop()
        if cancel_running:
            self._stop.set()

    def set_blocked(self, blocked: bool, report: HandoverReport | None = None) -> None:
        """The button's handover starts (True) or ended (False, with its report if any)."""
        self.blocked = blocked
        if blocked:
            return
        if report is not None:
            # It took in what was there and wrote its own files: neither is new.
            self._own |= {r.path.name for r in report.exported if r.path is not None}
            latest = self.watch.latest
            if latest is not None:
                self._taken = {name: (size, mtime) for name, size, mtime in latest.files}
        if self._again:
            self._again = False
            self.watch.look_again()

    def _new_files(self, snapshot: FolderSnapshot) -> list[FileSig]:
        return [sig for sig in snapshot.files
                if sig[0] not in self._own and self._taken.get(sig[0]) != sig[1:]]

    def _settled(self, snapshot: FolderSnapshot, arrived: bool) -> None:
        if arrived:
            self._taken = {}  # a stick back in: what failed or was pulled is tried again
        wanted = bool(self._new_files(snapshot)) or (arrived and self.sends_on_arrival)
        if not wanted:
            return
        if self.running or self.blocked:
            self._again = True
            return
        if not self._ready():
            self._taken = {name: (size, mtime) for name, size, mtime in snapshot.files}
            self.finished.emit(AutoResult(dt.datetime.now(), not_ready=True))
            return
        self._run(snapshot)

    def _run(self, snapshot: FolderSnapshot) -> None:
        self.running = True
        self.started.emit()
        folder = Path(snapshot.folder)
        should_stop = self._should_stop

        def finish(result: AutoResult) -> None:
            self.running = False
            # The files there now were looked at; a failure is tried again on the next
            # arrival or when a file changes, not at every look.
            self._taken = {name: (size, mtime) for name, size, mtime in snapshot.files}
            self.finished.emit(result)
            if self._again:
                self._again = False
                self.watch.look_again()

        def done(report: HandoverReport | None) -> None:
            own = {r.path.name for r in report.exported if r.path is not None} if report else set()
            self._own |= own
            finish(AutoResult(dt.datetime.now(), report, not_ready=report is None, own_files=own))

        def failed(error: BeratungsError) -> None:
            if error.code == "folder_lost":
                self.watch.forget_reachable()
            finish(AutoResult(dt.datetime.now(), error=error))

        handover_ops.run_automatic_handover(folder, should_stop).run(self.runner, self, done, failed)
