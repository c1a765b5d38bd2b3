"""A laptop refuses at once what the office would refuse from it at the next handover."""

from __future__ import annotations

from pathlib import Path

import pytest

from beratungsdesk.core.errors import PermissionDenied
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.protection import RetentionService
from beratungsdesk.services.reports import ProfileService
from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store
from tests.integration.sync_helpers import counselor_id, enroll, handover, open_case


@pytest.fixture
def pair(office: Store, laptop: Store, tmp_path: Path) -> tuple[Store, Store, str]:
    """An enrolled laptop with a second counselor known to it through the office."""
    office_side, laptop_side = enroll(office, laptop, "Aylin", tmp_path)
    other = CaseService(office).add_counselor("Bekir", "BK")
    handover(office_side, laptop_side, tmp_path)
    return office, laptop, other.id


def test_a_laptop_cannot_reassign_a_case_but_keeps_editing_it(pair: tuple[Store, Store, str]) -> None:
    _, laptop, other = pair
    case = open_case(laptop, "K-1", counselor=counselor_id(laptop))
    service = CaseService(laptop)
    with pytest.raises(PermissionDenied) as refused:
        service.update("case", case.id, {"counselor_id": other})
    assert refused.value.data == {"entity": "case", "field": "counselor_id"}
    session = Session(laptop)
    with pytest.raises(PermissionDenied):
        session.cases.save_case(case.id, {"counselor_id": other, "summary": "changed"}, None, {})
    stored = service.require_case(case.id)
    assert stored.counselor_id == counselor_id(laptop) and stored.summary is None  # nothing written
    # The same value again, and every other field, stays the laptop's to write.
    session.cases.save_case(case.id, {"counselor_id": counselor_id(laptop), "summary": "changed"}, None, {})
    assert service.require_case(case.id).summary == "changed"


def test_a_laptop_cannot_change_the_team_retention_or_profile(pair: tuple[Store, Store, str]) -> None:
    _, laptop, _ = pair
    before = laptop.last_own_seq
    for attempt in (lambda: CaseService(laptop).add_counselor("Carla"),
                    lambda: RetentionService(laptop).set_years(1),
                    lambda: ProfileService(laptop).set_text("name", "Andere Stelle")):
        with pytest.raises(PermissionDenied):
            attempt()
    assert laptop.last_own_seq == before  # no change set was written


def test_the_office_may_do_all_of_it(pair: tuple[Store, Store, str]) -> None:
    office, _, other = pair
    case = open_case(office, "K-2")
    CaseService(office).update("case", case.id, {"counselor_id": other})
    RetentionService(office).set_years(3)
    assert CaseService(office).require_case(case.id).counselor_id == other
    assert RetentionService(office).years() == 3
