"""Prevention and network records travel in the handover like cases do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.network import NetworkService
from tests.integration.sync_helpers import counselor_id, data_view, enroll, handover

NETWORK = ("workshop", "partner", "meeting", "referral")


def test_network_work_from_outreach_reaches_the_office_and_other_laptops(make_store, tmp_path: Path) -> None:
    office, first, second = make_store("office"), make_store("l1", "counselor"), make_store("l2", "counselor")
    office_service, first_service = enroll(office, first, "Aylin", tmp_path)
    _, second_service = enroll(office, second, "Jonas", tmp_path)

    # At an outreach appointment Aylin records a new partner, a requested workshop and a referral.
    on_laptop = NetworkService(first)
    partner = on_laptop.add_partner("migrant_organisation", "Kulturverein Hilden", town="hilden")
    workshop = on_laptop.add_workshop("empowerment", dt.date(2024, 5, 3), organisation="Kulturverein Hilden",
                                      status="requested")
    case = CaseService(first).open_case(CaseService(first).find_or_create_client("K-3"), "work",
                                        dt.date(2024, 5, 3), counselor_id=counselor_id(first))
    on_laptop.add_referral(case.id, partner.id, "from", dt.date(2024, 5, 3))
    on_laptop.add_meeting(dt.date(2024, 5, 3), (partner.id,), topic="Kennenlernen")
    handover(first_service, office_service, tmp_path)
    handover(office_service, second_service, tmp_path)
    handover(office_service, first_service, tmp_path)

    assert data_view(office, NETWORK) == data_view(first, NETWORK)
    # Jonas gets the shared network records, not Aylin's case or its referral.
    shared = ("workshop", "partner", "meeting")
    assert data_view(second, shared) == data_view(office, shared)
    assert data_view(second, ("referral",)) == {"referral": {}}

    # Concurrent edits: the later one wins, the other is kept as a conflict; deletions travel.
    NetworkService(office).update("workshop", workshop.id, {"status": "planned", "participants": 12})
    NetworkService(first).update("workshop", workshop.id, {"status": "cancelled"})
    NetworkService(first).delete("meeting", NetworkService(first).meetings()[0].id)
    handover(first_service, office_service, tmp_path)
    handover(office_service, first_service, tmp_path)
    assert data_view(office, NETWORK) == data_view(first, NETWORK)
    held = NetworkService(office).load("workshop", workshop.id)
    assert held.status == "cancelled" and held.participants == 12
    assert NetworkService(office).meetings() == []
    assert office_service.status().open_conflicts == 1
