"""The audit log's columns show their whole text (headers and entries), in German too."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from beratungsdesk.gui.app import AppController
from tests.gui.conftest import unlock


def _cut_columns(table) -> list[str]:
    """Columns narrower than Qt says their header and entries need (the text ends in "…")."""
    model, header = table.model(), table.horizontalHeader()
    cut = []
    for column in range(model.columnCount(QModelIndex()) - 1):  # the last one stretches
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        if table.columnWidth(column) < needed:
            title = model.headerData(column, Qt.Orientation.Horizontal)
            cut.append(f"{title}: {table.columnWidth(column)} < {needed}")
    return cut


def test_no_audit_column_is_cut_off(qtbot, controller: AppController, tmp_path: Path) -> None:
    controller.set_language("de")
    try:
        main = unlock(qtbot, controller)
        main.resize(1100, 700)
        main.show_page("office")
        office = main.office
        office.tabs.setCurrentWidget(office.audit)
        audit = office.audit
        qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10_000)
        assert not _cut_columns(audit.table)
        table = audit.table
        detail = audit.model.columnCount(QModelIndex()) - 1
        # The detail column starts inside the visible part (no scrolling sideways to find it).
        assert table.columnViewportPosition(detail) + 60 < table.viewport().width()
        shots = os.environ.get("BERATUNGSDESK_SHOTS")
        if shots:  # for looking at it: BERATUNGSDESK_SHOTS=/some/folder
            main.grab().save(str(Path(shots) / "audit.png"))
    finally:
        controller.set_language("en")
