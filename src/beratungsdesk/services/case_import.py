"""Importing a center's existing case spreadsheet (one row per case).

The file is a CSV, an Excel (.xlsx) or a LibreOffice (.ods) file (``services/sheet_files.py``).
Columns (any order, any case, German or English names): Fallnummer, Klient, Erstkontakt, Abschluss,
Lebensbereich, Merkmale, Interventionen, Stunden, Ort, Berater. Required:
Klient, Erstkontakt, Lebensbereich.

A row creates or reuses the client by its code, creates one case (the
Fallnummer kept as case number), its interventions, and one contact carrying
the hours on the first-contact date, marked as imported.

All or nothing: every row is checked first; if any problem is found nothing is
written and every problem is reported with line, column and reason. Rows are
recognised on a second import — by Fallnummer, or without one by a fingerprint
of the row — so importing the same file again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from beratungsdesk.core import model, validation
from beratungsdesk.core.collection import cycle_collection_paused
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.sheet_files import ColumnKinds, read_table
from beratungsdesk.services.spreadsheet import CellReader, Row
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store

COLUMNS = ("Fallnummer", "Klient", "Erstkontakt", "Abschluss", "Lebensbereich", "Merkmale",
           "Interventionen", "Stunden", "Ort", "Berater")
REQUIRED = ("Klient", "Erstkontakt", "Lebensbereich")
KINDS = ColumnKinds(dates=frozenset({"Erstkontakt", "Abschluss"}), hours=frozenset({"Stunden"}))
#: Called with (phase, done, total): "check" while rows are checked, "write" before the write.
Progress = Callable[[str, int, int], None]
#: How many rows are checked between two progress reports.
PROGRESS_EVERY = 1000
#: Imported cases get ids derived from their row, so a second import finds them.
_NAMESPACE = uuid.UUID("6f1c8c0e-2b7a-4a52-9a51-7d0f5d1e9b11")


@dataclass
class ImportReport:
    rows: int = 0
    cases: int = 0
    already_imported: int = 0
    clients_new: int = 0
    clients_reused: int = 0
    contacts: int = 0
    interventions: int = 0
    counselors_new: list[str] = field(default_factory=list)
    dry_run: bool = False


def import_cases(store: Store, path: Path, dry_run: bool = False, sheet: str | None = None,
                 progress: Progress | None = None) -> ImportReport:
    """Import ``path`` (CSV, .xlsx or .ods; ``sheet`` picks a sheet, default the first)."""
    return import_case_rows(store, read_table(path, COLUMNS, REQUIRED, KINDS, sheet), dry_run, progress)


def import_case_rows(store: Store, rows: list[Row], dry_run: bool = False,
                     progress: Progress | None = None) -> ImportReport:
    """The rows of a case table already read (``read_table``): all or none."""
    with cycle_collection_paused():
        return _import_cases(store, rows, dry_run, progress)


def _import_cases(store: Store, rows: list[Row], dry_run: bool, progress: Progress | None) -> ImportReport:
    planner = _Planner(store, rows)
    parsed = [planner.parse_row(row) for row in rows]
    planner.look_up_stored([cells for cells, _ in parsed if cells is not None])
    for done, (row, (cells, row_problems)) in enumerate(zip(rows, parsed, strict=True)):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress("check", done, len(rows))
        planner.plan_row(row, cells, row_problems)
    if planner.problems:
        raise ValidationErrors(planner.problems, field="file")
    planner.report.dry_run = dry_run
    if progress is not None:
        progress("write" if not dry_run else "check", len(rows), len(rows))
    if not dry_run and planner.entities:
        with store.unit_of_work() as uow:
            uow.insert_many(planner.entities, validated=True)  # the planner found no problems
    return planner.report


@dataclass(frozen=True)
class _CaseCells:
    """One row's values, parsed and matched against the vocabularies."""

    code: str
    number: str
    opened: dt.date
    closed: dt.date | None
    area: str
    grounds: tuple[str, ...]
    kinds: tuple[str, ...]
    minutes: int | None
    town: str | None

    @functools.cached_property
    def case_id(self) -> str:
        return _case_id(self.number, self.code, self.opened, self.area)


class _Planner:
    """Builds what the import will write, before anything is written."""

    def __init__(self, store: Store, rows: list[Row]) -> None:
        self.store = store
        self.vocab = store.vocabulary()
        self.service = CaseService(store)
        self.entities: list[model.Entity] = []
        self.report = ImportReport()
        self.problems: list[ValidationError] = []
        self.clients: dict[str, model.Client] = {}
        self.counselors = _counselor_index(self.service)
        self.first_line_of_number: dict[str, int] = {}
        self.file_numbers = {row.cells.get("Fallnummer", "") for row in rows} - {""}
        self.issued_numbers: dict[int, int] = {}
        self.case_prefix = self.service.case_prefix()
        # Filled by look_up_stored before the rows are planned.
        self.stored_case_ids: set[str] = set()
        self.stored_numbers: set[str] = set()
        self.stored_clients: dict[str, model.Client] = {}

    def parse_row(self, row: Row) -> tuple[_CaseCells | None, list[ValidationError]]:
        """The row's values, or None with the row's problems (first pass: nothing is looked up)."""
        reader = CellReader(row, self.vocab)
        cells = self._parse(row, reader)
        return cells, reader.problems

    def look_up_stored(self, parsed: list[_CaseCells]) -> None:
        """What the store already holds of the file: a few queries for all rows, not some per row."""
        conn = self.store.conn
        self.stored_case_ids = queries.existing_ids(conn, "case", [cells.case_id for cells in parsed])
        self.stored_numbers = queries.live_case_numbers(conn, [cells.number for cells in parsed
                                                               if cells.number])
        self.stored_clients = queries.clients_by_codes(conn, [cells.code for cells in parsed])

    def plan_row(self, row: Row, cells: _CaseCells | None, row_problems: list[ValidationError]) -> None:
        self.report.rows += 1
        self.problems += row_problems
        if cells is None:
            return
        case_id = cells.case_id
        if case_id in self.stored_case_ids or cells.number in self.stored_numbers:
            self.report.already_imported += 1
            return
        first_new = len(self.entities)  # a new counselor and client of this row come first
        counselor_id = _counselor_for(row.cells.get("Berater", ""), self.counselors, self)
        client = self._client(cells)
        number = cells.number or self._next_number(cells.opened.year)
        case = model.Case(id=case_id, number=number, client_id=client.id, opened_on=cells.opened,
                          closed_on=cells.closed, status="closed" if cells.closed else "open",
                          counselor_id=counselor_id, area=cells.area, grounds=cells.grounds,
                          incident_town=cells.town)
        entities: list[model.Entity] = [case]
        entities += [model.Intervention(case_id=case_id, type=kind, date=cells.opened,
                                        status="done" if cells.closed else "ongoing")
                     for kind in cells.kinds]
        if cells.minutes:
            entities.append(model.Contact(case_id=case_id, date=cells.opened, duration_min=cells.minutes,
                                          town=cells.town, counselor_id=counselor_id, imported=True))
        self.entities += entities
        # Everything the row adds is checked here, so the write need not check it again.
        for entity in self.entities[first_new:]:
            self.problems += [_locate(row, error) for error in validation.problems(entity, self.vocab)]
        self.report.cases += 1
        self.report.interventions += len(cells.kinds)
        self.report.contacts += 1 if cells.minutes else 0

    def _parse(self, row: Row, reader: CellReader) -> _CaseCells | None:
        code = reader.required("Klient", "code")
        reader.required("Erstkontakt", "opened_on")
        reader.required("Lebensbereich", "area")
        cells = _CaseCells(
            code=code, number=row.cells.get("Fallnummer", ""),
            opened=reader.date("Erstkontakt", "opened_on"),  # type: ignore[arg-type]
            closed=reader.date("Abschluss", "closed_on"),
            area=reader.code("Lebensbereich", "area", "area"),  # type: ignore[arg-type]
            grounds=reader.codes("Merkmale", "ground", "grounds"),
            kinds=reader.codes("Interventionen", "intervention", "type"),
            minutes=reader.minutes("Stunden"), town=reader.code("Ort", "town", "incident_town"))
        if cells.number in self.first_line_of_number:
            reader.problems.append(row.error("csv_duplicate_number", "Fallnummer", field="number",
                                             value=cells.number,
                                             first_line=self.first_line_of_number[cells.number]))
        elif cells.number:
            self.first_line_of_number[cells.number] = row.line
        if cells.closed and cells.opened and cells.closed < cells.opened:
            reader.problems.append(row.error("closed_before_opened", "Abschluss", field="closed_on"))
        if reader.problems or cells.opened is None or cells.area is None:
            return None
        return cells

    def _next_number(self, year: int) -> str:
        """The next free number of ``year``, skipping numbers the file itself assigns."""
        issued = self.issued_numbers
        if year not in issued:
            stored = self.service.next_case_number(year)
            issued[year] = int(stored.rsplit("-", 1)[1]) - 1
        width = 4 if not self.case_prefix else 3
        while True:
            issued[year] += 1
            number = f"{year:04d}-{self.case_prefix}{issued[year]:0{width}d}"
            if number not in self.file_numbers:
                return number

    def _client(self, cells: _CaseCells) -> model.Client:
        key = cells.code.casefold()
        client = self.clients.get(key) or self.stored_clients.get(queries.code_key(cells.code))
        if client is None:
            client = model.Client(code=cells.code, town=cells.town)
            self.entities.append(client)
            self.report.clients_new += 1
        elif key not in self.clients:
            self.report.clients_reused += 1
        self.clients[key] = client
        return client


_FIELD_COLUMNS = {"number": "Fallnummer", "code": "Klient", "opened_on": "Erstkontakt",
                  "closed_on": "Abschluss", "area": "Lebensbereich", "grounds": "Merkmale",
                  "type": "Interventionen", "duration_min": "Stunden", "incident_town": "Ort",
                  "town": "Ort", "counselor_id": "Berater"}


def _locate(row: Row, error: ValidationError) -> ValidationError:
    column = _FIELD_COLUMNS.get(str(error.data.get("field")), "")
    return row.error(error.code, column, **error.data)


def _case_id(number: str, client_code: str, opened: dt.date, area: str) -> str:
    key = f"number:{number}" if number else f"row:{client_code.casefold()}|{opened}|{area}"
    return name_based_id(key)


_NAMESPACE_BYTES = _NAMESPACE.bytes


def name_based_id(name: str) -> str:
    """``str(uuid.uuid5(_NAMESPACE, name))``, built without two ``UUID`` objects per row
    (the ids of earlier imports must stay exactly these: a second import finds its rows by them)."""
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8"), usedforsecurity=False)
                    .digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word).casefold()


def _counselor_index(service: CaseService) -> dict[str, str]:
    """Team members by name, stored initials, and initials derived from the name."""
    index: dict[str, str] = {}
    for counselor in service.counselors(include_inactive=True):
        for key in (counselor.name, counselor.initials, _initials(counselor.name or "")):
            if key:
                index.setdefault(key.casefold(), counselor.id)
    return index


def _counselor_for(cell: str, index: dict[str, str], plan: _Planner) -> str | None:
    """Match a team member by name or initials; a name not yet known joins the team."""
    if not cell:
        return None
    if cell.casefold() not in index:
        counselor = model.Counselor(name=cell)
        plan.entities.append(counselor)
        plan.report.counselors_new.append(cell)
        index[cell.casefold()] = counselor.id
        index.setdefault(_initials(cell), counselor.id)
    return index[cell.casefold()]


