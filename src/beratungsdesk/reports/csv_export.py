"""The figures as CSV for German spreadsheet programs (pure).

Excel in a German locale opens a file correctly when it is UTF-8 *with* a byte
order mark, separated by semicolons, with decimal commas. One long table:
section, code, label, count, share in per cent; headline figures first.
Withheld counts (publication mode) appear as "< 3" or "•" with an empty share.
"""

from __future__ import annotations

import csv
import io

from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports.statistics import Statistics

HEADER = ["Abschnitt", "Code", "Bezeichnung", "Anzahl", "Anteil in %"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def figures_rows(stats: Statistics) -> list[list[str]]:
    lang = "de"
    rows = [HEADER]
    headline = "Kennzahlen"
    rows.append([headline, "from", "Berichtszeitraum von", fmt.date(stats.start, lang), ""])
    rows.append([headline, "to", "Berichtszeitraum bis", fmt.date(stats.end, lang), ""])
    rows.append([headline, "clients", "Beratungssuchende", stats.clients.text(lang), ""])
    rows.append([headline, "cases", "Fälle", stats.cases.text(lang), ""])
    rows.append([headline, "contacts", "Beratungskontakte", stats.contacts.text(lang), ""])
    if not stats.cases.suppressed:
        rows.append([headline, "hours_total", "Beratungsstunden gesamt",
                     fmt.decimal(stats.hours_total, 2, lang), ""])
    if stats.avg_hours_per_case is not None:
        rows.append([headline, "avg_hours_per_case", "Durchschnittliche Stunden pro Fall",
                     fmt.decimal(stats.avg_hours_per_case, 1, lang), ""])
    for breakdown in stats.breakdowns.values():
        section = breakdown.spec.title(lang)
        for cell in breakdown.cells:
            share = "" if cell.suppressed else str(cell.percent)
            rows.append([section, cell.code, cell.label, cell.count_text(), share])
    return [[_safe(value) for value in row] for row in rows]


def figures_csv(stats: Statistics) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(figures_rows(stats))
    return buffer.getvalue().encode("utf-8-sig")
