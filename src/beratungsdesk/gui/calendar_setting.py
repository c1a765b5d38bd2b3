"""A laptop's calendar setting: write the .ics into a folder on every handover (off by default).

The folder is a setting of the laptop's store (services/calendar.py), not of QSettings:
nothing about the store's work goes into the desktop's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QGroupBox, QLabel, QVBoxLayout, QWidget

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.calendar import FILE_NAME, CalendarService


def calendar(backend: Backend) -> CalendarService:
    return CalendarService(backend.require().store)


class CalendarFolderBox(QGroupBox):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Calendar"), parent)
        self.runner = runner
        self.enabled = QCheckBox(self.tr("Write my appointments, follow-ups and office hours as a "
                                         "calendar file on every handover"))
        self.enabled.setEnabled(False)  # until the current state has loaded
        self.enabled.clicked.connect(self._clicked)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        hint = QLabel(self.tr("The file holds case numbers, towns and the kind of entry only, "
                              "never names: Thunderbird or Outlook can subscribe to it."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f; margin-left: 22px;")
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(hint)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.message)

    def load(self) -> None:
        self.runner.call(lambda b: calendar(b).folder(), self._show, self._failed, self)

    def _show(self, folder: Path | None) -> None:
        self.enabled.setChecked(folder is not None)
        self.enabled.setEnabled(True)
        self.folder_label.setText(self.tr("File: {path}").format(path=folder / FILE_NAME) if folder else "")

    def _clicked(self, on: bool) -> None:
        folder: Path | None = None
        if on:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the calendar file"))
            if not chosen:
                self.enabled.setChecked(False)
                return
            folder = Path(chosen)
        self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        self.enabled.setEnabled(False)
        self.message.show_text("")
        self.runner.call(lambda b: calendar(b).set_folder(folder), lambda _r: self.load(), self._failed, self)

    def _failed(self, error: BeratungsError) -> None:
        self.message.show_text(error_text(error))
        self.enabled.setEnabled(True)
