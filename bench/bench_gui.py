"""Desktop app responsiveness on a large store (offscreen Qt, the real worker thread).

    python bench/bench_gui.py --store DIR [--make 100000] [--runs 5] [--load 2] [--cache-mib M]

``--make N`` first creates DIR as an office store with N demo cases (takes a
while for 100 000). The passphrase of benchmark stores is ``bench-passphrase``.

Measured, as medians over ``--runs`` runs:
- first page: from asking the case list model to load until its rows are there
  (the issue's target: < 200 ms at 100 000 cases), and the raw queries alone
  (the first block) as the limit it is compared to;
- re-sorting by case number and by client, and a search as typed;
- scrolling: jumping to 50 random positions and painting each time;
- the longest stall of the GUI thread during all of that and during unlocking
  (a 5 ms heartbeat timer; issue 16: <= 50 ms quiet, <= 100 ms with ``--load 2``);
- process start -> unlock window painted (a fresh ``beratungsdesk --data-dir DIR``
  offscreen, issue 16: <= 0.6 s);
- once per process, the app's own flow (``AppController``): the passphrase typed into the
  unlock window, then the main window until its first rows, its rows with the count
  (issue 16: <= 1 s including the cold count), every start-up job and every page, with the
  GUI stall over all of it;
- the peak RSS (VmHWM): with unlocking (Argon2id's memory), and after unlocking with the
  main window and the short report over every case, and again after every list above
  (issue 16: <= 300 MB). ``--cache-mib`` sets another page cache to see what the 128 MiB
  of ``storage/connection.py`` buy.

``--load N`` runs N CPU-bound processes beside the whole measurement (each ends by itself
after 15 minutes at the latest, and when the benchmark ends).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/common.py

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_list import CaseListView
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services import demo
from beratungsdesk.services.session import Session
from beratungsdesk.services.session_cases import BLOCK_SIZE, CaseFilter
from beratungsdesk.services.stores import init_store
from common import busy_processes, peak_rss_mb, reset_peak_rss

PASSPHRASE = "bench-passphrase"

#: Run in a fresh interpreter: the app as ``beratungsdesk --data-dir DIR`` starts it, plus an
#: event filter that prints "shown" at the unlock window's first paint and ends the app.
#: The filter needs no import of the app (it looks at class names), so the child does
#: exactly the work of a real start before that paint.
_START_CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "UnlockWindow":
            print("shown", flush=True)
            QApplication.instance().removeEventFilter(self)
            QApplication.instance().exit(0)
        return False

app = QApplication([sys.argv[0]])
spy = FirstPaint()
app.installEventFilter(spy)
from beratungsdesk.launch import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


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


def unlock_into_main_window(app: QApplication, folder: Path, note) -> None:
    """What a user sees: the app's unlock window, the passphrase, then the whole main window.

    Runs the real ``AppController`` (its own worker), as ``beratungsdesk`` does after start:
    the unlock window is shown and the main window's code preloaded behind it (as while the
    passphrase is typed); then, with the heartbeat running, the unlock, the hand-over to the
    main window and its start-up jobs (labels, first rows, every id with the count, handover
    state) and the pages built in idle time, until all of that is done.
    """
    with tempfile.TemporaryDirectory() as settings_folder:
        settings = AppSettings(QSettings(str(Path(settings_folder) / "settings.ini"),
                                         QSettings.Format.IniFormat))
        controller = AppController(app, folder, settings)
        try:
            controller.start()
            window = controller.window
            assert isinstance(window, UnlockWindow) and controller.preloader is not None
            preloader = controller.preloader
            wait_for(app, lambda: preloader.done)
            heart = Heartbeat()
            heart.start()
            started = time.perf_counter()
            window.passphrase.setText(PASSPHRASE)
            window.unlock()
            wait_for(app, lambda: controller.main is not None)
            unlocked = time.perf_counter()
            note("unlock in the unlock window (Argon2id + open), s", unlocked - started)
            # Argon2id's memory (the store's KDF memory cost, freed again) makes this peak.
            note("peak RSS (VmHWM) with unlocking, MB", peak_rss_mb())
            reset_peak_rss()
            main = controller.main
            assert main is not None
            model = main.cases.list.model
            wait_for(app, lambda: model.rowCount() > 0)
            note("main window after unlock: first rows shown, ms", (time.perf_counter() - unlocked) * 1000)
            wait_for(app, lambda: model.complete)
            note("main window after unlock: rows and count shown, ms",
                 (time.perf_counter() - unlocked) * 1000)

            def all_built() -> bool:
                return (main.cases.built_editor() is not None and not controller.runner.busy
                        and all(name in main._built for name in main._page_names if name != "cases"))

            wait_for(app, all_built)
            note("main window after unlock: every job done, every page built, ms",
                 (time.perf_counter() - unlocked) * 1000)
            note("GUI stall while unlocking and the main window loads, ms", heart.stop())
            build_report(app, controller.runner, note)
            note("peak RSS (VmHWM) after unlocking: main window, case list, report built, MB",
                 peak_rss_mb())
            main._closing_confirmed = True
        finally:
            controller.shutdown()
            for widget in QApplication.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            app.processEvents()


def start_to_unlock_window(folder: Path, runs: int) -> list[float]:
    """Seconds from starting the app's process until its unlock window is painted.

    Settings go to a temporary folder (``XDG_CONFIG_HOME``), so neither the user's
    settings nor the measurement depend on each other.
    """
    times = []
    with tempfile.TemporaryDirectory() as config:
        env = dict(os.environ, XDG_CONFIG_HOME=config, QT_QPA_PLATFORM="offscreen")
        for _ in range(runs):
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", _START_CHILD, str(folder)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            assert child.stdout is not None
            line = child.stdout.readline()
            shown = time.perf_counter() - started
            child.wait(timeout=60)
            if line.strip() != "shown":
                raise RuntimeError("the app ended without showing its unlock window")
            times.append(shown)
    return times


def build_report(app: QApplication, runner: Runner, note) -> None:
    """The short report over every case (the widest period), as the statistics page builds it."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "kurzbericht.pdf"
        started = time.perf_counter()
        call(app, runner, lambda b: b.require().reports.kurzbericht(dt.date(2000, 1, 1), dt.date.today(),
                                                            target, False))
        note("short report over every case, s", time.perf_counter() - started)


def set_cache(app: QApplication, runner: Runner, cache_mib: int) -> None:
    """Bench only: a different SQLite page cache for the open store (``--cache-mib``)."""
    call(app, runner, lambda b: b.require().store.conn.execute(
        f"PRAGMA cache_size = -{cache_mib * 1024}").fetchall())


def measure(folder: Path, runs: int, cache_mib: int = 0) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication([])
    results: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)
        print(f"  {name}: {value:.1f}", file=sys.stderr, flush=True)

    unlock_into_main_window(app, folder, note)  # closes the store again
    runner = Runner()
    heart = Heartbeat()

    heart.start()
    started = time.perf_counter()
    call(app, runner, lambda b: b.open(Session.unlock(folder, PASSPHRASE)).info())
    note("unlock again (worker only), s", time.perf_counter() - started)
    note("GUI stall during unlock, ms", heart.stop())
    reset_peak_rss()  # as above: the peak after unlocking
    if cache_mib:
        set_cache(app, runner, cache_mib)

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
    labels = call(app, runner, lambda b: b.require().office.labels("de"))
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
            session.cases.case_listing(CaseFilter(), "opened_on", True)  # the first block alone
            return (time.perf_counter() - begin) * 1000

        note("raw limit: first block on the worker, ms", call(app, runner, raw))
    note("cases", model.rowCount())
    build_report(app, runner, note)
    note("peak RSS (VmHWM) after unlocking again: every list used, report built, MB", peak_rss_mb())
    runner.shutdown()
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--make", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="run N CPU-bound processes beside the measurement (they stop by themselves)")
    parser.add_argument("--cache-mib", type=int, default=0,
                        help="SQLite page cache of the open store in MiB (default: the app's)")
    args = parser.parse_args()
    if args.make:
        make_store(args.store, args.make)
    with busy_processes(args.load):
        started = start_to_unlock_window(args.store, args.runs)
        results = measure(args.store, args.runs, args.cache_mib)
    results = {"process start -> unlock window shown, s": started, **results}
    print(f"load: {args.load} busy processes beside; load average {os.getloadavg()[0]:.2f}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    for name, values in results.items():
        digits = 3 if name.endswith(", s") else 1
        print(f"{name:60s} median {statistics.median(values):9.{digits}f}   max {max(values):9.{digits}f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
