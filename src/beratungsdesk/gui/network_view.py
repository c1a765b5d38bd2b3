"""Prevention and network work: workshops, network partners and cooperation meetings.

One page with three tabs. Each tab shows a filtered list on the left (filters
and search narrow it as you type; the lists are small, so they are read whole
on the worker) and the selected record's form on the right. A partner shows its
meetings and referrals below its form. Workshop and partner lists can be
imported from CSV files, all or nothing, with line-numbered errors.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.drafts import restore_values, values_of, widget_value
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.network_forms import MeetingForm, PartnerForm, RecordForm, WorkshopForm
from beratungsdesk.gui.ops import barrier
from beratungsdesk.gui.ops import network as network_ops
from beratungsdesk.gui.ops.network import NetworkData
from beratungsdesk.gui.refresh import Notice, is_echo, touches_any
from beratungsdesk.gui.widgets import FieldMessage, StagedBuild, VocabCombo
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.network import NetworkFilter
from beratungsdesk.services.session_network import ListImportReport
from beratungsdesk.services.session_office import Labels

_T = "NetworkView"
NETWORK_ENTITIES = frozenset({"workshop", "partner", "meeting", "referral"})
SEARCH_DELAY_MS = 200
_H = {
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


class NetworkView(StagedBuild, QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None, staged: bool = False) -> None:
        """``staged``: build the tabs later, one per :meth:`build_step` (idle time)."""
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.partner_names: dict[str, str] = {}
        self.case_numbers: dict[str, str] = {}
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.reload)
        heading = QLabel(_t("Prevention & network"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.message = FieldMessage()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: #2f6f73;")
        self.info.hide()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The three tabs together held the GUI thread ~50 ms (100 ms under load) when the
        # main window built this page in idle time; one tab per step keeps each turn short.
        self._steps: list[Callable[[], None]] = [self._add_workshops, self._add_partners,
                                                 self._add_meetings]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        if not staged:
            self.finish_building()


    def _add_workshops(self) -> None:
        self.workshops = self._workshop_tab()
        self.tabs.addTab(self.workshops, _t("Workshops"))

    def _add_partners(self) -> None:
        self.partners = self._partner_tab()
        self.tabs.addTab(self.partners, _t("Network partners"))

    def _add_meetings(self) -> None:
        self.meetings = self._meeting_tab()
        self.tabs.addTab(self.meetings, _t("Cooperation meetings"))

    # --- tabs ---------------------------------------------------------------

    def _year_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_t("All years"), None)
        return combo

    def _workshop_tab(self) -> RecordTab:
        labels = lambda: self.labels  # noqa: E731 - labels change after construction
        table_model = RecordTableModel(_T, [
            Column(_H["Date"], lambda w: german_date(str(w.date)) if w.date else ""),
            Column(_H["Type"], lambda w: labels().label("workshop_type", w.type)),
            Column(_H["Organisation"], lambda w: w.organisation or ""),
            Column(_H["Town"], lambda w: labels().label("town", w.town)),
            Column(_H["Participants"], lambda w: "" if w.participants is None else str(w.participants),
                   align_right=True),
            Column(_H["Status"], lambda w: labels().label("workshop_status", w.status)),
        ], self)
        tab = WorkshopTab(self, WorkshopForm(), table_model, _t("Workshops"), _t("&New workshop"))
        self.workshop_year = self._year_combo()
        self.workshop_type = VocabCombo("workshop_type", empty_text=_t("All types"))
        self.workshop_status = VocabCombo("workshop_status", empty_text=_t("Any status"))
        self.workshop_town = VocabCombo("town", empty_text=_t("All towns"))
        for widget, name in ((self.workshop_year, _t("Year")),
                             (self.workshop_type, _t("Type")),
                             (self.workshop_status, _t("Status")),
                             (self.workshop_town, _t("Town"))):
            tab.add_filter(widget, name)
        for column, width in enumerate((82, 135, 150, 95, 100)):
            tab.table.setColumnWidth(column, width)
        self.import_workshops_button = QPushButton(icon("open"), _t("&Import CSV…"))
        self.import_workshops_button.setToolTip(_t(
            "Columns: Datum, Art, Organisation, Zielgruppe, Ort, Teilnehmende, Stunden, Status"))
        self.import_workshops_button.clicked.connect(lambda: self.choose_import("workshops"))
        tab.list_buttons.insertWidget(1, self.import_workshops_button)
        return tab

    def _partner_tab(self) -> RecordTab:
        labels = lambda: self.labels  # noqa: E731
        table_model = RecordTableModel(_T, [
            Column(_H["Name"], lambda p: p.name or ""),
            Column(_H["Kind"], lambda p: labels().label("partner_kind", p.kind)),
            Column(_H["Town"], lambda p: labels().label("town", p.town)),
            Column(_H["Contact person"], lambda p: p.contact_person or ""),
        ], self)
        tab = PartnerTab(self, PartnerForm(), table_model, _t("Network partners"),
                         _t("&New partner"))
        self.partner_kind = VocabCombo("partner_kind", empty_text=_t("All kinds"))
        self.partner_town = VocabCombo("town", empty_text=_t("All towns"))
        tab.add_filter(self.partner_kind, _t("Kind"))
        tab.add_filter(self.partner_town, _t("Town"))
        for column, width in enumerate((220, 170, 100)):
            tab.table.setColumnWidth(column, width)
        self.import_partners_button = QPushButton(icon("open"), _t("I&mport CSV…"))
        self.import_partners_button.setToolTip(_t("Columns: Name, Art, Ort, Ansprechperson, Kontakt"))
        self.import_partners_button.clicked.connect(lambda: self.choose_import("partners"))
        tab.list_buttons.insertWidget(1, self.import_partners_button)
        return tab

    def _meeting_tab(self) -> RecordTab:
        table_model = RecordTableModel(_T, [
            Column(_H["Date"], lambda m: german_date(str(m.date)) if m.date else ""),
            Column(_H["Topic"], lambda m: m.topic or ""),
            Column(_H["Partners"], self.partner_list),
        ], self)
        tab = MeetingTab(self, MeetingForm(), table_model, _t("Cooperation meetings"),
                         _t("&New meeting"))
        self.meeting_year = self._year_combo()
        tab.add_filter(self.meeting_year, _t("Year"))
        tab.table.setColumnWidth(0, 90)
        tab.table.setColumnWidth(1, 260)
        return tab

    def partner_list(self, meeting: model.Meeting) -> str:
        return ", ".join(self.partner_names.get(p, "?") for p in meeting.partner_ids)

    # --- data ---------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        for tab in (self.workshops, self.partners, self.meetings):
            tab.form.set_labels(labels)
        for combo in (self.workshop_type, self.workshop_status, self.workshop_town, self.partner_kind,
                      self.partner_town):
            combo.blockSignals(True)
            combo.set_labels(labels)
            combo.blockSignals(False)
        self.reload()

    def filters(self) -> tuple[NetworkFilter, NetworkFilter, NetworkFilter]:
        def text(tab: RecordTab) -> str | None:
            return tab.search.text().strip() or None

        workshops = NetworkFilter(year=self.workshop_year.currentData(), kind=self.workshop_type.code(),
                                  status=self.workshop_status.code(), town=self.workshop_town.code(),
                                  text=text(self.workshops))
        partners = NetworkFilter(kind=self.partner_kind.code(), town=self.partner_town.code(),
                                 text=text(self.partners))
        meetings = NetworkFilter(year=self.meeting_year.currentData(), text=text(self.meetings))
        return workshops, partners, meetings

    def reload(self) -> None:
        """Read all three lists with the current filters (older answers are dropped)."""
        self.search_timer.stop()
        workshop_filter, partner_filter, meeting_filter = self.filters()

        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation

        def done(data: NetworkData) -> None:
            if generation == self._generation:
                self._show(data)

        network_ops.network_lists(workshop_filter, partner_filter, meeting_filter).run(
            self.runner, self, done, lambda e: self.message.show_text(error_text(e)))

    def _show(self, data: NetworkData) -> None:
        self.partner_names = {p.id: p.name or "" for p in data.all_partners}
        for combo in (self.workshop_year, self.meeting_year):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for year in data.years:
                combo.addItem(str(year), year)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)
        self.meetings.form.partners.set_partners(  # type: ignore[attr-defined]
            [(p.id, p.name or "") for p in data.all_partners])
        if self.meetings.form.record is not None:
            self.meetings.form.partners.set_partner_ids(  # type: ignore[attr-defined]
                self.meetings.form.record.partner_ids)  # type: ignore[attr-defined]
        self.workshops.set_records(data.workshops)
        self.partners.set_records(data.partners)
        self.meetings.set_records(data.meetings)
        self.message.show_text("")

    def refresh(self) -> None:
        self.reload()

    def on_changed(self, changes: Notice) -> None:
        if not touches_any(changes, NETWORK_ENTITIES):
            return
        if not is_echo(changes, self):  # its own saves and deletions reload when answered
            self.reload()
        self.partners.load_links()  # type: ignore[attr-defined]

    # --- import -------------------------------------------------------------

    def choose_import(self, kind: str) -> None:
        title = _t("Import workshops") if kind == "workshops" else _t("Import network partners")
        path, _filter = QFileDialog.getOpenFileName(self, title, "", _t("CSV files (*.csv *.txt)"))
        if path:
            self.import_file(kind, Path(path))

    def import_file(self, kind: str, path: Path) -> None:
        """Import a CSV list on the worker: every row or none; problems with their line."""
        self.message.show_text("")
        self.info.hide()

        def done(report: ListImportReport) -> None:
            self.info.setText(_t("{file}: {added} added, {present} already present.").format(
                file=path.name, added=report.added, present=report.already_present))
            self.info.show()
            self.reload()

        def failed(error: BeratungsError) -> None:
            self.message.show_text(_t("Nothing was imported from {file}:").format(file=path.name)
                                   + "\n" + error_text(error))

        network_ops.import_list(kind, path).run(self.runner, self, done, failed)

    def is_dirty(self) -> bool:
        return any(tab.form.is_dirty() for tab in (self.workshops, self.partners, self.meetings))

    # --- drafts: unsaved input kept while the program is locked (gui/drafts.py) ----

    def _draft_tabs(self) -> dict[str, RecordTab]:
        return {"workshops": self.workshops, "partners": self.partners, "meetings": self.meetings}

    def draft_state(self) -> dict[str, Any] | None:
        """Each form with unsaved input (a record being changed, or a new one being typed), or None."""
        forms = {}
        for name, tab in self._draft_tabs().items():
            widgets = _form_widgets(tab.form)
            typed_new = tab.form.record is None and any(
                isinstance(widget, QLineEdit | QPlainTextEdit) and widget_value(widget).strip()
                for widget in widgets.values())
            if typed_new or tab.form.is_dirty():
                forms[name] = {"record_id": tab.form.record.id if tab.form.record is not None else None,
                               "values": values_of(widgets)}
        return {"forms": forms, "tab": self.tabs.currentIndex()} if forms else None

    def restore_draft(self, state: dict[str, Any]) -> bool:
        """Put the forms back once the lists are loaded (the changed record must be shown first)."""
        def put_back(_result: object) -> None:
            for name, form_state in (state.get("forms") or {}).items():
                tab = self._draft_tabs().get(name)
                if tab is None:
                    continue
                record_id = form_state.get("record_id")
                record = next((r for r in tab.model.records() if r.id == record_id), None)
                if record_id and record is None:
                    continue  # deleted or filtered away meanwhile: nothing to change any more
                tab.show_record(record)
                restore_values(_form_widgets(tab.form), form_state.get("values") or {})
                tab._update_state()
            if isinstance(state.get("tab"), int):
                self.tabs.setCurrentIndex(state["tab"])

        self.reload()
        barrier().run(self.runner, self, put_back)  # answered after the reload
        return True

    def discard_draft(self) -> None:
        for tab in self._draft_tabs().values():
            tab.show_record(tab.form.record)  # the stored values again (or an empty new form)

    def clear(self) -> None:
        """Remove every record from the widgets (locking)."""
        self.partner_names = {}
        for tab in (self.workshops, self.partners, self.meetings):
            tab.model.set_records([])
            tab.search.clear()
            tab.new_record()
            tab.count.clear()
        self.partners.clear_links()  # type: ignore[attr-defined]
        self.message.show_text("")
        self.info.hide()
        self.search_timer.stop()  # clearing the search fields must not read again


def _form_widgets(form: RecordForm) -> dict[str, QWidget]:
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
            Column(_H["Date"], lambda m: german_date(str(m.date)) if m.date else ""),
            Column(_H["Topic"], lambda m: m.topic or ""),
        ], view)
        self.referrals_model = RecordTableModel(_T, [
            Column(_H["Date"], lambda r: german_date(str(r.date)) if r.date else ""),
            Column(_H["Direction"], lambda r: labels().label("referral_direction", r.direction)),
            Column(_H["Case"], lambda r: view.case_numbers.get(r.case_id, "")),
            Column(_H["Reason"], lambda r: r.reason or ""),
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
