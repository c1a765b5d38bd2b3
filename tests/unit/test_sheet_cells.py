"""Cells of .xlsx sheets as the import reads them: column letters, serial dates of both
workbook epochs, numbers as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from beratungsdesk.services.case_import import COLUMNS, KINDS, REQUIRED
from beratungsdesk.services.sheet_files import column_letter, read_sheet_rows


@given(st.integers(min_value=0, max_value=16_383))  # Excel's last column is XFD
def test_column_letters_are_excels(position: int) -> None:
    assert column_letter(position) == get_column_letter(position + 1)


def _sheet(path: Path, mac_epoch: bool) -> Path:
    workbook = Workbook()
    if mac_epoch:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["Klient", "Erstkontakt", "Abschluss", "Lebensbereich", "Stunden"])
    # Erstkontakt date-formatted; Abschluss a raw serial in an unformatted cell; hours 0.1+0.2
    sheet.append([4711, dt.datetime(2022, 1, 3), 44636 - (1462 if mac_epoch else 0), "Wohnen", 0.1 + 0.2])
    sheet["B2"].number_format = "DD.MM.YYYY"
    workbook.save(path)
    return path


def test_serials_count_from_the_workbooks_epoch(tmp_path: Path) -> None:
    for mac_epoch in (False, True):
        path = _sheet(tmp_path / f"mac-{mac_epoch}.xlsx", mac_epoch)
        [row] = read_sheet_rows(path, COLUMNS, REQUIRED, KINDS).rows
        assert row.cells == {"Klient": "4711", "Erstkontakt": "2022-01-03", "Abschluss": "2022-03-16",
                             "Lebensbereich": "Wohnen", "Stunden": "0.3"}, mac_epoch
        assert row.line == 2 and row.headers["Abschluss"] == "C (Abschluss)"
