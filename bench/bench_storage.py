"""Storage benchmarks on a generated store (see bench/generate.py).

    .venv/bin/python bench/generate.py --cases 100000 --out /tmp/bench-store
    .venv/bin/python bench/bench_storage.py /tmp/bench-store

Measures, as medians of several runs:
- unlock at the store's own (default) KDF parameters;
- writes of contacts through the unit of work (validation + change log + clocks)
  against a raw ``executemany`` of the same rows into the same table: the ratio;
  and the price of the running figures (with and without their triggers, and the
  unit of work's bulk sums against a trigger per row);
- search latency for typical queries;
- one 100-row page of the case list (first page, deep keyset page, filtered).
Writes roll back, so the store is unchanged afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from beratungsdesk.core import model, wire_form
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.storage import rows as row_mapping
from beratungsdesk.storage import unit_of_work
from beratungsdesk.storage.store import Store
from common import machine, median_seconds

PASSPHRASE = "bench-passphrase"  # the same for every benchmark store
WRITE_ROWS = 20_000


def bench_unlock(folder: Path) -> float:
    def unlock() -> None:
        Store.open(folder, PASSPHRASE).close()

    return median_seconds(unlock, runs=5)


def _contacts(case_id: str, count: int) -> list[model.Contact]:
    return [model.Contact(case_id=case_id, date=dt.date(2022, 5, 1), start_time="10:00",
                          duration_min=60, channel="outreach", town="hilden", place="Rathaus",
                          language="Deutsch") for _ in range(count)]


def bench_writes(store: Store) -> tuple[float, float, float, float]:
    """Rows per second: unit of work, raw executemany of the same rows, raw
    executemany without the running-sum triggers (dropped inside the rolled-back
    transaction): the price of keeping the figures (storage/figures.py); and the
    unit of work with a trigger per row instead of the bulk sums (as below
    ``BULK_FIGURES_ROWS``)."""
    case_id = store.conn.execute("SELECT id FROM cases LIMIT 1").fetchone()[0]
    contact_spec = model.spec("contact")

    def through_unit_of_work(per_row_triggers: bool = False) -> None:
        batch = _contacts(case_id, WRITE_ROWS)
        uow = store.unit_of_work().__enter__()
        bulk_from = unit_of_work.BULK_FIGURES_ROWS
        if per_row_triggers:
            unit_of_work.BULK_FIGURES_ROWS = WRITE_ROWS + 1
        try:
            uow.insert_many(batch)
        finally:
            unit_of_work.BULK_FIGURES_ROWS = bulk_from
            uow.__exit__(RuntimeError, RuntimeError("benchmark rollback"), None)

    def raw_insert(with_figures: bool = True) -> None:
        batch = _contacts(case_id, WRITE_ROWS)
        params = [row_mapping.row_params(contact_spec, c.id, wire_form.entity_to_wire(c), (1, 1, 0), None)
                  for c in batch]
        store.conn.execute("BEGIN")
        try:
            if not with_figures:
                store.conn.execute("DROP TRIGGER contacts_figures_insert")
            store.conn.executemany(row_mapping.insert_sql(contact_spec), params)
        finally:
            store.conn.execute("ROLLBACK")

    uow_seconds = median_seconds(through_unit_of_work, runs=5)
    raw_seconds = median_seconds(raw_insert, runs=5)
    bare_seconds = median_seconds(lambda: raw_insert(with_figures=False), runs=5)
    per_row_seconds = median_seconds(lambda: through_unit_of_work(per_row_triggers=True), runs=5)
    return (WRITE_ROWS / uow_seconds, WRITE_ROWS / raw_seconds, WRITE_ROWS / bare_seconds,
            WRITE_ROWS / per_row_seconds)


def bench_search(store: Store) -> dict[str, float]:
    service = CaseService(store)
    number = store.conn.execute("SELECT number FROM cases ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    queries = {"common word (Wohnungsbesichtigung)": "Wohnungsbesichtigung",
               "surname (Yılmaz)": "Yılmaz", "client code (K-00042)": "K-00042",
               "case number": number, "prefix as typed (Verm)": "Verm"}
    return {label: median_seconds(lambda text=text: service.search(text), runs=15)
            for label, text in queries.items()}


def bench_pages(store: Store) -> dict[str, float]:
    service = CaseService(store)
    after = None
    for _ in range(500):  # walk to page 500 once to get a deep keyset
        after = service.page(CaseFilter(), after=after, limit=100).next_key
    results = {
        "first page, newest first": median_seconds(lambda: service.page(CaseFilter(), limit=100), runs=15),
        "page 501 by keyset": median_seconds(lambda: service.page(CaseFilter(), after=after, limit=100),
                                             runs=15),
        "filtered (open, housing)": median_seconds(
            lambda: service.page(CaseFilter(status="open", area="housing"), limit=100), runs=15),
        "sorted by client code": median_seconds(
            lambda: service.page(CaseFilter(), sort="client", descending=False, limit=100), runs=15),
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"unlock (default KDF): {bench_unlock(args.store) * 1000:.0f} ms")
    with Store.open(args.store, PASSPHRASE) as store:
        cases = store.conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        contacts = store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        print(f"store: {cases} cases, {contacts} contacts")
        uow_rate, raw_rate, bare_rate, per_row_rate = bench_writes(store)
        print(f"writes: unit of work {uow_rate:,.0f} rows/s, raw executemany {raw_rate:,.0f} rows/s, "
              f"ratio {uow_rate / raw_rate:.2f}")
        print(f"writes without the figures triggers: {bare_rate:,.0f} rows/s "
              f"(triggers keep {raw_rate / bare_rate:.2f} of the raw rate)")
        print(f"unit of work with a figures trigger per row (not the bulk sums): {per_row_rate:,.0f} rows/s "
              f"(bulk sums {uow_rate / per_row_rate:.2f}x as fast; ratio to raw without triggers: "
              f"bulk {uow_rate / bare_rate:.2f}, per row {per_row_rate / bare_rate:.2f})")
        for label, seconds in bench_search(store).items():
            print(f"search {label}: {seconds * 1000:.2f} ms")
        for label, seconds in bench_pages(store).items():
            print(f"case list {label}: {seconds * 1000:.2f} ms")
    print(f"finished {time.strftime('%Y-%m-%d %H:%M')} (all figures are medians)")


if __name__ == "__main__":
    main()
