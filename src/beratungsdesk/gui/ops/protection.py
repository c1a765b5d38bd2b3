"""Data-protection operations: consents, the audit log, retention and erasure
(``session.protection``)."""

from __future__ import annotations

import datetime as dt

from beratungsdesk.core import model
from beratungsdesk.gui.ops import Op
from beratungsdesk.services.erasure import ErasureReport
from beratungsdesk.services.session_protection import AuditPage, ChainCheck, ConsentState, RetentionOverview


def consent_state(client_id: str) -> Op[ConsentState]:
    return Op(lambda b: b.require().protection.consent_state(client_id))


def add_consent(client_id: str, scopes: tuple[str, ...], form: str | None,
                given_on: dt.date | None) -> Op[model.Consent]:
    return Op(lambda b: b.require().protection.add_consent(client_id, scopes, form, given_on))


def withdraw_consent(consent_id: str, on: dt.date | None) -> Op[None]:
    return Op(lambda b: b.require().protection.withdraw_consent(consent_id, on))


def audit_kinds() -> Op[tuple[list[str], list[str]]]:
    return Op(lambda b: b.require().protection.audit_kinds())


def audit_page(action: str | None, entity: str | None,
               after: tuple[str, str, int] | None = None) -> Op[AuditPage]:
    return Op(lambda b: b.require().protection.audit_page(action, entity, after))


def verify_audit() -> Op[ChainCheck]:
    return Op(lambda b: b.require().protection.verify_audit())


def retention() -> Op[RetentionOverview]:
    return Op(lambda b: b.require().protection.retention())


def set_retention_years(years: int) -> Op[None]:
    return Op(lambda b: b.require().protection.set_retention_years(years))


def erase_due() -> Op[ErasureReport]:
    return Op(lambda b: b.require().protection.erase_due())


def erase_client(code: str) -> Op[ErasureReport]:
    return Op(lambda b: b.require().protection.erase_client(code))
