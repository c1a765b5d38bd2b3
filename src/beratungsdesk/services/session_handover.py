"""The handover area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
the status, the handover through a folder (with progress), its history, enrolling
and revoking laptops, and a laptop's data-minimisation settings.

Runs on the GUI's worker thread; returns service-level dataclasses (a join request
read from a file stays here: the window gets its name and code and a token to
enroll it by) and never imports Qt.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError, NotFound
from beratungsdesk.services import handover_log
from beratungsdesk.services.handover import DeviceInfo, FolderReport, HandoverService, StatusReport
from beratungsdesk.services.handover_log import HandoverEntry
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync.enrollment import JoinRequest
from beratungsdesk.sync.errors import SyncError
from beratungsdesk.sync.importer import ImportResult

__all__ = ["DeviceInfo", "FileTaken", "HandoverEntry", "HandoverReport", "HandoverState",
           "HandoverUseCases", "JoinRequestInfo", "LaptopDataSettings", "Received", "Sent", "StatusReport"]


@dataclass(frozen=True)
class Received:
    """What one handover file brought (counts; ``missing``: the sender's files not arrived)."""

    sender: str  # device id
    applied: int
    conflicts: int
    resolved: int  # open conflicts closed by decisions made elsewhere
    replaced: int  # texts of this device set aside by those decisions
    refused: int  # changes refused and quarantined
    missing: tuple[int, ...]
    missing_covered: tuple[int, ...]  # ... whose content came with a later file


@dataclass(frozen=True)
class FileTaken:
    """One handover file of the folder and what became of it."""

    file: str  # the file's (random) name
    status: str  # imported | already | ignored | refused
    reason: str | None
    error: BeratungsError | None
    result: Received | None  # imported: what it brought
    earlier: bool  # refused: the same content was refused at an earlier handover


@dataclass(frozen=True)
class Sent:
    """What was written for one recipient (``path`` None: nothing new for it)."""

    recipient: str  # device id
    path: Path | None
    changes: int
    blobs: int
    restamped: int  # own changes given fresh stamps after the clock was corrected
    rewritten: bool  # written again: the last file had gone from the folder unconfirmed
    unconfirmed: int  # path None: changes in the folder already, not yet confirmed


@dataclass(frozen=True)
class HandoverReport:
    """A handover's result as the window shows it; ``entry`` is its line in the history."""

    imported: list[FileTaken]
    exported: list[Sent]
    removed: int  # finished files removed from the folder
    cancelled: bool
    entry: HandoverEntry

    @classmethod
    def of(cls, report: FolderReport, automatic: bool = False) -> HandoverReport:
        taken = [FileTaken(o.file, o.status, o.reason, o.error, _received(o.result), o.earlier)
                 for o in report.imported]
        sent = [Sent(r.recipient, r.path, r.changes, r.blobs, r.restamped, r.rewritten, r.unconfirmed)
                for r in report.exported]
        return cls(taken, sent, report.removed, report.cancelled,
                   handover_log.entry_for(report, automatic))


def _received(result: ImportResult | None) -> Received | None:
    if result is None:
        return None
    return Received(result.sender, result.applied, result.conflicts, result.resolved, result.replaced,
                    result.refused, tuple(result.missing), tuple(result.missing_covered))


@dataclass
class HandoverState:
    """What the status bar and the handover page show."""

    report: StatusReport
    pending_changes: int  # not yet handed over (all peers together)
    last_receipt_at: str | None  # newest confirmation received


@dataclass(frozen=True)
class LaptopDataSettings:
    """What a laptop keeps: the two data-minimisation settings."""

    purge_closed: bool  # closed cases leave once the office confirmed them
    attachments_office_only: bool  # document contents stay at the office


@dataclass(frozen=True)
class JoinRequestInfo:
    """A laptop's join request as the office confirms it: the laptop's name and the code both
    screens show. ``token`` names the request read (kept on the worker) for :meth:`enroll`."""

    token: str
    name: str
    code: str


class HandoverUseCases:
    """``session.handover``; ``after_handover`` runs after every handover that took files in
    (the session's quiet automatic backup)."""

    def __init__(self, store: Store, after_handover: Callable[[], None]) -> None:
        self.store = store
        self.service = HandoverService(store)
        self._after_handover = after_handover
        self._requests: dict[str, JoinRequest] = {}

    def state(self) -> HandoverState:
        report = self.service.status()
        pending = sum(peer.pending_changes for peer in report.peers)
        receipts = [peer.receipt_at for peer in report.peers if peer.receipt_at]
        return HandoverState(report, pending, max(receipts) if receipts else None)

    def run(self, folder: Path, should_stop: Callable[[], bool] | None = None,
            automatic: bool = False,
            progress: Callable[[int, int], None] | None = None) -> HandoverReport:
        """The whole handover through one folder (each bundle import is one transaction).

        ``should_stop`` is asked between files; a stop leaves every file either
        fully taken in or untouched, and sends nothing. ``automatic``: started
        because the folder became reachable (recorded in the handover history).
        A folder that goes away in the middle (a pulled stick) ends it with
        ``folder_lost``: what was taken in is complete, the rest waits.
        ``progress(done, total)`` is told the files taken in so far, before each one.
        """
        def stop() -> bool:
            # A folder gone between two files (a pulled stick) stops before anything more is
            # read or written: no bundle lands in a mount point's empty folder on the disk.
            return (should_stop is not None and should_stop()) or not folder.is_dir()

        try:
            report = self.service.run_folder(folder, should_stop=stop, progress=progress)
            if report.cancelled and not folder.is_dir():
                raise SyncError("folder_lost")
        except BeratungsError as error:
            self._remember(handover_log.failed_entry(error.code, automatic))
            raise
        except OSError:
            self._remember(handover_log.failed_entry("folder_lost", automatic))
            raise SyncError("folder_lost") from None
        shown = HandoverReport.of(report, automatic)
        if not (automatic and shown.entry.nothing_new):  # an automatic look that found nothing: no entry
            self._remember(shown.entry)
        self._after_handover()
        return shown

    def _remember(self, entry: HandoverEntry) -> None:
        # The history must never hide the handover's own result or error.
        with contextlib.suppress(BeratungsError, OSError):
            handover_log.remember(self.store, entry)

    def history(self) -> list[HandoverEntry]:
        """The handovers made in the program, newest first (times and counts only)."""
        return handover_log.history(self.store)

    def ready(self) -> bool:
        """Whether a handover can send: the office always, a laptop once enrolled and
        while not revoked (an automatic handover waits until then)."""
        if self.store.role == ROLE_OFFICE:
            return True
        return self.store.meta("sync_enrolled") == "1" and self.store.meta("sync_revoked") != "1"

    def import_bundle(self, path: Path) -> HandoverReport:
        """One handover file opened directly (e.g. from a file manager); nothing is sent."""
        report = FolderReport(self.service.import_files([path]), [], 0)
        self._after_handover()
        return HandoverReport.of(report)

    # --- a laptop's data-minimisation settings ---------------------------------------

    def laptop_data_settings(self) -> LaptopDataSettings:
        """The laptop's data-minimisation settings (see the settings page)."""
        purge, documents = self.service.laptop_data_settings()
        return LaptopDataSettings(purge, documents)

    def set_purge_closed(self, enabled: bool) -> int:
        """Returns how many closed cases left the laptop at once."""
        return self.service.set_purge_closed(enabled)

    def set_attachments_office_only(self, enabled: bool) -> int:
        """Returns how many documents' contents left the laptop at once."""
        return self.service.set_attachments_office_only(enabled)

    # --- devices: invitation, join request, enrollment ---------------------------------

    def devices(self) -> list[DeviceInfo]:
        return self.service.devices()

    def invite(self, folder: Path) -> Path:
        return self.service.invite(folder)

    def read_join_request(self, path: Path) -> JoinRequestInfo:
        request, code = self.service.read_join_request(path)
        token = secrets.token_hex(8)
        self._requests[token] = request
        return JoinRequestInfo(token, request.name, code)

    def enroll(self, token: str, counselor: str, folder: Path,
               create_counselor: bool = False) -> DeviceInfo:
        """Enroll the laptop whose request was read as ``token`` for ``counselor`` (an id; a new
        name with ``create_counselor``)."""
        request = self._requests.get(token)
        if request is None:
            raise NotFound(entity="device")
        device, _first_bundle = self.service.enroll(request, counselor, folder,
                                                    create_counselor=create_counselor)
        del self._requests[token]
        return device

    def revoke(self, device_id: str) -> DeviceInfo:
        return self.service.revoke(device_id)

    def join(self, invitation: Path, folder: Path) -> tuple[Path, str, str]:
        """Laptop: answer an office's invitation; returns (request file, code, office fingerprint)."""
        return self.service.join(invitation, folder)
