"""Figures fill from prevention and network records, and stay right after erasure."""

from __future__ import annotations

import datetime as dt

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.reports import ReportService
from beratungsdesk.storage.store import Store

YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def figures(store: Store) -> dict:
    return ReportService(store).statistics(*YEAR).to_json()


def test_prevention_and_network_figures_of_a_known_year(office: Store) -> None:
    network = NetworkService(office)
    for on, kind, status, people in [(dt.date(2022, 3, 1), "racism_critique", "held", 12),
                                     (dt.date(2022, 5, 1), "racism_critique", "held", 8),
                                     (dt.date(2022, 6, 1), "empowerment", "held", 5),
                                     (dt.date(2022, 7, 1), "empowerment", "cancelled", None),
                                     (dt.date(2023, 1, 5), "empowerment", "held", 30)]:
        network.add_workshop(kind, on, status=status, participants=people)
    jmd = network.add_partner("youth_migration_service", "JMD")
    network.add_partner("youth_migration_service", "JMD 2")
    council = network.add_partner("integration_council", "Integrationsrat")
    network.add_meeting(dt.date(2022, 4, 1), (jmd.id, council.id))
    network.add_meeting(dt.date(2021, 4, 1), (jmd.id,))
    cases = CaseService(office)
    case = cases.open_case(cases.find_or_create_client("K-1"), "work", dt.date(2022, 2, 1))
    network.add_referral(case.id, jmd.id, "from", dt.date(2022, 2, 1))
    network.add_referral(case.id, council.id, "to", dt.date(2022, 3, 1))
    network.add_referral(case.id, council.id, "to", dt.date(2022, 9, 1))
    data = figures(office)
    assert data["workshops"]["by_type"] == {"racism_critique": {"count": 2, "participants": 20},
                                            "empowerment": {"count": 1, "participants": 5}}
    assert data["partners"]["by_kind"] == {"youth_migration_service": {"count": 2},
                                           "integration_council": {"count": 1}}
    assert data["meetings"] == {"total": 1}
    assert (data["referrals"]["to_partners"], data["referrals"]["from_partners"]) == (2, 1)


def test_published_figures_can_be_reproduced_after_erasure(office: Store) -> None:
    cases = CaseService(office)
    ayse, ben = cases.find_or_create_client("K-1"), cases.find_or_create_client("K-2")
    first = cases.open_case(ayse, "housing", dt.date(2022, 2, 1), grounds=("religion",),
                            status="closed", closed_on=dt.date(2022, 3, 1))
    cases.log_contact(first.id, 90, dt.date(2022, 2, 1), channel="outreach", town="hilden")
    cases.add_intervention(first.id, "complaint_letter")
    second = cases.open_case(ayse, "work", dt.date(2022, 5, 1))
    cases.log_contact(second.id, 30, dt.date(2022, 5, 1), channel="phone")
    cases.open_case(ben, "education", dt.date(2022, 6, 1))
    before = figures(office)
    ErasureService(office).erase_client("K-1")
    after = figures(office)
    assert after == before
    assert (after["cases"], after["clients"], after["hours_total"]) == (3, 2, 2.0)


def test_subject_access_export_lists_consents_and_audit_entries(office: Store, tmp_path) -> None:
    from pypdf import PdfReader

    from beratungsdesk.services.protection import AuditService, ConsentService

    cases = CaseService(office)
    client = cases.find_or_create_client("K-1", name="Łukasz Wiśniewski")
    case = cases.open_case(client, "work", dt.date(2022, 2, 1))
    AuditService(office).log("open", "case", case.id)
    ConsentService(office).record(client.id, ("counseling", "third_parties"), "written",
                                  dt.date(2022, 2, 1))
    out = ReportService(office).auskunft("K-1", tmp_path / "auskunft.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Ihre Einwilligungen" in text and "Kontakt zu Dritten" in text and "01.02.2022" in text
    assert "geöffnet" in text and "angelegt" in text
    exported = AuditService(office).entries()[0]
    assert (exported.action, exported.entity, exported.row_id) == ("export", "client", client.id)
