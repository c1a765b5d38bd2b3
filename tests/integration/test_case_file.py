"""Issue 18 item 7: a case on paper (``report case``), from a real store, read back with pypdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from beratungsdesk.cli import main
from beratungsdesk.core.errors import NotFound
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.reports import ReportService
from beratungsdesk.storage import audit
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, StoreMaker
from tests.integration.test_report_pdfs import text_of

D = dt.date


def _fill(store: Store) -> None:
    cases = CaseService(store)
    counselor = cases.add_counselor("Aylin Demir", "AD")
    client = cases.find_or_create_client("K-0815", name="Ayşe Yılmaz", contact="0170 1234567",
                                         gender="weiblich", age_group="27_40", town="velbert")
    case = cases.open_case(client, "housing", D(2024, 2, 5), counselor_id=counselor.id,
                           summary="Wohnungsbesichtigung nach Nennung des Namens abgesagt.",
                           outcome="Vermieter hat sich entschuldigt.")
    cases.log_contact(case.id, 45, D(2024, 2, 6), channel="office", town="velbert", language="Türkisch")
    cases.add_intervention(case.id, "complaint_letter", date=D(2024, 2, 20))
    first = cases.add_note(case.id, "Erstgespräch geführt.")
    cases.add_note(case.id, "Erstgespräch geführt, Beschwerde besprochen.", supersedes=first.id)
    cases.add_attachment(case.id, "Absage-Mail.pdf", b"%PDF-1.4 test", "application/pdf")
    other = cases.find_or_create_client("K-0999", name="Andere Person")
    cases.open_case(other, "work", D(2024, 3, 1), summary="Ein anderer Fall")


@pytest.fixture
def store(make_store: StoreMaker) -> Store:
    return make_store.prepared("case-file", _fill)


def _number(store: Store, opened: str) -> str:
    return store.conn.execute("SELECT number FROM cases WHERE opened_on = ?", (opened,)).fetchone()[0]


def test_the_whole_case_file_and_nothing_of_other_cases(store: Store, tmp_path: Path) -> None:
    number = _number(store, "2024-02-05")
    out = ReportService(store).case_file(number, tmp_path / "fallakte.pdf", as_of=D(2024, 6, 30))
    text = text_of(out)
    for expected in (f"Fallakte {number}", "Stand: 30.06.2024", "K-0815", "Ayşe Yılmaz", "0170 1234567",
                     "27–40", "Velbert", "Wohnen", "Aylin Demir", "Wohnungsbesichtigung nach Nennung",
                     "Vermieter hat sich entschuldigt.", "45 Min.", "Türkisch", "Beschwerdebrief",
                     "Erstgespräch geführt, Beschwerde besprochen.", "ersetzt durch eine neuere Fassung",
                     "Absage-Mail.pdf", "Vertraulich"):
        assert expected in text, expected
    for foreign in ("K-0999", "Andere Person", "Ein anderer Fall"):
        assert foreign not in text


def test_printing_is_logged_as_an_export(store: Store, tmp_path: Path) -> None:
    number = _number(store, "2024-02-05")
    ReportService(store).case_file(number, tmp_path / "f.pdf")
    case_id = store.conn.execute("SELECT id FROM cases WHERE number = ?", (number,)).fetchone()[0]
    actions = [(e.action, e.detail) for e in audit.entries(store.conn, case_id, 100)]
    assert ("export", "case_file") in actions and any(a == "open" for a, _ in actions)


def test_an_unknown_case_writes_nothing(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFound):
        ReportService(store).case_file("1999-0001", out / "x.pdf")
    assert list(out.iterdir()) == []


def test_cli_report_case(store: Store, tmp_path: Path, monkeypatch, capsys) -> None:
    number = _number(store, "2024-02-05")
    folder = store.folder
    store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / f"Fallakte-{number}.pdf"
    assert main(["--data-dir", str(folder), "report", "case", number, "--out", str(out)]) == 0
    assert "Ayşe Yılmaz" in text_of(out)
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "report", "case", "1999-0001", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No such case" in err
