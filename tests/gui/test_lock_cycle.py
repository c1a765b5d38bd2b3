"""The lock/unlock cycle in a loop, in a real subprocess under faulthandler (issue 14: the
office app once crashed with a segfault at the moment it locked itself).

tests/gui/lock_cycle.py drives the real app offscreen: writes right before the lock, jobs
in flight, pages and the letter dialog deleted while the worker still answers them, the
window minimised, the automatic lock and Ctrl+L, drafts kept and given back. A crash in
C code shows as "Fatal Python error" and a signal exit code; a Qt warning about threads
or a garbage collection on the worker thread (both announce such a crash) fail it too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.lock_cycle import KILL_TEXT

ROOT = Path(__file__).resolve().parents[2]
#: Each variant of tests/gui/lock_cycle.py.VARIANTS three times.
CYCLES = 21


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}


def test_lock_and_unlock_in_a_loop_never_crashes(filled_store: Path) -> None:
    env = _env()
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-m", "tests.gui.lock_cycle",
                             str(filled_store), str(CYCLES)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    problems = "\n".join(line for line in result.stderr.splitlines()
                         if not line.startswith("This plugin does not support"))
    assert "Fatal Python error" not in result.stderr, problems[-4000:]
    assert result.returncode == 0, problems[-4000:]
    assert f"cycles done: {CYCLES}," in result.stdout
    # Input typed before a lock came back after the next unlock (at least the typing cycles).
    restored = int(result.stdout.rsplit("drafts restored: ", 1)[1].split()[0])
    assert restored >= CYCLES // 7


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_draft_survives_the_program_killed_while_locked(filled_store: Path) -> None:
    """Typed, locked by the idle timeout, then SIGKILL: the next start offers the text again."""
    result = subprocess.run([sys.executable, "-m", "tests.gui.lock_cycle", str(filled_store),
                             "kill-while-locked"], capture_output=True, text=True, env=_env(), cwd=ROOT,
                            timeout=300)
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    assert "locked, killing" in result.stdout
    with Store.open(filled_store, PASSPHRASE) as store:
        kept = Session(store).drafts.load()
        assert KILL_TEXT in kept["case"]["case"]["summary"]
