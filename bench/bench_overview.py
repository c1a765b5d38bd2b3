"""The start page "Übersicht" at 100 000 cases: how soon after unlocking it shows.

    python bench/bench_overview.py --store DIR [--seed-week] [--runs 5]

DIR is a benchmark store (passphrase ``bench-passphrase``, e.g. a copy of one made by
``bench/generate.py``; an older schema is upgraded when it opens). ``--seed-week`` first
adds the counselor's week to it once: 20 000 follow-ups (a tenth of them open and due
within the week or overdue), 20 000 appointments spread over two years, 40 office hours.

Measured, as medians over ``--runs`` runs of the real app (``AppController``, its worker):
- unlock -> start page shown: from the main window's creation (unlock done) until the
  start page has its first part on screen (``OverviewPage.shown``, after one paint);
  the issue's target: within 200 ms at 100 000 cases;
- unlock -> the next handover's cases shown (the second, costlier part);
- the raw reads alone in this process (``OverviewService.today`` and ``next_handover``),
  as the floor the page is compared to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/common.py

from beratungsdesk.core import model
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.services.overview import OverviewService
from beratungsdesk.storage.store import Store
from common import machine

PASSPHRASE = "bench-passphrase"


def wait_for(app: QApplication, condition, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError
        app.processEvents()
        time.sleep(0.0005)


def seed_week(folder: Path) -> None:
    """Follow-ups, appointments and office hours on the store's cases, in one transaction."""
    rng = random.Random(18)
    today = dt.date.today()
    with Store.open(folder, PASSPHRASE) as store:
        case_ids = [row[0] for row in store.conn.execute("SELECT id FROM cases WHERE deleted = 0")]
        towns = [row[0] for row in store.conn.execute("SELECT code FROM terms WHERE kind = 'town'")]
        with store.unit_of_work() as uow:
            for number in range(20_000):
                open_now = number % 10 == 0
                due = today + dt.timedelta(days=rng.randint(-20, 7) if open_now else rng.randint(-700, -8))
                uow.insert(model.FollowUp(case_id=rng.choice(case_ids), due_on=due,
                                          what=f"Wiedervorlage {number}", done=not open_now))
            for _ in range(20_000):
                day = today + dt.timedelta(days=rng.randint(-700, 60))
                start = f"{rng.randint(8, 18):02d}:{rng.choice(('00', '30'))}"
                uow.insert(model.Appointment(case_id=rng.choice(case_ids), date=day, start_time=start,
                                             duration_min=60, town=rng.choice(towns),
                                             status="kept" if day < today else "planned"))
            for number in range(40):
                uow.insert(model.OfficeHour(weekday=number % 5 + 1, start_time="09:00", end_time="12:00",
                                            town=towns[number % len(towns)]))
    print("seeded: 20 000 follow-ups, 20 000 appointments, 40 office hours")


def one_run(app: QApplication, folder: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as settings_folder:
        settings = AppSettings(QSettings(str(Path(settings_folder) / "settings.ini"),
                                         QSettings.Format.IniFormat))
        settings.auto_handover = False
        controller = AppController(app, folder, settings)
        try:
            controller.start()
            window = controller.window
            assert isinstance(window, UnlockWindow) and controller.preloader is not None
            preloader = controller.preloader
            wait_for(app, lambda: preloader.done)
            window.passphrase.setText(PASSPHRASE)
            window.unlock()
            wait_for(app, lambda: controller.main is not None)
            unlocked = time.perf_counter()
            main = controller.main
            assert main is not None and main.current_page() == "overview"
            page = main.overview
            wait_for(app, lambda: page.data is not None)
            page.repaint()  # the first part is on screen
            shown = time.perf_counter() - unlocked
            wait_for(app, lambda: page.preview is not None)
            preview = time.perf_counter() - unlocked
            wait_for(app, lambda: not controller.runner.busy)
            main._closing_confirmed = True
            return shown, preview
        finally:
            controller.shutdown()
            for widget in QApplication.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            app.processEvents()


def raw_reads(folder: Path, runs: int) -> tuple[float, float]:
    with Store.open(folder, PASSPHRASE) as store:
        service = OverviewService(store)
        service.today()  # warm, as the app's page cache is after unlocking
        today = []
        handover = []
        for _ in range(runs):
            start = time.perf_counter()
            service.today()
            today.append(time.perf_counter() - start)
            start = time.perf_counter()
            service.next_handover()
            handover.append(time.perf_counter() - start)
    return statistics.median(today), statistics.median(handover)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--seed-week", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.seed_week:
        seed_week(args.store)
    app = QApplication.instance() or QApplication(sys.argv)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {machine()}, load {os.getloadavg()}")
    with Store.open(args.store, PASSPHRASE) as store:
        cases = store.conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    print(f"store: {cases} cases")
    samples = [one_run(app, args.store) for _ in range(args.runs)]
    shown = statistics.median(s[0] for s in samples) * 1000
    preview = statistics.median(s[1] for s in samples) * 1000
    today, handover = raw_reads(args.store, args.runs)
    print(f"unlock -> start page shown, ms (median of {args.runs}): {shown:.0f}  "
          f"(runs: {', '.join(f'{s[0] * 1000:.0f}' for s in samples)})")
    print(f"unlock -> next handover shown, ms: {preview:.0f}")
    print(f"raw reads: today {today * 1000:.1f} ms, next handover {handover * 1000:.1f} ms; "
          f"page / raw today: {shown / (today * 1000):.1f}x")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
