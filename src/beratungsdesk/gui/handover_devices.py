"""The office's devices on the handover page (invite, enroll after comparing the code in
person, revoke) and a laptop answering an invitation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.gui.common import QT_TRANSLATE_NOOP
from beratungsdesk.gui.handover_texts import local_time
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.services.session_handover import (
    DeviceInfo,
    JoinRequestInfo,
)
from beratungsdesk.services.session_office import Labels

if TYPE_CHECKING:
    from beratungsdesk.core.errors import BeratungsError
    from beratungsdesk.gui.common import AppSettings
    from beratungsdesk.gui.worker import Runner

    _PageBase = QWidget  # for the type checker: the page this is mixed into is a widget
else:
    _PageBase = object

_C = "HandoverView"
_HEADERS = {
    "name": QT_TRANSLATE_NOOP("HandoverView", "Device"),
    "counselor": QT_TRANSLATE_NOOP("HandoverView", "Counselor"),
    "status": QT_TRANSLATE_NOOP("HandoverView", "Status"),
    "code": QT_TRANSLATE_NOOP("HandoverView", "Key fingerprint"),
    "since": QT_TRANSLATE_NOOP("HandoverView", "Enrolled"),
}




def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


class DevicesMixin(_PageBase):
    """Mixed into :class:`~beratungsdesk.gui.handover_view.HandoverView`."""

    # What the handover page provides (declared for the type checker; set by the page).
    runner: Runner
    settings: AppSettings
    labels: Labels
    refresh: Callable[[], None]
    choose_folder: Callable[[], None]
    show_message: Callable[..., None]
    _failed: Callable[[BeratungsError], None]

    def _devices_box(self) -> QWidget:
        self.devices_model = RecordTableModel(_C, [
            Column(_HEADERS["name"], lambda d: d.name),
            Column(_HEADERS["counselor"], lambda d: d.counselor),
            Column(_HEADERS["status"], lambda d: _t("active") if d.status == "active" else _t("revoked")),
            Column(_HEADERS["code"], lambda d: d.fingerprint),
            Column(_HEADERS["since"], lambda d: local_time(d.enrolled_at)),
        ], self)
        self.devices_table = QTableView()
        self.devices_table.setModel(self.devices_model)
        self.devices_table.setAccessibleName(_t("Devices"))
        self.devices_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.devices_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices_table.verticalHeader().hide()
        self.devices_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.devices_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 170, 90, 260)):
            self.devices_table.setColumnWidth(column, width)
        invite = QPushButton(_t("&Invite a laptop…"))
        invite.clicked.connect(self.invite)
        enroll = QPushButton(_t("&Enroll from a join request…"))
        enroll.clicked.connect(self.enroll)
        revoke = QPushButton(_t("&Revoke selected device…"))
        revoke.clicked.connect(self.revoke)
        buttons = QHBoxLayout()
        buttons.addWidget(invite)
        buttons.addWidget(enroll)
        buttons.addStretch(1)
        buttons.addWidget(revoke)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.addWidget(self.devices_table)
        inner.addLayout(buttons)
        return box

    def _folder_or_ask(self) -> Path | None:
        if self.settings.handover_folder and Path(self.settings.handover_folder).is_dir():
            return Path(self.settings.handover_folder)
        self.choose_folder()
        folder = self.settings.handover_folder
        return Path(folder) if folder and Path(folder).is_dir() else None

    def invite(self) -> None:
        folder = self._folder_or_ask()
        if folder is None:
            return
        handover_ops.invite(folder).run(self.runner, self,
                         lambda path: self.show_message(
                             _t("Invitation written: {file}. Take it to the laptop (e.g. on the "
                                     "USB stick) and open it there under Handover.").format(file=path.name),
                             good=True),
                         self._failed)

    def enroll(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _t("Choose the laptop's join request"),
                                                      self.settings.handover_folder)
        if not chosen:
            return
        path = Path(chosen)
        handover_ops.read_join_request(path).run(self.runner, self, self._confirm_enrollment, self._failed)

    def _confirm_enrollment(self, request: JoinRequestInfo) -> EnrollDialog:
        dialog = EnrollDialog(request.code, request.name, self.labels, self)
        dialog.accepted.connect(lambda: self._enroll_chosen(request, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): the GUI thread keeps running its event loop
        return dialog

    def _enroll_chosen(self, request: JoinRequestInfo, dialog: EnrollDialog) -> None:
        counselor, create = dialog.choice()
        folder = self._folder_or_ask()
        if folder is None:
            self.show_message(_t("Choose the handover folder first."))
            return
        handover_ops.enroll(request, counselor, folder, create).run(self.runner, self, self._enrolled,
                                                                   self._failed)

    def _enrolled(self, device: DeviceInfo) -> None:
        self.show_message(_t("{name} is enrolled. Its first handover file is in the folder; "
                                  "the laptop imports it with \"Hand over\".").format(name=device.name),
                          good=True)
        self.refresh()

    def revoke(self) -> None:
        device = self.devices_model.record(self.devices_table.currentIndex().row())
        if device is None:
            self.show_message(_t("Select a device first."))
            return
        answer = QMessageBox.question(
            self, _t("Revoke device"),
            _t("Revoke {name}? It can then no longer hand anything over; this cannot be undone.")
            .format(name=device.name))
        if answer == QMessageBox.StandardButton.Yes:
            handover_ops.revoke(device.device_id).run(self.runner, self, lambda _d: self.refresh(),
                                                      self._failed)

    # --- laptop: joining ---------------------------------------------------

    def join(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _t("Choose the office's invitation"),
                                                      self.settings.handover_folder)
        if not chosen:
            return
        invitation = Path(chosen)
        out = Path(self.settings.handover_folder) if self.settings.handover_folder else invitation.parent

        def done(result: tuple[Path, str, str]) -> None:
            _path, code, fingerprint = result
            QMessageBox.information(
                self, _t("Compare the code"),
                _t("The join request is in the handover folder. Compare this code with the "
                        "office's screen before it enrolls this laptop:\n\n{code}\n\nOffice key: "
                        "{fingerprint}").format(code=code, fingerprint=fingerprint))
            self.refresh()

        handover_ops.join(invitation, out).run(self.runner, self, done, self._failed)


class EnrollDialog(QDialog):
    """Shows the verification code to compare in person and asks whose laptop it is."""

    def __init__(self, code: str, device_name: str, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enroll a laptop"))
        intro = QLabel(self.tr("Compare this code with the one on the laptop's screen. Enroll only if "
                               "they are the same."))
        intro.setWordWrap(True)
        code_label = QLabel(code)
        font = QFont(code_label.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        font.setFamily("monospace")
        code_label.setFont(font)
        code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code_label.setAccessibleName(self.tr("Verification code"))
        self.counselor = QComboBox()
        self.counselor.setAccessibleName(self.tr("Counselor using this laptop"))
        # No member preselected (the first one was taken for "Laptop Marta" unnoticed), and
        # inactive members are not offered for a new device.
        self.counselor.addItem(self.tr("(choose the counselor)"), None)
        for ident, name in labels.offered_counselors():
            self.counselor.addItem(name, ident)
        # Without a team member there is nobody to choose: the name typed here
        # adds the counselor to the team together with the device.
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName(self.tr("Name of the counselor using this laptop"))
        self.new_name.setPlaceholderText(self.tr("first and last name"))
        self.message = FieldMessage()
        field = QVBoxLayout()
        field.setContentsMargins(0, 0, 0, 0)
        field.addWidget(self.counselor)
        field.addWidget(self.new_name)
        field.addWidget(self.message)
        self.creates = not labels.offered_counselors()
        self.counselor.setVisible(not self.creates)
        self.new_name.setVisible(self.creates)
        form = QFormLayout()
        form.addRow(self.tr("Laptop:"), QLabel(device_name))
        form.addRow(self.tr("&Used by:"), field)
        label = form.labelForField(field)
        assert isinstance(label, QLabel)  # addRow with a text makes a label
        label.setBuddy(self.new_name if self.creates else self.counselor)
        hint = QLabel(self.tr("Nobody is in the team yet. Type the name of the counselor using "
                              "this laptop: they are added to the team (Office → Team)."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        hint.setVisible(self.creates)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("The codes match: enroll"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(code_label)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(500)

    def choice(self) -> tuple[str, bool]:
        """(counselor id or new name, whether to add that name to the team)."""
        if self.creates:
            return self.new_name.text().strip(), True
        return str(self.counselor.currentData() or ""), False

    def accept(self) -> None:
        counselor, _create = self.choice()
        if not counselor:
            self.message.show_text(self.tr("Type the counselor's name, or add the counselor to the "
                                           "team first (Office → Team)."))
            (self.new_name if self.creates else self.counselor).setFocus()
            self.adjustSize()  # room for the message under the field
            return
        super().accept()
