"""The suite's time budget itself: a test over it fails unless marked slow, and is listed."""

from __future__ import annotations

import pytest

from tests import timing

pytest_plugins = ["pytester"]

# The inner run (in this process) uses the project's hooks.
CONFTEST = """
import pytest
from tests import timing


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    timing.measure(item, call, report)
    return report


def pytest_terminal_summary(terminalreporter):
    timing.summarize(terminalreporter)
"""

TESTS = """
import time

import pytest


def burn(seconds):
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def test_cheap():
    burn(0.01)


def test_expensive():
    burn(0.4)


@pytest.mark.slow
def test_expensive_but_marked_slow():
    burn(0.4)
"""


def test_a_test_over_the_cpu_budget_fails_unless_marked_slow(pytester: pytest.Pytester,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timing, "BUDGET_S", 0.2)  # back to 20 s before this test's own check
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=TESTS)
    pytester.makeini("[pytest]\nmarkers =\n    slow: long\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=3, errors=1)  # the failure is reported at teardown
    result.stdout.fnmatch_lines([
        "*test_expensive took 0.* s of CPU time (budget 0.2 s)*mark it slow*",
        "*tests over 0.2 s wall time, not marked slow*",
        "*s wall*s CPU*test_inner.py::test_expensive",
    ])
    assert "test_expensive_but_marked_slow took" not in result.stdout.str()
