"""The start page "Übersicht": first page after unlocking; each line opens its record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.office_hours import OfficeHoursDialog
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock


def _plan_the_week(folder: Path) -> dict[str, str]:
    """An overdue follow-up, one in three weeks (not listed), an appointment today, an office
    hour every day of the week."""
    today = dt.date.today()
    with Store.open(folder, PASSPHRASE) as store:
        cases = CaseService(store)
        rows = [cases.record_by_number_or_id(r[0]).case for r in store.conn.execute(
            "SELECT number FROM cases ORDER BY number")]
        week = WeekService(store)
        week.add_followup(rows[1].id, today - dt.timedelta(days=2), "Rückruf Schule")
        week.add_followup(rows[2].id, today + dt.timedelta(days=21), "Später")
        week.add_appointment(rows[0].id, today, "23:30", town="haan", minutes=15)
        for weekday in range(1, 8):
            week.add_office_hour(weekday, "09:00", "11:00", "mettmann")
        return {"overdue": rows[1].id, "appointment": rows[0].id, "number": rows[1].number or ""}


def _texts(page, name: str) -> list[str]:
    shown = page.lists[name]
    return [shown.item(row).text() for row in range(shown.count())]


def test_the_overview_is_the_first_page_and_its_lines_open_their_records(
        qtbot, controller: AppController, filled_store: Path) -> None:
    planned = _plan_the_week(filled_store)
    main = unlock(qtbot, controller)
    assert main.current_page() == "overview"
    page = main.overview
    qtbot.waitUntil(lambda: page.data is not None and page.preview is not None, timeout=10_000)

    assert len(_texts(page, "cases")) == 3  # the three open cases of the store
    followups = _texts(page, "followups")
    assert len(followups) == 1 and followups[0].startswith("overdue · ") and "Rückruf Schule" in followups[0]
    assert "Später" not in " ".join(followups)
    [appointment] = _texts(page, "appointments")
    assert appointment.startswith("today 23:30") and "Haan" in appointment
    hours = _texts(page, "hours")
    assert hours and all("Mettmann" in line and "09:00–11:00" in line for line in hours)
    assert len(hours) == 7  # today and the next six days
    attention = _texts(page, "attention")
    assert "No backup folder is set up yet." in attention  # the office: the backup's age
    assert _texts(page, "handover")[-1] == "No handover yet."

    # A follow-up's line opens its case.
    shown = page.lists["followups"]
    page._activated(shown.item(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.case.id == planned["overdue"],
                    timeout=10_000)
    assert main.current_page() == "cases"
    # The attention line about backups opens the office page.
    main.show_page("overview")
    page._activated(page.lists["attention"].item(attention.index("No backup folder is set up yet.")))
    assert main.current_page() == "office"
    # An office hour opens the office hours.
    main.show_page("overview")
    page._activated(page.lists["hours"].item(0))
    qtbot.waitUntil(lambda: bool(main.findChildren(OfficeHoursDialog)), timeout=10_000)
    dialog = main.findChildren(OfficeHoursDialog)[0]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7, timeout=10_000)
    dialog.close()


def test_a_follow_up_marked_done_leaves_the_overview(qtbot, controller: AppController,
                                                     filled_store: Path) -> None:
    planned = _plan_the_week(filled_store)
    main = unlock(qtbot, controller)
    page = main.overview
    qtbot.waitUntil(lambda: page.data is not None and len(page.data.followups) == 1, timeout=10_000)
    main.cases.open_case(planned["overdue"])
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None and editor.week.followups_model.rowCount() == 1,
                    timeout=10_000)
    assert editor.week.followups_model.record(0).what == "Rückruf Schule"
    editor.week.followups_table.selectRow(0)
    qtbot.mouseClick(editor.week.done_button, Qt.MouseButton.LeftButton)
    # The change notification refreshes the start page.
    qtbot.waitUntil(lambda: _texts(page, "followups") == ["No follow-ups due."], timeout=10_000)


def test_office_hours_are_added_in_their_dialog(qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    dialog = OfficeHoursDialog(main.runner, main.labels, main)
    qtbot.addWidget(dialog)
    dialog.weekday.setCurrentIndex(dialog.weekday.findData(3))
    dialog.start.setText("14:00")
    dialog.end.setText("13:00")
    dialog.town.set_code("hilden")
    dialog.add()
    qtbot.waitUntil(lambda: dialog.messages["end_time"].text() != "", timeout=10_000)
    dialog.end.setText("16:30")
    dialog.add()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.index(0, 0).data() == "Wednesday" and dialog.model.index(0, 2).data() == "Hilden"
    dialog.table.selectRow(0)
    dialog.remove_selected()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
