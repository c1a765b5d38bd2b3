"""Convergence under Hypothesis: an office and three laptops edit at random while
bundles travel late, twice, out of order, and some only at the very end.
Finally every store holds the same data for what it shares, and no change is lost."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from beratungsdesk.core.vocab import BUILTIN_ORIGIN
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, Reason
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, StoreTemplates
from tests.integration.sync_helpers import counselor_id, data_view, enroll
from tests.timing import examples

LAPTOPS = 3
FIELDS = {"level": ["individual", "institutional", "structural"],
          "respondent": ["school", "authority", "employer"],
          "summary": ["A", "B", "C"], "status": ["open", "dormant"]}
_TEMPLATE: dict[str, Path] = {}


def _scratch() -> Path:
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))


def _template() -> Path:
    """Office and laptops enrolled once (see the test); every example starts from a copy."""
    return _TEMPLATE["root"]


def _enrolled(templates: StoreTemplates) -> Path:
    root = templates.root / "convergence"
    if not root.exists():
        office = Store.open(templates.copy("office", "office", root / "office"), PASSPHRASE)
        for index in range(LAPTOPS):
            name = f"laptop{index}"
            laptop = Store.open(templates.copy(name, "counselor", root / name), PASSPHRASE)
            enroll(office, laptop, f"Counselor {index}", root / "enroll")
            laptop.close()
        office.close()
    return root


class Handover(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.root = _scratch()
        for name in ["office", *[f"laptop{i}" for i in range(LAPTOPS)]]:
            shutil.copytree(_template() / name, self.root / name,
                            ignore=shutil.ignore_patterns("store.lock"))
        self.office = HandoverService(Store.open(self.root / "office", PASSPHRASE))
        self.laptops = [HandoverService(Store.open(self.root / f"laptop{i}", PASSPHRASE))
                        for i in range(LAPTOPS)]
        self.by_device = {s.store.device_id: i for i, s in enumerate(self.laptops)}
        self.in_flight: dict[int | None, list[Path]] = {None: [], **{i: [] for i in range(LAPTOPS)}}
        self.rng = random.Random(0)
        self.counter = 0

    def teardown(self) -> None:
        if not hasattr(self, "office"):
            return
        try:
            self._finish_and_check()
        finally:
            for service in [self.office, *self.laptops]:
                service.store.close()
            shutil.rmtree(self.root, ignore_errors=True)

    # --- edits ------------------------------------------------------------------

    def _case_ids(self, store: Store) -> list[str]:
        return [r[0] for r in store.conn.execute("SELECT id FROM cases ORDER BY id")]

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def laptop_opens_case(self, laptop: int) -> None:
        store = self.laptops[laptop].store
        service = CaseService(store)
        self.counter += 1
        client = service.find_or_create_client(f"K{laptop}-{self.counter}")
        service.open_case(client, "work", dt.date(2024, 1, 1), counselor_id=counselor_id(store))

    @rule(who=st.integers(-1, LAPTOPS - 1), pick=st.integers(0, 99), field=st.sampled_from(sorted(FIELDS)),
          value=st.integers(0, 2))
    def edit_case(self, who: int, pick: int, field: str, value: int) -> None:
        store = self.office.store if who < 0 else self.laptops[who].store
        cases = self._case_ids(store)
        if cases:
            choices = FIELDS[field]
            CaseService(store).update("case", cases[pick % len(cases)],
                                      {field: choices[value % len(choices)]})

    @rule(who=st.integers(-1, LAPTOPS - 1), pick=st.integers(0, 99))
    def log_contact(self, who: int, pick: int) -> None:
        store = self.office.store if who < 0 else self.laptops[who].store
        cases = self._case_ids(store)
        if cases:
            CaseService(store).log_contact(cases[pick % len(cases)], 15 + pick, dt.date(2024, 2, 1))

    @rule(pick=st.integers(0, 99), laptop=st.integers(0, LAPTOPS - 1))
    def office_hands_case_over(self, pick: int, laptop: int) -> None:
        cases = self._case_ids(self.office.store)
        if cases:
            CaseService(self.office.store).update(
                "case", cases[pick % len(cases)], {"counselor_id": counselor_id(self.laptops[laptop].store)})

    # --- transport --------------------------------------------------------------

    def _export(self, service: HandoverService) -> None:
        self.counter += 1
        for result in service.export(self.root / f"out{self.counter}"):
            if result.path is not None:
                self.in_flight[self.by_device.get(result.recipient)].append(result.path)

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def laptop_exports(self, laptop: int) -> None:
        self._export(self.laptops[laptop])

    @rule()
    def office_exports(self) -> None:
        self._export(self.office)

    @rule(to=st.integers(-1, LAPTOPS - 1), pick=st.integers(0, 99), again_later=st.booleans())
    def deliver(self, to: int, pick: int, again_later: bool) -> None:
        queue = self.in_flight[None if to < 0 else to]
        if not queue:
            return
        path = queue[pick % len(queue)] if again_later else queue.pop(pick % len(queue))
        self._import(None if to < 0 else to, path)

    def _import(self, to: int | None, path: Path) -> None:
        service = self.office if to is None else self.laptops[to]
        [outcome] = service.import_files([path])
        assert outcome.status in ("imported", "already"), outcome.reason
        assert outcome.reason in (None, Reason.ALREADY_IMPORTED)

    # --- the end -----------------------------------------------------------------

    def _finish_and_check(self) -> None:
        late = [(to, path) for to, paths in self.in_flight.items() for path in paths]
        self.rng.shuffle(late)
        for to, path in late:  # the ones that never arrived until now, in any order
            self._import(to, path)
        for _ in range(4):  # a few ordinary handover rounds settle receipts and replies
            written = 0
            for to in range(LAPTOPS):
                self.in_flight = {k: [] for k in self.in_flight}
                self._export(self.laptops[to])
                written += len(self.in_flight[None])
                for path in self.in_flight[None]:
                    self._import(None, path)
            self.in_flight = {k: [] for k in self.in_flight}
            self._export(self.office)
            for to in range(LAPTOPS):
                written += len(self.in_flight[to])
                for path in self.in_flight[to]:
                    self._import(to, path)
        # ...and then the stores fall quiet: nobody acknowledges acknowledgements for ever.
        assert written == 0
        # Honest work is never refused; the one refusal an honest laptop meets is an edit to a
        # case the office handed to someone else meanwhile (kept in the office's quarantine).
        for item in self.office.quarantine():
            assert (item.entity, item.reason) in {("case", "out_of_scope"),
                                                  ("contact", "reference_out_of_scope")}, item
        office_view = data_view(self.office.store)
        office_log = _log(self.office.store)
        for service in self.laptops:
            store = service.store
            # No change lost: every change a laptop made is in the office's log.
            own = {key for key in _log(store) if key[0] == store.device_id}
            assert own <= office_log
            # Same data for everything the laptop shares with the office.
            laptop_view = data_view(store)
            for entity, row_ids in _scope(self.office.store, store).items():
                for row_id in row_ids:
                    assert laptop_view[entity].get(row_id) == office_view[entity][row_id], (entity,)
            assert service.status().peers[0].pending_changes == 0


def _log(store: Store) -> set[tuple[str, int]]:
    return {(device, seq) for device, seq in store.conn.execute(
        "SELECT o.device_id, l.seq FROM change_log l JOIN origins o ON o.no = l.origin "
        "WHERE o.device_id != ?", (BUILTIN_ORIGIN,))}


def _scope(office: Store, laptop: Store) -> dict[str, set[str]]:
    """What the office owes the laptop: its counselor's and its own cases, with all that hangs off them."""
    counselor = counselor_id(laptop)
    cases = {r[0] for r in office.conn.execute("SELECT id FROM cases WHERE counselor_id = ?", (counselor,))}
    cases |= {r[0] for r in office.conn.execute(
        "SELECT l.row_id FROM change_log l JOIN origins o ON o.no = l.origin "
        "WHERE l.entity = 'case' AND o.device_id = ?", (laptop.device_id,))}
    marks = ",".join("?" * len(cases))
    scope = {"case": cases,
             "client": {r[0] for r in office.conn.execute(
                 f"SELECT client_id FROM cases WHERE id IN ({marks})", tuple(cases))},
             "contact": {r[0] for r in office.conn.execute(
                 f"SELECT id FROM contacts WHERE case_id IN ({marks})", tuple(cases))},
             "counselor": {r[0] for r in office.conn.execute("SELECT id FROM counselors")}}
    return scope


@pytest.mark.slow
def test_office_and_three_laptops_converge(store_templates: StoreTemplates) -> None:
    _TEMPLATE["root"] = _enrolled(store_templates)
    run_state_machine_as_test(Handover, settings=settings(
        max_examples=examples(8), stateful_step_count=30, deadline=None,
        suppress_health_check=list(HealthCheck)))
