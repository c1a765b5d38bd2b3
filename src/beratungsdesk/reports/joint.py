"""Joint figures of several centers (pure): what a center exports, how a received file is
checked, and how the files add up.

A center exports its period's figures *for publication* (``reports.statistics`` with small
numbers withheld): headline totals, the areas of life, age bands, gender groups, months and
the workshops. No counselor names, no free-text languages, nothing about a person.

A received file is untrusted even when its signature is valid (the signature only says who
wrote it): :func:`parse_center` checks every field — types, ranges, code syntax, no
unexpected keys, the period, and that small numbers really are withheld — and raises
:class:`JointFileError` naming the field.

:func:`combine` adds the centers up. A value a center withheld is unknown, so a total is the
sum of what the files show and says so when a part is missing ("mindestens"). In the areas,
each center's withheld cases (its cases minus the areas it shows) form one row of their own,
so the total column's shares (largest remainder) still add up to exactly 100. Then the
totals are suppressed again by the same rule as a single center's figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beratungsdesk.core.text import forbidden_character
from beratungsdesk.core.vocab import Vocabulary, default_terms
from beratungsdesk.reports.rounding import largest_remainder
from beratungsdesk.reports.statistics import (
    GENDER_LABELS,
    NOT_STATED_LABEL,
    SMALL_LIMIT,
    Statistics,
    suppression_marks,
)
from beratungsdesk.storage.figures import NOT_STATED

#: Breakdowns a center's file carries (exclusive ones, with codes and no free text).
EXPORTED_BREAKDOWNS = ("areas", "age_bands", "genders", "by_month")
_TOTALS = ("clients", "cases", "contacts")
_BODY_KEYS = {"center", "period", "created_at", "publication", "clients", "cases", "contacts",
              "hours_total", "workshops", *EXPORTED_BREAKDOWNS, "sign_pub", "kx_pub"}
MAX_CENTER_NAME = 200
MAX_COUNT = 100_000_000
MAX_CODES = 400  # more cells than any breakdown of a period can have
_CODE = re.compile(r"[a-z0-9_]{1,64}")  # vocabulary codes (services make them from labels)
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_HOURS = re.compile(r"\d{1,9}\.\d{2}")
WITHHELD_ROW = "withheld"
WITHHELD_LABEL = "in den Dateien zurückgehalten (kleine Zahlen)"


class JointFileError(ValueError):
    """A field of a received file is not valid; ``field`` names it (e.g. ``areas.housing``)."""

    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


# --- export --------------------------------------------------------------------------

def export_body(stats: Statistics, center: str, created_at: str) -> dict[str, Any]:
    """The unsigned body of a center's file: the period's published figures, nothing personal."""
    if not stats.publication:
        raise ValueError("only figures for publication leave the center")
    data = stats.to_json()
    body: dict[str, Any] = {
        "center": center, "period": data["period"], "created_at": created_at, "publication": True,
        **{name: data[name] for name in _TOTALS},
        "hours_total": None if stats.cases.suppressed else f"{stats.hours_total:.2f}",
        "workshops": {"total": stats.workshops.total if stats.workshops else 0,
                      "participants": stats.workshops.participants if stats.workshops else 0},
    }
    for key in EXPORTED_BREAKDOWNS:
        body[key] = _exported_cells(stats, key)
    return body


def _exported_cells(stats: Statistics, key: str) -> dict[str, int | None]:
    """Code -> published count. A stored code that is not a code (damaged or foreign data)
    counts as not stated, so the receiver's check does not refuse the whole file."""
    pattern = _MONTH if key == "by_month" else _CODE
    cells: dict[str, int | None] = {}
    for cell in stats.breakdowns[key].cells:
        code = cell.code if pattern.fullmatch(cell.code) else NOT_STATED
        if code in cells:
            earlier = cells[code]
            cells[code] = None if earlier is None or cell.shown_count is None else earlier + cell.shown_count
        else:
            cells[code] = cell.shown_count
    return cells


# --- checking a received file -------------------------------------------------------

@dataclass(frozen=True)
class CenterFigures:
    center: str
    start: dt.date
    end: dt.date
    created_at: str
    totals: dict[str, int | None]  # clients, cases, contacts; None = withheld
    hours_total: Decimal | None
    breakdowns: dict[str, dict[str, int | None]]
    workshops: int
    participants: int
    fingerprint: str = ""

    def withheld_in_areas(self) -> int | None:
        """The center's cases whose area it withheld (None when its cases are withheld)."""
        cases = self.totals["cases"]
        if cases is None:
            return None
        return cases - sum(value or 0 for value in self.breakdowns["areas"].values())


def parse_center(body: dict[str, Any], fingerprint: str = "") -> CenterFigures:
    """Every field checked; raises JointFileError naming the first one that is not valid."""
    unexpected = sorted(set(body) - _BODY_KEYS)
    if unexpected:  # named when it is a plain word; any other text is not echoed
        name = unexpected[0]
        raise JointFileError(name if _CODE.fullmatch(name) else "unexpected field")
    start, end = _period(body.get("period"))
    totals = {name: _count(body.get(name, "missing"), name) for name in _TOTALS}
    breakdowns = {key: _cells(body.get(key), key) for key in EXPORTED_BREAKDOWNS}
    if body.get("publication") is not True:
        raise JointFileError("publication")
    workshops, participants = _workshops(body.get("workshops"))
    figures = CenterFigures(
        center=_center(body.get("center")), start=start, end=end,
        created_at=_created_at(body.get("created_at")), totals=totals,
        hours_total=_hours(body.get("hours_total", "missing")), breakdowns=breakdowns,
        workshops=workshops, participants=participants, fingerprint=fingerprint)
    _consistent(figures, start, end)
    return figures


def _center(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_CENTER_NAME \
            or forbidden_character(value):
        raise JointFileError("center")
    return value.strip()


def _date(value: Any, name: str) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise JointFileError(name)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise JointFileError(name) from None


def _period(value: Any) -> tuple[dt.date, dt.date]:
    if not isinstance(value, dict) or set(value) != {"from", "to"}:
        raise JointFileError("period")
    start, end = _date(value["from"], "period.from"), _date(value["to"], "period.to")
    if end < start:
        raise JointFileError("period.to")
    return start, end


def _created_at(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise JointFileError("created_at")
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise JointFileError("created_at") from None
    return value


def _count(value: Any, name: str, nullable: bool = True) -> int | None:
    """A published count: a whole number 0 or from 3 on (1 and 2 must have been withheld)."""
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise JointFileError(name)
    if 0 < value < SMALL_LIMIT:
        raise JointFileError(name)  # a small number that should have been withheld
    return value


def _hours(value: Any) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _HOURS.fullmatch(value):
        raise JointFileError("hours_total")
    return Decimal(value)


def _cells(value: Any, key: str) -> dict[str, int | None]:
    if not isinstance(value, dict) or len(value) > MAX_CODES:
        raise JointFileError(key)
    pattern = _MONTH if key == "by_month" else _CODE
    cells: dict[str, int | None] = {}
    for code, count in value.items():
        if not isinstance(code, str) or not (pattern.fullmatch(code) or code == NOT_STATED):
            raise JointFileError(key)
        cells[code] = _count(count, f"{key}.{code}")
    return cells


def _workshops(value: Any) -> tuple[int, int]:
    if not isinstance(value, dict) or set(value) != {"total", "participants"}:
        raise JointFileError("workshops")
    total = value["total"]
    people = value["participants"]
    for name, number in (("workshops.total", total), ("workshops.participants", people)):
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_COUNT:
            raise JointFileError(name)
    return total, people


def _consistent(figures: CenterFigures, start: dt.date, end: dt.date) -> None:
    """What a real export cannot contain: parts larger than their whole, months outside."""
    cases = figures.totals["cases"]
    for key in EXPORTED_BREAKDOWNS:
        shown = sum(count or 0 for count in figures.breakdowns[key].values())
        if cases is not None and shown > cases:
            raise JointFileError(key)
        if cases is None and shown:
            raise JointFileError(key)  # withheld cases (1 or 2) leave nothing to show
    first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
    if any(code != NOT_STATED and not first <= code <= last for code in figures.breakdowns["by_month"]):
        raise JointFileError("by_month")
    clients = figures.totals["clients"]
    if clients is not None and cases is not None and clients > cases:
        raise JointFileError("clients")


# --- adding up ---------------------------------------------------------------------------

@dataclass(frozen=True)
class JointTotal:
    value: int
    complete: bool  # False when a center withheld its number (the sum is a lower bound)
    suppressed: bool = False

    def text(self) -> str:
        if self.suppressed:
            return "< 3"
        number = f"{self.value:,d}".replace(",", ".")
        return number if self.complete else f"mind. {number}"


@dataclass(frozen=True)
class AreaRow:
    code: str
    label: str
    per_center: list[int | None]
    total: int
    percent: int
    suppressed: str = ""  # as reports.statistics: "small" or "complementary"

    def total_text(self) -> str:
        if self.suppressed == "small":
            return "< 3"
        if self.suppressed:
            return "•"
        return f"{self.total:,d}".replace(",", ".")


@dataclass(frozen=True)
class JointFigures:
    start: dt.date
    end: dt.date
    centers: list[CenterFigures]
    totals: dict[str, JointTotal]
    hours_total: Decimal
    hours_complete: bool
    areas: list[AreaRow]
    workshops: int
    participants: int
    extra: dict[str, list[AreaRow]] = field(default_factory=dict)  # age bands, genders

    def to_json(self) -> dict[str, Any]:
        def total(value: JointTotal) -> dict[str, Any]:
            return {"value": None if value.suppressed else value.value, "complete": value.complete}

        def rows(found: list[AreaRow]) -> dict[str, Any]:
            return {row.code: {"label": row.label, "per_center": row.per_center,
                               "total": None if row.suppressed else row.total,
                               "percent": None if row.suppressed else row.percent,
                               **({"suppressed": row.suppressed} if row.suppressed else {})}
                    for row in found}

        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "centers": [{"center": c.center, "fingerprint": c.fingerprint, **c.totals,
                         "hours_total": None if c.hours_total is None else float(c.hours_total),
                         "workshops": c.workshops, "participants": c.participants}
                        for c in self.centers],
            "totals": {**{name: total(value) for name, value in self.totals.items()},
                       "hours_total": {"value": float(self.hours_total), "complete": self.hours_complete},
                       "workshops": self.workshops, "participants": self.participants},
            "areas": rows(self.areas),
            **{key: rows(found) for key, found in self.extra.items()},
        }


def combine(centers: list[CenterFigures], vocabulary: Vocabulary | None = None) -> JointFigures:
    """The joint figures of centers of one period (the caller has refused mixed periods)."""
    if not centers:
        raise ValueError("no centers")
    vocabulary = vocabulary or Vocabulary(default_terms())
    totals = {}
    for name in _TOTALS:
        known = [c.totals[name] for c in centers]
        value = sum(v or 0 for v in known)
        totals[name] = JointTotal(value, None not in known, 0 < value < SMALL_LIMIT)
    hours = [c.hours_total for c in centers]
    return JointFigures(
        start=centers[0].start, end=centers[0].end, centers=centers, totals=totals,
        hours_total=sum((h or Decimal(0) for h in hours), Decimal(0)), hours_complete=None not in hours,
        areas=_rows(centers, "areas", "area", vocabulary),
        workshops=sum(c.workshops for c in centers),
        participants=sum(c.participants for c in centers),
        extra={"age_bands": _rows(centers, "age_bands", "age_group", vocabulary),
               "genders": _rows(centers, "genders", None, vocabulary)})


def _rows(centers: list[CenterFigures], key: str, kind: str | None,
          vocabulary: Vocabulary) -> list[AreaRow]:
    codes = _codes(centers, key, kind, vocabulary)
    per_center = [[c.breakdowns[key].get(code, 0) for c in centers] for code in codes]
    withheld = [_withheld(c, key) for c in centers]
    codes.append(WITHHELD_ROW)
    per_center.append(withheld)
    values = [sum(v or 0 for v in row) for row in per_center]
    percents = largest_remainder(values)
    marks = suppression_marks(values, exclusive=True)
    return [AreaRow(code, _label(code, kind, vocabulary), row, value, percent, mark)
            for code, row, value, percent, mark in zip(codes, per_center, values, percents, marks,
                                                       strict=True)]


def _withheld(center: CenterFigures, key: str) -> int | None:
    cases = center.totals["cases"]
    if cases is None:
        return None
    return cases - sum(value or 0 for value in center.breakdowns[key].values())


def _codes(centers: list[CenterFigures], key: str, kind: str | None,
           vocabulary: Vocabulary) -> list[str]:
    used = {code for c in centers for code in c.breakdowns[key]}
    order = [*GENDER_LABELS] if kind is None else [term.code for term in vocabulary.terms(kind)]
    codes = [code for code in order if code in used]
    codes += sorted(code for code in used if code not in codes and code != NOT_STATED)
    if NOT_STATED in used:
        codes.append(NOT_STATED)
    return codes


def _label(code: str, kind: str | None, vocabulary: Vocabulary) -> str:
    if code == WITHHELD_ROW:
        return WITHHELD_LABEL
    if code == NOT_STATED:
        return NOT_STATED_LABEL["de"]
    if kind is None:
        return GENDER_LABELS.get(code, {}).get("de", code)
    if vocabulary.has(kind, code):
        return vocabulary.label(kind, code, "de")
    return code  # a code of another center's own list: shown as it is
