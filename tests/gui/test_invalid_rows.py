"""Rows with values that are not valid (a faulty older version, another device): the window
lists them, the year list and statistics work, the case opens in the editor, and saving valid
values repairs it. Written with SQL straight into a real store, then opened by the real app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from beratungsdesk.core import model, wire_form
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.models import invalid_text
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.integration.invalid_rows import BOGUS_NUMBER, BrokenCases, write_broken_rows


@pytest.fixture
def broken_store(make_store: Callable[..., Store]) -> tuple[Path, BrokenCases]:
    store = make_store("office", "office")
    broken = write_broken_rows(store)
    folder = store.folder
    store.close()
    return folder, broken


@pytest.fixture
def broken_controller(qapp: QApplication, settings: AppSettings,
                      broken_store: tuple[Path, BrokenCases]) -> Iterator[AppController]:
    ctl = AppController(qapp, broken_store[0], settings)
    yield ctl
    ctl.shutdown()
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.cases.editor.discard()
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def _texts(main: MainWindow) -> list[tuple[str, ...]]:
    table = main.cases.list.model
    return [tuple(table.index(r, c).data() for c in range(table.columnCount()))
            for r in range(table.rowCount())]


def test_the_window_lists_marks_and_repairs_invalid_rows(
        qtbot, broken_controller: AppController, broken_store: tuple[Path, BrokenCases]) -> None:
    folder, broken = broken_store
    main = unlock(qtbot, broken_controller)
    table = main.cases.list.model
    qtbot.waitUntil(lambda: table.rowCount() == 3 and all(t[0] != "…" for t in _texts(main)),
                    timeout=10_000)
    rows = {t[0]: t for t in _texts(main)}
    assert rows[BOGUS_NUMBER][2] == invalid_text("not-a-date")  # "ungültig: not-a-date" in German
    assert rows[BOGUS_NUMBER][3] == invalid_text("bogus_status")
    assert any(number.startswith(invalid_text("")) for number in rows)  # the case without a number
    # The year list was built (the invalid opening date is left out of it).
    years = [main.cases.list.year.itemData(i) for i in range(main.cases.list.year.count())]
    assert 2024 in years and dt.date.today().year in years
    # The statistics page calculates.
    main.show_page("statistics")
    view = main.statistics
    view.publication.setChecked(False)  # every number (publication, the default, shows "< 3")
    view.set_period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    view.calculate()
    qtbot.waitUntil(lambda: view.statistics is not None and view.statistics.start == dt.date(2024, 1, 1),
                    timeout=20_000)  # not the current year's, which showing the page started
    assert view.headline["cases"].text() == "2"  # the case without a real opening date is not counted

    # The broken case opens in the editor, its invalid values marked under their fields.
    main.show_page("cases")
    main.cases.open_case(broken.bogus)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.case.id == broken.bogus,
                    timeout=10_000)
    assert "not-a-date" in editor.messages["opened_on"].text()
    assert "bogus_status" in editor.messages["status"].text()
    assert "x" in editor.messages["age_group"].text()
    assert editor.contacts.model.index(0, 0).data() == invalid_text("yesterday")
    assert editor.save_button.isEnabled() and not editor.is_dirty()
    # Saving with the status still invalid is refused, naming the field.
    editor.save()
    qtbot.waitUntil(lambda: "Nichts wurde gespeichert" in editor.general.text()
                    or "nothing was saved" in editor.general.text(), timeout=10_000)
    # Valid values repair the record.
    editor.fields["opened_on"].set_value(dt.date(2024, 3, 2))
    editor.fields["closed_on"].set_value(None)
    editor.fields["status"].set_code("open")
    editor.fields["area"].set_code("work")
    editor.fields["level"].set_code(None)
    editor.fields["incident_town"].set_code(None)
    editor.fields["grounds"].set_codes(())
    editor.fields["racism_forms"].set_codes(())
    editor.fields["age_group"].set_code(None)
    editor.save()
    qtbot.waitUntil(lambda: editor.state.text() in ("Gespeichert", "Saved"), timeout=10_000)
    # The other pages open on the same store.
    main.show_page("clients")
    qtbot.waitUntil(lambda: main.clients.model.rowCount() == 1, timeout=10_000)
    for page in ("outreach", "network", "office", "handover"):
        main.show_page(page)
    broken_controller.shutdown()
    with Store.open(folder, PASSPHRASE) as store:
        case = CaseService(store).record(broken.bogus).case
    assert case.opened_on == dt.date(2024, 3, 2) and case.status == "open" and case.area == "work"
    assert not any(wire_form.is_invalid(getattr(case, f.name)) for f in model.spec("case").fields)
