#!/usr/bin/env python3
"""Write the upgrade-test fixture for the current schema version.

    .venv/bin/python tools/make_fixture_store.py      # -> tests/fixtures/store-vN

Run it once whenever a migration is added (tests/integration/test_migrations.py
opens every fixture with the newest code). The store holds one invented case,
with the passphrase ``fixture vN``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from beratungsdesk.services.cases import CaseService  # noqa: E402
from beratungsdesk.services.week import WeekService  # noqa: E402
from beratungsdesk.storage import schema  # noqa: E402
from beratungsdesk.storage.store import Store  # noqa: E402


def main() -> int:
    version = schema.SCHEMA_VERSION
    folder = ROOT / "tests" / "fixtures" / f"store-v{version}"
    if folder.exists():
        print(f"{folder} exists already; a released fixture is never rewritten", file=sys.stderr)
        return 1
    with Store.create(folder, f"fixture v{version}", "office", "Fixture", kdf_seconds=0) as store:
        cases = CaseService(store)
        client = cases.find_or_create_client("K-0001", name="Ayşe Yılmaz")
        case = cases.open_case(client, "education", dt.date(2022, 3, 1), grounds=("religion",))
        cases.log_contact(case.id, 90, dt.date(2022, 3, 1), channel="office")
        cases.add_note(case.id, "Erstgespräch")
        cases.add_attachment(case.id, "brief.txt", b"Sehr geehrte Damen und Herren")
        # Since version 8: the counselor's week.
        week = WeekService(store)
        week.add_followup(case.id, dt.date(2022, 3, 15), "Rückruf")
        week.add_appointment(case.id, dt.date(2022, 3, 8), "10:00", town="hilden", minutes=45)
        week.add_office_hour(2, "09:00", "12:00", "hilden")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in ("store.lock", "store.db-wal", "store.db-shm", "unlock-failures.json"):
        (folder / leftover).unlink(missing_ok=True)
    print(f"wrote {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
