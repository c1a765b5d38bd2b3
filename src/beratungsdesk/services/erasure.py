"""Erasing cases and clients for data protection, by request or when retention ends.

The office erases by request (``erase_case``, ``erase_client``) and what is due
(``erase_due``); a laptop erases only what is due under the office's policy
(it arrives with the handover like every setting). Each erasure travels to
every other store with the handover (see ``storage/erasure.py``). After erasing,
``maintenance`` rewrites the file so no removed text survives in free pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from beratungsdesk.core import model
from beratungsdesk.core.errors import NotFound, PermissionDenied
from beratungsdesk.services.backup import BackupService
from beratungsdesk.services.protection import RetentionService
from beratungsdesk.storage import erasure, queries
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync.importer import purge_confirmed


@dataclass(frozen=True)
class ErasureReport:
    records: int  # rows erased, the named record and all that belonged to it
    cases: int


class ErasureService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _require_office(self) -> None:
        if self.store.role != ROLE_OFFICE:
            raise PermissionDenied(entity="erasure")

    def erase_case(self, number: str) -> ErasureReport:
        self._require_office()
        case_id = queries.case_id_by_number(self.store.conn, number)
        return self._erase([("case", case_id)])

    def erase_client(self, code: str) -> ErasureReport:
        self._require_office()
        client = queries.client_by_code(self.store.conn, code)
        if client is None:
            raise NotFound(entity="client")
        return self._erase([("client", client.id)])

    def erase_document(self, attachment_id: str) -> ErasureReport:
        """Erase one document and its bytes, here now and everywhere after the handover.

        Allowed on every device, unlike a case or a client: a document attached to the
        wrong case by mistake must be gone at once, not when the laptop is next at the office.
        """
        if queries.load(self.store.conn, model.Attachment, attachment_id).deleted:
            raise NotFound(entity="attachment")
        return self._erase([("attachment", attachment_id)])

    def erase_due(self, today: dt.date | None = None) -> ErasureReport:
        """Erase every case whose retention has ended, and clients left without cases.

        On a laptop this removes the due cases from the laptop only, once the
        office has confirmed their last changes; the office erases them for
        everyone after its own confirmation step.
        """
        due = RetentionService(self.store).due(today)
        if self.store.role != ROLE_OFFICE:
            removed = purge_confirmed(self.store, among={d.case_id for d in due}) if due else 0
            if removed:
                self.maintenance()
            return ErasureReport(removed, removed)
        targets = [("case", d.case_id) for d in due]
        client_ids = {d.client_id for d in due if d.client_id}
        report = self._erase(targets) if targets else ErasureReport(0, 0)
        orphans = [("client", cid) for cid in client_ids
                   if not queries.load_where(self.store.conn, "case", "client_id = ?", (cid,))]
        if orphans:
            more = self._erase(orphans)
            report = ErasureReport(report.records + more.records, report.cases)
        return report

    def _erase(self, targets: list[tuple[str, str]]) -> ErasureReport:
        erased: list[tuple[str, str]] = []
        with self.store.unit_of_work() as uow:
            for entity, row_id in targets:
                erased += uow.erase(entity, row_id)
        self.maintenance()
        self._journal()
        return ErasureReport(len(erased), sum(1 for entity, _ in erased if entity == "case"))

    def _journal(self) -> None:
        """The erasure reaches the journal beside the backups (so a restore cannot undo it).
        An unreachable backup folder is no reason to fail an erasure that is done: the next
        backup writes the whole journal."""
        with contextlib.suppress(OSError):
            BackupService(self.store).record_erasures()

    def maintenance(self) -> None:
        erasure.maintenance(self.store.conn)
