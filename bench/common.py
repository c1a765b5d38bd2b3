"""Helpers for benchmarks: medians of several runs and a machine note."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path


def machine() -> str:
    import sqlcipher3

    version = sqlcipher3.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"SQLCipher {version}")


def median_seconds(action: Callable[[], object], runs: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


#: A CPU-bound loop for ``busy_processes``; it ends by itself after the given seconds.
_BUSY_LOOP = ("import sys, time\n"
              "end = time.monotonic() + float(sys.argv[1])\n"
              "while time.monotonic() < end:\n"
              "    sum(range(1000))\n")


@contextlib.contextmanager
def busy_processes(count: int, seconds: float = 900.0) -> Iterator[None]:
    """``count`` CPU-bound processes beside the measurement (``--load N``).

    Each stops by itself after ``seconds`` (so none outlives a crashed benchmark for
    long) and is ended when the block is left.
    """
    processes = [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP, str(seconds)])
                 for _ in range(count)]
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()


def reset_peak_rss() -> bool:
    """Start VmHWM again from the current RSS (Linux: ``/proc/self/clear_refs``); False elsewhere."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: ru_maxrss (bytes on macOS)

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def scratch_store(store: Path, scratch: Path) -> Path:
    """A copy of the closed benchmark store ``store`` in ``scratch`` (database and key file only),
    so a benchmark that writes never changes the store itself."""
    import shutil

    folder = scratch / "store"
    folder.mkdir()
    for name in ("store.db", "store.key"):
        shutil.copyfile(store / name, folder / name)
    return folder
