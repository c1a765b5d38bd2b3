"""Rows with values that are not valid never crash the command line, reports or statistics:
they show as invalid, and a saved valid value repairs them. The rows are written with SQL
straight into a real store (what a faulty older version or another device could leave)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from beratungsdesk import cli
from beratungsdesk.core import model, wire_form
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.reports.pdf_text import pdf_pages_text
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.integration.invalid_rows import BOGUS_NUMBER, FINE_NUMBER, BrokenCases, write_broken_rows
from tests.integration.test_cli import PASS, run


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, BrokenCases]:
    folder = tmp_path / "store"
    store = Store.create(folder, PASS, "office", "office", kdf_seconds=0)
    try:
        cases = write_broken_rows(store)
    finally:
        store.close()
    return folder, cases


def _clean(result) -> None:
    """Never a traceback; an error is one line."""
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("error")]) <= 1


def test_cases_list_and_show_mark_invalid_values(broken) -> None:
    folder, cases = broken
    listing = run(folder, "cases", "list")
    _clean(listing)
    assert listing.returncode == 0 and "3 case(s)" in listing.stdout
    assert "<invalid: not-a-date>" in listing.stdout and "<invalid: bogus_status>" in listing.stdout
    assert "<invalid: no number>" in listing.stdout
    shown = run(folder, "cases", "show", BOGUS_NUMBER)
    _clean(shown)
    assert shown.returncode == 0
    for marked in ("<invalid: not-a-date>", "<invalid: 20240101>", "<invalid: bogus_status>",
                   "<invalid: abc>", "<invalid: yesterday>", "<invalid: lots>", "<invalid: sometime>"):
        assert marked in shown.stdout
    without_number = run(folder, "cases", "show", cases.no_number)  # the id finds it
    assert without_number.returncode == 0 and "<invalid: no number>" in without_number.stdout
    fine = run(folder, "cases", "show", FINE_NUMBER)
    assert fine.returncode == 0 and "invalid" not in fine.stdout
    found = run(folder, "search", "Canary")
    _clean(found)
    assert found.returncode == 0 and "3 case(s)" in found.stdout


def test_statistics_and_reports_work_with_invalid_rows(broken, tmp_path: Path) -> None:
    folder, _ = broken
    figures = run(folder, "stats", "--from", "2024-01-01", "--to", "2024-12-31", "--json",
                  "--csv", str(tmp_path / "f.csv"))
    _clean(figures)
    assert figures.returncode == 0
    assert json.loads(figures.stdout)["cases"] == 2  # the case without a real opening date is not counted
    short = run(folder, "report", "kurzbericht", "--from", "2024-01-01", "--to", "2024-12-31",
                "--out", str(tmp_path / "k.pdf"))
    _clean(short)
    assert short.returncode == 0 and (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")
    access = run(folder, "report", "auskunft", "K-BROKEN", "--out", str(tmp_path / "a.pdf"))
    _clean(access)
    assert access.returncode == 0
    text = " ".join(pdf_pages_text((tmp_path / "a.pdf").read_bytes()))
    assert "ungültig: not-a-date" in text and "ungültig: bogus_status" in text  # all stored, marked
    assert "ungültig: x" in text  # the client's age group
    letter = run(folder, "report", "letter", BOGUS_NUMBER, "--recipient", "Firma X", "--out",
                 str(tmp_path / "l.pdf"))
    _clean(letter)
    assert letter.returncode == 0, letter.stderr


def test_saving_valid_values_repairs_the_record(broken, tmp_path: Path) -> None:
    folder, cases = broken
    with Store.open(folder, PASS) as store:
        service = CaseService(store)
        with pytest.raises((ValidationError, ValidationErrors)) as refused, \
                store.unit_of_work() as uow:
            uow.update("case", cases.bogus, {"summary": "still broken elsewhere"})
        named = {e.data["field"] for e in getattr(refused.value, "errors", [refused.value])}
        assert {"opened_on", "status", "closed_on"} <= named
        with store.unit_of_work() as uow:
            uow.update("case", cases.bogus, {
                "opened_on": dt.date(2024, 3, 2), "closed_on": None, "status": "open", "area": "work",
                "grounds": (), "racism_forms": (), "level": None, "incident_town": None})
            uow.update("case", cases.no_number, {"number": "2024-0999"})
        repaired = service.record(cases.bogus).case
        assert not any(wire_form.is_invalid(getattr(repaired, f.name)) for f in model.spec("case").fields)
        # A contact that cannot be repaired field by field can still be deleted.
        [contact] = service.record(cases.bogus).contacts
        with store.unit_of_work() as uow:
            uow.delete("contact", contact.id)
    listing = run(folder, "cases", "list")
    assert listing.returncode == 0 and "2024-0999" in listing.stdout
    assert "<invalid: not-a-date>" not in listing.stdout


def test_an_unexpected_error_is_one_line_and_exit_1(monkeypatch, capsys) -> None:
    def broken_handler(args) -> int:
        raise TypeError("a value from the store: Canary Broken")

    monkeypatch.setattr(cli.case_cmds, "run_list", broken_handler)
    assert cli.main(["cases", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "TypeError" in err
    assert "Canary" not in err  # the exception's text may hold personal data


def test_retention_never_erases_on_the_strength_of_an_invalid_closing_date(broken) -> None:
    folder, cases = broken
    with Store.open(folder, PASS) as store:
        store.conn.execute("UPDATE cases SET status = 'closed', closed_on = '2015-13-45' WHERE id = ?",
                           (cases.fine,))
        store.conn.execute("UPDATE cases SET status = 'closed', closed_on = '2015-06-30' WHERE id = ?",
                           (cases.no_number,))
        store.conn.commit()
    assert run(folder, "retention", "set", "3").returncode == 0
    due = run(folder, "retention", "due", "--json")
    _clean(due)
    assert due.returncode == 0, due.stderr
    assert [d["closed_on"] for d in json.loads(due.stdout)["due"]] == ["2015-06-30"]


def test_statistics_count_invalid_codes_and_mark_them(broken, tmp_path: Path) -> None:
    folder, cases = broken
    with Store.open(folder, PASS) as store:  # the broken case, now with a real opening date
        store.conn.execute("UPDATE cases SET opened_on = '2024-03-05' WHERE id = ?", (cases.bogus,))
        store.conn.commit()
    figures = run(folder, "stats", "--from", "2024-01-01", "--to", "2024-12-31", "--json")
    _clean(figures)
    data = json.loads(figures.stdout)
    assert data["cases"] == 3
    assert data["status"]["bogus_status"]["label"] == "invalid: bogus_status"
    short = run(folder, "report", "kurzbericht", "--from", "2024-01-01", "--to", "2024-12-31",
                "--out", str(tmp_path / "k.pdf"))
    _clean(short)
    assert short.returncode == 0
    assert "ungültig: no_such_area" in " ".join(pdf_pages_text((tmp_path / "k.pdf").read_bytes()))
