"""Rows that a faulty older version or another device could have left in a store.

Written with SQL straight into a real store: the scenario is a row that never
passed this version's validation. Used by the robustness tests of lists, views,
reports and the GUI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store


@dataclass(frozen=True)
class BrokenCases:
    no_number: str  # case id
    bogus: str  # case id; its number is BOGUS_NUMBER
    fine: str  # an untouched case, number FINE_NUMBER


BOGUS_NUMBER = "2024-0902"
FINE_NUMBER = "2024-0903"


def write_broken_rows(store: Store) -> BrokenCases:
    service = CaseService(store)
    client = service.find_or_create_client("K-BROKEN", name="Canary Broken")
    cases = [service.open_case(client, "work", dt.date(2024, 3, d), number=n)
             for d, n in ((1, "2024-0901"), (2, BOGUS_NUMBER), (3, FINE_NUMBER))]
    for case in cases:
        service.log_contact(case.id, 30, dt.date(2024, 3, 4), channel="phone")
        service.add_intervention(case.id, "complaint_letter", date=dt.date(2024, 3, 5))
        service.add_note(case.id, "a note")
    no_number, bogus, fine = (c.id for c in cases)
    sql = store.conn.execute
    sql("UPDATE cases SET number = NULL WHERE id = ?", (no_number,))
    sql("UPDATE cases SET opened_on = 'not-a-date', status = 'bogus_status', closed_on = 20240101, "
        "area = 'no_such_area', grounds = '\"abc\"', racism_forms = '[1,\"zz\"]', level = 7, "
        "incident_town = 'nowhere', summary = 42 WHERE id = ?", (bogus,))
    sql("UPDATE contacts SET date = 'yesterday', duration_min = 'lots', start_time = 99, "
        "channel = 'pigeon' WHERE case_id = ?", (bogus,))
    sql("UPDATE interventions SET date = 'zz', type = 'bogus', status = 'who' WHERE case_id = ?", (bogus,))
    sql("UPDATE notes SET written_at = 'sometime', text = NULL WHERE case_id = ?", (bogus,))
    sql("UPDATE clients SET age_group = 'x', languages = '\"de\"' WHERE id = ?", (client.id,))
    store.conn.commit()
    return BrokenCases(no_number, bogus, fine)
