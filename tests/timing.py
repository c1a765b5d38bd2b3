"""Keeping the suite fast: Hypothesis profiles and the 20-second budget per test.

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE=thorough`` or pytest's
``--hypothesis-profile=thorough``):

* ``default``: every property test runs the number of examples written at it
  (``examples(n)``), sized so the whole suite stays within five minutes on two cores.
* ``thorough``: ten times as many examples everywhere, for a run before a release
  or after a change to the code a property covers.

The budget: a test not marked ``slow`` may take at most ``BUDGET_S`` seconds of CPU
time (its process and the subprocesses it waited for, setup and teardown included);
over that it fails at teardown, telling to make it cheaper or mark it ``slow``. CPU
time, not wall time, because the machines running the suite are shared and a loaded
machine stretches wall time while the work stays the same. Tests over the budget in
wall time are listed at the end of the run with their CPU time, without failing.
"""

from __future__ import annotations

import os
import time
from types import ModuleType

import pytest
from hypothesis import settings

resource: ModuleType | None
try:
    import resource
except ImportError:  # Windows
    resource = None

BUDGET_S = 20.0
#: Hypothesis' own default number of examples, the unit ``examples`` scales against.
_BASE_EXAMPLES = 100
_THOROUGH_FACTOR = 10


def register_profiles() -> None:
    settings.register_profile("default", max_examples=_BASE_EXAMPLES)
    settings.register_profile("thorough", max_examples=_BASE_EXAMPLES * _THOROUGH_FACTOR)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(count: int) -> int:
    """``count`` examples in the default profile, scaled for the one loaded (thorough: 10x)."""
    return max(1, round(count * settings().max_examples / _BASE_EXAMPLES))


def _cpu_seconds() -> float:
    """CPU time of this process (all threads) and of the children it has waited for.

    Windows has no ``resource`` module: there only this process's own time counts."""
    if resource is None:
        return time.process_time()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_STARTED = pytest.StashKey[tuple[float, float]]()


def measure(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> None:
    """Called with each phase's report: after teardown, note the test's CPU and wall time
    on it (they travel to the main process under pytest-xdist) and enforce the budget."""
    if call.when == "setup":
        item.stash[_STARTED] = (_cpu_seconds(), call.start)
    if call.when != "teardown" or _STARTED not in item.stash:
        return
    cpu_start, wall_start = item.stash[_STARTED]
    cpu = _cpu_seconds() - cpu_start
    slow = item.get_closest_marker("slow") is not None
    report.user_properties.extend([("cpu_s", round(cpu, 2)), ("wall_s", round(call.stop - wall_start, 2)),
                                   ("slow", slow)])
    if cpu > BUDGET_S and not slow and report.passed:
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} took {cpu:.1f} s of CPU time (budget {BUDGET_S:g} s): make it "
                           "cheaper, or mark it slow if it cannot be (slow tests still run by default)")


def summarize(terminalreporter: pytest.TerminalReporter) -> None:
    """List the tests not marked slow that took longer than the budget in wall time."""
    long_ones = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            properties = dict(getattr(report, "user_properties", ()))
            if getattr(report, "when", None) == "teardown" and "wall_s" in properties \
                    and properties["wall_s"] > BUDGET_S and not properties["slow"]:
                long_ones.append((properties["wall_s"], properties["cpu_s"], report.nodeid))
    if not long_ones:
        return
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    terminalreporter.section(f"tests over {BUDGET_S:g} s wall time, not marked slow")
    for wall, cpu, nodeid in sorted(long_ones, reverse=True):
        terminalreporter.write_line(f"{wall:6.1f} s wall {cpu:6.1f} s CPU  {nodeid}")
    terminalreporter.write_line(f"(load average now: {load}; only CPU time over the budget fails a test)")
