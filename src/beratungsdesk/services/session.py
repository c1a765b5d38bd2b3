"""One unlocked store as the desktop app uses it: reads shaped for views, writes
for whole user actions, and the private temp folder for opened attachments.

A :class:`Session` is created, used and closed on the GUI's single worker thread
(SQLite connections must stay on one thread); the GUI only ever sees the plain
dataclasses it returns. Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, NotFound, PermissionDenied, ValidationError
from beratungsdesk.core.filenames import safe_file_name
from beratungsdesk.core.vocab import Term, is_extendable
from beratungsdesk.services import demo, handover_log, office_rights
from beratungsdesk.services.backup import BackupService
from beratungsdesk.services.cases import CaseFilter, CaseRecord, CaseRow, CaseService
from beratungsdesk.services.handover import (
    DeviceInfo,
    FolderReport,
    HandoverService,
    StatusReport,
    SyncError,
)
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.protection import AuditService
from beratungsdesk.services.reports import (
    BREAKDOWNS,
    OrganisationProfile,
    ProfileService,
    ReportService,
    Statistics,
)
from beratungsdesk.services.session_conflicts import Author, ConflictItem, ConflictUseCases, ReplacedNotice
from beratungsdesk.services.session_documents import (
    DocumentUseCases,
    LetterDraft,
    LetterSaved,
    ReportText,
)
from beratungsdesk.services.session_protection import (
    AuditPage,
    ChainCheck,
    ConsentState,
    DueCase,
    ErasureReport,
    ProtectionUseCases,
    RetentionOverview,
)
from beratungsdesk.services.stores import (
    ROLE_COUNSELOR,
    ROLE_OFFICE,
    Store,
    change_passphrase,
    init_store,
    open_store,
    removed_on_failure,
)
from beratungsdesk.storage import case_list, client_list, drafts, files, queries, search
from beratungsdesk.storage.client_list import ClientRow
from beratungsdesk.storage.permissions import make_private
from beratungsdesk.storage.store import unlock_wait
from beratungsdesk.sync.enrollment import JoinRequest
from beratungsdesk.sync.identity import read_invitation

__all__ = [
    "BREAKDOWNS",
    "AuditPage",
    "Author",
    "CaseFilter",
    "CaseListing",
    "CaseRecord",
    "CaseRow",
    "ChainCheck",
    "ConflictItem",
    "ConsentState",
    "DeviceInfo",
    "DueCase",
    "ErasureReport",
    "FolderReport",
    "HandoverState",
    "JoinRequest",
    "Labels",
    "LaptopDataSettings",
    "LetterDraft",
    "LetterSaved",
    "OrganisationProfile",
    "OutreachEntry",
    "PrivateTempFolder",
    "ReplacedNotice",
    "ReportText",
    "RetentionOverview",
    "Session",
    "Statistics",
    "StatusReport",
    "StoreInfo",
]

#: Rows fetched per block by list views that jump anywhere in a long list.
BLOCK_SIZE = 200
#: The client list shows at most this many (a search narrows it).
CLIENT_LIMIT = 500
#: Name of demo stores made from the first-start window.
DEMO_NAME = "Demo-Beratungsstelle (erfundene Daten)"
#: Search-as-you-type restricts the case list to at most this many hits.
SEARCH_LIMIT = 500


@dataclass(frozen=True)
class StoreInfo:
    name: str
    role: str
    folder: str

    @property
    def is_office(self) -> bool:
        return self.role == ROLE_OFFICE


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


@dataclass
class CaseListing:
    """The first block of a case list; ``complete`` when no more cases match.

    ``case_filter`` has a search already resolved into case ids, so the
    follow-up query for every id (:meth:`Session.case_ids`) matches exactly.
    There is deliberately no count: right after unlock, counting reads the
    whole cases table (1.5 s cold at 100 000 cases) while the first block is
    index-served; the view learns the count from the id list that follows.
    """

    case_filter: CaseFilter
    complete: bool
    first_rows: list[CaseRow]


@dataclass(frozen=True)
class LaptopDataSettings:
    """What a laptop keeps: the two data-minimisation settings."""

    purge_closed: bool  # closed cases leave once the office confirmed them
    attachments_office_only: bool  # document contents stay at the office


@dataclass
class HandoverState:
    """What the status bar and the handover page show."""

    report: StatusReport
    pending_changes: int  # not yet handed over (all peers together)
    last_receipt_at: str | None  # newest confirmation received


@dataclass
class OutreachEntry:
    """What the outreach quick entry saved (shown in the day's list)."""

    case_id: str
    case_number: str
    client_code: str
    duration_min: int


class PrivateTempFolder:
    """A folder only this user can read, for attachments opened in another program.

    File names are random (an attachment's own name may name a person); the
    content is overwritten before deletion on :meth:`wipe` (close, lock, exit).
    Leftovers of a crashed run are wiped at the next start.
    """

    def __init__(self, parent: Path | None = None) -> None:
        base = parent or Path(tempfile.gettempdir()) / f"beratungsdesk-{_user_tag()}"
        base.mkdir(mode=0o700, exist_ok=True)
        make_private(base, folder=True)  # mode 0700, or the user's alone by ACL on Windows
        self.base = base
        self.path: Path | None = None

    def wipe_leftovers(self) -> None:
        """Wipe folders of runs that ended without wiping (a crash); a folder of another
        running instance (its process id is in the name) is left alone."""
        for child in self.base.iterdir() if self.base.exists() else []:
            if child != self.path and not _owner_alive(child.name):
                _wipe_tree(child)

    def write(self, content: bytes, suffix: str) -> Path:
        if self.path is None:
            self.path = Path(tempfile.mkdtemp(prefix=f"s-{os.getpid()}-", dir=self.base))
        clean_suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 8 else ""
        target = self.path / f"{secrets.token_hex(8)}{clean_suffix}"
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        return target

    def files(self) -> list[Path]:
        return sorted(self.path.iterdir()) if self.path and self.path.exists() else []

    def wipe(self) -> None:
        if self.path is not None:
            _wipe_tree(self.path)
            self.path = None


def _owner_alive(name: str) -> bool:
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit() or int(parts[1]) == os.getpid():
        return False
    try:
        os.kill(int(parts[1]), 0)  # signal 0: only asks whether the process exists
    except (OSError, ValueError):
        return False
    return True


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


def _wipe_tree(folder: Path) -> None:
    for path in folder.rglob("*") if folder.is_dir() else [folder]:
        if path.is_file():
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                with open(path, "r+b") as handle:
                    handle.write(b"\0" * size)
                    handle.flush()
                    os.fsync(handle.fileno())
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
    else:
        folder.unlink(missing_ok=True)


def _code_from(label: str) -> str:
    """A stable ASCII code for a new vocabulary entry (``"Sport club"`` -> ``sport_club``)."""
    folded = unicodedata.normalize("NFKD", label.casefold().replace("ß", "ss"))
    ascii_only = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")[:40] or "entry"


class Session(ProtectionUseCases, DocumentUseCases, ConflictUseCases):
    """An unlocked store with the app's use cases. Call :meth:`close` when locking.

    Consents, the audit log, retention and erasure: see :mod:`session_protection`;
    the complaint letter, the access export and the report texts: :mod:`session_documents`.
    """

    def __init__(self, store: Store, temp: PrivateTempFolder | None = None) -> None:
        self.store = store
        # A laptop belongs to one counselor: the audit log names them as the actor of
        # what is done here (an id, not a name). The office is one shared device.
        store.actor = store.actor or store.meta("counselor_id")
        self.cases = CaseService(store)
        self.temp = temp or PrivateTempFolder()
        self.temp.wipe_leftovers()
        self._handover: HandoverService | None = None

    @classmethod
    def unlock(cls, folder: Path, passphrase: str) -> Session:
        return cls(open_store(folder, passphrase))

    @staticmethod
    def unlock_wait(folder: Path) -> float:
        """Seconds until the store takes the next passphrase (after repeated wrong ones)."""
        return unlock_wait(folder)

    @classmethod
    def create(cls, folder: Path, passphrase: str, role: str, name: str,
               kdf_seconds: float | None = None) -> Session:
        if kdf_seconds is None:
            return cls(init_store(folder, passphrase, role, name))
        return cls(init_store(folder, passphrase, role, name, kdf_seconds))

    @staticmethod
    def check_invitation(invitation: Path) -> None:
        """Raise the reason why ``invitation`` is not an office's valid invitation."""
        read_invitation(invitation)

    @classmethod
    def create_laptop(cls, folder: Path, passphrase: str, name: str, invitation: Path, out: Path,
                      kdf_seconds: float | None = None) -> tuple[Session, tuple[Path, str, str]]:
        """A new laptop store that has answered the office's invitation.

        The invitation is checked before anything is created, and a failure while
        joining removes the new store again: a wrong file never leaves a store
        without an office behind. Returns the session and (join request, code,
        office fingerprint).
        """
        read_invitation(invitation)
        with removed_on_failure(folder):
            session = cls.create(folder, passphrase, ROLE_COUNSELOR, name, kdf_seconds)
            try:
                return session, session.join(invitation, out)
            except BaseException:
                session.close()
                raise

    @classmethod
    def create_demo(cls, folder: Path, passphrase: str, cases: int = demo.DEMO_CASES) -> Session:
        """A new office store filled with invented cases, for trying the program out."""
        session = cls.create(folder, passphrase, ROLE_OFFICE, DEMO_NAME)
        try:
            demo.fill(session.store, cases=cases)
        except BaseException:
            session.close()
            raise
        return session

    def close(self) -> None:
        self.temp.wipe()
        self._back_up_quietly()  # on lock and on quit: the day's work reaches the backup folder
        self.store.close()

    def backups(self) -> BackupService:
        """Backups of this store (the office page's Backup tab)."""
        return BackupService(self.store)

    def _back_up_quietly(self) -> None:
        """An automatic backup when it is due. It never stops what triggered it: a folder that
        cannot be reached shows as a warning on the office page instead."""
        with contextlib.suppress(BeratungsError, OSError):
            BackupService(self.store).auto()

    def add_listener(self, listener: Callable[[set[str]], None]) -> None:
        self.store.listeners.append(listener)

    # --- reading ------------------------------------------------------------

    def info(self) -> StoreInfo:
        return StoreInfo(self.store.name, self.store.role, str(self.store.folder))

    def labels(self, language: str) -> Labels:
        vocabulary = self.store.vocabulary()
        terms: dict[str, list[tuple[str, str, bool]]] = {}
        for term_kind in {spec.vocab for s in model.all_specs() for spec in s.fields if spec.vocab}:
            terms[term_kind] = [(t.code, t.label(language), t.retired)
                                for t in vocabulary.terms(term_kind, include_retired=True)]
        team = self.cases.counselors(include_inactive=True)
        team.sort(key=lambda c: (not c.active, (c.name or "").casefold()))
        own = self.store.meta("counselor_id") if self.store.role != ROLE_OFFICE else None
        return Labels(language, terms, [(c.id, c.name or "") for c in team],
                      frozenset(c.id for c in team if not c.active), own)

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

    def record(self, case_id: str) -> CaseRecord:
        """A case for the editor; its first opening in this session is audited."""
        record = self.cases.record(case_id)
        AuditService(self.store).log_open("case", case_id)
        return record

    def clients(self, text: str = "", limit: int = CLIENT_LIMIT) -> list[ClientRow]:
        """Clients by code; with ``text`` only those a search finds (code, name)."""
        if not text.strip():
            return client_list.client_rows(self.store.conn, None, limit)
        hits = search.search(self.store.conn, text, SEARCH_LIMIT)
        ids = [hit.row_id for hit in hits if hit.kind == "client"]
        return client_list.client_rows(self.store.conn, ids, limit)

    def find_client(self, code: str) -> model.Client | None:
        return queries.client_by_code(self.store.conn, code) if code.strip() else None

    # --- writing ------------------------------------------------------------

    def new_case(self, client_code: str, area: str, opened_on: dt.date,
                 counselor_id: str | None = None, client_details: dict[str, Any] | None = None,
                 case_details: dict[str, Any] | None = None) -> model.Case:
        """A case for an existing client (found by code) or a new one, in one transaction."""
        client = self.find_client(client_code)
        new: list[model.Entity] = []
        if client is None:
            client = model.Client(code=client_code.strip(), **(client_details or {}))
            new.append(client)
        case = model.Case(number=self.cases.next_case_number(opened_on.year), client_id=client.id,
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
        case = model.Case(number=self.cases.next_case_number(on.year), client_id=client.id,
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
            self.cases.update(entity_name, row_id, changes)

    def delete(self, entity_name: str, row_id: str) -> None:
        self.cases.delete(entity_name, row_id)

    def log_contact(self, case_id: str, duration_min: int, on: dt.date,
                    **details: Any) -> model.Contact:
        return self.cases.log_contact(case_id, duration_min, on, **details)

    def add_intervention(self, case_id: str, type_code: str, **details: Any) -> model.Intervention:
        return self.cases.add_intervention(case_id, type_code, **details)

    def add_note(self, case_id: str, text: str, author_id: str | None = None,
                 supersedes: str | None = None) -> model.Note:
        return self.cases.add_note(case_id, text, author_id, supersedes)

    def add_attachment_file(self, case_id: str, path: Path) -> model.Attachment:
        return self.cases.add_attachment_file(case_id, path)

    def open_attachment(self, attachment: model.Attachment) -> Path:
        """Write the document to the private temp folder for a viewer; wiped on lock."""
        content = self.cases.attachment_content(attachment)
        # The name may come from another device: only the suffix of its cleaned form is used.
        return self.temp.write(content, Path(safe_file_name(attachment.file_name)).suffix.lower())

    @staticmethod
    def document_save_name(attachment: model.Attachment) -> str:
        """The name to suggest when a copy is saved: a plain name (a name from another device
        such as "../../.bashrc" or "/etc/x" must not choose the folder)."""
        return safe_file_name(attachment.file_name)

    def save_attachment_copy(self, attachment: model.Attachment, target: Path) -> None:
        content = self.cases.attachment_content(attachment)
        try:
            files.write_atomically(target, content)  # whole or not at all, private to the user
        except OSError:
            raise BeratungsError("file_unwritable", field="file") from None

    # --- handover -----------------------------------------------------------

    def handover_service(self) -> HandoverService:
        if self._handover is None:
            self._handover = HandoverService(self.store)
        return self._handover

    def handover_state(self) -> HandoverState:
        report = self.handover_service().status()
        pending = sum(peer.pending_changes for peer in report.peers)
        receipts = [peer.receipt_at for peer in report.peers if peer.receipt_at]
        return HandoverState(report, pending, max(receipts) if receipts else None)

    def run_handover(self, folder: Path, should_stop: Callable[[], bool] | None = None,
                     automatic: bool = False) -> FolderReport:
        """The whole handover through one folder (each bundle import is one transaction).

        ``should_stop`` is asked between files; a stop leaves every file either
        fully taken in or untouched, and sends nothing. ``automatic``: started
        because the folder became reachable (recorded in the handover history).
        A folder that goes away in the middle (a pulled stick) ends it with
        ``folder_lost``: what was taken in is complete, the rest waits.
        """
        def stop() -> bool:
            # A folder gone between two files (a pulled stick) stops before anything more is
            # read or written: no bundle lands in a mount point's empty folder on the disk.
            return (should_stop is not None and should_stop()) or not folder.is_dir()

        try:
            report = self.handover_service().run_folder(folder, should_stop=stop)
            if report.cancelled and not folder.is_dir():
                raise SyncError("folder_lost")
        except BeratungsError as error:
            self._remember_handover(handover_log.failed_entry(error.code, automatic))
            raise
        except OSError:
            self._remember_handover(handover_log.failed_entry("folder_lost", automatic))
            raise SyncError("folder_lost") from None
        entry = handover_log.entry_for(report, automatic)
        if not (automatic and entry.nothing_new):  # an automatic look that found nothing: no entry
            self._remember_handover(entry)
        self._back_up_quietly()
        return report

    def _remember_handover(self, entry: handover_log.HandoverEntry) -> None:
        # The history must never hide the handover's own result or error.
        with contextlib.suppress(BeratungsError, OSError):
            handover_log.remember(self.store, entry)

    def handover_history(self) -> list[handover_log.HandoverEntry]:
        """The handovers made in the program, newest first (times and counts only)."""
        return handover_log.history(self.store)

    def handover_ready(self) -> bool:
        """Whether a handover can send: the office always, a laptop once enrolled and
        while not revoked (an automatic handover waits until then)."""
        if self.store.role == ROLE_OFFICE:
            return True
        return self.store.meta("sync_enrolled") == "1" and self.store.meta("sync_revoked") != "1"

    def import_bundle(self, path: Path) -> FolderReport:
        """One handover file opened directly (e.g. from a file manager); nothing is sent."""
        report = FolderReport(self.handover_service().import_files([path]), [], 0)
        self._back_up_quietly()
        return report

    def laptop_data_settings(self) -> LaptopDataSettings:
        """The laptop's data-minimisation settings (see the settings page)."""
        purge, documents = self.handover_service().laptop_data_settings()
        return LaptopDataSettings(purge, documents)

    def set_purge_closed(self, enabled: bool) -> int:
        """Returns how many closed cases left the laptop at once."""
        return self.handover_service().set_purge_closed(enabled)

    def set_attachments_office_only(self, enabled: bool) -> int:
        """Returns how many documents' contents left the laptop at once."""
        return self.handover_service().set_attachments_office_only(enabled)

    def devices(self) -> list[DeviceInfo]:
        return self.handover_service().devices()

    def invite(self, folder: Path) -> Path:
        return self.handover_service().invite(folder)

    def read_join_request(self, path: Path) -> tuple[JoinRequest, str]:
        return self.handover_service().read_join_request(path)

    def enroll(self, request: JoinRequest, counselor: str, folder: Path,
               create_counselor: bool = False) -> DeviceInfo:
        """Enroll the laptop for ``counselor`` (an id; a new name with ``create_counselor``)."""
        device, _first_bundle = self.handover_service().enroll(request, counselor, folder,
                                                               create_counselor=create_counselor)
        return device

    def revoke(self, device_id: str) -> DeviceInfo:
        return self.handover_service().revoke(device_id)

    def join(self, invitation: Path, folder: Path) -> tuple[Path, str, str]:
        """Laptop: answer an office's invitation; returns (request file, code, office fingerprint)."""
        return self.handover_service().join(invitation, folder)

    # --- prevention and network ------------------------------------------------

    def workshops(self) -> list[model.Workshop]:
        return NetworkService(self.store).workshops()

    def partners(self) -> list[model.Partner]:
        return NetworkService(self.store).partners()

    def add_workshop(self, type_code: str, on: dt.date, **details: Any) -> model.Workshop:
        return NetworkService(self.store).add_workshop(type_code, on, **details)

    def add_partner(self, kind: str, name: str, **details: Any) -> model.Partner:
        if not name.strip():
            raise ValidationError("required", field="name")
        return NetworkService(self.store).add_partner(kind, name, **details)

    # --- figures and the short report -------------------------------------------

    def statistics(self, start: dt.date, end: dt.date, publication: bool, language: str) -> Statistics:
        return ReportService(self.store).statistics(start, end, publication, language)

    def kurzbericht(self, start: dt.date, end: dt.date, out: Path, publication: bool) -> Path:
        return ReportService(self.store).kurzbericht(start, end, out, publication=publication)

    def export_csv(self, statistics: Statistics, out: Path) -> Path:
        return ReportService(self.store).export_csv(statistics, out)

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

    # --- office: team and vocabularies ---------------------------------------

    def team(self) -> list[model.Counselor]:
        return self.cases.counselors(include_inactive=True)

    def add_counselor(self, name: str, initials: str | None = None) -> model.Counselor:
        if not name.strip():
            raise ValidationError("required", field="name")
        return self.cases.add_counselor(name, (initials or "").strip() or None)

    def rename_counselor(self, counselor_id: str, name: str, initials: str) -> None:
        """Correct a team member's name (office only; audit-logged, and it travels with the
        handover). Cases name their counselor by id, so they show the new name at once."""
        if not name.strip():
            raise ValidationError("required", field="name")
        self.cases.update("counselor", counselor_id,
                          {"name": name.strip(), "initials": initials.strip() or None})

    def set_counselor_active(self, counselor_id: str, active: bool) -> None:
        self.cases.update("counselor", counselor_id, {"active": active})

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
        self.cases.update("term", f"{kind}:{code}", {"retired": retired})

    def _require_office_list(self, kind: str) -> None:
        if self.store.role != ROLE_OFFICE or not is_extendable(kind):
            raise PermissionDenied()

    def change_passphrase(self, old: str, new: str) -> None:
        change_passphrase(self.store, old, new)

    # --- drafts: unsaved input kept while locked -------------------------------

    def keep_drafts(self, states: dict[str, dict[str, Any]], replace: bool = True) -> None:
        """Keep these drafts (editor key -> its state): exactly these, or (``replace`` False)
        added to those kept already."""
        drafts.keep(self.store.conn, states, replace)

    def drafts(self) -> dict[str, dict[str, Any]]:
        return drafts.load_all(self.store.conn)

    def discard_drafts(self, keys: list[str]) -> None:
        """Saved or discarded input: its draft goes."""
        drafts.delete(self.store.conn, keys)
