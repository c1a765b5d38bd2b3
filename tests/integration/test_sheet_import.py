"""Importing .xlsx and .ods files as spreadsheet programs leave them (issue 18, item 4).

The files are real: written by openpyxl and odfpy (``tests/spreadsheet_files.py``) with
date-formatted serial numbers, raw serials, hours as numbers and time cells, a merged title
and a two-row header, formulas with and without stored results, and empty rows at the end.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from beratungsdesk.core.errors import BeratungsError, ValidationErrors
from beratungsdesk.services.case_import import import_cases
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.messages import describe
from beratungsdesk.services.network_import import import_workshops
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
from tests.integration.test_case_import import store_digest
from tests.spreadsheet_files import write_ods, write_xlsx

ROWS = [
    # a date-formatted serial (a datetime for openpyxl), a raw serial in an unformatted cell
    # (44636 = 16.03.2022), hours as a number
    ("2022-0001", "K-01", dt.datetime(2022, 1, 3), 44636, "Wohnen", "Religion, Sprache",
     "Beschwerdebrief", 1.5, "Hilden", "Aylin Demir"),
    # a time cell (1:30 as h:mm), a client code stored as a number
    (None, 12345, dt.datetime(2022, 2, 1), None, "Bildung", None, None, dt.time(1, 30), "Ratingen", "AD"),
    # a formula with its stored result
    (None, "K-01", dt.datetime(2022, 5, 10), None, "Öffentliche Institutionen", None, None,
     ("=0.5*3", 1.5), "Wülfrath", None),
]


def _dates_as_dates(rows: list[tuple]) -> list[tuple]:
    """The .ods stores dates as dates (office:date-value)."""
    return [tuple(value.date() if isinstance(value, dt.datetime) else value for value in row)
            for row in rows]


def write(tmp_path: Path, suffix: str, rows: list[tuple] = ROWS, **options: object) -> Path:
    path = tmp_path / f"faelle{suffix}"
    if suffix == ".xlsx":
        write_xlsx(path, rows, **options)  # type: ignore[arg-type]
    else:
        write_ods(path, _dates_as_dates(rows), **options)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_real_sheet_is_imported_with_dates_hours_and_formulas(office: Store, tmp_path: Path,
                                                               suffix: str) -> None:
    options = {"numbered_rows": 30} if suffix == ".xlsx" else {}
    report = import_cases(office, write(tmp_path, suffix, **options))
    assert (report.rows, report.cases, report.clients_new, report.clients_reused) == (3, 3, 2, 0)
    service = CaseService(office)
    first = service.record_by_number("2022-0001")
    assert str(first.case.opened_on) == "2022-01-03"
    assert str(first.case.closed_on) == "2022-03-16"  # the raw serial in the date column
    assert [c.duration_min for c in first.contacts] == [90]  # 1.5 -> 1,5 h
    cases = {str(row.opened_on): row for row in service.page(CaseFilter()).rows}
    second = service.record_by_number(cases["2022-02-01"].number)
    assert [c.duration_min for c in second.contacts] == [90]  # the time cell 1:30
    assert queries.load(office.conn, "client", second.case.client_id).code == "12345"
    third = service.record_by_number(cases["2022-05-10"].number)
    assert [c.duration_min for c in third.contacts] == [90]  # the formula's stored result
    assert third.case.incident_town == "wuelfrath"
    # the same file again adds nothing
    before = store_digest(office)
    again = import_cases(office, write(tmp_path, suffix))
    assert (again.cases, again.already_imported) == (0, 3)
    assert store_digest(office) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_bad_cells_are_named_by_sheet_row_and_column_letter(office: Store, tmp_path: Path,
                                                           suffix: str) -> None:
    bad = [*ROWS, (None, "K-03", "31.06.2022", None, "Arbeitswelt", None, None, "x", "Hilden", None),
           (None, None, dt.datetime(2022, 1, 1), None, "Arbeit", None, None, None, None, None)]
    first_data_row = 4 if suffix == ".xlsx" else 3  # the .ods has a one-row header
    before = store_digest(office)
    with pytest.raises(ValidationErrors) as caught:
        import_cases(office, write(tmp_path, suffix, bad))
    found = {(e.data["line"], e.data["column"], e.code) for e in caught.value.errors}
    bad_row = first_data_row + 3
    assert found == {(bad_row, "C (Erstkontakt)", "date_not_real"),
                     (bad_row, "E (Lebensbereich)", "unknown_code"),
                     (bad_row, "H (Stunden)", "number_format"),
                     (bad_row + 1, "B (Klient)", "required")}
    assert store_digest(office) == before
    assert describe(caught.value.errors[0]).startswith(f"Line {bad_row}, column C (Erstkontakt): ")


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_formula_without_a_stored_result_is_an_error_naming_the_cell(office: Store, tmp_path: Path,
                                                                     suffix: str) -> None:
    before = store_digest(office)
    with pytest.raises(ValidationErrors) as caught:
        if suffix == ".xlsx":  # openpyxl writes formulas without results
            import_cases(office, write(tmp_path, suffix, store_results=False))
        else:
            rows = [*ROWS[:2], (*ROWS[2][:7], ("[.H3]*2", None), *ROWS[2][8:])]
            import_cases(office, write(tmp_path, suffix, rows))
    line = 6 if suffix == ".xlsx" else 5
    assert [(e.code, e.data["line"], e.data["column"]) for e in caught.value.errors] == [
        ("sheet_formula_without_result", line, "H (Stunden)")]
    assert describe(caught.value.errors[0]).startswith(f"Line {line}, column H (Stunden): the formula")
    assert store_digest(office) == before


def test_sheet_is_chosen_by_name(office: Store, tmp_path: Path) -> None:
    path = write(tmp_path, ".xlsx", extra_sheet="Notizen")
    with pytest.raises(ValidationErrors) as caught:  # the notes sheet has no case columns
        import_cases(office, path, sheet="Notizen")
    assert {e.code for e in caught.value.errors} == {"csv_unknown_column", "csv_missing_column"}
    with pytest.raises(BeratungsError) as missing:
        import_cases(office, path, sheet="Tabelle9")
    assert missing.value.code == "sheet_missing"
    assert "Fälle, Notizen" in describe(missing.value)
    assert import_cases(office, path, sheet="fälle", dry_run=True).cases == 3  # any letter case


def test_unreadable_and_mislabelled_files(office: Store, tmp_path: Path) -> None:
    fake = tmp_path / "faelle.xlsx"
    fake.write_text("Klient;Erstkontakt;Lebensbereich\n")
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, fake)
    assert caught.value.code == "sheet_unreadable"
    fake_ods = tmp_path / "faelle.ods"
    fake_ods.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, fake_ods)
    assert caught.value.code == "sheet_unreadable"
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, tmp_path / "missing.xlsx")
    assert caught.value.code == "file_unreadable"
    old = tmp_path / "faelle.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (Excel 97) header
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, old)
    assert caught.value.code == "sheet_old_format"


def test_english_headers_are_taken(office: Store, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("Client,First contact,Area,Hours,Town\nK-7,2022-03-01,housing,2.5,Hilden\n")
    assert import_cases(office, path).cases == 1


def test_workshops_from_an_xlsx(office: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Datum", "Art", "Organisation", "Teilnehmende", "Stunden"])
    sheet.append([dt.datetime(2022, 3, 1), "Empowerment", "Realschule Hilden", 24, 1.5])
    sheet["A2"].number_format = "DD.MM.YYYY"
    path = tmp_path / "workshops.xlsx"
    workbook.save(path)
    report = import_workshops(office, path, today=dt.date(2023, 1, 1))
    assert (report.rows, report.added) == (1, 1)
    stored = office.conn.execute("SELECT date, participants, duration_min FROM workshops").fetchall()
    assert [tuple(row) for row in stored] == [("2022-03-01", 24, 90)]


PASS = "cli test passphrase"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as a process of its own, with a temp folder of its own (that must stay empty)."""
    import os

    env = {key: value for key, value in os.environ.items() if not key.startswith("BERATUNGSDESK_")}
    env["BERATUNGSDESK_PASSPHRASE"] = PASS
    temp = data_dir.parent / "temp"
    temp.mkdir(exist_ok=True)
    env.update(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    return subprocess.run([sys.executable, "-m", "beratungsdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_import_command_reads_every_kind_of_table(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert _cli(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    xlsx = write(tmp_path, ".xlsx", extra_sheet="Notizen")
    dry = _cli(folder, "import", str(xlsx), "--dry-run")
    assert dry.returncode == 0 and "Would import 3 case(s) from 3 row(s)" in dry.stdout, dry.stderr
    wrong = _cli(folder, "import", str(xlsx), "--sheet", "Tabelle9")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert "Imported 3 case(s)" in _cli(folder, "import", str(xlsx), "--sheet", "Fälle").stdout
    ods = tmp_path / "more.ods"
    write_ods(ods, _dates_as_dates([("2022-0100", "K-9", dt.datetime(2022, 6, 1), None, "Arbeit",
                                     None, None, 2, "Haan", None)]))
    assert "Imported 1 case(s)" in _cli(folder, "import", str(ods)).stdout
    csv = tmp_path / "faelle.csv"
    csv.write_text("Klient;Erstkontakt;Lebensbereich\nK-1;31.06.2022;Wohnen\n")
    bad = _cli(folder, "import", str(csv))
    assert bad.returncode == 1 and "Line 2, column Erstkontakt" in bad.stderr
    assert "4 case(s)" in _cli(folder, "cases", "list").stdout
    assert list((tmp_path / "temp").iterdir()) == []  # no copy of the rows left behind


def test_preview_then_import_with_progress(office: Store, tmp_path: Path) -> None:
    from beratungsdesk.services.table_import import import_table, preview_table

    path = write(tmp_path, ".xlsx", extra_sheet="Notizen")
    before = store_digest(office)
    preview = preview_table(office, path, "cases")
    assert preview.importable and preview.sheet == "Fälle" and preview.sheet_names == ["Fälle", "Notizen"]
    assert preview.headers[:2] == ["A (Fallnummer)", "B (Klient)"]
    assert [line for line, _ in preview.rows] == [4, 5, 6] and preview.row_count == 3
    assert preview.report is not None and preview.report.cases == 3
    assert store_digest(office) == before  # a dry run
    wrong = preview_table(office, path, "cases", sheet="Notizen")
    assert not wrong.importable and wrong.error is not None and wrong.sheet_names == ["Fälle", "Notizen"]
    phases: list[tuple[str, int, int]] = []
    report = import_table(office, path, "cases", progress=lambda *step: phases.append(step))
    assert report.cases == 3
    assert phases[0] == ("read", 0, 0) and ("check", 0, 3) in phases and phases[-1] == ("write", 3, 3)


def test_a_chart_sheet_or_a_serial_past_the_calendar_is_a_message(office: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    charted = tmp_path / "chart-first.xlsx"
    write_xlsx(charted, ROWS)
    workbook = load_workbook(charted)
    workbook.create_chartsheet("Diagramm", 0)  # the first sheet has no cells
    workbook.save(charted)
    before = store_digest(office)
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, charted)
    assert caught.value.code == "sheet_unreadable"

    far = tmp_path / "mac-1904.xlsx"
    write_xlsx(far, ROWS)
    workbook = load_workbook(far)
    workbook.epoch = CALENDAR_MAC_1904  # a later epoch: the largest serial is past year 9999
    sheet = workbook.worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == 44636]
    cells[0].value = 2_958_000
    workbook.save(far)
    with pytest.raises(ValidationErrors):
        import_cases(office, far)
    assert store_digest(office) == before
