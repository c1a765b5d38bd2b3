"""The office page's Backup tab: the backup folder, the backups in it with what their last
check found, "Back up now", "Check" and "Restore…" — every step on the worker, never
blocking the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, record_table, size_text
from beratungsdesk.gui.ops import backup as backup_ops
from beratungsdesk.gui.progress import count_of
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import backup
from beratungsdesk.services.backup import BackupEntry, BackupHealth

_T = "BackupView"
MEGABYTE = 1 << 20  # progress of a backup in whole megabytes
_H = {
    "created": QT_TRANSLATE_NOOP("BackupView", "Taken on"),
    "size": QT_TRANSLATE_NOOP("BackupView", "Size"),
    "state": QT_TRANSLATE_NOOP("BackupView", "Last check"),
}
_WARNINGS = {
    "no_folder": QT_TRANSLATE_NOOP(
        "BackupView", "No backup folder is set yet: choose one on an external disk or the NAS."),
    "unreachable": QT_TRANSLATE_NOOP(
        "BackupView", "The backup folder cannot be reached (is the disk connected?). No backup "
                      "can be written until it is back."),
    "none_good": QT_TRANSLATE_NOOP("BackupView", "There is no checked, intact backup yet."),
    "too_old": QT_TRANSLATE_NOOP(
        "BackupView", "The last good backup is older than 7 days ({when})."),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _local(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment else _t("unreadable")


def _state(entry: BackupEntry) -> str:
    if entry.ok is None:
        return _t("not checked yet")
    if not entry.ok:
        return _t("DAMAGED")
    return _t("intact, fully checked") if entry.full else _t("intact (checksum)")


def health_warning(health: BackupHealth, now: dt.datetime | None = None) -> str | None:
    """The sentence for the office page (None when all is well)."""
    kind = health.warning(now or dt.datetime.now(dt.UTC))
    if kind is None:
        return None
    return _t(_WARNINGS[kind]).format(when=_local(health.last_good))


class LaptopBackupBox(QGroupBox):
    """Settings page of a laptop: back this laptop up too (off by default), into which folder."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(_t("Backup of this laptop"), parent)
        self.runner = runner
        self.enabled = QCheckBox(_t("Back up this laptop too (after each handover and when locking)"))
        self.enabled.toggled.connect(self._toggled)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        choose = QPushButton(icon("open"), _t("Choose &folder…"))
        choose.clicked.connect(self.choose_folder)
        self.message = FieldMessage()
        hint = QLabel(_t("Off by default: what the office has received is backed up there. A "
                         "backup of a laptop helps only until its next handover."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        row = QHBoxLayout()
        row.addWidget(QLabel(_t("Backup folder:")))
        row.addWidget(self.folder_label, 1)
        row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.message)

    def load(self) -> None:
        backup_ops.laptop_backup_state().run(self.runner, self, self._show, self._failed)

    def _show(self, state: tuple[Path | None, bool]) -> None:
        folder, enabled = state
        self.folder_label.setText(str(folder) if folder else _t("none chosen"))
        self.enabled.blockSignals(True)
        self.enabled.setChecked(enabled)
        self.enabled.blockSignals(False)

    def _failed(self, error: object) -> None:
        self.message.show_text(error_text(error))  # type: ignore[arg-type]

    def _toggled(self, enabled: bool) -> None:
        backup_ops.set_laptop_backups(enabled).run(self.runner, self, lambda _r: self.load(), self._failed)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _t("Backup folder"))
        if chosen:
            folder = Path(chosen)
            backup_ops.set_backup_folder(folder).run(self.runner, self, lambda _r: self.load(), self._failed)


class BackupView(QWidget):
    health_changed = Signal(object)  # BackupHealth, whenever the tab has read it

    def __init__(self, runner: Runner, is_office: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        choose = QPushButton(icon("open"), _t("Choose &folder…"))
        choose.clicked.connect(self.choose_folder)
        self.model = RecordTableModel(_T, [
            Column(_H["created"], lambda e: _local(e.created)),
            Column(_H["size"], lambda e: size_text(e.size), align_right=True),
            Column(_H["state"], _state),
        ], self)
        self.table = record_table(self.model, _t("Backups"))
        self.table.setColumnWidth(0, 170)
        self.backup_button = QPushButton(icon("save"), _t("&Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.check_button = QPushButton(_t("&Check selected"))
        self.check_button.clicked.connect(self.check_selected)
        self.restore_button = QPushButton(_t("&Restore selected…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.message = FieldMessage()
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(_t("Backup folder:")))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(choose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        hint = QLabel(_t(
            "A backup is written after each handover that brought changes and when the program is "
            "locked or closed. It is encrypted like the store: the passphrase valid when it was "
            "taken opens it. Kept: the newest of each of the last 7 days, 4 weeks and 12 months."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(hint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        backup_ops.backup_overview().run(self.runner, self, self._show, self._failed)

    def _show(self, result: tuple[BackupHealth, list[BackupEntry], bool]) -> None:
        health, entries, _enabled = result
        self.health_changed.emit(health)  # the office page shows the warning above every tab
        self.folder_label.setText(str(health.folder) if health.folder else _t("none chosen"))
        self.model.set_records(entries)
        self._busy(False)

    def _busy(self, busy: bool, text: str = "") -> None:
        for button in (self.backup_button, self.check_button, self.restore_button):
            button.setEnabled(not busy)
        if text:
            self._say(text, ok=True)

    def _failed(self, error: object) -> None:
        self._busy(False)
        self._say(error_text(error), ok=False)  # type: ignore[arg-type]

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet("color: #2f6f73;" if ok else "color: #a12622;")
        self.message.show_text(text)

    def _selected(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _t("Backup folder"))
        if not chosen:
            return
        folder = Path(chosen)
        backup_ops.set_backup_folder(folder).run(self.runner, self, lambda _r: self.refresh(), self._failed)

    def back_up_now(self) -> None:
        def done(_path: Path) -> None:
            self._say(_t("The backup was written and checked."), ok=True)
            self.refresh()

        def progressed(copied: int, total: int) -> None:
            self._say(_t("Backing up… {progress} MB").format(
                progress=count_of(copied // MEGABYTE, max(total // MEGABYTE, 1))), ok=True)

        self._busy(True, _t("Backing up…"))
        backup_ops.back_up_now().run(self.runner, self, done, self._failed, progressed)

    def check_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            self._say(_t("Select a backup first."), ok=False)
            return

        def done(ok: bool) -> None:
            self._say(_t("The backup is intact.") if ok else
                      _t("The backup is damaged: use another one."), ok=ok)
            self.refresh()

        self._busy(True, _t("Checking…"))
        backup_ops.check_backup(entry.path).run(self.runner, self, done, self._failed)

    def restore_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            self._say(_t("Select a backup first."), ok=False)
            return
        chosen = QFileDialog.getExistingDirectory(self, _t("New, empty folder for the restored store"))
        if not chosen:
            return
        secret, accepted = QInputDialog.getText(
            self, _t("Restore"), _t("Passphrase that was valid when the backup was taken:"),
            QLineEdit.EchoMode.Password)
        if not accepted:
            return
        target = Path(chosen)

        def done(restored: backup.Restored) -> None:
            self._busy(False)
            QMessageBox.information(self, _t("Restore"), _t(
                "The backup of {when} was restored into {folder}; {erased} record(s) erased after "
                "it were erased again. Lock the program and open that folder with \"Open another "
                "store…\" to work with it.").format(when=_local(restored.backup.created),
                                                     folder=restored.folder,
                                                     erased=restored.erasures_applied))

        self._busy(True, _t("Restoring…"))
        backup_ops.restore_backup(entry.path, secret, target).run(self.runner, self, done, self._failed)
