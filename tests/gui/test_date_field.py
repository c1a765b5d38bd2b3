"""The one date input of the program (issue 14): typed dates in the usual forms, a calendar
that opens at today or the related date, a "Today" button, empty where allowed, a message
for a typed text that is no date (kept as typed), and Tab always leaves the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWidget

from beratungsdesk.core import wire_form
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.widgets import DateField, parse_typed_date
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock

WAIT = 15_000
TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(("typed", "meant"), [
    ("3.2.26", dt.date(2026, 2, 3)), ("03.02.2026", dt.date(2026, 2, 3)),
    ("2026-02-03", dt.date(2026, 2, 3)), ("3.2.", dt.date(2026, 2, 3)), ("3.2", dt.date(2026, 2, 3)),
    (" 3.2.2026 ", dt.date(2026, 2, 3)), ("030226", dt.date(2026, 2, 3)),
    ("03022026", dt.date(2026, 2, 3)), ("1.1.95", dt.date(1995, 1, 1)), ("1.1.36", dt.date(2036, 1, 1)),
    ("29.2.24", dt.date(2024, 2, 29))])
def test_typed_dates_in_the_usual_forms(typed: str, meant: dt.date) -> None:
    assert parse_typed_date(typed, TODAY) == meant


@pytest.mark.parametrize("typed", ["31.06.2026", "29.2.25", "3.13.26", "heute", "3.2.202", "2026-2", ""])
def test_texts_that_are_no_date_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_typed_date(typed, TODAY)


class _Form(QWidget):
    """A date between two other fields, as in every form of the program."""

    def __init__(self, optional: bool) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.before, self.after = QLineEdit(), QLineEdit()
        self.start = DateField()
        self.date = DateField(optional=optional)
        self.date.set_related(self.start)
        layout.addRow("Before:", self.before)
        layout.addRow("Start:", self.start)
        layout.addRow("Date:", self.date)
        layout.addRow("After:", self.after)


@pytest.fixture
def form(qtbot) -> _Form:
    shown = _Form(optional=True)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown, timeout=WAIT)
    return shown


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT)


def test_a_typed_date_is_taken_and_tab_goes_on(qtbot, form: _Form) -> None:
    _focus(qtbot, form.date)
    qtbot.keyClicks(form.date.edit, "3.2.")
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.after.hasFocus, timeout=WAIT)
    assert form.date.value() == dt.date(dt.date.today().year, 2, 3)
    assert form.date.edit.text() == f"03.02.{dt.date.today().year}"  # written out in full
    assert not form.date.message.isVisibleTo(form)


def test_a_wrong_date_stays_as_typed_with_a_message_and_never_traps_focus(qtbot, form: _Form) -> None:
    _focus(qtbot, form.date)
    qtbot.keyClicks(form.date.edit, "31.6.26")
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.after.hasFocus, timeout=WAIT)
    assert form.date.edit.text() == "31.6.26"  # nothing cleared
    assert form.date.message.isVisibleTo(form) and "31.6.26" in form.date.message.text()
    assert wire_form.is_invalid(form.date.value()) and not form.date.is_valid()
    # Back with Shift+Tab, corrected, and the message goes.
    qtbot.keyClick(form.after, Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.date.edit.hasFocus, timeout=WAIT)
    qtbot.keyClick(form.date.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.date.edit, "30.6.26")
    assert not form.date.message.isVisibleTo(form)
    assert form.date.value() == dt.date(2026, 6, 30)
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.start.edit.hasFocus, timeout=WAIT)


def test_an_empty_field_is_left_with_tab_both_ways(qtbot, form: _Form) -> None:
    assert form.date.edit.text() == "" and form.date.value() is None  # optional: empty
    _focus(qtbot, form.date)
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.after.hasFocus, timeout=WAIT)
    qtbot.keyClick(form.after, Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.date.edit.hasFocus, timeout=WAIT)
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.start.edit.hasFocus, timeout=WAIT)
    assert form.date.value() is None and not form.date.message.isVisibleTo(form)
    # A required date emptied by the user says so, and still lets go.
    qtbot.keyClick(form.start.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.start.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(form.start.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.date.edit.hasFocus, timeout=WAIT)
    assert form.start.value() is None and form.start.message.isVisibleTo(form)


def test_the_calendar_opens_at_the_related_date_or_today(qtbot, form: _Form) -> None:
    form.start.set_value(dt.date(2024, 3, 2))
    _focus(qtbot, form.date)
    qtbot.keyClick(form.date.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = form.date._popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    calendar = popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 3)  # not January 1900
    qtbot.waitUntil(lambda: calendar.isAncestorOf(QApplication.focusWidget()), timeout=WAIT)
    days = QApplication.focusWidget()  # the calendar's grid of days has the keyboard
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day, chosen with Enter
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=WAIT)
    assert form.date.value() == dt.date(2024, 3, 3)
    assert form.date.edit.hasFocus()
    # Without a related date, the calendar opens at today; its "Today" button picks today.
    form.start.set_value(None)
    form.start.edit.clear()
    form.date.edit.clear()
    qtbot.mouseClick(form.date.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    today = dt.date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    qtbot.mouseClick(popup.today_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=WAIT)
    assert form.date.value() == today


def test_the_today_button(qtbot, form: _Form) -> None:
    assert form.date.today_button.text() in ("Today", "Heute")
    qtbot.mouseClick(form.date.today_button, Qt.MouseButton.LeftButton)
    assert form.date.value() == dt.date.today()
    assert form.date.edit.hasFocus()


def test_closed_on_in_the_case_editor_takes_a_typed_date(qtbot, controller: AppController,
                                                          filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    assert editor.fields["closed_on"].edit.text() == ""  # empty, not 01.01.1900
    editor.fields["status"].set_code("closed")
    _focus(qtbot, editor.fields["opened_on"])
    qtbot.keyClick(editor.fields["opened_on"].edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.fields["opened_on"].edit, "2024-03-02")
    _focus(qtbot, editor.fields["closed_on"])
    qtbot.keyClicks(editor.fields["closed_on"].edit, "3.2.25x")
    qtbot.keyClick(editor.fields["closed_on"].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.messages["closed_on"].isVisibleTo(editor), timeout=WAIT)
    assert editor.fields["closed_on"].edit.text() == "3.2.25x" and editor.is_dirty()  # kept, nothing saved
    qtbot.keyClick(editor.fields["closed_on"].edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.fields["closed_on"].edit, Qt.Key.Key_Tab)
    assert not editor.fields["closed_on"].edit.hasFocus()
    assert editor.fields["closed_on"].edit.text() == "03.02.2025"
    qtbot.keyClick(editor.fields["closed_on"].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=WAIT)
    case_id = editor.record.case.id  # type: ignore[union-attr]
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        case = CaseService(store).record(case_id).case
    assert (case.status, case.opened_on, case.closed_on) == (
        "closed", dt.date(2024, 3, 2), dt.date(2025, 2, 3))


def test_a_contact_with_a_wrong_date_is_not_logged_and_the_timer_keeps_running(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
    open_case_of(qtbot, main, "K-0003")
    editor = main.cases.editor
    editor.tabs.setCurrentIndex(2)
    qtbot.mouseClick(editor.contacts.timer.button, Qt.MouseButton.LeftButton)
    assert editor.contacts.timer.running
    _focus(qtbot, editor.contacts.date)
    qtbot.keyClick(editor.contacts.date.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.contacts.date.edit, "32.1.")
    qtbot.mouseClick(editor.contacts.add_button, Qt.MouseButton.LeftButton)
    assert editor.contacts.date.message.isVisibleTo(editor)
    assert editor.contacts.timer.running and editor.contacts.date.edit.text() == "32.1."
    assert editor.contacts.model.rowCount() == 1  # only the one logged before
    editor.contacts.timer.reset()
