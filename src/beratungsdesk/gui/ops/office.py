"""Office operations: display labels, the team, the vocabularies and the organisation
profile (``session.office``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from beratungsdesk.core import model
from beratungsdesk.gui.ops import Op
from beratungsdesk.services.session_office import Labels, OrganisationProfile, ReportText, Term

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend


def labels(language: str) -> Op[Labels]:
    return Op(lambda b: b.require().office.labels(language))


def labels_and_years(language: str) -> Op[tuple[Labels, list[int]]]:
    """The labels and the years that have cases (the case list's year filter), in one job."""
    def job(backend: Backend) -> tuple[Labels, list[int]]:
        session = backend.require()
        return session.office.labels(language), session.cases.case_years()

    return Op(job)


def team() -> Op[list[model.Counselor]]:
    return Op(lambda b: b.require().office.team())


def add_counselor(name: str, initials: str) -> Op[model.Counselor]:
    return Op(lambda b: b.require().office.add_counselor(name, initials))


def rename_counselor(counselor_id: str, name: str, initials: str) -> Op[None]:
    return Op(lambda b: b.require().office.rename_counselor(counselor_id, name, initials))


def set_counselor_active(counselor_id: str, active: bool) -> Op[None]:
    return Op(lambda b: b.require().office.set_counselor_active(counselor_id, active))


def terms(kind: str) -> Op[list[Term]]:
    return Op(lambda b: b.require().office.terms(kind))


def add_term(kind: str, label_de: str, label_en: str) -> Op[model.VocabTerm]:
    return Op(lambda b: b.require().office.add_term(kind, label_de, label_en))


def set_term_retired(kind: str, code: str, retired: bool) -> Op[None]:
    return Op(lambda b: b.require().office.set_term_retired(kind, code, retired))


def organisation_profile() -> Op[OrganisationProfile]:
    return Op(lambda b: b.require().office.organisation_profile())


def report_texts() -> Op[list[ReportText]]:
    return Op(lambda b: b.require().office.report_texts())


def save_profile(texts: dict[str, str], logo: Path | None) -> Op[None]:
    return Op(lambda b: b.require().office.save_profile(texts, logo))
