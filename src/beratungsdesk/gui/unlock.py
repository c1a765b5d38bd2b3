"""The unlock window: one passphrase field, calm wording, no data visible."""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import app_icon, error_text, icon
from beratungsdesk.gui.ops import store as store_ops
from beratungsdesk.gui.worker import Runner


class UnlockWindow(QWidget):
    """Asks for the passphrase of the store in ``folder`` and unlocks it on the worker."""

    unlocked = Signal(object)  # StoreInfo
    other_store = Signal(str)  # the user chose another store folder

    def __init__(self, runner: Runner, folder: Path, notice: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.folder = folder
        self.setWindowTitle(self.tr("BeratungsDesk – unlock"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(460)

        title = QLabel(self.tr("BeratungsDesk"))
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title.setFont(title_font)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(48, 48))
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addWidget(title, 1)

        self.where = QLabel(self.tr("Store: {folder}").format(folder=folder))
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #4f5f5f;")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        prompt = QLabel(self.tr("&Passphrase:"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        prompt.setBuddy(self.passphrase)
        self.passphrase.returnPressed.connect(self.unlock)

        self.message = QLabel(notice)
        self.message.setWordWrap(True)
        self.message.setVisible(bool(notice))
        self.message.setStyleSheet("color: #a12622;")

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()

        self.unlock_button = QPushButton(icon("lock"), self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.choose_button = QPushButton(self.tr("Open &another store…"))
        self.choose_button.clicked.connect(self._choose_store)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.where)
        layout.addSpacing(8)
        layout.addWidget(prompt)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.passphrase.clear)
        self.passphrase.setFocus()

        # After repeated wrong passphrases the store takes the next attempt only
        # after a wait; it is shown here as a countdown instead of a silent pause.
        self._wait_end = 0.0
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(250)
        self.wait_timer.timeout.connect(self._tick)
        self._check_wait()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)

    @property
    def waiting(self) -> bool:
        return self.wait_timer.isActive()

    def _check_wait(self) -> None:
        folder = self.folder

        store_ops.unlock_wait(folder).run(self.runner, self, self._start_wait)

    def _start_wait(self, seconds: float) -> None:
        if seconds <= 0:
            self._ready()
            return
        self._wait_end = time.monotonic() + seconds
        self.set_busy(True)
        self.progress.hide()  # nothing is working; the message says what is going on
        self.choose_button.setEnabled(True)  # another store is not affected
        self.wait_timer.start()
        self._tick()

    def _tick(self) -> None:
        left = math.ceil(self._wait_end - time.monotonic())
        if left > 0:
            self.show_message(self.tr("Too many wrong passphrases: please wait %n seconds.", "", left))
            return
        self.wait_timer.stop()
        self._ready()
        self.show_message(self.tr("You can try again now."))

    def unlock(self) -> None:
        if self.waiting:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.show_message(self.tr("Please type the passphrase."))
            return
        folder = self.folder
        self.set_busy(True)
        self.message.hide()

        store_ops.unlock(folder, passphrase).run(self.runner, self, self._done, self._failed)

    def _done(self, info: object) -> None:
        self.passphrase.clear()
        self.set_busy(False)
        self.unlocked.emit(info)

    def _failed(self, error: BeratungsError) -> None:
        self.show_message(error_text(error))
        if error.code == "wrong_passphrase":
            # The fields stay disabled until it is known whether a wait is owed now.
            self.progress.hide()
            self._check_wait()
        else:
            self._ready()

    def _ready(self) -> None:
        self.set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _choose_store(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the store folder"),
                                                  str(self.folder.parent))
        if chosen:
            self.other_store.emit(chosen)
