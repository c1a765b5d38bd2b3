"""The office's audit log tab: who opened, changed, exported or erased which record, and
when (ids and actions only, never content), with a check of the hash chains.

The table model pages through the log on the worker (newest first, 200 entries
a time, more as the view scrolls down: Qt's ``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, translated
from beratungsdesk.gui.models import record_table
from beratungsdesk.gui.ops import protection as protection_ops
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_office import Labels
from beratungsdesk.services.session_protection import THIS_DEVICE, AuditPage, ChainCheck

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_T = "AuditView"
COLUMNS = (
    QT_TRANSLATE_NOOP("AuditView", "Time"),
    QT_TRANSLATE_NOOP("AuditView", "Device"),
    QT_TRANSLATE_NOOP("AuditView", "Counselor"),
    QT_TRANSLATE_NOOP("AuditView", "Action"),
    QT_TRANSLATE_NOOP("AuditView", "Record kind"),
    QT_TRANSLATE_NOOP("AuditView", "Record id"),
    QT_TRANSLATE_NOOP("AuditView", "Detail"),
)
ID_COLUMN = 5
#: A very long device or counselor name is cut here rather than pushing the rest away.
MAX_COLUMN_WIDTH = 280
COLUMN_PADDING = 12  # air between the columns' texts
ACTIONS = {
    "create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "change": QT_TRANSLATE_NOOP("AuditView", "changed"),
    "delete": QT_TRANSLATE_NOOP("AuditView", "deleted"),
    "erase": QT_TRANSLATE_NOOP("AuditView", "erased"),
    "export": QT_TRANSLATE_NOOP("AuditView", "exported"),
    "open": QT_TRANSLATE_NOOP("AuditView", "opened"),
}
ENTITIES = {
    "case": QT_TRANSLATE_NOOP("AuditView", "case"),
    "client": QT_TRANSLATE_NOOP("AuditView", "client"),
    "contact": QT_TRANSLATE_NOOP("AuditView", "contact"),
    "intervention": QT_TRANSLATE_NOOP("AuditView", "intervention"),
    "note": QT_TRANSLATE_NOOP("AuditView", "note"),
    "attachment": QT_TRANSLATE_NOOP("AuditView", "document"),
    "referral": QT_TRANSLATE_NOOP("AuditView", "referral"),
    "consent": QT_TRANSLATE_NOOP("AuditView", "consent"),
    "partner": QT_TRANSLATE_NOOP("AuditView", "network partner"),
    "workshop": QT_TRANSLATE_NOOP("AuditView", "workshop"),
    "meeting": QT_TRANSLATE_NOOP("AuditView", "meeting"),
    "counselor": QT_TRANSLATE_NOOP("AuditView", "counselor"),
    "term": QT_TRANSLATE_NOOP("AuditView", "list entry"),
    "setting": QT_TRANSLATE_NOOP("AuditView", "setting"),
    "followup": QT_TRANSLATE_NOOP("AuditView", "follow-up"),
    "appointment": QT_TRANSLATE_NOOP("AuditView", "appointment"),
    "office_hour": QT_TRANSLATE_NOOP("AuditView", "office hour"),
}
PROBLEMS = {
    "hash": QT_TRANSLATE_NOOP("AuditView", "the entry was altered"),
    "link": QT_TRANSLATE_NOOP("AuditView", "the link to the entry before it is broken"),
    "gap": QT_TRANSLATE_NOOP("AuditView", "the entry is missing"),
    "deleted": QT_TRANSLATE_NOOP("AuditView", "the entry was marked deleted"),
    "cut": QT_TRANSLATE_NOOP("AuditView", "the chain was cut: this entry, confirmed at a handover, is gone"),
    "anchor": QT_TRANSLATE_NOOP("AuditView", "the chain was rewritten: this entry differs from the one "
                                "confirmed at a handover"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _known(table: dict[str, str], code: str | None) -> str:
    return translated(_T, table[code]) if code in table else (code or "")


def local_time(iso: str | None) -> str:
    """``2026-11-26T23:05:00+00:00`` in local time as ``27.11.2026 00:05:00``."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d.%m.%Y %H:%M:%S")


def device_text(devices: dict[str, str], device_id: str | None) -> str:
    name = devices.get(device_id or "", (device_id or "")[:8])
    return _t("this office") if name == THIS_DEVICE else name


class AuditTableModel(QAbstractTableModel):
    """Audit entries matching a filter, newest first, fetched page by page."""

    loaded = Signal(int)  # entries matching the filter, after each reload
    load_failed = Signal(object)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._entries: list[model.AuditEntry] = []
        self._total = 0
        self._fetching = False
        self._generation = 0
        self.devices: dict[str, str] = {}
        self.labels = Labels("de")
        self.action: str | None = None
        self.entity: str | None = None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return translated(_T, COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ID_COLUMN:
            return entry.row_id or ""
        return self._texts(entry)[index.column()]

    def _texts(self, entry: model.AuditEntry) -> tuple[str, ...]:
        counselor = self.labels.counselor(entry.actor) or (entry.actor or "")
        return (local_time(entry.at), device_text(self.devices, entry.device_id), counselor,
                # The id's start is enough to tell records apart; the tooltip shows all of it.
                _known(ACTIONS, entry.action), _known(ENTITIES, entry.entity), (entry.row_id or "")[:8],
                entry.detail or "")

    def entry(self, row: int) -> model.AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    @property
    def total(self) -> int:
        return self._total

    # --- loading ------------------------------------------------------------

    def set_filter(self, action: str | None, entity: str | None) -> None:
        self.action, self.entity = action, entity
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, action, entity = self._generation, self.action, self.entity

        def done(page: AuditPage) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._entries, self._total, self.devices = list(page.entries), page.total, page.devices
            self._fetching = False
            self.endResetModel()
            self.loaded.emit(self._total)

        protection_ops.audit_page(action, entity).run(self._runner, self, done, self.load_failed.emit)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:
        return not parent.isValid() and not self._fetching and len(self._entries) < self._total

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:
        if not self.canFetchMore(parent) or not self._entries:
            return
        self._fetching = True
        last = self._entries[-1]
        after = (last.at or "", last.device_id or "", int(last.n or 0))
        generation, action, entity = self._generation, self.action, self.entity

        def done(page: AuditPage) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            if not page.entries:
                self._total = len(self._entries)  # the log shrank meanwhile (erasure elsewhere)
                return
            first = len(self._entries)
            self.beginInsertRows(_ROOT, first, first + len(page.entries) - 1)
            self._entries += page.entries
            self.endInsertRows()

        protection_ops.audit_page(action, entity, after).run(self._runner, self, done,
                                                             self.load_failed.emit)

    def clear(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._entries, self._total, self._fetching, self.devices = [], 0, False, {}
        self.endResetModel()


def chain_text(check: ChainCheck) -> str:
    """The result of the chain check in plain words, naming where a chain broke."""
    if not check.problems:
        return QCoreApplication.translate(
            "AuditView", "The audit log is intact: %n entries checked; none was altered, removed or "
                         "inserted.", None, check.checked)
    lines = [_t("The audit log was changed outside the program: {problems}; {entries} checked.").format(
        problems=QCoreApplication.translate("AuditView", "%n problems", None, len(check.problems)),
        entries=QCoreApplication.translate("AuditView", "%n entries", None, check.checked))]
    for problem in check.problems[:10]:
        device = _t("this office") if problem.device == THIS_DEVICE else problem.device
        lines.append(_t("Device {device}, entry no. {n}: {problem}.").format(
            device=device, n=problem.n, problem=_known(PROBLEMS, problem.problem)))
    if len(check.problems) > 10:
        lines.append(_t("… and {count} more.").format(count=len(check.problems) - 10))
    return "\n".join(lines)


class AuditView(QWidget):
    """The tab: filters, the paged table, and the chain check."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = AuditTableModel(runner, self)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda e: self._say(error_text(e), ok=False))
        self.table: QTableView = record_table(self.model, _t("Audit log"))  # type: ignore[arg-type]
        self.table.setWordWrap(False)
        # Columns take the width of what they show (German labels are longer than English
        # ones): fitted to each loaded page, so the detail column stays in view.
        self.model.rowsInserted.connect(lambda *_args: self.fit_columns())
        self.action = QComboBox()
        self.action.setAccessibleName(_t("Action"))
        self.entity = QComboBox()
        self.entity.setAccessibleName(_t("Record kind"))
        for combo in (self.action, self.entity):
            combo.addItem(_t("(all)"), None)
            combo.currentIndexChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.verify_button = QPushButton(_t("&Verify chain"))
        self.verify_button.setToolTip(_t("Recompute every device's hash chain to find silent edits"))
        self.verify_button.clicked.connect(self.verify)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel(_t("Action:")))
        top.addWidget(self.action)
        top.addWidget(QLabel(_t("Record kind:")))
        top.addWidget(self.entity)
        top.addWidget(self.count, 1)
        top.addWidget(self.verify_button)
        hint = QLabel(_t("Each device keeps its entries in a hash chain: an entry altered, removed "
                         "or inserted afterwards breaks it. The log holds ids and actions, no content."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addWidget(hint)

    def set_labels(self, labels: Labels) -> None:
        self.model.labels = labels

    def showEvent(self, event: QShowEvent) -> None:
        # Entries are added by every write; while hidden the tab is not kept current.
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        protection_ops.audit_kinds().run(self.runner, self, self._show_kinds,
                                         lambda e: self._say(error_text(e), ok=False))
        self.model.reload()

    def _show_kinds(self, kinds: tuple[list[str], list[str]]) -> None:
        for combo, codes, table in ((self.action, kinds[0], ACTIONS), (self.entity, kinds[1], ENTITIES)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code in codes:
                combo.addItem(_known(table, code), code)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    def _filter_changed(self) -> None:
        self.model.set_filter(self.action.currentData(), self.entity.currentData())

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("%n entries", "", total))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every column as wide as its header and entries need, none wider than
        :data:`MAX_COLUMN_WIDTH`; the last (detail) column takes the rest."""
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + COLUMN_PADDING,
                                             MAX_COLUMN_WIDTH))

    def verify(self) -> None:
        self._say(_t("Checking…"), ok=True)
        protection_ops.verify_audit().run(self.runner, self,
                                          lambda check: self._say(chain_text(check), ok=not check.problems),
                                          lambda e: self._say(error_text(e), ok=False))

    def _say(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet("color: #2f6f73;" if ok else "color: #a12622; font-weight: bold;")
        self.result.setText(text)

    def clear(self) -> None:
        self.model.clear()
        self.result.clear()
        self.count.clear()

