"""Handover between an office and a laptop store in temp folders, driven through the app."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import RESOURCES, AppSettings
from beratungsdesk.gui.handover_view import EnrollDialog, report_lines
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.session_handover import HandoverReport
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.bundle import SUFFIX
from tests.conftest import PASSPHRASE


def _enrolled_pair(office: Store, laptop: Store, folder: Path) -> tuple[Path, Path]:
    """Office invites, laptop joins, office enrolls (the in-person part, done through services)."""
    CaseService(office).add_counselor("Aylin Demir", "AD")
    office_side = HandoverService(office)
    invitation = office_side.invite(folder)
    request_file, code, _office_key = HandoverService(laptop).join(invitation, folder)
    request, office_code = office_side.read_join_request(request_file)
    assert code == office_code  # both screens show the same verification code
    office_side.enroll(request, "Aylin Demir", folder)
    for path in (invitation, request_file):
        path.unlink()
    office.close()
    laptop.close()
    return office.folder, laptop.folder


def _hand_over(qtbot, main: MainWindow) -> list[str]:
    view = main.handover
    main.show_page("handover")
    view.result.clear()
    view.run()
    qtbot.waitUntil(lambda: view.result.count() > 0 and view.run_button.isEnabled(), timeout=30_000)
    return [view.result.item(i).text() for i in range(view.result.count())]


def _app(qapp: QApplication, folder: Path, settings: AppSettings, handover: Path) -> AppController:
    settings.handover_folder = str(handover)
    return AppController(qapp, folder, settings)


def test_a_case_from_the_outreach_day_reaches_the_office(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)

    controller = _app(qapp, laptop_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)  # takes in the office's first bundle: enrolled
        assert any(line.startswith("Received from") for line in lines), lines
        main.show_page("outreach")
        main.outreach.client.setText("K-STICK")
        main.outreach.town.set_code("velbert")
        main.outreach.save()
        qtbot.waitUntil(lambda: main.outreach.today.count() == 1, timeout=10_000)
        lines = _hand_over(qtbot, main)
        assert any(line.startswith("Sent to") and "changes" in line for line in lines), lines
        qtbot.waitUntil(lambda: "Not handed over" in main.handover_status.text(), timeout=10_000)
    finally:
        controller.shutdown()

    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        assert any(line.startswith("Received from") for line in lines), lines
        # The change notification brings the new case into the office's list.
        model = main.cases.list.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
        qtbot.waitUntil(lambda: model.index(0, 1).data() == "K-STICK", timeout=10_000)
    finally:
        controller.shutdown()
    with Store.open(office_folder, PASSPHRASE) as store:
        rows = CaseService(store).page(CaseFilter()).rows
        assert [(r.client_code, r.incident_town) for r in rows] == [("K-STICK", "velbert")]


def test_a_rejected_file_shows_its_reason(qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    junk = stick / f"{secrets.token_hex(16)}{SUFFIX}"
    junk.write_bytes(b"this is not a handover file at all" * 10)
    office_folder = office.folder
    office.close()
    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        refused = [line for line in lines if line.startswith("Refused file")]
        assert len(refused) == 1, lines
        assert "not a BeratungsDesk handover file" in refused[0]
        assert junk.exists()  # a refused file is left where it was
        # The next handover tries it again, but reports it once as refused earlier, not as new.
        lines = _hand_over(qtbot, main)
        assert not any(line.startswith("Refused file") for line in lines), lines
        assert f"Refused earlier, still in the folder: {junk.name[:8]}… (delete it if nobody needs it)." \
            in lines, lines
        assert "Nothing new arrived." in lines
        assert junk.exists()
    finally:
        controller.shutdown()


def _unlock_empty(qtbot, controller: AppController) -> MainWindow:
    """Unlock a store that may hold no cases yet."""
    controller.start()
    window = controller.window
    window.passphrase.setText(PASSPHRASE)  # type: ignore[union-attr]
    window.unlock()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: not main.cases.list.model.loading, timeout=10_000)
    return main


def test_first_start_sets_up_a_laptop_from_an_invitation(
        qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    from beratungsdesk.gui.first_start import FirstStartWindow

    stick = tmp_path / "stick"
    stick.mkdir()
    office_side = HandoverService(office)
    invitation = office_side.invite(stick)
    controller = AppController(qapp, tmp_path / "laptop-data", settings)
    try:
        controller.start()
        window = controller.window
        assert isinstance(window, FirstStartWindow)
        window.start_laptop(invitation)
        window.name.setText("Laptop Aylin")
        phrase = "ein langer Satz für den Laptop"
        window.new_passphrase.first.setText(phrase)
        window.new_passphrase.second.setText(phrase)
        window.understood.setChecked(True)
        window.create_store()
        qtbot.waitUntil(lambda: window.pages.currentIndex() == 2, timeout=30_000)
        requests = [p for p in stick.iterdir() if p != invitation]
        assert len(requests) == 1
        _request, office_code = office_side.read_join_request(requests[0])
        assert window.code.text() == office_code  # the same code on both screens
        window.unlocked.emit(window.pending_info)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
        assert not controller.main.info.is_office
    finally:
        controller.shutdown()


def test_the_office_reviews_a_conflict_and_takes_the_other_value(
        qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office, laptop = make_store("office", "office"), make_store("laptop", "counselor")
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # enrolled by the office's first bundle
        cases = CaseService(store)
        case = cases.open_case(cases.find_or_create_client("K-KONFLIKT"), "work", summary="alt")
        HandoverService(store).run_folder(stick)
    with Store.open(office_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)
        CaseService(store).update("case", case.id, {"summary": "Fassung Büro"})
    with Store.open(laptop_folder, PASSPHRASE) as store:
        CaseService(store).update("case", case.id, {"summary": "Fassung Laptop"})
        HandoverService(store).run_folder(stick)
    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        assert any("1 conflict to review" in line for line in lines), lines
        view = main.handover
        qtbot.waitUntil(lambda: view.conflicts_model.rowCount() == 1, timeout=10_000)
        item = view.conflicts_model.record(0)
        assert {item.current, item.other} == {"Fassung Büro", "Fassung Laptop"}
        assert view.conflicts_model.index(0, 1).data() == "Summary"  # the field's name, not its key
        view.conflicts_table.selectRow(0)
        view.resolve(take_other=True)
        qtbot.waitUntil(lambda: view.conflicts_model.rowCount() == 0, timeout=10_000)
        assert view.lower_tabs.tabText(0) == "Conflicts"
    finally:
        controller.shutdown()
    with Store.open(office_folder, PASSPHRASE) as store:
        assert CaseService(store).record(case.id).case.summary == item.other


def test_a_file_given_with_open_bundle_is_taken_in_after_unlocking(
        qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    junk = tmp_path / f"{secrets.token_hex(16)}{SUFFIX}"
    junk.write_bytes(b"not a bundle" * 20)
    office_folder = office.folder
    office.close()
    controller = AppController(qapp, office_folder, settings, open_bundle=junk)
    try:
        main = _unlock_empty(qtbot, controller)
        view = main.handover
        assert main.pages.currentWidget() is view
        qtbot.waitUntil(lambda: view.result.count() > 0, timeout=10_000)
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        assert any(line.startswith("Refused file") for line in lines), lines
        assert controller.open_bundle is None  # only once, not again after the next unlock
    finally:
        controller.shutdown()


def test_a_bare_bundle_path_from_a_file_manager_starts_the_app_with_open_bundle(tmp_path: Path) -> None:
    from beratungsdesk.gui.app import parse_args
    from beratungsdesk.launch import bundle_as_option, wants_gui

    bundle = str(tmp_path / f"{secrets.token_hex(16)}{SUFFIX}")
    for given in ([bundle], ["--open-bundle", bundle], [f"--open-bundle={bundle}"]):
        arguments = bundle_as_option(given)
        assert wants_gui(arguments), given
        assert parse_args(arguments).open_bundle == Path(bundle)
    assert bundle_as_option(["sync", "import", bundle]) == ["sync", "import", bundle]
    # The menu entry (Exec=... --open-bundle %f) started without a file: just the app.
    assert wants_gui(["--open-bundle"]) and parse_args(["--open-bundle"]).open_bundle is None
    assert not wants_gui(bundle_as_option(["notes.txt"]))


def test_a_file_opened_from_the_desktop_while_running_goes_to_the_handover_page(
        qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    # macOS sends a double-clicked document to the running app as a FileOpen event.
    from PySide6.QtGui import QFileOpenEvent

    junk = tmp_path / f"{secrets.token_hex(16)}{SUFFIX}"
    junk.write_bytes(b"not a bundle" * 20)
    office_folder = office.folder
    office.close()
    controller = AppController(qapp, office_folder, settings)
    try:
        controller.start()
        QApplication.sendEvent(qapp, QFileOpenEvent(str(junk)))  # still locked: kept for later
        assert controller.open_bundle == junk
        main = _unlock_empty(qtbot, controller)
        view = main.handover
        assert main.pages.currentWidget() is view
        qtbot.waitUntil(lambda: view.result.count() > 0, timeout=10_000)
        assert controller.open_bundle is None
        main.show_page("cases")
        view.result.clear()
        QApplication.sendEvent(qapp, QFileOpenEvent(str(junk)))  # unlocked: taken in at once
        assert main.pages.currentWidget() is view
        qtbot.waitUntil(lambda: view.result.count() > 0, timeout=10_000)
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        assert any(line.startswith("Refused file") for line in lines), lines
    finally:
        controller.shutdown()


def test_a_second_start_with_a_file_hands_it_to_the_running_app(
        qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    # Double-clicking a handover file while the app runs: the new process must not try the
    # (locked) store itself but pass the file on and end; the running app takes it in.
    import os
    import subprocess
    import sys

    from beratungsdesk.gui.single_instance import InstanceServer

    junk = tmp_path / f"{secrets.token_hex(16)}{SUFFIX}"
    junk.write_bytes(b"not a bundle" * 20)
    office_folder = office.folder.resolve()
    office.close()
    controller = AppController(qapp, office_folder, settings)
    server = InstanceServer(office_folder, controller)
    server.file_received.connect(lambda path: controller.take_bundle(Path(path)))
    assert server.is_listening()
    try:
        main = _unlock_empty(qtbot, controller)
        main.show_page("cases")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
        second = subprocess.Popen([sys.executable, "-m", "beratungsdesk", "--data-dir",
                                   str(office_folder), "--open-bundle", str(junk)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        assert second.returncode == 0, second.communicate()
        view = main.handover
        qtbot.waitUntil(lambda: main.pages.currentWidget() is view and view.result.count() > 0,
                        timeout=10_000)
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        assert any(line.startswith("Refused file") for line in lines), lines
    finally:
        controller.shutdown()


def _german(qapp: QApplication, tmp_path: Path) -> QTranslator:
    qm_file = tmp_path / "beratungsdesk_de.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(RESOURCES / "translations" / "beratungsdesk_de.ts"),
                    "-qm", str(qm_file)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    qapp.installTranslator(translator)
    return translator


def test_counts_in_the_result_use_singular_and_plural(
        qapp, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        first = HandoverService(store).run_folder(stick)  # the office's first bundle: one change
    [outcome] = first.imported
    assert outcome.result is not None and outcome.result.applied == 1 and first.removed == 1
    english = report_lines(HandoverReport.of(first), {})
    assert "Received from the office: 1 change applied, 0 conflicts to review." in english
    assert "1 finished file was removed from the folder." in english
    translator = _german(qapp, tmp_path)
    try:
        german = report_lines(HandoverReport.of(first), {})
    finally:
        qapp.removeTranslator(translator)
    assert "Erhalten vom Büro: 1 Änderung übernommen, 0 Konflikte zu prüfen." in german, german
    assert "1 erledigte Datei wurde aus dem Ordner entfernt." in german, german


def test_enrolling_without_a_team_member_asks_for_the_name_and_adds_the_counselor(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    invitation = HandoverService(office).invite(stick)
    request_file, _code, _office_key = HandoverService(laptop).join(invitation, stick)
    office_folder = office.folder
    office.close()
    laptop.close()
    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        view = main.handover
        main.show_page("handover")
        handover_ops.read_join_request(request_file).run(view.runner, view, view._confirm_enrollment)
        qtbot.waitUntil(lambda: view.findChild(EnrollDialog) is not None, timeout=10_000)
        dialog = view.findChild(EnrollDialog)
        assert dialog.creates and dialog.new_name.isVisibleTo(dialog)
        # Empty: the dialog stays and says what to do, at the field.
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.message.text() == ("Type the counselor's name, or add the counselor to the team "
                                         "first (Office → Team).")
        dialog.new_name.setText("Aylin Demir")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.devices_model.rowCount() == 1, timeout=10_000)
        assert view.devices_model.index(0, 1).data() == "Aylin Demir"
        assert "is enrolled" in view.message.text()
    finally:
        controller.shutdown()
    with Store.open(office_folder, PASSPHRASE) as store:
        assert [c.name for c in CaseService(store).counselors()] == ["Aylin Demir"]


def test_files_whose_changes_came_later_are_not_asked_for(
        office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # enrolled; writes its bundle 1
        cases = CaseService(store)
        cases.open_case(cases.find_or_create_client("K-LATER"), "work")
        HandoverService(store).run_folder(stick)  # bundle 2 repeats 1's changes; 1 is removed
    with Store.open(office_folder, PASSPHRASE) as store:
        report = HandoverService(store).run_folder(stick)
    [outcome] = report.imported
    assert outcome.result is not None and outcome.result.missing_covered == [1]
    lines = report_lines(HandoverReport.of(report), {})
    assert not any(line.startswith("Still missing") for line in lines), lines


def test_refused_changes_from_a_laptop_show_as_an_alert_on_the_office_page(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    """A laptop sends a change only the office may make: the office's page names device and count."""
    from beratungsdesk.services.protection import RETENTION_SETTING
    from tests.integration.sync_helpers import forge

    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # enrolled by the office's first bundle
        forge(store, "setting", RETENTION_SETTING, {"value": "-100", "deleted": False})
        HandoverService(store).run_folder(stick)
        laptop_name = store.name

    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        assert ("1 change was refused (not allowed for the sender, or invalid) and kept for the office "
                "to inspect.") in lines, lines
        view = main.handover
        view.refresh()
        expected = (f"Alert: 1 change from {laptop_name} was refused (not allowed or invalid); "
                    "see the command line 'sync quarantine'.")
        qtbot.waitUntil(lambda: expected in view.state_label.text(), timeout=10_000)
    finally:
        controller.shutdown()
    translator = _german(qapp, tmp_path)
    try:
        german = _refused_result_line()
    finally:
        qapp.removeTranslator(translator)
    assert german == ("1 Änderung wurde abgelehnt (für den Absender nicht erlaubt oder ungültig) und für "
                      "das Büro zur Prüfung aufbewahrt.")


def _refused_result_line() -> str:
    from beratungsdesk.services.handover import FileOutcome, FolderReport, ImportResult

    result = ImportResult("someone", 1, applied=0, refused=1)
    report = FolderReport([FileOutcome("f" * 32, "imported", result=result)], [], 0)
    return next(line for line in report_lines(HandoverReport.of(report), {})
                if "abgelehnt" in line or "refused" in line)


def test_the_handover_page_says_when_this_computers_clock_is_wrong(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    from tests.integration.sync_helpers import enroll
    from tests.integration.test_sync_clocks import DAY_MS, set_wall

    office_side, _ = enroll(office, laptop, "Aylin", tmp_path)
    # Seen from the laptop, an office three days ahead is a laptop three days behind.
    set_wall(office, 3 * DAY_MS)
    CaseService(office).add_counselor("Bekir", "BK")
    stick = tmp_path / "stick"
    office_side.export(stick)
    laptop_folder = laptop.folder
    laptop.close()
    controller = _app(qapp, laptop_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        refused = [line for line in lines if line.startswith("Refused file")]
        assert len(refused) == 1 and "72 hours ahead of this computer's clock" in refused[0], lines
        view = main.handover
        qtbot.waitUntil(lambda: "clock is about 72 hours behind the office" in view.state_label.text(),
                        timeout=10_000)
    finally:
        controller.shutdown()


def test_the_result_never_says_nothing_new_while_the_office_has_not_confirmed(
        qapp, make_store, tmp_path: Path) -> None:
    from beratungsdesk.services.handover import FolderReport
    from tests.integration.sync_helpers import enroll, open_case

    office, laptop = make_store("office"), make_store("laptop", "counselor")
    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-77")
    folder = tmp_path / "stick"
    first = laptop_service.export(folder)
    assert first[0].path is not None

    again = FolderReport([], laptop_service.export(folder), 0)  # the office has not been by

    lines = report_lines(HandoverReport.of(again), {})
    assert "Nothing new to send." not in lines
    assert any("not yet confirmed by the office" in line for line in lines), lines
    first[0].path.unlink()  # the stick lost it
    rewritten = report_lines(HandoverReport.of(FolderReport([], laptop_service.export(folder), 0)), {})
    assert any(line.startswith("Written again for the office") for line in rewritten), rewritten
