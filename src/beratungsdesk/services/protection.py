"""Data protection use cases: consent, the audit log, retention.

Consent scopes: ``counseling``, ``documents`` (storing documents),
``third_parties`` (contacting others, e.g. a complaint letter or a referral),
``statistics`` (anonymous statistics). Actions that need a scope ask
``ConsentService.warning`` and show the warning; the user decides.
"""

from __future__ import annotations

import datetime as dt
import json
import weakref

from beratungsdesk.core import model
from beratungsdesk.core.errors import NotFound, ValidationError
from beratungsdesk.core.records import DueCase
from beratungsdesk.services import office_rights
from beratungsdesk.storage import audit, protection_queries, queries
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.state import audit_anchors

__all__ = ["AuditService", "ConsentService", "DueCase", "RetentionService", "scope_needed_by_intervention"]

SCOPES = ("counseling", "documents", "third_parties", "statistics")
#: Interventions that tell someone outside the center about the client's case: the respondent
#: (letter, mediation, lawsuit), the press, a lawyer or a specialist service. Counseling and
#: testing (done by the center without naming the client) need no consent beyond counseling.
THIRD_PARTY_INTERVENTIONS = frozenset({"complaint_letter", "mediation_accompaniment", "press",
                                       "legal_support", "lawsuit", "referral"})
RETENTION_SETTING = "retention.years_after_closing_year"
DEFAULT_RETENTION_YEARS = 3


def scope_needed_by_intervention(intervention_type: str | None) -> str | None:
    """The consent scope an intervention of this type needs beyond counseling, or None."""
    return "third_parties" if intervention_type in THIRD_PARTY_INTERVENTIONS else None


class ConsentService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, client_id: str, scopes: tuple[str, ...], form: str,
               given_on: dt.date | None = None, note: str | None = None) -> model.Consent:
        consent = model.Consent(client_id=client_id, scopes=scopes, form=form,
                                given_on=given_on or dt.date.today(), note=note)
        with self.store.unit_of_work() as uow:
            uow.insert(consent)
        return consent

    def withdraw(self, consent_id: str, on: dt.date | None = None) -> None:
        with self.store.unit_of_work() as uow:
            uow.update("consent", consent_id, {"withdrawn_on": on or dt.date.today()})

    def consents(self, client_id: str) -> list[model.Consent]:
        return protection_queries.consents(self.store.conn, client_id)

    def active_scopes(self, client_id: str, on: dt.date | None = None) -> set[str]:
        day = on or dt.date.today()
        active: set[str] = set()
        for consent in self.consents(client_id):
            if consent.given_on and consent.given_on <= day and not (
                    consent.withdrawn_on and consent.withdrawn_on <= day):
                active |= set(consent.scopes)
        return active

    def warning(self, client_id: str, scope: str, on: dt.date | None = None) -> str | None:
        """``consent_withdrawn``, ``consent_missing`` or None when the scope is covered."""
        if scope in self.active_scopes(client_id, on):
            return None
        withdrawn = any(scope in c.scopes and c.withdrawn_on for c in self.consents(client_id))
        return "consent_withdrawn" if withdrawn else "consent_missing"

    def case_warning(self, case_id: str, scope: str, on: dt.date | None = None) -> str | None:
        """:meth:`warning` for the client of a case; a case without a client has nobody to ask."""
        case = queries.load(self.store.conn, "case", case_id)
        client_id = getattr(case, "client_id", None)
        return self.warning(client_id, scope, on) if client_id else None


#: Records already logged as opened, per unlocked store. A store object lives exactly as long as
#: one unlocked session in the window, or one command on the command line, so "one entry per
#: record per session" needs no bookkeeping of its own; locking drops the set with the store.
_OPENED: weakref.WeakKeyDictionary[Store, set[tuple[str, str]]] = weakref.WeakKeyDictionary()


class AuditService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def log_open(self, entity: str, row_id: str) -> bool:
        """Record that a record was shown to a person: once per record per session (the
        editor reloads a case after every save; that is not a new opening). True if written."""
        seen = _OPENED.setdefault(self.store, set())
        if (entity, row_id) in seen:
            return False
        self.log("open", entity, row_id)
        seen.add((entity, row_id))
        return True

    def log(self, action: str, entity: str | None = None, row_id: str | None = None,
            detail: str | None = None) -> None:
        """Record an action that is not a write (opening, exporting ...)."""
        with self.store.unit_of_work() as uow:
            uow.audit(action, entity, row_id, detail)

    def entries(self, row_id: str | None = None, limit: int = 1000) -> list[model.AuditEntry]:
        return audit.entries(self.store.conn, row_id, limit)

    def verify(self) -> tuple[int, list[audit.ChainProblem]]:
        """Every chain, plus the heads other stores signed to us in their receipts."""
        return audit.verify(self.store.conn, audit_anchors(self.store))


class RetentionService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def years(self) -> int:
        try:
            setting = queries.load(self.store.conn, "setting", RETENTION_SETTING)
        except NotFound:
            return DEFAULT_RETENTION_YEARS
        assert isinstance(setting, model.Setting)
        years = json.loads(setting.value or "null")
        return DEFAULT_RETENTION_YEARS if years is None else int(years)

    def set_years(self, years: int) -> None:
        office_rights.require_office(self.store, "setting")
        if not 0 <= years <= 30:
            raise ValidationError("number_range", field="retention_years", value=years)
        value = json.dumps(years)
        with self.store.unit_of_work() as uow:
            if queries.exists(self.store.conn, "setting", RETENTION_SETTING):
                uow.update("setting", RETENTION_SETTING, {"value": value, "deleted": False})
            else:
                uow.insert(model.Setting(id=RETENTION_SETTING, value=value))

    def due(self, today: dt.date | None = None) -> list[DueCase]:
        return protection_queries.cases_due(self.store.conn, self.years(), today or dt.date.today())
