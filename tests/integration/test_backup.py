"""Backups: create, verify, restore, with real stores, real keys and real files."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.services import backup
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage import backup_file, erasure_journal, keys, queries
from beratungsdesk.storage.connection import connect
from beratungsdesk.storage.handover import alerts
from beratungsdesk.storage.layout import DB_NAME, KEY_NAME
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, copy_store
from tests.integration.sync_helpers import (
    counselor_id,
    data_view,
    enroll,
    export_paths,
    handover,
    open_case,
    store_digest,
)

SECRET_TEXT = "Vertraulicher Sachverhalt Wohnungsbesichtigung Zeugin Frau Okonkwo"


def _fill(store: Store) -> None:
    cases = CaseService(store)
    for number in range(12):
        case = open_case(store, f"K-B{number:03d}", counselor_id(store), summary=f"{SECRET_TEXT} {number}")
        cases.add_note(case.id, f"Notiz {SECRET_TEXT}")


@pytest.fixture
def filled(make_store) -> Store:
    return make_store.prepared("backup-filled", _fill)


def test_backup_round_trip_verifies_and_reveals_nothing(filled: Store, tmp_path: Path) -> None:
    path = backup.BackupService(filled).create(tmp_path / "backups")

    verified = backup.verify(path, PASSPHRASE)

    assert verified.store_id == filled.meta("store_id")
    assert verified.counts["cases"] == 12
    assert verified.counts["clients"] == 12
    data = path.read_bytes()
    assert b"Okonkwo" not in data and b"K-B001" not in data  # pages are encrypted as in the store
    assert path.name.startswith("beratungsdesk-") and path.suffix == ".bdbackup"
    assert (tmp_path / "backups" / erasure_journal.JOURNAL_NAME).exists()
    assert backup.BackupService(filled).folder() == tmp_path / "backups"


def test_wrong_passphrase_is_refused(filled: Store, tmp_path: Path) -> None:
    path = backup.BackupService(filled).create(tmp_path)
    with pytest.raises(BeratungsError) as raised:
        backup.verify(path, "not the passphrase")
    assert raised.value.code == "wrong_passphrase"


@pytest.fixture(scope="module")
def one_backup(tmp_path_factory: pytest.TempPathFactory, store_templates) -> Path:
    folder = tmp_path_factory.mktemp("one-backup")
    template = store_templates.prepared("backup-filled", "office", "office", _fill)
    with Store.open(copy_store(template, folder / "store"), PASSPHRASE) as store:  # never the template
        return backup.BackupService(store).create(folder / "backups")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0.0, max_value=1.0, exclude_max=True), flip=st.integers(1, 255))
def test_one_changed_byte_anywhere_fails_verify(one_backup: Path, tmp_path_factory, where: float,
                                                flip: int) -> None:
    data = bytearray(one_backup.read_bytes())
    offset = int(where * len(data))
    data[offset] ^= flip
    changed = tmp_path_factory.mktemp("changed") / one_backup.name
    changed.write_bytes(bytes(data))

    with pytest.raises(BeratungsError):
        backup.verify(changed, PASSPHRASE)


def test_truncated_and_foreign_files_are_refused(one_backup: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "cut.bdbackup"
    truncated.write_bytes(one_backup.read_bytes()[:-1000])
    foreign = tmp_path / "foreign.bdbackup"
    foreign.write_bytes(b"PK\x03\x04 not a backup at all")
    with pytest.raises(BeratungsError, match="backup_damaged"):
        backup.verify(truncated, PASSPHRASE)
    with pytest.raises(BeratungsError, match="backup_foreign"):
        backup.verify(foreign, PASSPHRASE)


def test_backup_while_another_connection_writes_is_consistent(filled: Store, tmp_path: Path) -> None:
    """A second connection keeps committing while backups are taken: each backup holds
    exactly the rows of one committed state (verify compares the counts read under the lock)."""
    key_file = keys.read_key_file(filled.folder / KEY_NAME)
    data_key = keys.unwrap(key_file, PASSPHRASE)
    stop = threading.Event()
    progress = threading.Condition()
    written = [0]

    def writer() -> None:
        conn = connect(filled.folder / DB_NAME, data_key)
        conn.execute("PRAGMA busy_timeout = 10000")
        try:
            while not stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO meta(key, value) VALUES (?, 'x')", (f"probe-{written[0]}",))
                conn.execute("COMMIT")
                with progress:
                    written[0] += 1
                    progress.notify_all()
                stop.wait(0.001)  # pacing like an app's writes; a tight loop starves every reader
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        paths = []
        for _ in range(4):
            with progress:  # the writer committed since the last backup: the states differ
                seen_before = written[0]
                progress.wait_for(lambda before=seen_before: written[0] > before + 2)
            paths.append(backup.BackupService(filled).create(tmp_path / "b"))
    finally:
        stop.set()
        thread.join()
    counts = [backup.verify(path, PASSPHRASE).counts["meta"] for path in paths]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)


def test_restore_brings_the_store_back_and_keeps_erasures(filled: Store, tmp_path: Path) -> None:
    service = backup.BackupService(filled)
    path = service.create(tmp_path / "backups")
    before = store_digest(filled)
    erased_client = queries.client_by_code(filled.conn, "K-B003")
    assert erased_client is not None
    ErasureService(filled).erase_client("K-B003")
    later = open_case(filled, "K-LATER", counselor_id(filled), summary="after the backup")
    ErasureService(filled).erase_case(later.number)

    restored = backup.restore(path, PASSPHRASE, tmp_path / "restored")

    assert restored.journal_found and restored.erasures_applied >= 2
    with Store.open(tmp_path / "restored", PASSPHRASE) as store:
        assert queries.client_by_code(store.conn, "K-B003") is None
        assert queries.client_by_code(store.conn, "K-B004") is not None
        erased = {(e.entity, e.row_id) for e in erasure_journal.erased_rows(store.conn)}
        assert ("client", erased_client.id) in erased
        assert ("case", later.id) in erased  # erased before the restored store ever saw it
        assert backup.restored_from(store) == restored.backup.created
        assert store_digest(store) != before


def test_restore_refuses_a_non_empty_folder_and_changes_nothing(one_backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "something.txt").write_text("keep me")
    with pytest.raises(BeratungsError, match="restore_target_not_empty"):
        backup.restore(one_backup, PASSPHRASE, target)
    assert [p.name for p in target.iterdir()] == ["something.txt"]


def test_restore_stops_on_an_altered_journal(filled: Store, tmp_path: Path) -> None:
    path = backup.BackupService(filled).create(tmp_path / "backups")
    ErasureService(filled).erase_client("K-B005")
    journal = tmp_path / "backups" / erasure_journal.JOURNAL_NAME
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1][:-8] + (b"A" * 8 if not lines[1].endswith(b"A" * 8) else b"B" * 8)
    journal.write_bytes(b"\n".join(lines))

    with pytest.raises(BeratungsError, match="journal_damaged"):
        backup.restore(path, PASSPHRASE, tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_backup_names_carry_no_personal_data(filled: Store, tmp_path: Path) -> None:
    path = backup.BackupService(filled).create(tmp_path)
    assert re.fullmatch(r"beratungsdesk-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d(-[0-9a-f]{4})?\.bdbackup",
                        path.name)


CHILD = """
import sys
from pathlib import Path
from beratungsdesk.storage.store import Store
from beratungsdesk.services.backup import BackupService
store = Store.open(Path(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
BackupService(store).create(Path(sys.argv[3]))
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_after_lines", [0, 1])
def test_killed_backup_never_lists_a_half_backup(filled: Store, tmp_path: Path,
                                                 kill_after_lines: int) -> None:
    folder = filled.folder
    filled.close()
    out = tmp_path / "backups"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), PASSPHRASE, str(out)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    if kill_after_lines:
        child.stdout.readline()
    child.kill()
    child.wait()
    for listed in out.glob(f"*{backup_file.SUFFIX}") if out.exists() else []:
        backup.verify(listed, PASSPHRASE)  # whatever is listed is whole
    with Store.open(folder, PASSPHRASE) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_cli_create_verify_restore_and_one_line_errors(tmp_path: Path) -> None:
    from tests.integration.test_cli import run

    store = tmp_path / "store"
    assert run(store, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    created = run(store, "backup", "create", "--out", str(tmp_path / "backups"))
    assert created.returncode == 0, created.stderr
    path = Path(created.stdout.strip())
    assert path.parent == tmp_path / "backups" and path.exists()

    verified = run(store, "backup", "verify", str(path))
    assert verified.returncode == 0 and verified.stdout.startswith("OK: backup of ")

    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    for result in (run(store, "backup", "verify", str(path)),
                   run(store, "backup", "restore", str(path), "--to", str(tmp_path / "new"))):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines() == [
            "error: The backup file is damaged or was altered (file); it cannot be trusted. "
            "Use another backup."]
    assert not (tmp_path / "new").exists()


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_automatic_backup_runs_only_when_the_store_changed_and_is_checked(filled: Store,
                                                                          tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    service = backup.BackupService(filled, clock)
    assert service.auto() is None  # no folder chosen yet: nothing happens, nothing fails

    service.set_folder(tmp_path / "nas")
    first = service.auto()
    assert first is not None
    clock.now += dt.timedelta(days=1)
    assert service.auto() is None  # nothing changed since

    open_case(filled, "K-NEW", counselor_id(filled))
    second = service.auto()
    assert second is not None and second != first
    assert [entry.ok for entry in service.listing()] == [True, True]
    open_case(filled, "K-NEWER", counselor_id(filled))
    clock.now += dt.timedelta(hours=1)
    third = service.auto()  # the same day: the newest of the day is kept, the earlier one goes
    assert [entry.path for entry in service.listing()] == [third, first]
    assert service.health().warning(clock.now) is None


def test_a_damaged_backup_is_listed_as_failed_and_health_warns(filled: Store, tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    service = backup.BackupService(filled, clock)
    path = service.create_checked(tmp_path / "nas")
    data = bytearray(path.read_bytes())
    data[-100] ^= 0x40
    path.write_bytes(bytes(data))

    assert service.check(path) is False
    assert [entry.ok for entry in service.listing()] == [False]
    assert service.health().warning(clock.now) == "none_good"

    clock.now += dt.timedelta(days=1)
    service.create_checked(tmp_path / "nas")
    assert service.health().warning(clock.now) is None
    clock.now += dt.timedelta(days=8)
    assert service.health().warning(clock.now) == "too_old"
    (tmp_path / "nas").rename(tmp_path / "nas-unplugged")
    assert service.health().warning(clock.now) == "unreachable"


def test_pruning_keeps_exactly_the_promised_generations(make_store, tmp_path: Path) -> None:
    store = make_store("office", "office")
    clock = FakeClock(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC))
    service = backup.BackupService(store, clock)
    for _ in range(60):  # one backup a day, 1 January to 1 March 2026
        service.create(tmp_path / "nas")
        clock.now += dt.timedelta(days=1)
    foreign = tmp_path / "nas" / "notes.txt"
    foreign.write_text("not ours")

    removed = service.prune()

    kept = {entry.created.date() for entry in service.listing() if entry.created}
    assert len(kept) == 11 and len(removed) == 49
    assert dt.date(2026, 3, 1) in kept and dt.date(2026, 1, 31) in kept and dt.date(2026, 2, 7) not in kept
    assert foreign.exists()


def _cases(store: Store, prefix: str, count: int) -> None:
    service = CaseService(store)
    for number in range(count):
        case = open_case(store, f"{prefix}-{number}", counselor_id(store), summary=f"{prefix} {number}")
        service.add_note(case.id, f"Notiz {prefix} {number}")


def test_office_restored_from_an_older_backup_gets_back_what_the_laptops_delivered(
        make_store, tmp_path: Path) -> None:
    office = make_store("office", "office")
    laptops = [make_store(f"laptop{n}", "counselor") for n in (1, 2)]
    services = [enroll(office, laptop, name, tmp_path)
                for laptop, name in zip(laptops, ("Aylin", "Marta"), strict=True)]
    office_service = services[0][0]
    for (_, laptop_service), laptop, prefix in zip(services, laptops, ("A", "M"), strict=True):
        _cases(laptop, f"{prefix}1", 3)
        handover(laptop_service, office_service, tmp_path)
        handover(office_service, laptop_service, tmp_path)
    old_backup = backup.BackupService(office).create(tmp_path / "backups")
    for (_, laptop_service), laptop, prefix in zip(services, laptops, ("A", "M"), strict=True):
        _cases(laptop, f"{prefix}2", 4)  # delivered and confirmed, then lost with the office's disk
        handover(laptop_service, office_service, tmp_path)
        handover(office_service, laptop_service, tmp_path)
    before_loss = data_view(office, ("client", "case", "note"))
    office.close()

    restored = backup.restore(old_backup, PASSPHRASE, tmp_path / "office-restored")
    with Store.open(restored.folder, PASSPHRASE) as new_office:
        new_service = HandoverService(new_office)
        assert data_view(new_office, ("client", "case", "note")) != before_loss
        # One handover round: the office writes its bundles, each laptop takes its own and hands over.
        from_office = export_paths(new_service, tmp_path)
        for _, laptop_service in services:
            laptop_service.import_files(from_office)
            handover(laptop_service, new_service, tmp_path)

        assert data_view(new_office, ("client", "case", "note")) == before_loss
        assert "fork" not in {kind for _, kind, *_ in alerts.alerts(new_office.conn)}
        for laptop in laptops:
            kinds = [(kind, detail) for _, kind, _, _, detail in alerts.alerts(laptop.conn)]
            assert ("office_restored", restored.backup.created.isoformat()) in kinds
            assert "fork" not in {kind for kind, _ in kinds}
        # The restored office's own changes never reuse a number the laptops have seen.
        open_case(new_office, "BUERO-1", None)
        for _, laptop_service in services:
            handover(new_service, laptop_service, tmp_path)
        assert "fork" not in {kind for _, kind, *_ in alerts.alerts(laptops[0].conn)}


OWNER = """
import sys
from pathlib import Path
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
store = Store.open(Path(sys.argv[1]), sys.argv[2])
cases = CaseService(store)
print("ready", flush=True)
number = 0
while True:
    cases.find_or_create_client(f"K-OWNER-{number}")  # the app keeps saving
    number += 1
    if number == 20:
        print("writing", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the owner is stopped through its stdin")
def test_the_command_line_backs_up_a_store_the_app_has_open(filled: Store, tmp_path: Path) -> None:
    from tests.integration.test_cli import PASS, run

    folder = filled.folder
    store_copy = tmp_path / "cli-store"
    filled.close()
    copy_store(folder, store_copy)
    with Store.open(store_copy, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, PASS, kdf_seconds=0)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(store_copy), PASS],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert owner.stdout is not None and owner.stdin is not None
    try:
        assert owner.stdout.readline().strip() == "ready"
        assert owner.stdout.readline().strip() == "writing"
        locked = run(store_copy, "cases", "list")
        assert locked.returncode == 1 and "open in another" in locked.stderr  # the app holds it
        created = run(store_copy, "backup", "create", "--out", str(tmp_path / "backups"))
        assert created.returncode == 0, created.stderr
        verified = run(store_copy, "backup", "verify", created.stdout.strip())
        assert verified.returncode == 0, verified.stderr
    finally:
        owner.stdin.close()
        owner.kill()
        owner.wait()
