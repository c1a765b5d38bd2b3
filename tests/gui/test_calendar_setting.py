"""The laptop's calendar setting: off by default; on, the next handover writes the .ics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog

from beratungsdesk.gui.app import AppController
from beratungsdesk.services.calendar import FILE_NAME
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.gui.test_laptop_data import tick
from tests.integration.sync_helpers import counselor_id, enroll, handover


def test_the_setting_writes_the_calendar_on_the_next_handover(qtbot, qapp, settings, make_store,
                                                              tmp_path: Path, monkeypatch) -> None:
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(office)
    case = cases.open_case(cases.find_or_create_client("K-0042", name="Name Geheim"), "housing",
                           dt.date(2026, 1, 3), counselor_id=counselor_id(laptop))
    WeekService(office).add_appointment(case.id, dt.date.today(), "10:00", town="velbert")
    handover(office_service, laptop_service, tmp_path)
    office.close()
    laptop.close()
    chosen = tmp_path / "kalender"
    chosen.mkdir()
    # The folder dialog is the desktop's: it answers with the chosen folder.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(chosen))

    controller = AppController(qapp, laptop.folder, settings)
    try:
        main = unlock(qtbot, controller)
        main.show_page("settings")
        box = main.settings_view.laptop_calendar
        assert box is not None
        qtbot.waitUntil(box.enabled.isEnabled, timeout=10_000)
        assert not box.enabled.isChecked()  # off by default
        tick(qtbot, box.enabled)
        qtbot.waitUntil(lambda: box.enabled.isEnabled() and box.enabled.isChecked(), timeout=10_000)
        assert FILE_NAME in box.folder_label.text()
    finally:
        controller.shutdown()

    with Store.open(laptop.folder, PASSPHRASE) as store:
        stick = tmp_path / "stick"
        stick.mkdir()
        HandoverService(store).run_folder(stick)
    raw = (chosen / FILE_NAME).read_bytes()
    assert [str(e["summary"]) for e in Calendar.from_ical(raw).walk("VEVENT")] == [
        f"Termin Fall {case.number} – Velbert"]
    assert b"K-0042" not in raw and b"Geheim" not in raw
