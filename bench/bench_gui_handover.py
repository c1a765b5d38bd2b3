"""The GUI thread during a handover: the real handover page, the real worker thread.

    .venv/bin/python bench/bench_gui_handover.py [--changes 20000] [--attachments 20]
                                                  [--office-store DIR] [--runs 3] [--load N]

Each run builds a laptop store with ``--changes`` new changes (mostly contacts, as in use)
and ``--attachments`` documents of 1 MB, enrolled at an office store: an empty one, or a
copy of ``--office-store`` (e.g. the 100 000-case store of ``bench_reports.py``,
passphrase ``bench-passphrase``). Then, offscreen, with a 5 ms heartbeat on the GUI thread:

1. the laptop's handover page runs "Übergeben" (export to the folder);
2. the office's handover page runs it (import of the bundle in one transaction, receipt
   and reply written);
3. the laptop's page runs it again (receipt and reply taken in).

Reported per step, as medians over the runs: the wall time until the page shows the result,
and the longest gap between heartbeats (the issue's target: < 100 ms). ``--no-freeze``
leaves out the app's ``gc.freeze`` after start-up (``gui/memory.py``), for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from tests.integration.sync_helpers import enroll

from bench_gui import PASSPHRASE, Heartbeat, call, wait_for
from beratungsdesk.core import model
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.handover_view import HandoverView
from beratungsdesk.gui.memory import freeze_long_lived, thaw
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store
from common import busy_processes, machine

MB = 1024 * 1024


def build(root: Path, changes: int, attachments: int, office_store: Path | None) -> tuple[Path, Path]:
    """An office (empty or a copy) and an enrolled laptop with new work; both closed again."""
    office_folder, laptop_folder = root / "office", root / "laptop"
    if office_store:
        shutil.copytree(office_store, office_folder, ignore=shutil.ignore_patterns("store.lock"))
        office = Store.open(office_folder, PASSPHRASE)
    else:
        office = Store.create(office_folder, PASSPHRASE, "office", "office", kdf_seconds=0)
    laptop = Store.create(laptop_folder, PASSPHRASE, "counselor", "laptop", kdf_seconds=0)
    try:
        enroll(office, laptop, "Bench", root / "enroll")
        counselor = laptop.meta("counselor_id")
        cases = max(1, changes // 20)
        entities: list[model.Entity] = []
        case_ids = []
        for number in range(cases):
            client = model.Client(code=f"H-{number:06d}")
            case = model.Case(number=f"2024-H-{number:06d}", client_id=client.id,
                              opened_on=dt.date(2024, 1, 1), area="work", counselor_id=counselor)
            entities += [client, case]
            case_ids.append(case.id)
        entities += [model.Contact(case_id=case_ids[i % cases], date=dt.date(2024, 2, 1),
                                   duration_min=30, channel="phone")
                     for i in range(changes - 2 * cases - attachments)]
        with laptop.unit_of_work() as uow:
            uow.insert_many(entities)
        service = CaseService(laptop)
        for number in range(attachments):
            service.add_attachment(case_ids[number % cases], f"scan{number}.bin", os.urandom(MB))
    finally:
        office.close()
        laptop.close()
    return office_folder, laptop_folder


def handover_through_page(app: QApplication, folder: Path, stick: Path, settings_file: Path,
                          freeze: bool) -> tuple[float, int]:
    """Open ``folder``'s store on a worker, press the page's handover button; (seconds, stall ms)."""
    runner = Runner()
    try:
        info = call(app, runner, lambda b: b.open(Session.unlock(folder, PASSPHRASE)).info())
        settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        settings.handover_folder = str(stick)
        page = HandoverView(runner, settings, info)
        page.resize(1000, 700)
        page.show()
        wait_for(app, lambda: not runner.busy)
        if freeze:
            freeze_long_lived()  # as the main window does once all its pages are built
        heart = Heartbeat()
        heart.start()
        started = time.perf_counter()
        page.run()
        wait_for(app, lambda: page.run_button.isEnabled() and not runner.busy, timeout=900)
        seconds = time.perf_counter() - started
        stall = heart.stop()
        page.close()
        page.deleteLater()
        thaw()
        app.processEvents()
        return seconds, stall
    finally:
        runner.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--attachments", type=int, default=20)
    parser.add_argument("--office-store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-freeze", action="store_true")
    parser.add_argument("--load", type=int, default=0, metavar="N",
                        help="run N CPU-bound processes beside the handovers (they stop by themselves)")
    args = parser.parse_args()
    with busy_processes(args.load):
        results = measure(args)
    office_note = f"office: copy of {args.office_store}" if args.office_store else "office: empty store"
    if args.no_freeze:
        office_note += "; without gc.freeze"
    print(f"\n{args.changes} changes, {args.attachments} documents of 1 MB; {office_note}; "
          f"medians of {args.runs} runs; {args.load} busy processes beside, "
          f"load average {os.getloadavg()[0]:.2f}")
    for name, values in results.items():
        print(f"{name:<60} median {statistics.median(values):9.2f}   max {max(values):9.2f}")
    return 0


def measure(args: argparse.Namespace) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication([])
    steps = ("laptop hands over (export)", "office hands over (import, receipt, reply)",
             "laptop hands over again (receipt and reply in)")
    results: dict[str, list[float]] = {}
    print(f"machine: {machine()}", flush=True)
    for run in range(args.runs):
        root = Path(tempfile.mkdtemp(prefix="bench-gui-handover-"))
        try:
            started = time.perf_counter()
            office, laptop = build(root, args.changes, args.attachments, args.office_store)
            print(f"run {run + 1}: stores built in {time.perf_counter() - started:.1f} s", flush=True)
            stick = root / "stick"
            stick.mkdir()
            for step, folder in zip(steps, (laptop, office, laptop), strict=True):
                seconds, stall = handover_through_page(app, folder, stick, root / f"{folder.name}.ini",
                                                      not args.no_freeze)
                print(f"  {step}: {seconds:.2f} s, GUI stall {stall} ms", flush=True)
                results.setdefault(f"{step}, s", []).append(seconds)
                results.setdefault(f"{step}: GUI stall, ms", []).append(stall)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return results


if __name__ == "__main__":
    raise SystemExit(main())
