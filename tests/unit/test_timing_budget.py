"""The suite's time budget itself: a test over it fails unless marked slow, and is listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]

# The inner run uses the project's hooks with a budget of a fifth of a second.
CONFTEST = """
import pytest
from tests import timing

timing.BUDGET_S = 0.2


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
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), str(ROOT / "src"),
                                                      os.environ.get("PYTHONPATH", "")]))
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=TESTS)
    pytester.makeini("[pytest]\nmarkers =\n    slow: long\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=1)  # the failure is reported at teardown
    result.stdout.fnmatch_lines([
        "*test_expensive took 0.* s of CPU time (budget 0.2 s)*mark it slow*",
        "*tests over 0.2 s wall time, not marked slow*",
        "*s wall*s CPU*test_inner.py::test_expensive",
    ])
    assert "test_expensive_but_marked_slow took" not in result.stdout.str()
