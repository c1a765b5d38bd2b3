"""qtmodeltester on every model, with real rows from a real store."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from beratungsdesk.core import model
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.gui.models import CASE_COLUMNS, CaseTableModel
from tests.gui.conftest import unlock


def test_case_table_model_passes_the_model_tester(qtbot, qtmodeltester, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    table_model: CaseTableModel = main.cases.list.model
    assert table_model.rowCount() == 3
    qtmodeltester.check(table_model, force_py=True)
    assert table_model.columnCount() == len(CASE_COLUMNS)
    assert table_model.headerData(0, Qt.Orientation.Horizontal) == "Case number"


def test_case_table_model_sorts_in_sql(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    table_model = main.cases.list.model
    table_model.sort(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not table_model.loading, timeout=10_000)
    qtbot.waitUntil(lambda: table_model.index(0, 1).data() == "K-0003", timeout=10_000)
    assert [table_model.index(r, 1).data() for r in range(3)] == ["K-0003", "K-0002", "K-0001"]
    table_model.sort(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: table_model.index(0, 1).data() == "K-0001", timeout=10_000)


def test_record_models_pass_the_model_tester(qtbot, qtmodeltester, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    editor: CaseEditor = main.cases.editor
    main.cases.open_case(main.cases.list.model.case_id(0))
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    case_id = editor.record.case.id
    note = model.Note(case_id=case_id, text="Notiz", written_at="2022-03-01T10:00:00")
    editor.notes.model.set_records([note])
    editor.interventions.model.set_records([model.Intervention(case_id=case_id, type="complaint_letter",
                                                               date=dt.date(2022, 3, 2))])
    editor.documents.model.set_records([model.Attachment(case_id=case_id, file_name="a.pdf", size=2048,
                                                         sha256="0" * 64, added_at="2022-03-01T10:00:00")])
    for table_model in (editor.contacts.model, editor.notes.model, editor.interventions.model,
                        editor.documents.model):
        assert table_model.rowCount() == 1
        qtmodeltester.check(table_model, force_py=True)
    assert editor.interventions.model.index(0, 0).data() == "Beschwerdebrief"
    assert editor.documents.model.index(0, 2).data() == "2 KB"


def test_a_long_list_shows_the_first_page_then_fetches_blocks_where_the_view_looks(
        qtbot, qtmodeltester, qapp, settings, make_store) -> None:
    from beratungsdesk.services import demo
    from beratungsdesk.services.session_cases import BLOCK_SIZE

    store = make_store("big", "office")
    demo.fill(store, cases=2 * BLOCK_SIZE + 50, contacts_per_case=1.0)
    folder = store.folder
    store.close()
    controller = AppController(qapp, folder, settings)
    try:
        main = unlock(qtbot, controller)
        table_model = main.cases.list.model
        qtbot.waitUntil(lambda: table_model.complete, timeout=10_000)
        assert table_model.rowCount() == 2 * BLOCK_SIZE + 50
        # A reload shows the first block before any count is known (no count query
        # stands between unlock and the first rows), then appends the rest.
        sizes: list[tuple[str, int]] = []
        table_model.modelReset.connect(lambda: sizes.append(("reset", table_model.rowCount())))
        table_model.rowsInserted.connect(lambda: sizes.append(("inserted", table_model.rowCount())))
        table_model.reload()
        qtbot.waitUntil(lambda: table_model.complete and len(sizes) == 2, timeout=10_000)
        assert sizes == [("reset", BLOCK_SIZE), ("inserted", 2 * BLOCK_SIZE + 50)]
        count_text = main.cases.list.count_label.text().replace(".", "").replace(",", "")
        assert str(2 * BLOCK_SIZE + 50) in count_text
        last = table_model.rowCount() - 1
        assert table_model.index(last, 0).data() == "…"  # not fetched yet: asked for now
        qtbot.waitUntil(lambda: table_model.index(last, 0).data() != "…", timeout=10_000)
        numbers = [table_model.index(row, 0).data() for row in (0, last)]
        assert all(number.startswith("20") for number in numbers)
        # Newest first: the last row was opened no later than the first.
        first_date, last_date = (table_model.index(row, 2).data() for row in (0, last))
        as_iso = lambda d: d[6:] + d[3:5] + d[:2]  # noqa: E731
        assert as_iso(last_date) <= as_iso(first_date)
        qtmodeltester.check(table_model, force_py=True)
    finally:
        controller.shutdown()
