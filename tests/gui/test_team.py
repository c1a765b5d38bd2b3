"""The team: Enter adds a member, a misspelt name is corrected, inactive members are not
offered for new work, and a laptop preselects the counselor it was enrolled for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.gui.handover_view import EnrollDialog
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.office_view import MemberNameDialog
from beratungsdesk.gui.ops import handover as handover_ops
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.session import Session
from beratungsdesk.storage import audit
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock


def _unlock(qtbot, controller: AppController) -> MainWindow:
    """Unlock a store that may hold no cases."""
    if controller.window is None:
        controller.start()
    controller.window.passphrase.setText(PASSPHRASE)
    controller.window.unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
    return controller.main


def _team_names(main: MainWindow) -> list[str]:
    model = main.office.team_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_enter_adds_a_member_and_a_misspelt_name_is_corrected(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("office")
    office = main.office
    qtbot.waitUntil(lambda: _team_names(main) == ["Aylin Demir"], timeout=10_000)

    office.member_name.setFocus()
    qtbot.keyClicks(office.member_name, "Marta Kowalcyk")  # a letter missing
    qtbot.keyClick(office.member_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(office.member_initials, "MK")
    qtbot.keyClick(office.member_initials, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Marta Kowalcyk" in _team_names(main), timeout=10_000)
    assert office.member_name.text() == "" and office.member_initials.text() == ""

    # Enter in the name field alone adds too.
    qtbot.keyClicks(office.member_name, "Jonas Weber")
    qtbot.keyClick(office.member_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Jonas Weber" in _team_names(main), timeout=10_000)

    # Aylin's cases follow her corrected name: they name her by id.
    row = _team_names(main).index("Aylin Demir")
    office.team_table.selectRow(row)
    dialog = office.rename_selected_member()
    assert isinstance(dialog, MemberNameDialog)
    qtbot.waitExposed(dialog)
    assert dialog.name.text() == "Aylin Demir"
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Aylin Demirci")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Aylin Demirci" in _team_names(main), timeout=10_000)
    assert "Aylin Demir" not in _team_names(main)
    qtbot.waitUntil(lambda: main.labels.counselor(main.labels.counselors[0][0]) == "Aylin Demirci",
                    timeout=10_000)
    controller.shutdown()

    with Store.open(filled_store, PASSPHRASE) as store:
        cases = CaseService(store)
        aylin = next(c for c in cases.counselors() if c.name == "Aylin Demirci")
        assert aylin.initials == "AD"
        counted = cases.count(CaseFilter(counselor_id=aylin.id))
        assert counted == 3  # the three cases still name her
        assert any(entry.action == "change" and entry.entity == "counselor" and entry.row_id == aylin.id
                   for entry in audit.entries(store.conn, aylin.id))


def test_an_empty_name_is_refused_when_correcting(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.show_page("office")
    office = main.office
    qtbot.waitUntil(lambda: office.team_model.rowCount() == 1, timeout=10_000)
    office.team_table.selectRow(0)
    dialog = office.rename_selected_member()
    qtbot.waitExposed(dialog)
    dialog.name.clear()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.text() == "Please enter a name."
    dialog.reject()


def test_inactive_members_are_not_offered_for_new_work(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.show_page("office")
    office = main.office
    qtbot.waitUntil(lambda: office.team_model.rowCount() == 1, timeout=10_000)
    office.team_table.selectRow(0)
    office.toggle_selected_member()  # Aylin inactive
    qtbot.waitUntil(lambda: bool(main.labels.inactive), timeout=10_000)

    new_case = NewCaseDialog(main.runner, main.labels, main)
    assert [new_case.counselor.itemText(i) for i in range(new_case.counselor.count())] == ["(nobody yet)"]
    new_case.deleteLater()
    main.show_page("outreach")
    combo = main.outreach.counselor
    assert [combo.itemText(i) for i in range(combo.count())] == ["(nobody)"]
    filter_combo = main.cases.list.counselor  # old cases can still be filtered by her
    assert "Aylin Demir" in [filter_combo.itemText(i) for i in range(filter_combo.count())]

    # Her old cases still show her.
    main.show_page("cases")
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.fields["counselor_id"].currentText() == "Aylin Demir", timeout=10_000)


def _office_with_two(office: Store) -> None:
    cases = CaseService(office)
    cases.add_counselor("Aylin Demir", "AD")  # first in the list
    cases.add_counselor("Marta Kowalczyk", "MK")


def test_enrolling_laptop_marta_preselects_nobody(
        qtbot, qapp: QApplication, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    _office_with_two(office)
    request_file, _code, _key = HandoverService(laptop).join(HandoverService(office).invite(tmp_path),
                                                             tmp_path)
    office_folder = office.folder
    office.close()
    laptop.close()
    settings.handover_folder = str(tmp_path)
    controller = AppController(qapp, office_folder, settings)
    try:
        main = _unlock(qtbot, controller)
        view = main.handover
        main.show_page("handover")
        handover_ops.read_join_request(request_file).run(view.runner, view, view._confirm_enrollment)
        qtbot.waitUntil(lambda: view.findChild(EnrollDialog) is not None, timeout=10_000)
        dialog = view.findChild(EnrollDialog)
        assert dialog.counselor.currentData() is None  # not Aylin, the first of the list
        assert dialog.choice() == ("", False)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # nobody chosen: nothing enrolled
        dialog.reject()
    finally:
        controller.shutdown()


def test_the_laptop_preselects_its_own_counselor_and_keeps_it_across_locks(
        qtbot, qapp: QApplication, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    _office_with_two(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    office_side = HandoverService(office)
    request_file, _code, _key = HandoverService(laptop).join(office_side.invite(stick), stick)
    request, _office_code = office_side.read_join_request(request_file)
    office_side.enroll(request, "Marta Kowalczyk", stick)
    HandoverService(laptop).run_folder(stick)  # the laptop is enrolled for Marta
    laptop_folder = laptop.folder
    office.close()
    laptop.close()
    controller = AppController(qapp, laptop_folder, settings)
    try:
        main = _unlock(qtbot, controller)
        main.show_page("outreach")
        qtbot.waitUntil(lambda: main.outreach.counselor.currentText() == "Marta Kowalczyk", timeout=10_000)

        qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.main is None, timeout=10_000)
        again = _unlock(qtbot, controller)
        again.show_page("outreach")
        qtbot.waitUntil(lambda: again.outreach.counselor.currentText() == "Marta Kowalczyk",
                        timeout=10_000)
    finally:
        controller.shutdown()


def test_renaming_travels_with_the_handover(office: Store, laptop: Store, tmp_path: Path) -> None:
    _office_with_two(office)
    office_side = HandoverService(office)
    request_file, _code, _key = HandoverService(laptop).join(office_side.invite(tmp_path), tmp_path)
    request, _office_code = office_side.read_join_request(request_file)
    office_side.enroll(request, "Marta Kowalczyk", tmp_path)
    HandoverService(laptop).run_folder(tmp_path)
    marta = next(c for c in CaseService(office).counselors() if c.name == "Marta Kowalczyk")
    Session(office).office.rename_counselor(marta.id, "Marta Kowalczyk-Brandt", "MKB")
    office_side.run_folder(tmp_path)
    HandoverService(laptop).run_folder(tmp_path)
    renamed = next(c for c in CaseService(laptop).counselors() if c.id == marta.id)
    assert (renamed.name, renamed.initials) == ("Marta Kowalczyk-Brandt", "MKB")
