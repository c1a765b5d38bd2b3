"""Handover benchmark: export and import of 100 000 changes plus 100 attachments of 1 MB.

    .venv/bin/python bench/bench_sync.py [--changes 100000] [--attachments 100] [--runs 3] [--write-all]

Measures, as medians of several runs, on real encrypted stores in a temporary folder:
- export (laptop -> bundle file): changes/s and MB/s of bundle written;
- import (bundle -> office store, one transaction): changes/s and MB/s;
- the raw SQLCipher insert rate of the same rows into the same tables (one
  ``executemany`` per table in one transaction, triggers included): the import's ratio to it
  (target: at least 50 %); with ``--write-all`` also against a raw insert of
  everything the import writes (the rows, one change-log row per change, the attachment bytes);
- bundle encryption and decryption alone (envelope over an in-memory payload of the
  bundle's size) against raw AES-256-GCM over 1 MiB chunks (target: at least 50 %).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
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

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tests.integration.sync_helpers import enroll

from beratungsdesk.core import model
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage import rows as row_mapping
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import crypto
from beratungsdesk.sync.envelope import EnvelopeReader, EnvelopeWriter
from common import machine

PASSPHRASE = "bench passphrase"
MB = 1024 * 1024


def build(root: Path, changes: int, attachments: int) -> tuple[Store, Store, HandoverService,
                                                                 HandoverService]:
    office = Store.create(root / "office", PASSPHRASE, "office", "office", kdf_seconds=0)
    laptop = Store.create(root / "laptop", PASSPHRASE, "counselor", "laptop", kdf_seconds=0)
    office_service, laptop_service = enroll(office, laptop, "Bench", root / "enroll")
    counselor = laptop.meta("counselor_id")
    # Mostly contacts, as in real use (about ten per case); clients and cases fill the rest.
    cases = max(1, changes // 20)
    contacts = changes - 2 * cases - attachments
    entities: list[model.Entity] = []
    case_ids = []
    for number in range(cases):
        client = model.Client(code=f"B-{number:06d}")
        case = model.Case(number=f"2024-B-{number:06d}", client_id=client.id, opened_on=dt.date(2024, 1, 1),
                          area="work", counselor_id=counselor)
        entities += [client, case]
        case_ids.append(case.id)
    entities += [model.Contact(case_id=case_ids[i % cases], date=dt.date(2024, 2, 1), duration_min=30,
                               channel="phone") for i in range(contacts)]
    with laptop.unit_of_work() as uow:
        uow.insert_many(entities)
    service = CaseService(laptop)
    for number in range(attachments):
        service.add_attachment(case_ids[number % cases], f"scan{number}.bin", os.urandom(MB))
    return office, laptop, office_service, laptop_service


def entity_row_batches(source: Store) -> list[tuple[str, list[Any]]]:
    """(insert SQL, rows) per table: the laptop's own entity rows, as an import writes them."""
    batches = []
    for entity_spec in model.all_specs():
        found = source.conn.execute(
            f"SELECT {row_mapping.select_columns(entity_spec)} FROM {entity_spec.table} "
            f"WHERE id NOT IN (SELECT id FROM {entity_spec.table} WHERE _hlc <= 1)").fetchall()
        if found and entity_spec.name not in ("term", "counselor"):
            batches.append((row_mapping.insert_sql(entity_spec), found))
    return batches


def raw_insert_rate(source: Store, target_folder: Path) -> float:
    """Rows/s of inserting the laptop's entity rows into a copy of the office store."""
    target = Store.open(target_folder, PASSPHRASE)
    try:
        batches = entity_row_batches(source)
        count = sum(len(rows) for _, rows in batches)
        target.conn.execute("BEGIN")
        start = time.perf_counter()
        for sql, rows in batches:
            target.conn.executemany(sql, rows)
        target.conn.execute("COMMIT")
        return count / (time.perf_counter() - start)
    finally:
        target.close()


#: ``--slim-log``: the change-log value of a new row's entry when the log refers to the row
#: instead of repeating its values (a format this project does not have; measured only).
SLIM_VALS = "="


def raw_write_all_rate(source: Store, target_folder: Path, slim: bool = False) -> tuple[float, int]:
    """Changes/s of inserting everything an import writes, and the number of change-log rows.

    The entity rows as in :func:`raw_insert_rate`, plus the laptop's change-log
    rows (one per change, under the laptop's origin number in the target) and the
    attachment bytes: the same ``executemany`` per table, one transaction. What an
    import costs beyond this is decoding, checking and merging.
    """
    target = Store.open(target_folder, PASSPHRASE)
    try:
        batches = entity_row_batches(source)
        origin = target.origin_no(source.device_id, create=True)
        log = [(origin, *row) for row in source.conn.execute(
            "SELECT seq, hlc, entity, row_id, vals, prev FROM change_log WHERE origin = ? AND entity != '-'",
            (source.own_origin_no,))]
        if slim:  # every change of the benchmark's laptop is a new row
            log = [(*row[:5], SLIM_VALS, row[6]) for row in log]
        batches.append(("INSERT INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", log))
        batches.append(("INSERT INTO blobs(sha256, size, content) VALUES (?, ?, ?)",
                        source.conn.execute("SELECT sha256, size, content FROM blobs").fetchall()))
        target.conn.execute("BEGIN")
        start = time.perf_counter()
        for sql, rows in batches:
            target.conn.executemany(sql, rows)
        target.conn.execute("COMMIT")
        return len(log) / (time.perf_counter() - start), len(log)
    finally:
        target.close()


def aead_rates(size: int, runs: int) -> tuple[float, float, float, float]:
    """(raw encrypt, raw decrypt, envelope encrypt, envelope decrypt) in MB/s."""
    payload = os.urandom(MB) * (size // MB + 1)
    payload = payload[:size]
    key = AESGCM.generate_key(bit_length=256)
    aead = AESGCM(key)
    nonce = b"\0" * 12
    chunks = [payload[i:i + MB] for i in range(0, size, MB)]

    def raw_encrypt() -> None:
        for chunk in chunks:
            aead.encrypt(nonce, chunk, None)  # output dropped, as the envelope's sink drops it

    sealed = [aead.encrypt(nonce, chunk, None) for chunk in chunks]

    def raw_decrypt() -> None:
        for chunk in sealed:
            aead.decrypt(nonce, chunk, None)

    recipient = crypto.Identity.generate()

    class Sink(io.RawIOBase):
        """Counts what is written and keeps nothing (raw_encrypt keeps nothing either)."""

        def write(self, data) -> int:  # type: ignore[override]
            return len(data)

    def envelope_encrypt(out: io.RawIOBase | io.BytesIO | None = None) -> None:
        writer = EnvelopeWriter(out or Sink(), recipient.kx_public)  # type: ignore[arg-type]
        for chunk in chunks:
            writer.write(chunk)
        writer.close()

    box = io.BytesIO()
    envelope_encrypt(box)
    file_size = box.tell()

    def envelope_decrypt() -> None:
        box.seek(0)
        reader = EnvelopeReader(box, file_size, recipient)
        while not reader.at_end():
            reader.read(min(MB, reader.remaining()))

    # Interleaved, so that load from other processes hits raw and envelope alike.
    actions = (raw_encrypt, raw_decrypt, envelope_encrypt, envelope_decrypt)
    samples: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            start = time.perf_counter()
            action()
            samples[index].append(time.perf_counter() - start)
    return tuple(size / MB / statistics.median(s) for s in samples)  # type: ignore[return-value]


def _print_crypto(raw_enc: float, raw_dec: float, env_enc: float, env_dec: float) -> None:
    print(f"AES-256-GCM raw: encrypt {raw_enc:,.0f} MB/s, decrypt {raw_dec:,.0f} MB/s")
    print(f"envelope: encrypt {env_enc:,.0f} MB/s ({env_enc / raw_enc:.2f}), "
          f"decrypt {env_dec:,.0f} MB/s ({env_dec / raw_dec:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--attachments", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write-all", action="store_true",
                        help="also time a raw insert of everything the import writes (entity rows, "
                             "change-log rows, attachment bytes) in the same alternating runs")
    parser.add_argument("--slim-log", action="store_true",
                        help="with --write-all: also the raw insert of everything with a change log "
                             "that refers to new rows instead of repeating their values (a format "
                             "question, measured only), and the import ratio that would give")
    parser.add_argument("--crypto-only", type=float, metavar="MB", default=0,
                        help="only the encryption comparison, over a payload of this many MB")
    args = parser.parse_args()
    if args.crypto_only:
        print(f"machine: {machine()}")
        _print_crypto(*aead_rates(int(args.crypto_only * MB), max(args.runs, 7)))
        return
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        print(f"machine: {machine()}", flush=True)
        started = time.perf_counter()
        office, laptop, _, laptop_service = build(root, args.changes, args.attachments)
        print(f"built the laptop store in {time.perf_counter() - started:.1f} s", flush=True)
        office.close()

        export_times, bundle = [], None
        for _ in range(args.runs):
            start = time.perf_counter()
            [result] = laptop_service.export(root / "out", force=True)
            export_times.append(time.perf_counter() - start)
            bundle = result.path
        assert bundle is not None
        bundle_mb = bundle.stat().st_size / MB
        count = result.changes
        print(f"export: {count / statistics.median(export_times):,.0f} changes/s", flush=True)

        # Import and raw insert interleaved, so that load from other processes hits both alike.
        import_times, raw_rates, all_rates, slim_rates = [], [], [], []
        for run in range(args.runs):
            copy = root / f"office-{run}"
            shutil.copytree(root / "office", copy, ignore=shutil.ignore_patterns("store.lock"))
            store = Store.open(copy, PASSPHRASE)
            try:
                service = HandoverService(store)
                start = time.perf_counter()
                imported = service.import_file(bundle)
                import_times.append(time.perf_counter() - start)
                assert imported.applied == count
            finally:
                store.close()
            shutil.rmtree(copy)
            copy = root / f"raw-{run}"
            shutil.copytree(root / "office", copy, ignore=shutil.ignore_patterns("store.lock"))
            raw_rates.append(raw_insert_rate(laptop, copy))
            shutil.rmtree(copy)
            if args.write_all:
                copy = root / f"all-{run}"
                shutil.copytree(root / "office", copy, ignore=shutil.ignore_patterns("store.lock"))
                rate, log_rows = raw_write_all_rate(laptop, copy)
                assert log_rows == count, (log_rows, count)
                all_rates.append(rate)
                shutil.rmtree(copy)
            if args.write_all and args.slim_log:
                copy = root / f"slim-{run}"
                shutil.copytree(root / "office", copy, ignore=shutil.ignore_patterns("store.lock"))
                slim_rates.append(raw_write_all_rate(laptop, copy, slim=True)[0])
                shutil.rmtree(copy)
            print(f"run {run + 1}: import {count / import_times[-1]:,.0f} changes/s, "
                  f"raw {raw_rates[-1]:,.0f} rows/s, ratio {count / import_times[-1] / raw_rates[-1]:.2f}"
                  + (f"; everything it writes {all_rates[-1]:,.0f} changes/s, ratio "
                     f"{count / import_times[-1] / all_rates[-1]:.2f}" if all_rates else "")
                  + f"; load {os.getloadavg()[0]:.1f}", flush=True)
        laptop.close()

        export_s, import_s = statistics.median(export_times), statistics.median(import_times)
        raw = statistics.median(raw_rates)
        crypto_rates = aead_rates(int(bundle_mb * MB), max(args.runs, 7))
        print(f"bundle: {count} changes, {args.attachments} attachments, {bundle_mb:.1f} MB")
        for label, seconds in (("export", export_s), ("import", import_s)):
            print(f"{label}: {seconds:.2f} s = {count / seconds:,.0f} changes/s, "
                  f"{bundle_mb / seconds:.1f} MB/s")
        print(f"raw insert of the same rows: {raw:,.0f} rows/s; import ratio {count / import_s / raw:.2f}")
        if all_rates:
            everything = statistics.median(all_rates)
            print(f"raw insert of everything the import writes (rows, change log, attachments): "
                  f"{everything:,.0f} changes/s; import ratio {count / import_s / everything:.2f}")
        if slim_rates:
            slim = statistics.median(slim_rates)
            # What the import would save: the SQL difference of the two raw writes (the
            # JSON it would no longer encode is left out: a conservative projection).
            saved = count / everything - count / slim
            print(f"raw insert of everything with a change log that refers to new rows: {slim:,.0f} "
                  f"changes/s ({saved:.2f} s less SQL); import ratio then about "
                  f"{count / (import_s - saved) / raw:.2f} (projection, per run: "
                  + ", ".join(f"{count / (t - (count / a - count / b)) / r:.2f}" for t, a, b, r
                              in zip(import_times, all_rates, slim_rates, raw_rates, strict=True))
                  + ")")
        _print_crypto(*crypto_rates)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
