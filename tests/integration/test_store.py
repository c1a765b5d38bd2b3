"""The encrypted store: unlocking, damage, locking, full disks, and what reaches the disk."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from beratungsdesk.core import model
from beratungsdesk.core.errors import StoreError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage import keys, queries
from beratungsdesk.storage.store import DB_NAME, KEY_NAME, THROTTLE_NAME, Store
from tests.conftest import FAST_KDF, PASSPHRASE

CANARY = "Kanarienvogel-7f3a9c"


def digest_files(folder: Path, names=(DB_NAME, KEY_NAME)) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names
            if (folder / name).exists()}


def every_file_below(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def canary_forms() -> list[bytes]:
    return [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), CANARY.lower().encode()]


def test_a_new_store_opens_again_with_its_passphrase(office: Store) -> None:
    folder = office.folder
    device = office.device_id
    office.close()
    with Store.open(folder, PASSPHRASE) as again:
        assert again.device_id == device
        assert again.role == "office"
        assert again.vocabulary().match("area", "Wohnen") == "housing"


def test_canary_reaches_no_file_of_the_store_nor_the_temp_folder(tmp_path: Path, monkeypatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    folder = tmp_path / "store"
    store = Store.create(folder, PASSPHRASE, "office", "Office", kdf_seconds=FAST_KDF)
    service = CaseService(store)
    client = service.find_or_create_client("K-1", name=f"Name {CANARY}")
    case = service.open_case(client, "housing", summary=f"Summary {CANARY}")
    service.add_note(case.id, f"Note {CANARY}")
    service.add_attachment(case.id, "letter.txt", f"Attachment {CANARY}".encode() * 200)
    assert service.search(CANARY)  # the text is really there, and searchable

    def scan() -> list[str]:
        hits = []
        for path in every_file_below(folder) + every_file_below(temp):
            data = path.read_bytes()
            hits += [f"{path.name}" for form in canary_forms() if form in data]
        return hits

    assert (folder / f"{DB_NAME}-wal").exists()  # the open store has written its log
    assert scan() == []
    store.close()
    assert scan() == []


def test_wrong_passphrase_changes_nothing_and_is_a_clear_error(office: Store) -> None:
    folder = office.folder
    office.close()
    before = digest_files(folder)
    with pytest.raises(StoreError) as caught:
        Store.open(folder, "wrong passphrase")
    assert caught.value.code == "wrong_passphrase"
    assert digest_files(folder) == before
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("unlock")) == [
        DB_NAME, KEY_NAME, "store.lock"]


def test_repeated_failures_make_each_next_attempt_wait_longer(office: Store) -> None:
    folder = office.folder
    office.close()
    waits: list[float] = []
    for _ in range(keys.FREE_ATTEMPTS + 3):
        with pytest.raises(StoreError):
            Store.open(folder, "nope", sleep=waits.append)
    # Attempts 4, 5 and 6 waited; the first three did not. (The wait counts from the last
    # failure, and the fake sleep returns at once, so a few milliseconds have passed.)
    assert waits == pytest.approx([1.0, 2.0, 4.0], abs=0.5)
    Store.open(folder, PASSPHRASE, sleep=waits.append).close()
    assert waits[-1] == pytest.approx(8.0, abs=0.5)  # even the right passphrase waits its turn
    assert keys.UnlockThrottle(folder / "unlock-failures.json").failures() == 0
    assert (folder / DB_NAME).exists()  # never deleted


def test_the_wait_counts_from_the_last_failure(tmp_path: Path) -> None:
    now = [1000.0]
    throttle = keys.UnlockThrottle(tmp_path / "unlock-failures.json", clock=lambda: now[0])
    for _ in range(keys.FREE_ATTEMPTS - 1):
        throttle.record_failure()
    assert throttle.remaining() == 0.0  # one free attempt is left
    throttle.record_failure()
    assert throttle.remaining() == 1.0
    throttle.record_failure()
    assert throttle.remaining() == 2.0
    now[0] += 1.5
    assert throttle.remaining() == 0.5  # time that has passed since counts
    now[0] += 10
    assert throttle.remaining() == 0.0
    now[0] -= 3600  # a clock set back never makes the wait longer than owed
    assert throttle.remaining() == 2.0


def test_missing_store_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "nothing", PASSPHRASE)
    assert caught.value.code == "store_missing"


@pytest.mark.parametrize("damage", ["truncate_odd", "truncate_half", "random_bytes", "plain_sqlite"])
def test_damaged_or_foreign_database_file_is_reported_and_left_alone(office: Store, damage: str) -> None:
    service = CaseService(office)
    client = service.find_or_create_client("K-1")
    for number in range(200):
        service.open_case(client, "work", summary="x" * 500, number=f"2022-{number:04d}")
    folder = office.folder
    office.close()
    db = folder / DB_NAME
    data = db.read_bytes()
    if damage == "truncate_odd":
        db.write_bytes(data[: len(data) - 100])
    elif damage == "truncate_half":
        db.write_bytes(data[: (len(data) // 2) // 4096 * 4096])
    elif damage == "random_bytes":
        db.write_bytes(os.urandom(len(data)))
    else:
        db.unlink()
        import sqlite3

        sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
    damaged = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        store = Store.open(folder, PASSPHRASE)
        # A truncation at a page boundary may only show when the lost pages are read.
        with store:
            queries.case_page(store.conn, queries.CaseFilter(), limit=1000)
            store.conn.execute("PRAGMA quick_check").fetchall()
    assert caught.value.code in ("store_damaged", "store_foreign")
    assert db.read_bytes() == damaged


def test_damaged_key_file_is_reported(office: Store) -> None:
    folder = office.folder
    office.close()
    (folder / KEY_NAME).write_text('{"format": "beratungsdesk-key", "version": 1}')
    with pytest.raises(StoreError) as caught:
        Store.open(folder, PASSPHRASE)
    assert caught.value.code == "keyfile_damaged"


def _throttle_failures(folder: Path) -> int:
    return keys.UnlockThrottle(folder / THROTTLE_NAME).failures()


def test_altered_kdf_parameters_are_a_damaged_key_file_not_a_wrong_passphrase(office: Store) -> None:
    folder = office.folder
    office.close()
    original = (folder / KEY_NAME).read_text()
    assert '"iterations": 1' in original
    (folder / KEY_NAME).write_text(original.replace('"iterations": 1', '"iterations": 2'))
    for _ in range(keys.FREE_ATTEMPTS + 2):  # never throttled: nothing was guessed
        with pytest.raises(StoreError) as caught:
            Store.open(folder, PASSPHRASE)
        assert caught.value.code == "keyfile_damaged"
    assert _throttle_failures(folder) == 0
    (folder / KEY_NAME).write_text(original)
    Store.open(folder, PASSPHRASE).close()


@pytest.mark.parametrize("field, value", [("memory_kib", 2 * 1024 * 1024), ("memory_kib", 1024),
                                          ("iterations", 10**6), ("lanes", 10**4), ("iterations", 0)])
def test_parameters_beyond_sane_limits_are_refused_before_deriving(office: Store, field, value) -> None:
    """Even with a matching check (an attacker recomputes it): refused at once, no derivation
    (2 GiB or a million passes would run for minutes), and not counted as a failed unlock."""
    folder = office.folder
    office.close()
    data = json.loads((folder / KEY_NAME).read_text())
    data["kdf"][field] = value
    data.pop("check")
    forged = keys.KeyFile(data["store_id"], keys.KdfParams(**data["kdf"]), data["wrap"]["nonce"],
                          data["wrap"]["ciphertext"])
    (folder / KEY_NAME).write_text(json.dumps({**data, "check": forged.check()}))
    with pytest.raises(StoreError) as caught:
        Store.open(folder, PASSPHRASE)
    assert caught.value.code == "keyfile_damaged"
    assert _throttle_failures(folder) == 0


def test_a_key_file_from_before_the_check_still_opens(office: Store) -> None:
    folder = office.folder
    office.close()
    data = json.loads((folder / KEY_NAME).read_text())
    del data["check"]
    (folder / KEY_NAME).write_text(json.dumps(data, indent=2))
    Store.open(folder, PASSPHRASE).close()
    with pytest.raises(StoreError) as caught:
        Store.open(folder, "wrong")
    assert caught.value.code == "wrong_passphrase" and _throttle_failures(folder) == 1


def test_the_cli_names_a_damaged_key_file(office: Store) -> None:
    folder = office.folder
    office.close()
    key = folder / KEY_NAME
    key.write_text(key.read_text().replace('"iterations": 1', '"iterations": 3'))
    from tests.integration.test_cli import run

    result = run(folder, "cases", "list", passphrase=PASSPHRASE)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: The store's key file (store.key) is damaged or was altered; the passphrase was not "
        "tried. Restore store.key from a backup."]


HOLD_OPEN = """
import sys, time
from pathlib import Path
from beratungsdesk.storage.store import Store
store = Store.open(Path(sys.argv[1]), sys.argv[2])
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_store_open_in_another_process_is_refused(office: Store) -> None:
    folder = office.folder
    office.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(folder), PASSPHRASE],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as caught:
            Store.open(folder, PASSPHRASE)
        assert caught.value.code == "store_locked"
    finally:
        holder.communicate("\n", timeout=30)
    Store.open(folder, PASSPHRASE).close()  # free again once the other process ended


def test_full_disk_is_a_clear_error_and_changes_nothing(office: Store) -> None:
    service = CaseService(office)
    client = service.find_or_create_client("K-1")
    case = service.open_case(client, "work")
    pages = office.conn.execute("PRAGMA page_count").fetchone()[0]
    office.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk full"
    with pytest.raises(StoreError) as caught:
        service.add_attachment(case.id, "scan.pdf", os.urandom(2 * 1024 * 1024))
    assert caught.value.code == "disk_full"
    assert queries.case_record(office.conn, case.id).attachments == []
    assert office.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    office.conn.execute("PRAGMA max_page_count = 1073741823")
    service.add_note(case.id, "still works")
    assert office.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_changing_the_passphrase_rewraps_without_touching_the_database(office: Store) -> None:
    folder = office.folder
    CaseService(office).find_or_create_client("K-1")
    office.close()
    db_before = digest_files(folder, (DB_NAME,))
    with Store.open(folder, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, "a new passphrase", kdf_seconds=FAST_KDF)
        with pytest.raises(StoreError):
            store.change_passphrase("not the old one", "x", kdf_seconds=FAST_KDF)
    assert digest_files(folder, (DB_NAME,)) == db_before
    with pytest.raises(StoreError):
        Store.open(folder, PASSPHRASE)
    with Store.open(folder, "a new passphrase") as store:
        assert queries.client_by_code(store.conn, "K-1") is not None


def test_an_existing_store_is_never_overwritten(office: Store) -> None:
    folder = office.folder
    office.close()
    before = digest_files(folder)
    with pytest.raises(StoreError) as caught:
        Store.create(folder, "other", "office", "Other", kdf_seconds=FAST_KDF)
    assert caught.value.code == "store_exists"
    assert digest_files(folder) == before


def test_store_files_are_private_to_the_user(office: Store) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    assert (office.folder.stat().st_mode & 0o077) == 0
    assert ((office.folder / DB_NAME).stat().st_mode & 0o077) == 0
    assert ((office.folder / KEY_NAME).stat().st_mode & 0o077) == 0


def test_attachments_over_25_mb_are_refused(office: Store) -> None:
    service = CaseService(office)
    case = service.open_case(service.find_or_create_client("K-1"), "work")
    with pytest.raises(Exception) as caught:
        service.add_attachment(case.id, "big.bin", b"\0" * (model.MAX_ATTACHMENT_BYTES + 1))
    assert caught.value.code == "attachment_too_large"
    assert queries.case_record(office.conn, case.id).attachments == []
