"""Backup create and verify against copying the store file, at the benchmark store's size.

    .venv/bin/python bench/bench_backup.py --store /tmp/bench-store [--runs 5]

The raw limit is copying ``store.db`` (and its WAL) to the backup folder with ``shutil.copyfile``
(what ``cp`` does) in the same run, on the same disk. ``create`` is the whole service call (write
lock, counts of every table for the manifest, the copy with its MAC, fsync, erasure journal);
``verify`` is the whole standalone check (key unwrap, one read of the file that checks the MAC over
every byte while unpacking it, SQLite's integrity check, and on a second connection at the same
time the audit chains and counts). "decrypt every page" is SQLCipher's page check on the store:
the least that any check which decrypts the pages can cost. The store is copied to a scratch
folder first, so the benchmark store itself is never changed. The passphrase of benchmark
stores is ``bench-passphrase``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from beratungsdesk.services import backup
from beratungsdesk.storage.layout import DB_NAME
from beratungsdesk.storage.store import Store
from common import machine, median_seconds, scratch_store

PASSPHRASE = "bench-passphrase"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-", dir=args.store.parent) as scratch_dir:
        scratch = Path(scratch_dir)
        store_folder = scratch_store(args.store, scratch)
        out = scratch / "out"
        out.mkdir()
        size_mb = (store_folder / DB_NAME).stat().st_size / 1e6
        print(f"{machine()}; store {size_mb:.0f} MB; load {os.getloadavg()[0]:.1f}; "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")

        def copy() -> None:
            target = out / "copy.db"
            shutil.copyfile(store_folder / DB_NAME, target)
            with open(target, "rb+") as handle:
                os.fsync(handle.fileno())
            target.unlink()

        with Store.open(store_folder, PASSPHRASE) as store:
            service = backup.BackupService(store)
            made: list[Path] = []

            def create() -> None:
                made.append(service.create(out))
                made[-1].unlink()

            copy_s = median_seconds(copy, runs=args.runs)
            create_s = median_seconds(create, runs=args.runs)
            kept = service.create(out)
            light_s = median_seconds(lambda: service.check(kept, full=False), runs=args.runs)
            # The floor of any check that decrypts: every page decrypted and its HMAC checked
            # once, nothing parsed (SQLCipher's own page check on the live store).
            decrypt_s = median_seconds(
                lambda: store.conn.execute("PRAGMA cipher_integrity_check").fetchall(),
                runs=args.runs)
        verify_s = median_seconds(lambda: backup.verify(kept, PASSPHRASE, scratch_parent=scratch),
                                  runs=args.runs)
        print(f"copy (cp + fsync)  {copy_s:7.2f} s")
        print(f"backup create      {create_s:7.2f} s   {create_s / copy_s:5.2f}x the copy")
        print(f"check (checksum)   {light_s:7.2f} s   {light_s / copy_s:5.2f}x the copy")
        print(f"decrypt every page {decrypt_s:7.2f} s   {decrypt_s / copy_s:5.2f}x the copy")
        print(f"backup verify      {verify_s:7.2f} s   {verify_s / copy_s:5.2f}x the copy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
