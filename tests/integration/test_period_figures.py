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

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.storage import statistics
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
