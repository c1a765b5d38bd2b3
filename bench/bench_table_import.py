"""The same 10 000 cases imported from an .xlsx and from a CSV file.

    .venv/bin/python bench/bench_table_import.py              # 10 000 rows, 5 runs each
    .venv/bin/python bench/bench_table_import.py --rows 2000 --runs 3

The CSV is ``bench_import.py``'s German Excel file (Windows-1252, ``;``, ``dd.mm.yyyy``,
decimal comma). The .xlsx holds the same rows as Excel keeps them: written by openpyxl,
dates as date-formatted serial numbers, hours as numbers, a bold header and a hundred
empty formatted rows at the end. Each run imports one file into a fresh copy of an empty
store (copied before the clock starts), alternating CSV and .xlsx run by run so a drift of
the machine hits both. Also times reading alone (the rows as the importer gets them).
Target (issue 18): the .xlsx import within 2x the CSV import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import make_empty_store, spreadsheet_text, timed_import
from beratungsdesk.services.case_import import COLUMNS, KINDS, REQUIRED
from beratungsdesk.services.sheet_files import read_table
from common import machine


def write_xlsx(path: Path, csv_text: str) -> None:
    """The CSV's rows as Excel keeps them: dates as date-formatted serials, hours as numbers,
    strings in the shared-string table, the sheet's size at its top."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Fälle"
    lines = csv_text.splitlines()
    sheet.append(lines[0].split(";"))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines[1:]:
        cells = line.split(";")
        row: list[object] = [cell or None for cell in cells]
        for position in (2, 3):  # Erstkontakt, Abschluss
            if cells[position]:
                row[position] = dt.datetime.strptime(cells[position], "%d.%m.%Y")
        row[7] = float(cells[7].replace(",", ".")) if cells[7] else None  # Stunden
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "DD.MM.YYYY"
    thin = Border(bottom=Side(style="thin"))
    last = sheet.max_row
    for row_number in range(last + 1, last + 101):  # a formatted table's empty rest
        for column in range(1, 11):
            sheet.cell(row=row_number, column=column).border = thin
    workbook.save(path)


def timed_read(path: Path) -> float:
    start = time.perf_counter()
    read_table(path, COLUMNS, REQUIRED, KINDS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-table-") as temp:
        work = Path(temp)
        text = spreadsheet_text(args.rows)
        csv_path, xlsx_path = work / "faelle.csv", work / "faelle.xlsx"
        csv_path.write_bytes(text.encode("cp1252"))
        write_xlsx(xlsx_path, text)
        print(f"{args.rows} rows: CSV {csv_path.stat().st_size / 1e6:.2f} MB, "
              f".xlsx {xlsx_path.stat().st_size / 1e6:.2f} MB")
        template = work / "template"
        make_empty_store(template)
        (_, csv_report), (_, xlsx_report) = (timed_import(template, work, csv_path),
                                             timed_import(template, work, xlsx_path))  # warm-up
        assert (csv_report.cases, csv_report.contacts, csv_report.interventions) == (
            xlsx_report.cases, xlsx_report.contacts, xlsx_report.interventions), "different rows"
        print(f"imported: {xlsx_report.cases} cases, {xlsx_report.clients_new} clients, "
              f"{xlsx_report.interventions} interventions, {xlsx_report.contacts} contacts")
        csv_runs: list[tuple[float, float]] = []
        xlsx_runs: list[tuple[float, float]] = []
        csv_reads: list[float] = []
        xlsx_reads: list[float] = []
        for _ in range(args.runs):
            csv_runs.append(timed_import(template, work, csv_path)[0])
            xlsx_runs.append(timed_import(template, work, xlsx_path)[0])
            csv_reads.append(timed_read(csv_path))
            xlsx_reads.append(timed_read(xlsx_path))
    for label, xlsx_times, csv_times in (
            ("import, wall", [wall for wall, _ in xlsx_runs], [wall for wall, _ in csv_runs]),
            ("import, CPU ", [cpu for _, cpu in xlsx_runs], [cpu for _, cpu in csv_runs]),
            ("read alone  ", xlsx_reads, csv_reads)):
        ratios = [a / b for a, b in zip(xlsx_times, csv_times, strict=True)]
        print(f"{label}: .xlsx median {statistics.median(xlsx_times):.3f} s (min {min(xlsx_times):.3f}, "
              f"max {max(xlsx_times):.3f}); CSV median {statistics.median(csv_times):.3f} s "
              f"(min {min(csv_times):.3f}, max {max(csv_times):.3f}); ratio "
              f"{statistics.median(xlsx_times) / statistics.median(csv_times):.2f} "
              f"(median of the pairs {statistics.median(ratios):.2f})")
    print(f"finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC (medians of {args.runs} runs)")


if __name__ == "__main__":
    main()
