"""The pure part of the joint figures: any body is checked without crashing, any valid
centers add up with shares of exactly 100, and the envelope refuses any bytes it did not sign."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.reports.joint import (
    EXPORTED_BREAKDOWNS,
    CenterFigures,
    JointFileError,
    combine,
    parse_center,
)
from beratungsdesk.reports.statistics import SMALL_LIMIT
from beratungsdesk.sync import crypto, figures_file
from tests.timing import examples

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**10) | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20)

VALID = {
    "center": "Beratungsstelle", "period": {"from": "2023-01-01", "to": "2023-12-31"},
    "created_at": "2024-01-05T10:00:00+00:00", "publication": True, "clients": 5, "cases": 7,
    "contacts": 20, "hours_total": "12.50", "workshops": {"total": 1, "participants": 9},
    "areas": {"housing": 4, "work": None, "education": None}, "age_bands": {"27_40": 7},
    "genders": {"female": 7}, "by_month": {"2023-02": 7},
}


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(VALID)), json_values, max_size=len(VALID)))
def test_any_body_is_refused_cleanly_or_accepted(changes: dict) -> None:
    body = {**VALID, **changes}
    try:
        figures = parse_center(body)
    except JointFileError as error:
        assert error.field  # names what was wrong
        return
    assert figures.totals["cases"] is None or figures.totals["cases"] >= 0


def test_the_valid_body_is_accepted() -> None:
    figures = parse_center(VALID, "FING-ERPR")
    assert figures.center == "Beratungsstelle" and figures.withheld_in_areas() == 3


counts = st.one_of(st.none(), st.just(0), st.integers(SMALL_LIMIT, 500))


@st.composite
def centers(draw: st.DrawFn) -> CenterFigures:
    breakdowns = {}
    for key in EXPORTED_BREAKDOWNS:
        codes = draw(st.lists(st.sampled_from(["housing", "work", "education", "not_stated"]),
                              unique=True, max_size=4))
        breakdowns[key] = {code: draw(counts) for code in codes}
    shown = max(sum(v or 0 for v in cells.values()) for cells in breakdowns.values())
    cases = shown + draw(st.integers(0, 20))
    return CenterFigures(center=draw(st.text(min_size=1, max_size=10)), start=dt.date(2023, 1, 1),
                         end=dt.date(2023, 12, 31), created_at="", totals={
                             "clients": draw(counts), "cases": cases, "contacts": draw(counts)},
                         hours_total=None, breakdowns=breakdowns, workshops=draw(st.integers(0, 9)),
                         participants=draw(st.integers(0, 99)))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(centers(), min_size=1, max_size=6))
def test_shares_of_the_total_add_up_to_100_and_rows_to_the_cases(found: list[CenterFigures]) -> None:
    joint = combine(found)
    cases = sum(c.totals["cases"] or 0 for c in found)
    for rows in (joint.areas, *joint.extra.values()):
        assert sum(row.total for row in rows) == cases
        assert sum(row.percent for row in rows) == (100 if cases else 0)
        for row in rows:
            assert row.total == sum(value or 0 for value in row.per_center)
            if 0 < row.total < SMALL_LIMIT:
                assert row.suppressed == "small"  # suppressed again on the totals


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_the_envelope_refuses_any_bytes_it_did_not_sign(content: bytes) -> None:
    try:
        figures_file.open_figures(content)
    except figures_file.FiguresFileError as error:
        assert error.reason in ("damaged", "bad_signature")
    else:
        raise AssertionError("accepted an unsigned file")


def test_a_signed_body_opens_and_names_its_key() -> None:
    identity = crypto.Identity.generate()
    opened = figures_file.open_figures(figures_file.sign_figures(identity, dict(VALID)))
    assert opened.fingerprint == crypto.fingerprint(identity.sign_public, identity.kx_public)
    assert parse_center(opened.body, opened.fingerprint).center == "Beratungsstelle"


def test_a_stored_code_that_is_no_code_is_exported_as_not_stated() -> None:
    from collections import Counter

    from beratungsdesk.core.vocab import Vocabulary, default_terms
    from beratungsdesk.reports.joint import export_body
    from beratungsdesk.reports.statistics import compute
    from beratungsdesk.storage.statistics import RawFigures

    raw = RawFigures(dt.date(2023, 1, 1), dt.date(2023, 12, 31), cases=10, clients=9)
    raw.area = Counter({"housing": 4, "Wohnen <b>": 3, "not_stated": 3})
    raw.month = Counter({"2023-01": 10})
    raw.age_band = Counter({"not_stated": 10})
    raw.gender = Counter({"not_stated": 10})
    body = export_body(compute(raw, Vocabulary(default_terms()), publication=True), "Stelle", "2024-01-01")
    assert body["areas"]["not_stated"] == 6 and "Wohnen <b>" not in body["areas"]
    assert parse_center({**body, "sign_pub": "", "kx_pub": ""}).breakdowns["areas"]["housing"] == 4
