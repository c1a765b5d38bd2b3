"""One unlocked store as the desktop app uses it: its lifetime (unlock, create, lock)
and one facade per area of work.

A :class:`Session` is created, used and closed on the GUI's single worker thread
(SQLite connections must stay on one thread). Jobs reach the areas as attributes:
``session.cases``, ``session.office``, ``session.handover``, ``session.network``,
``session.reports``, ``session.protection``, ``session.conflicts``,
``session.drafts`` and ``session.backup``; each returns plain service-level or
core dataclasses, never a storage or sync type. Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.services import demo
from beratungsdesk.services.backup import BackupService
from beratungsdesk.services.session_cases import CaseUseCases
from beratungsdesk.services.session_conflicts import ConflictUseCases
from beratungsdesk.services.session_handover import HandoverUseCases
from beratungsdesk.services.session_network import NetworkUseCases
from beratungsdesk.services.session_office import OfficeUseCases
from beratungsdesk.services.session_protection import ProtectionUseCases
from beratungsdesk.services.session_reports import ReportUseCases
from beratungsdesk.services.stores import (
    ROLE_COUNSELOR,
    ROLE_OFFICE,
    Store,
    change_passphrase,
    init_store,
    open_store,
    removed_on_failure,
)
from beratungsdesk.services.temp_folder import PrivateTempFolder
from beratungsdesk.storage import drafts as stored_drafts
from beratungsdesk.storage.store import unlock_wait
from beratungsdesk.sync.identity import read_invitation

__all__ = ["DraftUseCases", "PrivateTempFolder", "Session", "StoreInfo"]

#: Name of demo stores made from the first-start window.
DEMO_NAME = "Demo-Beratungsstelle (erfundene Daten)"


@dataclass(frozen=True)
class StoreInfo:
    name: str
    role: str
    folder: str

    @property
    def is_office(self) -> bool:
        return self.role == ROLE_OFFICE


class DraftUseCases:
    """``session.drafts``: unsaved input kept while the store is locked (encrypted with it)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def keep(self, states: dict[str, dict[str, Any]], replace: bool = True) -> None:
        """Keep these drafts (editor key -> its state): exactly these, or (``replace`` False)
        added to those kept already."""
        stored_drafts.keep(self.store.conn, states, replace)

    def load(self) -> dict[str, dict[str, Any]]:
        return stored_drafts.load_all(self.store.conn)

    def discard(self, keys: list[str]) -> None:
        """Saved or discarded input: its draft goes."""
        stored_drafts.delete(self.store.conn, keys)


class Session:
    """An unlocked store and its areas of work. Call :meth:`close` when locking."""

    def __init__(self, store: Store, temp: PrivateTempFolder | None = None) -> None:
        self.store = store
        # A laptop belongs to one counselor: the audit log names them as the actor of
        # what is done here (an id, not a name). The office is one shared device.
        store.actor = store.actor or store.meta("counselor_id")
        self.temp = temp or PrivateTempFolder()
        self.temp.wipe_leftovers()
        self.cases = CaseUseCases(store, self.temp)
        self.office = OfficeUseCases(store)
        self.handover = HandoverUseCases(store, self._back_up_quietly)
        self.network = NetworkUseCases(store)
        self.reports = ReportUseCases(store)
        self.protection = ProtectionUseCases(store)
        self.conflicts = ConflictUseCases(store)
        self.drafts = DraftUseCases(store)
        self.backup = BackupService(store)

    # --- lifetime -------------------------------------------------------------

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
                return session, session.handover.join(invitation, out)
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

    def _back_up_quietly(self) -> None:
        """An automatic backup when it is due. It never stops what triggered it: a folder that
        cannot be reached shows as a warning on the office page instead."""
        with contextlib.suppress(BeratungsError, OSError):
            BackupService(self.store).auto()

    def add_listener(self, listener: Callable[..., None]) -> None:
        """``listener(changes)`` after every commit (a :class:`~beratungsdesk.core.changed.Changes`)."""
        self.store.listeners.append(listener)

    def info(self) -> StoreInfo:
        return StoreInfo(self.store.name, self.store.role, str(self.store.folder))

    def change_passphrase(self, old: str, new: str) -> None:
        change_passphrase(self.store, old, new)
