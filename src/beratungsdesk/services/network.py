"""Prevention and network work: workshops, partners, cooperation meetings, referrals.

Records are written through the unit of work like cases, so they travel in the
handover with the same guarantees (per-field merge, conflicts, tombstones).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.records import NetworkFilter
from beratungsdesk.services.records import RecordService
from beratungsdesk.storage import network_queries, queries

__all__ = ["NetworkFilter", "NetworkService"]


class NetworkService(RecordService):
    # --- reading ------------------------------------------------------------

    def workshops(self, network_filter: NetworkFilter | None = None) -> list[model.Workshop]:
        return network_queries.workshops(self.store.conn, network_filter or NetworkFilter())

    def partners(self, network_filter: NetworkFilter | None = None) -> list[model.Partner]:
        return network_queries.partners(self.store.conn, network_filter or NetworkFilter())

    def meetings(self, network_filter: NetworkFilter | None = None,
                 partner_id: str | None = None) -> list[model.Meeting]:
        return network_queries.meetings(self.store.conn, network_filter or NetworkFilter(), partner_id)

    def referrals(self, case_id: str | None = None, partner_id: str | None = None) -> list[model.Referral]:
        return network_queries.referrals(self.store.conn, case_id, partner_id)

    def load(self, entity_name: str, row_id: str) -> model.Entity:
        return queries.load(self.store.conn, entity_name, row_id)

    # --- writing ------------------------------------------------------------

    def add_workshop(self, type_code: str, on: dt.date, **details: Any) -> model.Workshop:
        return self.add(model.Workshop(type=type_code, date=on, **details))

    def add_partner(self, kind: str, name: str, **details: Any) -> model.Partner:
        return self.add(model.Partner(kind=kind, name=name.strip(), **details))

    def add_meeting(self, on: dt.date, partner_ids: tuple[str, ...], **details: Any) -> model.Meeting:
        return self.add(model.Meeting(date=on, partner_ids=partner_ids, **details))

    def add_referral(self, case_id: str, partner_id: str, direction: str, on: dt.date | None,
                     reason: str | None = None) -> model.Referral:
        referral = model.Referral(case_id=case_id, partner_id=partner_id, direction=direction,
                                  date=on, reason=reason)
        return self.add(referral)
