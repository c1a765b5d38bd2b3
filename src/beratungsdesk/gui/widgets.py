"""Input widgets for vocabulary codes, dates and per-field validation messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError, ValidationErrors
from beratungsdesk.core.text import visible
from beratungsdesk.gui.common import error_text
from beratungsdesk.services.session import Labels

#: The earliest date an optional date field shows as "empty".
_EMPTY_DATE = QDate(1900, 1, 1)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class VocabCombo(QComboBox):
    """Picks one code of a vocabulary; shows labels, keeps codes as item data.

    Retired entries are offered only when the current record already uses one.
    """

    def __init__(self, kind: str, optional: bool = True, empty_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.optional = optional
        self.empty_text = empty_text
        self._labels: Labels | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def set_labels(self, labels: Labels, keep: str | None = None) -> None:
        current = keep if keep is not None else self.code()
        self._labels = labels
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem(self.empty_text, None)
        for code, label, retired in labels.terms.get(self.kind, []):
            if not retired or code == current:
                self.addItem(label, code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else (0 if self.optional else -1)
        if index < 0 and code and self._labels is not None:
            # A code this store does not know (yet): keep it visible, never drop it.
            self.addItem(code, code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)


class CounselorCombo(QComboBox):
    """A team member to choose. Inactive members are offered only where a record already
    names them (or, with ``offer_inactive``, always: e.g. to filter old cases)."""

    def __init__(self, empty_text: str, parent: QWidget | None = None,
                 offer_inactive: bool = False) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.offer_inactive = offer_inactive
        self.labels: Labels | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)

    def set_labels(self, labels: Labels, keep: str | None = None) -> None:
        current = keep if keep is not None else self.counselor_id()
        self.labels = labels
        self.blockSignals(True)
        self.clear()
        self.addItem(self.empty_text, None)
        team = labels.counselors if self.offer_inactive else labels.offered_counselors(current)
        for ident, name in team:
            self.addItem(name, ident)
        self.blockSignals(False)
        self.set_counselor(current)

    def counselor_id(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def set_counselor(self, ident: str | None) -> None:
        index = self.findData(ident) if ident else 0
        if index < 0 and ident and self.labels is not None and self.labels.counselor(ident):
            # An inactive member named by the record shown: kept, never silently dropped.
            self.addItem(self.labels.counselor(ident), ident)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class CodeChecklist(QListWidget):
    """Several codes of one vocabulary (grounds, forms of racism) as check boxes."""

    codes_changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.itemChanged.connect(lambda _item: self.codes_changed.emit())
        self.setMinimumHeight(90)

    def set_labels(self, labels: Labels, keep: tuple[str, ...] | None = None) -> None:
        current = set(keep if keep is not None else self.codes())
        self.blockSignals(True)
        self.clear()
        known = set()
        for code, label, retired in labels.terms.get(self.kind, []):
            known.add(code)
            if not retired or code in current:
                self._add(label, code, code in current)
        for code in sorted(current - known):
            self._add(code, code, True)
        self.blockSignals(False)

    def _add(self, label: str, code: str, checked: bool) -> None:
        item = QListWidgetItem(label, self)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(
            str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked))

    def set_codes(self, codes: tuple[str, ...]) -> None:
        wanted = set(codes)
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)


class DateField(QDateEdit):
    """A date with a calendar; ``optional`` fields can be empty (shown blank)."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        if optional:
            self.setMinimumDate(_EMPTY_DATE)
            self.setSpecialValueText(" ")
        self.setDate(QDate.currentDate())

    def value(self) -> dt.date | None:
        if self.optional and self.date() == _EMPTY_DATE:
            return None
        return from_qdate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        # A stored value that is no date (model.Invalid) cannot be shown in a date field:
        # the field offers what it offers for none, and the form marks it as invalid.
        if not isinstance(value, dt.date):
            self.setDate(_EMPTY_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(to_qdate(value))


class FieldMessage(QLabel):
    """The validation message shown right under its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldMessage")
        # A palette, not a style sheet: a main window holds about ninety of these, and
        # each style sheet made Qt polish its label anew (70 ms of the window's start).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#a12622"))
        self.setPalette(palette)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 0.5, 7.0))
        self.setFont(font)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(visible(text))  # messages may quote a stored value
        self.setVisible(bool(text))


def with_message(widget: QWidget) -> tuple[QWidget, FieldMessage]:
    """The field and, below it, a (hidden) message label."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    message = FieldMessage()
    layout.addWidget(message)
    return box, message


def errors_by_field(error: BeratungsError) -> dict[str, BeratungsError]:
    """Field name -> its first problem (errors without a field go under ``""``)."""
    found: dict[str, BeratungsError] = {}
    problems = error.errors if isinstance(error, ValidationErrors) else [error]
    for problem in problems:
        found.setdefault(str(problem.data.get("field", "")), problem)
    return found


def show_field_errors(error: BeratungsError, messages: dict[str, FieldMessage],
                      general: FieldMessage) -> None:
    """Each problem under its field; problems without a field of this form in ``general``."""
    rest = []
    for field, problem in errors_by_field(error).items():
        if field in messages:
            messages[field].show_text(error_text(problem))
        else:
            rest.append(error_text(problem))
    general.show_text("\n".join(rest))


class StagedBuild:
    """For a large widget built in steps, one per event-loop turn, so that no single piece of
    GUI-thread work is long (``MainWindow`` calls :meth:`build_step` in idle time). The
    widget sets ``self._steps`` in its constructor; built at once, it calls
    :meth:`finish_building` there."""

    _steps: list[Callable[[], object]]

    def build_step(self) -> bool:
        """Build the next part; True once the widget is complete."""
        if self._steps:
            self._steps.pop(0)()
        return not self._steps

    def finish_building(self) -> None:
        while not self.build_step():
            pass
