"""Generate a benchmark store of N cases (default 100 000, about a million contacts).

    .venv/bin/python bench/generate.py --cases 100000 --out /tmp/bench-store

The store is an office store with the passphrase ``bench-passphrase`` and the default KDF.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from beratungsdesk.services import demo
from beratungsdesk.services.stores import init_store

PASSPHRASE = "bench-passphrase"


def generate(folder: Path, cases: int, contacts_per_case: float = 10.0) -> None:
    start = time.perf_counter()
    store = init_store(folder, PASSPHRASE, "office", "Benchmark office")
    with store:
        summary = demo.fill(store, cases=cases, seed=7, contacts_per_case=contacts_per_case,
                            batch=5000, network=False)
    elapsed = time.perf_counter() - start
    print(f"{summary.cases} cases, {summary.contacts} contacts, {summary.notes} notes, "
          f"{summary.interventions} interventions in {elapsed:.1f} s -> {folder}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--contacts-per-case", type=float, default=10.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.cases, args.contacts_per_case)


if __name__ == "__main__":
    main()
