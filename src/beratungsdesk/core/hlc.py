"""Hybrid logical clock (Kulkarni et al.), packed into one sortable integer.

A timestamp is ``wall_ms << 16 | counter``: milliseconds since the epoch in the
high bits, a logical counter in the low 16 bits. Integers compare like
(wall, counter) pairs, and SQLite stores them in eight bytes. Ties between devices
are broken by the device id, never by the clock alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms_of(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def counter_of(stamp: int) -> int:
    return stamp & COUNTER_MASK


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Issues strictly increasing timestamps that respect every stamp observed."""

    def __init__(self, last: int = 0, wall: Callable[[], int] = _system_ms) -> None:
        self.last = last
        self._wall = wall

    def now(self) -> int:
        physical = self._wall()
        last_wall = wall_ms_of(self.last)
        if physical > last_wall:
            self.last = pack(physical, 0)
        else:
            self.last = self._bump(last_wall, counter_of(self.last))
        return self.last

    def observe(self, remote: int) -> None:
        """Move past a stamp seen in foreign changes so later local writes win over it."""
        self.last = max(self.last, remote)

    @staticmethod
    def _bump(wall: int, counter: int) -> int:
        if counter >= COUNTER_MASK:
            # 65 535 stamps in one millisecond: borrow the next millisecond.
            return pack(wall + 1, 0)
        return pack(wall, counter + 1)


def ahead_of_wall_ms(stamp: int, wall_ms: int | None = None) -> int:
    """How many milliseconds ``stamp`` is ahead of the wall clock (negative when behind)."""
    now = _system_ms() if wall_ms is None else wall_ms
    return wall_ms_of(stamp) - now
