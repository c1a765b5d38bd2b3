"""Spreadsheet import of cases against the raw SQLCipher insert of the same rows.

    .venv/bin/python bench/bench_import.py              # 10 000 rows, 5 runs each
    .venv/bin/python bench/bench_import.py --rows 2000 --runs 3
    .venv/bin/python bench/bench_import.py --write-csv /tmp/faelle.csv --make-store /tmp/s

Writes a German Excel CSV (Windows-1252, ``;``, ``dd.mm.yyyy``, decimal comma,
German labels, counselors by name or initials, about one client in six coming
back with a second case, a third of the rows without a case number) and times,
alternating run by run:

- ``import``: ``import_cases`` of that file into a fresh store (the store is
  created before the clock starts, from a copy of a prepared empty store);
- ``raw``: the issue's reference, the limit of the encrypted store itself: a
  fresh SQLCipher file with the store's pragmas, the same numbers of client,
  case and intervention rows with random UUID keys, an index per reference and
  one full-text row per client and case, inserted with ``executemany`` in one
  transaction.

Prints the medians of wall and CPU time and their ratios. ``--write-csv`` and ``--make-store`` only
prepare the file and an empty store for timing the whole ``import-csv`` command
from outside, ``--raw-only`` runs the reference once as a process of its own
(see docs/benchmarks.md for the command lines).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from beratungsdesk.services.case_import import ImportReport, import_cases
from beratungsdesk.services.stores import init_store
from beratungsdesk.storage.connection import connect
from beratungsdesk.storage.store import Store
from common import machine

PASSPHRASE = "bench-passphrase"
#: A cheap KDF: the benchmark times the import, not the unlock.
KDF_SECONDS = 0.05

AREAS = ("Öffentliche Institutionen", "Bildung", "Wohnen", "Arbeit", "Alltag", "Gewalterfahrung",
         "Sonstiges")
GROUNDS = ("Rassistische Zuschreibung", "Ethnische Herkunft", "Religion", "Sprache",
           "Staatsangehörigkeit", "Aufenthaltsstatus", "Geschlecht")
INTERVENTIONS = ("Psychosoziale Beratung", "Begleitung Vermittlungsgespräch", "Beschwerdebrief",
                 "Testing", "Presse", "Rechtliche Unterstützung", "Klage", "Verweis an Fachstelle")
TOWNS = ("Erkrath", "Haan", "Heiligenhaus", "Hilden", "Langenfeld", "Mettmann", "Monheim am Rhein",
         "Ratingen", "Velbert", "Wülfrath")
#: Names and the initials some rows use instead (German sheets mix both).
COUNSELORS = (("Aylin Demir", "AD"), ("Jonas Okafor", "JO"), ("Marta Kowalczyk", "MK"),
              ("Thomas Becker", "TB"), ("Sabine Schröder", "SS"))
HEADER = "Fallnummer;Klient;Erstkontakt;Abschluss;Lebensbereich;Merkmale;Interventionen;Stunden;Ort;Berater"


def spreadsheet_text(rows: int, seed: int = 16) -> str:
    """A center's case sheet as German Excel saves it."""
    rng = random.Random(seed)
    first_day = dt.date(2019, 1, 1)
    lines = [HEADER]
    clients = 0
    per_year: dict[int, int] = {}
    for _ in range(rows):
        if clients and rng.random() < 0.15:
            client = rng.randrange(1, clients + 1)  # a person coming back with a second concern
        else:
            clients += 1
            client = clients
        opened = first_day + dt.timedelta(days=rng.randrange(4 * 365))
        per_year[opened.year] = per_year.get(opened.year, 0) + 1
        number = f"{opened.year}-{per_year[opened.year]:04d}" if rng.random() < 0.67 else ""
        closed = opened + dt.timedelta(days=rng.randrange(10, 250)) if rng.random() < 0.6 else None
        grounds = rng.sample(GROUNDS, rng.choice((1, 1, 2, 3)))
        kinds = rng.sample(INTERVENTIONS, rng.choice((0, 1, 1, 2, 3)))
        hours = rng.choice(("", "0,5", "1", "1,5", "2", "2,25", "3,5", "6", "9,5", "12"))
        name, initials = rng.choice(COUNSELORS)
        lines.append(";".join((
            number, f"K-{client:05d}", opened.strftime("%d.%m.%Y"),
            closed.strftime("%d.%m.%Y") if closed else "", rng.choice(AREAS), ", ".join(grounds),
            ", ".join(kinds), hours, rng.choice(TOWNS), initials if rng.random() < 0.3 else name)))
    return "\r\n".join(lines) + "\r\n"


def write_spreadsheet(path: Path, rows: int) -> None:
    path.write_bytes(spreadsheet_text(rows).encode("cp1252"))


def make_empty_store(folder: Path) -> None:
    init_store(folder, PASSPHRASE, "office", "Benchmark office", KDF_SECONDS).close()


# --- the raw reference --------------------------------------------------------------

_RAW_SCHEMA = (
    "CREATE TABLE clients (id TEXT PRIMARY KEY, code TEXT, town TEXT)",
    "CREATE TABLE cases (id TEXT PRIMARY KEY, number TEXT, client_id TEXT, opened_on TEXT, "
    "closed_on TEXT, status TEXT, counselor_id TEXT, area TEXT, grounds TEXT, incident_town TEXT)",
    "CREATE TABLE interventions (id TEXT PRIMARY KEY, case_id TEXT, type TEXT, date TEXT, status TEXT)",
    "CREATE INDEX cases_client ON cases(client_id)",
    "CREATE INDEX cases_counselor ON cases(counselor_id)",
    "CREATE INDEX interventions_case ON interventions(case_id)",
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, "
    "tokenize='unicode61 remove_diacritics 2')",
)


def raw_rows(report: ImportReport) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows shaped like the imported ones, with random UUID keys."""
    rng = random.Random(5)
    clients = [(str(uuid.uuid4()), f"K-{n:05d}", "hilden") for n in range(report.clients_new)]
    counselors = [str(uuid.uuid4()) for _ in range(5)]
    cases = [(str(uuid.uuid4()), f"2022-{n:05d}", clients[n % len(clients)][0], "2022-03-14",
              "2022-06-01", "closed", rng.choice(counselors), "housing", '["religion"]', "hilden")
             for n in range(report.cases)]
    interventions = [(str(uuid.uuid4()), cases[n % len(cases)][0], "complaint_letter", "2022-03-14",
                      "done") for n in range(report.interventions)]
    return clients, cases, interventions


def raw_insert(folder: Path, rows: tuple[list[tuple], list[tuple], list[tuple]]) -> None:
    clients, cases, interventions = rows
    conn = connect(folder / f"raw-{secrets.token_hex(4)}.db", secrets.token_bytes(32))
    try:
        for statement in _RAW_SCHEMA:
            conn.execute(statement)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO clients VALUES (?, ?, ?)", clients)
        conn.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cases)
        conn.executemany("INSERT INTO interventions VALUES (?, ?, ?, ?, ?)", interventions)
        conn.executemany("INSERT INTO search_fts(rowid, body) VALUES (?, ?)",
                         [(n, f"{row[1]}") for n, row in enumerate(clients + cases, start=1)])
        conn.execute("COMMIT")
    finally:
        conn.close()


# --- the import -----------------------------------------------------------------------

Timing = tuple[float, float]  # wall seconds, CPU seconds of this process


def timed_import(template: Path, work: Path, csv_path: Path) -> tuple[Timing, ImportReport]:
    folder = work / f"store-{secrets.token_hex(4)}"
    shutil.copytree(template, folder)
    store = Store.open(folder, PASSPHRASE)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = import_cases(store, csv_path)
        timing = (time.perf_counter() - start, time.process_time() - cpu)
    finally:
        store.close()
    shutil.rmtree(folder)
    return timing, report


def timed_raw(work: Path, rows: tuple[list[tuple], list[tuple], list[tuple]]) -> Timing:
    folder = work / f"raw-{secrets.token_hex(4)}"
    folder.mkdir()
    start, cpu = time.perf_counter(), time.process_time()
    raw_insert(folder, rows)
    timing = (time.perf_counter() - start, time.process_time() - cpu)
    shutil.rmtree(folder)
    return timing


def _print_medians(label: str, imports: list[float], raws: list[float]) -> None:
    import_median, raw_median = statistics.median(imports), statistics.median(raws)
    ratios = [a / b for a, b in zip(imports, raws, strict=True)]
    print(f"{label}: import_cases median {import_median:.3f} s (min {min(imports):.3f}, "
          f"max {max(imports):.3f}); raw insert median {raw_median:.3f} s (min {min(raws):.3f}, "
          f"max {max(raws):.3f}); ratio {import_median / raw_median:.1f} "
          f"(median of the pairs {statistics.median(ratios):.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write-csv", type=Path, help="only write the spreadsheet to this file")
    parser.add_argument("--make-store", type=Path, help="only create an empty store in this folder")
    parser.add_argument("--raw-only", metavar="CLIENTS,CASES,INTERVENTIONS",
                        help="only the raw reference, once, with these row counts (as a whole process)")
    args = parser.parse_args()
    if args.raw_only:
        clients, cases, interventions = (int(part) for part in args.raw_only.split(","))
        counts = ImportReport(clients_new=clients, cases=cases, interventions=interventions)
        with tempfile.TemporaryDirectory(prefix="bench-raw-") as temp:
            raw_insert(Path(temp), raw_rows(counts))
        return
    if args.write_csv or args.make_store:
        if args.write_csv:
            write_spreadsheet(args.write_csv, args.rows)
        if args.make_store:
            make_empty_store(args.make_store)
        return
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as temp:
        work = Path(temp)
        csv_path = work / "faelle.csv"
        write_spreadsheet(csv_path, args.rows)
        template = work / "template"
        make_empty_store(template)
        _, report = timed_import(template, work, csv_path)  # warm-up, and the row counts
        print(f"{args.rows} rows: {report.cases} cases, {report.clients_new} clients, "
              f"{report.interventions} interventions, {report.contacts} contacts, "
              f"{len(report.counselors_new)} counselors")
        rows = raw_rows(report)
        timed_raw(work, rows)
        imports: list[Timing] = []
        raws: list[Timing] = []
        for _ in range(args.runs):  # alternating, so a drift of the machine hits both
            imports.append(timed_import(template, work, csv_path)[0])
            raws.append(timed_raw(work, rows))
    _print_medians("wall", [wall for wall, _ in imports], [wall for wall, _ in raws])
    _print_medians("CPU ", [cpu for _, cpu in imports], [cpu for _, cpu in raws])
    print(f"finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC (medians of {args.runs} runs)")


if __name__ == "__main__":
    main()
