"""Which backups to keep: the newest of each of the last N days, weeks and months.

The idea of restic's ``forget --keep-daily/--keep-weekly/--keep-monthly``: walk the backups
from the newest; the first one met in a day (week, month) not seen yet is kept for that period,
until N periods of that kind have one. A backup kept for any reason stays. The newest backup is
always kept, so pruning can never leave the folder empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class KeepPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


#: Seven daily, four weekly, twelve monthly: a year of history in at most 23 files.
DEFAULT_POLICY = KeepPolicy()


def _day(moment: dt.datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def _week(moment: dt.datetime) -> tuple[int, ...]:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: dt.datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)


def to_keep(moments: Iterable[dt.datetime], policy: KeepPolicy = DEFAULT_POLICY) -> set[dt.datetime]:
    """The moments (backup times) the policy keeps."""
    newest_first = sorted(set(moments), reverse=True)
    kept: set[dt.datetime] = set(newest_first[:1])
    rules: list[tuple[int, Callable[[dt.datetime], tuple[int, ...]]]] = [
        (policy.daily, _day), (policy.weekly, _week), (policy.monthly, _month)]
    for count, period in rules:
        seen: list[tuple[int, ...]] = []
        for moment in newest_first:
            if len(seen) >= count:
                break
            if period(moment) not in seen:
                seen.append(period(moment))
                kept.add(moment)
    return kept
