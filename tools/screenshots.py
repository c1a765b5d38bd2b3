#!/usr/bin/env python3
"""Render the app's main views offscreen into ``docs/screenshots/`` (German UI, demo data).

    python tools/screenshots.py [--out docs/screenshots] [--lang de]

A fresh demo store with invented cases is created in a temporary folder, the
real app is started on it offscreen, and each view is grabbed as a PNG at
1200 × 780 logical pixels (device pixel ratio 2 for sharp images in the README).

The handbook (docs/handbuch.md) needs more than the views of a filled store:
the first-start wizard page by page, a laptop's enrolment with its verification
code on both screens, a handover result with a conflict and a
refused file, the device list with a revoked laptop, and the lock screen. These
are produced from real stores too: an office and two laptops in temp folders
exchange real bundles through the services (``build_handover_scene``) before
the office's window hands over through the GUI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from beratungsdesk.gui.app import AppController, install_translations
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.first_start import FirstStartWindow
from beratungsdesk.gui.handover_view import EnrollDialog
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.services import demo
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.session_handover import JoinRequestInfo
from beratungsdesk.services.stores import ROLE_COUNSELOR, ROLE_OFFICE, init_store

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "screenshots only"
SIZE = (1200, 780)
CENTER = "Beratungsstelle gegen Alltagsrassismus"
#: The two texts of the scene's conflict (long enough for the side-by-side view).
OFFICE_OUTCOME = ("Beschwerdebrief an die Schulleitung geschickt. Die Schule hat ein Gespräch für "
                  "den 12. Januar angeboten; Frau K. möchte vorher mit der Klassenlehrerin sprechen.")
AYLIN_OUTCOME = ("Beschwerdebrief an die Schulleitung geschickt. Die Schule hat ein Gespräch für "
                 "den 19. Januar angeboten; Frau K. möchte vorher mit dem Elternbeirat sprechen.")
#: The day the handbook's scene plays on (the demo data's year, like the other views).
SCENE_DAY = dt.date(2022, 12, 15)


def pump(app: QApplication, seconds: float = 0.3, until: Callable[[], bool] | None = None) -> None:
    end = time.perf_counter() + (30 if until else seconds)
    while time.perf_counter() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.01)
    app.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    parser.add_argument("--only", choices=("auto-handover", "table-import", "week"),
                        help="render just this scene (default: every screenshot)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    install_translations(app, args.lang)
    if args.only:
        render_only(app, args.only, args.lang, args.out)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "demo"
        store = init_store(folder, PASSPHRASE, "office", "Beratungsstelle gegen Alltagsrassismus",
                           kdf_seconds=0.0)
        demo.fill(store, cases=240, seed=2022, today=dt.date(2022, 12, 15))
        store.close()
        settings = AppSettings(QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = args.lang
        first = AppController(app, Path(scratch) / "empty", settings)
        first.start()
        assert first.window is not None
        first.window.resize(600, 420)
        pump(app)
        grab(first.window, args.out / "first-start.png")
        first.window.close()
        first.shutdown()
        controller = AppController(app, folder, settings)
        controller.start()
        unlock = controller.window
        assert unlock is not None
        unlock.resize(520, 260)
        pump(app)
        grab(unlock, args.out / "unlock.png")
        unlock.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
        unlock.unlock()  # type: ignore[attr-defined]
        pump(app, until=lambda: controller.main is not None)
        main_window = controller.main
        assert isinstance(main_window, MainWindow)
        main_window.resize(*SIZE)
        model = main_window.cases.list.model
        pump(app, until=lambda: model.rowCount() > 0 and not model.loading)
        pump(app, 0.5)
        render_views(app, main_window, args.out)
        render_table_import(app, main_window, Path(scratch), args.out)
        controller.shutdown()
        render_handbook(app, Path(scratch), settings, args.out)
        render_auto_handover(app, Path(scratch), settings, args.out)
        render_week(app, Path(scratch), settings, args.out)
    return 0


def render_only(app: QApplication, scene: str, language: str, out: Path) -> None:
    """One scene's pictures, with its own scratch folder and settings."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = AppSettings(QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = language
        render = {"auto-handover": render_auto_handover, "table-import": render_table_import_scene,
                  "week": render_week}[scene]
        render(app, Path(scratch), settings, out)


def render_week(app: QApplication, scratch: Path, settings: AppSettings, out: Path) -> None:
    """The start page and a case's follow-ups and appointments, on a demo store of this week."""
    from beratungsdesk.services.week import WeekService

    folder = scratch / "week"
    store = init_store(folder, PASSPHRASE, "office", "Beratungsstelle gegen Alltagsrassismus",
                       kdf_seconds=0.0)
    today = dt.date.today()
    demo.fill(store, cases=60, seed=2026, today=today)
    week = WeekService(store)
    numbers = [row[0] for row in store.conn.execute(
        "SELECT id FROM cases WHERE status = 'open' ORDER BY opened_on DESC LIMIT 4")]
    week.add_followup(numbers[0], today - dt.timedelta(days=3), "Antwort der Schule nachfragen")
    week.add_followup(numbers[1], today, "Beschwerdebrief an die Hausverwaltung abschicken")
    week.add_followup(numbers[2], today + dt.timedelta(days=4), "Termin beim Jobcenter vorbereiten")
    week.add_appointment(numbers[0], today, "14:30", town="hilden", minutes=45,
                         participants=("Dolmetscherin",))
    week.add_appointment(numbers[3], today + dt.timedelta(days=1), "10:00",
                         place="Rathaus Mettmann, Raum 3")
    towns = ("mettmann", "velbert", "ratingen", "hilden", "langenfeld")
    for weekday, town in enumerate(towns, start=1):
        week.add_office_hour(weekday, "09:00", "12:00", town)
    store.close()
    controller = AppController(app, folder, settings)
    controller.start()
    window = unlock_app(app, controller)
    pump(app, until=lambda: window.overview.data is not None and window.overview.preview is not None)
    pump(app, 0.5)
    grab(window, out / "overview.png")
    window.show_page("cases")
    window.cases.open_case(numbers[0])
    editor = window.cases.editor
    pump(app, until=lambda: editor.record is not None)
    editor.tabs.setCurrentWidget(editor.week)
    pump(app, until=lambda: editor.week.appointments_model.rowCount() > 0)
    pump(app, 0.3)
    grab(window, out / "case-followups.png")
    controller.shutdown()


def render_views(app: QApplication, window: MainWindow, out: Path) -> None:
    window.show_page("cases")  # the start page comes first after unlocking
    pump(app, 0.3)
    grab(window, out / "case-list.png")
    editor = window.cases.editor
    window.cases.open_case(window.cases.list.model.case_id(3) or "")
    pump(app, until=lambda: editor.record is not None)
    pump(app, 0.3)
    grab(window, out / "case-editor.png")
    render_date_input(app, window, out)
    editor.tabs.setCurrentIndex(2)
    editor.contacts.timer.toggle()  # a conversation under way: the timer runs, the button says "stop"
    pump(app, 1.3)
    grab(window, out / "case-contacts.png")
    editor.contacts.timer.reset()
    editor.tabs.setCurrentIndex(3)
    pump(app)
    grab(window, out / "case-interventions.png")
    editor.tabs.setCurrentIndex(4)
    pump(app)
    grab(window, out / "case-notes.png")
    referred: list[str] = []  # a case with referrals, found on the worker like every read
    window.runner.call(lambda b: NetworkService(b.require().store).referrals()[0].case_id, referred.append)
    pump(app, until=lambda: bool(referred))
    window.cases.open_case(referred[0])
    pump(app, until=lambda: editor.record is not None and editor.record.case.id == referred[0])
    editor.tabs.setCurrentWidget(editor.referrals)
    pump(app, until=lambda: editor.referrals.model.rowCount() > 0)
    pump(app, 0.3)
    grab(window, out / "case-referrals.png")
    window.cases.show_list()
    render_protection(app, window, out)
    render_documents(app, window, out)
    render_network(app, window, out)
    render_outreach(app, window, out)
    for page, name in (("handover", "handover.png"),
                       ("office", "office.png"), ("clients", "clients.png"),
                       ("settings", "settings.png")):
        if page in window._page_names:
            window.show_page(page)
            if page == "office":  # the handbook's picture of the Team tab
                window.office.tabs.setCurrentIndex(0)
                pump(app, until=lambda: window.office.team_model.rowCount() > 0)
                window.office.team_table.selectRow(0)
            pump(app, 0.6)
            grab(window, out / name)
    render_statistics(app, window, out)


def render_statistics(app: QApplication, window: MainWindow, out: Path) -> None:
    window.show_page("statistics")
    statistics = window.statistics
    statistics.breakdown.setCurrentIndex(statistics.breakdown.findData("areas"))
    statistics.set_period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))  # the demo data's year
    pump(app, until=lambda: statistics.statistics is not None and not statistics.stale
         and statistics.statistics.start.year == 2022)
    pump(app, 0.3)
    grab(window, out / "statistics.png")
    # The cases by month read as a time line (issue 18's breakdowns for funders).
    statistics.breakdown.setCurrentIndex(statistics.breakdown.findData("by_month"))
    pump(app, 0.3)
    grab(window, out / "statistics-months.png")


def render_date_input(app: QApplication, window: MainWindow, out: Path) -> None:
    """The date field: a typed date that is no date keeps its text and says so; the
    calendar of the empty closing date opens at the case's opening date, with "Heute"."""
    editor = window.cases.editor
    editor.fields["closed_on"].edit.setText("31.6.22")
    editor.fields["closed_on"].edit.editingFinished.emit()
    pump(app)
    grab(window, out / "date-typed-wrong.png")
    editor.fields["closed_on"].edit.clear()
    editor.fields["closed_on"].open_calendar()
    popup = editor.fields["closed_on"]._popup
    assert popup is not None
    pump(app, until=popup.isVisible)
    pump(app)
    shot = window.grab()  # the popup is a window of its own: painted onto the main window's image
    painter = QPainter(shot)
    painter.drawPixmap(window.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0))), popup.grab())
    painter.end()
    shot.save(str(out / "date-calendar.png"))
    popup.hide()
    editor.discard()
    pump(app)


def render_protection(app: QApplication, window: MainWindow, out: Path) -> None:
    """Consents (clients page, case editor), the consent warning, the audit log and retention."""
    window.show_page("clients")
    clients = window.clients
    pump(app, until=lambda: clients.model.rowCount() > 1)
    client = clients.model.record(1)
    done: list[object] = []
    window.runner.call(lambda b: b.require().protection.add_consent(
        client.id, ("counseling", "statistics"), "written", dt.date(2022, 3, 14)), done.append)
    pump(app, until=lambda: bool(done))
    clients.table.selectRow(1)
    pump(app, until=lambda: clients.consents.model.rowCount() > 0)
    pump(app, 0.4)
    grab(window, out / "clients-consents.png")
    editor = window.cases.editor
    window.show_page("cases")
    window.cases.list.search.setText(client.code)
    window.cases.list.apply_filter()
    model = window.cases.list.model
    pump(app, until=lambda: model.rowCount() > 0 and not model.loading
         and model.index(0, 1).data() == client.code)
    window.cases.open_case(model.case_id(0) or "")
    pump(app, until=lambda: editor.record is not None and editor.consents.state is not None)
    editor.tabs.setCurrentIndex(1)
    pump(app, 0.4)
    grab(window, out / "case-client-consents.png")
    editor.tabs.setCurrentIndex(5)
    pump(app, 0.4)
    grab(window, out / "case-documents-consent-warning.png")
    window.cases.show_list()
    window.cases.list.search.clear()
    window.cases.list.apply_filter()
    office = window.office
    if office is None:
        return
    window.show_page("office")
    office.tabs.setCurrentWidget(office.audit)
    pump(app, until=lambda: office.audit.model.rowCount() > 0)
    office.audit.verify()
    pump(app, until=lambda: "intakt" in office.audit.result.text() or "intact" in office.audit.result.text())
    pump(app, 0.3)
    grab(window, out / "office-audit.png")
    office.tabs.setCurrentWidget(office.retention)
    pump(app, until=lambda: office.retention.overview is not None)
    pump(app, 0.3)
    grab(window, out / "office-retention.png")


def render_documents(app: QApplication, window: MainWindow, out: Path) -> None:
    """The complaint letter of a case (recipient typed in) and the short report's texts."""
    editor = window.cases.editor
    window.cases.open_case(window.cases.list.model.case_id(3) or "")
    pump(app, until=lambda: editor.record is not None)
    editor.tabs.setCurrentIndex(3)
    editor.open_letter()
    pump(app, until=lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible())
    dialog = editor.letter_dialog
    assert dialog is not None
    dialog.recipient.setPlainText("Wohnungsbaugesellschaft Beispielstadt mbH\nBeschwerdestelle\n"
                                  "Marktplatz 1\n12345 Beispielstadt")  # invented
    pump(app, 0.4)
    grab(dialog, out / "case-letter.png")
    dialog.reject()
    window.cases.show_list()
    office = window.office
    if office is None:
        return
    window.show_page("office")
    office.tabs.setCurrentIndex(2)
    pump(app, until=lambda: office.report_texts.tabs.count() > 0)
    pump(app, 0.4)
    grab(window, out / "office-profile-texts.png")


def render_outreach(app: QApplication, window: MainWindow, out: Path) -> None:
    """An outreach day under way: two people recorded, the third one's code is a known client."""
    window.show_page("outreach")
    outreach = window.outreach
    outreach.place.setText("Rathaus, Raum 2")
    outreach.counselor.setCurrentIndex(max(outreach.counselor.findText("Aylin Demir"), 0))
    for code, minutes in (("K-0815", 40), ("K-0816", 25)):
        outreach.client.setText(code)
        outreach.minutes.setValue(minutes)
        count = outreach.today.count()
        outreach.save()
        pump(app, until=lambda count=count: outreach.today.count() > count)
    outreach.client.setText("K-00012")
    pump(app, until=lambda: bool(outreach.client_hint.text()))
    pump(app, 0.3)
    grab(window, out / "outreach-day.png")
    outreach.client.clear()


def render_network(app: QApplication, window: MainWindow, out: Path) -> None:
    """The prevention and network page: each tab with its first record selected."""
    window.show_page("network")
    network = window.network
    pump(app, until=lambda: network.workshops.model.rowCount() > 0)
    for tab, name in ((network.workshops, "network-workshops.png"),
                      (network.partners, "network-partners.png"),
                      (network.meetings, "network-meetings.png")):
        network.tabs.setCurrentWidget(tab)
        tab.table.selectRow(0)
        pump(app, 0.6)
        grab(window, out / name)
    window.show_page("outreach")
    dialog = window.outreach.new_workshop()
    pump(app, 0.4)
    grab(dialog, out / "outreach-workshop-request.png")
    dialog.reject()


# --- the handbook's scenes ----------------------------------------------------


def render_handbook(app: QApplication, scratch: Path, settings: AppSettings, out: Path) -> None:
    """First start, enrolment, a handover with everything that can go wrong, the lock screen."""
    base = scratch / "handbook"
    base.mkdir()
    office_folder, stick, invitation = build_handover_scene(base)
    request = render_first_start(app, base, settings, invitation, out)
    settings.handover_folder = str(stick)
    settings.auto_handover = False  # this scene shows the button's handover in the office
    controller = AppController(app, office_folder, settings)
    controller.start()
    window = unlock_app(app, controller)
    render_office_handover(app, window, out)
    render_side_by_side(app, window, out)
    render_enrolment(app, window, request, out)
    render_office_pages(app, window, out)
    render_new_case(app, window, out)
    render_auto_lock(app, controller, window, out)
    controller.shutdown()
    render_laptop_notice(app, base / "Laptop-Aylin", settings, out)
    settings.auto_handover = True


def render_auto_handover(app: QApplication, scratch: Path, settings: AppSettings, out: Path) -> None:
    """A laptop whose stick is plugged in: it hands over by itself; the note and the history say so."""
    base = scratch / "auto-handover"
    stick = base / "stick"
    stick.mkdir(parents=True)
    office = init_store(base / "office", PASSPHRASE, ROLE_OFFICE, CENTER, kdf_seconds=0.0)
    CaseService(office).add_counselor("Aylin Demir", "AD")
    laptop = init_store(base / "Laptop-Aylin", PASSPHRASE, ROLE_COUNSELOR, "Laptop Aylin", kdf_seconds=0.0)
    office_side = HandoverService(office)
    invitation = office_side.invite(stick)
    request_file, _code, _office_key = HandoverService(laptop).join(invitation, stick)
    request, _same_code = office_side.read_join_request(request_file)
    office_side.enroll(request, "Aylin Demir", stick)
    invitation.unlink()
    request_file.unlink()
    HandoverService(laptop).run_folder(stick)  # enrolled by the office's first file
    cases = CaseService(laptop)
    for code, area in (("K-4102", "work"), ("K-4103", "housing"), ("K-4104", "education")):
        case = cases.open_case(cases.find_or_create_client(code), area, opened_on=SCENE_DAY)
        cases.log_contact(case.id, 40, on=SCENE_DAY, channel="outreach")
    for store in (office, laptop):
        store.close()
    away = base / "stick-in-the-bag"
    stick.rename(away)  # the counselor is still on the road
    settings.handover_folder = str(stick)
    settings.auto_handover = True
    controller = AppController(app, base / "Laptop-Aylin", settings)
    controller.start()
    window = unlock_app(app, controller)
    window.show_page("handover")
    view = window.handover
    view.auto.watch.set_intervals(50, 50)
    pump(app, until=lambda: view.auto.watch.looks > 0)
    results: list[object] = []
    view.auto.finished.connect(results.append)
    away.rename(stick)  # back at the office: the stick is plugged in
    pump(app, until=lambda: bool(results))
    view.lower_tabs.setCurrentWidget(view.history)
    pump(app, until=lambda: view.history.count() > 0)
    pump(app, 0.4)
    grab(window, out / "handover-auto.png")
    view.auto.stop()
    controller.shutdown()


def unlock_app(app: QApplication, controller: AppController) -> MainWindow:
    unlock = controller.window
    unlock.passphrase.setText(PASSPHRASE)  # type: ignore[union-attr]
    unlock.unlock()  # type: ignore[union-attr]
    pump(app, until=lambda: controller.main is not None)
    window = controller.main
    assert isinstance(window, MainWindow)
    window.resize(*SIZE)
    model = window.cases.list.model
    pump(app, until=lambda: model.rowCount() > 0 and not model.loading)
    return window


def build_handover_scene(base: Path) -> tuple[Path, Path, Path]:
    """An office with two enrolled laptops and a handover folder holding what the handbook explains.

    Laptop Aylin handed over three times, but her first two files never reached
    the stick (missing bundles), and she and the office changed the same field of
    one case (a conflict). Laptop Jonas was lost: the office revoked it, so its
    file on the stick is refused. Returns the office folder, the stick and an
    invitation for a third laptop (set up through the first-start wizard).
    """
    stick = base / "stick"
    stick.mkdir()
    office = init_store(base / "office", PASSPHRASE, ROLE_OFFICE, CENTER, kdf_seconds=0.0)
    demo.fill(office, cases=60, seed=7, today=SCENE_DAY)
    office_side = HandoverService(office)
    laptops = {}
    for name, counselor in (("Laptop Aylin", "Aylin Demir"), ("Laptop Jonas", "Jonas Okafor")):
        laptop = init_store(base / name.replace(" ", "-"), PASSPHRASE, ROLE_COUNSELOR, name, kdf_seconds=0.0)
        invitation = office_side.invite(stick)
        request_file, _code, _office_key = HandoverService(laptop).join(invitation, stick)
        request, _same_code = office_side.read_join_request(request_file)
        office_side.enroll(request, counselor, stick)
        invitation.unlink()
        request_file.unlink()
        HandoverService(laptop).run_folder(stick)  # takes in the office's first file: enrolled
        laptops[name] = laptop
    aylin, aylin_cases = laptops["Laptop Aylin"], CaseService(laptops["Laptop Aylin"])
    before = set(stick.iterdir())
    new_case = aylin_cases.open_case(aylin_cases.find_or_create_client("K-2291"), "work",
                                     opened_on=SCENE_DAY, summary="Bewerbung wegen des Namens abgelehnt")
    HandoverService(aylin).run_folder(stick)
    for lost in set(stick.iterdir()) - before:  # this file never reached the office
        lost.unlink()
    shared = next(row for row in aylin_cases.page(CaseFilter()).rows if row.id != new_case.id)
    CaseService(office).update("case", shared.id, {"outcome": OFFICE_OUTCOME})
    aylin_cases.update("case", shared.id, {"outcome": AYLIN_OUTCOME})
    aylin_cases.log_contact(new_case.id, 45, on=SCENE_DAY, channel="phone")
    HandoverService(aylin).run_folder(stick)
    jonas = laptops["Laptop Jonas"]
    jonas_cases = CaseService(jonas)
    jonas_cases.open_case(jonas_cases.find_or_create_client("K-3310"), "housing", opened_on=SCENE_DAY)
    HandoverService(jonas).run_folder(stick)
    office_side.revoke("Laptop Jonas")  # the laptop was lost
    marta_stick = base / "stick-marta"
    marta_stick.mkdir()
    invitation = office_side.invite(marta_stick)
    for store in (office, *laptops.values()):
        store.close()
    return base / "office", stick, invitation


def render_first_start(app: QApplication, base: Path, settings: AppSettings, invitation: Path,
                       out: Path) -> Path:
    """The wizard's pages: the office store, then a laptop joining (its code page). Returns the request."""
    office = AppController(app, base / "BeratungsDesk", settings)
    office.start()
    wizard = office.window
    assert isinstance(wizard, FirstStartWindow)
    wizard.resize(640, 470)
    wizard.create_button.click()
    wizard.name.setText(CENTER)
    fill_passphrase(wizard, "Unser Büro öffnet montags um neun Uhr")
    pump(app)
    grab(wizard, out / "first-start-office.png")
    wizard.close()
    office.shutdown()  # the office store itself is not created here: build_handover_scene made one

    laptop = AppController(app, base / "Laptop-Marta", settings)
    laptop.start()
    wizard = laptop.window
    assert isinstance(wizard, FirstStartWindow)
    wizard.resize(640, 470)
    wizard.start_laptop(invitation)  # what "Set up this laptop…" does after the file dialog
    wizard.name.setText("Laptop Marta")
    fill_passphrase(wizard, "Marta fährt dienstags nach Velbert")
    pump(app)
    grab(wizard, out / "first-start-laptop.png")
    wizard.create_store()
    pump(app, until=lambda: wizard.pages.currentIndex() == 2)
    wizard.resize(640, 400)
    pump(app)
    grab(wizard, out / "first-start-code.png")
    wizard.close()
    laptop.shutdown()
    return next(p for p in invitation.parent.iterdir() if p != invitation)


def fill_passphrase(wizard: FirstStartWindow, phrase: str) -> None:
    wizard.new_passphrase.first.setText(phrase)
    wizard.new_passphrase.second.setText(phrase)
    wizard.understood.setChecked(True)


def render_office_handover(app: QApplication, window: MainWindow, out: Path) -> None:
    """The office hands over: result lines, the conflict list, the device list."""
    window.show_page("handover")
    view = window.handover
    pump(app, until=lambda: bool(view.names))
    view.run()
    pump(app, until=lambda: view.result.count() > 0 and view.run_button.isEnabled())
    pump(app, until=lambda: view.conflicts_model.rowCount() > 0)
    view.conflicts_table.selectRow(0)
    pump(app, 0.5)
    grab(window, out / "handover-result.png")
    grab(view.lower_tabs, out / "conflicts.png")
    view.lower_tabs.setCurrentIndex(1)
    pump(app, until=lambda: view.devices_model.rowCount() > 1)
    view.devices_table.selectRow(1)
    pump(app, 0.3)
    grab(window, out / "devices.png")


def render_side_by_side(app: QApplication, window: MainWindow, out: Path) -> None:
    """The conflict's two long texts side by side; then the office keeps its own text, and
    hands over, so that Aylin's laptop is told (``render_laptop_notice``)."""
    panel = window.handover.conflicts
    window.show_page("handover")
    window.handover.lower_tabs.setCurrentIndex(0)
    panel.table.selectRow(0)
    panel.compare()
    dialog = panel.dialog
    assert dialog is not None
    dialog.resize(900, 420)
    pump(app, until=dialog.isVisible)
    pump(app, 0.3)
    grab(dialog, out / "conflicts-side-by-side.png")
    dialog.take_button.click()  # the office's own text: "take the other value"
    pump(app, until=lambda: panel.model.rowCount() == 0)
    view = window.handover
    view.run()
    pump(app, until=lambda: view.result.count() > 0 and view.run_button.isEnabled())


def render_laptop_notice(app: QApplication, folder: Path, settings: AppSettings, out: Path) -> None:
    """Aylin's laptop takes in the office's decision: her text was replaced, and she is told."""
    laptop = AppController(app, folder, settings)
    laptop.start()
    window = unlock_app(app, laptop)
    window.show_page("handover")
    view = window.handover
    pump(app, until=lambda: bool(view.names))
    view.run()
    pump(app, until=lambda: view.result.count() > 0 and view.run_button.isEnabled())
    pump(app, until=lambda: view.conflicts.notices.count() > 0)
    pump(app, 0.5)
    grab(view.lower_tabs, out / "conflict-notice.png")
    laptop.shutdown()


def render_enrolment(app: QApplication, window: MainWindow, request: Path, out: Path) -> None:
    """The office's side of enrolling: the same code as on the laptop, and whose laptop it is."""
    found: list[JoinRequestInfo] = []
    handover_ops.read_join_request(request).run(window.runner, window, found.append)
    pump(app, until=lambda: bool(found))
    dialog = EnrollDialog(found[0].code, found[0].name, window.labels, window)
    dialog.counselor.setCurrentIndex(max(dialog.counselor.findText("Marta Kowalczyk"), 0))
    dialog.resize(520, 260)
    dialog.show()
    pump(app, 0.4)
    grab(dialog, out / "enroll-dialog.png")
    dialog.reject()


def render_office_pages(app: QApplication, window: MainWindow, out: Path) -> None:
    window.show_page("office")
    office = window.office
    assert office is not None
    for index, name in ((1, "office-lists.png"),):  # the profile tab: render_documents
        office.tabs.setCurrentIndex(index)
        pump(app, 0.6)
        grab(window, out / name)
    render_backup_tab(app, window, out)


def render_backup_tab(app: QApplication, window: MainWindow, out: Path) -> None:
    """The office's backup tab after "Back up now" into a folder on an external disk."""
    office = window.office
    assert office is not None
    folder = Path(tempfile.mkdtemp(prefix="usb-")) / "BeratungsDesk-Sicherung"
    done: list[object] = []
    window.runner.call(lambda b: b.require().backup.create_checked(folder), done.append)
    pump(app, until=lambda: bool(done))
    office.tabs.setCurrentWidget(office.backups)
    pump(app, until=lambda: office.backups.model.rowCount() == 1)
    pump(app, 0.4)
    grab(window, out / "office-backup.png")
    shutil.rmtree(folder.parent, ignore_errors=True)


def render_table_import_scene(app: QApplication, scratch: Path, settings: AppSettings, out: Path) -> None:
    """Only the table import's pictures: an office store with a few demo cases."""
    folder = scratch / "demo"
    store = init_store(folder, PASSPHRASE, "office", CENTER, kdf_seconds=0.0)
    demo.fill(store, cases=40, seed=2022, today=SCENE_DAY)
    store.close()
    controller = AppController(app, folder, settings)
    controller.start()
    window = unlock_app(app, controller)
    window.resize(*SIZE)
    render_table_import(app, window, scratch, out)
    controller.shutdown()


def render_table_import(app: QApplication, window: MainWindow, scratch: Path, out: Path) -> None:
    """"Tabelle importieren…": an .xlsx with one bad row, then the same file corrected."""
    from beratungsdesk.gui.table_import_dialog import TableImportDialog

    sys.path.insert(0, str(ROOT))
    from tests.spreadsheet_files import write_xlsx

    rows = [
        ("2023-0101", "K-3101", dt.datetime(2023, 1, 9), dt.datetime(2023, 3, 2), "Wohnen",
         "Rassistische Zuschreibung", "Beschwerdebrief", 2.5, "Hilden", "Aylin Demir"),
        ("2023-0102", "K-3102", dt.datetime(2023, 1, 16), None, "Bildung", "Religion",
         "Psychosoziale Beratung", dt.time(1, 30), "Ratingen", "JO"),
        ("2023-0103", "K-3103", dt.datetime(2023, 2, 6), None, "Arbeitswelt", "Sprache", None, 1,
         "Mettmann", "Aylin Demir"),
        ("2023-0104", "K-3104", dt.datetime(2023, 2, 20), None, "Öffentliche Institutionen",
         "Staatsangehörigkeit", "Verweis an Fachstelle", ("=0.5*3", 1.5), "Velbert", "JO"),
    ]
    window.show_page("cases")
    dialog = TableImportDialog(window.runner, "cases", window)
    dialog.resize(1000, 560)
    dialog.show()
    for name, sheet_rows, picture in (
            ("Faelle-2023.xlsx", rows, "table-import-problems.png"),
            ("Faelle-2023-korrigiert.xlsx", [r if r[4] != "Arbeitswelt" else (*r[:4], "Arbeit", *r[5:])
                                            for r in rows], "table-import-preview.png")):
        path = scratch / name
        write_xlsx(path, sheet_rows, title="Fälle 2023")
        dialog.preview = None
        dialog.set_file(path)
        pump(app, until=lambda: dialog.preview is not None)
        pump(app, 0.3)
        grab(dialog, out / picture)
    dialog.reject()


def render_new_case(app: QApplication, window: MainWindow, out: Path) -> None:
    window.show_page("cases")
    dialog = NewCaseDialog(window.runner, window.labels, window)
    dialog.client.setText("K-0815")
    dialog.show()
    pump(app, 0.4)
    grab(dialog, out / "new-case.png")
    dialog.reject()


def render_auto_lock(app: QApplication, controller: AppController, window: MainWindow, out: Path) -> None:
    """Locked after inactivity while a case had unsaved input: the unlock window says it was
    kept, and after unlocking the input is back with the note that it is not saved yet."""
    window.cases.open_case(window.cases.list.model.case_id(0) or "")
    editor = window.cases.editor
    pump(app, until=lambda: editor.record is not None)
    editor.fields["outcome"].setPlainText("angefangen, nicht gespeichert")
    pump(app)
    controller.lock(automatic=True)
    pump(app, until=lambda: controller.main is None)
    unlock = controller.window
    assert unlock is not None
    unlock.resize(520, 300)
    pump(app, 0.4)
    grab(unlock, out / "locked.png")
    again = unlock_app(app, controller)
    editor = again.cases.editor
    pump(app, until=lambda: again.draft_banner.isVisible() and editor.record is not None)
    pump(app, 0.4)
    grab(again, out / "draft-restored.png")


if __name__ == "__main__":
    sys.exit(main())
