"""Weekdays and appointment times as people type them on the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services.week import parse_weekday, parse_when


@pytest.mark.parametrize(("text", "number"), [
    ("Mon", 1), ("mo", 1), ("Dienstag", 2), ("Tue", 2), ("Mi", 3), ("wednesday", 3), ("Do", 4),
    ("Thu", 4), ("Fr", 5), ("Sa", 6), ("Sat", 6), ("So", 7), ("Sun", 7), ("7", 7), (" 1 ", 1)])
def test_weekdays_in_english_german_and_numbers(text: str, number: int) -> None:
    assert parse_weekday(text) == number


@pytest.mark.parametrize("text", ["Funday", "", "0", "8", "x", "²", "١"])
def test_other_weekdays_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_weekday(text)
    assert caught.value.data["field"] == "weekday"


def test_when_takes_a_date_and_a_time_and_pads_the_hour() -> None:
    assert parse_when("2026-12-16 9:05") == (dt.date(2026, 12, 16), "09:05")
    assert parse_when("16.12.2026 14:30") == (dt.date(2026, 12, 16), "14:30")
    for bad in ("2026-12-16", "2026-12-16 25:00", "2026-02-30 10:00", "morgen 10:00"):
        with pytest.raises(ValidationError):
            parse_when(bad)
