"""The handbook (docs/handbuch.md), followed step by step in the German app on real stores.

A new user starts the program on an empty folder, creates the office store through
the wizard, adds a counselor to the team, opens a case, logs a contact with the
session timer, locks and unlocks, and writes the annual short report (PDF) and the
CSV figures from the statistics page. Each step asserts what the handbook
promises: the German labels it names, the messages it quotes, and the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QPushButton, QWidget

from beratungsdesk.gui.app import AppController, install_translations
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.first_start import FirstStartWindow
from beratungsdesk.gui.handover_view import EnrollDialog
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.demo import DEMO_CASES
from beratungsdesk.services.stores import ROLE_OFFICE, init_store, store_exists
from tests.gui.modal import when_modal

HANDBOOK = Path(__file__).resolve().parents[2] / "docs" / "handbuch.md"
PASSPHRASE = "Unser Büro öffnet montags um neun Uhr"
CENTER = "Beratungsstelle gegen Alltagsrassismus"


def plain(text: str) -> str:
    """A label as the handbook writes it: without the '&' that marks the Alt key."""
    return text.replace("&", "")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The app in German, as counselors use it (the default language); restored afterwards."""
    locale = QLocale()
    translators = install_translations(qapp, "de")
    assert translators, "the German translation must load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def handbook() -> str:
    """The handbook's text with line breaks and runs of spaces as single spaces."""
    return " ".join(HANDBOOK.read_text(encoding="utf-8").split())


def test_from_first_start_to_the_annual_report(
        qtbot, qapp, german, handbook: str, settings: AppSettings, tmp_path: Path) -> None:
    folder = tmp_path / "BeratungsDesk"
    reports = tmp_path / "Berichte"
    reports.mkdir()
    settings.q.setValue("reports/folder", str(reports))
    controller = AppController(qapp, folder, settings)
    try:
        main = first_start(qtbot, controller, handbook)
        add_counselor(qtbot, main, handbook)
        case_number = new_case(qtbot, main, handbook)
        log_contact_with_timer(qtbot, main, handbook)
        save_and_validate(qtbot, main, handbook)
        main = lock_and_unlock(qtbot, controller, handbook)
        annual_report(qtbot, main, handbook, reports)
        assert case_number in [main.cases.list.model.index(row, 0).data()
                               for row in range(main.cases.list.model.rowCount())]
    finally:
        close_all(controller)


# --- the steps, in the handbook's order ---------------------------------------


def first_start(qtbot, controller: AppController, handbook: str) -> MainWindow:
    """Erster Start → Datenbestand des Büros anlegen; Die Passphrase."""
    controller.start()
    wizard = controller.window
    assert isinstance(wizard, FirstStartWindow)
    for button in (wizard.create_button, wizard.laptop_button, wizard.demo_button, wizard.existing_button):
        assert f"**{plain(button.text())}**" in handbook
    wizard.create_button.click()
    assert wizard.pages.currentIndex() == 1
    assert plain(wizard.name_label.text()).rstrip(":") in handbook  # "Name der Beratungsstelle"
    assert plain(wizard.understood.text()) in handbook
    assert plain(wizard.create_store_button.text()) == "Datenbestand anlegen"
    wizard.name.setText(CENTER)

    fields = wizard.new_passphrase
    for first, second, message in (
            ("kurz", "kurz", "Die Passphrase ist zu kurz: Sie braucht mindestens 10 Zeichen; ein Satz aus "
                             "mehreren Wörtern ist leicht zu merken."),
            ("a" * 20, "a" * 20, "Die Passphrase ist zu leicht zu erraten: Sie braucht eine Stärke von "
                                 "mindestens 3 von 4 in der Schätzung von zxcvbn. Nehmen Sie einen Satz "
                                 "aus vier oder mehr Wörtern, keine bekannte Redewendung."),
            (PASSPHRASE, PASSPHRASE + "!", "Die beiden Passphrasen stimmen nicht überein.")):
        fields.first.setText(first)
        fields.second.setText(second)
        wizard.create_store()
        assert fields.message.text() == message
        assert f"„{message}“" in handbook
        assert not store_exists(controller.folder)  # refused: nothing is created
    fields.second.setText(PASSPHRASE)
    assert fields.strength_text.text() == "Stark."  # a sentence of seven words
    wizard.create_store()  # the box "understood" is not ticked yet
    assert not store_exists(controller.folder)
    assert "Ohne Häkchen legt das Programm nichts an" in handbook
    wizard.understood.setChecked(True)
    wizard.create_store()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=60_000)
    main = controller.main
    assert main is not None and main.info.is_office
    assert store_exists(controller.folder)
    assert main.windowTitle() == f"BeratungsDesk – {CENTER}"
    navigation = [main.nav.item(row).text() for row in range(main.nav.count())]
    assert navigation == ["Übersicht", "Fälle", "Außentermin", "Klient*innen", "Übergabe", "Statistik",
                          "Prävention", "Büro", "Einstellungen"]
    for page, shortcut in zip(navigation, ("Strg+0", "Strg+1", "Strg+2", "Strg+5", "Strg+3", "Strg+4",
                                           "Strg+6", "Strg+8", "Strg+9"), strict=True):
        assert f"| **{page}** | {shortcut} |" in handbook
    return main


def add_counselor(qtbot, main: MainWindow, handbook: str) -> None:
    """Büro → Team: the counselor the new case and the laptop are assigned to."""
    main.show_page("office")
    office = main.office
    assert office is not None
    assert [plain(office.tabs.tabText(i)) for i in range(3)] == ["Team", "Listen", "Organisationsprofil"]
    office.member_name.setText("Marta Kowalczyk")
    office.member_initials.setText("MK")
    office.add_member()
    qtbot.waitUntil(lambda: office.team_model.rowCount() == 1, timeout=10_000)
    assert "**Zum Team hinzufügen**" in handbook
    qtbot.waitUntil(lambda: "Marta Kowalczyk" in [name for _id, name in main.labels.counselors],
                    timeout=10_000)


def new_case(qtbot, main: MainWindow, handbook: str) -> str:
    """Fälle → Neuer Fall (Strg+N): the case opens in the editor with its new number."""
    main.show_page("cases")
    listing = main.cases.list
    assert plain(listing.new_button.text()) == "Neuer Fall" and "**Neuer Fall** (Strg+N)" in handbook

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NewCaseDialog)
        assert dialog.opened.value() == dt.date.today()  # "heute ist vorgewählt"
        dialog.save()  # without a client code
        assert dialog.messages["code"].text() == "Das Klient*innen-Kürzel fehlt."
        dialog.client.setText("K-0815")
        dialog.counselor.setCurrentIndex(dialog.counselor.findText("Marta Kowalczyk"))
        dialog.save()

    filled = when_modal(NewCaseDialog, fill)
    listing.new_button.click()  # returns when the dialog has closed
    filled.check()
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    assert main.cases.currentWidget() is editor
    number = editor.record.case.number
    assert number == f"{dt.date.today().year}-0001"  # year and running number
    assert editor.title.text() == f"Fall {number} · K-0815"
    assert [plain(editor.tabs.tabText(i)).split(" (")[0] for i in range(editor.tabs.count())] == [
        "Fall", "Klient*in", "Kontakte", "Interventionen", "Notizen", "Dokumente", "Vermittlungen",
        "Wiedervorlagen und Termine"]
    assert ("**Fall**, **Klient*in**, **Kontakte**, **Interventionen**, **Notizen**, **Dokumente**, "
            "**Vermittlungen** und **Wiedervorlagen und Termine**") in handbook
    return number


def log_contact_with_timer(qtbot, main: MainWindow, handbook: str) -> None:
    """Kontakte: "Gespräch starten", then "Kontakt erfassen" stops the timer and saves its time."""
    editor = main.cases.editor
    editor.tabs.setCurrentIndex(2)
    timer = editor.contacts.timer
    assert plain(timer.button.text()) == "Gespräch starten"
    timer.button.click()
    assert timer.running and plain(timer.button.text()) == "Gespräch beenden"
    assert "**Gespräch starten**" in handbook and "**Gespräch beenden**" in handbook
    assert plain(editor.contacts.add_button.text()) == "Kontakt erfassen"
    editor.contacts.add_button.click()  # while the timer still runs
    assert not timer.running
    qtbot.waitUntil(lambda: editor.contacts.model.rowCount() == 1, timeout=10_000)
    contact = editor.contacts.model.record(0)
    assert contact.duration_min == 1  # whole minutes, at least 1
    assert re.fullmatch(r"\d\d:\d\d", contact.start_time or "")  # the timer's start, as HH:MM
    assert editor.contacts.total.text() == "1 Kontakt, zusammen 1 Min."
    assert plain(editor.tabs.tabText(2)) == "Kontakte (1)"
    assert not editor.is_dirty()  # saved at once, no "Speichern" needed


def editor_says(editor: CaseEditor, state: str) -> None:
    """For ``qtbot.waitUntil``: the editor's state reads ``state``; a timeout says what it showed."""
    assert editor.state.text() == state, (
        f"state {editor.state.text()!r}, message {editor.general.text()!r}, "
        f"changes {editor._changes()!r}")


def save_and_validate(qtbot, main: MainWindow, handbook: str) -> None:
    """Fall-Editor: Speichern (Strg+S); a closed case needs a closing date, else nothing is saved."""
    editor = main.cases.editor
    editor.tabs.setCurrentIndex(0)
    editor.fields["summary"].setPlainText("Bewerbung wegen des Namens abgelehnt")
    qtbot.waitUntil(lambda: editor_says(editor, "Nicht gespeicherte Änderungen"), timeout=10_000)
    assert "„Nicht gespeicherte Änderungen“" in handbook
    editor.fields["status"].set_code("closed")
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.general.text()), timeout=10_000)
    assert editor.general.text() == "Bitte die markierten Felder korrigieren; es wurde nichts gespeichert."
    assert "„Bitte die markierten Felder korrigieren; es wurde nichts gespeichert.“" in handbook
    assert editor.record.case.summary is None  # nothing was saved
    editor.fields["status"].set_code("open")
    editor.save()
    qtbot.waitUntil(lambda: editor_says(editor, "Gespeichert"), timeout=10_000)
    assert editor.record.case.summary == "Bewerbung wegen des Namens abgelehnt"


def lock_and_unlock(qtbot, controller: AppController, handbook: str) -> MainWindow:
    """Sperren (Strg+L) closes the window; a wrong passphrase is refused, the right one opens."""
    main = controller.main
    assert main is not None and plain(main.lock_button.text()) == "Sperren"
    main.lock_button.click()
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    assert controller.main is None
    unlock = controller.window
    assert isinstance(unlock, UnlockWindow)
    assert plain(unlock.unlock_button.text()) == "Entsperren"
    unlock.passphrase.setText("nicht die richtige Passphrase")
    unlock.unlock()
    qtbot.waitUntil(lambda: unlock.message.isVisibleTo(unlock), timeout=30_000)
    assert unlock.message.text() == "Die Passphrase ist falsch."
    assert "„Die Passphrase ist falsch.“" in handbook
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=30_000)
    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == 1, timeout=10_000)
    return main


def annual_report(qtbot, main: MainWindow, handbook: str, reports: Path) -> None:
    """Statistik: period, Berechnen, then Kurzbericht (PDF) and CSV-Export."""
    statistics = main.statistics
    assert not statistics.pdf_button.isEnabled() and not statistics.csv_button.isEnabled()
    assert "Beide Schaltflächen sind erst aktiv, wenn Zahlen berechnet sind." in handbook
    main.show_page("statistics")  # calculates the current year up to today by itself
    qtbot.waitUntil(lambda: statistics.statistics is not None and statistics.calculate_button.isEnabled(),
                    timeout=20_000)
    today = dt.date.today()
    statistics.start.set_value(dt.date(today.year, 1, 1))
    statistics.end.set_value(dt.date(today.year, 12, 31))
    assert plain(statistics.calculate_button.text()) == "Berechnen"
    statistics.calculate_button.click()
    qtbot.waitUntil(lambda: statistics.statistics is not None and statistics.statistics.end.month == 12
                    and statistics.pdf_button.isEnabled(), timeout=20_000)
    # "Zur Veröffentlichung" is checked from the start: one client shows as "< 3".
    assert statistics.publication.isChecked()
    assert "(Zahlen unter 3 werden nicht gezeigt)** ist von Anfang an angekreuzt" in handbook
    figures = {key: label.text() for key, label in statistics.headline.items()}
    assert figures["clients"] == "< 3" and figures["cases"] == "< 3"
    for title in ("Klient*innen", "Fälle", "Kontakte", "Beratungsstunden", "Stunden je Fall"):
        assert f"**{title}**" in handbook

    assert plain(statistics.pdf_button.text()) == "Kurzbericht (PDF)…"
    pdf = save_through_dialog(statistics.pdf_button, reports,
                              f"Kurzbericht-{today.year}-01-01-{today.year}-12-31.pdf")
    qtbot.waitUntil(lambda: statistics.message.text() == f"Gespeichert: {pdf}", timeout=30_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "`Kurzbericht-2025-01-01-2025-12-31.pdf`" in handbook

    # For the team's own use: the tick removed, Berechnen again, every number.
    assert "Für die eigene Auswertung im Team das Häkchen entfernen" in handbook
    statistics.publication.setChecked(False)
    statistics.statistics = None
    statistics.calculate_button.click()
    qtbot.waitUntil(lambda: statistics.statistics is not None and statistics.pdf_button.isEnabled(),
                    timeout=20_000)
    figures = {key: label.text() for key, label in statistics.headline.items()}
    assert figures["clients"] == "1" and figures["cases"] == "1" and figures["contacts"] == "1"

    assert plain(statistics.csv_button.text()) == "CSV-Export…"
    csv = save_through_dialog(statistics.csv_button, reports,
                              f"Zahlen-{today.year}-01-01-{today.year}-12-31.csv")
    qtbot.waitUntil(lambda: statistics.message.text() == f"Gespeichert: {csv}", timeout=30_000)
    rows = csv.read_text(encoding="utf-8-sig").splitlines()
    assert "Kennzahlen;cases;Fälle;1;" in rows
    assert "K-0815" not in csv.read_text(encoding="utf-8-sig")  # no client codes in the figures


def save_through_dialog(button: QWidget, folder: Path, proposed: str) -> Path:
    """Click an export button and accept the file name the save dialog proposes."""
    chosen: list[Path] = []

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        files = dialog.selectedFiles()
        assert [Path(f).name for f in files] == [proposed], files
        chosen.append(Path(files[0]))
        dialog.accept()

    accepted = when_modal(QFileDialog, accept)
    button.click()  # type: ignore[attr-defined]
    accepted.check()
    assert chosen and chosen[0].parent == folder
    return chosen[0]


def test_the_demo_store_locks_and_unlocks_like_any_other(
        qtbot, qapp, german, handbook: str, settings: AppSettings, tmp_path: Path) -> None:
    """Erster Start → Demo-Datenbestand: invented cases in a folder beside the real one."""
    folder = tmp_path / "BeratungsDesk"
    controller = AppController(qapp, folder, settings)
    try:
        controller.start()
        wizard = controller.window
        assert isinstance(wizard, FirstStartWindow)
        wizard.demo_button.click()
        assert not wizard.name_row.isVisibleTo(wizard)  # no name for the demo store
        phrase = "nur zum Ausprobieren gedacht"
        wizard.new_passphrase.first.setText(phrase)
        wizard.new_passphrase.second.setText(phrase)
        wizard.understood.setChecked(True)
        wizard.create_store()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=120_000)
        main = controller.main
        shown = f"Angezeigte Fälle: {DEMO_CASES}"
        qtbot.waitUntil(lambda: main.cases.list.count_label.text() == shown, timeout=30_000)
        assert f"{DEMO_CASES} erfundenen Fällen" in handbook  # the handbook names the real number
        demo = folder.parent / "BeratungsDesk-demo"
        assert store_exists(demo) and not store_exists(folder)
        main.lock_button.click()
        qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
        unlock = controller.window
        assert str(demo) in unlock.where.text()  # the demo store is the one to unlock
        unlock.passphrase.setText(phrase)
        unlock.unlock()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=30_000)
        assert settings.store_folder == ""  # the next start still shows the start window
    finally:
        close_all(controller)


def test_a_laptop_is_set_up_for_the_office_as_the_handbook_describes(
        qtbot, qapp, german, handbook: str, settings: AppSettings, tmp_path: Path) -> None:
    """Invitation, laptop wizard, the same code on both screens, enrolment, first handover."""
    stick = tmp_path / "USB-Stick"
    stick.mkdir()
    with init_store(tmp_path / "office", PASSPHRASE, ROLE_OFFICE, CENTER, kdf_seconds=0.0) as store:
        cases = CaseService(store)
        marta = cases.add_counselor("Marta Kowalczyk", "MK")
        cases.open_case(cases.find_or_create_client("K-0815"), "work", counselor_id=marta.id)
    settings.handover_folder = str(stick)  # the office chose the stick before
    office = AppController(qapp, tmp_path / "office", settings)
    laptop_settings = AppSettings(QSettings(str(tmp_path / "laptop.ini"), QSettings.Format.IniFormat))
    laptop = AppController(qapp, tmp_path / "laptop", laptop_settings)
    try:
        office.start()
        office.window.passphrase.setText(PASSPHRASE)  # type: ignore[union-attr]
        office.window.unlock()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: office.main is not None, timeout=30_000)
        view = office.main.handover
        office.main.show_page("handover")
        assert [plain(view.lower_tabs.tabText(i)) for i in range(2)] == ["Konflikte", "Geräte"]
        assert "**Übergabe** den Reiter **Geräte** öffnen und **Laptop einladen…** klicken" in handbook

        # Step 1, office: the invitation is written to the stick.
        view.invite()
        qtbot.waitUntil(lambda: view.message.text().startswith("Einladung geschrieben:"), timeout=10_000)
        [invitation] = list(stick.glob("*.bdinvite"))

        # Step 2, laptop: the wizard with the invitation; the join request lands beside it.
        laptop.start()
        wizard = laptop.window
        assert isinstance(wizard, FirstStartWindow)
        wizard.start_laptop(invitation)  # what the file dialog after "Diesen Laptop … einrichten…" does
        assert plain(wizard.name_label.text()) == "Name dieses Laptops:"
        wizard.name.setText("Laptop Marta")
        phrase = "Marta fährt dienstags nach Velbert"
        wizard.new_passphrase.first.setText(phrase)
        wizard.new_passphrase.second.setText(phrase)
        wizard.understood.setChecked(True)
        wizard.create_store()
        qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=60_000)
        laptop_code = wizard.code.text()
        assert re.fullmatch(r"\d{4} \d{4} \d{4}", laptop_code)  # three groups of digits
        [request] = [p for p in stick.iterdir() if p.suffix == ".bdsk"]

        # Step 3, office: the same code; enrol for the counselor.
        shown: list[str] = []

        def choose_request(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            dialog.selectFile(str(request))
            dialog.accept()

        def compare_and_enroll(dialog: QWidget) -> None:
            assert isinstance(dialog, EnrollDialog)
            shown.extend(label.text() for label in dialog.findChildren(QLabel)
                         if label.accessibleName() == "Prüfcode")
            dialog.counselor.setCurrentIndex(dialog.counselor.findText("Marta Kowalczyk"))
            ok = next(b for b in dialog.findChildren(QPushButton)
                      if b.text() == "Die Codes stimmen überein: aufnehmen")
            ok.click()

        chosen = when_modal(QFileDialog, choose_request)
        view.enroll()  # "Aus einer Beitrittsanfrage aufnehmen…"
        chosen.check()
        enrolled = when_modal(EnrollDialog, compare_and_enroll)  # opens once the request is read
        qtbot.waitUntil(lambda: "ist aufgenommen" in view.message.text(), timeout=30_000)
        enrolled.check()
        assert shown == [laptop_code]  # compared in person: both screens show the same code
        assert "**Die Codes stimmen überein: aufnehmen**" in handbook
        qtbot.waitUntil(lambda: view.devices_model.rowCount() == 1, timeout=10_000)
        assert view.devices_model.index(0, 0).data() == "Laptop Marta"
        assert view.devices_model.index(0, 2).data() == "aktiv"

        # Step 4, laptop: "Weiter zum Programm", choose the stick, "Übergeben".
        go = next(b for b in wizard.findChildren(QPushButton) if plain(b.text()) == "Weiter zum Programm")
        go.click()
        qtbot.waitUntil(lambda: laptop.main is not None, timeout=10_000)
        main = laptop.main
        main.show_page("handover")
        laptop_view = main.handover

        def choose_stick(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            dialog.setDirectory(str(stick.parent))
            dialog.selectFile(str(stick))
            dialog.accept()

        stick_chosen = when_modal(QFileDialog, choose_stick)
        laptop_view.choose_folder()  # "Wählen…"
        stick_chosen.check()
        assert laptop_view.folder.text() == str(stick)
        assert plain(laptop_view.run_button.text()) == "Übergeben"
        laptop_view.run()
        qtbot.waitUntil(lambda: laptop_view.result.count() > 0 and laptop_view.run_button.isEnabled(),
                        timeout=30_000)
        lines = [laptop_view.result.item(i).text() for i in range(laptop_view.result.count())]
        assert any(line.startswith("Erhalten von ") for line in lines), lines
        assert "Im Ergebnis steht „Erhalten von …“" in handbook
        # Marta's case came with the first handover file.
        qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == 1, timeout=10_000)
        qtbot.waitUntil(lambda: main.cases.list.model.index(0, 1).data() == "K-0815", timeout=10_000)
    finally:
        close_all(laptop)
        close_all(office)


def close_all(controller: AppController) -> None:
    controller.shutdown()
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.cases.editor.discard()
        if isinstance(window, QDialog):
            window.reject()
        window.close()
        window.deleteLater()
    QApplication.processEvents()
