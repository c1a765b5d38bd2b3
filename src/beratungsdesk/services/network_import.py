"""Importing existing lists of workshops and network partners from CSV.

Read like the case import (``services/spreadsheet.py``, ``services/sheet_files.py``):
CSV (German Excel or UTF-8, ``;`` or ``,``), .xlsx or .ods; all rows or none, every
problem with line, column and reason;
a second import of the same file adds nothing (rows get ids derived from their
content, and partners are also recognised by name).

Workshops: ``Datum, Art, Organisation, Zielgruppe, Ort, Teilnehmende, Stunden,
Status`` (required: Datum, Art). Without a status a workshop in the past counts
as held, one in the future as planned.

Partners: ``Name, Art, Ort, Ansprechperson, Kontakt`` (required: Name, Art).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core import model, validation
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.services.sheet_files import ColumnKinds, read_table
from beratungsdesk.services.spreadsheet import CellReader, Row
from beratungsdesk.storage import network_queries, queries
from beratungsdesk.storage.store import Store

WORKSHOP_COLUMNS = ("Datum", "Art", "Organisation", "Zielgruppe", "Ort", "Teilnehmende", "Stunden",
                    "Status")
WORKSHOP_REQUIRED = ("Datum", "Art")
PARTNER_COLUMNS = ("Name", "Art", "Ort", "Ansprechperson", "Kontakt")
PARTNER_REQUIRED = ("Name", "Art")
WORKSHOP_KINDS = ColumnKinds(dates=frozenset({"Datum"}), hours=frozenset({"Stunden"}))
PARTNER_KINDS = ColumnKinds()
_NAMESPACE = uuid.UUID("0b5e7f52-8c1d-4d7e-b1f0-3c6a2e9d4a77")
_MAX_WORKSHOP_MINUTES = 100 * validation.MINUTES_PER_DAY


@dataclass
class ListImportReport:
    rows: int = 0
    added: int = 0
    already_present: int = 0
    dry_run: bool = False


def import_workshops(store: Store, path: Path, dry_run: bool = False,
                     today: dt.date | None = None, sheet: str | None = None) -> ListImportReport:
    rows = read_table(path, WORKSHOP_COLUMNS, WORKSHOP_REQUIRED, WORKSHOP_KINDS, sheet)
    return import_workshop_rows(store, rows, dry_run, today)


def import_workshop_rows(store: Store, rows: list[Row], dry_run: bool = False,
                         today: dt.date | None = None) -> ListImportReport:
    """The rows of a workshop list already read (``read_table``): all or none."""
    vocab = store.vocabulary()
    report, problems = ListImportReport(dry_run=dry_run), list[ValidationError]()
    entities: list[model.Entity] = []
    for row in rows:
        report.rows += 1
        reader = CellReader(row, vocab)
        workshop = _workshop(reader, today or dt.date.today())
        problems += reader.problems
        if reader.problems or workshop is None:
            continue
        problems += _validated(row, workshop, store, _WORKSHOP_FIELD_COLUMNS)
        if queries.exists(store.conn, "workshop", workshop.id) or workshop.id in {e.id for e in entities}:
            report.already_present += 1
            continue
        entities.append(workshop)
    return _finish(store, report, problems, entities)


def _workshop(reader: CellReader, today: dt.date) -> model.Workshop | None:
    reader.required("Datum", "date")
    reader.required("Art", "type")
    on = reader.date("Datum", "date")
    kind = reader.code("Art", "workshop_type", "type")
    status = reader.code("Status", "workshop_status", "status")
    town = reader.code("Ort", "town", "town")
    participants = reader.count("Teilnehmende", "participants")
    minutes = reader.minutes("Stunden", _MAX_WORKSHOP_MINUTES)
    if on is None or kind is None:
        return None
    organisation = reader.text("Organisation")
    key = f"{on}|{kind}|{(organisation or '').casefold()}|{town or ''}"
    return model.Workshop(id=str(uuid.uuid5(_NAMESPACE, "workshop:" + key)), type=kind, date=on,
                          organisation=organisation, target_group=reader.text("Zielgruppe"),
                          town=town, participants=participants, duration_min=minutes,
                          status=status or ("held" if on <= today else "planned"))


def import_partners(store: Store, path: Path, dry_run: bool = False,
                    sheet: str | None = None) -> ListImportReport:
    rows = read_table(path, PARTNER_COLUMNS, PARTNER_REQUIRED, PARTNER_KINDS, sheet)
    return import_partner_rows(store, rows, dry_run)


def import_partner_rows(store: Store, rows: list[Row], dry_run: bool = False) -> ListImportReport:
    """The rows of a partner list already read (``read_table``): all or none."""
    vocab = store.vocabulary()
    report, problems = ListImportReport(dry_run=dry_run), list[ValidationError]()
    entities: list[model.Entity] = []
    names_in_file: set[str] = set()
    for row in rows:
        report.rows += 1
        reader = CellReader(row, vocab)
        name = reader.required("Name", "name")
        reader.required("Art", "kind")
        kind = reader.code("Art", "partner_kind", "kind")
        town = reader.code("Ort", "town", "town")
        problems += reader.problems
        if reader.problems or kind is None:
            continue
        folded = " ".join(name.split()).casefold()
        if folded in names_in_file or network_queries.partner_by_name(store.conn, name):
            report.already_present += 1
            continue
        names_in_file.add(folded)
        partner = model.Partner(id=str(uuid.uuid5(_NAMESPACE, "partner:" + folded)), kind=kind,
                                name=name, town=town, contact_person=reader.text("Ansprechperson"),
                                contact=reader.text("Kontakt"))
        problems += _validated(row, partner, store, _PARTNER_FIELD_COLUMNS)
        entities.append(partner)
    return _finish(store, report, problems, entities)


_WORKSHOP_FIELD_COLUMNS = {"date": "Datum", "type": "Art", "town": "Ort", "participants": "Teilnehmende",
                           "duration_min": "Stunden", "status": "Status"}
_PARTNER_FIELD_COLUMNS = {"name": "Name", "kind": "Art", "town": "Ort"}


def _validated(row: Row, entity: model.Entity, store: Store,
               columns: dict[str, str]) -> list[ValidationError]:
    return [row.error(error.code, columns.get(str(error.data.get("field")), ""), **error.data)
            for error in validation.problems(entity, store.vocabulary())]


def _finish(store: Store, report: ListImportReport, problems: list[ValidationError],
            entities: Sequence[model.Entity]) -> ListImportReport:
    if problems:
        raise ValidationErrors(problems, field="file")
    report.added = len(entities)
    if entities and not report.dry_run:
        with store.unit_of_work() as uow:
            uow.insert_many(entities)
    return report
