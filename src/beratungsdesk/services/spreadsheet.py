"""Reading spreadsheets saved as CSV, the way German Excel and others write them.

- Encoding: UTF-8 with or without BOM; otherwise Windows-1252 (German Excel's
  "CSV (Trennzeichen-getrennt)").
- Separator: ``;`` (German Excel) or ``,``, detected from the header line.
- Header names in any order and case; unknown and missing columns are errors.

Every problem is a ``ValidationError`` with ``line`` (as an editor counts them)
and ``column`` (the header name as written in the file).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core import validation
from beratungsdesk.core.errors import BeratungsError, ValidationError, ValidationErrors
from beratungsdesk.core.vocab import Vocabulary

MAX_FILE_BYTES = 50 * 1024 * 1024
#: The longest cell taken (characters). Python's csv module stops at 128 KiB per field with
#: an error that names neither line nor column; its limit is raised to the file limit while
#: reading, and this one is checked per cell, so a huge cell is reported where it is.
MAX_CELL_CHARS = 100_000


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]  # canonical column name -> trimmed cell text ("" when empty)
    headers: dict[str, str]  # canonical column name -> header as written in the file

    def error(self, code: str, column: str, **data: object) -> ValidationError:
        return ValidationError(code, line=self.line, column=self.headers.get(column, column), **data)


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def detect_separator(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","


def read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> list[Row]:
    """All data rows of ``path``; raises ``ValidationErrors`` for a bad header."""
    text = _read_text(path)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise BeratungsError("csv_empty", field="file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(lines[0]))
    with _field_limit(MAX_FILE_BYTES):
        try:
            header = next(reader)
            _check_cell_sizes(header, 1, [])
            headers = map_header(header, columns, required)
            index = {canonical: position for position, (canonical, _) in enumerate(headers) if canonical}
            written = {canonical: original for canonical, original in headers if canonical}
            return list(_rows(reader, index, written, [name for _, name in headers]))
        except csv.Error:
            # Only malformed quoting is left (e.g. a NUL byte); csv names the line it reached.
            raise ValidationError("csv_malformed", line=reader.line_num) from None


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's field limit is process-wide: raise it for this read, then put it back."""
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _check_cell_sizes(record: list[str], line: int, names: list[str]) -> None:
    for position, cell in enumerate(record):
        if len(cell) > MAX_CELL_CHARS:
            column = names[position] if position < len(names) else str(position + 1)
            raise ValidationError("csv_cell_too_long", line=line, column=column, count=MAX_CELL_CHARS)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BeratungsError("csv_too_large", field="file", limit=MAX_FILE_BYTES)
        return decode(path.read_bytes())
    except OSError:
        raise BeratungsError("file_unreadable", field="file") from None


#: English headers taken for the German ones (sheets kept in English, or exported by
#: English-language tools). Only the columns of the kind being imported are looked up.
ENGLISH_HEADERS = {
    "case number": "Fallnummer", "client": "Klient", "first contact": "Erstkontakt",
    "closed": "Abschluss", "area": "Lebensbereich", "grounds": "Merkmale",
    "interventions": "Interventionen", "hours": "Stunden", "town": "Ort", "counselor": "Berater",
    "date": "Datum", "type": "Art", "kind": "Art", "organisation": "Organisation",
    "organization": "Organisation", "target group": "Zielgruppe", "participants": "Teilnehmende",
    "status": "Status", "name": "Name", "contact person": "Ansprechperson", "contact": "Kontakt",
}


def canonical_column(name: str, columns: tuple[str, ...]) -> str | None:
    """The column of ``columns`` that a header names (German or English, any letter case)."""
    folded = " ".join(name.strip().lstrip("\ufeff").split()).casefold()
    for column in columns:
        if column.casefold() == folded:
            return column
    english = ENGLISH_HEADERS.get(folded)
    return english if english in columns else None


def map_header(header: list[str], columns: tuple[str, ...], required: tuple[str, ...],
               line: int = 1, labels: list[str] | None = None) -> list[tuple[str | None, str]]:
    """Each header cell's canonical column (None for an empty cell) and its name as written.

    ``line`` is the header's line in the file, ``labels`` how problems name each position
    (default: the header as written)."""
    mapped: list[tuple[str | None, str]] = []
    problems: list[ValidationError] = []
    seen: set[str] = set()
    for position, written in enumerate(header):
        name = written.strip().lstrip("\ufeff")
        label = labels[position] if labels else name
        if not name:
            mapped.append((None, written))
            continue
        canonical = canonical_column(name, columns)
        if canonical is None:
            problems.append(ValidationError("csv_unknown_column", line=line, column=label))
        elif canonical in seen:
            problems.append(ValidationError("csv_duplicate_column", line=line, column=label))
        else:
            seen.add(canonical)
        mapped.append((canonical, name))
    problems += [ValidationError("csv_missing_column", line=line, column=column)
                 for column in required if column not in seen]
    if problems:
        raise ValidationErrors(problems)
    return mapped


def _rows(reader: Iterator[list[str]], index: dict[str, int], written: dict[str, str],
          names: list[str]) -> Iterator[Row]:
    line = 1
    for record in reader:
        line = reader.line_num  # type: ignore[attr-defined]  # csv.reader has it
        _check_cell_sizes(record, line, names)
        if not any(cell.strip() for cell in record):
            continue  # blank lines between rows are common in hand-kept sheets
        cells = {column: (record[position].strip() if position < len(record) else "")
                 for column, position in index.items()}
        yield Row(line, cells, written)


def parse_date_argument(text: str | None, field: str) -> dt.date | None:
    """A date given on the command line or in a form (None stays None)."""
    return validation.parse_date(text, field) if text else None


def split_list(cell: str) -> list[str]:
    """A list cell: entries separated by commas (or semicolons inside a ,-file)."""
    return [part.strip() for part in cell.replace(";", ",").split(",") if part.strip()]


class CellReader:
    """Turns one row's cells into values, collecting problems instead of stopping."""

    def __init__(self, row: Row, vocab: Vocabulary) -> None:
        self.row, self.vocab = row, vocab
        self.problems: list[ValidationError] = []

    def date(self, column: str, field_name: str) -> dt.date | None:
        cell = self.row.cells.get(column, "")
        if not cell:
            return None
        try:
            return validation.parse_date(cell, field_name)
        except ValidationError as error:
            self.problems.append(self.row.error(error.code, column, field=field_name, value=cell))
            return None

    def code(self, column: str, kind: str, field_name: str) -> str | None:
        cell = self.row.cells.get(column, "")
        if not cell:
            return None
        found = self.vocab.match(kind, cell)
        if found is None:
            self.problems.append(self.row.error("unknown_code", column, field=field_name, value=cell))
        return found

    def codes(self, column: str, kind: str, field_name: str) -> tuple[str, ...]:
        found = []
        for part in split_list(self.row.cells.get(column, "")):
            code = self.vocab.match(kind, part)
            if code is None:
                self.problems.append(self.row.error("unknown_code", column, field=field_name, value=part))
            else:
                found.append(code)
        return tuple(dict.fromkeys(found))

    def minutes(self, column: str, max_minutes: int = validation.MINUTES_PER_DAY - 1) -> int | None:
        """Hours (decimal comma or point) as whole minutes."""
        cell = self.row.cells.get(column, "")
        if not cell:
            return None
        try:
            hours = validation.parse_decimal_hours(cell, "hours")
        except ValidationError as error:
            self.problems.append(self.row.error(error.code, column, field="hours", value=cell))
            return None
        minutes = round(hours * 60)
        if minutes > max_minutes:
            self.problems.append(self.row.error("csv_hours_too_many", column, field="hours",
                                                value=cell))
            return None
        return minutes or None

    def required(self, column: str, field_name: str) -> str:
        cell = self.row.cells.get(column, "")
        if not cell:
            self.problems.append(self.row.error("required", column, field=field_name))
        return cell

    def count(self, column: str, field_name: str) -> int | None:
        """A whole number of at least 0 (participants and the like)."""
        cell = self.row.cells.get(column, "")
        if not cell:
            return None
        if not cell.isdigit():
            self.problems.append(self.row.error("number_format", column, field=field_name, value=cell))
            return None
        return int(cell)

    def text(self, column: str) -> str | None:
        return self.row.cells.get(column) or None
