"""What the admission step (authorization and validation on import) costs.

    .venv/bin/python bench/bench_admission.py [--changes 20000] [--runs 7]

Builds the same laptop store as bench/bench_sync.py (clients, cases, mostly contacts; no
attachments), exports one bundle, and imports it into fresh copies of the office store,
alternately with the admission step and with it switched off (``Gate.admit`` replaced by
"admit everything" for this process only), so that load from other processes hits both
alike. Prints the medians of wall time and of the process's CPU time (on a machine shared
with other work, CPU time is the steadier measure of what the step itself costs), and the
CPU time spent inside the step itself (``Gate.admit``, timed around each call in the runs
with it: the steadiest figure, since both halves of a with/without pair swing with the
load). The import/raw-insert ratio itself is bench/bench_sync.py's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import PASSPHRASE, build
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import admission
from common import machine


def _admit_everything(_gate: admission.Gate, batch: list[ChangeSet]) -> list[ChangeSet]:
    return batch


def _timed(admit: Any, spent: list[float]) -> Any:
    """``admit`` that adds the CPU time of every call to ``spent``."""
    def timed_admit(gate: admission.Gate, batch: list[ChangeSet]) -> list[ChangeSet]:
        start = time.process_time()
        try:
            return admit(gate, batch)
        finally:
            spent.append(time.process_time() - start)
    return timed_admit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-admission-"))
    try:
        print(f"machine: {machine()}", flush=True)
        office, laptop, _, laptop_service = build(root, args.changes, 0)
        office.close()
        [exported] = laptop_service.export(root / "out", force=True)
        laptop.close()
        assert exported.path is not None
        real_admit = admission.Gate.admit
        seconds: dict[str, list[float]] = {"with": [], "without": []}
        cpu: dict[str, list[float]] = {"with": [], "without": []}
        in_step: list[float] = []  # CPU time inside Gate.admit, one sum per run with it
        for run in range(args.runs):
            for mode in ("with", "without"):
                spent: list[float] = []
                admission.Gate.admit = (  # type: ignore[method-assign]
                    _timed(real_admit, spent) if mode == "with" else _admit_everything)
                copy = root / f"office-{run}-{mode}"
                shutil.copytree(root / "office", copy, ignore=shutil.ignore_patterns("store.lock"))
                with Store.open(copy, PASSPHRASE) as store:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    imported = HandoverService(store).import_file(exported.path)
                    seconds[mode].append(time.perf_counter() - start)
                    cpu[mode].append(time.process_time() - start_cpu)
                assert imported.applied == exported.changes and imported.refused == 0
                shutil.rmtree(copy)
                if mode == "with":
                    in_step.append(sum(spent))
            print(f"run {run + 1}: with admission {seconds['with'][-1]:.2f} s "
                  f"(CPU {cpu['with'][-1]:.2f} s), without {seconds['without'][-1]:.2f} s "
                  f"(CPU {cpu['without'][-1]:.2f} s)", flush=True)
        admission.Gate.admit = real_admit  # type: ignore[method-assign]
        with_s, without_s = statistics.median(seconds["with"]), statistics.median(seconds["without"])
        print(f"{exported.changes} changes: with admission {with_s:.2f} s "
              f"({exported.changes / with_s:,.0f}/s), without {without_s:.2f} s "
              f"({exported.changes / without_s:,.0f}/s); with/without = {with_s / without_s:.2f}")
        with_cpu, without_cpu = statistics.median(cpu["with"]), statistics.median(cpu["without"])
        print(f"CPU time: with admission {with_cpu:.2f} s, without {without_cpu:.2f} s; "
              f"with/without = {with_cpu / without_cpu:.2f}")
        step = statistics.median(in_step)
        print(f"CPU time inside the admission step: {step:.3f} s = "
              f"{step / exported.changes * 1e6:.1f} µs per change (runs: "
              f"{', '.join(f'{s:.3f}' for s in in_step)})")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
