"""Handover operations: the status, the handover through a folder (with progress), the
history, enrolling and revoking laptops, a laptop's data settings (``session.handover``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from beratungsdesk.gui.ops import Op
from beratungsdesk.services.session_handover import (
    DeviceInfo,
    HandoverEntry,
    HandoverReport,
    HandoverState,
    JoinRequestInfo,
    LaptopDataSettings,
)

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend


def handover_state() -> Op[HandoverState]:
    return Op(lambda b: b.require().handover.state())


def handover_history() -> Op[list[HandoverEntry]]:
    return Op(lambda b: b.require().handover.history())


def devices() -> Op[list[DeviceInfo]]:
    return Op(lambda b: b.require().handover.devices())


def run_handover(folder: Path, should_stop: Callable[[], bool]) -> Op[HandoverReport | None]:
    """The handover through ``folder``, telling the files taken in so far (``progress``).

    ``should_stop`` is asked before it starts and between files: None when stopped before
    anything happened."""
    def job(backend: Backend) -> HandoverReport | None:
        if should_stop():  # cancelled before it started: nothing happened
            return None
        return backend.require().handover.run(folder, should_stop=should_stop,
                                              progress=backend.progress)

    return Op(job)


def run_automatic_handover(folder: Path, should_stop: Callable[[], bool]) -> Op[HandoverReport | None]:
    """The handover started because the folder became reachable; None while this store may not
    hand over yet (a laptop not enrolled, or revoked)."""
    def job(backend: Backend) -> HandoverReport | None:
        session = backend.require()
        if not session.handover.ready():
            return None
        return session.handover.run(folder, should_stop=should_stop, automatic=True,
                                    progress=backend.progress)

    return Op(job)


def import_bundle(path: Path) -> Op[HandoverReport]:
    return Op(lambda b: b.require().handover.import_bundle(path))


def invite(folder: Path) -> Op[Path]:
    return Op(lambda b: b.require().handover.invite(folder))


def read_join_request(path: Path) -> Op[JoinRequestInfo]:
    return Op(lambda b: b.require().handover.read_join_request(path))


def enroll(request: JoinRequestInfo, counselor: str, folder: Path, create_counselor: bool) -> Op[DeviceInfo]:
    return Op(lambda b: b.require().handover.enroll(request.token, counselor, folder,
                                                    create_counselor=create_counselor))


def revoke(device_id: str) -> Op[DeviceInfo]:
    return Op(lambda b: b.require().handover.revoke(device_id))


def join(invitation: Path, out: Path) -> Op[tuple[Path, str, str]]:
    return Op(lambda b: b.require().handover.join(invitation, out))


def laptop_data_settings() -> Op[LaptopDataSettings]:
    return Op(lambda b: b.require().handover.laptop_data_settings())


def set_purge_closed(enabled: bool) -> Op[int]:
    return Op(lambda b: b.require().handover.set_purge_closed(enabled))


def set_attachments_office_only(enabled: bool) -> Op[int]:
    return Op(lambda b: b.require().handover.set_attachments_office_only(enabled))
