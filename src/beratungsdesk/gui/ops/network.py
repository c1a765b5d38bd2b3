"""Prevention and network operations: the three lists, saving and deleting records, a
partner's links, a case's referrals and the list imports (``session.network``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.ops import Op
from beratungsdesk.services.network import NetworkFilter
from beratungsdesk.services.session_network import ListImportReport

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend


@dataclass
class NetworkData:
    """The network page's three lists (filtered), every partner, and the years to filter by."""

    workshops: list[model.Workshop]
    partners: list[model.Partner]
    meetings: list[model.Meeting]
    all_partners: list[model.Partner]  # unfiltered: names for meetings and referrals
    years: list[int]


def network_lists(workshops: NetworkFilter, partners: NetworkFilter,
                  meetings: NetworkFilter) -> Op[NetworkData]:
    def job(backend: Backend) -> NetworkData:
        service = backend.require().network
        everything = service.workshops()
        meetings_all = service.meetings()
        # Stored dates that are not valid (wire_form.Invalid) have no year to offer.
        years = ({w.date.year for w in everything if isinstance(w.date, dt.date)}
                 | {m.date.year for m in meetings_all if isinstance(m.date, dt.date)})
        return NetworkData(service.workshops(workshops), service.partners(partners),
                           service.meetings(meetings), service.partners(),
                           sorted(years | {dt.date.today().year}, reverse=True))

    return Op(job)


def add_record(entity: model.Entity) -> Op[model.Entity]:
    return Op(lambda b: b.require().network.add(entity))


def update_record(entity_name: str, row_id: str, changes: dict[str, Any]) -> Op[model.Entity]:
    """Write the changed fields (if any) and read the record back as stored."""
    def job(backend: Backend) -> model.Entity:
        service = backend.require().network
        if changes:
            service.update(entity_name, row_id, changes)
        return service.load(entity_name, row_id)

    return Op(job)


def delete_record(entity_name: str, row_id: str) -> Op[None]:
    return Op(lambda b: b.require().network.delete(entity_name, row_id))


def partner_links(partner_id: str) -> Op[tuple[list[model.Meeting], list[model.Referral], dict[str, str]]]:
    """A partner's meetings and referrals, with the case numbers the referrals name."""
    def job(backend: Backend) -> tuple[list[model.Meeting], list[model.Referral], dict[str, str]]:
        service = backend.require().network
        referrals = service.referrals(partner_id=partner_id)
        numbers = {}
        for referral in referrals:
            if referral.case_id and referral.case_id not in numbers:
                try:
                    case = service.load("case", referral.case_id)
                except BeratungsError:  # the case was deleted; the referral stays readable
                    continue
                numbers[referral.case_id] = getattr(case, "number", "") or ""
        return service.meetings(partner_id=partner_id), referrals, numbers

    return Op(job)


def case_referrals(case_id: str) -> Op[tuple[list[model.Referral], list[model.Partner]]]:
    """A case's referrals and the partners to choose from."""
    def job(backend: Backend) -> tuple[list[model.Referral], list[model.Partner]]:
        service = backend.require().network
        return service.referrals(case_id=case_id), service.partners()

    return Op(job)


def add_referral(case_id: str, partner_id: str, direction: str, on: dt.date | None,
                 reason: str | None) -> Op[model.Referral]:
    return Op(lambda b: b.require().network.add_referral(case_id, partner_id, direction, on, reason))


def import_list(kind: str, path: Path) -> Op[ListImportReport]:
    """A workshop list (``kind`` "workshops") or a partner list: every row or none."""
    return Op(lambda b: b.require().network.import_list(kind, path))
