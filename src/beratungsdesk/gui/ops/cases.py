"""The case editor's operations: loading a case, saving its form, the entries of its
lists (contacts, interventions, notes, documents), the complaint letter and erasure.

Each function returns the job for the worker thread (``gui/worker.py``); the editor starts
it with ``runner.call``. A job that changes a case's lists reads the case back in the same
job (:func:`then_record`), so the editor shows what was stored without a second trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from beratungsdesk.core import model
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.services.erasure import ErasureReport
from beratungsdesk.services.reports import LetterDraft

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend

T = TypeVar("T")
Job = Callable[["Backend"], T]


def load_case(case_id: str) -> Job[CaseRecord]:
    return lambda backend: backend.require().cases.record(case_id)


def save_case(case_id: str, case_changes: dict[str, Any], client_id: str | None,
              client_changes: dict[str, Any]) -> Job[CaseRecord]:
    """Write the case form's changes (case and client together) and read the case back."""
    def job(backend: Backend) -> CaseRecord:
        session = backend.require()
        session.cases.save_case(case_id, case_changes, client_id, client_changes)
        return session.cases.record(case_id)

    return job


def then_record(case_id: str, write: Job[Any]) -> Job[CaseRecord]:
    """``write``, then the case as stored."""
    def job(backend: Backend) -> CaseRecord:
        write(backend)
        return backend.require().cases.record(case_id)

    return job


def log_contact(case_id: str, minutes: int, on: dt.date, details: dict[str, Any]) -> Job[model.Contact]:
    return lambda backend: backend.require().cases.log_contact(case_id, minutes, on, **details)


def update_record(entity: str, row_id: str, values: dict[str, Any]) -> Job[None]:
    """Correct a contact or an intervention of the case."""
    return lambda backend: backend.require().cases.update(entity, row_id, values)


def delete_contact(contact_id: str) -> Job[None]:
    return lambda backend: backend.require().cases.delete("contact", contact_id)


def add_intervention(case_id: str, type_code: str, details: dict[str, Any]) -> Job[model.Intervention]:
    return lambda backend: backend.require().cases.add_intervention(case_id, type_code, **details)


def add_note(case_id: str, text: str, author_id: str | None, supersedes: str | None) -> Job[model.Note]:
    return lambda backend: backend.require().cases.add_note(case_id, text, author_id, supersedes)


def add_document(case_id: str, path: Path) -> Job[model.Attachment]:
    return lambda backend: backend.require().cases.add_attachment_file(case_id, path)


def open_document(document: model.Attachment) -> Job[Path]:
    """A temporary plain copy to open (wiped when the store locks or the program ends)."""
    return lambda backend: backend.require().cases.open_attachment(document)


def save_document_copy(document: model.Attachment, target: Path) -> Job[None]:
    return lambda backend: backend.require().cases.save_attachment_copy(document, target)


def erase_document(document_id: str) -> Job[ErasureReport]:
    return lambda backend: backend.require().protection.erase_document(document_id)


def letter_draft(case_number: str) -> Job[LetterDraft]:
    return lambda backend: backend.require().reports.letter_draft(case_number)


def erase_case(case_number: str) -> Job[ErasureReport]:
    return lambda backend: backend.require().protection.erase_case(case_number)
