"""Settings: language, auto-lock, handover folder (QSettings), the passphrase (store) and,
on a laptop, what data the laptop keeps (store settings, see :class:`LaptopDataBox`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.backup_view import LaptopBackupBox
from beratungsdesk.gui.calendar_setting import CalendarFolderBox
from beratungsdesk.gui.common import AppSettings, error_text
from beratungsdesk.gui.first_start import PassphraseFields
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.gui.ops import store as store_ops
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_handover import LaptopDataSettings

_HINT_STYLE = "color: #4f5f5f;"
_OK_STYLE = "color: #2f6f73;"
_ERROR_STYLE = "color: #a12622;"


class LaptopDataBox(QGroupBox):
    """"Data on this laptop": remove confirmed closed cases, keep documents at the office.

    Both are settings of the laptop's store; they are read when the page shows and
    written on the worker (switching one on lets go of what the office holds at once).
    """

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Data on this laptop"), parent)
        self.runner = runner
        self.purge = QCheckBox(self.tr("Remo&ve closed cases from this laptop once the office has "
                                       "confirmed them"))
        self.documents = QCheckBox(self.tr("Keep &documents at the office only"))
        purge_hint = self._hint(self.tr("A closed case leaves the laptop after the next handover "
                                        "that confirms it; the office keeps it."))
        documents_hint = self._hint(self.tr("Documents the office holds are not stored here; the "
                                            "list still shows them. New ones stay until confirmed."))
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        for box, hint in ((self.purge, purge_hint), (self.documents, documents_hint)):
            box.setEnabled(False)  # until the current state has loaded
            layout.addWidget(box)
            layout.addWidget(hint)
        layout.addWidget(self.message)
        # clicked, not toggled: only the user's click writes, never loading the state.
        self.purge.clicked.connect(lambda on: self._write("purge", on))
        self.documents.clicked.connect(lambda on: self._write("documents", on))

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(_HINT_STYLE + " margin-left: 22px;")
        return label

    def load(self) -> None:
        handover_ops.laptop_data_settings().run(self.runner, self, self._show, self._say_error)

    def _show(self, state: LaptopDataSettings) -> None:
        self.purge.setChecked(state.purge_closed)
        self.documents.setChecked(state.attachments_office_only)
        self.purge.setEnabled(True)
        self.documents.setEnabled(True)

    def _write(self, which: str, enabled: bool) -> None:
        self.purge.setEnabled(False)
        self.documents.setEnabled(False)
        self.message.show_text("")
        if which == "purge":
            setter = handover_ops.set_purge_closed
            removed_text = self.tr("Closed cases removed from this laptop now: {count}.")
        else:
            setter = handover_ops.set_attachments_office_only
            removed_text = self.tr("Documents removed from this laptop now: {count}.")
        setter(enabled).run(self.runner, self, lambda n: self._written(removed_text, n), self._failed)

    def _written(self, removed_text: str, removed: int) -> None:
        self.message.setStyleSheet(_OK_STYLE)
        self.message.show_text(self.tr("Saved.") + (" " + removed_text.format(count=removed)
                                                   if removed else ""))
        self.load()

    def _failed(self, error: BeratungsError) -> None:
        self._say_error(error)
        self.load()  # show what is stored, not what was clicked

    def _say_error(self, error: BeratungsError) -> None:
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.show_text(error_text(error))


class SettingsView(QWidget):
    auto_lock_changed = Signal(int)
    language_changed = Signal(str)
    auto_handover_changed = Signal(bool)

    def __init__(self, runner: Runner, settings: AppSettings, parent: QWidget | None = None,
                 laptop: bool = False) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        # Only a laptop's store has these settings; the office keeps everything.
        self.laptop_data = LaptopDataBox(runner) if laptop else None
        self.laptop_backup = LaptopBackupBox(runner) if laptop else None
        self.laptop_calendar = CalendarFolderBox(runner) if laptop else None

        heading = QLabel(self.tr("Settings"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.language.setMaximumWidth(260)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_hint = QLabel()
        self.language_hint.setStyleSheet("color: #4f5f5f;")
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.auto_lock.setMaximumWidth(120)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after inactivity (minutes)"))
        self.auto_lock.valueChanged.connect(self._auto_lock_changed)
        general = QGroupBox(self.tr("Program"))
        general_form = QFormLayout(general)
        general_form.addRow(self.tr("&Language:"), self.language)
        general_form.addRow("", self.language_hint)
        general_form.addRow(self.tr("&Lock after inactivity:"), self.auto_lock)

        self.folder = QLineEdit(settings.handover_folder)
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("not chosen yet"))
        self.folder.setAccessibleName(self.tr("Handover folder"))
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        handover = QGroupBox(self.tr("Handover"))
        handover_form = QFormLayout(handover)
        folder_label = QLabel(self.tr("Handover &folder or USB stick:"))
        folder_label.setBuddy(choose)  # the line itself is read-only; Alt+letter goes to "Choose…"
        handover_form.addRow(folder_label, folder_row)
        hint = QLabel(self.tr("Bundles in this folder are encrypted and signed; any folder can carry "
                              "them (USB stick, network share, synchronised folder)."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        handover_form.addRow(hint)
        self.auto_handover = QCheckBox(self.tr("Hand over &automatically when the folder is reachable"))
        self.auto_handover.setChecked(settings.auto_handover)
        # clicked, not toggled: only the user's click writes.
        self.auto_handover.clicked.connect(self._auto_handover_changed)
        auto_hint = QLabel(self.tr("While the program is unlocked: a laptop hands over its new work as "
                                   "soon as the USB stick is plugged in or the share is reachable; "
                                   "files arriving in the folder are taken in by themselves."))
        auto_hint.setWordWrap(True)
        auto_hint.setStyleSheet(_HINT_STYLE + " margin-left: 22px;")
        handover_form.addRow(self.auto_handover)
        handover_form.addRow(auto_hint)

        self.old = QLineEdit()
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.old.setAccessibleName(self.tr("Current passphrase"))
        self.new = PassphraseFields()
        self.change_button = QPushButton(self.tr("Change &passphrase"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.passphrase_message = FieldMessage()
        security = QGroupBox(self.tr("Passphrase"))
        security_form = QFormLayout(security)
        security_form.addRow(self.tr("C&urrent passphrase:"), self.old)
        security_form.addRow(self.new)
        security_form.addRow(self.passphrase_message)
        security_form.addRow("", self.change_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(general)
        layout.addWidget(handover)
        if self.laptop_data is not None:
            layout.addWidget(self.laptop_data)
        if self.laptop_backup is not None:
            layout.addWidget(self.laptop_backup)
        if self.laptop_calendar is not None:
            layout.addWidget(self.laptop_calendar)
        layout.addWidget(security)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.laptop_data is not None:
            self.laptop_data.load()  # a handover or the command line may have changed them
        if self.laptop_backup is not None:
            self.laptop_backup.load()
        if self.laptop_calendar is not None:
            self.laptop_calendar.load()

    def _language_changed(self) -> None:
        language = str(self.language.currentData())
        self.settings.language = language
        self.language_changed.emit(language)

    def show_language_pending(self) -> None:
        self.language_hint.setText(self.tr("The language changes when the program starts next time."))

    def _auto_lock_changed(self, minutes: int) -> None:
        self.settings.auto_lock_minutes = minutes
        self.auto_lock_changed.emit(minutes)

    def _auto_handover_changed(self, enabled: bool) -> None:
        self.settings.auto_handover = enabled
        self.auto_handover_changed.emit(enabled)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the handover folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.settings.handover_folder = chosen

    def change_passphrase(self) -> None:
        self.passphrase_message.setStyleSheet("color: #a12622;")
        new = self.new.passphrase()
        if new is None:
            return
        old = self.old.text()
        if not old:
            self.passphrase_message.show_text(self.tr("Please type the current passphrase."))
            return
        self.change_button.setEnabled(False)
        self.passphrase_message.show_text(self.tr("Changing the passphrase…"))
        store_ops.change_passphrase(old, new).run(self.runner, self, self._changed, self._failed)

    def _changed(self, _result: object) -> None:
        self.change_button.setEnabled(True)
        self.old.clear()
        self.new.clear()
        self.passphrase_message.setStyleSheet("color: #2f6f73;")
        self.passphrase_message.show_text(self.tr("The passphrase was changed. Use the new one from now on."))

    def _failed(self, error: BeratungsError) -> None:
        self.change_button.setEnabled(True)
        self.passphrase_message.show_text(error_text(error))

    def clear(self) -> None:
        self.old.clear()
        self.new.clear()
        self.passphrase_message.show_text("")
