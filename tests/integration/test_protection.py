"""Consent, the audit log's hash chain, and retention due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from beratungsdesk.cli import main
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.protection import (
    AuditService,
    ConsentService,
    RetentionService,
    scope_needed_by_intervention,
)
from beratungsdesk.services.reports import ReportService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE


def test_consent_scopes_are_active_until_withdrawn(office: Store) -> None:
    client = CaseService(office).find_or_create_client("K-1")
    consents = ConsentService(office)
    assert consents.warning(client.id, "documents") == "consent_missing"
    given = consents.record(client.id, ("counseling", "documents"), "written", dt.date(2022, 1, 10))
    assert consents.active_scopes(client.id, dt.date(2022, 1, 9)) == set()
    assert consents.active_scopes(client.id, dt.date(2022, 2, 1)) == {"counseling", "documents"}
    assert consents.warning(client.id, "documents", dt.date(2022, 2, 1)) is None
    assert consents.warning(client.id, "third_parties", dt.date(2022, 2, 1)) == "consent_missing"
    consents.withdraw(given.id, dt.date(2022, 6, 1))
    assert consents.warning(client.id, "documents", dt.date(2022, 6, 2)) == "consent_withdrawn"
    assert consents.active_scopes(client.id, dt.date(2022, 5, 31)) == {"counseling", "documents"}


def test_interventions_that_tell_others_need_the_third_parties_consent() -> None:
    for code in ("complaint_letter", "mediation_accompaniment", "press", "legal_support", "lawsuit",
                 "referral"):
        assert scope_needed_by_intervention(code) == "third_parties", code
    for code in ("psychosocial_counseling", "testing", None):
        assert scope_needed_by_intervention(code) is None, code


def test_letter_warns_without_consent_and_still_writes(office: Store, tmp_path, monkeypatch,
                                                       capsys) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-7")
    case = cases.open_case(client, "housing", dt.date(2022, 3, 1))
    number = case.number
    reports, consents = ReportService(office), ConsentService(office)
    assert reports.letter_consent_warning(number) == "consent_missing"
    given = consents.record(client.id, ("counseling", "third_parties"), "written", dt.date(2022, 3, 1))
    assert reports.letter_consent_warning(number) is None
    consents.withdraw(given.id, dt.date(2022, 3, 2))
    assert reports.letter_consent_warning(number) == "consent_withdrawn"
    folder = office.folder
    office.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "brief.pdf"
    assert main(["--data-dir", str(folder), "report", "letter", number, "--recipient", "Vermieter",
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: The client has withdrawn the consent for this (contacting third parties)." in err
    assert out.stat().st_size > 1000  # a warning, not a refusal: the consent may be on paper


def test_consent_cannot_be_withdrawn_before_it_was_given(office: Store) -> None:
    client = CaseService(office).find_or_create_client("K-1")
    consents = ConsentService(office)
    given = consents.record(client.id, ("counseling",), "oral", dt.date(2022, 3, 1))
    with pytest.raises(ValidationError) as caught:
        consents.withdraw(given.id, dt.date(2022, 2, 1))
    assert caught.value.data["field"] == "withdrawn_on"


def test_every_write_and_view_is_audited_without_content(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-1", name="Ayşe Yılmaz")
    case = cases.open_case(client, "work", summary="vertraulich")
    audit = AuditService(office)
    audit.log("open", "case", case.id)
    cases.update("case", case.id, {"summary": "geändert"})
    actions = [(e.action, e.entity, e.row_id) for e in reversed(audit.entries())]
    assert actions == [("create", "client", client.id), ("create", "case", case.id),
                       ("open", "case", case.id), ("change", "case", case.id)]
    dump = repr(audit.entries())
    assert "Ayşe" not in dump and "vertraulich" not in dump and "geändert" not in dump


def test_bulk_writes_are_audited_as_counts(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-1")
    from beratungsdesk.core import model

    with office.unit_of_work() as uow:
        uow.insert_many([model.Note(case_id="c", text=f"n{i}", written_at="2022-01-01T10:00:00")
                         for i in range(30)])
    latest = AuditService(office).entries()[0]
    assert (latest.action, latest.entity, latest.row_id, latest.detail) == ("create", "note", None, "30")
    assert client is not None


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder"])
def test_the_audit_chain_reveals_a_silent_edit(office: Store, tamper: str) -> None:
    cases = CaseService(office)
    for number in range(5):
        cases.find_or_create_client(f"K-{number}")
    checked, problems = AuditService(office).verify()
    assert checked == 5 and problems == []
    conn = office.conn
    if tamper == "edit":
        conn.execute("UPDATE audit_log SET action = 'open' WHERE n = 3")
    elif tamper == "delete":
        conn.execute("DELETE FROM audit_log WHERE n = 2")
    else:
        conn.execute("UPDATE audit_log SET at = '2000-01-01T00:00:00+00:00', n = 9 WHERE n = 4")
    checked, problems = AuditService(office).verify()
    assert problems, tamper
    assert {p.device_id for p in problems} == {office.device_id}


def test_retention_is_three_years_after_the_end_of_the_closing_year(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-1")
    closed_2022 = cases.open_case(client, "work", dt.date(2022, 1, 5), status="closed",
                                  closed_on=dt.date(2022, 12, 31))
    cases.open_case(client, "work", dt.date(2023, 1, 2), status="closed", closed_on=dt.date(2023, 1, 5))
    cases.open_case(client, "work", dt.date(2021, 1, 5))  # open cases are never due
    retention = RetentionService(office)
    assert retention.due(dt.date(2025, 12, 31)) == []
    due = retention.due(dt.date(2026, 1, 1))
    assert [(d.case_id, d.due_on) for d in due] == [(closed_2022.id, dt.date(2026, 1, 1))]
    retention.set_years(0)
    assert len(retention.due(dt.date(2024, 1, 1))) == 2
    with pytest.raises(ValidationError):
        retention.set_years(-1)
