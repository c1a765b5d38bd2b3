"""The conflict area of the handover page: open conflicts, side-by-side comparison, notices.

A conflict lists the record, the field, both values and who wrote each and when;
a double-click opens the record. Long texts are compared in a dialog with two
read-only panes whose differences are marked. Above the list, the notices "your
text was replaced" stay until someone acknowledges them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, field_label
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.ops import conflicts as conflict_ops
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_conflicts import Author, ConflictItem, ReplacedNotice
from beratungsdesk.services.session_office import Labels

_C = "ConflictsPanel"
_HEADERS = {
    "record": QT_TRANSLATE_NOOP("ConflictsPanel", "Record"),
    "field": QT_TRANSLATE_NOOP("ConflictsPanel", "Field"),
    "current": QT_TRANSLATE_NOOP("ConflictsPanel", "Current value"),
    "current_by": QT_TRANSLATE_NOOP("ConflictsPanel", "Current value from"),
    "other": QT_TRANSLATE_NOOP("ConflictsPanel", "Other value"),
    "other_by": QT_TRANSLATE_NOOP("ConflictsPanel", "Other value from"),
}
#: Texts longer than this (or with a line break) are shortened in the list: compare them side by side.
LONG_TEXT = 60
#: Entities shown on the prevention page (no case to open).
_NETWORK = ("workshop", "partner", "meeting")
#: Marks a difference in the side-by-side panes.
_MARK = "background-color: #ffe08a;"


def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


def when_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return str(iso)


def author_text(author: Author | None) -> str:
    """"this device", a device's name, the office; with the counselor where known."""
    if author is None:
        return ""
    if author.this_device:
        base = _t("this device")
    elif author.office:
        base = _t("the office")
    else:
        base = author.device or _t("another device")
    return _t("{device} ({counselor})").format(device=base, counselor=author.counselor) \
        if author.counselor else base


def by_text(author: Author) -> str:
    """"by the office", "by Laptop Marta (Marta Sommer)": its own text, so German can decline it."""
    if author.office and not author.this_device:
        return _t("by the office")
    return _t("by {author}").format(author=author_text(author))


def written_text(author: Author | None, iso: str | None, lines: bool = False) -> str:
    """Who wrote a value and when: one line, or (in the list) two."""
    if author is None:
        return when_text(iso)
    if lines:
        return f"{author_text(author)}\n{when_text(iso)}"
    return _t("{author}, {when}").format(author=author_text(author), when=when_text(iso))


def value_text(labels: Labels, vocab: str | None, value: object) -> str:
    """A wire value as people read it (labels for codes)."""
    if value is None or value in ("", []):
        return _t("(empty)")
    if vocab and isinstance(value, list):
        return ", ".join(labels.label(vocab, str(v)) for v in value)
    if vocab:
        return labels.label(vocab, str(value))
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def is_long(text: str) -> bool:
    return len(text) > LONG_TEXT or "\n" in text


def short_text(text: str) -> str:
    """The list shows the start of a long text; the side-by-side view shows it whole."""
    if not is_long(text):
        return text
    return text.replace("\n", " ")[:LONG_TEXT].rstrip() + "…"


def record_text(case_number: str | None, entity: str, row_id: str) -> str:
    if case_number:
        return _t("Case {number}").format(number=case_number)
    return f"{field_label(entity)} {row_id[:8]}"


def marked_html(mine: str, theirs: str) -> str:
    """``mine`` as HTML, the words that ``theirs`` does not have marked (line breaks kept)."""
    words, others = re.split(r"(\s+)", mine), re.split(r"(\s+)", theirs)
    parts = []
    for tag, start, end, _other_start, _other_end in difflib.SequenceMatcher(
            None, words, others, autojunk=False).get_opcodes():
        text = html.escape("".join(words[start:end]))
        if text:
            parts.append(text if tag == "equal" else f'<span style="{_MARK}">{text}</span>')
    return "".join(parts).replace("\n", "<br>")


class SideBySideDialog(QDialog):
    """Two read-only panes next to each other, differences marked, scrolling together.

    For a conflict it also offers the decision (``choice`` is then "current" or
    "other"); for a notice it only shows the old and the new text.
    """

    def __init__(self, title: str, left: tuple[str, str], right: tuple[str, str], decide: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare side by side"))
        self.choice: str | None = None
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.left = self._pane(left[1], right[1])
        self.right = self._pane(right[1], left[1])
        self.left.setAccessibleName(left[0])
        self.right.setAccessibleName(right[0])
        panes = QHBoxLayout()
        for caption, pane in ((left[0], self.left), (right[0], self.right)):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(pane)
            column.addWidget(label)
            column.addWidget(pane, 1)
            panes.addLayout(column, 1)
        # One scroll moves both texts: the same passage stays side by side.
        self.left.verticalScrollBar().valueChanged.connect(self.right.verticalScrollBar().setValue)
        self.right.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
        legend = QLabel(self.tr("Marked: where the two texts differ."))
        legend.setStyleSheet("color: #4f5f5f;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if decide:
            self.keep_button = buttons.addButton(self.tr("&Keep the current value"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.take_button = buttons.addButton(self.tr("&Take the other value"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.keep_button.clicked.connect(lambda: self._decide("current"))
            self.take_button.clicked.connect(lambda: self._decide("other"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(panes, 1)
        layout.addWidget(legend)
        layout.addWidget(buttons)
        self.resize(900, 520)

    @staticmethod
    def _pane(text: str, other: str) -> QTextEdit:
        pane = QTextEdit()
        pane.setReadOnly(True)
        # Lines wrap at the pane's width: a sideways scroll bar would only hide a word.
        pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        pane.setHtml(marked_html(text, other))
        return pane

    def _decide(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class ConflictsPanel(QWidget):
    """The "Conflicts" tab of the handover page."""

    open_case = Signal(str)
    open_page = Signal(str)
    counts_changed = Signal(int, int)  # open conflicts, unread notices

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.dialog: SideBySideDialog | None = None  # the side-by-side view, while open
        self.model = RecordTableModel(_C, [
            Column(_HEADERS["record"], lambda c: record_text(c.case_number, c.entity, c.row_id)),
            Column(_HEADERS["field"], lambda c: field_label(c.field)),
            Column(_HEADERS["current"], lambda c: short_text(self._value(c, c.current))),
            Column(_HEADERS["current_by"], lambda c: written_text(c.current_by, c.current_at, lines=True)),
            Column(_HEADERS["other"], lambda c: short_text(self._value(c, c.other))),
            Column(_HEADERS["other_by"], lambda c: written_text(c.other_by, c.other_at, lines=True)),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Conflicts waiting for a decision"))
        self.table.setToolTip(self.tr("Double-click opens the record."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Two lines a row: a value's start, and who wrote it above when.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((105, 95, 190, 165, 190)):
            self.table.setColumnWidth(column, width)
        # Activated: a double-click, or Enter on the selected row.
        self.table.activated.connect(self.open_record)
        compare = QPushButton(self.tr("Compare &side by side…"))
        compare.clicked.connect(self.compare)
        keep = QPushButton(self.tr("&Keep the current value"))
        keep.clicked.connect(lambda: self.resolve(take_other=False))
        take = QPushButton(self.tr("&Take the other value"))
        take.clicked.connect(lambda: self.resolve(take_other=True))
        hint = QLabel(self.tr("Two devices changed the same field at the same time. The record shows "
                              "the current value; pick the right one (long texts: compare them side by "
                              "side). Double-click opens the record. The decision reaches the other "
                              "devices with the next handover."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(compare)
        buttons.addWidget(keep)
        buttons.addWidget(take)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(self._notices_box())
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # --- notices -----------------------------------------------------------------

    def _notices_box(self) -> QGroupBox:
        self.notices = QListWidget()
        self.notices.setAccessibleName(self.tr("Your texts replaced by a decision elsewhere"))
        self.notices.setWordWrap(True)
        self.notices.itemDoubleClicked.connect(lambda _item: self.show_replaced())
        show = QPushButton(self.tr("Show &old and new text…"))
        show.clicked.connect(self.show_replaced)
        seen = QPushButton(self.tr("&Read, hide it"))
        seen.clicked.connect(self.acknowledge)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(show)
        buttons.addWidget(seen)
        self.notices_box = QGroupBox(self.tr("Your texts replaced by a decision elsewhere"))
        inner = QVBoxLayout(self.notices_box)
        inner.addWidget(self.notices)
        inner.addLayout(buttons)
        self.notices.setMaximumHeight(110)
        self.notices_box.hide()
        return self.notices_box

    def notice_text(self, notice: ReplacedNotice) -> str:
        return self.tr("Your text in {record}, field {field}, was replaced on {when} {by}.").format(
            record=record_text(notice.case_number, notice.entity, notice.row_id),
            field=field_label(notice.field), when=when_text(notice.resolved_at), by=by_text(notice.by))

    def _show_notices(self, notices: list[ReplacedNotice]) -> None:
        self.notices.clear()
        for notice in notices:
            item = QListWidgetItem(self.notice_text(notice))
            item.setData(Qt.ItemDataRole.UserRole, notice)
            self.notices.addItem(item)
        if notices:
            self.notices.setCurrentRow(0)
        self.notices_box.setVisible(bool(notices))
        self.counts_changed.emit(self.model.rowCount(), len(notices))

    def _current_notice(self) -> ReplacedNotice | None:
        item = self.notices.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_replaced(self) -> None:
        notice = self._current_notice()
        if notice is None:
            return
        vocab = self._vocab(notice.entity, notice.field)
        self._open_dialog(SideBySideDialog(
            self.notice_text(notice),
            (self.tr("Your text (replaced)"), value_text(self.labels, vocab, notice.old_text)),
            (self.tr("Now: {author}").format(author=author_text(notice.new_by)) if notice.new_by
             else self.tr("Now"), value_text(self.labels, vocab, notice.new_text)),
            decide=False, parent=self))

    def acknowledge(self) -> None:
        notice = self._current_notice()
        if notice is None:
            self.show_message(self.tr("Select a notice first."))
            return
        conflict_ops.acknowledge_replaced(notice.notice_id).run(self.runner, self, lambda _r: self.refresh(),
                                                                self._failed)

    # --- conflicts ---------------------------------------------------------------

    def _value(self, item: ConflictItem, value: Any) -> str:
        return value_text(self.labels, item.vocab, value)

    @staticmethod
    def _vocab(entity: str, field: str) -> str | None:
        from beratungsdesk.core import model

        try:
            return model.spec(entity).field(field).vocab
        except (KeyError, ValueError):
            return None

    def selected(self) -> ConflictItem | None:
        return self.model.record(self.table.currentIndex().row())

    def open_record(self, index: QModelIndex | None = None) -> None:
        """Double-click: the case the record belongs to, or the prevention page."""
        item = self.model.record(index.row()) if index is not None and index.isValid() else self.selected()
        if item is None:
            return
        if item.case_id:
            self.open_case.emit(item.case_id)
        elif item.entity in _NETWORK:
            self.open_page.emit("network")
        else:
            self.show_message(self.tr("This record has no page of its own; decide here."))

    def compare(self) -> None:
        item = self.selected()
        if item is None:
            self.show_message(self.tr("Select a conflict first."))
            return
        record = record_text(item.case_number, item.entity, item.row_id)
        current = written_text(item.current_by, item.current_at)
        other = written_text(item.other_by, item.other_at)
        dialog = SideBySideDialog(
            self.tr("{record}, field {field}").format(record=record, field=field_label(item.field)),
            (self.tr("Current value: {written}").format(written=current), self._value(item, item.current)),
            (self.tr("Other value: {written}").format(written=other), self._value(item, item.other)),
            decide=True, parent=self)
        dialog.accepted.connect(lambda: self._decided(item, dialog.choice))
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: SideBySideDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()  # not exec(): the GUI thread keeps running its event loop

    def _dialog_closed(self, dialog: SideBySideDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _decided(self, item: ConflictItem, choice: str | None) -> None:
        if choice is not None:
            self._resolve(item, take_other=choice == "other")

    def resolve(self, take_other: bool) -> None:
        item = self.selected()
        if item is None:
            self.show_message(self.tr("Select a conflict first."))
            return
        self._resolve(item, take_other)

    def _resolve(self, item: ConflictItem, take_other: bool) -> None:
        conflict_ops.resolve_conflict(item, take_other).run(self.runner, self, lambda _r: self.refresh(),
                                                            self._failed)

    def _show_conflicts(self, items: list[ConflictItem]) -> None:
        self.model.set_records(items)
        self.counts_changed.emit(len(items), self.notices.count())

    # --- state ---------------------------------------------------------------------

    def refresh(self) -> None:
        conflict_ops.open_conflicts().run(self.runner, self, self._show_conflicts, self._failed)
        conflict_ops.replaced_texts().run(self.runner, self, self._show_notices, self._failed)

    def clear(self) -> None:
        """On lock: nothing of the records stays on screen, the side-by-side texts included."""
        if self.dialog is not None:
            self.dialog.reject()
        self.model.set_records([])
        self.notices.clear()
        self.notices_box.hide()
        self.message.show_text("")

    def show_message(self, text: str) -> None:
        self.message.setStyleSheet("color: #a12622;")
        self.message.show_text(text)

    def _failed(self, error: BeratungsError) -> None:
        self.show_message(error_text(error))


def tab_text(conflicts: int, notices: int) -> str:
    """The tab's title: what waits for someone here."""
    text = _t("Conflicts ({count})").format(count=conflicts) if conflicts else _t("Conflicts")
    if notices:
        text += " · " + QCoreApplication.translate("ConflictsPanel", "%n texts replaced", None, notices)
    return text
