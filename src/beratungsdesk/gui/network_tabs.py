"""The tabs of the prevention and network page: a filtered list beside the selected
record's form (workshops, cooperation meetings, and partners with their meetings and
referrals below the form)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, icon
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.network_forms import RecordForm
from beratungsdesk.gui.ops import network as network_ops

if TYPE_CHECKING:
    from beratungsdesk.gui.network_view import NetworkView

_T = "NetworkView"
SEARCH_DELAY_MS = 200
HEADERS = {
    "Date": QT_TRANSLATE_NOOP("NetworkView", "Date"),
    "Type": QT_TRANSLATE_NOOP("NetworkView", "Type"),
    "Organisation": QT_TRANSLATE_NOOP("NetworkView", "Organisation"),
    "Town": QT_TRANSLATE_NOOP("NetworkView", "Town"),
    "Participants": QT_TRANSLATE_NOOP("NetworkView", "Participants"),
    "Status": QT_TRANSLATE_NOOP("NetworkView", "Status"),
    "Name": QT_TRANSLATE_NOOP("NetworkView", "Name"),
    "Kind": QT_TRANSLATE_NOOP("NetworkView", "Kind"),
    "Contact person": QT_TRANSLATE_NOOP("NetworkView", "Contact person"),
    "Partners": QT_TRANSLATE_NOOP("NetworkView", "Partners"),
    "Topic": QT_TRANSLATE_NOOP("NetworkView", "Topic"),
    "Direction": QT_TRANSLATE_NOOP("NetworkView", "Direction"),
    "Case": QT_TRANSLATE_NOOP("NetworkView", "Case"),
    "Reason": QT_TRANSLATE_NOOP("NetworkView", "Reason"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


class RecordTab(QWidget):
    """A filtered list and the form of its selected record (or of a new one)."""

    def __init__(self, view: NetworkView, form: RecordForm, table_model: RecordTableModel,
                 name: str, new_text: str) -> None:
        super().__init__()
        self.view = view
        self.form = form
        self.model = table_model
        self.search = QLineEdit()
        self.search.setPlaceholderText(_t("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(_t("Search"))
        self.search.setMinimumWidth(170)
        self.search.textChanged.connect(lambda _text: view.search_timer.start())
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 2)
        self.table = record_table(table_model, name)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _old: self._select(current.row()))
        self.count = QLabel()
        self.count.setStyleSheet("color: #4f5f5f;")
        self.new_button = QPushButton(icon("add"), new_text)
        self.new_button.clicked.connect(self.new_record)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        self.list_buttons = below
        below.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(below)

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.save_button = QPushButton(icon("save"), _t("&Save"))
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(icon("delete"), _t("Delete"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.state = QLabel()
        self.state.setStyleSheet("color: #4f5f5f;")
        form.changed.connect(self._update_state)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        self.right_layout = QVBoxLayout(inner)
        self.right_layout.addWidget(self.title)
        self.right_layout.addWidget(form)
        self.right_layout.addLayout(buttons)
        self.right_layout.addStretch(1)  # fields keep their height; space goes below
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The form never gets narrower than its fields (the splitter stops there).
        scroll.setMinimumWidth(inner.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        self.new_record()

    def add_filter(self, widget: QWidget, name: str) -> None:
        widget.setAccessibleName(name)
        widget.setToolTip(name)
        if isinstance(widget, QComboBox):
            widget.setMinimumContentsLength(8)  # room for the search field beside them
            widget.currentIndexChanged.connect(lambda _index: self.view.reload())
        self.filters.addWidget(widget, 1)

    # --- selection and form --------------------------------------------------

    def _select(self, row: int) -> None:
        record = self.model.record(row)
        if record is not None and (self.form.record is None or self.form.record.id != record.id):
            self.show_record(record)

    def show_record(self, record: model.Entity | None) -> None:
        previous = self.form.record
        if record is None or previous is None or previous.id != record.id:
            self.state.clear()  # "Saved" belongs to the record it was said of
        self.form.set_record(record)
        self.title.setText(self.record_title(record))
        self.delete_button.setEnabled(record is not None)
        self._update_state()

    def record_title(self, record: model.Entity | None) -> str:
        return ""

    def new_record(self) -> None:
        self.table.clearSelection()
        self.show_record(None)

    def _update_state(self) -> None:
        if self.form.is_dirty():
            self.state.setText(_t("Unsaved changes"))
        elif self.state.text() == _t("Unsaved changes"):
            self.state.clear()

    def save(self) -> None:
        self.form.clear_messages()
        self.state.setText("")

        def done(entity: model.Entity) -> None:
            self.show_record(entity)
            self.state.setText(_t("Saved"))
            self.view.reload()

        def failed(error: BeratungsError) -> None:
            self.form.show_errors(error)
            self.state.setText(_t("Please correct the marked fields; nothing was saved."))

        self.form.save_op().run(self.view.runner, self, done, failed)

    def ask_delete(self) -> None:
        record = self.form.record
        if record is None:
            return
        question = _t("Delete \"{title}\"? It disappears on every laptop with the next handover.")
        answer = QMessageBox.question(self, _t("Delete"), question.format(title=self.record_title(record)))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete()

    def delete(self) -> None:
        record = self.form.record
        if record is None:
            return
        entity_name, row_id = record.ENTITY, record.id

        def done(_result: object) -> None:
            self.new_record()
            self.view.reload()

        network_ops.delete_record(entity_name, row_id).run(self.view.runner, self, done,
                                                           self.form.show_errors)

    def set_records(self, records: list[Any]) -> None:
        """New list contents; the form keeps its record, refreshed unless it has unsaved input."""
        shown = self.form.record.id if self.form.record is not None else None
        self.table.selectionModel().blockSignals(True)
        self.model.set_records(records)
        self.table.selectionModel().blockSignals(False)
        self.count.setText(_t("Entries: {count}").format(count=len(records)))
        rows = [i for i, r in enumerate(records) if r.id == shown]
        if rows:
            self.table.selectRow(rows[0])
            if not self.form.is_dirty():
                self.show_record(records[rows[0]])
        elif self.form.record is not None and not self.form.is_dirty():
            self.new_record()  # the shown record was deleted or filtered out


def form_widgets(form: RecordForm) -> dict[str, QWidget]:
    """Field name -> widget of a form (both are listed in the order of its fields)."""
    return dict(zip(form.messages, form._widgets, strict=True))


class WorkshopTab(RecordTab):
    def record_title(self, record: model.Entity | None) -> str:
        if not isinstance(record, model.Workshop):
            return _t("New workshop")
        return _t("Workshop of {date}").format(date=german_date(str(record.date)))


class MeetingTab(RecordTab):
    def record_title(self, record: model.Entity | None) -> str:
        if not isinstance(record, model.Meeting):
            return _t("New cooperation meeting")
        return _t("Meeting of {date}").format(date=german_date(str(record.date)))


class PartnerTab(RecordTab):
    """A partner's form, and below it the partner's meetings and referrals."""

    def __init__(self, view: NetworkView, form: RecordForm, table_model: RecordTableModel,
                 name: str, new_text: str) -> None:
        labels = lambda: view.labels  # noqa: E731
        self.meetings_model = RecordTableModel(_T, [
            Column(HEADERS["Date"], lambda m: german_date(str(m.date)) if m.date else ""),
            Column(HEADERS["Topic"], lambda m: m.topic or ""),
        ], view)
        self.referrals_model = RecordTableModel(_T, [
            Column(HEADERS["Date"], lambda r: german_date(str(r.date)) if r.date else ""),
            Column(HEADERS["Direction"], lambda r: labels().label("referral_direction", r.direction)),
            Column(HEADERS["Case"], lambda r: view.case_numbers.get(r.case_id, "")),
            Column(HEADERS["Reason"], lambda r: r.reason or ""),
        ], view)
        super().__init__(view, form, table_model, name, new_text)
        self.meetings_table = record_table(self.meetings_model, _t("Meetings with this partner"))
        self.meetings_table.setColumnWidth(0, 90)
        self.referrals_table = record_table(self.referrals_model, _t("Referrals with this partner"))
        for column, width in enumerate((78, 140, 72)):
            self.referrals_table.setColumnWidth(column, width)
        for table in (self.meetings_table, self.referrals_table):
            table.setMinimumHeight(110)
        self.meetings_label = QLabel(_t("Meetings"))
        self.referrals_label = QLabel(_t("Referrals"))
        self.right_layout.takeAt(self.right_layout.count() - 1)  # the tables take the space
        for label, table in ((self.meetings_label, self.meetings_table),
                             (self.referrals_label, self.referrals_table)):
            self.right_layout.addWidget(label)
            self.right_layout.addWidget(table, 1)

    def show_record(self, record: model.Entity | None) -> None:
        super().show_record(record)
        if hasattr(self, "referrals_label"):  # not while the base class is being built
            self.load_links()

    def record_title(self, record: model.Entity | None) -> str:
        return record.name or "" if isinstance(record, model.Partner) else _t("New network partner")

    def load_links(self) -> None:
        record = self.form.record
        if record is None:
            self.clear_links()
            return
        partner_id = record.id

        def done(result: tuple[list[model.Meeting], list[model.Referral], dict[str, str]]) -> None:
            if self.form.record is None or self.form.record.id != partner_id:
                return
            meetings, referrals, numbers = result
            self.view.case_numbers.update(numbers)
            self.meetings_model.set_records(meetings)
            self.referrals_model.set_records(referrals)
            self.meetings_label.setText(_t("Meetings ({count})").format(count=len(meetings)))
            self.referrals_label.setText(_t("Referrals ({count})").format(count=len(referrals)))

        network_ops.partner_links(partner_id).run(self.view.runner, self, done, self.form.show_errors)

    def clear_links(self) -> None:
        self.meetings_model.set_records([])
        self.referrals_model.set_records([])
        self.meetings_label.setText(_t("Meetings"))
        self.referrals_label.setText(_t("Referrals"))
