"""Does the worker *thread* (sharing the GIL) stall the GUI, or is it the CPU? Same run, three ways.

    python bench/bench_gui_gil.py --store DIR [--seconds 4] [--runs 3] [--load N]

The GUI thread shows the real case list offscreen and repaints it every 16 ms (as while
scrolling), with the 5 ms heartbeat of ``bench_gui.py`` recording the longest gap. Beside it,
for ``--seconds`` each:

- ``idle``: nothing else runs in the app;
- ``thread``: a Python thread of the same process does store work as the app's worker does
  (case rows block by block, searches as typed, the statistics), so it competes for the GIL;
- ``process``: a separate process does exactly the same work on its own copy of the store
  (what a worker *process* owning the store would cost the GUI: CPU, but no GIL).

If ``thread`` stalls much longer than ``process``, the GIL is the cause and a worker process
would help; if both are alike, the CPU is (and only less work or fewer competitors help).
DIR is copied once to a temporary folder for the process (a store opens in one process only),
so use a store of moderate size (e.g. 20 000 cases, ~250 MB).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench_gui import PASSPHRASE, Heartbeat, call, wait_for
from beratungsdesk.gui.case_list import CaseListView
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session import Session
from common import busy_processes

#: The store work, run either in a thread of this process or as a separate process.
_WORK = """
import datetime as dt, random, sys, time
from pathlib import Path
from beratungsdesk.services.session_cases import CaseFilter

def work(session, seconds):
    ids = session.cases.case_ids(CaseFilter(), "opened_on", True)
    rng = random.Random(3)
    end = time.perf_counter() + seconds
    rounds = 0
    while time.perf_counter() < end:
        start = rng.randrange(max(len(ids) - 200, 1))
        session.cases.case_rows(ids[start:start + 200])
        session.cases.case_listing(CaseFilter(), "opened_on", True, rng.choice(["Yıl", "Müll", "Schm", "Ko"]))
        if rounds % 10 == 0:
            session.reports.statistics(dt.date(2000, 1, 1), dt.date.today(), False, "de")
        rounds += 1
    return rounds

if __name__ == "__main__":
    session = Session.unlock(Path(sys.argv[1]), sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()
    print(work(session, float(sys.argv[3])), flush=True)
    session.close()
"""


def _work_module() -> dict:
    namespace: dict = {"__name__": "bench_gil_work"}
    exec(compile(_WORK, "bench_gil_work", "exec"), namespace)  # our own text above
    return namespace


def repainting(app: QApplication, view: CaseListView, seconds: float, heart: Heartbeat,
               busy: threading.Event | None = None) -> int:
    """Repaint the list every 16 ms for ``seconds``; the longest heartbeat gap, ms."""
    painter = QTimer()
    painter.setInterval(16)
    painter.timeout.connect(view.table.viewport().repaint)
    heart.start()
    painter.start()
    end = time.perf_counter() + seconds
    wait_for(app, lambda: time.perf_counter() > end and (busy is None or not busy.is_set()),
             timeout=seconds + 120)
    painter.stop()
    return heart.stop()


def _run_then_clear(work, session: Session, seconds: float, busy: threading.Event,
                    rounds: list[int]) -> None:
    try:
        rounds.append(work(session, seconds))
    finally:
        busy.clear()


def measure(folder: Path, copy: Path, seconds: float, runs: int) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication([])
    runner = Runner()  # the app's switch interval and worker; the view's rows come from it
    call(app, runner, lambda b: b.open(Session.unlock(folder, PASSPHRASE)).info())
    view = CaseListView(runner)
    view.resize(1200, 800)
    view.show()
    view.set_labels(call(app, runner, lambda b: b.require().office.labels("de")), [])
    view.apply_filter()
    wait_for(app, lambda: view.model.complete and not runner.busy)
    view.table.scrollTo(view.model.index(random.Random(1).randrange(view.model.rowCount()), 0))
    wait_for(app, lambda: not runner.busy)
    work = _work_module()["work"]
    own = Session.unlock(copy, PASSPHRASE)  # the thread's own connection (as a second worker)
    heart = Heartbeat()
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        results.setdefault("idle", []).append(repainting(app, view, seconds, heart))

        busy = threading.Event()
        busy.set()
        rounds: list[int] = []
        worker = threading.Thread(target=_run_then_clear, args=(work, own, seconds, busy, rounds))
        worker.start()
        results.setdefault("thread", []).append(repainting(app, view, seconds, heart, busy))
        worker.join()
        results.setdefault("rounds of work done by the thread", []).append(rounds[0])

        own.close()
        child = subprocess.Popen([sys.executable, "-c", _WORK, str(copy), PASSPHRASE, str(seconds)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdin is not None and child.stdout is not None
        child.stdout.readline()  # "ready": unlocked (Argon2id is not part of the comparison)
        child.stdin.write("go\n")
        child.stdin.flush()
        results.setdefault("process", []).append(repainting(app, view, seconds, heart))
        results.setdefault("rounds of work done by the process", []).append(int(child.stdout.readline()))
        child.wait(timeout=120)
        own = Session.unlock(copy, PASSPHRASE)
        for name, values in results.items():
            print(f"  {name}: {values[-1]}", file=sys.stderr, flush=True)
    own.close()
    runner.shutdown()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="run N CPU-bound processes beside the measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "store"
        shutil.copytree(args.store, copy, ignore=shutil.ignore_patterns("store.lock"))
        with busy_processes(args.load):
            results = measure(args.store, copy, args.seconds, args.runs)
    print(f"load: {args.load} busy processes beside; load average {os.getloadavg()[0]:.2f}")
    for name, values in results.items():
        label = name if name.startswith("rounds") else f"longest GUI gap, store work: {name}, ms"
        print(f"{label:45s} median {statistics.median(values):6.1f}  max {max(values):6.1f}  "
              f"({', '.join(f'{v:.0f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
