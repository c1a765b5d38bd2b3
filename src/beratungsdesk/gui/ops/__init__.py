"""GUI operations: one function per thing a person does, one module per area.

An operation is named after what it does (``office.save_profile``, ``handover.run``)
and returns an :class:`Op`: the job that runs on the store's worker thread. The view
starts it with ``op.run(runner, owner, done, failed)``; ``done``/``failed`` come back
on the GUI thread (dropped if ``owner`` is gone or the store was locked meanwhile).
The owner is also the change's origin: the commit notice that follows names it, and
that view skips its own echo (``gui/refresh.py``).

Views hold no inline store jobs: what runs on the worker is listed here, next to
the session area it calls (``services/session_<area>.py``). Long operations take a
``progress`` callback and hear ``(done, total)`` while they run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from beratungsdesk.core.errors import BeratungsError

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from beratungsdesk.gui.worker import Backend, Runner

__all__ = ["Op", "barrier"]

T = TypeVar("T")


@dataclass(frozen=True)
class Op(Generic[T]):
    """A job for the store's worker thread, ready to run."""

    job: Callable[[Backend], T]

    def run(self, runner: Runner, owner: QObject | None = None,
            done: Callable[[T], Any] | None = None,
            failed: Callable[[BeratungsError], Any] | None = None,
            progress: Callable[[int, int], Any] | None = None) -> int:
        return runner.call(self.job, done, failed, owner, progress=progress)


def barrier() -> Op[None]:
    """Nothing at all: its answer comes once every job started before it has answered (the
    worker runs jobs in order), e.g. to act after a reload that is still under way."""
    return Op(lambda _backend: None)
