"""Report operations: figures, the short report, CSV, the complaint letter and the access
export (``session.reports``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beratungsdesk.gui.ops import Op
from beratungsdesk.services.session_reports import LetterDraft, LetterSaved, Statistics


def statistics(start: dt.date, end: dt.date, publication: bool, language: str) -> Op[Statistics]:
    return Op(lambda b: b.require().reports.statistics(start, end, publication, language))


def kurzbericht(start: dt.date, end: dt.date, out: Path, publication: bool) -> Op[Path]:
    return Op(lambda b: b.require().reports.kurzbericht(start, end, out, publication))


def export_csv(figures: Statistics, out: Path) -> Op[Path]:
    return Op(lambda b: b.require().reports.export_csv(figures, out))


def save_letter(draft: LetterDraft, out: Path, on: dt.date, record_for_case: str | None) -> Op[LetterSaved]:
    return Op(lambda b: b.require().reports.save_letter(draft, out, on, record_for_case))


def auskunft(client_code: str, out: Path) -> Op[Path]:
    return Op(lambda b: b.require().reports.auskunft(client_code, out))
