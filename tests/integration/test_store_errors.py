"""SQLite's errors become the store's own, chosen by result code: each provoked for real.

A locked store (a second connection holding the write lock), a corrupted page, a read-only
file, a disk that is really full (a small tmpfs in a private mount namespace) and a write the
operating system refuses (a file size limit) each reach the caller as one typed error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from beratungsdesk.core.errors import StoreError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage import queries
from beratungsdesk.storage.connection import translate_errors, typed_error
from beratungsdesk.storage.store import DB_NAME, Store
from tests.conftest import PASSPHRASE

PAGE = 4096


def _raw_code(caught: pytest.ExceptionInfo[StoreError]) -> str:
    """The name of SQLite's own error behind a store error (kept as its context)."""
    original = caught.value.__context__
    assert isinstance(original, sqlcipher3.Error)
    return original.sqlite_errorname


def test_a_write_while_another_connection_holds_the_write_lock_is_store_locked(office: Store) -> None:
    service = CaseService(office)
    beside = Store.open_beside(office.folder, PASSPHRASE)
    try:
        beside.conn.execute("BEGIN IMMEDIATE")  # a backup holding the files still, say
        office.conn.execute("PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s
        with pytest.raises(StoreError) as caught:
            service.find_or_create_client("K-1")
        assert caught.value.code == "store_locked"
        assert _raw_code(caught) == "SQLITE_BUSY"
        beside.conn.execute("ROLLBACK")
    finally:
        beside.close()
    assert queries.client_by_code(office.conn, "K-1") is None  # nothing half written
    service.find_or_create_client("K-1")  # and free again once the other let go
    assert queries.client_by_code(office.conn, "K-1") is not None


def test_a_corrupted_page_is_store_damaged(office: Store) -> None:
    service = CaseService(office)
    client = service.find_or_create_client("K-1")
    for number in range(100):
        service.open_case(client, "work", summary="x" * 500, number=f"2022-{number:04d}")
    folder = office.folder
    office.close()
    db = folder / DB_NAME
    data = bytearray(db.read_bytes())
    for page in range(1, len(data) // PAGE):  # page 1 (the salt, the schema root) stays whole
        data[page * PAGE + 64: page * PAGE + 128] = os.urandom(64)
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        store = Store.open(folder, PASSPHRASE)
        with store:
            CaseService(store).open_case(client, "work", number="2022-0999")
    assert caught.value.code == "store_damaged"
    assert _raw_code(caught) == "SQLITE_CORRUPT"  # the authentication of a page failed


def test_a_file_that_is_no_database_is_store_damaged(tmp_path: Path) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(os.urandom(2 * PAGE))
    conn = sqlcipher3.connect(str(path))
    try:
        with pytest.raises(StoreError) as caught, translate_errors():
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    assert caught.value.code == "store_damaged"
    assert _raw_code(caught) == "SQLITE_NOTADB"


def test_a_write_to_a_file_opened_read_only_is_store_read_only(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    writable = sqlcipher3.connect(str(path))
    writable.execute("CREATE TABLE t (x)")
    writable.commit()
    writable.close()
    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(StoreError) as caught, translate_errors():
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()
    assert caught.value.code == "store_read_only"
    assert _raw_code(caught) == "SQLITE_READONLY"


def test_a_constraint_and_an_error_without_a_code(tmp_path: Path) -> None:
    conn = sqlcipher3.connect(str(tmp_path / "plain.db"), isolation_level=None)
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(StoreError) as caught, translate_errors():
        conn.execute("INSERT INTO t VALUES (1)")
    assert caught.value.code == "constraint"
    conn.close()
    try:
        conn.execute("SELECT 1")
    except sqlcipher3.ProgrammingError as closed:  # raised by the driver: no result code
        assert typed_error(closed).code == "database_error"
    else:
        pytest.fail("a closed connection answered")


# The writer runs in a process of its own: a file size limit and a mount stay with it.
WRITE_A_DOCUMENT = """
import os, resource, signal, sys
from pathlib import Path
from beratungsdesk.core.errors import StoreError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
folder, passphrase, limit = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = Store.open(folder, passphrase)
service = CaseService(store)
case = service.open_case(service.find_or_create_client("K-1"), "work")
if limit:  # writes past this size fail with EFBIG, as on a disk that refuses them
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
try:
    service.add_attachment(case.id, "scan.pdf", os.urandom(4 * 1024 * 1024))
except StoreError as error:
    print(error.code, type(error.__context__).__name__, error.__context__.sqlite_errorname)
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
print("documents", len(queries.case_record(store.conn, case.id).attachments))
service.add_note(case.id, "still works")
print("check", store.conn.execute("PRAGMA integrity_check").fetchone()[0])
store.close()
"""


def _environment() -> dict[str, str]:
    source = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


def test_a_write_the_operating_system_refuses_is_an_io_error(office: Store) -> None:
    folder = office.folder
    office.close()
    limit = max(path.stat().st_size for path in folder.iterdir()) + 64 * 1024
    result = subprocess.run([sys.executable, "-c", WRITE_A_DOCUMENT, str(folder), PASSPHRASE, str(limit)],
                            capture_output=True, text=True, env=_environment(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "store_io_error OperationalError SQLITE_IOERR", "documents 0", "check ok"]


def _private_mount_command() -> list[str] | None:
    """``unshare`` with a mount namespace of its own (as root, or as a mapped root user)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for command in ([unshare, "-m"], [unshare, "-Urm"]):
        probe = subprocess.run([*command, "true"], capture_output=True)
        if probe.returncode == 0:
            return command
    return None


def test_a_really_full_disk_is_disk_full_and_changes_nothing(tmp_path: Path, store_templates) -> None:
    unshare = _private_mount_command()
    if unshare is None:
        pytest.skip("no private mount namespace here (unshare) for a small tmpfs")
    disk = tmp_path / "small-disk"
    disk.mkdir()
    template = store_templates.template("office", "office")
    # The tmpfs exists only in the namespace of the shell below and goes with it.
    script = ('mount -t tmpfs -o size=2m tmpfs "$1" && cp -a "$2"/. "$1"/ && '
              'exec "$3" -c "$4" "$1" "$5" 0')
    result = subprocess.run([*unshare, "sh", "-c", script, "sh", str(disk), str(template),
                             sys.executable, WRITE_A_DOCUMENT, PASSPHRASE],
                            capture_output=True, text=True, env=_environment(), timeout=120)
    if result.returncode != 0 and "mount" in result.stderr and "Traceback" not in result.stderr:
        pytest.skip(f"no tmpfs can be mounted here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "disk_full OperationalError SQLITE_FULL", "documents 0", "check ok"]
    assert not any(disk.iterdir())  # the store lived on the tmpfs only

