"""Importing a table file of one kind, with a preview before anything is written.

``preview_table`` reads the file once, keeps its first rows for display and checks every
row as the import would (a dry run), so the user sees the rows and all problems before
deciding. ``import_table`` then imports, all rows or none, reporting progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.services import case_import, network_import
from beratungsdesk.services.case_import import ImportReport, Progress
from beratungsdesk.services.network_import import ListImportReport
from beratungsdesk.services.sheet_files import (
    ColumnKinds,
    is_sheet_file,
    read_sheet_rows,
    read_table,
    sheet_names,
)
from beratungsdesk.services.spreadsheet import Row
from beratungsdesk.storage.store import Store

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class TableKind:
    columns: tuple[str, ...]
    required: tuple[str, ...]
    cells: ColumnKinds


TABLE_KINDS = {
    "cases": TableKind(case_import.COLUMNS, case_import.REQUIRED, case_import.KINDS),
    "workshops": TableKind(network_import.WORKSHOP_COLUMNS, network_import.WORKSHOP_REQUIRED,
                           network_import.WORKSHOP_KINDS),
    "partners": TableKind(network_import.PARTNER_COLUMNS, network_import.PARTNER_REQUIRED,
                          network_import.PARTNER_KINDS),
}
KINDS = tuple(TABLE_KINDS)  # the kinds a table can hold, in the order offered

Report = ImportReport | ListImportReport


@dataclass
class TablePreview:
    """What a file holds and what importing it would do (nothing has been written)."""

    kind: str
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the columns found, as the file names them
    column_kinds: list[str] = field(default_factory=list)  # per column: "date", "hours" or ""
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells) of the first rows
    row_count: int = 0
    report: Report | None = None  # the dry run's counts when every row is fine
    error: BeratungsError | None = None  # the problems otherwise (every one of them)

    @property
    def importable(self) -> bool:
        return self.error is None and self.report is not None


def preview_table(store: Store, path: Path, kind: str = "cases", sheet: str | None = None) -> TablePreview:
    preview = TablePreview(kind)
    try:
        rows = _read(path, kind, sheet, preview)
    except BeratungsError as error:
        preview.error = error
        preview.sheet_names = sheet_names(path)  # to choose another sheet
        preview.sheet = sheet if sheet in preview.sheet_names else None
        return preview
    columns = [column for column in TABLE_KINDS[kind].columns if rows and column in rows[0].headers]
    preview.headers = [rows[0].headers[column] for column in columns] if rows else []
    cells = TABLE_KINDS[kind].cells
    preview.column_kinds = ["date" if column in cells.dates else "hours" if column in cells.hours else ""
                            for column in columns]
    preview.rows = [(row.line, [row.cells.get(column, "") for column in columns])
                    for row in rows[:PREVIEW_ROWS]]
    preview.row_count = len(rows)
    try:
        preview.report = _import_rows(store, kind, rows, dry_run=True)
    except BeratungsError as error:
        preview.error = error
    return preview


def import_table(store: Store, path: Path, kind: str = "cases", sheet: str | None = None,
                 progress: Progress | None = None) -> Report:
    """Import every row or none (the file is read again: it may have changed since the preview)."""
    spec = TABLE_KINDS[kind]
    if progress is not None:
        progress("read", 0, 0)
    rows = read_table(path, spec.columns, spec.required, spec.cells, sheet)
    return _import_rows(store, kind, rows, dry_run=False, progress=progress)


def _read(path: Path, kind: str, sheet: str | None, preview: TablePreview) -> list[Row]:
    spec = TABLE_KINDS[kind]
    if not is_sheet_file(path):
        return read_table(path, spec.columns, spec.required, spec.cells, sheet)
    found = read_sheet_rows(path, spec.columns, spec.required, spec.cells, sheet)
    preview.sheet, preview.sheet_names = found.sheet, found.sheet_names
    return found.rows


def _import_rows(store: Store, kind: str, rows: list[Row], dry_run: bool,
                 progress: Progress | None = None) -> Report:
    if kind == "cases":
        return case_import.import_case_rows(store, rows, dry_run=dry_run, progress=progress)
    if progress is not None:
        progress("write", len(rows), len(rows))
    if kind == "workshops":
        return network_import.import_workshop_rows(store, rows, dry_run=dry_run)
    return network_import.import_partner_rows(store, rows, dry_run=dry_run)
