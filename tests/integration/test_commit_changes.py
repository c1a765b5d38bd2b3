"""The commit notice names what a unit of work wrote: entity kinds and the ids written,
local writes and merged foreign ones alike, so the window can refresh exactly those."""

from __future__ import annotations

from beratungsdesk.core import model
from beratungsdesk.core.changed import MAX_IDS, Changes
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store


def _listen(store: Store) -> list[Changes]:
    heard: list[Changes] = []
    store.listeners.append(heard.append)
    return heard


def test_a_local_write_names_its_kinds_and_ids(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0001")
    heard = _listen(office)
    case = cases.open_case(client, "work")
    contact = cases.log_contact(case.id, 30)
    cases.update("case", case.id, {"summary": "Wohnung"})
    opened, logged, updated = heard
    assert opened.kinds >= {"case"} and opened.touches("case", case.id)
    assert not opened.touches("case", "another-case") and not opened.touches("client")
    assert logged.touches("contact", contact.id) and "case" not in logged
    assert updated.ids["case"] == frozenset({case.id}) and updated.kinds - {"audit"} == {"case"}


def test_a_rolled_back_write_is_not_announced(office: Store) -> None:
    heard = _listen(office)
    try:
        with office.unit_of_work() as uow:
            uow.insert(model.Client(code="K-0002"))
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert heard == []


def test_many_ids_of_one_kind_become_any_of_that_kind(office: Store) -> None:
    heard = _listen(office)
    with office.unit_of_work() as uow:
        uow.insert_many([model.Client(code=f"K-{n:05}") for n in range(MAX_IDS + 5)])
    [changes] = heard
    assert changes.ids["client"] is None
    assert changes.touches("client", "any-id-at-all")


def test_a_kind_noted_without_ids_touches_every_record_of_it(office: Store) -> None:
    heard = _listen(office)
    with office.unit_of_work() as uow:
        uow.touched.add("conflict")
    [changes] = heard
    assert changes.touches("conflict", "whatever") and changes & {"conflict", "case"} == {"conflict"}


def test_changes_merge_and_keep_an_origin_only_when_shared() -> None:
    view = object()
    first = Changes.of({"case"}, {"case": ["a"]}, origin=view)
    second = Changes.of({"case", "term"}, {"case": ["b"]}, origin=view)
    both = first.merged(second)
    assert both.ids == {"case": frozenset({"a", "b"}), "term": None} and both.origin is view
    assert first.merged(Changes.of({"note"}, {"note": ["n"]})).origin is None


def test_local_writes_name_their_case_and_foreign_ones_any_case(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0003")
    first, second = cases.open_case(client, "work"), cases.open_case(client, "work")
    heard = _listen(office)
    cases.log_contact(first.id, 15)
    cases.update("case", second.id, {"summary": "Amt"})
    with office.unit_of_work() as uow:
        uow.touched.add("contact")  # noted by name only, as the handover import does for purges
    contact, update, unknown = heard
    assert contact.touches_case(first.id) and not contact.touches_case(second.id)
    assert update.touches_case(second.id) and not update.touches_case(first.id)
    assert unknown.case_ids is None and unknown.touches_case(first.id)
    assert not Changes.of({"partner"}, {"partner": ["p"]}).touches_case(first.id)
    narrowed = contact.without({"contact", "case"})
    assert not narrowed.touches_case(first.id) and narrowed.case_ids == contact.case_ids
