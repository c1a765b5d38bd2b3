"""Handover: one folder (USB stick, share, synced folder), one button, a plain-words result.

The office also manages devices here: invite a laptop, enroll it from its join
request after comparing the verification code in person, revoke it. A laptop
that is not enrolled yet answers the office's invitation here.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.auto_handover import AutoHandover, AutoResult
from beratungsdesk.gui.common import AppSettings, error_text, icon
from beratungsdesk.gui.conflicts_view import ConflictsPanel
from beratungsdesk.gui.conflicts_view import tab_text as conflicts_tab_text
from beratungsdesk.gui.handover_devices import DevicesMixin, EnrollDialog
from beratungsdesk.gui.handover_texts import history_line, local_time, report_lines, status_line, summary_text
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.gui.progress import count_of
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import messages
from beratungsdesk.services.handover_log import HandoverEntry
from beratungsdesk.services.session import StoreInfo
from beratungsdesk.services.session_handover import (
    HandoverReport,
    HandoverState,
    StatusReport,
)
from beratungsdesk.services.session_office import Labels

_C = "HandoverView"
__all__ = ["EnrollDialog", "HandoverReport", "HandoverView", "report_lines", "status_line"]
def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


class HandoverView(DevicesMixin, QWidget):
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
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self._conflicts_box(), self.tr("Conflicts"))
        if info.is_office:
            self.lower_tabs.addTab(self._devices_box(), self.tr("Devices"))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Handover history"))
        self.history.setWordWrap(True)
        self.lower_tabs.addTab(self.history, self.tr("History"))
        layout.addWidget(self.lower_tabs, 1)
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
            lambda conflicts, notices: self.lower_tabs.setTabText(0, conflicts_tab_text(conflicts, notices)))
        # The list and its decision, as tests and older callers know them.
        self.conflicts_model = self.conflicts.model
        self.conflicts_table = self.conflicts.table
        self.resolve = self.conflicts.resolve
        return self.conflicts

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
            entry = result.report.entry  # made for an automatic handover
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

        def done(report: HandoverReport | None) -> None:
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
            # The numbers go into the text only: setValue() on a modal progress dialog runs a
            # nested event loop, where this handover's own answer could close the dialog.
            if total and not cancelled.is_set():
                progress.setLabelText(self.tr("Handing over… {progress} files taken in.").format(
                    progress=count_of(done_files, total)))

        handover_ops.run_handover(folder, cancelled.is_set).run(self.runner, self, done, failed, progressed)

    def import_file(self, path: Path) -> None:
        """Take in one handover file given on the command line (``--open-bundle``)."""
        self.run_button.setEnabled(False)

        def done(report: HandoverReport) -> None:
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
                pending=self.tr("%n changes waiting", "", peer.pending_changes),
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
            lines.append(self.tr("%n warnings recorded (e.g. a device restored from a backup); see the "
                                 "command line 'sync status'.", "", len(report.alerts)))
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
        lines = [self.tr("Alert: %n changes from {name} were refused (not allowed or invalid); see the "
                         "command line 'sync quarantine'.", "", item.count).replace(
                            "{name}", item.name if item.name != "office" else self.tr("Office"))
                 for item in report.refused]
        for peer in report.peers:
            refused = ((peer.last_receipt or {}).get("refused") or {}).get("count", 0)
            if refused:
                lines.append(self.tr("{name} refused %n changes from this store; the office can inspect "
                                     "them.", "", refused).replace(
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
