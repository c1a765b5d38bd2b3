"""The complaint letter of a case: the proposed recipient, subject and text, all editable,
written as PDF on the organisation's letterhead (the same as ``report letter`` on the
command line), optionally noted as a done "complaint letter" intervention on the case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.filenames import fit_in_folder, safe_file_name
from beratungsdesk.gui.common import icon
from beratungsdesk.gui.consent_view import ConsentWarning
from beratungsdesk.gui.ops import reports as report_ops
from beratungsdesk.gui.widgets import DateField, FieldMessage, show_field_errors, with_message
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_reports import LetterDraft, LetterSaved


def suggested_file_name(case_number: str) -> str:
    """``Beschwerdebrief-2026-0042.pdf``: the case number only, never a name (file names are
    visible in folders, backups and mail attachments). A case number is typed by people
    (``2026/17``): the name is made safe like every name written from user data."""
    return safe_file_name(f"Beschwerdebrief-{case_number or 'Fall'}.pdf", composed=True)


class LetterDialog(QDialog):
    """Edit and save the complaint letter of one case; stays open for a corrected second try."""

    saved = Signal(object)  # LetterSaved

    def __init__(self, runner: Runner, case_id: str, draft: LetterDraft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.case_id = case_id
        self.case_number = draft.case_number
        self.last_saved: Path | None = None
        self.setWindowTitle(self.tr("Complaint letter for case {number}").format(number=draft.case_number))
        self.resize(720, 660)

        self.recipient = QPlainTextEdit(draft.recipient)
        self.recipient.setPlaceholderText(self.tr("Name and postal address of the recipient, "
                                                  "at most six lines"))
        self.recipient.setTabChangesFocus(True)
        self.recipient.setFixedHeight(6 * self.recipient.fontMetrics().lineSpacing() + 16)
        self.subject = QLineEdit(draft.subject)
        self.date = DateField()
        self.body = QPlainTextEdit(draft.body)
        self.body.setTabChangesFocus(True)
        self.record_intervention = QCheckBox(
            self.tr("After saving, record a done intervention \"Complaint letter\" on the case"))
        self.record_intervention.setChecked(True)

        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        for name, label, widget in (("recipient", self.tr("&Recipient:"), self.recipient),
                                    ("subject", self.tr("S&ubject:"), self.subject),
                                    ("date", self.tr("&Date of the letter:"), self.date),
                                    ("body", self.tr("&Text:"), self.body)):
            box, message = with_message(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.messages[name] = message
            form.addRow(label, box)
            label_widget = form.labelForField(box)
            if isinstance(label_widget, QLabel):  # addRow made it from the text
                label_widget.setBuddy(widget)
            # Only the letter's text takes the room a larger window gives.
            vertical = QSizePolicy.Policy.Expanding if widget is self.body else QSizePolicy.Policy.Fixed
            box.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        hint = QLabel(self.tr("The letterhead, sender address and signature come from the organisation "
                              "profile. A blank line starts a new paragraph; **bold** prints bold."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        self.message = FieldMessage()
        # The letter tells the respondent about the client; the editor passes the client's consents.
        self.consent_warning = ConsentWarning("third_parties")
        self.save_button = QPushButton(icon("save"), self.tr("Save &PDF…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save_clicked)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_intervention, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.consent_warning)
        layout.addLayout(form, 1)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def draft(self) -> LetterDraft:
        return LetterDraft(self.case_number, self.recipient.toPlainText().strip(),
                           self.subject.text().strip(), self.body.toPlainText().strip())

    def _save_clicked(self) -> None:
        self.save_pdf()  # `clicked` passes a flag that must not land in ``target``

    def save_pdf(self, target: Path | None = None) -> None:
        """Check the letter, ask where to save it (unless ``target`` is given), write it on the worker."""
        for message in (*self.messages.values(), self.message):
            message.show_text("")
        draft = self.draft()
        try:
            draft.check()  # before the file question: a missing recipient is fixed first
        except BeratungsError as error:
            self._failed(error)
            return
        if not self.date.is_valid():
            self.date.setFocus()  # the field says what is wrong with the typed date
            return
        if target is None:
            target = self._ask_target()
            if target is None:
                return
        on = self.date.value() or dt.date.today()
        case_id = self.case_id if self.record_intervention.isChecked() else None
        self.save_button.setEnabled(False)
        report_ops.save_letter(draft, target, on, case_id).run(self.runner, self, self._saved, self._failed)

    def _ask_target(self) -> Path | None:
        suggested = str(fit_in_folder(Path.home(), suggested_file_name(self.case_number)))
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the letter as"), suggested,
                                                      self.tr("PDF (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def _saved(self, result: LetterSaved) -> None:
        self.save_button.setEnabled(True)
        self.last_saved = result.path
        text = self.tr("Saved: {file}").format(file=result.path)
        if result.intervention_id:
            # Recorded once; a corrected letter saved again should not count twice.
            self.record_intervention.setChecked(False)
            text += "\n" + self.tr("The intervention \"Complaint letter\" was recorded on the case.")
        self.message.setStyleSheet("color: #2f6f73;")
        self.message.show_text(text)
        self.saved.emit(result)

    def _failed(self, error: BeratungsError) -> None:
        self.save_button.setEnabled(True)
        self.message.setStyleSheet("color: #a12622;")
        show_field_errors(error, self.messages, self.message)
