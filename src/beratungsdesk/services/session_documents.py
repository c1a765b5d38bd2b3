"""The documents part of the desktop app's :class:`~beratungsdesk.services.session.Session`:
the complaint letter from a case, the subject access export (GDPR art. 15) and the
editable introduction texts of the short report.

The same service calls as ``report letter``, ``report auskunft`` and ``profile set
text.*`` on the command line, so the window and the CLI write identical files.
Runs on the GUI's worker thread; never imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core import model
from beratungsdesk.reports import profile as profile_rules
from beratungsdesk.services.reports import LetterDraft, ProfileService, ReportService
from beratungsdesk.storage.store import Store

__all__ = ["DocumentUseCases", "LetterDraft", "LetterSaved", "ReportText"]

#: Intervention type recorded for a complaint letter (vocabulary ``intervention``).
COMPLAINT_INTERVENTION = "complaint_letter"


@dataclass(frozen=True)
class ReportText:
    """One editable introduction of the short report: ``text`` is empty while the default applies."""

    key: str  # section code, e.g. "einleitung" (profile key "text.<key>")
    title: str  # the section's heading in the report (German, as printed)
    text: str
    default: str


@dataclass(frozen=True)
class LetterSaved:
    path: Path
    intervention_id: str | None  # the complaint_letter intervention recorded, if asked for


class DocumentUseCases:
    """Mixed into the session; needs ``self.store``."""

    store: Store

    # --- complaint letter -------------------------------------------------------

    def letter_draft(self, case_number: str, on: dt.date | None = None) -> LetterDraft:
        """The proposed complaint letter of a case, exactly as ``report letter`` starts it."""
        return ReportService(self.store).letter_draft(case_number, "complaint", on)

    def save_letter(self, draft: LetterDraft, out: Path, on: dt.date,
                    record_for_case: str | None = None) -> LetterSaved:
        """Write the letter's PDF (atomically); with ``record_for_case`` (a case id) also note a
        done complaint_letter intervention dated ``on`` on that case.

        The PDF is written first: a letter that could not be written is not recorded.
        """
        path = ReportService(self.store).letter(draft, out, on)
        if record_for_case is None:
            return LetterSaved(path, None)
        intervention = model.Intervention(case_id=record_for_case, type=COMPLAINT_INTERVENTION,
                                          date=on, status="done")
        with self.store.unit_of_work() as uow:
            uow.insert(intervention)
        return LetterSaved(path, intervention.id)

    # --- subject access export ----------------------------------------------------

    def auskunft(self, client_code: str, out: Path) -> Path:
        """Everything stored about one client as PDF, as ``report auskunft`` (audited as export)."""
        return ReportService(self.store).auskunft(client_code, out)

    # --- the short report's introduction texts ----------------------------------------

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
