"""A case on paper from the case editor ("Drucken…"): the saved case as PDF, on a real store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_print import print_saved_case, suggested_file_name
from beratungsdesk.storage import audit
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock
from tests.gui.test_documents import WAIT, pdf_text
from tests.gui.test_handbook_walkthrough import german, handbook, plain  # noqa: F401 (fixtures)


def test_print_writes_the_saved_case_file(qtbot, controller: AppController, filled_store: Path,
                                          tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    assert editor.record is not None
    number = editor.record.case.number or ""
    assert editor.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    # An unsaved change is saved first: the paper shows what is stored.
    editor.tabs.setCurrentIndex(0)
    editor.fields["summary"].setPlainText("Vorfall, ergänzt vor dem Druck")
    out = tmp_path / suggested_file_name(number)
    print_saved_case(editor, out)
    qtbot.waitUntil(lambda: out.exists() and "saved" in editor.general.text(), timeout=WAIT)
    assert not editor.is_dirty()
    text = pdf_text(out)
    assert f"Fallakte {number}" in text and "Vorfall, ergänzt vor dem Druck" in text
    assert "K-0002" in text and "Name K-0002" in text and "Beratungskontakte" in text
    assert "K-0002" not in out.name and "Name" not in out.name  # no personal data in the name
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        exports = [e for e in audit.entries(store.conn, editor.record.case.id, 100) if e.action == "export"]
        assert [e.detail for e in exports] == ["case_file"]


def test_the_handbook_names_the_print_button(qtbot, german, handbook: str,  # noqa: F811
                                            controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0001")
    label = plain(main.cases.editor.print_action.text())
    assert label == "Drucken…"
    assert f"**{label}**" in handbook
    assert "Fallakte-2025-0042.pdf" in handbook
