"""Whole-number percentages.

``largest_remainder`` gives shares that add up to exactly 100 (Hare/Hamilton
method): every share is first rounded down, then the points still missing go
to the largest remainders. Ties in the remainder go to the larger count, then
to the earlier item, so the result is deterministic and independent of how
floats round. All arithmetic is on integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def largest_remainder(counts: Sequence[int], total: int | None = None) -> list[int]:
    """Percentages of ``counts`` that add up to 100 (all 0 when there is nothing to share).

    ``total`` defaults to ``sum(counts)``; the counts must add up to it.
    """
    total = sum(counts) if total is None else total
    if any(count < 0 for count in counts):
        raise ValueError("counts must not be negative")
    if total == 0:
        return [0] * len(counts)
    if sum(counts) != total:
        raise ValueError("counts must add up to the total")
    floors = [100 * count // total for count in counts]
    remainders = [100 * count % total for count in counts]
    missing = 100 - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-remainders[i], -counts[i], i))
    for index in order[:missing]:
        floors[index] += 1
    return floors


def half_up_percent(count: int, total: int) -> int:
    """One share on its own, rounded half up (used where shares overlap)."""
    if total <= 0:
        return 0
    return (200 * count + total) // (2 * total)


def round_half_up(value: float | Decimal, places: int = 1) -> Decimal:
    """Commercial rounding as people expect it in a report (9,45 -> 9,5)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
