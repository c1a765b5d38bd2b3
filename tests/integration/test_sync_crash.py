"""Kill the importing process (a real subprocess, SIGKILL) at random moments: the
store always opens intact, and the bundle is applied completely or not at all."""

from __future__ import annotations

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, Reason
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.errors import BundleRejected
from tests.integration.sync_helpers import counselor_id, enroll, open_case, store_digest
from tests.timing import examples

PASSPHRASE = "correct horse battery staple"
# Kill moments spread over 1.5 times the import's duration, one drawn at random in each of
# KILLS equal slices: about two thirds land inside the import, a gap of at most a tenth of
# the import between neighbours (as fine as 50 uniformly random moments over 1.2 times it
# give on average, but guaranteed), and a third after the commit, so both outcomes happen
# even when the machine's load makes this run's imports slower than the calibration's.
KILLS = examples(30)
WINDOW = 1.5

# The child opens the store, says "ready", waits for "go", then imports and
# says how long it took. Opening first keeps start-up out of the kill window,
# and lets the next child start while the last one's store is being checked.
CHILD = """
import sys, time
from pathlib import Path
from beratungsdesk.storage.store import Store
from beratungsdesk.services.handover import HandoverService
store = Store.open(Path(sys.argv[1]), sys.argv[2])
service = HandoverService(store)
print("ready", flush=True)
sys.stdin.readline()
started = time.perf_counter()
service.import_file(Path(sys.argv[3]))
print(time.perf_counter() - started, flush=True)
store.close()
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_import_killed_at_random_moments_is_all_or_nothing(make_store, tmp_path: Path) -> None:
    office = make_store("office", "office")
    laptop = make_store("laptop", "counselor")
    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    service = CaseService(laptop)
    for number in range(40):
        case = open_case(laptop, f"K-{number}", counselor_id(laptop), summary="Fall " * 20)
        for day in range(1, 3):
            service.log_contact(case.id, 30 + day, None, channel="phone")
    for number in range(4):
        service.add_attachment(case.id, f"scan{number}.bin", os.urandom(200_000))
    [bundle] = [r.path for r in laptop_service.export(tmp_path / "out")]
    expected_changes = laptop.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?",
                                           (laptop.own_origin_no,)).fetchone()[0]
    office.close()
    pristine = tmp_path / "office"
    pristine_digest = _digest_of(pristine)

    # The median of three imports: one slowed down or sped up by the machine's load does not
    # stretch or shrink the window.
    duration = statistics.median(_calibrate(pristine, bundle, tmp_path / f"calibration-{run}")
                                 for run in range(3))
    moments = _kill_moments(duration, random.Random(20240501))
    outcomes = {"applied": 0, "rolled back": 0}
    upcoming = _prepare(pristine, tmp_path / "kill-0", bundle)
    for attempt, moment in enumerate(moments):
        target, child = upcoming
        _go(child)
        try:  # the kill moment, unless the import (and the child) has finished before it
            child.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.wait()
        if attempt + 1 < KILLS:
            upcoming = _prepare(pristine, tmp_path / f"kill-{attempt + 1}", bundle)
        applied = _check_after_kill(target, bundle, expected_changes, pristine_digest)
        outcomes["applied" if applied else "rolled back"] += 1
        shutil.rmtree(target)
    # Both outcomes happened: the kills really hit before and after the commit.
    assert outcomes["applied"] > 0 and outcomes["rolled back"] > 0, outcomes


def _kill_moments(duration: float, rng: random.Random) -> list[float]:
    """One moment at random in each slice of the window, in random order (so that a change
    of the machine's load during the loop does not fall on one part of the window)."""
    width = duration * WINDOW / KILLS
    moments = [(slot + rng.random()) * width for slot in range(KILLS)]
    rng.shuffle(moments)
    return moments


def _digest_of(folder: Path) -> str:
    store = Store.open(folder, PASSPHRASE)
    try:
        return store_digest(store)
    finally:
        store.close()


def _prepare(pristine: Path, target: Path, bundle: Path) -> tuple[Path, subprocess.Popen]:
    """A fresh copy of the office store and a child holding it open, not yet importing."""
    shutil.copytree(pristine, target, ignore=shutil.ignore_patterns("store.lock"))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), PASSPHRASE, str(bundle)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return target, child


def _go(child: subprocess.Popen) -> None:
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()


def _calibrate(pristine: Path, bundle: Path, target: Path) -> float:
    _, child = _prepare(pristine, target, bundle)
    _go(child)
    out = child.stdout.read() if child.stdout else ""
    child.wait(timeout=120)
    assert child.returncode == 0
    shutil.rmtree(target)
    return float(out.strip())


def _check_after_kill(folder: Path, bundle: Path, expected_changes: int, pristine_digest: str) -> bool:
    store = Store.open(folder, PASSPHRASE)
    try:
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert store.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        laptop_changes = _foreign_changes(store)
        imported = store.conn.execute("SELECT count(*) FROM bundles_in").fetchone()[0]
        if imported == 0:
            assert laptop_changes == 0
            assert store_digest(store) == pristine_digest  # not a trace of the bundle
        else:
            assert laptop_changes == expected_changes
            assert store.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 4
        service = HandoverService(store)
        if imported:
            with pytest.raises(BundleRejected) as again:
                service.import_file(bundle)
            assert again.value.code == Reason.ALREADY_IMPORTED
        else:
            assert service.import_file(bundle).applied == expected_changes
            assert _foreign_changes(store) == expected_changes
        return bool(imported)
    finally:
        store.close()


def _foreign_changes(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM change_log WHERE origin NOT IN (?, ?)",
                              (store.own_origin_no, store.origin_no(
                                  "00000000-0000-0000-0000-000000000000", create=True))).fetchone()[0]
