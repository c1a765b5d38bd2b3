"""The one worker thread that touches the store, and how views talk to it.

Every store and crypto call runs on :class:`StoreWorker`'s thread (SQLite
connections belong to one thread, and Argon2 or a deep query must never block
painting). A view calls ``runner.call(job, done, failed, owner)``: ``job``
receives the worker's :class:`Backend` and runs there; ``done``/``failed`` run
later on the GUI thread, unless ``owner`` was destroyed or the store was locked
in between (the generation check drops such stale answers).

Change notifications: the store calls its listeners after each commit, on the
worker thread, with a :class:`~beratungsdesk.core.changed.Changes` (kinds and ids
written); :attr:`StoreWorker.changed` carries it to the GUI thread through a queued
signal, and :attr:`Runner.changed` hands it on with ``origin`` set to the owner of
the job that made the change, so that view can skip its own echo.

Progress: a long job calls ``backend.progress(done, total)``; the numbers reach the
``progress`` callback given to :meth:`Runner.call` on the GUI thread.

Views do not write jobs inline: they run operations from ``gui/ops/<area>.py``.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from beratungsdesk.core.changed import Changes
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.memory import GuiThreadCollector

if TYPE_CHECKING:  # imported by the worker itself (gui/preload.py): the unlock window shows sooner
    from beratungsdesk.services.session import Session

log = logging.getLogger(__name__)

Job = Callable[["Backend"], Any]


class Backend:
    """What jobs see: the open session (or none while locked)."""

    def __init__(self, worker: StoreWorker) -> None:
        self._worker = worker
        self.session: Session | None = None
        self.job_id = 0  # the job running now (0: none), named in its commit notices and progress

    def require(self) -> Session:
        if self.session is None:
            raise BeratungsError("store_closed")
        return self.session

    def open(self, session: Session) -> Session:
        self.close()
        self.session = session
        session.add_listener(self._announce)
        return session

    def _announce(self, changes: Changes) -> None:
        self._worker.changed.emit(replace(changes, origin=self.job_id or None))

    def progress(self, done: int, total: int) -> None:
        """Tell the running job's caller how far it is (e.g. 3 of 12 files)."""
        if self.job_id:
            self._worker.progressed.emit(self.job_id, done, total)

    def close(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            session.close()


class StoreWorker(QObject):
    """Lives on its own QThread; runs jobs in the order they were submitted."""

    submitted = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, object)
    changed = Signal(object)
    progressed = Signal(int, int, int)  # job id, done, total

    def __init__(self) -> None:
        super().__init__()
        self.backend = Backend(self)
        self.submitted.connect(self._execute)

    @Slot(int, object)
    def _execute(self, ident: int, job: Job) -> None:
        self.backend.job_id = ident
        try:
            result = job(self.backend)
        except BeratungsError as error:
            self.failed.emit(ident, error)
        except Exception as error:
            # Unexpected: log the type and where, never the message or the values in a
            # traceback (they could hold personal data).
            frame = error.__traceback__
            while frame is not None and frame.tb_next is not None:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
            log.error("worker job failed: %s at %s", type(error).__name__, where)
            self.failed.emit(ident, BeratungsError("error"))
        else:
            self.finished.emit(ident, result)
        finally:
            self.backend.job_id = 0


@dataclass
class _Pending:
    done: Callable[[Any], None] | None
    failed: Callable[[BeratungsError], None] | None
    owner: QObject | None
    generation: int
    job: Job | None = None  # held here so its last reference goes on the GUI thread
    progress: Callable[[int, int], None] | None = None


class Runner(QObject):
    """GUI-thread side: submits jobs and routes answers back to their callers."""

    changed = Signal(object)  # a Changes (origin: the owner of the job that made it), GUI thread
    busy_changed = Signal(bool)
    unhandled_error = Signal(object)  # failures of jobs submitted without a handler

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # While the worker runs Python code (e.g. collecting 100 000 ids) the GUI
        # thread waits for the GIL up to the switch interval at each call into
        # Python (thousands per paint): 1 ms instead of 5 ms keeps painting smooth.
        sys.setswitchinterval(0.001)
        # No garbage collection on the worker thread: it would destroy Qt objects
        # of the GUI thread there (gui/memory.py).
        self._collector = GuiThreadCollector(self)
        self._collector.start()
        self._thread = QThread()
        self._thread.setObjectName("store-worker")
        self._worker = StoreWorker()
        self._worker.moveToThread(self._thread)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.changed.connect(self._on_changed)
        self._worker.progressed.connect(self._on_progress)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        # Jobs answered, kept until the worker has surely dropped its own reference (see _retire).
        self._answered: dict[int, Job] = {}
        self.generation = 0
        self._thread.start()

    def call(self, job: Job, done: Callable[[Any], None] | None = None,
             failed: Callable[[BeratungsError], None] | None = None,
             owner: QObject | None = None,
             progress: Callable[[int, int], None] | None = None) -> int:
        ident = next(self._ids)
        self._pending[ident] = _Pending(done, failed, owner, self.generation, job, progress)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._worker.submitted.emit(ident, job)
        return ident

    def invalidate(self) -> None:
        """Drop answers of every job submitted so far (used when locking)."""
        self.generation += 1

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _retire(self, ident: int, pending: _Pending | None) -> None:
        """Keep the job of answer ``ident``; let go of those answered before it.

        The worker holds a job (in the queued call that carried it) until the job has run, and
        drops it there: if that were the last reference, whatever the job's closure holds would
        be freed on the worker thread, Qt objects included (the crash gui/memory.py describes
        for garbage cycles, here by plain reference counting). Jobs run in order, so once job
        ``ident`` answers, the worker has let go of every earlier one: those go now, here.
        """
        for older in [number for number in self._answered if number < ident]:
            del self._answered[older]
        if pending is not None and pending.job is not None:
            self._answered[ident] = pending.job
            pending.job = None

    def _take(self, ident: int) -> _Pending | None:
        pending = self._pending.pop(ident, None)
        self._retire(ident, pending)
        if not self._pending:
            self.busy_changed.emit(False)
        if pending is None or pending.generation != self.generation:
            return None
        if pending.owner is not None and not shiboken6.isValid(pending.owner):
            return None
        return pending

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        # The job that committed is still pending: its answer comes after this notice.
        pending = self._pending.get(changes.origin) if isinstance(changes.origin, int) else None
        owner = pending.owner if pending is not None else None
        self.changed.emit(replace(changes, origin=owner))

    @Slot(int, int, int)
    def _on_progress(self, ident: int, done: int, total: int) -> None:
        pending = self._pending.get(ident)
        if pending is None or pending.progress is None or pending.generation != self.generation:
            return
        if pending.owner is not None and not shiboken6.isValid(pending.owner):
            return
        pending.progress(done, total)

    @Slot(int, object)
    def _on_finished(self, ident: int, result: Any) -> None:
        pending = self._take(ident)
        if pending and pending.done:
            pending.done(result)

    @Slot(int, object)
    def _on_failed(self, ident: int, error: BeratungsError) -> None:
        pending = self._take(ident)
        if pending is None:
            return
        if pending.failed:
            pending.failed(error)
        else:
            self.unhandled_error.emit(error)

    def shutdown(self) -> None:
        """Close the session on the worker thread, then stop the thread."""
        self.invalidate()
        thread = self._thread

        def close(backend: Backend) -> None:
            try:
                backend.close()
            finally:
                thread.quit()  # thread-safe; the loop ends after this job

        self._worker.submitted.emit(0, close)
        thread.wait()
        self._answered.clear()  # the thread has ended: nothing of it holds a job any more
        self._collector.stop()
