"""Use cases around clients and cases: the API both the CLI and the GUI call."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
from pathlib import Path
from typing import Any

from beratungsdesk.core import model, records
from beratungsdesk.core.errors import BeratungsError, KeptAtOffice, NotFound, ValidationError
from beratungsdesk.core.filenames import safe_file_name
from beratungsdesk.core.records import CaseFilter, CaseRecord, CaseRow
from beratungsdesk.services import office_rights
from beratungsdesk.services.records import RecordService
from beratungsdesk.storage import queries, search
from beratungsdesk.storage.queries import CASE_SORTS, CasePage, PageKey
from beratungsdesk.storage.store import ROLE_OFFICE, Store

__all__ = ["CASE_SORTS", "CaseFilter", "CasePage", "CaseRecord", "CaseRow", "CaseService", "PageKey"]


def client_by_code(store: Store, code: str) -> model.Client | None:
    return queries.client_by_code(store.conn, code)


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class CaseService(RecordService):
    # --- reading ------------------------------------------------------------

    def page(self, case_filter: records.CaseFilter, sort: str = "opened_on", descending: bool = True,
             after: queries.PageKey | None = None, limit: int = 100) -> queries.CasePage:
        return queries.case_page(self.store.conn, case_filter, sort, descending, after, limit)

    def count(self, case_filter: records.CaseFilter) -> int:
        return queries.case_count(self.store.conn, case_filter)

    def record(self, case_id: str) -> records.CaseRecord:
        return queries.case_record(self.store.conn, case_id)

    def record_by_number_or_id(self, text: str) -> records.CaseRecord:
        return self.record(queries.case_id_by_number_or_id(self.store.conn, text))

    def record_by_number(self, number: str) -> records.CaseRecord:
        return self.record(queries.case_id_by_number(self.store.conn, number))

    def search(self, text: str, limit: int = 50) -> list[search.SearchHit]:
        return search.search(self.store.conn, text, limit)

    def counselors(self, include_inactive: bool = False) -> list[model.Counselor]:
        return queries.counselors(self.store.conn, include_inactive)

    def attachment_content(self, attachment: model.Attachment) -> bytes:
        """The document's bytes; on a laptop that lets documents stay at the office
        (or holds only the attachment's entry), :class:`KeptAtOffice`."""
        try:
            return queries.blob(self.store.conn, attachment.sha256 or "")
        except NotFound:
            if self.store.role != ROLE_OFFICE:
                raise KeptAtOffice(entity="attachment") from None
            raise

    # --- numbering ----------------------------------------------------------

    def case_prefix(self) -> str:
        """Counselor devices number their cases with a device tag, so numbers made
        offline on several laptops never collide (``2022-AD-003``)."""
        tag = self.store.meta("case_tag")
        if tag is None and self.store.role != ROLE_OFFICE:
            tag = "".join(word[0] for word in re.findall(r"\w+", self.store.name)).upper()[:3] or "L"
        return f"{tag}-" if tag else ""

    def next_case_number(self, year: int) -> str:
        prefix = f"{year:04d}-{self.case_prefix()}"
        taken = queries.case_numbers_with_prefix(self.store.conn, prefix)
        highest = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()), default=0)
        width = 4 if not self.case_prefix() else 3
        return f"{prefix}{highest + 1:0{width}d}"

    # --- writing ------------------------------------------------------------

    def add_counselor(self, name: str, initials: str | None = None) -> model.Counselor:
        office_rights.require_office(self.store, "counselor")  # the office keeps the team
        counselor = model.Counselor(name=name.strip(), initials=initials)
        with self.store.unit_of_work() as uow:
            uow.insert(counselor)
        return counselor

    def find_or_create_client(self, code: str, **details: Any) -> model.Client:
        existing = queries.client_by_code(self.store.conn, code)
        if existing:
            return existing
        client = model.Client(code=code.strip(), **details)
        with self.store.unit_of_work() as uow:
            uow.insert(client)
        return client

    def open_case(self, client: model.Client, area: str, opened_on: dt.date | None = None,
                  **details: Any) -> model.Case:
        opened = opened_on or dt.date.today()
        number = details.pop("number", None) or self.next_case_number(opened.year)
        case = model.Case(number=number, client_id=client.id, opened_on=opened, area=area, **details)
        with self.store.unit_of_work() as uow:
            uow.insert(case)
        return case

    def log_contact(self, case_id: str, duration_min: int, on: dt.date | None = None,
                    **details: Any) -> model.Contact:
        contact = model.Contact(case_id=case_id, date=on or dt.date.today(),
                                duration_min=duration_min, **details)
        with self.store.unit_of_work() as uow:
            uow.insert(contact)
        return contact

    def add_intervention(self, case_id: str, type_code: str, **details: Any) -> model.Intervention:
        intervention = model.Intervention(case_id=case_id, type=type_code, **details)
        with self.store.unit_of_work() as uow:
            uow.insert(intervention)
        return intervention

    def add_note(self, case_id: str, text: str, author_id: str | None = None,
                 supersedes: str | None = None) -> model.Note:
        """Notes are append-only: an edit is a new note that supersedes the old one."""
        note = model.Note(case_id=case_id, text=text, author_id=author_id,
                          written_at=now_iso(), supersedes=supersedes)
        with self.store.unit_of_work() as uow:
            uow.insert(note)
        return note

    def add_attachment(self, case_id: str, file_name: str, content: bytes,
                       media_type: str | None = None) -> model.Attachment:
        if len(content) > model.MAX_ATTACHMENT_BYTES:
            raise ValidationError("attachment_too_large", field="size",
                                  limit=model.MAX_ATTACHMENT_BYTES)
        digest = hashlib.sha256(content).hexdigest()
        guessed = media_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        # Only a plain name is stored: no folder, no "..", no control characters (it travels
        # to other devices and is suggested there when a copy is saved).
        attachment = model.Attachment(case_id=case_id, file_name=safe_file_name(file_name),
                                      media_type=guessed, size=len(content), sha256=digest,
                                      added_at=now_iso())
        with self.store.unit_of_work() as uow:
            uow.put_blob(content, digest)
            uow.insert(attachment)
        return attachment

    def add_attachment_file(self, case_id: str, path: Path) -> model.Attachment:
        try:
            size = path.stat().st_size
        except OSError:
            raise BeratungsError("file_unreadable", field="file") from None
        if size > model.MAX_ATTACHMENT_BYTES:
            raise ValidationError("attachment_too_large", field="size",
                                  limit=model.MAX_ATTACHMENT_BYTES)
        return self.add_attachment(case_id, path.name, path.read_bytes())

    def require_case(self, case_id: str) -> model.Case:
        try:
            case = queries.load(self.store.conn, "case", case_id)
        except NotFound:
            raise
        assert isinstance(case, model.Case)
        return case
