"""Real .xlsx and .ods files as spreadsheet programs leave them, for the import tests.

The .xlsx is written by openpyxl; the results of its formulas are then stored in the file
the way Excel stores them on saving (openpyxl itself writes formulas without results).
The .ods is written by odfpy, cell by cell as LibreOffice writes them (typed values, a
title spanning the columns over covered cells, the sheet's empty rows as one repeated row).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HEADER = ("Fallnummer", "Klient", "Erstkontakt", "Abschluss", "Lebensbereich", "Merkmale",
          "Interventionen", "Stunden", "Ort", "Berater")
#: A formula cell: its text for the file and the result a spreadsheet program stored.
Formula = tuple[str, float]


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Fälle der Beratungsstelle",
               sheet: str = "Fälle", store_results: bool = True, extra_sheet: str | None = None,
               numbered_rows: int = 0) -> None:
    """A case sheet: a merged title row, a two-row header (Fallnummer and Klient merged down,
    "Zeitraum" merged over Erstkontakt and Abschluss), then ``rows`` from row 4, then empty
    rows that only carry formatting. Dates are datetimes (stored as date-formatted serial
    numbers), a ``Formula`` becomes a formula cell. ``numbered_rows``: a running number in
    column K (no header) from row 4 on, as hand-kept sheets have, also below the last record."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    workbook = Workbook()
    sheet_ = workbook.active
    sheet_.title = sheet
    sheet_["A1"] = title
    sheet_.merge_cells("A1:J1")
    sheet_["A2"], sheet_["B2"], sheet_["C2"] = "Fallnummer", "Klient", "Zeitraum"
    sheet_.merge_cells("A2:A3")
    sheet_.merge_cells("B2:B3")
    sheet_.merge_cells("C2:D2")
    for column, name in enumerate(HEADER[2:], start=3):
        sheet_.cell(row=3, column=column, value=name)
    results: dict[str, float] = {}
    for row_number, row in enumerate(rows, start=4):
        for column, value in enumerate(row, start=1):
            cell = sheet_.cell(row=row_number, column=column)
            if isinstance(value, tuple):
                cell.value = value[0]
                results[cell.coordinate] = value[1]
            elif isinstance(value, dt.time):
                cell.value = value
                cell.number_format = "h:mm"
            else:
                cell.value = value
                if isinstance(value, dt.datetime | dt.date):
                    cell.number_format = "DD.MM.YYYY"
    for number in range(1, numbered_rows + 1):
        sheet_.cell(row=number + 3, column=11, value=number)
    thin = Border(bottom=Side(style="thin"))
    for row_number in range(len(rows) + 4, len(rows) + 40):  # a pre-formatted table's empty rest
        for column in range(1, 11):
            sheet_.cell(row=row_number, column=column).border = thin
    if extra_sheet:
        workbook.create_sheet(extra_sheet)["A1"] = "Notizen"
    workbook.save(path)
    if store_results and results:
        _store_formula_results(path, results)


def _store_formula_results(path: Path, results: dict[str, float]) -> None:
    """Put each formula's result into the file, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    text = members[name].decode("utf-8")
    for cell, value in results.items():
        pattern = re.compile(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?')
        text, count = pattern.subn(rf"\g<1><v>{value!r}</v>", text)
        assert count == 1, cell
    members[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def write_ods(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Fälle",
              title: str = "Fälle der Beratungsstelle", header: Sequence[str] = HEADER) -> None:
    """The same layout as an .ods: title spanning the columns, then the header in row 2, rows
    from row 3, then the sheet's empty rest as one repeated row. A ``Formula`` becomes a
    formula cell with its stored result; a ``dt.time`` a time cell; a float a number cell."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet)

    def add_row(cells: list[Any], repeated: int | None = None) -> None:
        row = TableRow(numberrowsrepeated=repeated) if repeated else TableRow()
        for cell in cells:
            row.addElement(cell)
        table.addElement(row)

    def text_cell(text: str, **kwargs: Any) -> Any:
        cell = TableCell(valuetype="string", **kwargs)
        cell.addElement(P(text=text))
        return cell

    add_row([text_cell(title, numbercolumnsspanned=len(header))]
            + [CoveredTableCell() for _ in header[1:]])
    add_row([text_cell(name) for name in header])
    for row in rows:
        add_row([_ods_cell(value, text_cell, TableCell, P) for value in row])
    add_row([TableCell(numbercolumnsrepeated=len(header))], repeated=1_048_000)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def _ods_cell(value: Any, text_cell: Any, table_cell: Any, paragraph: Any) -> Any:
    if value is None or value == "":
        return table_cell()
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, tuple):
        formula, result = value
        if result is None:  # as a program that does not compute formulas writes them
            return table_cell(formula="of:" + formula)
        cell = table_cell(valuetype="float", value=str(result), formula="of:" + formula)
    elif isinstance(value, dt.date):
        cell = table_cell(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, dt.time):
        cell = table_cell(valuetype="time", timevalue=f"PT{value.hour:02d}H{value.minute:02d}M00S")
    else:
        cell = table_cell(valuetype="float", value=str(value))
    cell.addElement(paragraph(text=str(value)))
    return cell
