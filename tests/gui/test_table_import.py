""""Import table…": the preview shows the first rows and every problem before anything is
written; the import then runs with progress and the case list follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beratungsdesk.gui import table_import_dialog
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.table_import_dialog import TableImportDialog
from tests.gui.conftest import unlock
from tests.spreadsheet_files import write_ods, write_xlsx

WAIT = 20_000
GOOD = [
    ("2023-0100", "K-0100", dt.datetime(2023, 1, 3), 44980, "Wohnen", "Religion", "Beschwerdebrief", 1.5,
     "Hilden", "Aylin Demir"),
    (None, "K-0101", dt.datetime(2023, 2, 1), None, "Bildung", None, None, dt.time(1, 30), "Ratingen", "AD"),
    (None, "K-0102", dt.datetime(2023, 3, 1), None, "Arbeit", None, None, ("=2*1.5", 3.0), "Haan", None),
]
BAD = [*GOOD, (None, "K-0103", dt.datetime(2023, 4, 1), None, "Mondlandung", None, None, 1, "Haan", None)]


def _shown_rows(dialog: TableImportDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_preview_shows_rows_and_problems_and_writes_nothing(qtbot, controller: AppController,
                                                            tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    cases = main.cases.list.model
    before = cases.rowCount()
    bad = tmp_path / "faelle.xlsx"
    write_xlsx(bad, BAD)
    dialog = TableImportDialog(main.cases.list.runner, "cases", main)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(bad)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers[:4] == ["Line", "A (Fallnummer)", "B (Klient)", "C (Erstkontakt)"]
    rows = _shown_rows(dialog)
    assert [row[0] for row in rows] == ["4", "5", "6", "7"]  # the sheet's row numbers
    assert rows[0][1:5] == ["2023-0100", "K-0100", "03.01.2023", "23.02.2023"]  # serials as dates
    assert rows[1][8] == "1,5" and rows[2][8] == "3"  # a time cell, a formula's stored result
    assert dialog.problems.isVisibleTo(dialog)
    assert "Line 7, column E (Lebensbereich)" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert cases.rowCount() == before

    good = tmp_path / "faelle-gut.xlsx"
    write_xlsx(good, GOOD)
    dialog.preview = None
    dialog.set_file(good)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert not dialog.problems.isVisibleTo(dialog)
    assert "3 cases would be imported" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert cases.rowCount() == before  # the preview was a dry run
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as imported:
        dialog.import_button.click()
    assert imported.args[0].cases == 3
    assert "3 cases imported" in dialog.summary.text() and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: cases.rowCount() == before + 3 and not cases.loading, timeout=WAIT)


def test_case_list_button_opens_the_dialog_for_the_chosen_file(qtbot, controller: AppController,
                                                               tmp_path: Path, monkeypatch) -> None:
    main = unlock(qtbot, controller)
    path = tmp_path / "faelle.xlsx"
    write_xlsx(path, GOOD, extra_sheet="Notizen")
    monkeypatch.setattr(table_import_dialog.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_args, **_kwargs: (str(path), "")))
    dialog = main.cases.list.import_table()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.sheet.isEnabled() and dialog.sheet.currentText() == "Fälle"
    assert dialog.import_button.isEnabled()
    first_preview = dialog.preview
    dialog.sheet.setCurrentText("Notizen")  # another sheet is checked again
    qtbot.waitUntil(lambda: dialog.preview is not first_preview, timeout=WAIT)
    assert dialog.preview.sheet == "Notizen" and dialog.problems.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.close()


def test_workshops_from_an_ods_on_the_prevention_page(qtbot, controller: AppController, tmp_path: Path,
                                                     monkeypatch) -> None:
    main = unlock(qtbot, controller)
    main.show_page("network")
    view = main.network
    qtbot.waitUntil(lambda: view.workshops.model.rowCount() == 0, timeout=WAIT)
    path = tmp_path / "workshops.ods"
    write_ods(path, [(dt.date(2023, 3, 1), "Empowerment", "Realschule Hilden", 24, 1.5)], sheet="Workshops",
              title="Workshops 2023", header=("Datum", "Art", "Organisation", "Teilnehmende", "Stunden"))
    monkeypatch.setattr(table_import_dialog.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_args, **_kwargs: (str(path), "")))
    dialog = view.choose_import("workshops")
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.kind.currentData() == "workshops"
    assert _shown_rows(dialog) == [["3", "01.03.2023", "Empowerment", "Realschule Hilden", "24", "1,5"]]
    assert "1 record would be added" in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: view.workshops.model.rowCount() == 1, timeout=WAIT)
    dialog.close()
