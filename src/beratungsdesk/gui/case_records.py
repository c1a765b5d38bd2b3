"""The case editor's record lists: interventions, append-only notes and documents.

Each tab lists what the case holds and saves an addition at once; the editor runs the
write and shows the case as stored (``CaseEditor.run_write``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.gui.case_contacts import Write
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.consent_view import ConsentWarning
from beratungsdesk.gui.erasure import confirm_erasure
from beratungsdesk.gui.models import (
    Column,
    RecordTableModel,
    german_date,
    invalid_text,
    record_table,
    size_text,
)
from beratungsdesk.gui.ops import cases as ops
from beratungsdesk.gui.widgets import CounselorCombo, DateField, FieldMessage, VocabCombo, with_message
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.protection import scope_needed_by_intervention
from beratungsdesk.services.session_cases import CaseUseCases
from beratungsdesk.services.session_office import Labels

# The editor's translation context: the texts were the editor's before the tabs moved out.
_T = "CaseEditor"
# Column headers (translated when shown; Qt's marker is typed as returning object).
_H = cast(dict[str, str], {
    "Type": QT_TRANSLATE_NOOP("CaseEditor", "Type"),
    "Date": QT_TRANSLATE_NOOP("CaseEditor", "Date"),
    "Status": QT_TRANSLATE_NOOP("CaseEditor", "Status"),
    "Result": QT_TRANSLATE_NOOP("CaseEditor", "Result"),
    "Written": QT_TRANSLATE_NOOP("CaseEditor", "Written"),
    "Author": QT_TRANSLATE_NOOP("CaseEditor", "Author"),
    "Note": QT_TRANSLATE_NOOP("CaseEditor", "Note"),
    "File": QT_TRANSLATE_NOOP("CaseEditor", "File"),
    "Size": QT_TRANSLATE_NOOP("CaseEditor", "Size"),
    "Added": QT_TRANSLATE_NOOP("CaseEditor", "Added"),
})


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def datetime_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return invalid_text(iso)


def _page(*parts: QWidget | QHBoxLayout, stretch: QWidget | None = None) -> QWidget:
    """A tab: the parts one below the other, ``stretch`` taking the room left."""
    page = QWidget()
    layout = QVBoxLayout(page)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1 if part is stretch else 0)
    return page


def _buttons(*items: QWidget | None) -> QHBoxLayout:
    """A row of buttons; None marks the stretch between the left and the right ones."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row


class InterventionsTab(QWidget):
    def __init__(self, labels: Callable[[], Labels], write: Write, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self.record: CaseRecord | None = None
        self.model = RecordTableModel(_T, [
            Column(_H["Type"], lambda i: labels().label_or("intervention", i.type, invalid_text)),
            Column(_H["Date"], lambda i: german_date(str(i.date)) if i.date else ""),
            Column(_H["Status"], lambda i: labels().label_or("intervention_status", i.status, invalid_text)),
            Column(_H["Result"], lambda i: labels().label_or("intervention_result", i.result, invalid_text)),
        ], self)
        self.table = record_table(self.model, _t("Interventions"))
        for column, width in enumerate((260, 100, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.type = VocabCombo("intervention", optional=False)
        self.date = DateField(optional=True)
        self.status = VocabCombo("intervention_status", optional=False)
        self.result = VocabCombo("intervention_result")
        # Letters, mediation, press, legal steps and referrals tell others about the client.
        self.warning = ConsentWarning("third_parties")
        self.type.currentIndexChanged.connect(self.type_changed)
        form = QFormLayout()
        self.messages: dict[str, FieldMessage] = {}
        for name, label, widget in (("type", _t("Type:"), self.type), ("date", _t("Date:"), self.date),
                                    ("status", _t("Status:"), self.status),
                                    ("result", _t("Result:"), self.result)):
            box, message = with_message(widget)
            widget.setAccessibleName(label.rstrip(":"))
            self.messages[name] = message
            form.addRow(label, box)
        self.add_button = QPushButton(icon("add"), _t("&Add intervention"))
        self.add_button.clicked.connect(self.add_intervention)
        self.update_button = QPushButton(_t("Save changes to the selected one"))
        self.update_button.clicked.connect(self.update_intervention)
        self.update_button.setEnabled(False)
        self.letter_button = QPushButton(icon("report"), _t("Co&mplaint letter…"))
        self.letter_button.setToolTip(_t("Write a complaint letter from this case as PDF"))
        box = QGroupBox(_t("Intervention"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.warning)
        inner.addLayout(_buttons(self.letter_button, None, self.update_button, self.add_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)

    def vocab_widgets(self) -> list[Any]:
        return [self.type, self.status, self.result]

    def show_record(self, record: CaseRecord) -> None:
        self.record = record
        self.model.set_records(record.interventions)

    def reset(self, _record: CaseRecord) -> None:
        for message in self.messages.values():
            message.show_text("")

    def type_changed(self) -> None:
        self.warning.set_needed(scope_needed_by_intervention(self.type.code()) == self.warning.scope)

    def _selected(self, current: Any, _previous: Any) -> None:
        intervention = self.model.record(current.row())
        self.update_button.setEnabled(intervention is not None)
        if intervention is not None:
            self.type.set_code(intervention.type)
            self.date.set_value(intervention.date)
            self.status.set_code(intervention.status)
            self.result.set_code(intervention.result)

    def _values(self) -> dict[str, Any]:
        return {"type": self.type.code(), "date": self.date.value(), "status": self.status.code(),
                "result": self.result.code()}

    def add_intervention(self) -> None:
        if self.record is None:
            return
        values = self._values()
        type_code = values.pop("type") or ""
        self._write(ops.add_intervention(self.record.case.id, type_code, values), self.messages,
                    self.messages["type"], lambda: None)

    def update_intervention(self) -> None:
        intervention = self.model.record(self.table.currentIndex().row())
        if intervention is None:
            return
        self._write(ops.update_record("intervention", intervention.id, self._values()), self.messages,
                    self.messages["type"], lambda: None)


class NotesTab(QWidget):
    """Notes are never changed: a correction is a new note that replaces the selected one."""

    def __init__(self, labels: Callable[[], Labels], write: Write, on_typing: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._labels = labels
        self.record: CaseRecord | None = None
        self._replaced: set[str] = set()
        self.model = RecordTableModel(_T, [
            Column(_H["Written"], lambda n: datetime_text(n.written_at)),
            Column(_H["Author"], lambda n: labels().counselor(n.author_id)),
            Column(_H["Note"], self._note_text),
        ], self)
        self.table = record_table(self.model, _t("Notes"))
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 150)
        self.table.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(_t("New note"))
        self.text.setPlaceholderText(_t("Write a new note. Notes cannot be changed later; "
                                        "a correction is a new note that replaces the old one."))
        self.text.setMaximumHeight(110)
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(on_typing)
        self.author = CounselorCombo(_t("(no author)"))
        self.author.setAccessibleName(_t("Author"))
        self.message = FieldMessage()
        self.add_button = QPushButton(icon("add"), _t("Add &note"))
        self.add_button.clicked.connect(lambda: self.add_note(replace=False))
        self.replace_button = QPushButton(_t("Replace selected note"))
        self.replace_button.clicked.connect(lambda: self.add_note(replace=True))
        buttons = _buttons(QLabel(_t("Author:")), self.author, None, self.replace_button, self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def vocab_widgets(self) -> list[Any]:
        return [self.author]

    def shown_count(self, record: CaseRecord) -> int:
        """The notes in force (a replaced one counts with the note replacing it)."""
        return len(record.notes) - len({note.supersedes for note in record.notes if note.supersedes})

    def show_record(self, record: CaseRecord) -> None:
        self.record = record
        self._replaced = {note.supersedes for note in record.notes if note.supersedes}
        self.model.set_records(sorted(record.notes, key=lambda n: n.written_at or "", reverse=True))
        self.table.resizeRowsToContents()  # a few dozen notes at most

    def reset(self, record: CaseRecord) -> None:
        self.text.clear()
        self.author.set_labels(self._labels(), record.case.counselor_id)
        self.message.show_text("")

    def _note_text(self, note: model.Note) -> str:
        text = note.text or ""
        if note.id in self._replaced:
            return _t("[replaced] {text}").format(text=text)
        return text

    def add_note(self, replace: bool) -> None:
        if self.record is None:
            return
        text = self.text.toPlainText().strip()
        if not text:
            self.message.show_text(_t("Please write the note first."))
            self.text.setFocus()
            return
        supersedes = None
        if replace:
            selected = self.model.record(self.table.currentIndex().row())
            if selected is None:
                self.message.show_text(_t("Select the note that the new one replaces."))
                return
            supersedes = selected.id
        self._write(ops.add_note(self.record.case.id, text, self.author.counselor_id(), supersedes),
                    {}, self.message, self.text.clear)


class DocumentsTab(QWidget):
    """Documents are stored encrypted; opening one writes a temporary copy."""

    def __init__(self, runner: Runner, write: Write, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._write = write
        self.record: CaseRecord | None = None
        self.model = RecordTableModel(_T, [
            Column(_H["File"], lambda a: a.file_name or ""),
            Column(_H["Type"], lambda a: a.media_type or ""),
            Column(_H["Size"], lambda a: size_text(a.size), align_right=True),
            Column(_H["Added"], lambda a: datetime_text(a.added_at)),
        ], self)
        self.table = record_table(self.model, _t("Documents"))
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 160)
        self.table.doubleClicked.connect(lambda _index: self.open_document())
        add = QPushButton(icon("attachment"), _t("A&dd document…"))
        add.clicked.connect(self.add_document)
        opening = QPushButton(icon("open"), _t("&Open"))
        opening.clicked.connect(self.open_document)
        saving = QPushButton(icon("download"), _t("Save a &copy…"))
        saving.clicked.connect(self.save_document)
        remove = QPushButton(icon("delete"), _t("Re&move…"))
        remove.setToolTip(_t("Erase the selected document here and, with the next handover, on every device"))
        remove.clicked.connect(self.remove_document)
        self.message = FieldMessage()
        self.warning = ConsentWarning("documents")
        hint = QLabel(_t("Documents are stored encrypted. Opening one writes a temporary copy "
                         "that is wiped when the case list is locked or the program ends."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        layout = QVBoxLayout(self)
        for part in (self.warning, self.table, self.message, hint):
            layout.addWidget(part, 1 if part is self.table else 0)
        layout.addLayout(_buttons(add, remove, None, opening, saving))

    def show_record(self, record: CaseRecord) -> None:
        self.record = record
        self.model.set_records(record.attachments)

    def reset(self, _record: CaseRecord) -> None:
        self.message.show_text("")

    def _failed(self, error: Any) -> None:
        self.message.show_text(error_text(error))

    def add_document(self) -> None:
        if self.record is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, _t("Add a document"))
        if chosen:
            self._write(ops.add_document(self.record.case.id, Path(chosen)), {}, self.message, lambda: None)

    def _selected_document(self) -> model.Attachment | None:
        document = self.model.record(self.table.currentIndex().row())
        if document is None:
            self.message.show_text(_t("Select a document first."))
        return document

    def open_document(self) -> None:
        document = self._selected_document()
        if document is None:
            return
        self.message.show_text("")

        def done(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.message.show_text(_t("No program is available to open this document."))

        self.runner.call(ops.open_document(document), done, self._failed, self)

    def save_document(self) -> None:
        document = self._selected_document()
        if document is None:
            return
        target, _filter = QFileDialog.getSaveFileName(self, _t("Save a copy"),
                                                      CaseUseCases.document_save_name(document))
        if target:
            self.runner.call(ops.save_document_copy(document, Path(target)),
                             lambda _r: self.message.show_text(_t("Copy saved.")), self._failed, self)

    def remove_document(self) -> None:
        """Erase a document (attached by mistake, or no longer needed) after a confirmation."""
        document = self._selected_document()
        if document is None or self.record is None:
            return
        question = _t("Remove the document \"{file}\" from this case?").format(file=document.file_name or "")
        detail = _t("This cannot be undone. The document is erased on this computer now and "
                    "on every other device with the next handover.")
        if confirm_erasure(self, _t("Remove document"), question, detail):
            self._write(ops.erase_document(document.id), {}, self.message,
                        lambda: self.message.show_text(_t("The document was erased.")))
