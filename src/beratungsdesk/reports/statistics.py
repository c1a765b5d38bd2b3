"""The figures of a period: counts in, labelled shares out (pure, no I/O).

``compute(raw, vocabulary)`` turns the counts of ``storage.statistics`` into
:class:`Statistics`: every breakdown in the vocabulary's display order with
whole-number percentages.

Two kinds of breakdown:
- *exclusive*: every counted item sits in exactly one cell (area of life of a
  case, channel of a contact). Shares use the largest-remainder method and add
  up to exactly 100.
- *overlapping*: a case may name several codes (grounds, forms of racism,
  interventions). Each share is "per cent of cases naming it", rounded half up;
  they do not add up to 100 and are not meant to.

Publication mode (statistical disclosure control): counts of 1 or 2 are shown
as "< 3" and their shares are withheld. In an exclusive breakdown the hidden
cells could be worked out from the total by subtraction, so when the hidden
cells alone would give their values away (one hidden cell; or only small cells
whose sum pins each of them to 1 or to 2), the smallest visible non-zero cell is
withheld too ("complementary suppression", shown as "•"). Totals below 3 are
shown as "< 3", and then the average hours per case as well (it would be one
person's hours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports.formatting import number
from beratungsdesk.reports.rounding import half_up_percent, largest_remainder, round_half_up
from beratungsdesk.storage.statistics import GENDER_GROUPS, NOT_STATED, RawFigures

SMALL_LIMIT = 3  # publication: counts below this are not shown
SMALL_TEXT = "< 3"
WITHHELD_TEXT = "•"

CASES = "cases"
CONTACTS = "contacts"
# Pseudo vocabularies of the breakdowns whose codes are not vocabulary terms.
MONTHS = "@month"
GENDERS = "@gender"
COUNSELORS = "@counselor"

GENDER_LABELS = {
    "female": {"de": "weiblich", "en": "female"},
    "male": {"de": "männlich", "en": "male"},
    "diverse": {"de": "divers / nicht-binär", "en": "diverse / non-binary"},
    "self_described": {"de": "andere Selbstbeschreibung", "en": "other self-description"},
}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@dataclass(frozen=True)
class BreakdownSpec:
    key: str  # JSON key and CSV section
    vocab: str | None  # vocabulary kind of the codes; None = free text
    title_en: str
    title_de: str
    base: str  # CASES or CONTACTS: what is counted
    exclusive: bool

    def title(self, lang: str) -> str:
        return self.title_de if lang == "de" else self.title_en


BREAKDOWNS: tuple[BreakdownSpec, ...] = (
    BreakdownSpec("status", "case_status", "Status of the cases", "Stand der Fälle", CASES, True),
    BreakdownSpec("areas", "area", "Areas of life", "Lebensbereiche", CASES, True),
    BreakdownSpec("grounds", "ground", "Grounds of discrimination", "Merkmale", CASES, False),
    BreakdownSpec("racism_forms", "racism_form", "Forms of racism", "Rassismusformen", CASES, False),
    BreakdownSpec("levels", "level", "Level", "Ebene", CASES, True),
    BreakdownSpec("respondents", "respondent", "Respondents", "Verursacher*innen", CASES, True),
    BreakdownSpec("agg", "agg", "Relevant under the AGG", "AGG-Relevanz", CASES, True),
    BreakdownSpec("interventions", "intervention", "Interventions (cases with at least one)",
                  "Interventionen (Fälle mit mindestens einer)", CASES, False),
    BreakdownSpec("channels", "channel", "Channels of the contacts", "Kontaktarten", CONTACTS, True),
    BreakdownSpec("towns", "town", "Towns where counseling took place (contacts)",
                  "Beratungsorte (Kontakte)", CONTACTS, True),
    BreakdownSpec("languages", None, "Languages of counseling (contacts)",
                  "Beratungssprachen (Kontakte)", CONTACTS, True),
    # Who and when (issue 18): one cell per case. Their codes are not vocabulary codes:
    # months "YYYY-MM" in calendar order, gender groups in a fixed order, counselor ids
    # (labelled with the counselor's name).
    BreakdownSpec("by_month", MONTHS, "Cases by month of opening", "Fälle nach Monat", CASES, True),
    BreakdownSpec("age_bands", "age_group", "Age of the clients (cases)",
                  "Alter der Ratsuchenden (Fälle)", CASES, True),
    BreakdownSpec("genders", GENDERS, "Gender of the clients (cases)",
                  "Geschlecht der Ratsuchenden (Fälle)", CASES, True),
    BreakdownSpec("counselors", COUNSELORS, "Cases by counselor", "Fälle nach Berater*in", CASES, True),
)

#: Breakdowns only present when the figures were read with ``who_and_when`` (not for the short report).
WHO_AND_WHEN = ("by_month", "age_bands", "genders", "counselors")

_RAW_FIELD = {"status": "status", "areas": "area", "grounds": "grounds",
              "racism_forms": "racism_forms", "levels": "level", "respondents": "respondent",
              "agg": "agg", "interventions": "interventions", "channels": "channel",
              "towns": "town", "languages": "language", "by_month": "month",
              "age_bands": "age_band", "genders": "gender", "counselors": "counselor"}

NOT_STATED_LABEL = {"de": "keine Angabe", "en": "not stated"}


@dataclass(frozen=True)
class Cell:
    code: str
    label: str
    count: int  # the true count (never published when ``suppressed``)
    percent: int
    suppressed: str = ""  # "" shown; "small" (< 3); "complementary" (withheld to protect another)

    @property
    def shown_count(self) -> int | None:
        return None if self.suppressed else self.count

    @property
    def shown_percent(self) -> int | None:
        return None if self.suppressed else self.percent

    def count_text(self) -> str:
        if self.suppressed == "small":
            return SMALL_TEXT
        if self.suppressed:
            return WITHHELD_TEXT
        return str(self.count)


@dataclass(frozen=True)
class Breakdown:
    spec: BreakdownSpec
    total: int  # cases or contacts the shares are of
    cells: tuple[Cell, ...]

    @property
    def key(self) -> str:
        return self.spec.key

    def cell(self, code: str) -> Cell | None:
        return next((c for c in self.cells if c.code == code), None)

    def ranked(self) -> list[Cell]:
        """Cells with a count, largest first (display order breaks ties)."""
        return sorted((c for c in self.cells if c.count), key=lambda c: -c.count)


@dataclass(frozen=True)
class Total:
    """A headline number; ``suppressed`` in publication mode when below 3."""

    value: int
    suppressed: bool = False

    @property
    def shown(self) -> int | None:
        return None if self.suppressed else self.value

    def text(self, lang: str = "de") -> str:
        return SMALL_TEXT if self.suppressed else number(self.value, lang)


@dataclass(frozen=True)
class WorkshopFigures:
    by_type: dict[str, tuple[int, int]]  # type code -> (workshops, participants)

    @property
    def total(self) -> int:
        return sum(count for count, _ in self.by_type.values())

    @property
    def participants(self) -> int:
        return sum(people for _, people in self.by_type.values())

    def in_order(self, vocabulary: Vocabulary) -> list[tuple[str, int, int]]:
        """(type code, workshops, participants) in the vocabulary's order (the order the
        short report lists the offers in), then retired or unknown types by code, as the
        breakdowns order their rows."""
        current = [term.code for term in vocabulary.terms("workshop_type") if term.code in self.by_type]
        codes = current + sorted(code for code in self.by_type if code not in current)
        return [(code, *self.by_type[code]) for code in codes]


@dataclass(frozen=True)
class Statistics:
    start: dt.date
    end: dt.date
    publication: bool
    lang: str
    clients: Total
    cases: Total
    contacts: Total
    minutes_total: int
    hours_total: Decimal  # two decimals
    avg_hours_per_case: Decimal | None  # one decimal; None without cases or when withheld
    breakdowns: dict[str, Breakdown] = field(default_factory=dict)
    # Prevention and network work; None = not recorded in this store (yet).
    workshops: WorkshopFigures | None = None
    partners: dict[str, int] | None = None
    meetings: int | None = None
    referrals: int | None = None  # referral interventions of the period's cases
    referrals_to: int = 0  # referral records: cases referred to a partner
    referrals_from: int = 0  # referral records: cases a partner referred to the center

    @property
    def areas(self) -> Breakdown:
        return self.breakdowns["areas"]

    def status_count(self, code: str) -> int:
        cell = self.breakdowns["status"].cell(code)
        return cell.count if cell else 0

    def to_json(self) -> dict[str, Any]:
        """The figures for scripts; withheld values are ``null`` and listed in ``suppressed``."""
        suppressed = [name for name, total in (("clients", self.clients), ("cases", self.cases),
                                               ("contacts", self.contacts)) if total.suppressed]
        status = self.breakdowns["status"]
        data: dict[str, Any] = {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "publication": self.publication,
            "clients": self.clients.shown,
            "cases": self.cases.shown,
            "open": _shown(status.cell("open")),
            "dormant": _shown(status.cell("dormant")),
            "closed": _shown(status.cell("closed")),
            "contacts": self.contacts.shown,
            "minutes_total": None if self.cases.suppressed else self.minutes_total,
            "hours_total": None if self.cases.suppressed else float(self.hours_total),
            "avg_hours_per_case": (None if self.avg_hours_per_case is None
                                   else float(self.avg_hours_per_case)),
            "suppressed": suppressed,
        }
        for key, breakdown in self.breakdowns.items():
            data[key] = {cell.code: {"label": cell.label, "count": cell.shown_count,
                                     "percent": cell.shown_percent,
                                     **({"suppressed": cell.suppressed} if cell.suppressed else {})}
                         for cell in breakdown.cells}
        data["workshops"] = None if self.workshops is None else {
            "total": self.workshops.total, "participants": self.workshops.participants,
            "by_type": {code: {"count": count, "participants": people}
                        for code, (count, people) in self.workshops.by_type.items()}}
        data["partners"] = None if self.partners is None else {
            "total": sum(self.partners.values()),
            "by_kind": {code: {"count": count} for code, count in self.partners.items()}}
        data["meetings"] = None if self.meetings is None else {"total": self.meetings}
        data["referrals"] = {"total": self.referrals_to + self.referrals_from,
                             "to_partners": self.referrals_to, "from_partners": self.referrals_from,
                             "referral_interventions": self.referrals or 0}
        return data


def _shown(cell: Cell | None) -> int | None:
    return 0 if cell is None else cell.shown_count


# --- computing -------------------------------------------------------------------

def compute(raw: RawFigures, vocabulary: Vocabulary, publication: bool = False,
            lang: str = "de") -> Statistics:
    breakdowns = {spec.key: _breakdown(spec, raw, vocabulary, publication, lang)
                  for spec in BREAKDOWNS if raw.who_and_when or spec.key not in WHO_AND_WHEN}
    small_cases = publication and 0 < raw.cases < SMALL_LIMIT
    minutes = Decimal(raw.minutes_total)
    average = None
    if raw.cases and not small_cases:
        average = round_half_up(minutes / Decimal(60 * raw.cases), 1)
    return Statistics(
        start=raw.start, end=raw.end, publication=publication, lang=lang,
        clients=_total(raw.clients, publication), cases=_total(raw.cases, publication),
        contacts=_total(raw.contacts, publication), minutes_total=raw.minutes_total,
        hours_total=round_half_up(minutes / 60, 2), avg_hours_per_case=average,
        breakdowns=breakdowns,
        workshops=None if raw.workshops is None else WorkshopFigures(dict(raw.workshops)),
        partners=None if raw.partners is None else dict(raw.partners),
        meetings=raw.meetings, referrals=raw.referrals, referrals_to=raw.referrals_to,
        referrals_from=raw.referrals_from,
    )


def _total(value: int, publication: bool) -> Total:
    return Total(value, suppressed=publication and 0 < value < SMALL_LIMIT)


def _breakdown(spec: BreakdownSpec, raw: RawFigures, vocabulary: Vocabulary, publication: bool,
               lang: str) -> Breakdown:
    counts: dict[str, int] = dict(getattr(raw, _RAW_FIELD[spec.key]))
    total = raw.cases if spec.base == CASES else raw.contacts
    codes = _ordered_codes(spec, counts, vocabulary, raw)
    values = [counts.get(code, 0) for code in codes]
    if spec.exclusive:
        # Over the cells' own sum: equal to the number of cases or contacts, since
        # every case or contact sits in exactly one cell (a missing value in "not stated").
        percents = largest_remainder(values)
    else:
        percents = [half_up_percent(value, total) for value in values]
    labels = [_label(spec, code, vocabulary, lang, raw.counselor_names) for code in codes]
    marks = suppression_marks(values, spec.exclusive) if publication else [""] * len(values)
    cells = tuple(Cell(code, label, value, pct, mark)
                  for code, label, value, pct, mark in zip(codes, labels, values, percents, marks,
                                                           strict=True))
    return Breakdown(spec, total, cells)


def _ordered_codes(spec: BreakdownSpec, counts: dict[str, int], vocabulary: Vocabulary,
                   raw: RawFigures) -> list[str]:
    """Every current vocabulary entry (also with 0), then retired or unknown codes in use,
    then "not stated". Free-text values (languages): largest first, then by name. Months:
    every month of the period in calendar order (also with 0). Gender groups: fixed order.
    Counselors: those with cases, by name."""
    if spec.vocab == MONTHS:
        named = _months(raw.start, raw.end)
        named += sorted(code for code in counts if code not in named and code != NOT_STATED)
    elif spec.vocab == GENDERS:
        named = list(GENDER_GROUPS)
    elif spec.vocab == COUNSELORS:
        names = raw.counselor_names
        named = sorted((code for code in counts if code != NOT_STATED and counts[code]),
                       key=lambda code: ((names.get(code) or "").casefold(), code))
    elif spec.vocab is None:
        named = sorted((code for code in counts if code != NOT_STATED),
                       key=lambda code: (-counts[code], code.casefold()))
    else:
        named = [term.code for term in vocabulary.terms(spec.vocab)]
        named += sorted(code for code in counts if code not in named and code != NOT_STATED)
    if counts.get(NOT_STATED):
        named.append(NOT_STATED)
    return named


def _months(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(code: str, lang: str) -> str:
    """``März 2022`` / ``March 2022`` for ``2022-03``; anything else as it is."""
    try:
        year, month = int(code[:4]), int(code[5:7])
    except ValueError:
        return code
    if len(code) != 7 or code[4] != "-" or not 1 <= month <= 12:
        return code
    names = fmt.MONTHS_DE if lang == "de" else MONTHS_EN
    return f"{names[month - 1]} {year}"


def _label(spec: BreakdownSpec, code: str, vocabulary: Vocabulary, lang: str,
           counselor_names: dict[str, str]) -> str:
    if code == NOT_STATED:
        return NOT_STATED_LABEL.get(lang, NOT_STATED_LABEL["en"])
    if spec.vocab == MONTHS:
        return month_label(code, lang)
    if spec.vocab == GENDERS:
        return GENDER_LABELS[code].get(lang, GENDER_LABELS[code]["en"])
    if spec.vocab == COUNSELORS:
        return counselor_names.get(code) or fmt.invalid(code, lang)
    if spec.vocab is None:
        return code
    if not vocabulary.has(spec.vocab, code):  # a stored code that is not valid: counted, marked
        return fmt.invalid(code, lang)
    return vocabulary.label(spec.vocab, code, lang)


def suppression_marks(values: list[int], exclusive: bool) -> list[str]:
    """Per cell: "" shown, "small" (1 or 2) or "complementary" (withheld to protect another)."""
    marks = ["small" if 0 < value < SMALL_LIMIT else "" for value in values]
    if not exclusive:
        return marks  # overlapping shares have no sum to subtract from
    hidden = [value for value, mark in zip(values, marks, strict=True) if mark]
    if not hidden:
        return marks
    # The hidden cells' sum is known (total minus the shown cells). It gives
    # them away when there is one, or when each must be 1 (sum = n) or 2 (sum = 2n).
    if len(hidden) == 1 or sum(hidden) in (len(hidden), 2 * len(hidden)):
        candidates = [i for i, value in enumerate(values) if value and not marks[i]]
        if candidates:
            smallest = min(candidates, key=lambda i: (values[i], i))
            marks[smallest] = "complementary"
    return marks
