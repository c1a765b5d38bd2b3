"""Opening a case in the editor is audited once per record per session (unlock)."""

from __future__ import annotations

from pathlib import Path

from beratungsdesk.gui.app import AppController
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock


def _opens(folder: Path) -> list[tuple[str, str]]:
    with Store.open(folder, PASSPHRASE) as store:
        return store.conn.execute("SELECT entity, row_id FROM audit_log WHERE action = 'open' "
                                  "ORDER BY n").fetchall()


def _open(qtbot, main, case_id: str) -> None:
    editor = main.cases.editor
    main.cases.open_case(case_id)
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.case.id == case_id,
                    timeout=10_000)


def test_opening_a_case_twice_is_one_entry_and_a_new_session_another(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    first, second = main.cases.list.model.case_id(0), main.cases.list.model.case_id(1)
    _open(qtbot, main, first)
    _open(qtbot, main, second)
    _open(qtbot, main, first)  # again, in the same session
    controller.lock(automatic=False)
    qtbot.waitUntil(lambda: controller.main is None, timeout=10_000)
    main = unlock(qtbot, controller)
    _open(qtbot, main, first)  # a new session: opened again
    controller.shutdown()
    opens = _opens(filled_store)
    assert [row for kind, row in opens if kind == "case"] == [first, second, first]
    # The case's client, shown with its consents on the client tab: once per session too.
    clients = [row for kind, row in opens if kind == "client"]
    assert len(clients) == 3 and len(set(clients)) == 2

