"""The running sums (period_figures, kept by triggers) always equal a plain count of the tables.

Random edits through the real services (open, log, intervene, change, tombstone,
erase) on a real encrypted store, and a handover to the office, must leave
``statistics.period_figures`` equal to ``statistics.scanned_period_figures``
for any period.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, StoreError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.storage import figures, statistics, unit_of_work
from beratungsdesk.storage.store import Store
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.integration.sync_helpers import enroll, handover
from tests.timing import examples

START = dt.date(2022, 1, 1)
#: Day offsets of the periods compared: a whole span, a part, a single day.
SPANS = [(0, 60), (10, 20), (5, 5)]
PERIODS = [(START + dt.timedelta(days=a), START + dt.timedelta(days=b)) for a, b in SPANS]

days = st.integers(0, 30)  # offsets from the example's first day
maybe = lambda values: st.sampled_from([None, *values])  # noqa: E731
index = st.integers(0, 5)

opening = st.tuples(st.just("open"), st.integers(0, 3), st.sampled_from(["work", "housing", "education"]),
                    days, st.sets(st.sampled_from(["religion", "language", "ethnic_origin"]), max_size=2),
                    maybe(["individual", "institutional"]))
# A few cases first, so that most later steps have something to work on.
operations = st.builds(lambda first, rest: [*first, *rest], st.lists(opening, min_size=1, max_size=4),
                       st.lists(st.one_of(
    opening,
    st.tuples(st.just("contact"), index, st.integers(1, 200), maybe(["phone", "office", "outreach"]),
              maybe(["hilden", "mettmann"]), maybe(["Türkisch", " Türkisch\t", "Polnisch", ""])),
    st.tuples(st.just("intervention"), index, st.sampled_from(["referral", "complaint_letter"])),
    st.tuples(st.just("change_case"), index, days, st.sampled_from(["work", "violence"]),
              st.sets(st.sampled_from(["religion", "ethnic_origin"]), max_size=2)),
    st.tuples(st.just("change_contact"), index, st.integers(1, 90), maybe(["phone", "video"])),
    st.tuples(st.just("change_intervention"), index,
              st.sampled_from(["referral", "psychosocial_counseling"])),
    st.tuples(st.just("delete"), st.sampled_from(["case", "contact", "intervention"]), index),
    st.tuples(st.just("erase"), index),
), max_size=25))


class Replayer:
    """Applies the generated operations; indexes wrap around what exists."""

    def __init__(self, store: Store, first_day: dt.date = START, prefix: str = "K") -> None:
        self.store = store
        self.first_day, self.prefix = first_day, prefix
        self.cases = CaseService(store)
        self.made: dict[str, list[Any]] = {"case": [], "contact": [], "intervention": []}

    def pick(self, kind: str, at: int) -> Any | None:
        found = self.made[kind]
        return found[at % len(found)] if found else None

    def run(self, operation: tuple[Any, ...]) -> None:
        name, *args = operation
        getattr(self, f"do_{name}")(*args)

    def day(self, offset: int) -> dt.date:
        return self.first_day + dt.timedelta(days=offset)

    def do_open(self, client: int, area: str, on: int, grounds: set[str], level: str | None) -> None:
        person = self.cases.find_or_create_client(f"{self.prefix}-{client}")
        self.made["case"].append(self.cases.open_case(person, area, self.day(on),
                                                      grounds=tuple(sorted(grounds)), level=level))

    def do_contact(self, at: int, minutes: int, channel: str | None, town: str | None,
                   language: str | None) -> None:
        case = self.pick("case", at)
        if case is not None:
            self.made["contact"].append(self.cases.log_contact(
                case.id, minutes, case.opened_on, channel=channel, town=town, language=language))

    def do_intervention(self, at: int, kind: str) -> None:
        case = self.pick("case", at)
        if case is not None:
            self.made["intervention"].append(self.cases.add_intervention(case.id, kind))

    def do_change_case(self, at: int, on: int, area: str, grounds: set[str]) -> None:
        case = self.pick("case", at)
        if case is not None and self._live("cases", case.id):
            self.cases.update("case", case.id, {"opened_on": self.day(on), "area": area,
                                                "grounds": tuple(sorted(grounds))})

    def do_change_contact(self, at: int, minutes: int, channel: str | None) -> None:
        contact = self.pick("contact", at)
        if contact is not None and self._live("contacts", contact.id):
            self.cases.update("contact", contact.id, {"duration_min": minutes, "channel": channel})

    def do_change_intervention(self, at: int, kind: str) -> None:
        item = self.pick("intervention", at)
        if item is not None and self._live("interventions", item.id):
            self.cases.update("intervention", item.id, {"type": kind})

    def do_delete(self, kind: str, at: int) -> None:
        row = self.pick(kind, at)
        if row is not None and self._live(f"{kind}s" if kind != "case" else "cases", row.id):
            self.cases.delete(kind, row.id)

    def do_erase(self, at: int) -> None:
        case = self.pick("case", at)
        if case is not None and self._live("cases", case.id):
            ErasureService(self.store).erase_case(case.number)

    def _live(self, table: str, row_id: str) -> bool:
        return self.store.conn.execute(f"SELECT deleted = 0 FROM {table} WHERE id = ?",
                                       (row_id,)).fetchone() == (1,)


def assert_sums_match_the_tables(store: Store, first_day: dt.date = START) -> None:
    periods = [(first_day + dt.timedelta(days=a), first_day + dt.timedelta(days=b)) for a, b in SPANS]
    for start, end in [*periods, (dt.date(1990, 1, 1), dt.date(2100, 1, 1))]:
        summed = statistics.period_figures(store.conn, start, end)
        scanned = statistics.scanned_period_figures(store.conn, start, end)
        assert summed == scanned, (start, end)


@pytest.fixture(scope="module")
def shared_store() -> Iterator[Store]:
    """One store for all examples (creating one takes a second): each example works
    on its own 100 days and its own client codes, so examples do not see each other."""
    with tempfile.TemporaryDirectory() as folder, Store.create(
            Path(folder) / "office", PASSPHRASE, "office", "office", kdf_seconds=FAST_KDF) as store:
        yield store


_examples = itertools.count()


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_running_sums_equal_a_plain_count_after_any_edits(shared_store: Store,
                                                          steps: list[tuple[Any, ...]]) -> None:
    number = next(_examples)
    first_day = START + dt.timedelta(days=100 * number)
    replay = Replayer(shared_store, first_day, prefix=f"E{number}")
    for step in steps:
        replay.run(step)
    assert_sums_match_the_tables(shared_store, first_day)


def test_sums_follow_a_handover_and_a_tombstone_from_the_laptop(office: Store, laptop: Store,
                                                                tmp_path: Path) -> None:
    office_side, laptop_side = enroll(office, laptop, "Aylin Demir", tmp_path)
    replay = Replayer(laptop)
    for step in [("open", 0, "work", 0, {"religion"}, None), ("open", 1, "housing", 0, set(), None),
                 ("contact", 0, 45, "phone", "hilden", "Türkisch"), ("contact", 1, 30, None, None, None),
                 ("intervention", 0, "referral"), ("intervention", 0, "referral")]:
        replay.run(step)
    handover(laptop_side, office_side, tmp_path)
    figures = statistics.period_figures(office.conn, *PERIODS[0])
    assert (figures.cases, figures.contacts, figures.minutes_total, figures.referrals) == (2, 2, 75, 2)
    assert_sums_match_the_tables(office)

    replay.run(("change_case", 0, 40, "violence", set()))
    replay.run(("delete", "contact", 1))
    handover(laptop_side, office_side, tmp_path)
    assert_sums_match_the_tables(office)
    moved = statistics.period_figures(office.conn, START, START + dt.timedelta(days=30))
    assert (moved.cases, moved.contacts, moved.minutes_total) == (1, 0, 0)


# --- bulk inserts (storage/figures.py bulk_insert): sums added for the batch, not by triggers ---

@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_running_sums_stay_right_when_every_insert_takes_the_bulk_path(
        shared_store: Store, steps: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 1)
    number = next(_examples)
    first_day = START + dt.timedelta(days=100 * number)
    replay = Replayer(shared_store, first_day, prefix=f"B{number}")
    for step in steps:
        replay.run(step)
    assert_sums_match_the_tables(shared_store, first_day)


languages = st.sampled_from([None, "", "Türkisch", " Türkisch\t", "Polnisch"])
new_case = st.tuples(st.just("case"), days, st.sampled_from(["work", "housing"]),
                     st.sets(st.sampled_from(["religion", "language"]), max_size=2),
                     st.booleans())  # deleted
new_contact = st.tuples(st.just("contact"), index, st.sampled_from([1, 30, 90]),
                        st.sampled_from([None, "", "phone"]), languages, st.booleans())
new_intervention = st.tuples(st.just("intervention"), index,
                             st.sampled_from(["referral", "complaint_letter", "testing"]), st.booleans())
bulk_rows = st.lists(st.one_of(new_case, new_contact, new_intervention), min_size=1, max_size=30)


class BulkWriter:
    """Batches of new cases, contacts and interventions in one ``insert_many`` each.

    Children point at cases of this batch, of earlier batches, or at cases that
    come only in a later batch (as after a handover in pieces)."""

    def __init__(self, store: Store, first_day: dt.date) -> None:
        self.store, self.first_day = store, first_day
        self.client = model.Client(code=f"BW-{first_day}")
        self.case_ids: list[str] = [model.new_id() for _ in range(6)]  # some exist only later
        self.written: set[str] = set()
        self.taken: set[str] = set()  # case ids given to a case already

    def write(self, batch: list[tuple[Any, ...]]) -> None:
        entities: list[model.Entity] = [] if self.client.id in self.written else [self.client]
        self.written.add(self.client.id)
        for kind, *values in batch:
            entities.append(getattr(self, kind)(*values))
        self.written |= {e.id for e in entities}
        with self.store.unit_of_work() as uow:
            uow.insert_many(entities)

    def case(self, on: int, area: str, grounds: set[str], deleted: bool) -> model.Case:
        free = [case_id for case_id in self.case_ids if case_id not in self.taken]
        case_id = free[0] if free else model.new_id()
        self.taken.add(case_id)
        if case_id not in self.case_ids:
            self.case_ids.append(case_id)
        return model.Case(id=case_id, number=f"B-{case_id[:8]}", client_id=self.client.id,
                          opened_on=self.first_day + dt.timedelta(days=on), area=area,
                          grounds=tuple(sorted(grounds)), deleted=deleted)

    def contact(self, at: int, minutes: int, channel: str | None, language: str | None,
                deleted: bool) -> model.Contact:
        return model.Contact(case_id=self.case_ids[at % len(self.case_ids)], date=self.first_day,
                             duration_min=minutes, channel=channel or None, language=language,
                             deleted=deleted)

    def intervention(self, at: int, kind: str, deleted: bool) -> model.Intervention:
        return model.Intervention(case_id=self.case_ids[at % len(self.case_ids)], type=kind,
                                  deleted=deleted)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=st.lists(bulk_rows, min_size=1, max_size=3))
def test_bulk_inserts_add_what_the_triggers_would_add(
        shared_store: Store, batches: list[list[tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 1)
    number = next(_examples)
    first_day = START + dt.timedelta(days=100 * number)
    writer = BulkWriter(shared_store, first_day)
    for batch in batches:
        writer.write(batch)
    assert_sums_match_the_tables(shared_store, first_day)


def test_a_failing_bulk_insert_leaves_no_rows_and_the_triggers_in_place(office: Store) -> None:
    client = model.Client(code="K-1")
    cases = [model.Case(number=f"2022-{n:04d}", client_id=client.id, opened_on=START, area="work")
             for n in range(unit_of_work.BULK_FIGURES_ROWS)]
    bad = model.Contact(case_id=cases[0].id, date=START, duration_min=30, channel="carrier pigeon")
    with office.unit_of_work() as uow:  # a bad value is found before anything is written
        with pytest.raises(BeratungsError):
            uow.insert_many([client, *cases, bad])
        assert office.conn.execute("SELECT count(*) FROM cases").fetchone() == (0,)
        uow.insert_many([client, *cases])  # so the caller may go on
    triggers = {row[0] for row in office.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(figures.INSERT_TRIGGERS) <= triggers
    CaseService(office).log_contact(cases[0].id, 45, START)  # one row: the trigger's path
    assert statistics.period_figures(office.conn, START, START).cases == len(cases)
    assert statistics.period_figures(office.conn, START, START).minutes_total == 45
    assert_sums_match_the_tables(office)


def test_a_bulk_insert_failing_in_the_store_is_never_committed(office: Store) -> None:
    client = model.Client(code="K-1")
    cases = [model.Case(number=f"2022-{n:04d}", client_id=client.id, opened_on=START, area="work")
             for n in range(unit_of_work.BULK_FIGURES_ROWS)]
    with office.unit_of_work() as uow:
        uow.insert_many([client, cases[0]])
    before = statistics.period_figures(office.conn, START, START)
    with pytest.raises(StoreError) as caught, office.unit_of_work() as uow:
        with pytest.raises(StoreError):  # cases[0] is there: the second batch fails half-way
            uow.insert_many([*cases[1:], cases[0]])
        uow.insert_many([model.Client(code="K-2")])  # a caller that goes on anyway
    assert caught.value.code == "database_error"
    assert office.conn.execute("SELECT count(*) FROM cases").fetchone() == (1,)
    assert statistics.period_figures(office.conn, START, START) == before
    assert set(figures.INSERT_TRIGGERS) <= {row[0] for row in office.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert_sums_match_the_tables(office)


def test_bulk_insert_counts_a_type_once_per_case_and_children_that_came_first(
        office: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 1)
    client = model.Client(code="K-1")
    known = model.Case(number="2022-0001", client_id=client.id, opened_on=START, area="work")
    with office.unit_of_work() as uow:
        uow.insert_many([client, known, model.Intervention(case_id=known.id, type="testing")])
    later = model.Case(number="2022-0002", client_id=client.id, opened_on=START, area="housing")
    early = [model.Contact(case_id=later.id, date=START, duration_min=20, language=" Polnisch "),
             model.Intervention(case_id=later.id, type="referral")]
    with office.unit_of_work() as uow:  # children before their case, as a handover may bring them
        uow.insert_many(early)
    new = model.Case(number="2022-0003", client_id=client.id, opened_on=START, area="housing")
    with office.unit_of_work() as uow:
        uow.insert_many([later, new, *(model.Intervention(case_id=case.id, type=kind)
                                       for case in (known, new, later)
                                       for kind in ("testing", "testing", "referral"))])
    figures_now = statistics.period_figures(office.conn, START, START)
    assert figures_now.interventions == {"testing": 3, "referral": 3}
    assert figures_now.referrals == 4 and figures_now.contacts == 1 and figures_now.minutes_total == 20
    assert figures_now.cases == 3
    assert_sums_match_the_tables(office)
