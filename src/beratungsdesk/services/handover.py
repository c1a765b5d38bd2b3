"""Handover use cases: enrollment, devices, export, import, folder run, status.

The one API the CLI and the GUI call for everything in ``sync/``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from beratungsdesk.core.errors import BeratungsError, NotFound
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.storage import admission_queries, erasure, queries
from beratungsdesk.storage.handover import alerts, bundles, change_log, peers, scope
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync import clocks, crypto, enrollment, handover_folder
from beratungsdesk.sync.bundle import PART_BYTES, SUFFIX
from beratungsdesk.sync.errors import BundleRejected, Reason, SyncError
from beratungsdesk.sync.exporter import ExportResult, export_to_device, export_to_office
from beratungsdesk.sync.handover_folder import FolderNote
from beratungsdesk.sync.identity import ensure_identity, read_invitation, write_invitation
from beratungsdesk.sync.importer import (
    OFFICE_ONLY_DOCUMENTS,
    ImportResult,
    drop_confirmed_documents,
    import_bundle,
    purge_confirmed,
)
from beratungsdesk.sync.state import missing_bundles

__all__ = ["BundleRejected", "DeviceInfo", "ExportResult", "FileOutcome", "FolderNote", "FolderReport",
           "HandoverService", "ImportResult", "QuarantineItem", "Reason", "RefusedFrom", "StatusReport",
           "SyncError"]

#: Only files named like ours are read from a folder: sync clients' conflict
#: copies ("x (conflicted copy).bdsk", "x.sync-conflict-….bdsk") and unfinished
#: temporary files (".tmp-…") never match (parts of a split bundle: see
#: ``sync/handover_folder.py``).
BUNDLE_NAME = re.compile(r"^[0-9a-f]{32}" + re.escape(SUFFIX) + "$")


@dataclass
class FileOutcome:
    file: str  # the file's name (random; says nothing)
    status: str  # imported | already | ignored | refused
    reason: str | None = None
    error: BeratungsError | None = None
    result: ImportResult | None = None
    earlier: bool = False  # refused: the same content was refused at an earlier handover


#: Meta key and size of the memory of refused handover files (content hashes).
REFUSED_KEY = "refused_bundles"
REFUSED_MEMORY = 200
#: Meta key of the memory of folder notes already reported (hashes of kind and file name).
NOTED_KEY = "folder_notes_reported"
#: Unfinished files (a handover cut off while writing) older than this are removed.
UNFINISHED_MAX_AGE_SECONDS = 24 * 3600


@dataclass
class DeviceInfo:
    device_id: str
    name: str
    counselor: str
    status: str
    fingerprint: str
    enrolled_at: str | None
    revoked_at: str | None


@dataclass
class PeerStatus:
    device_id: str
    role: str
    name: str
    counselor: str
    status: str
    pending_changes: int
    last_bundle_sent: int
    last_sent_at: str | None
    last_receipt: dict[str, Any] | None
    receipt_at: str | None
    bundles_imported: int
    missing_bundles: list[int]
    covered_bundles: list[int]
    sanity: dict[str, Any] | None
    #: ``not_yet_confirmed`` while any change for this peer waits for its confirmation
    #: (written into a bundle or not), else ``all_confirmed``; ``confirmation_text`` says it
    #: in words. Never "nothing new" while anything is unconfirmed.
    confirmation: str = "all_confirmed"
    confirmation_text: str = "everything confirmed"


@dataclass
class RefusedFrom:
    """Changes one sender brought that were refused here (kept in the quarantine)."""

    device_id: str
    name: str  # the device's name, or "office"
    count: int
    last_at: str


@dataclass(frozen=True)
class QuarantineItem(admission_queries.QuarantineEntry):
    """One refused change set, for ``sync quarantine``: the stored entry with the sending
    device's name (its values only when asked for)."""

    sender_name: str = ""


@dataclass
class StatusReport:
    role: str
    device_id: str
    fingerprint: str
    enrolled: bool
    revoked: bool
    purge_closed: bool
    open_conflicts: int
    attachments_office_only: bool = False
    peers: list[PeerStatus] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    refused: list[RefusedFrom] = field(default_factory=list)  # per sender: changes refused here
    clock: list[dict[str, Any]] = field(default_factory=list)  # see sync/clocks.py: ClockWarning

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FolderReport:
    imported: list[FileOutcome]
    exported: list[ExportResult]
    removed: int
    cancelled: bool = False  # stopped between files: what was taken in is complete
    #: Files in the folder that were not read (yet), e.g. a sync tool's conflict copy; ``first``
    #: is False for a note already given at an earlier handover.
    notes: list[FolderNote] = field(default_factory=list)


class HandoverService:
    #: Largest file a bundle is written as; larger bundles are split into parts.
    #: Below the default only for tests (the code paths are the same).
    part_bytes: int = PART_BYTES

    def __init__(self, store: Store) -> None:
        self.store = store
        self.identity = ensure_identity(store)

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.identity.sign_public, self.identity.kx_public)

    # --- enrollment -------------------------------------------------------------

    def invite(self, out: Path) -> Path:
        self._require_office()
        self.store.conn.execute("BEGIN IMMEDIATE")
        try:
            path, invitation = write_invitation(self.store, self.identity, out)
            peers.add_invitation(self.store.conn, invitation.invite_id)
            self.store.conn.execute("COMMIT")
        except BaseException:
            if self.store.conn.in_transaction:
                self.store.conn.execute("ROLLBACK")
            raise
        return path

    def join(self, invitation_file: Path, out: Path) -> tuple[Path, str, str]:
        """Returns (join request file, verification code, office fingerprint)."""
        invitation = read_invitation(invitation_file)
        path, code = enrollment.join(self.store, self.identity, invitation, out)
        return path, code, crypto.fingerprint(invitation.sign_pub, invitation.kx_pub)

    def read_join_request(self, path: Path) -> tuple[enrollment.JoinRequest, str]:
        return enrollment.read_join_request(self.store, self.identity, path)

    def enroll(self, request: enrollment.JoinRequest, counselor: str, out: Path,
               create_counselor: bool = False) -> tuple[DeviceInfo, ExportResult]:
        """Register the device for ``counselor`` (id, name or initials) and write its first bundle."""
        counselor_id = self._counselor_id(counselor, create_counselor)
        device = enrollment.register(self.store, self.identity, request, counselor_id)
        result = export_to_device(self.store, self.identity, device, out, force=True)
        return self._device_info(device), result

    def _counselor_id(self, reference: str, create: bool) -> str:
        matches = queries.counselors_matching(self.store.conn, reference)
        if len(matches) == 1:
            return matches[0].id
        if len(matches) > 1:
            raise SyncError("counselor_ambiguous")
        if not create:
            raise SyncError("counselor_unknown")
        from beratungsdesk.services.cases import CaseService

        return CaseService(self.store).add_counselor(reference.strip()).id

    def devices(self) -> list[DeviceInfo]:
        self._require_office()
        return [self._device_info(p) for p in peers.peers(self.store.conn, "counselor")]

    def revoke(self, reference: str) -> DeviceInfo:
        self._require_office()
        device = self._find_device(reference)
        return self._device_info(enrollment.revoke(self.store, self.identity, device.device_id))

    def _find_device(self, reference: str) -> peers.Peer:
        wanted = reference.strip().casefold()
        devices = peers.peers(self.store.conn, "counselor")
        exact = [d for d in devices if wanted in (d.device_id, (d.name or "").casefold())]
        found = exact or [d for d in devices if len(wanted) >= 4 and d.device_id.startswith(wanted)]
        if len(found) != 1:
            raise SyncError("device_unknown" if not found else "device_ambiguous")
        return found[0]

    def _device_info(self, peer: peers.Peer) -> DeviceInfo:
        return DeviceInfo(peer.device_id, peer.name or "", self._counselor_name(peer.counselor_id),
                          peer.status, crypto.fingerprint(peer.sign_pub, peer.kx_pub),
                          peer.enrolled_at, peer.revoked_at)

    def _counselor_name(self, counselor_id: str | None) -> str:
        if not counselor_id:
            return ""
        try:
            found = queries.load(self.store.conn, "counselor", counselor_id)
        except NotFound:
            return ""
        return getattr(found, "name", "") or ""

    def _require_office(self) -> None:
        if self.store.role != ROLE_OFFICE:
            raise SyncError("not_permitted")

    # --- export and import ----------------------------------------------------------

    def export(self, out: Path, force: bool = False) -> list[ExportResult]:
        """A laptop writes one bundle for the office; the office one per device (a revoked
        device gets the roster that revokes it once, and nothing else)."""
        try:
            if self.store.role != ROLE_OFFICE:
                return [export_to_office(self.store, self.identity, out, force,
                                         part_bytes=self.part_bytes)]
            results = [export_to_device(self.store, self.identity, device, out,
                                        force and device.status == "active", self.part_bytes)
                       for device in peers.peers(self.store.conn, "counselor")]
        except OSError as error:
            # A stick pulled or full while writing: no file of the bundle is left under
            # its name, and the next handover writes it again (its changes stay unconfirmed).
            raise SyncError("folder_full" if error.errno == errno.ENOSPC else "folder_unavailable") from None
        return [r for r in results if r.path is not None or self._is_active(r.recipient)]

    def office_id(self) -> str | None:
        """The office's store id as this laptop knows it (None on the office, or before joining)."""
        office = next(iter(peers.peers(self.store.conn, "office")), None)
        return office.device_id if office else None

    def _is_active(self, device_id: str) -> bool:
        found = peers.peer(self.store.conn, device_id)
        return found is not None and found.status == "active"

    def import_file(self, path: Path | Sequence[Path]) -> ImportResult:
        """Import one bundle: a file, or all parts of a split one (in order)."""
        result = import_bundle(self.store, self.identity, path)
        if result.erased or result.dropped or result.purged_cases or result.documents_removed:
            # Erased, purged or released content must not linger in free pages or the WAL.
            erasure.maintenance(self.store.conn)
        if self.store.role != ROLE_OFFICE:
            # A receipt may have confirmed cases whose retention ended: they leave the laptop.
            result.purged_cases += ErasureService(self.store).erase_due().cases
        return result

    def import_files(self, paths: list[Path]) -> list[FileOutcome]:
        """Import files named by the user; the parts of a split bundle are taken together,
        and only when all of them are named."""
        groups, incomplete = handover_folder.group_files(paths)
        outcomes = []
        for group in groups:
            try:
                outcomes.append(FileOutcome(group[0].name, "imported", result=self.import_file(group)))
            except BundleRejected as error:
                status = "already" if error.code == Reason.ALREADY_IMPORTED else "refused"
                outcomes.append(FileOutcome(group[0].name, status, error.code, error))
        missing = BundleRejected(Reason.PARTS_MISSING)
        outcomes += [FileOutcome(path.name, "refused", missing.code, missing) for path in incomplete]
        return outcomes

    def run_folder(self, folder: Path, keep: bool = False,
                   should_stop: Callable[[], bool] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> FolderReport:
        """The whole handover through one folder: import what is for us, export what is pending.

        ``progress(done, total)`` hears how many of the folder's files for us were taken in,
        before each file and once at the end (a long handover shows "3 of 12").

        Files imported (or already imported) are removed from the folder unless
        ``keep``; so are our own older bundles that a newer one to the same
        recipient repeats. Files for other stores are left alone; so are files that
        are not ours (sync tools' files, conflict copies: see ``report.notes``).
        """
        if not folder.is_dir():
            raise SyncError("folder_missing")
        own = {name for bundle in bundles.bundles_out(self.store.conn)
               for name in handover_folder.file_names_of(bundle.file_name)}
        try:
            found = handover_folder.scan(folder, own)
        except OSError:
            raise SyncError("folder_unavailable") from None
        removed = 0 if keep else self._remove_stale_unfinished(folder, found.notes)
        notes = self._mark_reported([n for n in found.notes
                                     if n.kind != "unfinished" or (folder / n.file).exists()])
        outcomes: list[FileOutcome] = []
        stop = should_stop or (lambda: False)
        tell = progress or (lambda _done, _total: None)
        for number, bundle in enumerate(found.bundles):
            tell(number, len(found.bundles))
            if stop():
                # Between two files: each import is one transaction, so nothing is half done.
                return FolderReport(outcomes, [], removed, cancelled=True, notes=notes)
            outcome = self._import_from_folder(folder, bundle)
            outcomes.append(outcome)
            if outcome.status in ("imported", "already") and not keep:
                for path in bundle.paths:
                    path.unlink(missing_ok=True)
                    removed += 1
        tell(len(found.bundles), len(found.bundles))
        if stop():
            return FolderReport(outcomes, [], removed, cancelled=True, notes=notes)
        exported = self.export(folder)
        if not keep:
            removed += self._remove_superseded(folder)
        if self.store.role != ROLE_OFFICE:
            from beratungsdesk.services.calendar import CalendarService

            CalendarService(self.store).after_handover()  # only when the laptop's setting is on
        return FolderReport(outcomes, exported, removed, notes=notes)

    def _import_from_folder(self, folder: Path, bundle: handover_folder.FolderBundle) -> FileOutcome:
        try:
            return FileOutcome(bundle.name, "imported", result=self.import_file(bundle.paths))
        except BundleRejected as error:
            if error.code in (Reason.NOT_FOR_US, Reason.WRONG_KIND):
                return FileOutcome(bundle.name, "ignored", error.code)
            if error.code == Reason.ALREADY_IMPORTED:
                return FileOutcome(bundle.name, "already", error.code, error)
            if error.code == "file_unreadable" and not folder.is_dir():
                # The stick was pulled: what was taken in so far is complete.
                raise SyncError("folder_unavailable") from None
            return FileOutcome(bundle.name, "refused", error.code, error,
                               earlier=self._refused_before(bundle.paths))

    @staticmethod
    def _remove_stale_unfinished(folder: Path, notes: list[FolderNote]) -> int:
        """Remove unfinished files (writing cut off) older than a day: no handover runs that
        long, so nobody is still writing them. Younger ones may be another computer's
        handover in progress on a shared folder: they stay (and are noted)."""
        removed = 0
        for note in notes:
            if note.kind != "unfinished":
                continue
            path = folder / note.file
            try:
                if time.time() - path.stat().st_mtime > UNFINISHED_MAX_AGE_SECONDS:
                    path.unlink()
                    removed += 1
            except OSError:
                continue  # gone meanwhile, or not ours to remove: it is never read anyway
        return removed

    def _mark_reported(self, notes: list[FolderNote]) -> list[FolderNote]:
        """The notes, each marked whether it is new (not given at an earlier handover).

        Remembered in this store's meta table (local, never handed over) as hashes of
        kind and file name, the newest ``REFUSED_MEMORY``: a file name a sync tool made
        may hold a person's name.
        """
        if not notes:
            return []
        known = json.loads(self.store.meta(NOTED_KEY) or "[]")
        marked, seen = [], set(known)
        for note in notes:
            key = hashlib.sha256(f"{note.kind}:{note.detail}:{note.file}".encode()).hexdigest()[:32]
            marked.append(FolderNote(note.file, note.kind, note.detail, first=key not in seen))
            if key not in seen:
                known.append(key)
                seen.add(key)
        if any(note.first for note in marked):
            self.store.save_meta(NOTED_KEY, json.dumps(known[-REFUSED_MEMORY:]))
        return marked

    def _refused_before(self, paths: list[Path]) -> bool:
        """Whether this file's content was refused at an earlier handover; remembers it now.

        A refused file stays in the folder (it may be someone else's to look at),
        so it is tried again each time, and refused again unless the reason went
        away (e.g. the device has been enrolled since). Remembering the content's
        hash lets the result say "refused earlier" instead of reporting it as new.
        The list lives in this store's meta table (local, never handed over) and
        holds only hashes of encrypted files, the newest ``REFUSED_MEMORY``.
        """
        digest = hashlib.sha256()
        try:
            for path in paths:
                with path.open("rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
        except OSError:
            return False
        known = json.loads(self.store.meta(REFUSED_KEY) or "[]")
        if digest.hexdigest() in known:
            return True
        known = [*known, digest.hexdigest()][-REFUSED_MEMORY:]
        self.store.save_meta(REFUSED_KEY, json.dumps(known))
        return False

    def _remove_superseded(self, folder: Path) -> int:
        removed = 0
        latest: dict[str, int] = {}
        sent = bundles.bundles_out(self.store.conn)
        for bundle in sent:
            latest[bundle.recipient] = max(latest.get(bundle.recipient, 0), bundle.seq)
        for bundle in sent:
            if bundle.seq >= latest[bundle.recipient]:
                continue
            for name in handover_folder.file_names_of(bundle.file_name):
                path = folder / name
                if path.exists():
                    path.unlink()
                    removed += 1
        return removed

    # --- settings and status ------------------------------------------------------------

    def set_purge_closed(self, enabled: bool) -> int:
        """Laptop setting: remove closed cases once the office confirmed them. Purges now."""
        self._set_laptop_meta("purge_closed", enabled)
        removed = purge_confirmed(self.store) if enabled else 0
        if removed:
            erasure.maintenance(self.store.conn)
        return removed

    def set_attachments_office_only(self, enabled: bool) -> int:
        """Laptop setting: keep document contents at the office only. Lets go of the
        contents the office already holds now; returns how many left the laptop.

        Switching it off stores documents that arrive from then on; contents already
        let go stay at the office (they are not sent again)."""
        self._set_laptop_meta(OFFICE_ONLY_DOCUMENTS, enabled)
        removed = drop_confirmed_documents(self.store) if enabled else 0
        if removed:
            erasure.maintenance(self.store.conn)
        return removed

    def laptop_data_settings(self) -> tuple[bool, bool]:
        """(remove closed cases, keep documents at the office only) on this laptop."""
        return (self.store.meta("purge_closed") == "1",
                self.store.meta(OFFICE_ONLY_DOCUMENTS) == "1")

    def _set_laptop_meta(self, key: str, enabled: bool) -> None:
        if self.store.role == ROLE_OFFICE:
            raise SyncError("not_permitted")
        self.store.save_meta(key, "1" if enabled else "0")

    def status(self) -> StatusReport:
        store = self.store
        report = StatusReport(
            store.role, store.device_id, self.fingerprint,
            enrolled=store.role == ROLE_OFFICE or store.meta("sync_enrolled") == "1",
            revoked=store.meta("sync_revoked") == "1", purge_closed=store.meta("purge_closed") == "1",
            open_conflicts=alerts.open_conflicts(store.conn),
            attachments_office_only=store.meta(OFFICE_ONLY_DOCUMENTS) == "1")
        for peer in peers.peers(store.conn):
            report.peers.append(self._peer_status(peer))
        report.alerts = [{"at": at, "kind": kind, "peer": peer, "seq": seq, "detail": detail}
                         for at, kind, peer, seq, detail in alerts.alerts(store.conn)]
        report.refused = [RefusedFrom(sender, self._peer_name(sender), count, last_at)
                          for sender, count, last_at in admission_queries.quarantine_counts(store.conn)]
        report.clock = [asdict(warning) for warning in self.clock_warnings()]
        return report

    def quarantine(self, with_values: bool = False, limit: int = 1000) -> list[QuarantineItem]:
        """Refused incoming change sets, newest first; their values only when asked for
        (they may be personal data)."""
        return [QuarantineItem(**{**asdict(e), "values": e.values if with_values else None},
                               sender_name=self._peer_name(e.sender))
                for e in admission_queries.quarantine_entries(self.store.conn, limit)]

    def _peer_name(self, device_id: str) -> str:
        found = peers.peer(self.store.conn, device_id)
        if found is None:
            return ""
        return "office" if found.role == "office" else (found.name or "")

    def clock_warnings(self) -> list[clocks.ClockWarning]:
        """Wrong clocks this store knows of: its own (laptop) or a device's (office)."""
        return clocks.warnings(self.store)

    def _peer_status(self, peer: peers.Peer) -> PeerStatus:
        store = self.store
        found = bundles.receipt(store.conn, peer.device_id)
        if store.role == ROLE_OFFICE:
            pending = (len(scope.changes_for_peer(store, store.origin_no(peer.device_id, create=True),
                                                       peer.counselor_id))
                       if peer.status == "active" else 0)
        else:
            pending = change_log.count_own_after(store, found[1].get("held_seq", 0) if found else 0)
        last = bundles.last_bundle_out(store.conn, peer.device_id)
        lost, covered = missing_bundles(store, peer)
        sanity = store.meta(f"sanity:{peer.device_id}")
        who = "the office" if peer.role == "office" else "the device"
        return PeerStatus(
            peer.device_id, peer.role, peer.name or "", self._counselor_name(peer.counselor_id),
            peer.status, pending, last.seq if last else 0, last.created_at if last else None,
            found[1] if found else None, found[0] if found else None,
            len(bundles.bundles_in(store.conn, peer.device_id, peer.epoch)), lost, covered,
            json.loads(sanity) if sanity else None,
            confirmation="not_yet_confirmed" if pending else "all_confirmed",
            confirmation_text=f"not yet confirmed by {who}" if pending else f"everything confirmed by {who}")
