"""Reading one sheet of an Excel (.xlsx) or LibreOffice (.ods) file as import rows.

The rows come out as ``spreadsheet.Row`` objects, exactly like the rows of a CSV file,
so the importers check them with the same code and the same messages. What differs:

- A *line* is the sheet's row number and a *column* its letter with the header
  (``C (Erstkontakt)``), as the spreadsheet program shows them.
- The header is the first row (among the first ``HEADER_SEARCH_ROWS``) that names every
  required column; title rows and merged group headings above it are skipped. An empty
  header cell under a vertically merged heading takes the heading's name when that names
  a known column (only the top cell of a merged range holds the text).
- Cells keep their types: a date cell is a date, a number a number. Date columns also
  take raw serial numbers (an unformatted date cell holds days since the workbook's epoch),
  hours columns take numbers (1.5) and time cells (1:30, or [h]:mm durations).
- Formulas are read as the result the spreadsheet program stored. A formula cell without a
  stored result (written by a program, never opened in Excel or LibreOffice) is an error
  naming the cell: its value is unknown, and reading it as empty would import wrong data.
- Rows without a value in the import's columns (trailing formatted rows, blank lines, a
  numbering or formula column filled down below the last record) are skipped.

Nothing is written anywhere while reading: openpyxl (read-only mode) streams the file's
XML from the zip archive, python-calamine reads .ods in memory; no temp files.
"""

from __future__ import annotations

import datetime as dt
import os
import pyexpat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from beratungsdesk.core.errors import BeratungsError, ValidationError, ValidationErrors
from beratungsdesk.services.spreadsheet import (
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    Row,
    canonical_column,
    map_header,
    read_rows,
)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIXES = (".ods",)
SHEET_SUFFIXES = XLSX_SUFFIXES + ODS_SUFFIXES
#: Binary formats from before 2007 (Excel 97-2003, StarOffice): not read; saving them again
#: as .xlsx or .ods is one step in any spreadsheet program.
OLD_FORMAT_SUFFIXES = (".xls", ".sxc")
#: Title rows above the header are common; a header further down is not looked for.
HEADER_SEARCH_ROWS = 20
#: Serial day numbers taken as dates in date columns: 1900-03-01 up to 9999-12-31
#: (below 61, Excel's serials are off by its 1900 leap-year bug; nobody's case is that old).
_SERIAL_RANGE = (61, 2_958_465)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: Expat 2.4.1 and later limit entity expansion (no "billion laughs", no quadratic blowup),
#: and ElementTree never loads external entities or DTDs: what defusedxml guards against
#: is guarded against by the parser itself. openpyxl switches to defusedxml whenever that
#: is installed (odfpy, a test tool, brings it), and defusedxml parses with the pure-Python
#: ElementTree: 1.8x slower reading of a 10 000-row sheet, measured. So openpyxl is told to
#: use the standard parser, before it is first imported (it reads the setting then).
_SAFE_EXPAT = pyexpat.version_info >= (2, 4, 1)
if _SAFE_EXPAT:
    os.environ.setdefault("OPENPYXL_DEFUSEDXML", "False")


@dataclass(frozen=True)
class ColumnKinds:
    """Which canonical columns hold dates and which hours (their cells are converted)."""

    dates: frozenset[str] = frozenset()
    hours: frozenset[str] = frozenset()


@dataclass
class Grid:
    """A sheet's cell values by row number, before the header is known."""

    sheet: str
    sheet_names: list[str]
    rows: list[tuple[int, Sequence[Any]]]
    epoch: dt.datetime = _EXCEL_EPOCH
    unfinished_formulas: list[str] = field(default_factory=list)  # cell names like "D7"


@dataclass
class SheetRows:
    rows: list[Row]
    sheet: str
    sheet_names: list[str]
    header_line: int


def is_sheet_file(path: Path) -> bool:
    return path.suffix.casefold() in SHEET_SUFFIXES


def read_sheet_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
                    kinds: ColumnKinds, sheet: str | None = None) -> SheetRows:
    """The data rows of ``sheet`` (default: the first) of an .xlsx or .ods file."""
    grid = read_grid(path, sheet)
    header_index = _header_position(grid.rows, columns, required)
    if header_index is None:
        raise BeratungsError("csv_empty", field="file")
    header_line, header_cells = grid.rows[header_index]
    above = grid.rows[header_index - 1][1] if header_index else ()
    names = _header_names(header_cells, above, columns)
    labels = [f"{column_letter(position)} ({name})" if name else column_letter(position)
              for position, name in enumerate(names)]
    if grid.unfinished_formulas:
        by_letter = {column_letter(position): label for position, label in enumerate(labels)}
        raise ValidationErrors([_formula_error(cell, by_letter) for cell in grid.unfinished_formulas],
                               field="file")
    mapped = map_header(names, columns, required, line=header_line, labels=labels)
    index = {canonical: position for position, (canonical, _) in enumerate(mapped) if canonical}
    written = {canonical: label for (canonical, _), label in zip(mapped, labels, strict=True) if canonical}
    rows = [row for line, values in grid.rows[header_index + 1:]
            if (row := _row(line, values, index, written, kinds, grid.epoch)) is not None]
    return SheetRows(rows, grid.sheet, grid.sheet_names, header_line)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Every row of the sheet with its row number (blank rows included)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise BeratungsError("file_unreadable", field="file") from None
    if size > MAX_FILE_BYTES:
        raise BeratungsError("csv_too_large", field="file", limit=MAX_FILE_BYTES)
    if path.suffix.casefold() in ODS_SUFFIXES:
        return _ods_grid(path, sheet)
    return _xlsx_grid(path, sheet)


def sheet_names(path: Path) -> list[str]:
    """The sheets of an .xlsx or .ods file without reading their rows ([] for CSV)."""
    if not is_sheet_file(path):
        return []
    try:
        if path.suffix.casefold() in ODS_SUFFIXES:
            from python_calamine import CalamineWorkbook

            workbook = CalamineWorkbook.from_path(str(path))
            names = list(workbook.sheet_names)
            workbook.close()
            return names
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        names = list(book.sheetnames)
        book.close()
        return names
    except Exception:  # unreadable: the import itself says why
        return []


# --- .xlsx: openpyxl ---------------------------------------------------------------------

def _xlsx_grid(path: Path, sheet: str | None) -> Grid:
    import openpyxl  # imported when needed: about 0.1 s, not at start-up

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise BeratungsError("file_unreadable", field="file") from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise BeratungsError("sheet_unreadable", field="file") from None
    try:
        names = list(workbook.sheetnames)
        worksheet = workbook[_chosen(names, sheet)]
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet: no cells to read
            raise BeratungsError("sheet_unreadable", field="file")
        # A stored size is often wrong (files written by other programs): read every row.
        worksheet.reset_dimensions()
        try:
            rows: list[tuple[int, Sequence[Any]]] = list(
                enumerate(worksheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1))
        except Exception:
            raise BeratungsError("sheet_unreadable", field="file") from None
        sheet_path = getattr(worksheet, "_worksheet_path", None)
        epoch = workbook.epoch
    finally:
        workbook.close()
    unfinished = _xlsx_formulas_without_result(path, sheet_path) if sheet_path else []
    return Grid(worksheet.title, names, rows, epoch, unfinished)


def _xlsx_formulas_without_result(path: Path, sheet_path: str) -> list[str]:
    """Cells whose formula has no stored result (openpyxl reads them as empty)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not _mentions(archive, sheet_path, (b"<f>", b"<f ", b":f>", b":f ")):
                return []  # the common case: one quick look through the bytes, no second parse
            with archive.open(sheet_path) as source:
                return _cells_with_empty_formula(source)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        raise BeratungsError("sheet_unreadable", field="file") from None


def _mentions(archive: zipfile.ZipFile, member: str, needles: tuple[bytes, ...]) -> bool:
    """Whether ``member`` contains any of ``needles`` (read in blocks, never whole)."""
    tail = b""
    with archive.open(member) as source:
        while chunk := source.read(1 << 20):
            text = tail + chunk
            if any(needle in text for needle in needles):
                return True
            tail = text[-16:]
    return False


def _cells_with_empty_formula(source: Any) -> list[str]:
    found = []
    # Safe with the standard parser: see _SAFE_EXPAT.
    for _event, element in ElementTree.iterparse(source, events=("end",)):  # noqa: S314
        if element.tag != _MAIN_NS + "c":
            continue
        if element.find(_MAIN_NS + "f") is not None:
            value = element.find(_MAIN_NS + "v")
            inline = element.find(_MAIN_NS + "is")
            if inline is None and (value is None or not (value.text or "")):
                found.append(element.get("r", "?"))
        element.clear()
    return found


def _formula_error(cell: str, labels: dict[str, str]) -> ValidationError:
    """``D7`` -> line 7, column "D (Stunden)" (the header's name when the column has one)."""
    letters = "".join(char for char in cell if char.isalpha())
    digits = "".join(char for char in cell if char.isdigit())
    return ValidationError("sheet_formula_without_result", line=int(digits or 0),
                           column=labels.get(letters, letters))


# --- .ods: python-calamine ----------------------------------------------------------------

def _ods_grid(path: Path, sheet: str | None) -> Grid:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except OSError:
        raise BeratungsError("file_unreadable", field="file") from None
    except Exception:  # calamine's own error types for a file that is not a spreadsheet
        raise BeratungsError("sheet_unreadable", field="file") from None
    try:
        names = list(workbook.sheet_names)
        chosen = _chosen(names, sheet)
        try:
            values = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
        except Exception:
            raise BeratungsError("sheet_unreadable", field="file") from None
    finally:
        workbook.close()
    # LibreOffice counts days from 1899-12-30 like Excel (its default "null date").
    return Grid(chosen, names, list(enumerate(values, start=1)),
                unfinished_formulas=_ods_formulas_without_result(path, chosen))


_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_TABLE_NS + "table-cell", _TABLE_NS + "covered-table-cell")


def _ods_formulas_without_result(path: Path, sheet: str) -> list[str]:
    """Cells of ``sheet`` with a formula but no stored value (calamine reads them as empty)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not _mentions(archive, "content.xml", (b"table:formula",)):
                return []
            with archive.open("content.xml") as source:
                return _ods_cells_with_empty_formula(source, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        raise BeratungsError("sheet_unreadable", field="file") from None


def _ods_cells_with_empty_formula(source: Any, sheet: str) -> list[str]:
    found: list[str] = []
    inside, row, column = False, 0, 0
    # Safe with the standard parser: see _SAFE_EXPAT.
    for event, element in ElementTree.iterparse(source, events=("start", "end")):  # noqa: S314
        tag = element.tag
        if tag == _TABLE_NS + "table":
            inside = event == "start" and element.get(_TABLE_NS + "name") == sheet
        elif not inside or event == "start":
            continue
        elif tag in _ODS_CELLS:
            if element.get(_TABLE_NS + "formula") and element.get(_OFFICE_NS + "value-type") is None:
                found.append(f"{column_letter(column)}{row + 1}")
            column += int(element.get(_TABLE_NS + "number-columns-repeated", "1"))
        elif tag == _TABLE_NS + "table-row":
            row += int(element.get(_TABLE_NS + "number-rows-repeated", "1"))
            column = 0
            element.clear()
    return found


def _chosen(names: list[str], wanted: str | None) -> str:
    if not names:
        raise BeratungsError("csv_empty", field="file")
    if wanted is None:
        return names[0]
    if wanted in names:
        return wanted
    folded = {name.casefold(): name for name in names}
    if wanted.casefold() in folded:
        return folded[wanted.casefold()]
    raise BeratungsError("sheet_missing", field="sheet", value=wanted, sheets=", ".join(names))


# --- header ------------------------------------------------------------------------------

def _header_position(rows: list[tuple[int, Sequence[Any]]], columns: tuple[str, ...],
                     required: tuple[str, ...]) -> int | None:
    """The first row naming every required column; else the first non-empty row."""
    first_filled = None
    for index, (_line, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if all(_blank(value) for value in values):
            continue
        if first_filled is None:
            first_filled = index
        above = rows[index - 1][1] if index else ()
        named = {canonical_column(name, columns) for name in _header_names(values, above, columns)}
        if all(column in named for column in required):
            return index
    return first_filled


def _header_names(cells: Sequence[Any], above: Sequence[Any], columns: tuple[str, ...]) -> list[str]:
    names = [_plain_text(value) for value in cells]
    for position, name in enumerate(names):
        if not name and position < len(above):
            heading = _plain_text(above[position])
            if canonical_column(heading, columns):
                names[position] = heading  # a heading merged over two rows
    while names and not names[-1]:
        names.pop()
    return names


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- cells -------------------------------------------------------------------------------

def _row(line: int, values: Sequence[Any], index: dict[str, int], written: dict[str, str],
         kinds: ColumnKinds, epoch: dt.datetime) -> Row | None:
    """The row's cells, or None for a row without a value in any of the import's columns
    (sheets often carry formulas or numbering far below their last record)."""
    if all(_blank(values[position]) for position in index.values() if position < len(values)):
        return None
    cells = {}
    for column, position in index.items():
        value = values[position] if position < len(values) else None
        text = _cell_text(value, column, kinds, epoch)
        if len(text) > MAX_CELL_CHARS:
            raise ValidationError("csv_cell_too_long", line=line, column=written[column],
                                  count=MAX_CELL_CHARS)
        cells[column] = text
    return Row(line, cells, written)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: Any, column: str, kinds: ColumnKinds, epoch: dt.datetime) -> str:
    """The cell as the CSV readers' text: dates ISO, numbers with a decimal point."""
    if value is None or isinstance(value, str):
        return (value or "").strip()
    if column in kinds.dates:
        return _date_text(value, epoch)
    if column in kinds.hours:
        return _hours_text(value)
    return _plain_text(value)


def _date_text(value: Any, epoch: dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
        try:
            return (epoch + dt.timedelta(days=int(value))).date().isoformat()
        except OverflowError:  # past year 9999 from a later epoch (1904): not a date
            return _plain_text(value)
    return _plain_text(value)


def _hours_text(value: Any) -> str:
    if isinstance(value, dt.time):
        return _number_text(value.hour + value.minute / 60 + value.second / 3600)
    if isinstance(value, dt.timedelta):
        return _number_text(value.total_seconds() / 3600)
    return _plain_text(value)


def _plain_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _number_text(number: float) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    if isinstance(number, float):
        return f"{round(number, 9):.9f}".rstrip("0").rstrip(".")  # 0.1+0.2 reads as 0.3
    return str(number)


# --- any table file ------------------------------------------------------------------------

def read_table(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
               kinds: ColumnKinds, sheet: str | None = None) -> list[Row]:
    """The rows of a CSV, .xlsx or .ods file (by its name's ending); CSV as before."""
    if is_sheet_file(path):
        return read_sheet_rows(path, columns, required, kinds, sheet).rows
    if path.suffix.casefold() in OLD_FORMAT_SUFFIXES:
        raise BeratungsError("sheet_old_format", field="file")
    if sheet is not None:
        raise BeratungsError("sheet_in_csv", field="sheet")
    return read_rows(path, columns, required)
