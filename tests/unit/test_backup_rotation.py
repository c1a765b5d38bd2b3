"""The keep policy of automatic backups (restic's keep-daily/weekly/monthly idea)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from beratungsdesk.services.backup_rotation import KeepPolicy, to_keep

UTC = dt.UTC


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_sixty_daily_backups_keep_the_promised_generations() -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(60)]  # to Sunday 1 March
    kept = {moment.date() for moment in to_keep(_noon(day) for day in days)}

    last_seven = {dt.date(2026, 2, 23) + dt.timedelta(days=n) for n in range(7)}
    sundays_of_three_weeks_before = {dt.date(2026, 2, 22), dt.date(2026, 2, 15), dt.date(2026, 2, 8)}
    month_ends = {dt.date(2026, 2, 28), dt.date(2026, 1, 31)}  # March's is 1 March, kept already
    assert kept == last_seven | sundays_of_three_weeks_before | month_ends


def test_several_backups_a_day_keep_the_newest_of_each_day() -> None:
    day = dt.date(2026, 5, 4)
    moments = [dt.datetime(2026, 5, 4, hour, tzinfo=UTC) for hour in (8, 12, 17)]
    moments += [dt.datetime(2026, 5, 3, hour, tzinfo=UTC) for hour in (9, 18)]
    assert to_keep(moments, KeepPolicy(daily=7, weekly=0, monthly=0)) == {
        dt.datetime.combine(day, dt.time(17), UTC), dt.datetime(2026, 5, 3, 18, tzinfo=UTC)}


moments_strategy = st.lists(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2027, 1, 1),
                 timezones=st.just(UTC)), min_size=1, max_size=80)
policies = st.builds(KeepPolicy, st.integers(0, 10), st.integers(0, 6), st.integers(0, 14))


@given(moments_strategy, policies)
def test_keep_policy_properties(moments: list[dt.datetime], policy: KeepPolicy) -> None:
    kept = to_keep(moments, policy)

    assert max(moments) in kept  # pruning never empties the folder
    assert kept <= set(moments)
    assert len(kept) <= 1 + policy.daily + policy.weekly + policy.monthly
    assert to_keep(kept, policy) == kept  # pruning again removes nothing more
    newest_per_day: dict[dt.date, dt.datetime] = {}
    for moment in moments:
        newest_per_day[moment.date()] = max(moment, newest_per_day.get(moment.date(), moment))
    assert all(newest_per_day[moment.date()] == moment for moment in kept)
    last_days = sorted(newest_per_day, reverse=True)[:policy.daily]
    assert {newest_per_day[day] for day in last_days} <= kept
