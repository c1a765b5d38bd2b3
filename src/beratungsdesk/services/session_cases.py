"""The cases area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
case and client lists, the case record and every write the case pages make.

Runs on the GUI's worker thread; returns plain data (``core.records`` shapes and
``core.model`` entities) and never imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, NotFound
from beratungsdesk.core.filenames import safe_file_name
from beratungsdesk.core.records import CaseFilter, CaseRecord, CaseRow, ClientRow
from beratungsdesk.services import office_rights
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.protection import AuditService
from beratungsdesk.services.temp_folder import PrivateTempFolder
from beratungsdesk.storage import case_list, client_list, files, queries, search
from beratungsdesk.storage.store import Store

__all__ = ["BLOCK_SIZE", "CLIENT_LIMIT", "CaseFilter", "CaseListing", "CaseRecord", "CaseRow",
           "CaseUseCases", "ClientRow", "OutreachEntry"]

#: Rows fetched per block by list views that jump anywhere in a long list.
BLOCK_SIZE = 200
#: The client list shows at most this many (a search narrows it).
CLIENT_LIMIT = 500
#: Search-as-you-type restricts the case list to at most this many hits.
SEARCH_LIMIT = 500


@dataclass
class CaseListing:
    """The first block of a case list; ``complete`` when no more cases match.

    ``case_filter`` has a search already resolved into case ids, so the
    follow-up query for every id (:meth:`CaseUseCases.case_ids`) matches exactly.
    There is deliberately no count: right after unlock, counting reads the
    whole cases table (1.5 s cold at 100 000 cases) while the first block is
    index-served; the view learns the count from the id list that follows.
    """

    case_filter: CaseFilter
    complete: bool
    first_rows: list[CaseRow]


@dataclass
class OutreachEntry:
    """What the outreach quick entry saved (shown in the day's list)."""

    case_id: str
    case_number: str
    client_code: str
    duration_min: int


class CaseUseCases:
    """``session.cases``: reading and writing cases, clients and what belongs to a case."""

    def __init__(self, store: Store, temp: PrivateTempFolder) -> None:
        self.store = store
        self.service = CaseService(store)
        self._temp = temp

    # --- lists ----------------------------------------------------------------

    def case_listing(self, case_filter: CaseFilter, sort: str, descending: bool,
                     search_text: str = "") -> CaseListing:
        """What a case list shows first: fast (index-served) even at 100 000 cases."""
        if search_text.strip():
            hits = search.matching_case_ids(self.store.conn, search_text, SEARCH_LIMIT)
            case_filter = CaseFilter(case_filter.status, case_filter.area, case_filter.town,
                                     case_filter.counselor_id, case_filter.year, tuple(hits))
        rows = case_list.first_rows(self.store.conn, case_filter, sort, descending, BLOCK_SIZE)
        return CaseListing(case_filter, len(rows) < BLOCK_SIZE, rows)

    def case_ids(self, case_filter: CaseFilter, sort: str, descending: bool) -> list[str]:
        """Every matching id in display order (the list then jumps anywhere)."""
        return case_list.ordered_ids(self.store.conn, case_filter, sort, descending)

    def case_rows(self, ids: list[str]) -> list[CaseRow]:
        return queries.case_rows(self.store.conn, ids)

    def case_years(self) -> list[int]:
        """Years that have cases, newest first (for the year filter)."""
        found = queries.case_year_range(self.store.conn)  # opening dates that are not dates left out
        if found is None:
            return [dt.date.today().year]
        low, high = found
        return list(range(max(high, dt.date.today().year), low - 1, -1))

    def clients(self, text: str = "", limit: int = CLIENT_LIMIT) -> list[ClientRow]:
        """Clients by code; with ``text`` only those a search finds (code, name)."""
        if not text.strip():
            return client_list.client_rows(self.store.conn, None, limit)
        hits = search.search(self.store.conn, text, SEARCH_LIMIT)
        ids = [hit.row_id for hit in hits if hit.kind == "client"]
        return client_list.client_rows(self.store.conn, ids, limit)

    def find_client(self, code: str) -> model.Client | None:
        return queries.client_by_code(self.store.conn, code) if code.strip() else None

    # --- one case ---------------------------------------------------------------

    def record(self, case_id: str) -> CaseRecord:
        """A case for the editor; its first opening in this session is audited."""
        record = self.service.record(case_id)
        AuditService(self.store).log_open("case", case_id)
        return record

    def new_case(self, client_code: str, area: str, opened_on: dt.date,
                 counselor_id: str | None = None, client_details: dict[str, Any] | None = None,
                 case_details: dict[str, Any] | None = None) -> model.Case:
        """A case for an existing client (found by code) or a new one, in one transaction."""
        client = self.find_client(client_code)
        new: list[model.Entity] = []
        if client is None:
            client = model.Client(code=client_code.strip(), **(client_details or {}))
            new.append(client)
        case = model.Case(number=self.service.next_case_number(opened_on.year), client_id=client.id,
                          opened_on=opened_on, area=area, counselor_id=counselor_id,
                          **(case_details or {}))
        new.append(case)
        with self.store.unit_of_work() as uow:
            uow.insert_many(new)
        return case

    def outreach_entry(self, client_code: str, area: str, town: str, on: dt.date,
                       duration_min: int, counselor_id: str | None = None,
                       place: str | None = None, start_time: str | None = None,
                       language: str | None = None, interpreter: bool = False,
                       client_details: dict[str, Any] | None = None) -> OutreachEntry:
        """New (or known) client, a new case and its first contact: all or nothing."""
        client = self.find_client(client_code)
        new: list[model.Entity] = []
        if client is None:
            client = model.Client(code=client_code.strip(), town=town, **(client_details or {}))
            new.append(client)
        case = model.Case(number=self.service.next_case_number(on.year), client_id=client.id,
                          opened_on=on, area=area, counselor_id=counselor_id, incident_town=town)
        contact = model.Contact(case_id=case.id, date=on, duration_min=duration_min,
                                channel="outreach", town=town, place=place or None,
                                start_time=start_time, counselor_id=counselor_id,
                                language=language or None, interpreter=interpreter)
        new += [case, contact]
        with self.store.unit_of_work() as uow:
            uow.insert_many(new)
        return OutreachEntry(case.id, case.number or "", client.code or "", duration_min)

    def save_case(self, case_id: str, case_changes: dict[str, Any], client_id: str | None,
                  client_changes: dict[str, Any]) -> None:
        """The case form and the client form are saved together or not at all."""
        if not case_changes and not (client_id and client_changes):
            return
        office_rights.check_update(self.store, "case", case_id, case_changes)
        with self.store.unit_of_work() as uow:
            # A form still open on a case or client erased meanwhile (another page, the
            # retention rules, a handover) must not write into the tombstone.
            for entity, row_id in (("case", case_id), ("client", client_id)):
                if row_id and queries.load(self.store.conn, entity, row_id).deleted:
                    raise NotFound(entity=entity)
            if case_changes:
                uow.update("case", case_id, case_changes)
            if client_id and client_changes:
                uow.update("client", client_id, client_changes)

    def update(self, entity_name: str, row_id: str, changes: dict[str, Any]) -> None:
        if changes:
            self.service.update(entity_name, row_id, changes)

    def delete(self, entity_name: str, row_id: str) -> None:
        self.service.delete(entity_name, row_id)

    def log_contact(self, case_id: str, duration_min: int, on: dt.date,
                    **details: Any) -> model.Contact:
        return self.service.log_contact(case_id, duration_min, on, **details)

    def add_intervention(self, case_id: str, type_code: str, **details: Any) -> model.Intervention:
        return self.service.add_intervention(case_id, type_code, **details)

    def add_note(self, case_id: str, text: str, author_id: str | None = None,
                 supersedes: str | None = None) -> model.Note:
        return self.service.add_note(case_id, text, author_id, supersedes)

    # --- documents ----------------------------------------------------------------

    def add_attachment_file(self, case_id: str, path: Path) -> model.Attachment:
        return self.service.add_attachment_file(case_id, path)

    def open_attachment(self, attachment: model.Attachment) -> Path:
        """Write the document to the private temp folder for a viewer; wiped on lock."""
        content = self.service.attachment_content(attachment)
        # The name may come from another device: only the suffix of its cleaned form is used.
        return self._temp.write(content, Path(safe_file_name(attachment.file_name)).suffix.lower())

    @staticmethod
    def document_save_name(attachment: model.Attachment) -> str:
        """The name to suggest when a copy is saved: a plain name (a name from another device
        such as "../../.bashrc" or "/etc/x" must not choose the folder)."""
        return safe_file_name(attachment.file_name)

    def save_attachment_copy(self, attachment: model.Attachment, target: Path) -> None:
        content = self.service.attachment_content(attachment)
        try:
            files.write_atomically(target, content)  # whole or not at all, private to the user
        except OSError:
            raise BeratungsError("file_unwritable", field="file") from None
