"""Every write is a change set in the same transaction; merge converges in any order."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.core.errors import BeratungsError, ValidationError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
from tests.timing import examples


def own_changes(store: Store) -> list[tuple[int, str, str, dict, dict]]:
    found = store.conn.execute(
        "SELECT seq, entity, row_id, vals, prev FROM change_log WHERE origin = ? AND entity != 'audit' "
        "ORDER BY seq", (store.own_origin_no,)).fetchall()
    return [(seq, entity, row, json.loads(vals), json.loads(prev or "{}"))
            for seq, entity, row, vals, prev in found]


def full_case(service: CaseService) -> model.Case:
    counselor = service.add_counselor("Aylin Demir", "AD")
    client = service.find_or_create_client("K-7", name="Ayşe", contact="0171", languages=("Türkisch",),
                                           age_group="27_40", gender="weiblich", town="hilden")
    return service.open_case(client, "housing", dt.date(2022, 3, 1), counselor_id=counselor.id,
                             grounds=("religion",), racism_forms=("anti_muslim",), level="individual",
                             respondent="landlord", agg="yes", incident_town="hilden",
                             summary="s", outcome="o")


def test_every_field_of_every_entity_is_in_the_change_log(office: Store) -> None:
    service = CaseService(office)
    case = full_case(service)
    service.log_contact(case.id, 45, dt.date(2022, 3, 2), start_time="10:15", channel="outreach",
                        town="hilden", place="Rathaus", language="Türkisch", interpreter=True)
    service.add_intervention(case.id, "complaint_letter", date=dt.date(2022, 3, 5), status="done",
                             result="success")
    service.add_note(case.id, "Erstgespräch")
    service.add_attachment(case.id, "brief.txt", b"Hallo")
    logged = {entity: vals for _, entity, _, vals, _ in own_changes(office)}
    for name in ("counselor", "client", "case", "contact", "intervention", "note", "attachment"):
        assert set(logged[name]) == set(model.spec(name).names), name
    assert logged["case"]["grounds"] == ["religion"]
    assert logged["contact"]["interpreter"] is True


def test_update_logs_only_changed_fields_with_the_clock_they_replaced(office: Store) -> None:
    service = CaseService(office)
    case = full_case(service)
    insert_stamp = office.conn.execute("SELECT _hlc FROM cases WHERE id = ?", (case.id,)).fetchone()[0]
    service.update("case", case.id, {"status": "closed", "closed_on": dt.date(2022, 5, 1),
                                     "summary": "s"})  # summary unchanged: not logged
    seq, entity, row, vals, prev = own_changes(office)[-1]
    assert (entity, row) == ("case", case.id)
    assert vals == {"status": "closed", "closed_on": "2022-05-01"}
    assert prev == {"status": insert_stamp, "closed_on": insert_stamp}
    assert seq == office.last_own_seq - 1  # the audit entry of this change comes last


def test_invalid_update_writes_nothing(office: Store) -> None:
    service = CaseService(office)
    case = full_case(service)
    before = own_changes(office)
    with pytest.raises(ValidationError):
        service.update("case", case.id, {"closed_on": dt.date(2022, 1, 1), "status": "closed"})
    assert own_changes(office) == before
    assert queries.load(office.conn, "case", case.id).status == "open"


def test_deletion_is_a_tombstone_that_travels(office: Store) -> None:
    service = CaseService(office)
    case = full_case(service)
    service.delete("case", case.id)
    assert own_changes(office)[-1][3] == {"deleted": True}
    assert office.conn.execute("SELECT deleted FROM cases WHERE id = ?", (case.id,)).fetchone() == (1,)
    assert service.count(queries.CaseFilter()) == 0


def test_notes_are_append_only(office: Store) -> None:
    service = CaseService(office)
    case = full_case(service)
    note = service.add_note(case.id, "first")
    with pytest.raises(BeratungsError) as caught:
        service.update("note", note.id, {"text": "rewritten"})
    assert caught.value.code == "append_only"
    newer = service.add_note(case.id, "corrected", supersedes=note.id)
    texts = [n.text for n in service.record(case.id).notes]
    assert texts == ["first", "corrected"] and newer.supersedes == note.id


def test_sequence_numbers_continue_after_reopening(office: Store) -> None:
    from tests.conftest import PASSPHRASE

    service = CaseService(office)
    full_case(service)
    last = office.last_own_seq
    folder = office.folder
    office.close()
    with Store.open(folder, PASSPHRASE) as again:
        CaseService(again).add_counselor("Jonas")
        assert again.last_own_seq == last + 2  # the counselor and its audit entry


def test_a_failed_transaction_leaves_no_change_and_no_sequence_gap(office: Store) -> None:
    service = CaseService(office)
    client = service.find_or_create_client("K-1")
    seq = office.last_own_seq
    with pytest.raises(RuntimeError), office.unit_of_work() as uow:
        uow.insert(model.Case(number="2022-0001", client_id=client.id, opened_on=dt.date(2022, 1, 1),
                              area="work"))
        raise RuntimeError("interrupted")
    assert office.last_own_seq == seq
    service.add_counselor("Jonas")
    assert [c[0] for c in own_changes(office)][-1] == seq + 1  # then its audit entry, seq + 2


# --- merge -------------------------------------------------------------------

DEVICES = ["aaaaaaaa-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"]
ROW = "11111111-2222-3333-4444-555555555555"


@st.composite
def change_streams(draw):
    """Writes of two devices to one case row, each device's stream in its own order."""
    changes = []
    for device in DEVICES:
        stamp = draw(st.integers(10, 1000)) << 16
        prev: dict[str, int] = {}
        for seq in range(1, draw(st.integers(1, 5)) + 1):
            fields = draw(st.lists(st.sampled_from(["status", "area", "summary", "level"]),
                                   min_size=1, max_size=3, unique=True))
            values = {f: draw(st.sampled_from(_VALUES[f])) for f in fields}
            stamp += draw(st.integers(1, 50)) << 16
            changes.append(ChangeSet(device, seq, stamp, "case", ROW, values,
                                     {f: prev[f] for f in fields if f in prev}))
            prev.update(dict.fromkeys(fields, stamp))
    return changes


_VALUES = {"status": ["open", "dormant", "closed"], "area": ["work", "housing", "education"],
           "summary": ["a", "b", "c"], "level": ["individual", "structural", None]}


_REPLICAS: dict[int, list[Store]] = {}


def case_state(store: Store) -> tuple:
    return store.conn.execute("SELECT status, area, summary, level FROM cases WHERE id = ?",
                              (ROW,)).fetchone()


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(streams=change_streams(), order=st.randoms(use_true_random=False))
def test_replicas_that_saw_the_same_changes_agree_in_any_order(make_store, streams, order) -> None:
    # Two replicas per test run, reused across examples (creating stores is the slow part).
    if id(make_store) not in _REPLICAS:
        _REPLICAS[id(make_store)] = [make_store("r1"), make_store("r2")]
    stores = _REPLICAS[id(make_store)]
    for store in stores:
        store.conn.execute("DELETE FROM cases WHERE id = ?", (ROW,))
        store.conn.execute("DELETE FROM change_log WHERE row_id = ?", (ROW,))
    shuffled = list(streams)
    order.shuffle(shuffled)
    with stores[0].unit_of_work() as uow:
        uow.apply_remote(streams)
    with stores[1].unit_of_work() as uow:
        uow.apply_remote(shuffled)
        again = uow.apply_remote(shuffled)  # a second delivery changes nothing
    assert again.applied == 0 and again.already_known == len(shuffled)
    assert case_state(stores[0]) == case_state(stores[1])
    newest = {}
    for change in sorted(streams, key=ChangeSet.clock_key):
        newest.update(change.values)
    assert case_state(stores[0]) == tuple(newest.get(f) for f in ("status", "area", "summary", "level"))


def test_a_concurrent_losing_value_is_kept_as_a_conflict(office: Store) -> None:
    first = ChangeSet(DEVICES[0], 1, 100 << 16, "case", ROW, {"area": "work"})
    second = ChangeSet(DEVICES[1], 1, 200 << 16, "case", ROW, {"area": "housing"})
    later_seen = ChangeSet(DEVICES[1], 2, 300 << 16, "case", ROW, {"area": "education"},
                           {"area": 200 << 16})
    with office.unit_of_work() as uow:
        result = uow.apply_remote([first, second, later_seen])
    assert result.conflicts == 1  # work vs housing were concurrent; education knew housing
    conflict = office.conn.execute("SELECT field, value, origin FROM conflicts").fetchall()
    assert conflict == [("area", '"work"', DEVICES[0])]
    assert queries.load(office.conn, "case", ROW).area == "education"


_TRICKY_TEXTS = ["plain", 'Zitat "so" \\ Schrägstrich', "Zeile 1\nZeile 2\tTab", "Ayşe Yılmaz 🙂",
                 "\u2028\u2029 trennt", "</script>&amp;", "ß" * 300, "", "   ", "0", "null", "[1]"]


def test_a_bulk_insert_logs_each_new_row_as_the_single_writes_would(office: Store) -> None:
    # SQLite builds a bulk insert's change-log values from the rows just written
    # (storage/rows.py log_from_rows_sql): character for character the JSON of the entity's
    # wire form that a single write logs, for every kind of field.
    rng = random.Random(16)
    entities: list[model.Entity] = []
    for number in range(600):  # above BULK_FIGURES_ROWS with the contacts
        name = rng.choice(_TRICKY_TEXTS).replace("\n", " ").strip() or None  # a one-line text
        client = model.Client(code=f"K-{number}", name=name,
                              languages=tuple(rng.sample(["Türkisch", "Arabisch", "Dari"], rng.randrange(3))),
                              town=rng.choice(["hilden", None]))
        case = model.Case(number=f"2022-{number:04d}", client_id=client.id,
                          opened_on=dt.date(2022, 1, 1) + dt.timedelta(days=number),
                          status="open", area="housing",
                          grounds=tuple(rng.sample(["religion", "language"], rng.randrange(3))),
                          summary=rng.choice(_TRICKY_TEXTS) or None, deleted=rng.random() < 0.1)
        contact = model.Contact(case_id=case.id, date=case.opened_on, duration_min=rng.randrange(1, 600),
                                imported=rng.choice([True, False, None]),
                                interpreter=rng.choice([True, None]))
        entities += [client, case, contact]
    statements: list[str] = []
    office.conn.set_trace_callback(statements.append)
    with office.unit_of_work() as uow:
        uow.insert_many(entities)
    office.conn.set_trace_callback(None)
    assert sum("json_object(" in statement for statement in statements) == 3  # one per table
    assert not any(statement.startswith("DELETE FROM change_log") for statement in statements)  # no fallback
    logged = dict(office.conn.execute(
        "SELECT row_id, vals FROM change_log WHERE origin = ? AND entity IN ('client', 'case', 'contact')",
        (office.own_origin_no,)).fetchall())
    assert len(logged) == len(entities)
    for entity in entities:
        assert logged[entity.id] == model.compact_json(wire_form.entity_to_wire(entity)), entity.ENTITY
    seqs = office.conn.execute(
        "SELECT seq, hlc FROM change_log WHERE origin = ? AND entity IN ('client', 'case', 'contact') "
        "ORDER BY seq", (office.own_origin_no,)).fetchall()
    assert [hlc for _, hlc in seqs] == sorted(hlc for _, hlc in seqs)  # one clock, in write order
    assert [seq for seq, _ in seqs] == list(range(seqs[0][0], seqs[0][0] + len(entities)))
