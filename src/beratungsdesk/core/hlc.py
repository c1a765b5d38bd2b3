"""Hybrid logical clock (Kulkarni et al.), packed into one sortable integer.

A timestamp is ``wall_ms << 16 | counter``: milliseconds since the epoch in the
high bits, a logical counter in the low 16 bits. Integers compare like
(wall, counter) pairs, and SQLite stores them in eight bytes. Ties between devices
are broken by the device id, never by the clock alone.

Bounds. A stamp must fit SQLite's signed 64-bit integer (``MAX_STAMP``), and a
stamp from another device may be at most ``AHEAD_LIMIT_MS`` (24 h) ahead of the
receiver's wall clock: the importer refuses a bundle with a later stamp
(:func:`refusal_ahead_ms`), and :meth:`HybridClock.observe` never moves the clock
past that bound either, so no value from outside can drag it into the far future
or towards overflow. Local stamps stay strictly increasing whatever the wall
clock does; they can only run ahead of the wall clock when that clock is set
back (a laptop whose clock was wrong and is corrected).
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
#: The largest stamp SQLite can store (signed 64-bit INTEGER).
MAX_STAMP = (1 << 63) - 1
#: A stamp from another device this far ahead of the receiver's wall clock is refused.
AHEAD_LIMIT_MS = 24 * 3600 * 1000
#: Wall clocks are read within [0, MAX_WALL_MS]: far below the largest stamp, so
#: that a clock at the bound can still count up for thousands of years.
MAX_WALL_MS = (MAX_STAMP >> COUNTER_BITS) // 2


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def wall_ms_of(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def counter_of(stamp: int) -> int:
    return stamp & COUNTER_MASK


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def is_stamp(value: object) -> bool:
    """An integer SQLite can store as a clock (bool is not an integer here)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_STAMP


def ceiling(wall_ms: int) -> int:
    """The highest stamp a device whose wall clock reads ``wall_ms`` accepts from others."""
    return pack(_clamp(wall_ms, 0, MAX_WALL_MS) + AHEAD_LIMIT_MS, COUNTER_MASK)


class HybridClock:
    """Issues strictly increasing timestamps that respect every stamp observed within bounds."""

    def __init__(self, last: int = 0, wall: Callable[[], int] = _system_ms) -> None:
        # A value loaded from an older store may be out of range: never start beyond
        # what a clock can count up from.
        self.last = _clamp(last, 0, self._highest_start()) if isinstance(last, int) else 0
        self._wall = wall

    def physical(self) -> int:
        """The wall clock in milliseconds, read within the range stamps can hold."""
        return _clamp(self._wall(), 0, MAX_WALL_MS)

    def now(self) -> int:
        physical = self.physical()
        last_wall = wall_ms_of(self.last)
        if physical > last_wall:
            self.last = pack(physical, 0)
        else:
            self.last = self._bump(last_wall, counter_of(self.last))
        return self.last

    def stamps(self, count: int) -> range:
        """``count`` stamps, exactly as ``count`` calls of :meth:`now` in quick succession give
        them (a bulk insert asks for tens of thousands; the wall clock is read once).

        Within one millisecond ``now`` counts the low bits up and borrows the next
        millisecond when they are full: ``pack(wall, MASK) + 1 == pack(wall + 1, 0)``, so
        the stamps after the first are simply the next integers.
        """
        if count <= 0:
            return range(0)
        first = self.now()
        self.last = first + count - 1
        return range(first, first + count)

    def observe(self, remote: int) -> None:
        """Move past a stamp seen in foreign changes so later local writes win over it.

        Never past the bound: a stamp more than ``AHEAD_LIMIT_MS`` ahead of our
        wall clock (or not a stamp at all) moves the clock at most to the bound.
        The importer refuses such changes before they get here; this is the
        clock's own guarantee for every other caller.
        """
        if not isinstance(remote, int) or isinstance(remote, bool):
            return
        bounded = _clamp(remote, 0, ceiling(self.physical()))
        self.last = max(self.last, bounded)

    @classmethod
    def _highest_start(cls) -> int:
        return ceiling(MAX_WALL_MS)

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


def refusal_ahead_ms(stamp: object, wall_ms: int | None = None) -> int:
    """0 when a remote ``stamp`` is acceptable; else how far ahead it is (ms, at least 1).

    Refused: anything that is not a storable stamp, and stamps more than
    ``AHEAD_LIMIT_MS`` ahead of the receiver's wall clock.
    """
    now = _system_ms() if wall_ms is None else wall_ms
    if not is_stamp(stamp):
        return MAX_STAMP
    assert isinstance(stamp, int)
    return 0 if stamp <= ceiling(now) else max(ahead_of_wall_ms(stamp, now), 1)
