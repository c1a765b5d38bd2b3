"""Garbage cycles are collected on the GUI thread, never on the store worker.

A collection frees everything in the cycles it finds on the thread that runs it; on
the worker that destroyed Qt objects of the GUI thread there and crashed the process
now and then (gui/memory.py).
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from beratungsdesk.gui.worker import Backend, Runner


def _allocate_like_a_long_query(_backend: Backend) -> int:
    """Many short-lived containers, as a listing of 100 000 cases makes: far past every
    collection threshold."""
    total = 0
    for _ in range(40):
        rows = [[number, (number, "x")] for number in range(25_000)]
        total += len(rows)
    return total


def test_garbage_cycles_are_collected_on_the_gui_thread_only(qtbot) -> None:
    gui_thread = threading.get_ident()
    collecting_threads: list[int] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting_threads.append(threading.get_ident())

    runner = Runner()
    gc.callbacks.append(note)
    try:
        # What a closed window leaves: a Qt object only a reference cycle keeps alive
        # (in the app, a signal connected to a lambda that captures the view).
        leftover = QObject()
        leftover.cycle = leftover  # type: ignore[attr-defined]
        gone = weakref.ref(leftover)
        del leftover
        done: list[int] = []

        def again(result: int) -> None:
            # The GUI thread collects when its timer sees the counts past a threshold while the
            # worker allocates; one job may slip between two looks on a busy machine, so the
            # worker keeps allocating until the cycle has gone.
            done.append(result)
            if gone() is not None:
                runner.call(_allocate_like_a_long_query, again)

        runner.call(_allocate_like_a_long_query, again)
        qtbot.waitUntil(lambda: gone() is None and bool(done), timeout=60_000)
    finally:
        gc.callbacks.remove(note)
        runner.shutdown()
    assert done and set(done) == {1_000_000}
    assert collecting_threads, "the cycle went, so some collection ran"
    assert set(collecting_threads) == {gui_thread}


def test_automatic_collection_is_back_once_the_worker_has_stopped(qtbot) -> None:
    first, second = Runner(), Runner()
    try:
        assert not gc.isenabled()
        first.shutdown()
        assert not gc.isenabled()  # the second worker still runs
    finally:
        second.shutdown()
        first.shutdown()  # a second shutdown changes nothing
    assert gc.isenabled()


def test_what_piled_up_is_collected_when_the_last_worker_stops(qtbot) -> None:
    """Enabled with counts past the threshold, the collector would start at the next
    allocation anywhere, even inside a Qt destructor (where it once hung the tests)."""
    runner = Runner()
    try:
        for _ in range(5 * gc.get_threshold()[0]):
            cycle: list[object] = []
            cycle.append(cycle)
        del cycle
        assert gc.get_count()[0] >= gc.get_threshold()[0]
    finally:
        runner.shutdown()
    assert gc.isenabled()
    assert gc.get_count()[0] < gc.get_threshold()[0]



class _Witness:
    """Notes on which thread it is freed."""

    def __init__(self, freed_on: list[int]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def _job_holding(witness: _Witness) -> object:
    """A job whose closure is the only holder of ``witness`` (as a job may hold a view's data)."""
    return lambda _backend: witness is not None


def test_what_a_job_holds_is_freed_on_the_gui_thread_not_on_the_worker(qtbot) -> None:
    """The worker drops its reference to a job after running it; were that the last one,
    whatever the job holds (a Qt object, too) would be freed on the worker thread."""
    runner = Runner()
    freed_on: list[int] = []
    answers: list[object] = []
    try:
        runner.call(_job_holding(_Witness(freed_on)), answers.append)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: len(answers) == 1, timeout=10_000)
        runner.call(lambda _backend: None, answers.append)
        qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    finally:
        runner.shutdown()
    assert freed_on == [threading.get_ident()]
