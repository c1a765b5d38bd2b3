"""Backup operations: the folder, the laptop's setting, the listing, backing up, checking
and restoring (``session.backup``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.ops import Op
from beratungsdesk.services import backup as backups
from beratungsdesk.services.backup import BackupEntry, BackupHealth

if TYPE_CHECKING:
    from beratungsdesk.gui.worker import Backend


def laptop_backup_state() -> Op[tuple[Path | None, bool]]:
    """The backup folder and whether this laptop backs up at all."""
    def job(backend: Backend) -> tuple[Path | None, bool]:
        service = backend.require().backup
        return service.folder(), service.laptop_enabled()

    return Op(job)


def set_laptop_backups(enabled: bool) -> Op[None]:
    return Op(lambda b: b.require().backup.set_laptop_enabled(enabled))


def set_backup_folder(folder: Path) -> Op[None]:
    return Op(lambda b: b.require().backup.set_folder(folder))


def backup_health() -> Op[BackupHealth]:
    return Op(lambda b: b.require().backup.health())


def backup_overview() -> Op[tuple[BackupHealth, list[BackupEntry], bool]]:
    """Health, the backups in the folder and whether automatic backups are on."""
    def job(backend: Backend) -> tuple[BackupHealth, list[BackupEntry], bool]:
        service = backend.require().backup
        return service.health(), service.listing(), service.enabled()

    return Op(job)


def back_up_now() -> Op[Path]:
    """A backup into the chosen folder, checked right after writing; ``progress`` hears the
    bytes of the store copied so far."""
    def job(backend: Backend) -> Path:
        service = backend.require().backup
        folder = service.folder()
        if folder is None:
            raise BeratungsError("backup_no_folder")
        return service.create_checked(folder, backend.progress)

    return Op(job)


def check_backup(path: Path) -> Op[bool]:
    return Op(lambda b: b.require().backup.check(path))


def restore_backup(path: Path, passphrase: str, target: Path) -> Op[backups.Restored]:
    """Into a new folder; needs no open store (it runs on the worker like every store job)."""
    return Op(lambda _b: backups.restore(path, passphrase, target))
