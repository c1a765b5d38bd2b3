"""Table models: the case list over paged queries, and small per-case lists.

The case list holds every matching case *id* (cheap: 100 000 ids are a few MB)
so the scroll bar is exact and the view can jump anywhere; row contents are
fetched in blocks on the worker thread when they first become visible. Sorting
and filtering happen in SQL; the view never sorts or filters itself (a
QSortFilterProxyModel over 100 000 Python rows takes seconds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from beratungsdesk.core import model
from beratungsdesk.gui.common import translated
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.session import BLOCK_SIZE, CaseFilter, CaseListing, CaseRow, Labels

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Case list columns: (header source text, sort key in CASE_SORTS or None).
CASE_COLUMNS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("CaseTableModel", "Case number"), "number"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Client"), "client"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Opened"), "opened_on"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Status"), "status"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Area of life"), "area"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Town"), "town"),
    (QT_TRANSLATE_NOOP("CaseTableModel", "Counselor"), None),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def german_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.date.fromisoformat(iso[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return iso


class CaseTableModel(QAbstractTableModel):
    """All cases matching a filter, in SQL order; rows loaded block by block."""

    loaded = Signal(int)  # number of matching cases, after each (re)load
    load_failed = Signal(object)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ids: list[str] = []
        self._blocks: dict[int, list[CaseRow]] = {}
        self._requested: set[int] = set()
        self._generation = 0
        self.labels = Labels("de")
        self.case_filter = CaseFilter()
        self.search_text = ""
        self.sort_key = "opened_on"
        self.descending = True
        self.loading = False

    # --- Qt model interface ----------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(CASE_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(CASE_COLUMNS)):
            return translated("CaseTableModel", CASE_COLUMNS[section][0])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "…" if index.column() == 0 else ""
        return self._cell(row, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = CASE_COLUMNS[column][1] if 0 <= column < len(CASE_COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- rows ---------------------------------------------------------------

    def _cell(self, row: CaseRow, column: int) -> str:
        labels = self.labels
        values = (row.number, row.client_code or "", german_date(row.opened_on),
                  labels.label("case_status", row.status), labels.label("area", row.area),
                  labels.label("town", row.incident_town), labels.counselor(row.counselor_id))
        return values[column]

    def case_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: str) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> CaseRow | None:
        block = row // BLOCK_SIZE
        rows = self._blocks.get(block)
        if rows is None:
            self._request(block)
            return None
        offset = row - block * BLOCK_SIZE
        return rows[offset] if offset < len(rows) else None

    def _request(self, block: int) -> None:
        if block in self._requested:
            return
        self._requested.add(block)
        generation = self._generation
        ids = self._ids[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE]

        def done(rows: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            # A case deleted in between is missing from ``rows``: keep positions.
            by_id = {r.id: r for r in rows}
            self._blocks[block] = [by_id.get(i) or _gone_row(i) for i in ids]
            first = block * BLOCK_SIZE
            last = min(first + len(ids), len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(CASE_COLUMNS) - 1))

        self._runner.call(lambda backend: backend.require().case_rows(ids), done,
                          self.load_failed.emit, self)

    # --- loading ------------------------------------------------------------

    def set_filter(self, case_filter: CaseFilter, search_text: str | None = None) -> None:
        self.case_filter = case_filter
        if search_text is not None:
            self.search_text = search_text
        self.reload()

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(CASE_COLUMNS) - 1))

    def reload(self) -> None:
        """Fetch ids and the first block; older answers still under way are dropped."""
        self._generation += 1
        generation = self._generation
        case_filter, sort, descending, text = (self.case_filter, self.sort_key, self.descending,
                                               self.search_text)
        self.loading = True

        def job(backend: Backend) -> CaseListing:
            return backend.require().case_listing(case_filter, sort, descending, text)

        def done(listing: CaseListing) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._ids = listing.ids
            self._blocks = {0: listing.first_rows} if listing.ids else {}
            self._requested = {0}
            self.endResetModel()
            self.loading = False
            self.loaded.emit(len(self._ids))

        def failed(error: Any) -> None:
            self.loading = False
            self.load_failed.emit(error)

        self._runner.call(job, done, failed, self)

    def clear(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._ids, self._blocks, self._requested = [], {}, set()
        self.endResetModel()


def _gone_row(case_id: str) -> CaseRow:
    return CaseRow(case_id, "", "", "", None, "", "", None, None)


@dataclass(frozen=True)
class Column:
    """One column of a :class:`RecordTableModel`: header and how to show a record."""

    header: str
    value: Callable[[Any], str]
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    """A short list of records of one case (contacts, interventions, notes, documents)."""

    def __init__(self, context: str, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._columns = list(columns)
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return translated(self._context, self._columns[section].header)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        column = self._columns[index.column()]
        record = self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE and isinstance(record, model.Entity):
            return record.id
        return None


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")

