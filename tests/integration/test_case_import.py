"""Spreadsheet import of cases: encodings, separators, all-or-nothing, idempotence."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from pathlib import Path

import pytest

from beratungsdesk.core.errors import BeratungsError, ValidationErrors
from beratungsdesk.services.case_import import import_cases
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store

GOOD = """Fallnummer;Klient;Erstkontakt;Abschluss;Lebensbereich;Merkmale;Interventionen;Stunden;Ort;Berater
2022-0001;K-01;03.01.2022;15.03.2022;Wohnen;Religion, Sprache;Beschwerdebrief;9,5;Hilden;Aylin Demir
2022-0002;K-02;2022-02-01;;Bildung;ethnic_origin;psychosocial_counseling, Testing;2.5;ratingen;AD
;K-01;10.05.2022;;Öffentliche Institutionen;;;1;Wülfrath;Aylin Demir
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "faelle.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def store_digest(store: Store) -> str:
    tables = ["clients", "cases", "contacts", "interventions", "counselors", "change_log"]
    rows = [store.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_german_excel_file_is_imported(office: Store, tmp_path: Path, encoding: str) -> None:
    report = import_cases(office, write(tmp_path, GOOD, encoding))
    assert (report.cases, report.clients_new, report.clients_reused) == (3, 2, 0)
    assert report.counselors_new == ["Aylin Demir"]  # "AD" in line 3 are her initials
    service = CaseService(office)
    first = service.record_by_number("2022-0001")
    assert first.case.grounds == ("language", "religion")
    assert first.case.status == "closed" and str(first.case.closed_on) == "2022-03-15"
    assert [(c.duration_min, c.imported, str(c.date)) for c in first.contacts] == [(570, True, "2022-01-03")]
    assert [i.type for i in first.interventions] == ["complaint_letter"]
    third = list(service.page(CaseFilter(area="public_institutions")).rows)
    assert len(third) == 1 and third[0].incident_town == "wuelfrath"
    assert third[0].number == "2022-0003"  # numbered after the numbers the file uses


def test_comma_separated_utf8_with_quoted_lists(office: Store, tmp_path: Path) -> None:
    text = ('\ufeffklient,ERSTKONTAKT,Lebensbereich,Merkmale,Stunden\n'
            'K-9,01.02.2022,housing,"Religion, Geschlecht",3\n')
    report = import_cases(office, write(tmp_path, text))
    assert report.cases == 1
    case = CaseService(office).page(CaseFilter()).rows[0]
    assert queries.load(office.conn, "case", case.id).grounds == ("gender", "religion")


def test_any_bad_row_imports_nothing_and_names_line_column_and_reason(office: Store, tmp_path: Path) -> None:
    bad = GOOD + ";K-03;31.06.2022;;Arbeitswelt;Farbe;;x;Berlin;\n;;;;;;;;;\n;;01.01.2022;;Arbeit;;;;;\n"
    before = store_digest(office)
    with pytest.raises(ValidationErrors) as caught:
        import_cases(office, write(tmp_path, bad))
    found = {(e.data["line"], e.data["column"], e.code) for e in caught.value.errors}
    assert found == {(5, "Erstkontakt", "date_not_real"), (5, "Lebensbereich", "unknown_code"),
                     (5, "Merkmale", "unknown_code"), (5, "Stunden", "number_format"),
                     (5, "Ort", "unknown_code"), (7, "Klient", "required")}
    assert store_digest(office) == before


def test_importing_the_same_file_again_adds_nothing(office: Store, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    import_cases(office, path)
    before = store_digest(office)
    report = import_cases(office, path)
    assert (report.cases, report.already_imported) == (0, 3)
    assert store_digest(office) == before


def test_dry_run_checks_everything_and_writes_nothing(office: Store, tmp_path: Path) -> None:
    before = store_digest(office)
    report = import_cases(office, write(tmp_path, GOOD), dry_run=True)
    assert report.cases == 3 and report.dry_run
    assert store_digest(office) == before


@pytest.mark.parametrize(("header", "code"), [
    ("Klient;Erstkontakt;Farbe;Lebensbereich", "csv_unknown_column"),
    ("Klient;Lebensbereich", "csv_missing_column"),
    ("Klient;Klient;Erstkontakt;Lebensbereich", "csv_duplicate_column")])
def test_header_problems_are_named(office: Store, tmp_path: Path, header: str, code: str) -> None:
    with pytest.raises(ValidationErrors) as caught:
        import_cases(office, write(tmp_path, header + "\n"))
    assert {e.code for e in caught.value.errors} == {code}
    assert all(e.data["line"] == 1 for e in caught.value.errors)


def test_duplicate_case_numbers_in_one_file_are_refused(office: Store, tmp_path: Path) -> None:
    text = "Fallnummer;Klient;Erstkontakt;Lebensbereich\nA-1;K;01.01.2022;Arbeit\nA-1;L;02.01.2022;Arbeit\n"
    with pytest.raises(ValidationErrors) as caught:
        import_cases(office, write(tmp_path, text))
    assert [(e.code, e.data["line"], e.data["first_line"]) for e in caught.value.errors] == [
        ("csv_duplicate_number", 3, 2)]


def test_empty_or_unreadable_files(office: Store, tmp_path: Path) -> None:
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, write(tmp_path, ""))
    assert caught.value.code == "csv_empty"
    with pytest.raises(BeratungsError) as caught:
        import_cases(office, tmp_path / "missing.csv")
    assert caught.value.code == "file_unreadable"


def test_what_the_store_holds_is_found_for_every_row(office: Store, tmp_path: Path) -> None:
    """Stored clients (code in other letter case), live and deleted case numbers, looked up
    for the whole file at once, decide per row as they did one row at a time."""
    service = CaseService(office)
    known = service.find_or_create_client("k-01")
    service.open_case(known, "work", number="2022-0002")
    deleted = service.open_case(known, "work", number="2022-0001")
    service.delete("case", deleted.id)
    report = import_cases(office, write(tmp_path, GOOD))
    assert (report.cases, report.already_imported) == (2, 1)  # 2022-0002 is there, 2022-0001 deleted
    assert (report.clients_new, report.clients_reused) == (0, 1)  # K-01 is k-01; K-02's row is skipped
    imported = service.record_by_number("2022-0001")
    assert imported.case.id != deleted.id and imported.case.client_id == known.id
    again = import_cases(office, write(tmp_path, GOOD))
    assert (again.cases, again.already_imported) == (0, 3)


@pytest.mark.parametrize("text", [GOOD, GOOD + ";;;;;;;;;\n"], ids=["imported", "refused"])
@pytest.mark.parametrize("collector_on", [True, False])
def test_the_cycle_collector_is_as_before_after_an_import(office: Store, tmp_path: Path, text: str,
                                                         collector_on: bool) -> None:
    was_enabled = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        with contextlib.suppress(ValidationErrors):
            import_cases(office, write(tmp_path, text))
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was_enabled else gc.disable)()
