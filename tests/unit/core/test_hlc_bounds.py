"""The clock's bounds: no remote value drags it past 24 h ahead or towards overflow."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core import hlc
from tests.timing import examples

ANY_64 = st.integers(-(2**64), 2**64)
# Walls around today, and any 64-bit value (a broken clock, a hostile setting).
WALLS = st.one_of(st.integers(1_600_000_000_000, 1_900_000_000_000), ANY_64)
STEP = st.one_of(
    st.tuples(st.just("tick"), WALLS),
    st.tuples(st.just("observe"), ANY_64),
    st.tuples(st.just("observe_near"), st.integers(-10**10, 10**10)),  # ms from the wall
)


class Wall:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def _run(start: int, initial: int, steps) -> None:
    wall = Wall(start)
    clock = hlc.HybridClock(last=initial, wall=wall)
    assert hlc.is_stamp(clock.last)
    previous = clock.last
    for kind, value in steps:
        before = clock.last
        if kind == "tick":
            wall.now = value
            stamp = clock.now()
            assert stamp > previous, "local stamps strictly increase"
            assert hlc.is_stamp(stamp), "every stamp fits SQLite's 64-bit integer"
            previous = stamp
        else:
            remote = value if kind == "observe" else hlc.pack(max(clock.physical() + value, 0), 7)
            clock.observe(remote)
            assert clock.last >= before, "observing never moves the clock back"
            # Never dragged past the bound by what others send.
            assert clock.last <= max(before, hlc.ceiling(clock.physical()))
            if hlc.is_stamp(remote) and remote <= hlc.ceiling(clock.physical()):
                assert clock.last >= remote, "a stamp within the bound is passed, as HLC requires"
            previous = clock.last
        assert hlc.is_stamp(clock.last)


@settings(max_examples=300)
@given(WALLS, st.one_of(st.just(0), ANY_64), st.lists(STEP, max_size=80))
def test_any_ticks_and_receives_stay_monotonic_bounded_and_never_overflow(start, initial, steps) -> None:
    _run(start, initial, steps)


@given(st.integers(1_600_000_000_000, 1_900_000_000_000), st.lists(ANY_64, max_size=40))
def test_with_a_steady_wall_the_clock_never_runs_more_than_the_bound_ahead(start, remotes) -> None:
    wall = Wall(start)
    clock = hlc.HybridClock(wall=wall)
    for remote in remotes:
        clock.observe(remote)
        stamp = clock.now()
        wall.now += 1
        assert hlc.wall_ms_of(stamp) - wall.now <= hlc.AHEAD_LIMIT_MS


def test_the_attack_stamp_is_refused_and_does_not_poison_the_clock() -> None:
    now = 1_750_000_000_000
    clock = hlc.HybridClock(wall=Wall(now))
    clock.observe(2**63 - 1)
    assert hlc.wall_ms_of(clock.last) - now <= hlc.AHEAD_LIMIT_MS
    for _ in range(70_000):  # more than one millisecond's worth of counter
        stamp = clock.now()
    assert hlc.is_stamp(stamp)
    assert hlc.refusal_ahead_ms(2**63 - 1, now) > hlc.AHEAD_LIMIT_MS
    assert hlc.refusal_ahead_ms(2**64, now) > 0 and hlc.refusal_ahead_ms(-1, now) > 0
    assert hlc.refusal_ahead_ms(True, now) > 0
    assert hlc.refusal_ahead_ms(hlc.pack(now + hlc.AHEAD_LIMIT_MS, 0), now) == 0
    assert hlc.refusal_ahead_ms(hlc.pack(now + hlc.AHEAD_LIMIT_MS + 1, 0), now) > 0


def test_a_poisoned_saved_clock_is_clamped_when_loaded() -> None:
    clock = hlc.HybridClock(last=2**63 - 1, wall=Wall(1_750_000_000_000))
    assert clock.last < 2**63 - 1
    for _ in range(3):
        assert hlc.is_stamp(clock.now())


@settings(max_examples=examples(60))
@given(last_counter=st.one_of(st.integers(0, 50), st.integers(hlc.COUNTER_MASK - 1500, hlc.COUNTER_MASK)),
       count=st.integers(0, 3000), wall_ahead=st.booleans())
def test_stamps_are_what_as_many_calls_of_now_give(last_counter: int, count: int,
                                                   wall_ahead: bool) -> None:
    # A frozen wall clock (a bulk insert runs within milliseconds): the counter fills up
    # and borrows the next millisecond exactly as now() does, one call after another.
    wall = 1_700_000_000_000
    last = hlc.pack(wall - (1 if wall_ahead else 0), last_counter)
    one_by_one = hlc.HybridClock(last, wall=lambda: wall)
    in_bulk = hlc.HybridClock(last, wall=lambda: wall)
    expected = [one_by_one.now() for _ in range(count)]
    assert list(in_bulk.stamps(count)) == expected
    assert in_bulk.last == one_by_one.last
    assert in_bulk.now() == one_by_one.now()
