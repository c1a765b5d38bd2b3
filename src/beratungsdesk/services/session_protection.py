"""The data-protection area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
consents, the audit log, retention and erasure, shaped for the views.

Runs on the GUI's worker thread like the rest of the session; returns plain
dataclasses and never imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services.erasure import ErasureReport, ErasureService
from beratungsdesk.services.protection import (
    SCOPES,
    AuditService,
    ConsentService,
    DueCase,
    RetentionService,
)
from beratungsdesk.storage import audit, protection_queries
from beratungsdesk.storage.handover import peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store

__all__ = ["AuditPage", "ChainCheck", "ConsentState", "DueCase", "ErasureReport",
           "ProtectionUseCases", "RetentionOverview"]

#: Audit entries fetched per page.
AUDIT_PAGE = 200
#: Shown for entries this store wrote itself (the office's own device).
THIS_DEVICE = "this"


@dataclass
class ConsentState:
    """A client's consents and, per scope, ``consent_missing``/``consent_withdrawn`` or None."""

    client_id: str
    consents: list[model.Consent]
    warnings: dict[str, str | None]


@dataclass
class AuditPage:
    entries: list[model.AuditEntry]
    total: int  # entries matching the filter, all pages together
    devices: dict[str, str] = field(default_factory=dict)  # device id -> name (THIS_DEVICE: own)


@dataclass(frozen=True)
class ChainProblemItem:
    device: str  # a device name, or THIS_DEVICE
    device_id: str
    n: int
    problem: str  # "hash" (altered), "link" (chain broken), "gap" (entry missing)


@dataclass
class ChainCheck:
    checked: int
    problems: list[ChainProblemItem]


@dataclass
class RetentionOverview:
    years: int
    due: list[DueCase]
    clients: int  # clients erased with the due cases (they have no other case)


class ProtectionUseCases:
    """``session.protection``: consents, the audit log, retention and erasure."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- consent --------------------------------------------------------------

    def consent_state(self, client_id: str, on: dt.date | None = None) -> ConsentState:
        """A client's consents, shown when the client is selected: audited as opening the client."""
        service = ConsentService(self.store)
        AuditService(self.store).log_open("client", client_id)
        return ConsentState(client_id, service.consents(client_id),
                            {scope: service.warning(client_id, scope, on) for scope in SCOPES})

    def add_consent(self, client_id: str, scopes: tuple[str, ...], form: str | None,
                    given_on: dt.date | None) -> model.Consent:
        if not scopes:  # the model accepts an empty list; a consent to nothing is a slip
            raise ValidationError("required", field="scopes")
        return ConsentService(self.store).record(client_id, scopes, form or "", given_on)

    def withdraw_consent(self, consent_id: str, on: dt.date | None) -> None:
        ConsentService(self.store).withdraw(consent_id, on)

    # --- audit log --------------------------------------------------------------

    def audit_kinds(self) -> tuple[list[str], list[str]]:
        return audit.kinds(self.store.conn)

    def audit_page(self, action: str | None, entity: str | None,
                   after: tuple[str, str, int] | None = None, limit: int = AUDIT_PAGE) -> AuditPage:
        """A page of entries; the first page (``after`` None) also brings the total and device names."""
        entries = audit.page(self.store.conn, action, entity, after, limit)
        if after is not None:
            return AuditPage(entries, -1)
        return AuditPage(entries, audit.count(self.store.conn, action, entity), self._device_names())

    def verify_audit(self) -> ChainCheck:
        checked, problems = AuditService(self.store).verify()
        names = self._device_names()
        return ChainCheck(checked, [ChainProblemItem(names.get(p.device_id, p.device_id[:8]),
                                                     p.device_id, p.n, p.problem) for p in problems])

    def _device_names(self) -> dict[str, str]:
        names = {peer.device_id: peer.name or peer.device_id[:8]
                 for peer in peers.peers(self.store.conn, "counselor")}
        names[self.store.device_id] = THIS_DEVICE
        return names

    # --- retention and erasure ---------------------------------------------------

    def retention(self, today: dt.date | None = None) -> RetentionOverview:
        service = RetentionService(self.store)
        due = service.due(today)
        clients = protection_queries.clients_only_in(self.store.conn, [d.case_id for d in due])
        return RetentionOverview(service.years(), due, len(clients) if self.store.role == ROLE_OFFICE else 0)

    def set_retention_years(self, years: int) -> None:
        RetentionService(self.store).set_years(years)

    def erase_due(self, today: dt.date | None = None) -> ErasureReport:
        return ErasureService(self.store).erase_due(today)

    def erase_case(self, number: str) -> ErasureReport:
        return ErasureService(self.store).erase_case(number)

    def erase_client(self, code: str) -> ErasureReport:
        return ErasureService(self.store).erase_client(code)

    def erase_document(self, attachment_id: str) -> ErasureReport:
        return ErasureService(self.store).erase_document(attachment_id)
