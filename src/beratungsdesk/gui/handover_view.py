"""Handover: one folder (USB stick, share, synced folder), one button, a plain-words result.

The office also manages devices here: invite a laptop, enroll it from its join
request after comparing the verification code in person, revoke it. A laptop
that is not enrolled yet answers the office's invitation here.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.auto_handover import AutoHandover, AutoResult
from beratungsdesk.gui.common import AppSettings, error_text, icon, plural
from beratungsdesk.gui.conflicts_view import ConflictsPanel
from beratungsdesk.gui.conflicts_view import tab_text as conflicts_tab_text
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.gui.progress import count_of
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import messages
from beratungsdesk.services.handover import ImportResult
from beratungsdesk.services.handover_log import HandoverEntry, entry_for
from beratungsdesk.services.session import StoreInfo
from beratungsdesk.services.session_handover import (
    DeviceInfo,
    FolderReport,
    HandoverState,
    JoinRequestInfo,
    StatusReport,
)
from beratungsdesk.services.session_office import Labels

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


def local_time(iso: str | None) -> str:
    if not iso:
        return _t("never")
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return str(iso)


def status_line(state: HandoverState) -> str:
    """The status bar's short summary (always visible)."""
    text = _t("Not handed over: {pending} · last confirmation: {when} · conflicts waiting: {conflicts}")
    return text.format(
        pending=state.pending_changes, when=local_time(state.last_receipt_at),
        conflicts=state.report.open_conflicts)


def _received_lines(result: ImportResult, names: dict[str, str]) -> list[str]:
    """What one imported file brought."""
    lines: list[str] = []
    # "from the office" is its own text: German needs "von der", not "von die".
    sender = (_t("from {name}").format(name=names[result.sender]) if result.sender in names
              else _t("from the office"))
    lines.append(_t("Received {sender}: {applied}, {conflicts}.").format(
        sender=sender,
        applied=plural(_C, result.applied, "{count} change applied", "{count} changes applied"),
        conflicts=plural(_C, result.conflicts, "{count} conflict to review",
                         "{count} conflicts to review")))
    if result.resolved:
        lines.append(plural(_C, result.resolved,
                            "{count} conflict was decided on another device; it is closed here too.",
                            "{count} conflicts were decided on another device; they are closed here too."))
    if result.replaced:
        lines.append(plural(_C, result.replaced,
                            "{count} of your texts was replaced by a decision made elsewhere: see "
                            "Conflicts.",
                            "{count} of your texts were replaced by a decision made elsewhere: see "
                            "Conflicts."))
    if result.refused:
        lines.append(plural(_C, result.refused,
                            "{count} change was refused (not allowed for the sender, or invalid) "
                            "and kept for the office to inspect.",
                            "{count} changes were refused (not allowed for the sender, or invalid) "
                            "and kept for the office to inspect."))
    # Only what is really lost: a later file that repeats a missing one's changes covers it.
    lost = [seq for seq in result.missing if seq not in result.missing_covered]
    if lost:
        lines.append(_t("Still missing from {sender}: handover files {numbers}. Bring them "
                        "the next time.").format(sender=names.get(result.sender, "?"),
                                                 numbers=", ".join(map(str, lost))))
    return lines


def report_lines(report: FolderReport, names: dict[str, str]) -> list[str]:
    """The result of a handover in plain words, one line per fact."""
    lines: list[str] = []
    if report.cancelled:
        lines.append(_t("The handover was stopped. Files already taken in are complete; "
                        "the rest, and sending, wait for the next handover."))
    sent = [r for r in report.exported if r.path is not None]
    for result in sent:
        lines.append(_t("Sent to {recipient}: {changes}, {blobs}.").format(
            recipient=names.get(result.recipient, _t("the office")),
            changes=plural(_C, result.changes, "{count} change", "{count} changes"),
            blobs=plural(_C, result.blobs, "{count} document", "{count} documents")))
    lines += [messages.clock_text("restamped", count=r.restamped, translate=QCoreApplication.translate)
              for r in sent if r.restamped]
    lines += [_t("Written again for {recipient}: the last handover file had gone from the folder "
                 "before it was confirmed.").format(recipient=names.get(r.recipient, _t("the office")))
              for r in sent if r.rewritten]
    waiting = [r for r in report.exported if r.path is None and r.unconfirmed]
    for result in waiting:  # never "nothing new" while the other side has not confirmed it
        lines.append(plural(_C, result.unconfirmed,
                            "{count} change is in the folder already, not yet confirmed by {recipient}.",
                            "{count} changes are in the folder already, not yet confirmed by "
                            "{recipient}.").format(recipient=names.get(result.recipient, _t("the office"))))
    if not sent and not waiting and not report.cancelled:
        lines.append(_t("Nothing new to send."))
    for outcome in report.imported:
        if outcome.status == "imported" and outcome.result is not None:
            lines += _received_lines(outcome.result, names)
        elif outcome.status == "refused" and not outcome.earlier:
            reason = error_text(outcome.error) if outcome.error else (outcome.reason or "")
            lines.append(_t("Refused file {file}: {reason}").format(file=outcome.file[:8] + "…",
                                                                   reason=reason))
    earlier = [o.file[:8] + "…" for o in report.imported if o.status == "refused" and o.earlier]
    if earlier:
        lines.append(plural(_C, len(earlier),
                            "Refused earlier, still in the folder: {files} (delete it if nobody needs it).",
                            "Refused earlier, still in the folder: {files} (delete them if nobody needs "
                            "them).").format(files=", ".join(earlier)))
    already = sum(1 for o in report.imported if o.status == "already")
    if already:
        lines.append(plural(_C, already, "{count} file had been received before.",
                            "{count} files had been received before."))
    ignored = sum(1 for o in report.imported if o.status == "ignored")
    if ignored:
        lines.append(plural(_C, ignored, "{count} file for other devices was left in the folder.",
                            "{count} files for other devices were left in the folder."))
    if all(o.status == "refused" and o.earlier for o in report.imported):
        lines.append(_t("Nothing new arrived."))
    if report.removed:
        lines.append(plural(_C, report.removed, "{count} finished file was removed from the folder.",
                            "{count} finished files were removed from the folder."))
    return lines


def summary_text(entry: HandoverEntry) -> str:
    """What one handover did, in one short line ("12 changes handed over, 1 change received")."""
    if entry.error:
        return error_text(BeratungsError(entry.error))
    parts = []
    if entry.sent_changes or entry.sent_documents:
        parts.append(plural(_C, entry.sent_changes, "{count} change handed over",
                            "{count} changes handed over"))
    if entry.sent_documents:
        parts.append(plural(_C, entry.sent_documents, "{count} document handed over",
                            "{count} documents handed over"))
    if entry.files_received:
        parts.append(plural(_C, entry.changes_received, "{count} change received",
                            "{count} changes received"))
    if entry.conflicts:
        parts.append(plural(_C, entry.conflicts, "{count} conflict to review",
                            "{count} conflicts to review"))
    if entry.files_refused:
        parts.append(plural(_C, entry.files_refused, "{count} file refused", "{count} files refused"))
    if entry.cancelled:
        parts.append(_t("stopped before the end"))
    return ", ".join(parts) if parts else _t("nothing new")


def history_line(entry: HandoverEntry) -> str:
    """One line of the handover history: when, how started, what it did."""
    how = _t("automatic") if entry.automatic else _t("by the button")
    return _t("{when} · {how}: {what}").format(when=local_time(entry.at), how=how,
                                               what=summary_text(entry))


class HandoverView(QWidget):
    handed_over = Signal()
    state_changed = Signal(object)  # HandoverState
    auto_noted = Signal(str)  # an automatic handover did something: for the status bar

    def __init__(self, runner: Runner, settings: AppSettings, info: StoreInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.info = info
        self.labels = Labels("de")
        self.names: dict[str, str] = {}
        self._state: HandoverState | None = None
        heading = QLabel(self.tr("Handover"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("Handing over exchanges encrypted, signed files through one folder: "
                               "new work goes to the office, confirmations and updates come back. "
                               "Nothing in the files names a person."))
        intro.setWordWrap(True)

        self.folder = QLineEdit(settings.handover_folder)
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("choose the folder or USB stick once"))
        self.folder.setAccessibleName(self.tr("Handover folder"))
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self.choose_folder)
        self.run_button = QPushButton(icon("handover"), self.tr("&Hand over"))
        self.run_button.setToolTip(self.tr("Hand over now (Ctrl+U)"))
        self.run_button.setMinimumHeight(40)
        big = QFont(self.run_button.font())
        big.setBold(True)
        self.run_button.setFont(big)
        self.run_button.clicked.connect(self.run)
        # Ctrl+U is the main window's (MainWindow.hand_over_now): it works on every page.
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Folder:")))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(self.run_button)

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        state_box = QGroupBox(self.tr("State"))
        QVBoxLayout(state_box).addWidget(self.state_label)
        self.result = QListWidget()
        self.result.setAccessibleName(self.tr("Result of the last handover"))
        self.result.setWordWrap(True)
        result_box = QGroupBox(self.tr("Result of the last handover"))
        QVBoxLayout(result_box).addWidget(self.result)
        self.message = FieldMessage()
        self.auto_note = QLabel()
        self.auto_note.setWordWrap(True)
        self.auto_note.setAccessibleName(self.tr("Automatic handover"))
        self.auto_note.setStyleSheet("color: #2f6f73;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.auto_note)
        layout.addWidget(self.message)
        layout.addWidget(state_box)
        layout.addWidget(result_box, 1)
        self.lower = QTabWidget()
        self.lower.setDocumentMode(True)
        self.lower.addTab(self._conflicts_box(), self.tr("Conflicts"))
        if info.is_office:
            self.lower.addTab(self._devices_box(), self.tr("Devices"))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Handover history"))
        self.history.setWordWrap(True)
        self.lower.addTab(self.history, self.tr("History"))
        layout.addWidget(self.lower, 1)
        self.auto = self._automatic_handover()
        if not info.is_office:
            self.join_button = QPushButton(self.tr("&Join the office with an invitation file…"))
            self.join_button.clicked.connect(self.join)
            join_row = QHBoxLayout()
            join_row.addStretch(1)
            join_row.addWidget(self.join_button)
            layout.addLayout(join_row)

    # --- conflicts (gui/conflicts_view.py) -------------------------------------

    def _conflicts_box(self) -> QWidget:
        self.conflicts = ConflictsPanel(self.runner, self)
        self.conflicts.counts_changed.connect(
            lambda conflicts, notices: self.lower.setTabText(0, conflicts_tab_text(conflicts, notices)))
        # The list and its decision, as tests and older callers know them.
        self.conflicts_model = self.conflicts.model
        self.conflicts_table = self.conflicts.table
        self.resolve = self.conflicts.resolve
        return self.conflicts

    # --- devices (office) ---------------------------------------------------

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
        self.devices_table.setAccessibleName(self.tr("Devices"))
        self.devices_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.devices_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices_table.verticalHeader().hide()
        self.devices_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.devices_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 170, 90, 260)):
            self.devices_table.setColumnWidth(column, width)
        invite = QPushButton(self.tr("&Invite a laptop…"))
        invite.clicked.connect(self.invite)
        enroll = QPushButton(self.tr("&Enroll from a join request…"))
        enroll.clicked.connect(self.enroll)
        revoke = QPushButton(self.tr("&Revoke selected device…"))
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
                             self.tr("Invitation written: {file}. Take it to the laptop (e.g. on the "
                                     "USB stick) and open it there under Handover.").format(file=path.name),
                             good=True),
                         self._failed)

    def enroll(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the laptop's join request"),
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
            self.show_message(self.tr("Choose the handover folder first."))
            return
        handover_ops.enroll(request, counselor, folder, create).run(self.runner, self, self._enrolled,
                                                                   self._failed)

    def _enrolled(self, device: DeviceInfo) -> None:
        self.show_message(self.tr("{name} is enrolled. Its first handover file is in the folder; "
                                  "the laptop imports it with \"Hand over\".").format(name=device.name),
                          good=True)
        self.refresh()

    def revoke(self) -> None:
        device = self.devices_model.record(self.devices_table.currentIndex().row())
        if device is None:
            self.show_message(self.tr("Select a device first."))
            return
        answer = QMessageBox.question(
            self, self.tr("Revoke device"),
            self.tr("Revoke {name}? It can then no longer hand anything over; this cannot be undone.")
            .format(name=device.name))
        if answer == QMessageBox.StandardButton.Yes:
            handover_ops.revoke(device.device_id).run(self.runner, self, lambda _d: self.refresh(),
                                                      self._failed)

    # --- laptop: joining ---------------------------------------------------

    def join(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the office's invitation"),
                                                      self.settings.handover_folder)
        if not chosen:
            return
        invitation = Path(chosen)
        out = Path(self.settings.handover_folder) if self.settings.handover_folder else invitation.parent

        def done(result: tuple[Path, str, str]) -> None:
            _path, code, fingerprint = result
            QMessageBox.information(
                self, self.tr("Compare the code"),
                self.tr("The join request is in the handover folder. Compare this code with the "
                        "office's screen before it enrolls this laptop:\n\n{code}\n\nOffice key: "
                        "{fingerprint}").format(code=code, fingerprint=fingerprint))
            self.refresh()

        handover_ops.join(invitation, out).run(self.runner, self, done, self._failed)

    # --- automatic handover (see gui/auto_handover.py) -------------------------

    def _automatic_handover(self) -> AutoHandover:
        auto = AutoHandover(self.runner, lambda: self.settings.handover_folder,
                            sends_on_arrival=not self.info.is_office, ready=self._can_send, parent=self)
        auto.started.connect(self._auto_started)
        auto.finished.connect(self._auto_finished)
        self.set_auto_enabled(self.settings.auto_handover, auto)
        return auto

    def set_auto_enabled(self, enabled: bool, auto: AutoHandover | None = None) -> None:
        auto = auto or self.auto
        if enabled:
            auto.start()
            self.auto_note.setText(self.tr("Automatic handover is on: it starts by itself when the "
                                           "handover folder is reachable."))
        else:
            auto.stop()
            self.auto_note.setText(self.tr("Automatic handover is off (see Settings)."))

    def _can_send(self) -> bool:
        """As far as the page knows: enrolled and not revoked (unknown before the first state)."""
        report = self._state.report if self._state is not None else None
        return report is None or (report.enrolled and not report.revoked)

    def _auto_started(self) -> None:
        self.run_button.setEnabled(False)
        self.auto_note.setText(self.tr("The handover folder is reachable: handing over "
                                       "automatically…"))

    def _auto_finished(self, result: AutoResult) -> None:
        self.run_button.setEnabled(True)
        when = result.at.strftime("%H:%M")
        if result.not_ready:
            self.auto_note.setText(self.tr("The handover folder was reachable at {time}, but this "
                                           "laptop is not enrolled (or was revoked): nothing was "
                                           "handed over.").format(time=when))
            return
        if result.error is not None:
            note = self.tr("Automatic handover at {time} failed: {error} It is tried again when the "
                           "folder is next reachable.").format(time=when, error=error_text(result.error))
            self.result.clear()
            self.result.addItem(error_text(result.error))
        else:
            assert result.report is not None
            entry = entry_for(result.report, automatic=True)
            if entry.nothing_new:
                self.auto_note.setText(self.tr("Checked automatically at {time}: nothing new.")
                                       .format(time=when))
                return
            note = self.tr("Automatic handover at {time}: {what}.").format(
                time=when, what=summary_text(entry))
            self.result.clear()
            self.result.addItems(report_lines(result.report, self.names))
            self.handed_over.emit()
        self.auto_note.setText(note)
        self.auto_noted.emit(note)
        self.refresh()

    def _show_history(self, entries: list[HandoverEntry]) -> None:
        self.history.clear()
        self.history.addItems([history_line(entry) for entry in entries])

    # --- the handover --------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the handover folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.settings.handover_folder = chosen

    def run(self) -> None:
        if self.auto.running or not self.run_button.isEnabled():
            self.show_message(self.tr("A handover is running already."))
            return
        if not self.settings.handover_folder:
            self.choose_folder()
        if not self.settings.handover_folder:
            self.show_message(self.tr("Choose the handover folder first."))
            return
        # Not looked at here: a network share may take seconds to answer. The handover
        # on the worker says if the folder is not there.
        folder = Path(self.settings.handover_folder)
        self.message.show_text("")
        cancelled = threading.Event()
        progress = QProgressDialog(self.tr("Handing over…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Handover"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(cancelled.set)
        progress.canceled.connect(lambda: progress.setLabelText(
            self.tr("Stopping… files already taken in stay complete, the rest waits for next time.")))
        self.run_button.setEnabled(False)
        self.auto.set_blocked(True)

        def done(report: FolderReport | None) -> None:
            progress.reset()
            progress.deleteLater()
            self.run_button.setEnabled(True)
            self.auto.set_blocked(False, report)
            self.result.clear()
            if report is None:
                self.result.addItem(self.tr("The handover was cancelled before it started; nothing changed."))
            else:
                self.result.addItems(report_lines(report, self.names))
            self.handed_over.emit()
            self.refresh()

        def failed(error: BeratungsError) -> None:
            progress.reset()
            progress.deleteLater()
            self.run_button.setEnabled(True)
            self.auto.set_blocked(False)
            self.result.clear()
            self.result.addItem(error_text(error))
            self.refresh()  # the history holds the failure

        def progressed(done_files: int, total: int) -> None:
            if total and not cancelled.is_set():
                progress.setRange(0, total)
                progress.setValue(done_files)
                progress.setLabelText(self.tr("Handing over… {progress} files taken in.").format(
                    progress=count_of(done_files, total)))

        handover_ops.run_handover(folder, cancelled.is_set).run(self.runner, self, done, failed, progressed)

    def import_file(self, path: Path) -> None:
        """Take in one handover file given on the command line (``--open-bundle``)."""
        self.run_button.setEnabled(False)

        def done(report: FolderReport) -> None:
            self.run_button.setEnabled(True)
            self.result.clear()
            self.result.addItems([line for line in report_lines(report, self.names)
                                  if line != _t("Nothing new to send.")])
            self.refresh()

        def failed(error: BeratungsError) -> None:
            self.run_button.setEnabled(True)
            self.result.clear()
            self.result.addItem(error_text(error))

        handover_ops.import_bundle(path).run(self.runner, self, done, failed)

    # --- state -----------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.conflicts.labels = labels

    def refresh(self) -> None:
        def done(state: HandoverState) -> None:
            self._state = state
            # The office is named in words, never by its role's code ("office").
            self.names = {peer.device_id: peer.name or peer.counselor or (
                self.tr("the office") if peer.role == "office" else peer.device_id[:8])
                for peer in state.report.peers}
            self.state_label.setText(self._state_text(state))
            self.state_changed.emit(state)

        handover_ops.handover_state().run(self.runner, self, done, self._failed)
        self.conflicts.refresh()
        handover_ops.handover_history().run(self.runner, self, self._show_history, self._failed)
        if self.info.is_office:
            handover_ops.devices().run(self.runner, self, self.devices_model.set_records, self._failed)

    def _state_text(self, state: HandoverState) -> str:
        report = state.report
        lines = [status_line(state)]
        if not report.enrolled:
            lines.append(self._joining_text(report))
        if report.revoked:
            lines.append(self.tr("This laptop was revoked by the office; it can no longer hand over."))
        for peer in report.peers:
            lines.append(self.tr("{name}: {pending}, last confirmation {when}.").format(
                name=peer.name or peer.counselor or self.tr("Office"),
                pending=plural(_C, peer.pending_changes, "{count} change waiting",
                               "{count} changes waiting"),
                when=local_time(peer.receipt_at)))
            if peer.missing_bundles:
                lines.append(self.tr("  Missing files from {name}: {numbers}").format(
                    name=peer.name or self.tr("Office"), numbers=", ".join(map(str, peer.missing_bundles))))
        if any(alert["kind"] == "office_audit_altered" for alert in report.alerts):
            lines.append(self.tr("Warning: the office's audit log was cut or rewritten after a "
                                 "handover had confirmed it. Run \"Verify chain\" on the office's "
                                 "audit tab."))
        lines += self._refused_lines(report)
        if report.alerts:
            lines.append(plural(_C, len(report.alerts),
                                "{count} warning recorded (e.g. a device restored from a backup); "
                                "see the command line 'sync status'.",
                                "{count} warnings recorded (e.g. a device restored from a backup); "
                                "see the command line 'sync status'."))
        lines += [messages.clock_text(w["kind"], w["hours"], w["seq"],
                                      self.names.get(str(w["peer"]), str(w["peer"] or "")[:8]),
                                      translate=QCoreApplication.translate)
                  for w in report.clock]
        return "\n".join(lines)

    def _joining_text(self, report: StatusReport) -> str:
        """A laptop before its enrollment: join, or (request written) wait for the office."""
        if any(peer.role == "office" for peer in report.peers):
            self.join_button.setText(self.tr("&Write a new join request…"))
            return self.tr("Waiting for the office: the join request has been written. Give it to the "
                           "office (e.g. on the USB stick); once the office has enrolled this laptop, "
                           "press \"Hand over\" with the office's handover file in the folder. Lost the "
                           "request? Write a new one with the invitation.")
        self.join_button.setText(self.tr("&Join the office with an invitation file…"))
        return self.tr("This laptop is not enrolled yet: join the office with its invitation file.")

    def _refused_lines(self, report: StatusReport) -> list[str]:
        """Changes refused here (per sender), and ours refused by the other side (its receipt)."""
        lines = [plural(_C, item.count,
                        "Alert: {count} change from {name} was refused (not allowed or invalid); "
                        "see the command line 'sync quarantine'.",
                        "Alert: {count} changes from {name} were refused (not allowed or invalid); "
                        "see the command line 'sync quarantine'.").replace(
                            "{name}", item.name if item.name != "office" else self.tr("Office"))
                 for item in report.refused]
        for peer in report.peers:
            refused = ((peer.last_receipt or {}).get("refused") or {}).get("count", 0)
            if refused:
                lines.append(plural(_C, refused,
                                    "{name} refused {count} change from this store; the office can "
                                    "inspect it.",
                                    "{name} refused {count} changes from this store; the office can "
                                    "inspect them.").replace(
                                        "{name}", peer.name or peer.counselor or self.tr("Office")))
        return lines

    def show_message(self, text: str, good: bool = False) -> None:
        self.message.setStyleSheet("color: #2f6f73;" if good else "color: #a12622;")
        self.message.show_text(text)

    def _failed(self, error: BeratungsError) -> None:
        self.show_message(error_text(error))

    def clear(self) -> None:
        self.auto.stop(cancel_running=True)  # locking: nothing starts, a running one stops soon
        self._state = None
        self.auto_note.clear()
        self.history.clear()
        self.result.clear()
        self.state_label.clear()
        self.message.show_text("")
        self.conflicts.clear()
        if self.info.is_office:
            self.devices_model.set_records([])


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
        form.labelForField(field).setBuddy(self.new_name if self.creates else self.counselor)
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
