"""The case editor's tab "Follow-ups & appointments": add, validate at the field, mark done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from beratungsdesk.gui.app import AppController
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock


def test_follow_ups_and_appointments_are_added_in_the_case_editor(qtbot, controller: AppController,
                                                                   filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    case_id = editor.record.case.id
    panel = editor.week
    editor.tabs.setCurrentWidget(panel)

    # A follow-up without text is refused at its field; with text it is saved.
    panel.due_on.set_value(dt.date(2030, 5, 6))
    qtbot.mouseClick(panel.add_followup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.messages["what"].text() != "", timeout=10_000)
    panel.what.setText("Rückruf Schule")
    qtbot.mouseClick(panel.add_followup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.followups_model.rowCount() == 1, timeout=10_000)
    assert panel.followups_model.index(0, 0).data() == "06.05.2030"
    panel.followups_table.selectRow(0)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.followups_model.record(0).done, timeout=10_000)

    # An appointment with a wrong time is refused at the time field.
    panel.appointment_date.set_value(dt.date(2030, 5, 7))
    panel.appointment_time.setText("9 Uhr")
    qtbot.mouseClick(panel.add_appointment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.messages["start_time"].text() != "", timeout=10_000)
    panel.appointment_time.setText("09:30")
    panel.appointment_minutes.setValue(45)
    panel.appointment_town.set_code("velbert")
    panel.appointment_with.setText("Frau A, Herr B")
    qtbot.mouseClick(panel.add_appointment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.appointments_model.rowCount() == 1, timeout=10_000)
    assert panel.appointments_model.index(0, 3).data() == "Velbert"
    panel.appointments_table.selectRow(0)
    panel.status.setCurrentIndex(panel.status.findData("kept"))
    qtbot.mouseClick(panel.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.appointments_model.record(0).status == "kept", timeout=10_000)

    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        week = WeekService(store)
        [followup] = week.followups_of_case(case_id)
        assert (followup.what, followup.done) == ("Rückruf Schule", True)
        [appointment] = week.appointments_of_case(case_id)
        assert (appointment.start_time, appointment.duration_min, appointment.town,
                appointment.participants, appointment.status) == ("09:30", 45, "velbert",
                                                                  ("Frau A", "Herr B"), "kept")
