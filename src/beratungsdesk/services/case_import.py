"""Importing a center's existing case spreadsheet (one row per case).

Columns (any order, any case): Fallnummer, Klient, Erstkontakt, Abschluss,
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
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from beratungsdesk.core import model, validation
from beratungsdesk.core.errors import NotFound, ValidationError, ValidationErrors
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.spreadsheet import Row, read_rows, split_list
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store

COLUMNS = ("Fallnummer", "Klient", "Erstkontakt", "Abschluss", "Lebensbereich", "Merkmale",
           "Interventionen", "Stunden", "Ort", "Berater")
REQUIRED = ("Klient", "Erstkontakt", "Lebensbereich")
#: Imported cases get ids derived from their row, so a second import finds them.
_NAMESPACE = uuid.UUID("6f1c8c0e-2b7a-4a52-9a51-7d0f5d1e9b11")
MAX_CONTACT_MINUTES = validation.MINUTES_PER_DAY - 1


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


@dataclass
class _Plan:
    """What the import will write, built before anything is written."""

    entities: list[model.Entity] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


class _RowReader:
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

    def minutes(self, column: str) -> int | None:
        cell = self.row.cells.get(column, "")
        if not cell:
            return None
        try:
            hours = validation.parse_decimal_hours(cell, "hours")
        except ValidationError as error:
            self.problems.append(self.row.error(error.code, column, field="hours", value=cell))
            return None
        minutes = round(hours * 60)
        if minutes > MAX_CONTACT_MINUTES:
            self.problems.append(self.row.error("csv_hours_too_many", column, field="hours",
                                                value=cell))
            return None
        return minutes or None

    def required(self, column: str, field_name: str) -> str:
        cell = self.row.cells.get(column, "")
        if not cell:
            self.problems.append(self.row.error("required", column, field=field_name))
        return cell


def import_cases(store: Store, path: Path, dry_run: bool = False) -> ImportReport:
    rows = read_rows(path, COLUMNS, REQUIRED)
    plan = _plan(store, rows)
    plan.report.dry_run = dry_run
    if not dry_run and plan.entities:
        with store.unit_of_work() as uow:
            uow.insert_many(plan.entities)
    return plan.report


def _plan(store: Store, rows: list[Row]) -> _Plan:
    vocab = store.vocabulary()
    service = CaseService(store)
    plan = _Plan()
    problems: list[ValidationError] = []
    clients: dict[str, model.Client] = {}
    counselors = _counselor_index(service)
    numbers_in_file: dict[str, int] = {}
    file_numbers = {row.cells.get("Fallnummer", "") for row in rows} - {""}
    next_numbers: dict[int, int] = {}
    for row in rows:
        plan.report.rows += 1
        reader = _RowReader(row, vocab)
        code = reader.required("Klient", "code")
        opened = reader.date("Erstkontakt", "opened_on")
        if not row.cells.get("Erstkontakt"):
            reader.required("Erstkontakt", "opened_on")
        closed = reader.date("Abschluss", "closed_on")
        area = reader.code("Lebensbereich", "area", "area")
        if not row.cells.get("Lebensbereich"):
            reader.required("Lebensbereich", "area")
        grounds = reader.codes("Merkmale", "ground", "grounds")
        kinds = reader.codes("Interventionen", "intervention", "type")
        minutes = reader.minutes("Stunden")
        town = reader.code("Ort", "town", "incident_town")
        number = row.cells.get("Fallnummer", "")
        if number and number in numbers_in_file:
            reader.problems.append(row.error("csv_duplicate_number", "Fallnummer", field="number",
                                             value=number, first_line=numbers_in_file[number]))
        numbers_in_file.setdefault(number, row.line)
        if closed and opened and closed < opened:
            reader.problems.append(row.error("closed_before_opened", "Abschluss", field="closed_on"))
        if reader.problems or opened is None or area is None:
            problems += reader.problems
            continue
        case_id = _case_id(number, code, opened, area)
        if _case_exists(store, case_id, number):
            plan.report.already_imported += 1
            continue
        counselor_id = _counselor_for(row.cells.get("Berater", ""), counselors, plan)
        client = clients.get(code.casefold()) or queries.client_by_code(store.conn, code)
        if client is None:
            client = model.Client(code=code, town=town)
            plan.entities.append(client)
            plan.report.clients_new += 1
        elif code.casefold() not in clients:
            plan.report.clients_reused += 1
        clients[code.casefold()] = client
        if not number:
            number = _next_number(service, opened.year, next_numbers, file_numbers)
        case = model.Case(id=case_id, number=number, client_id=client.id, opened_on=opened,
                          closed_on=closed, status="closed" if closed else "open",
                          counselor_id=counselor_id, area=area, grounds=grounds, incident_town=town)
        entities: list[model.Entity] = [case]
        entities += [model.Intervention(case_id=case_id, type=kind, date=opened,
                                        status="done" if closed else "ongoing") for kind in kinds]
        if minutes:
            entities.append(model.Contact(case_id=case_id, date=opened, duration_min=minutes,
                                          town=town, counselor_id=counselor_id, imported=True))
        for entity in entities:
            problems += [_locate(row, error) for error in validation.problems(entity, vocab)]
        plan.entities += entities
        plan.report.cases += 1
        plan.report.interventions += len(kinds)
        plan.report.contacts += 1 if minutes else 0
    if problems:
        raise ValidationErrors(problems, field="file")
    return plan


_FIELD_COLUMNS = {"number": "Fallnummer", "code": "Klient", "opened_on": "Erstkontakt",
                  "closed_on": "Abschluss", "area": "Lebensbereich", "grounds": "Merkmale",
                  "type": "Interventionen", "duration_min": "Stunden", "incident_town": "Ort",
                  "town": "Ort", "counselor_id": "Berater"}


def _locate(row: Row, error: ValidationError) -> ValidationError:
    column = _FIELD_COLUMNS.get(str(error.data.get("field")), "")
    return row.error(error.code, column, **error.data)


def _case_id(number: str, client_code: str, opened: dt.date, area: str) -> str:
    key = f"number:{number}" if number else f"row:{client_code.casefold()}|{opened}|{area}"
    return str(uuid.uuid5(_NAMESPACE, key))


def _case_exists(store: Store, case_id: str, number: str) -> bool:
    if queries.exists(store.conn, "case", case_id):
        return True
    if not number:
        return False
    try:
        queries.case_id_by_number(store.conn, number)
    except NotFound:
        return False
    return True


def _counselor_index(service: CaseService) -> dict[str, str]:
    index: dict[str, str] = {}
    for counselor in service.counselors(include_inactive=True):
        for key in (counselor.name, counselor.initials):
            if key:
                index[key.casefold()] = counselor.id
    return index


def _counselor_for(cell: str, index: dict[str, str], plan: _Plan) -> str | None:
    """Match a team member by name or initials; a name not yet known joins the team."""
    if not cell:
        return None
    if cell.casefold() not in index:
        counselor = model.Counselor(name=cell)
        plan.entities.append(counselor)
        plan.report.counselors_new.append(cell)
        index[cell.casefold()] = counselor.id
    return index[cell.casefold()]


def _next_number(service: CaseService, year: int, issued: dict[int, int], taken: set[str]) -> str:
    """The next free number of ``year``, skipping numbers the file itself assigns."""
    if year not in issued:
        stored = service.next_case_number(year)
        issued[year] = int(stored.rsplit("-", 1)[1]) - 1
    prefix = service.case_prefix()
    width = 4 if not prefix else 3
    while True:
        issued[year] += 1
        number = f"{year:04d}-{prefix}{issued[year]:0{width}d}"
        if number not in taken:
            return number
