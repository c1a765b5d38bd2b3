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

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.drafts import restore_values, values_of, widget_value
from beratungsdesk.gui.models import Column, RecordTableModel, german_date
from beratungsdesk.gui.network_forms import MeetingForm, PartnerForm, WorkshopForm
from beratungsdesk.gui.network_tabs import (
    HEADERS,
    SEARCH_DELAY_MS,
    MeetingTab,
    PartnerTab,
    RecordTab,
    WorkshopTab,
    form_widgets,
)
from beratungsdesk.gui.ops import barrier
from beratungsdesk.gui.ops import network as network_ops
from beratungsdesk.gui.ops.network import NetworkData
from beratungsdesk.gui.refresh import Notice, is_echo, touches_any
from beratungsdesk.gui.table_import_dialog import TableImportDialog
from beratungsdesk.gui.widgets import FieldMessage, StagedBuild, VocabCombo
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.network import NetworkFilter
from beratungsdesk.services.session_network import ListImportReport
from beratungsdesk.services.session_office import Labels

_T = "NetworkView"
NETWORK_ENTITIES = frozenset({"workshop", "partner", "meeting", "referral"})
def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)



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
        self._steps: list[Callable[[], object]] = [self._add_workshops, self._add_partners,
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
            Column(HEADERS["Date"], lambda w: german_date(str(w.date)) if w.date else ""),
            Column(HEADERS["Type"], lambda w: labels().label("workshop_type", w.type)),
            Column(HEADERS["Organisation"], lambda w: w.organisation or ""),
            Column(HEADERS["Town"], lambda w: labels().label("town", w.town)),
            Column(HEADERS["Participants"], lambda w: "" if w.participants is None else str(w.participants),
                   align_right=True),
            Column(HEADERS["Status"], lambda w: labels().label("workshop_status", w.status)),
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
        self.import_workshops_button = QPushButton(icon("open"), _t("&Import table…"))
        self.import_workshops_button.setToolTip(_t(
            "Columns: Datum, Art, Organisation, Zielgruppe, Ort, Teilnehmende, Stunden, Status"))
        self.import_workshops_button.clicked.connect(lambda: self.choose_import("workshops"))
        tab.list_buttons.insertWidget(1, self.import_workshops_button)
        return tab

    def _partner_tab(self) -> RecordTab:
        labels = lambda: self.labels  # noqa: E731
        table_model = RecordTableModel(_T, [
            Column(HEADERS["Name"], lambda p: p.name or ""),
            Column(HEADERS["Kind"], lambda p: labels().label("partner_kind", p.kind)),
            Column(HEADERS["Town"], lambda p: labels().label("town", p.town)),
            Column(HEADERS["Contact person"], lambda p: p.contact_person or ""),
        ], self)
        tab = PartnerTab(self, PartnerForm(), table_model, _t("Network partners"),
                         _t("&New partner"))
        self.partner_kind = VocabCombo("partner_kind", empty_text=_t("All kinds"))
        self.partner_town = VocabCombo("town", empty_text=_t("All towns"))
        tab.add_filter(self.partner_kind, _t("Kind"))
        tab.add_filter(self.partner_town, _t("Town"))
        for column, width in enumerate((220, 170, 100)):
            tab.table.setColumnWidth(column, width)
        self.import_partners_button = QPushButton(icon("open"), _t("I&mport table…"))
        self.import_partners_button.setToolTip(_t("Columns: Name, Art, Ort, Ansprechperson, Kontakt"))
        self.import_partners_button.clicked.connect(lambda: self.choose_import("partners"))
        tab.list_buttons.insertWidget(1, self.import_partners_button)
        return tab

    def _meeting_tab(self) -> RecordTab:
        table_model = RecordTableModel(_T, [
            Column(HEADERS["Date"], lambda m: german_date(str(m.date)) if m.date else ""),
            Column(HEADERS["Topic"], lambda m: m.topic or ""),
            Column(HEADERS["Partners"], self.partner_list),
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

    def choose_import(self, kind: str) -> TableImportDialog:
        """The table import dialog (CSV, .xlsx, .ods) with a preview before anything is written."""
        dialog = TableImportDialog(self.runner, kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self.reload())
        dialog.open()
        dialog.choose_file()
        return dialog

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
            widgets = form_widgets(tab.form)
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
                restore_values(form_widgets(tab.form), form_state.get("values") or {})
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
