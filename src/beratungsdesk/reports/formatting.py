"""German formatting of numbers, shares and dates for documents (and English for the CLI).

German typography: decimal comma (``9,5``), thousands point (``1.234``), a
space before the percent sign (``23 %``, DIN 5008; no-break so that a line never
starts with ``%``), dates as ``31.12.2022``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NBSP = "\u00a0"

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember")


def number(value: int, lang: str = "de") -> str:
    text = f"{value:,d}"
    return text.replace(",", ".") if lang == "de" else text


def decimal(value: Decimal | float, places: int = 1, lang: str = "de") -> str:
    """Rounded half up (9,25 -> 9,3), as readers of a report expect."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    if lang != "de":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(value: int, lang: str = "de") -> str:
    return f"{value}{NBSP}%" if lang == "de" else f"{value}%"


def hours(value: Decimal | float, lang: str = "de") -> str:
    """``9,5 Stunden`` / ``1,0 Stunden`` (a rounded figure stays plural) / ``9.5 hours``."""
    if lang == "de":
        return f"{decimal(value, 1, 'de')}{NBSP}Stunden"
    return f"{decimal(value, 1, 'en')} hours"


def invalid(value: Any, lang: str = "de") -> str:
    """A stored value that is not valid for its field, shown as such (see ``wire_form.Invalid``)."""
    return f"ungültig: {value}" if lang == "de" else f"invalid: {value}"


def date(value: dt.date, lang: str = "de") -> str:
    if not isinstance(value, dt.date):
        return invalid(value, lang)
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


def date_long(value: dt.date) -> str:
    """``31. Dezember 2022``."""
    if not isinstance(value, dt.date):
        return invalid(value)
    return f"{value.day}. {MONTHS_DE[value.month - 1]} {value.year}"


def minutes(value: Any, lang: str = "de") -> str:
    """``30 Min.`` (a stored value that is no number shows as invalid)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return invalid(value, lang) if value is not None else ""
    return f"{value} Min." if lang == "de" else f"{value} min"


def period_title(start: dt.date, end: dt.date) -> str:
    """``2022`` for a calendar year, ``2021/22`` for a period across a year end."""
    if start.year == end.year:
        return str(start.year)
    if end.year == start.year + 1:
        return f"{start.year}/{end.year % 100:02d}"
    return f"{start.year}–{end.year}"


def period_range(start: dt.date, end: dt.date, lang: str = "de") -> str:
    return f"{date(start, lang)} – {date(end, lang)}"


def file_size(size: int, lang: str = "de") -> str:
    if isinstance(size, bool) or not isinstance(size, int):
        return invalid(size, lang)
    if size < 1024:
        return f"{number(size, lang)} B"
    if size < 1024 * 1024:
        return f"{decimal(size / 1024, 1, lang)} KB"
    return f"{decimal(size / (1024 * 1024), 1, lang)} MB"
