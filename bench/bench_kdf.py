"""The passphrase's key derivation: in a child process (as the app does) against in process.

    python bench/bench_kdf.py --store DIR [--runs 7]

Times ``keys.unwrap`` with the store's own key file (its calibrated Argon2id parameters)
both ways, alternating run by run: through ``storage/kdf_process.py`` (a child process with
the same interpreter derives the key; what the app does since issue 16) and in this process
(the derivation the app did before). Prints the medians, the difference (the child's price:
starting an interpreter and importing ``cryptography``) and this process's peak RSS after
the child runs alone (the derivation's memory is not in it) and after the in-process runs.
The passphrase of benchmark stores is ``bench-passphrase``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/common.py

from beratungsdesk.storage import kdf_process, keys
from common import machine, peak_rss_mb

PASSPHRASE = "bench-passphrase"


def derive_in_process(params: keys.KdfParams, passphrase: str) -> bytes:
    return kdf_process.derive_in_process({**asdict(params), "passphrase": passphrase})


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    key_file = keys.read_key_file(args.store / "store.key")
    params = key_file.kdf
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    print(f"Argon2id: {params.memory_kib // 1024} MiB, {params.iterations} pass(es), {params.lanes} lanes")
    child_key = keys.unwrap(key_file, PASSPHRASE)  # warm-up (file cache of the interpreter)
    child_runs = [timed(lambda: keys.unwrap(key_file, PASSPHRASE)) for _ in range(2)]
    peak_child_only = peak_rss_mb()
    in_process_runs: list[float] = []
    for _ in range(args.runs):  # alternating, so a drift of the machine hits both
        in_process_runs.append(timed(lambda: derive_in_process(params, PASSPHRASE)))
        child_runs.append(timed(lambda: keys.unwrap(key_file, PASSPHRASE)))
    child_runs = child_runs[2:]
    assert keys.unwrap(key_file, PASSPHRASE) == child_key
    child, in_process = statistics.median(child_runs), statistics.median(in_process_runs)
    print(f"unwrap with the derivation in a child   median {child:.3f} s (max {max(child_runs):.3f})")
    print(f"derivation in this process              median {in_process:.3f} s "
          f"(max {max(in_process_runs):.3f})")
    print(f"the child's price                       {child - in_process:+.3f} s per unlock")
    print(f"peak RSS of this process: child only {peak_child_only:.1f} MB, "
          f"after deriving in process {peak_rss_mb():.1f} MB")
    print(f"finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average "
          f"{os.getloadavg()[0]:.2f} (medians of {args.runs} runs)")


if __name__ == "__main__":
    main()
