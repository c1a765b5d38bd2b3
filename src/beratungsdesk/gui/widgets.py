"""Input widgets for vocabulary codes, dates and per-field validation messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import wire_form
from beratungsdesk.core.errors import BeratungsError, ValidationErrors
from beratungsdesk.core.text import visible
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.services.session_office import Labels


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
        known = set()
        wanted = []
        for code, label, retired in labels.terms.get(self.kind, []):
            known.add(code)
            if not retired or code in current:
                wanted.append((label, code, code in current))
        wanted.extend((code, code, True) for code in sorted(current - known))
        if wanted == self._items():
            return  # refilled with what it shows (after a save): the selection and scroll stay
        row, scroll = self.currentRow(), self.verticalScrollBar().value()
        self.blockSignals(True)
        self.clear()
        for label, code, checked in wanted:
            self._add(label, code, checked)
        self.setCurrentRow(min(row, self.count() - 1), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.verticalScrollBar().setValue(scroll)
        self.blockSignals(False)

    def _items(self) -> list[tuple[str, str, bool]]:
        return [(item.text(), str(item.data(Qt.ItemDataRole.UserRole)),
                 item.checkState() == Qt.CheckState.Checked)
                for item in map(self.item, range(self.count()))]

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
    # A form's label names the box as its buddy: its Alt+letter reaches the field only
    # through a focus proxy (a widget with a proxy is not a stop of its own for Tab).
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.setFocusProxy(widget)
    return box, message


# Dates as people type them: 3.2.26, 03.02.2026, 3.2. (this year), 2026-02-03, 030226.
_TYPED_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(\d{2}|\d{4})?$")
_TYPED_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TYPED_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
# A two-digit year means the century that puts it at most this many years ahead of today.
_YEARS_AHEAD = 10


def parse_typed_date(text: str, today: dt.date) -> dt.date:
    """The date a person typed; ``ValueError`` if the text is no (existing) date.

    ``3.2.`` and ``3.2`` are the 3rd of February of ``today``'s year; a two-digit year
    is the nearest century's (``26`` is 2026, ``95`` is 1995).
    """
    cleaned = text.strip().replace(" ", "")
    if match := _TYPED_ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    match = _TYPED_GERMAN.match(cleaned) or _TYPED_DIGITS.match(cleaned)
    if match is None:
        raise ValueError(cleaned)
    day_text, month_text, year_text = match.groups()
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000 if 2000 + year <= today.year + _YEARS_AHEAD else 1900
    return dt.date(year, int(month_text), int(day_text))


def german_date_text(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


class _CalendarPopup(QFrame):
    """The calendar of a :class:`DateField`, as a popup below the field."""

    picked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Wide enough for every weekday's short name ("Mo." was cut to "…").
        self.calendar.setMinimumWidth(self.calendar.fontMetrics().horizontalAdvance("Mo.") * 7 * 2 + 40)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)  # Enter on a day
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(lambda: self._pick(QDate.currentDate()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addWidget(self.today_button, 0, Qt.AlignmentFlag.AlignRight)

    def open_at(self, shown: dt.date, below: QWidget) -> None:
        self.calendar.setSelectedDate(to_qdate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)
        self.adjustSize()
        self.move(below.mapToGlobal(below.rect().bottomLeft()))
        self.show()
        self.calendar.setFocus()

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(from_qdate(day))


class DateField(QWidget):
    """A date typed (``3.2.26``, ``03.02.2026``, ``3.2.``, ``2026-02-03``) or picked from a
    calendar, with a "Today" button; the one date input of the program.

    ``optional`` fields can be empty. A typed text that is no date stays as typed, with a
    message under the field, and :meth:`value` returns it as :class:`wire_form.Invalid`, so a
    save names the field instead of storing something else. Tab always leaves the field.
    The calendar opens at the field's date, else the related date (:meth:`set_related`,
    e.g. the case's opening date for its closing date), else today.
    """

    # Named like QDateEdit's signal, which the forms connect by name.
    dateChanged = Signal()  # noqa: N815 - the text changed (a form compares values)

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self._related: Callable[[], object] | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("DD.MM.YYYY"))
        self.edit.setClearButtonEnabled(optional)
        # One width for every date field (with room for the clear button of optional ones),
        # so that dates line up in a form and the buttons stay next to the date.
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 44)
        self.edit.setToolTip(self.tr("Type a date like 3.2.26, 03.02.2026 or 3.2. (this year); "
                                     "Alt+Down opens the calendar."))
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._check)
        self.edit.installEventFilter(self)
        # The buttons are for the mouse; the keyboard has Alt+Down and typing, so Tab
        # goes from the date straight to the next field.
        self.calendar_button = QToolButton()
        self.calendar_button.setIcon(icon("calendar"))
        self.calendar_button.setToolTip(self.tr("Choose the date in a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(self.tr("Calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Set today's date"))
        self.today_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.today_button.clicked.connect(self.set_today)
        self.message = FieldMessage()
        self._popup: _CalendarPopup | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addWidget(self.today_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if not optional:
            self.set_value(dt.date.today())

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def set_related(self, source: DateField) -> None:
        """The calendar of an empty field opens at ``source``'s date."""
        self._related = source.value

    # --- value ------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date; None when empty; a typed text that is no date as ``wire_form.Invalid``."""
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return parse_typed_date(text, dt.date.today())
        except ValueError:
            return wire_form.Invalid(text)  # type: ignore[return-value]

    def is_valid(self) -> bool:
        """False while the typed text is no date (its message is shown)."""
        valid = not wire_form.is_invalid(self.value())
        if not valid:
            self._check()
        return valid

    def set_value(self, value: dt.date | None) -> None:
        # A stored value that is no date (wire_form.Invalid) is not shown as a date: the field
        # offers what it offers for none, and the form marks the stored value as invalid.
        if not isinstance(value, dt.date):
            value = None if self.optional else dt.date.today()
        if value == self.value():
            return  # the same date as typed: the text and the cursor stay
        self.edit.setText("" if value is None else german_date_text(value))
        self.message.show_text("")

    def set_today(self) -> None:
        self.set_value(dt.date.today())
        self.edit.setFocus()

    # --- typing and the calendar ----------------------------------------------------

    def _text_changed(self) -> None:
        if self.message.isVisible() and not wire_form.is_invalid(self.value()):
            self.message.show_text("")
        self.dateChanged.emit()

    def _check(self) -> None:
        """When typing ends: a date is written out in full, anything else is explained."""
        value = self.value()
        if wire_form.is_invalid(value):
            self.message.show_text(self.tr(
                "“{value}” is not a date. Type it like 3.2.26, 03.02.2026 or 2026-02-03.").format(
                    value=str(value)))
        elif isinstance(value, dt.date):
            self.message.show_text("")
            full = german_date_text(value)
            if self.edit.text() != full:
                self.edit.setText(full)
        elif not self.optional:
            self.message.show_text(self.tr("Please enter a date."))

    def shown_month(self) -> dt.date:
        """Where the calendar opens: the field's date, else the related date, else today."""
        for candidate in (self.value(), self._related() if self._related else None):
            if isinstance(candidate, dt.date) and not wire_form.is_invalid(candidate):
                return candidate
        return dt.date.today()

    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        self._popup.open_at(self.shown_month(), self.edit)

    def _picked(self, day: dt.date) -> None:
        self.set_value(day)
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key, modifiers = event.key(), event.modifiers()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and
                                        modifiers & Qt.KeyboardModifier.AltModifier):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)


def set_text_kept(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Show ``text`` in a text field without moving what the person sees there.

    After a save the form is filled from the stored record: a field that already holds
    the text (up to surrounding blanks, which saving strips) is left alone, so cursor,
    selection and scroll position stay; a field whose value changed keeps its cursor
    (as far as the new text reaches) and its scroll position.
    """
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText().strip() == text.strip():
            return
        cursor = widget.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        scroll = widget.verticalScrollBar().value()
        widget.setPlainText(text)
        cursor = widget.textCursor()
        cursor.setPosition(min(anchor, len(text)))
        cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.verticalScrollBar().setValue(scroll)
        return
    if widget.text().strip() == text.strip():
        return
    position = widget.cursorPosition()
    widget.setText(text)
    widget.setCursorPosition(min(position, len(text)))


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
