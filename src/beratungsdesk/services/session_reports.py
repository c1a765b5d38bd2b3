"""The reports area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
figures for a period, the short report, the complaint letter from a case and the
subject access export (GDPR art. 15).

The same service calls as ``report stats``, ``report kurzbericht``, ``report letter``
and ``report auskunft`` on the command line, so the window and the CLI write
identical files. Runs on the GUI's worker thread; never imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core import model
from beratungsdesk.services.reports import BREAKDOWNS, LetterDraft, ReportService, Statistics
from beratungsdesk.storage.store import Store

__all__ = ["BREAKDOWNS", "LetterDraft", "LetterSaved", "ReportUseCases", "Statistics"]

#: Intervention type recorded for a complaint letter (vocabulary ``intervention``).
COMPLAINT_INTERVENTION = "complaint_letter"


@dataclass(frozen=True)
class LetterSaved:
    path: Path
    intervention_id: str | None  # the complaint_letter intervention recorded, if asked for


class ReportUseCases:
    """``session.reports``: figures, the short report, letters and the access export."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- figures and the short report -------------------------------------------

    def statistics(self, start: dt.date, end: dt.date, publication: bool, language: str) -> Statistics:
        return ReportService(self.store).statistics(start, end, publication, language)

    def kurzbericht(self, start: dt.date, end: dt.date, out: Path, publication: bool) -> Path:
        return ReportService(self.store).kurzbericht(start, end, out, publication=publication)

    def export_csv(self, statistics: Statistics, out: Path) -> Path:
        return ReportService(self.store).export_csv(statistics, out)

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
