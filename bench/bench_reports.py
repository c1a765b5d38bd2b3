"""Benchmark: figures and the short report over 100 000 cases (about a million contacts).

    .venv/bin/python bench/bench_reports.py [--store DIR] [--cases 100000] [--runs 5]

Targets (issue 4): the statistics alone under 1 s, the whole short report under
3 s, medians of several runs. The store is made once with the demo generator's
bulk path and kept in DIR (default: a folder in the system temp directory) for
later runs; it contains synthetic data only.

Measured:
- ``upgrade``: opening a store of schema 4 the first time, when migration 5
  sums up every case, contact and intervention once (only if the store is old);
- ``raw scan``: one pass each over the cases and the contacts of the period
  (count and sum, nothing grouped): the floor of any figures that *read the
  tables*; since schema 5 the statistics read running sums instead and beat it;
- ``scanned figures``: the same figures counted from the tables (the reference
  the tests compare with, and how schema 4 computed them);
- ``statistics (warm)``: ``ReportService.statistics`` on an open store;
- ``statistics, sums only``: the same without the cases by month, age band, gender and
  counselor (the short report's call), which need one pass over the period's cases;
- ``statistics (reopened)``: the same right after opening the store, so every
  page is decrypted again (what the first click after unlocking costs);
- ``kurzbericht``: statistics + profile + PDF build + atomic write; the first
  build in a process also pays the reportlab import and font registration,
  reported separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/common.py

from beratungsdesk.services import demo
from beratungsdesk.services.reports import ReportService
from beratungsdesk.services.stores import ROLE_OFFICE, Store, init_store, open_store, store_exists
from beratungsdesk.storage import statistics as stats_queries
from common import machine

PASSPHRASE = "bench-passphrase"
TODAY = dt.date(2022, 6, 30)
START, END = TODAY - dt.timedelta(days=365), TODAY


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def prepare(folder: Path, cases: int) -> None:
    started, done = folder / "bench-generating", folder / "bench-complete"
    if store_exists(folder) and done.exists():
        return
    if started.exists():  # an interrupted generation of ours: start again
        shutil.rmtree(folder)
    elif folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} holds something else; choose an empty folder with --store")
    print(f"generating {cases} cases in {folder} (once) ...", flush=True)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    started.write_text("", encoding="utf-8")
    began = time.perf_counter()
    with init_store(folder, PASSPHRASE, ROLE_OFFICE, "Benchmark", 0.0) as store:
        summary = demo.fill(store, cases=cases, seed=7, today=TODAY, contacts_per_case=10.0,
                            batch=5000)
    done.write_text(f"{cases}\n", encoding="utf-8")
    print(f"  {summary.cases} cases, {summary.contacts} contacts, {summary.interventions} "
          f"interventions, {summary.notes} notes in {time.perf_counter() - began:.0f} s", flush=True)


def raw_scan(store: Store) -> None:
    # The floor: read every case and every contact of the period once, no grouping.
    stats_queries.raw_scan(store.conn, START, END)


def report(label: str, samples: list[float], limit: float | None = None) -> float:
    median = statistics.median(samples)
    extra = f"  target < {limit:.1f} s: {'met' if median < limit else 'MISSED'}" if limit else ""
    print(f"{label:<28} median {median:6.3f} s  (min {min(samples):.3f}, max {max(samples):.3f}, "
          f"n={len(samples)}){extra}", flush=True)
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "beratungsdesk-bench-reports")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    prepare(args.store, args.cases)
    # A store written by schema 4 is upgraded here (its figures summed up once).
    first_open = timed(lambda: open_store(args.store, PASSPHRASE).close())
    print(f"{'first open (with upgrade)':<28} {first_open:6.1f} s", flush=True)

    reopened = []
    for _ in range(args.runs):
        with open_store(args.store, PASSPHRASE) as store:
            reopened.append(timed(lambda s=store: ReportService(s).statistics(START, END)))
    report("statistics (reopened)", reopened, 1.0)

    with open_store(args.store, PASSPHRASE) as store, tempfile.TemporaryDirectory() as temp:
        service = ReportService(store)
        figures = service.statistics(START, END)
        print(f"period {START} – {END}: {figures.cases.value} cases, {figures.contacts.value} "
              f"contacts, {figures.hours_total} h", flush=True)
        raw = [timed(lambda s=store: raw_scan(s)) for _ in range(args.runs)]
        report("raw scan (floor)", raw)
        scanned = [timed(lambda s=store: stats_queries.scanned_period_figures(s.conn, START, END))
                   for _ in range(3)]
        report("scanned figures (reference)", scanned)
        warm = [timed(lambda: service.statistics(START, END)) for _ in range(args.runs)]
        report("statistics (warm)", warm, 1.0)
        # Without the cases by month, age band, gender and counselor (the short report's call):
        # the difference is the one pass over the period's cases those need.
        basic = [timed(lambda: service.statistics(START, END, who_and_when=False))
                 for _ in range(args.runs)]
        report("statistics, sums only", basic, 1.0)
        out = Path(temp) / "kurzbericht.pdf"
        first = timed(lambda: service.kurzbericht(START, END, out, as_of=TODAY))
        builds = [timed(lambda: service.kurzbericht(START, END, out, as_of=TODAY))
                  for _ in range(args.runs)]
        size = out.stat().st_size

    print()
    print(machine())
    floor = report("raw scan (floor)", raw)
    reference = report("scanned figures (reference)", scanned)
    stats_warm = report("statistics (warm)", warm, 1.0)
    report("statistics (reopened)", reopened, 1.0)
    basic_warm = report("statistics, sums only", basic, 1.0)
    report("kurzbericht (warm)", builds, 3.0)
    print(f"{'kurzbericht (first, cold)':<28} {first:6.3f} s  (includes importing reportlab)")
    print(f"ratio statistics / raw scan: {stats_warm / floor:.3f}; statistics / scanned figures: "
          f"{stats_warm / reference:.3f}; with / without the who-and-when pass: "
          f"{stats_warm / basic_warm:.2f}; PDF size {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
