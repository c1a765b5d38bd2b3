"""Table models: the case list over paged queries, and small per-case lists.

The case list holds every matching case *id* (cheap: 100 000 ids are a few MB)
so the scroll bar is exact and the view can jump anywhere; row contents are
fetched in blocks on the worker thread when they first become visible. Sorting
and filtering happen in SQL; the view never sorts or filters itself (a
QSortFilterProxyModel over 100 000 Python rows takes seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.text import visible
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, translated
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_cases import BLOCK_SIZE, CaseFilter, CaseListing, CaseRow
from beratungsdesk.services.session_office import Labels

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
_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), int(ID_ROLE)})


_INVALID = QT_TRANSLATE_NOOP("CaseTableModel", "invalid: {value}")
_NO_NUMBER = QT_TRANSLATE_NOOP("CaseTableModel", "invalid: no number")


def invalid_text(value: object) -> str:
    """A stored value that is not valid for its field, shown as such (see ``wire_form.Invalid``)."""
    return translated("CaseTableModel", _INVALID).format(value=value)


def german_date(iso: str | None) -> str:
    """``2022-03-01`` -> ``01.03.2022`` (string slicing: strftime is slow in a paint)."""
    if not iso:
        return ""
    if isinstance(iso, str) and len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"
    return invalid_text(iso)


def shown(value: Any) -> str:
    """Text of a stored value for a list cell; ``wire_form.Invalid`` values are marked."""
    if value is None:
        return ""
    return invalid_text(value) if wire_form.is_invalid(value) else str(value)


class CaseTableModel(QAbstractTableModel):
    """All cases matching a filter, in SQL order; rows loaded block by block."""

    loaded = Signal(int)  # number of matching cases, after each (re)load
    load_failed = Signal(object)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ids: list[str | None] = []  # None: known to exist, id not fetched yet
        self._blocks: dict[int, list[CaseRow]] = {}
        self._requested: set[int] = set()
        self._texts: dict[int, list[tuple[str, ...]]] = {}  # block -> display texts per row
        self._generation = 0
        self.labels = Labels("de")
        self.case_filter = CaseFilter()
        self.search_text = ""
        self.sort_key = "opened_on"
        self.descending = True
        self.loading = False  # until the first page is shown
        self.complete = True  # every id known (the list can jump anywhere)
        # Nothing loads before the view first sets a filter: the sort indicator set while
        # the view is built would otherwise queue two whole loads on the worker ahead of
        # the one that counts (measured: the first page 2 s late at 100 000 cases).
        self.started = False

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
        # Called thousands of times per paint: the role test comes first and the
        # row's texts are made once, when its block arrives (see _display_block).
        if role not in _ROLES:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[row]
        texts = self._texts_at(row)
        if texts is None:
            return "…" if index.column() == 0 else ""
        return texts[index.column()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = CASE_COLUMNS[column][1] if 0 <= column < len(CASE_COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.started:
            self.reload()

    # --- rows ---------------------------------------------------------------

    def _row_texts(self, row: CaseRow) -> tuple[str, ...]:
        labels = self.labels
        return (visible(shown(row.number)) or translated("CaseTableModel", _NO_NUMBER),
                visible(shown(row.client_code)),
                german_date(row.opened_on), labels.label_or("case_status", row.status, invalid_text),
                labels.label_or("area", row.area, invalid_text),
                labels.label_or("town", row.incident_town, invalid_text),
                labels.counselor(row.counselor_id))

    def _texts_at(self, row: int) -> tuple[str, ...] | None:
        block = row // BLOCK_SIZE
        texts = self._texts.get(block)
        if texts is None:
            rows = self._blocks.get(block)
            if rows is None:
                if self.complete:
                    self._request(block)
                return None
            texts = self._texts[block] = [self._row_texts(r) for r in rows]
        offset = row - block * BLOCK_SIZE
        return texts[offset] if offset < len(texts) else None

    def case_id(self, row: int) -> str | None:  # None also while ids are still arriving
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: str) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def _request(self, block: int) -> None:
        if block in self._requested:
            return
        self._requested.add(block)
        generation = self._generation
        ids = [i for i in self._ids[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE] if i]

        def done(rows: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            # A case deleted in between is missing from ``rows``: keep positions.
            by_id = {r.id: r for r in rows}
            self._blocks[block] = [by_id.get(i) or _gone_row(i) for i in ids]
            self._texts.pop(block, None)
            first = block * BLOCK_SIZE
            last = min(first + len(ids), len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(CASE_COLUMNS) - 1))

        client_ops.case_rows(ids).run(self._runner, self, done, self.load_failed.emit)

    # --- loading ------------------------------------------------------------

    def set_filter(self, case_filter: CaseFilter, search_text: str | None = None) -> None:
        self.started = True
        self.case_filter = case_filter
        if search_text is not None:
            self.search_text = search_text
        self.reload()

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self._texts = {}
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(CASE_COLUMNS) - 1))

    def reload(self) -> None:
        """First block at once, then every id; older answers are dropped.

        The first query is served by an index (tens of milliseconds at 100 000
        cases, also right after unlock); the list of every id takes longer,
        arrives while the first rows are already on screen, and brings the
        count with it (:meth:`_fetch_ids`).
        """
        self._generation += 1
        generation = self._generation
        case_filter, sort, descending, text = (self.case_filter, self.sort_key, self.descending,
                                               self.search_text)
        self.loading = True

        def done(listing: CaseListing) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._ids = [row.id for row in listing.first_rows]
            self._blocks = {0: listing.first_rows} if listing.first_rows else {}
            self._texts = {}
            self._requested = {0}
            self.complete = listing.complete
            self.endResetModel()
            self.loading = False
            if listing.complete:
                self.loaded.emit(len(self._ids))
            else:
                self._fetch_ids(generation, listing.case_filter, sort, descending)

        def failed(error: Any) -> None:
            self.loading = False
            self.load_failed.emit(error)

        client_ops.case_listing(case_filter, sort, descending, text).run(self._runner, self, done, failed)

    def _fetch_ids(self, generation: int, case_filter: CaseFilter, sort: str, descending: bool) -> None:
        def done(ids: list[str]) -> None:
            if generation != self._generation:
                return
            shown = len(self._ids)
            if ids[:shown] == self._ids:  # usual case: append the rest below the first block
                if len(ids) > shown:
                    self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                    self._ids = list(ids)
                    self.endInsertRows()
            else:  # the store changed in between: start over cleanly
                self.beginResetModel()
                self._ids, self._blocks, self._requested, self._texts = list(ids), {}, set(), {}
                self.endResetModel()
            self.complete = True
            self.loaded.emit(len(self._ids))

        client_ops.case_ids(case_filter, sort, descending).run(self._runner, self, done,
                                                               self.load_failed.emit)

    def clear(self) -> None:
        self._generation += 1
        self.started = False
        self.beginResetModel()
        self._ids, self._blocks, self._requested, self._texts = [], {}, set(), {}
        self.complete = True
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

    @staticmethod
    def _text(column: Column, record: Any) -> str:
        """The cell's text. A record holding stored values that are not valid (a faulty older
        version, another device) shows them marked; a column that cannot format such a value
        shows "invalid" instead of breaking the paint."""
        try:
            return column.value(record)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            return invalid_text("?")

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
            # Stored texts may come from another device: control and bidi characters are shown
            # as escapes, so a name cannot reorder or hide what the table says.
            value = self._text(column, record)
            return visible(value) if isinstance(value, str) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE and isinstance(record, model.Entity):
            return record.id
        return None


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if isinstance(size, bool) or not isinstance(size, int):
        return invalid_text(size)
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def record_table(table_model: RecordTableModel, name: str) -> QTableView:
    """A read-only, row-selecting table over a record model, the way every list here looks."""
    table = QTableView()
    table.setModel(table_model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table
