"""The pure part of the figures: rounding, suppression, labels, JSON and CSV (no store)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core.vocab import Vocabulary, default_terms
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports.csv_export import figures_csv
from beratungsdesk.reports.rounding import half_up_percent, largest_remainder, round_half_up
from beratungsdesk.reports.statistics import compute
from beratungsdesk.storage.statistics import NOT_STATED, RawFigures
from tests.timing import examples

VOCAB = Vocabulary(default_terms())
YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def raw(**counts: object) -> RawFigures:
    figures = RawFigures(*YEAR)
    for name, value in counts.items():
        setattr(figures, name, Counter(value) if isinstance(value, dict) else value)
    return figures


# --- largest remainder ---------------------------------------------------------------

def test_largest_remainder_reproduces_the_seed_report() -> None:
    # 44 clients in the seed: 10/9/9/7/6/1/2 -> 23, 20, 20, 16, 14, 2, 5 per cent.
    assert largest_remainder([10, 9, 9, 7, 6, 1, 2]) == [23, 20, 20, 16, 14, 2, 5]


def test_ties_in_the_remainder_go_to_the_earlier_item() -> None:
    assert largest_remainder([1, 1, 1]) == [34, 33, 33]
    assert largest_remainder([1, 1, 1, 1, 1, 1]) == [17, 17, 17, 17, 16, 16]


def test_equal_remainders_prefer_the_larger_count() -> None:
    # 1/8 = 12.5 and 3/8 = 37.5: both remainders .5, one point missing -> the larger count.
    assert largest_remainder([1, 3, 4]) == [12, 38, 50]


def test_nothing_to_share_gives_zeros_and_bad_input_is_refused() -> None:
    assert largest_remainder([0, 0, 0]) == [0, 0, 0]
    assert largest_remainder([]) == []
    with pytest.raises(ValueError):
        largest_remainder([1, -1])
    with pytest.raises(ValueError):
        largest_remainder([1, 2], total=5)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_add_up_to_100_and_stay_within_one_point(counts: list[int]) -> None:
    shares = largest_remainder(counts)
    total = sum(counts)
    if total == 0:
        assert shares == [0] * len(counts)
        return
    assert sum(shares) == 100
    for count, share in zip(counts, shares, strict=True):
        exact = 100 * count / total
        assert exact - 1 < share < exact + 1


def test_half_up_rounding() -> None:
    assert half_up_percent(1, 8) == 13  # 12.5
    assert half_up_percent(1, 3) == 33
    assert half_up_percent(0, 0) == 0
    assert round_half_up(Decimal("9.45")) == Decimal("9.5")
    assert round_half_up(Decimal("9.44")) == Decimal("9.4")


# --- German formatting ---------------------------------------------------------------

def test_german_formats() -> None:
    assert fmt.hours(Decimal("9.5")) == "9,5\u00a0Stunden"
    assert fmt.percent(23) == "23\u00a0%"
    assert fmt.date(dt.date(2022, 12, 31)) == "31.12.2022"
    assert fmt.number(12345) == "12.345"
    assert fmt.decimal(Decimal("1234.5"), 1) == "1.234,5"
    assert fmt.decimal(9.25, 1) == "9,3"  # half up, not to even
    assert fmt.decimal(Decimal("0.125"), 2, "en") == "0.13"
    assert fmt.period_title(dt.date(2021, 7, 1), dt.date(2022, 6, 30)) == "2021/22"
    assert fmt.period_title(*YEAR) == "2022"
    assert fmt.date_long(dt.date(2022, 6, 30)) == "30. Juni 2022"


# --- compute ---------------------------------------------------------------------------

def test_areas_in_vocabulary_order_with_shares_adding_to_100() -> None:
    stats = compute(raw(cases=44, clients=44, area={"public_institutions": 10, "education": 9,
                                                     "housing": 9, "work": 7, "everyday_life": 6,
                                                     "violence": 1, "other": 2}), VOCAB)
    codes = [cell.code for cell in stats.areas.cells]
    assert codes == [t.code for t in VOCAB.terms("area")]
    assert {c.code: c.percent for c in stats.areas.cells}["public_institutions"] == 23
    assert sum(c.percent for c in stats.areas.cells) == 100
    assert stats.areas.cell("violence").label == "Gewalterfahrung"


def test_average_hours_rounds_half_up_to_one_decimal() -> None:
    # 44 cases, 418 h exactly -> 9.5 h per case.
    stats = compute(raw(cases=44, clients=40, minutes_total=418 * 60), VOCAB)
    assert stats.avg_hours_per_case == Decimal("9.5")
    assert stats.hours_total == Decimal("418.00")
    # 3 cases, 100 minutes -> 0.5555 h -> 0.6
    assert compute(raw(cases=3, clients=3, minutes_total=100), VOCAB).avg_hours_per_case == \
        Decimal("0.6")


def test_empty_period() -> None:
    stats = compute(raw(), VOCAB)
    assert stats.cases.value == 0
    assert stats.avg_hours_per_case is None
    assert all(cell.count == 0 and cell.percent == 0 for cell in stats.areas.cells)
    data = stats.to_json()
    assert data["cases"] == 0 and data["avg_hours_per_case"] is None
    assert data["areas"]["housing"] == {"label": "Wohnen", "count": 0, "percent": 0}


def test_missing_values_get_a_not_stated_cell_and_count_in_the_shares() -> None:
    stats = compute(raw(cases=4, level={"individual": 3, NOT_STATED: 1}), VOCAB, lang="en")
    levels = stats.breakdowns["levels"]
    assert levels.cell(NOT_STATED).label == "not stated"
    assert [c.percent for c in levels.cells] == [75, 0, 0, 25]


def test_overlapping_breakdowns_are_shares_of_cases() -> None:
    stats = compute(raw(cases=4, grounds={"religion": 3, "language": 2}), VOCAB)
    grounds = stats.breakdowns["grounds"]
    assert grounds.cell("religion").percent == 75
    assert grounds.cell("language").percent == 50


def test_free_text_languages_are_ordered_by_count() -> None:
    stats = compute(raw(contacts=6, language={"Türkisch": 2, "Deutsch": 3, "Polski": 1}), VOCAB)
    assert [c.code for c in stats.breakdowns["languages"].cells] == ["Deutsch", "Türkisch", "Polski"]
    assert [c.percent for c in stats.breakdowns["languages"].cells] == [50, 33, 17]


def test_retired_or_unknown_codes_in_use_still_count() -> None:
    stats = compute(raw(cases=2, area={"housing": 1, "old_code": 1}), VOCAB)
    assert stats.areas.cell("old_code").count == 1
    assert sum(c.percent for c in stats.areas.cells) == 100


# --- publication mode -------------------------------------------------------------------

def test_publication_hides_small_cells_and_protects_them_from_subtraction() -> None:
    area = {"public_institutions": 10, "education": 9, "housing": 9, "work": 7,
            "everyday_life": 6, "violence": 1, "other": 0}
    stats = compute(raw(cases=42, clients=40, area=area), VOCAB, publication=True)
    cells = {c.code: c for c in stats.areas.cells}
    assert cells["violence"].suppressed == "small"
    assert cells["violence"].count_text() == "< 3"
    assert cells["violence"].shown_percent is None
    # One hidden cell alone would be total minus the rest: the smallest shown one goes too.
    assert cells["everyday_life"].suppressed == "complementary"
    assert cells["other"].count_text() == "0"
    shown = [c for c in stats.areas.cells if not c.suppressed]
    assert all(c.shown_count == c.count for c in shown)
    data = stats.to_json()
    assert data["areas"]["violence"] == {"label": "Gewalterfahrung", "count": None,
                                         "percent": None, "suppressed": "small"}


def test_publication_two_small_cells_summing_to_two_are_protected() -> None:
    # Two hidden cells with sum 2 would both be 1: a third cell must be withheld.
    stats = compute(raw(cases=12, area={"housing": 10, "work": 1, "violence": 1}), VOCAB,
                    publication=True)
    marks = {c.code: c.suppressed for c in stats.areas.cells}
    assert marks["work"] == marks["violence"] == "small"
    assert marks["housing"] == "complementary"


def test_publication_two_small_cells_of_1_and_2_need_no_extra_protection() -> None:
    stats = compute(raw(cases=13, area={"housing": 10, "work": 1, "violence": 2}), VOCAB,
                    publication=True)
    assert stats.areas.cell("housing").suppressed == ""


def test_publication_small_totals_hide_the_average() -> None:
    stats = compute(raw(cases=2, clients=1, minutes_total=600), VOCAB, publication=True)
    assert stats.cases.text() == "< 3" and stats.clients.text() == "< 3"
    assert stats.avg_hours_per_case is None
    data = stats.to_json()
    assert data["cases"] is None and data["hours_total"] is None
    assert set(data["suppressed"]) == {"clients", "cases"}


def test_publication_does_not_hide_overlapping_cells_by_complement() -> None:
    stats = compute(raw(cases=10, grounds={"religion": 1, "language": 5}), VOCAB, publication=True)
    grounds = stats.breakdowns["grounds"]
    assert grounds.cell("religion").suppressed == "small"
    assert grounds.cell("language").suppressed == ""


# --- JSON and CSV ----------------------------------------------------------------------

def test_json_has_the_documented_keys_and_room_for_prevention_and_network() -> None:
    stats = compute(raw(cases=2, clients=2, area={"work": 2}, referrals=1, referrals_to=2,
                        referrals_from=3), VOCAB)
    data = stats.to_json()
    for key in ("clients", "cases", "areas", "hours_total", "avg_hours_per_case", "open", "closed",
                "grounds", "racism_forms", "levels", "respondents", "interventions", "channels",
                "towns", "languages", "workshops", "partners", "meetings", "referrals"):
        assert key in data
    assert data["areas"]["work"]["count"] == 2 and data["areas"]["work"]["percent"] == 100
    assert data["workshops"] is None and data["partners"] is None and data["meetings"] is None
    assert data["referrals"] == {"total": 5, "to_partners": 2, "from_partners": 3,
                                 "referral_interventions": 1}


def test_workshop_and_partner_figures_appear_once_recorded() -> None:
    figures = raw(cases=0)
    figures.workshops = {"empowerment": (3, 41), "racism_critique": (2, 30)}
    figures.partners = {"school": 4}
    figures.meetings = 7
    data = compute(figures, VOCAB).to_json()
    assert data["workshops"]["total"] == 5 and data["workshops"]["participants"] == 71
    assert data["workshops"]["by_type"]["empowerment"] == {"count": 3, "participants": 41}
    assert data["partners"] == {"total": 4, "by_kind": {"school": {"count": 4}}}
    assert data["meetings"] == {"total": 7}


def test_csv_opens_in_german_excel() -> None:
    stats = compute(raw(cases=4, clients=3, contacts=5, minutes_total=570,
                        area={"housing": 3, "work": 1}, language={"=cmd": 5}), VOCAB,
                    publication=True)
    content = figures_csv(stats)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Abschnitt", "Code", "Bezeichnung", "Anzahl", "Anteil in %"]
    by_code = {(r[0], r[1]): r for r in rows[1:]}
    assert by_code[("Kennzahlen", "hours_total")][3] == "9,50"
    assert by_code[("Kennzahlen", "avg_hours_per_case")][3] == "2,4"
    assert by_code[("Lebensbereiche", "work")][3:] == ["< 3", ""]
    # A free text that a spreadsheet would run as a formula is defused.
    assert by_code[("Beratungssprachen (Kontakte)", "'=cmd")][2] == "'=cmd"
    assert b"\r\n" in content
