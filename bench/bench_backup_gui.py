"""The GUI thread while the office backs up: the longest stall, against the same window idle.

    python bench/bench_backup_gui.py --store DIR [--runs 3]

The real case list is shown offscreen and repainted every 16 ms (as while scrolling), a 5 ms
heartbeat records the longest gap on the GUI thread. ``idle``: nothing else runs; ``backup``:
the app's worker thread runs "Back up now" (``create_checked``: write lock, counts, the copy with
its MAC, fsync, the checksum check) into a scratch folder, as the office page does. DIR is copied
to a scratch folder first; the passphrase of benchmark stores is ``bench-passphrase``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
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
from common import machine, scratch_store


def longest_gap(app: QApplication, view: CaseListView, heart: Heartbeat, done) -> int:
    painter = QTimer()
    painter.setInterval(16)
    painter.timeout.connect(view.table.viewport().repaint)
    heart.start()
    painter.start()
    wait_for(app, done, timeout=600)
    painter.stop()
    return heart.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-gui-", dir=args.store.parent) as scratch_dir:
        scratch = Path(scratch_dir)
        folder = scratch_store(args.store, scratch)
        out = scratch / "backups"
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        print(f"{machine()}; load {os.getloadavg()[0]:.1f}; {when}")
        app = QApplication.instance() or QApplication([])
        runner = Runner()
        call(app, runner, lambda b: b.open(Session.unlock(folder, PASSPHRASE)).info())
        view = CaseListView(runner)
        view.resize(1200, 800)
        view.show()
        view.set_labels(call(app, runner, lambda b: b.require().office.labels("de")), [])
        view.apply_filter()
        wait_for(app, lambda: view.model.complete and not runner.busy)
        heart = Heartbeat()
        idle, during, seconds = [], [], []
        for _ in range(args.runs):
            end = time.perf_counter() + 3
            idle.append(longest_gap(app, view, heart, lambda end=end: time.perf_counter() > end))
            finished: list[object] = []
            started = time.perf_counter()
            runner.call(lambda b: b.require().backup.create_checked(out), finished.append)
            during.append(longest_gap(app, view, heart, lambda finished=finished: bool(finished)))
            seconds.append(time.perf_counter() - started)
            for made in out.glob("*.bdbackup"):
                made.unlink()
        runner.shutdown()
    print(f"idle: longest GUI stall median {statistics.median(idle)} ms {idle}")
    print(f"backup: longest GUI stall median {statistics.median(during)} ms {during}; "
          f"backup took {statistics.median(seconds):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
