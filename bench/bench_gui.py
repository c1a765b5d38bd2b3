"""Desktop app responsiveness on a large store (offscreen Qt, the real worker thread).

    python bench/bench_gui.py --store DIR [--make 100000] [--runs 5]

``--make N`` first creates DIR as an office store with N demo cases (takes a
while for 100 000). The passphrase of benchmark stores is ``bench-passphrase``.

Measured, as medians over ``--runs`` runs:
- first page: from asking the case list model to load until its rows are there
  (the issue's target: < 200 ms at 100 000 cases), and the raw queries alone
  (the first block) as the limit it is compared to;
- re-sorting by case number and by client, and a search as typed;
- scrolling: jumping to 50 random positions and painting each time;
- the longest stall of the GUI thread during all of that and during unlocking
  (a 5 ms heartbeat timer; target < 100 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.case_list import CaseListView
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services import demo
from beratungsdesk.services.session import BLOCK_SIZE, CaseFilter, Session
from beratungsdesk.services.stores import init_store

PASSPHRASE = "bench-passphrase"


class Heartbeat:
    """Measures the longest gap between ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.longest = 0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart())

    def stop(self) -> int:
        self.timer.stop()
        return self.longest


def wait_for(app: QApplication, condition, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError
        app.processEvents()
        time.sleep(0.0005)


def call(app: QApplication, runner: Runner, job):
    box: list[object] = []
    runner.call(job, box.append, box.append)
    wait_for(app, lambda: bool(box))
    return box[0]


def make_store(folder: Path, cases: int) -> None:
    store = init_store(folder, PASSPHRASE, "office", "Benchmark", kdf_seconds=0.5)
    try:
        demo.fill(store, cases=cases, contacts_per_case=2.0)
    finally:
        store.close()


def first_page_in_main_window(app: QApplication, runner: Runner, folder: Path, note) -> None:
    """What a user sees after unlocking: the whole main window, until its case list has rows.

    The main window also asks for labels, the handover state, conflicts and
    devices; all share the one worker, so their order matters here.
    """
    with tempfile.TemporaryDirectory() as settings_folder:
        settings = AppSettings(QSettings(str(Path(settings_folder) / "settings.ini"),
                                         QSettings.Format.IniFormat))
        info = call(app, runner, lambda b: b.require().info())
        heart = Heartbeat()
        heart.start()
        started = time.perf_counter()
        window = MainWindow(runner, settings, info)
        window.show()
        model = window.cases.list.model
        wait_for(app, lambda: model.rowCount() > 0)
        note("main window after unlock: first rows shown, ms", (time.perf_counter() - started) * 1000)
        wait_for(app, lambda: model.complete and not runner.busy)
        note("main window after unlock: every job done, ms", (time.perf_counter() - started) * 1000)
        note("GUI stall while the main window loads, ms", heart.stop())
        window._closing_confirmed = True
        window.close()
        window.deleteLater()
        app.processEvents()


def measure(folder: Path, runs: int) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication([])
    runner = Runner()
    heart = Heartbeat()
    results: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)
        print(f"  {name}: {value:.1f}", file=sys.stderr, flush=True)

    heart.start()
    started = time.perf_counter()
    call(app, runner, lambda b: b.open(Session.unlock(folder, PASSPHRASE)).info())
    note("unlock (Argon2id + open), s", time.perf_counter() - started)
    note("GUI stall during unlock, ms", heart.stop())
    first_page_in_main_window(app, runner, folder, note)

    # Baseline: the same heartbeat with nothing to do (what the machine's load alone causes).
    heart.start()
    end = time.perf_counter() + 2.0
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    note("GUI stall when idle (baseline of this machine's load), ms", heart.stop())

    view = CaseListView(runner)
    view.resize(1200, 800)
    view.show()
    labels = call(app, runner, lambda b: b.require().labels("de"))
    view.set_labels(labels, [])
    model = view.model
    wait_for(app, lambda: not runner.busy)
    for _ in range(runs):
        heart.start()
        for sort_key, descending, label in (("opened_on", True, "first page (newest first)"),
                                            ("number", False, "re-sort by case number"),
                                            ("client", False, "re-sort by client")):
            model.sort_key, model.descending = sort_key, descending
            started = time.perf_counter()
            model.reload()
            wait_for(app, lambda: not model.loading)
            view.table.viewport().update()
            app.processEvents()
            note(f"{label}, ms", (time.perf_counter() - started) * 1000)
            wait_for(app, lambda: model.complete)
            note(f"{label}: all ids (jump anywhere), ms", (time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        model.set_filter(CaseFilter(), "Yılmaz")
        wait_for(app, lambda: not model.loading and model.complete)
        note("search 'Yılmaz' (≤ 500 hits), ms", (time.perf_counter() - started) * 1000)
        note("GUI stall while loading, sorting, searching, ms", heart.stop())
        heart.start()
        model.set_filter(CaseFilter(), "")
        wait_for(app, lambda: not model.loading and model.complete)
        rows = model.rowCount()
        rng = random.Random(7)
        started = time.perf_counter()
        for _jump in range(50):
            view.table.scrollTo(model.index(rng.randrange(rows), 0))
            app.processEvents()

            def visible_loaded() -> bool:
                view.table.viewport().update()  # painted by the event loop, as in use
                first = max(view.table.rowAt(0), 0)
                last = view.table.rowAt(view.table.viewport().height() - 1)
                last = model.rowCount() - 1 if last < 0 else last
                return all(b in model._blocks for b in range(first // BLOCK_SIZE, last // BLOCK_SIZE + 1))

            wait_for(app, visible_loaded)
        note("scroll: jump + fetch + paint, ms per jump", (time.perf_counter() - started) * 1000 / 50)
        note("GUI stall while scrolling, ms", heart.stop())

        def raw(backend: Backend) -> float:
            session = backend.require()
            begin = time.perf_counter()
            session.case_listing(CaseFilter(), "opened_on", True)  # the first block alone
            return (time.perf_counter() - begin) * 1000

        note("raw limit: first block on the worker, ms", call(app, runner, raw))
    note("cases", model.rowCount())
    runner.shutdown()
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--make", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.make:
        make_store(args.store, args.make)
    results = measure(args.store, args.runs)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    for name, values in results.items():
        print(f"{name:55s} median {statistics.median(values):9.1f}   max {max(values):9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
