"""The conflict list of the handover page in the real app: who wrote each side and when,
double-click opens the record, long texts side by side, and the notice on the laptop
whose text a decision at the office replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from beratungsdesk.gui.conflicts_view import SideBySideDialog
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.session import PrivateTempFolder, Session
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.test_handover import _app, _enrolled_pair, _hand_over, _unlock_empty

OFFICE_TEXT = ("Die Schulleitung hat am Montag ein Gespräch angeboten. Frau K. möchte zuerst mit der "
               "Klassenlehrerin sprechen; danach wird über eine Beschwerde beim Schulamt entschieden.")
LAPTOP_TEXT = ("Die Schulleitung hat am Dienstag ein Gespräch angeboten. Frau K. möchte zuerst mit der "
               "Klassenlehrerin sprechen; danach wird über eine Beschwerde beim Schulamt entschieden.")


def _conflict(make_store, stick: Path) -> tuple[Path, Path, str]:
    """Both edit one case's summary (long texts); the office has not seen the laptop's yet."""
    office, laptop = make_store("office", "office"), make_store("laptop", "counselor")
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # enrolled by the office's first bundle
        cases = CaseService(store)
        case = cases.open_case(cases.find_or_create_client("K-KONFLIKT"), "work", summary="alt")
        HandoverService(store).run_folder(stick)
    with Store.open(office_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)
        CaseService(store).update("case", case.id, {"summary": OFFICE_TEXT})
    with Store.open(laptop_folder, PASSPHRASE) as store:
        CaseService(store).update("case", case.id, {"summary": LAPTOP_TEXT})
        HandoverService(store).run_folder(stick)
    return office_folder, laptop_folder, case.id


def _office_with_conflict(qtbot, controller) -> MainWindow:
    main = _unlock_empty(qtbot, controller)
    lines = _hand_over(qtbot, main)
    assert any("1 conflict to review" in line for line in lines), lines
    qtbot.waitUntil(lambda: main.handover.conflicts_model.rowCount() == 1, timeout=10_000)
    return main


def test_the_list_names_both_authors_and_a_double_click_opens_the_case(
        qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, _laptop_folder, case_id = _conflict(make_store, stick)
    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _office_with_conflict(qtbot, controller)
        panel = main.handover.conflicts
        model = panel.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers == ["Record", "Field", "Current value", "Current value from", "Other value",
                           "Other value from"]
        # The laptop wrote last: its text is current; the office's own text lost the race.
        current_by, other_by = model.index(0, 3).data(), model.index(0, 5).data()
        assert current_by.startswith("laptop (Aylin Demir)\n") and other_by.startswith("this device\n")
        assert current_by.split("\n")[1].count(".") == 2  # and when: dd.mm.yyyy hh:mm
        assert model.index(0, 2).data() == LAPTOP_TEXT[:60].rstrip() + "…"  # long: shortened
        main.resize(1200, 800)
        main.show()
        table = panel.table
        qtbot.waitUntil(table.isVisible, timeout=10_000)
        cell = table.visualRect(model.index(0, 1)).center()
        # A real double-click: press and release, then the double-click (Qt's item views
        # emit doubleClicked only for the index the first press landed on).
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.waitUntil(lambda: main.current_page() == "cases" and main.cases.editor_shown()
                        and main.cases.editor.record is not None, timeout=10_000)
        assert main.cases.editor.record.case.id == case_id
        # Enter on the selected row does the same (the keyboard's double-click).
        main.show_page("handover")
        qtbot.waitUntil(table.isVisible, timeout=10_000)
        table.setFocus()
        table.selectRow(0)
        qtbot.keyClick(table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: main.current_page() == "cases", timeout=10_000)
        # Locking closes a side-by-side view that is still open: no text stays on screen.
        main.show_page("handover")
        panel.compare()
        assert isinstance(panel.dialog, SideBySideDialog)
        controller.lock(automatic=True)
        qtbot.waitUntil(lambda: controller.main is None and panel.dialog is None, timeout=10_000)
    finally:
        controller.shutdown()


def test_long_texts_are_compared_side_by_side_and_decided_there(
        qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, _laptop_folder, case_id = _conflict(make_store, stick)
    controller = _app(qapp, office_folder, settings, stick)
    try:
        main = _office_with_conflict(qtbot, controller)
        panel = main.handover.conflicts
        panel.table.selectRow(0)
        panel.compare()
        dialog = panel.dialog
        assert isinstance(dialog, SideBySideDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        assert (dialog.left.toPlainText(), dialog.right.toPlainText()) == (LAPTOP_TEXT, OFFICE_TEXT)
        assert dialog.left.isReadOnly() and dialog.right.isReadOnly()
        # Only the differing word is marked, in each pane.
        assert dialog.left.toHtml().count("#ffe08a") == 1 and dialog.right.toHtml().count("#ffe08a") == 1
        assert "Dienstag" in _marked(dialog.left.toHtml()) and "Montag" in _marked(dialog.right.toHtml())
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)
        assert main.handover.lower_tabs.tabText(0) == "Conflicts"
    finally:
        controller.shutdown()
    with Store.open(office_folder, PASSPHRASE) as store:
        assert CaseService(store).record(case_id).case.summary == OFFICE_TEXT


def _marked(page_html: str) -> str:
    """The text inside the first marked span of a pane's HTML."""
    start = page_html.index("#ffe08a")
    return page_html[page_html.index(">", start) + 1:page_html.index("</span>", start)]


def test_the_laptop_is_told_its_text_was_replaced_until_someone_has_read_it(
        qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, laptop_folder, case_id = _conflict(make_store, stick)
    with Store.open(office_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)
        session = Session(store, PrivateTempFolder(tmp_path / "temp"))
        [item] = session.conflicts.open_conflicts()
        session.conflicts.resolve_conflict(item, take_other=True)  # the office keeps its own text
        HandoverService(store).run_folder(stick)
    controller = _app(qapp, laptop_folder, settings, stick)
    try:
        main = _unlock_empty(qtbot, controller)
        lines = _hand_over(qtbot, main)
        told = "1 of your texts was replaced by a decision made elsewhere: see Conflicts."
        assert told in lines, lines
        # The race this file brought was decided in it too: nothing to review here.
        assert any(line.startswith("Received from the office: ") and line.endswith(
            ", 0 conflicts to review.") for line in lines), lines
        panel = main.handover.conflicts
        qtbot.waitUntil(lambda: panel.notices.count() == 1, timeout=10_000)
        assert panel.model.rowCount() == 0  # no phantom conflict with two equal values
        text = panel.notices.item(0).text()
        assert text.startswith("Your text in Case ") and ", field Summary, was replaced on " in text
        assert text.endswith(" by the office.")
        assert main.handover.lower_tabs.tabText(0) == "Conflicts · 1 text replaced"
        panel.show_replaced()
        dialog = panel.dialog
        assert isinstance(dialog, SideBySideDialog)
        assert (dialog.left.toPlainText(), dialog.right.toPlainText()) == (LAPTOP_TEXT, OFFICE_TEXT)
        dialog.reject()
        qtbot.waitUntil(lambda: panel.dialog is None, timeout=10_000)
        panel.acknowledge()
        qtbot.waitUntil(lambda: panel.notices.count() == 0 and panel.notices_box.isHidden(), timeout=10_000)
        assert main.handover.lower_tabs.tabText(0) == "Conflicts"
    finally:
        controller.shutdown()
    with Store.open(laptop_folder, PASSPHRASE) as store:
        assert CaseService(store).record(case_id).case.summary == OFFICE_TEXT
        assert Session(store, PrivateTempFolder(tmp_path / "temp2")).conflicts.replaced_texts() == []


def test_the_handbook_names_the_conflict_area_as_the_german_app_shows_it(qapp) -> None:
    from beratungsdesk.gui.app import install_translations
    from beratungsdesk.gui.conflicts_view import ConflictsPanel, tab_text
    from beratungsdesk.gui.worker import Runner
    from beratungsdesk.services.session_conflicts import Author, ReplacedNotice

    handbook = " ".join((Path(__file__).resolve().parents[2] / "docs" / "handbuch.md")
                        .read_text(encoding="utf-8").split())
    translators = install_translations(qapp, "de")
    runner = Runner()
    try:
        panel = ConflictsPanel(runner)
        buttons = [b.text().replace("&", "") for b in panel.findChildren(QPushButton)]
        assert "Nebeneinander vergleichen…" in buttons and "Gelesen, ausblenden" in buttons
        for label in buttons:
            assert f"**{label}**" in handbook, label
        office = Author("office-id", "Beratungsstelle", "", office=True)
        notice = ReplacedNotice(1, "case", "c-1", "outcome", "2022-0041", "c-1", "alt", "neu", office,
                                "2022-12-15T09:12:00+00:00", office)
        text = panel.notice_text(notice)
        assert text.startswith("Ihr Text in Fall 2022-0041, Feld Ergebnis, wurde am 15.12.2022 ")
        assert text.endswith(" vom Büro ersetzt.")
        assert "„Ihr Text in Fall 2022-0041, Feld Ergebnis, wurde am 15.12.2022 10:12 vom " \
               "Büro ersetzt.“" in handbook
        assert f"**{tab_text(0, 1)}**" in handbook
        from PySide6.QtCore import QCoreApplication
        for many in ("%n conflicts were decided on another device; they are closed here too.",
                     "%n of your texts were replaced by a decision made elsewhere: see Conflicts."):
            line = QCoreApplication.translate("HandoverView", many, None, 1)
            assert line.startswith("1 ") and f"„{line}“" in handbook, line
        panel.deleteLater()
    finally:
        runner.shutdown()
        for translator in translators:
            qapp.removeTranslator(translator)
