"""Store lifetime operations: unlock, create (office, demo, laptop), lock, passphrase.

``services.session`` is imported inside the jobs: they run on the worker, which
imports the layers below the GUI while the unlock window shows (``gui/preload.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from beratungsdesk.gui.ops import Op

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend
    from beratungsdesk.services.session import StoreInfo


def unlock_wait(folder: Path) -> Op[float]:
    """Seconds until the store takes the next passphrase (after repeated wrong ones)."""
    def job(_backend: Backend) -> float:
        from beratungsdesk.services.session import Session

        return Session.unlock_wait(folder)

    return Op(job)


def unlock(folder: Path, passphrase: str) -> Op[StoreInfo]:
    def job(backend: Backend) -> StoreInfo:
        from beratungsdesk.services.session import Session

        return backend.open(Session.unlock(folder, passphrase)).info()

    return Op(job)


def create_office(folder: Path, passphrase: str, name: str, demo: bool = False) -> Op[StoreInfo]:
    """A new office store (``demo``: filled with invented cases), opened at once."""
    def job(backend: Backend) -> StoreInfo:
        from beratungsdesk.services.session import Session
        from beratungsdesk.services.stores import ROLE_OFFICE

        if demo:
            return backend.open(Session.create_demo(folder, passphrase)).info()
        return backend.open(Session.create(folder, passphrase, ROLE_OFFICE, name)).info()

    return Op(job)


def create_laptop(folder: Path, passphrase: str, name: str,
                  invitation: Path) -> Op[tuple[StoreInfo, str, str, str]]:
    """A new laptop store answering ``invitation``; (info, code, office fingerprint, request file
    name). The invitation is checked before anything is created; a failed join leaves no store."""
    def job(backend: Backend) -> tuple[StoreInfo, str, str, str]:
        from beratungsdesk.services.session import Session

        session, (request, code, office_key) = Session.create_laptop(
            folder, passphrase, name, invitation, invitation.parent)
        return backend.open(session).info(), code, office_key, request.name

    return Op(job)


def lock() -> Op[None]:
    """Close the session (wipes the temp folder, backs up when due)."""
    return Op(lambda b: b.close())


def change_passphrase(old: str, new: str) -> Op[None]:
    return Op(lambda b: b.require().change_passphrase(old, new))
