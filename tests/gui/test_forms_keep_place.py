"""Saving a prevention record keeps the cursor where the person was writing (issue 14: a save
keeps cursor, selection and scroll position everywhere, not only in the case editor)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from tests.gui.test_network_views import WAIT, _network_page


def test_saving_a_workshop_keeps_the_cursor_in_its_notes(qtbot, controller: AppController) -> None:
    main = _network_page(qtbot, controller)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
    tab = main.network.workshops
    form = tab.form
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    form.type.set_code("empowerment")
    form.town.set_code(form.town.itemData(1))
    form.date.set_value(dt.date(2024, 3, 5))
    form.follow_up.setFocus()
    qtbot.waitUntil(form.follow_up.hasFocus, timeout=WAIT)
    qtbot.keyClicks(form.follow_up, "Zweiter Termin")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and form.record is not None, timeout=WAIT)
    assert form.follow_up.textCursor().position() == len("Zweiter Termin")
    form.follow_up.setFocus()
    qtbot.waitUntil(form.follow_up.hasFocus, timeout=WAIT)
    qtbot.keyClicks(form.follow_up, " im Herbst")
    assert form.follow_up.toPlainText() == "Zweiter Termin im Herbst"
    # A one-line field keeps its cursor as well (it used to jump to the start).
    form.organisation.setFocus()
    qtbot.waitUntil(form.organisation.hasFocus, timeout=WAIT)
    qtbot.keyClicks(form.organisation, "Jugendzentrum")
    qtbot.keyClick(form.organisation, Qt.Key.Key_Left)
    position = form.organisation.cursorPosition()
    saved = tab.model.index(0, 2).data
    tab.save()  # as the Save button does, with the keyboard still in the field
    qtbot.waitUntil(lambda: saved() == "Jugendzentrum", timeout=WAIT)
    assert form.organisation.hasFocus() and form.organisation.cursorPosition() == position
