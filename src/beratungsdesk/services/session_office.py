"""The office area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
the display labels of vocabularies and team, the team itself, the extendable
vocabularies, and the organisation profile with the short report's texts.

Runs on the GUI's worker thread; returns plain data and never imports Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from beratungsdesk.core import model
from beratungsdesk.core.errors import PermissionDenied, ValidationError
from beratungsdesk.core.vocab import Term, is_extendable
from beratungsdesk.reports import profile as profile_rules
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.reports import OrganisationProfile, ProfileService
from beratungsdesk.storage.store import ROLE_OFFICE, Store

__all__ = ["Labels", "OfficeUseCases", "OrganisationProfile", "ReportText", "Term"]


@dataclass
class Labels:
    """Display labels of one store's vocabularies and team, in one language."""

    language: str
    #: kind -> [(code, label, retired)] in display order (retired entries kept for old cases).
    terms: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    counselors: list[tuple[str, str]] = field(default_factory=list)  # (id, name), active first
    #: Team members marked inactive: shown on old records, not offered for new work.
    inactive: frozenset[str] = frozenset()
    #: On a laptop, the counselor the office enrolled it for (preselected for new work).
    own_counselor: str | None = None

    def __post_init__(self) -> None:
        # Lookups run for every painted cell: index once.
        self._labels = {(kind, code): label for kind, entries in self.terms.items()
                        for code, label, _retired in entries}
        self._names = dict(self.counselors)

    def label(self, kind: str, code: str | None) -> str:
        if not code:
            return ""
        return self._labels.get((kind, code), code)

    def knows(self, kind: str, code: str) -> bool:
        return (kind, code) in self._labels

    def label_or(self, kind: str, code: str | None, unknown: Callable[[str], str]) -> str:
        """The label; a code not in the vocabulary (a stored value that is not valid) goes
        through ``unknown``, which marks it for the view."""
        if not code:
            return ""
        found = self._labels.get((kind, code))
        return found if found is not None else unknown(str(code))

    def counselor(self, counselor_id: str | None) -> str:
        return self._names.get(counselor_id or "", "")

    def offered_counselors(self, keep: str | None = None) -> list[tuple[str, str]]:
        """The team members to choose from for new work: the active ones, plus ``keep``
        (the one an existing record already names, even if inactive now)."""
        return [(ident, name) for ident, name in self.counselors
                if ident not in self.inactive or ident == keep]


@dataclass(frozen=True)
class ReportText:
    """One editable introduction of the short report: ``text`` is empty while the default applies."""

    key: str  # section code, e.g. "einleitung" (profile key "text.<key>")
    title: str  # the section's heading in the report (German, as printed)
    text: str
    default: str


def _code_from(label: str) -> str:
    """A stable ASCII code for a new vocabulary entry (``"Sport club"`` -> ``sport_club``)."""
    folded = unicodedata.normalize("NFKD", label.casefold().replace("ß", "ss"))
    ascii_only = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")[:40] or "entry"


class OfficeUseCases:
    """``session.office``: labels, team, vocabularies and the organisation profile."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cases = CaseService(store)

    def labels(self, language: str) -> Labels:
        vocabulary = self.store.vocabulary()
        terms: dict[str, list[tuple[str, str, bool]]] = {}
        for term_kind in {spec.vocab for s in model.all_specs() for spec in s.fields if spec.vocab}:
            terms[term_kind] = [(t.code, t.label(language), t.retired)
                                for t in vocabulary.terms(term_kind, include_retired=True)]
        team = self._cases.counselors(include_inactive=True)
        team.sort(key=lambda c: (not c.active, (c.name or "").casefold()))
        own = self.store.meta("counselor_id") if self.store.role != ROLE_OFFICE else None
        return Labels(language, terms, [(c.id, c.name or "") for c in team],
                      frozenset(c.id for c in team if not c.active), own)

    # --- team -------------------------------------------------------------------

    def team(self) -> list[model.Counselor]:
        return self._cases.counselors(include_inactive=True)

    def add_counselor(self, name: str, initials: str | None = None) -> model.Counselor:
        if not name.strip():
            raise ValidationError("required", field="name")
        return self._cases.add_counselor(name, (initials or "").strip() or None)

    def rename_counselor(self, counselor_id: str, name: str, initials: str) -> None:
        """Correct a team member's name (office only; audit-logged, and it travels with the
        handover). Cases name their counselor by id, so they show the new name at once."""
        if not name.strip():
            raise ValidationError("required", field="name")
        self._cases.update("counselor", counselor_id,
                           {"name": name.strip(), "initials": initials.strip() or None})

    def set_counselor_active(self, counselor_id: str, active: bool) -> None:
        self._cases.update("counselor", counselor_id, {"active": active})

    # --- vocabularies -------------------------------------------------------------

    def terms(self, kind: str) -> list[Term]:
        return self.store.vocabulary().terms(kind, include_retired=True)

    def add_term(self, kind: str, label_de: str, label_en: str) -> model.VocabTerm:
        """A new entry of an extendable list (office only); its code is made from the label."""
        self._require_office_list(kind)
        if not label_de.strip():
            raise ValidationError("required", field="label_de")
        existing = {t.code for t in self.store.vocabulary().terms(kind, include_retired=True)}
        base = _code_from(label_en.strip() or label_de)
        code, number = base, 2
        while code in existing:
            code, number = f"{base}_{number}", number + 1
        term = model.VocabTerm(id=f"{kind}:{code}", kind=kind, code=code, label_de=label_de.strip(),
                               label_en=label_en.strip() or label_de.strip(), retired=False,
                               position=len(existing))
        with self.store.unit_of_work() as uow:
            uow.insert(term)
        return term

    def set_term_retired(self, kind: str, code: str, retired: bool) -> None:
        """Retired entries stay readable in old cases but are no longer offered."""
        self._require_office_list(kind)
        self._cases.update("term", f"{kind}:{code}", {"retired": retired})

    def _require_office_list(self, kind: str) -> None:
        if self.store.role != ROLE_OFFICE or not is_extendable(kind):
            raise PermissionDenied()

    # --- organisation profile --------------------------------------------------------

    def organisation_profile(self) -> OrganisationProfile:
        return ProfileService(self.store).profile()

    def save_profile(self, texts: dict[str, str], logo: Path | None = None) -> None:
        """Changed lines of the organisation profile (they travel to the laptops)."""
        service = ProfileService(self.store)
        for key, text in texts.items():
            if text.strip():
                service.set_text(key, text)
            else:
                service.reset(key)
        if logo is not None:
            service.set_logo_file(logo)

    def report_texts(self) -> list[ReportText]:
        """The editable section texts in report order; a text equal to the default shows as empty.

        They are saved with the rest of the profile (``save_profile`` with ``text.<key>``).
        """
        profile = ProfileService(self.store).profile()
        texts = []
        for key, title in profile_rules.SECTIONS:
            default = profile_rules.DEFAULT_TEXTS.get(key, "")
            current = profile.text(key)
            texts.append(ReportText(key, title, "" if current == default else current, default))
        return texts
