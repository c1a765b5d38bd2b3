"""A bundle file that disappears (lost stick, a sync tool deleting it, a kill between
commit and rename) is written again while its changes are unconfirmed; the office takes
the rewritten bundle without duplicates or fork alarms."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from beratungsdesk.storage.handover import alerts, bundles
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, open_case
from tests.integration.test_cli import run as run_cli


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(data_dir, *args, passphrase=PASSPHRASE)


def _bundles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bdsk"))


def _work(laptop: Store, cases: int) -> None:
    for number in range(cases):
        open_case(laptop, f"L-{number}", counselor_id(laptop), summary=f"Sachverhalt {number}")


def _case_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM cases").fetchone()[0]


def test_a_bundle_deleted_from_the_folder_is_written_again_until_confirmed(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _work(laptop, 10)
    stick = tmp_path / "stick"
    stick.mkdir()
    [first] = laptop_service.run_folder(stick).exported
    assert first.path is not None and first.changes >= 10
    # While the file lies in the folder, nothing is written twice, and the result says the
    # changes wait for the office (not "nothing new").
    [again] = laptop_service.run_folder(stick).exported
    assert again.path is None and again.unconfirmed == first.changes
    peer = laptop_service.status().peers[0]
    assert peer.confirmation == "not_yet_confirmed"
    assert peer.confirmation_text == "not yet confirmed by the office"

    first.path.unlink()  # a sync tool deletes it, or the stick is lost
    for round_ in range(3):  # before the fix: three rounds delivered nothing
        [rewritten] = laptop_service.run_folder(stick).exported
        if round_ == 0:
            assert rewritten.path is not None and rewritten.rewritten
            assert rewritten.seq == first.seq + 1 and rewritten.changes == first.changes
        else:
            assert rewritten.path is None  # the rewritten file is there now
        assert laptop_service.status().peers[0].confirmation == "not_yet_confirmed"

    report = office_service.run_folder(stick)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.applied == first.changes
    assert taken.result.missing_covered == [first.seq]  # the lost one counts as covered
    assert _case_count(office) == 10
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]

    laptop_service.run_folder(stick)  # the receipt comes back
    status = laptop_service.status().peers[0]
    assert status.pending_changes == 0 and status.confirmation == "all_confirmed"
    assert laptop_service.run_folder(stick).exported[0].path is None


def test_a_rewritten_bundle_of_one_already_taken_in_brings_no_duplicates(office, laptop, tmp_path) -> None:
    """The office took bundle N in (from another copy) but its receipt got lost: the rewrite
    N+1 holds the same changes; they are known, nothing doubles, no fork."""
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _work(laptop, 5)
    stick, elsewhere = tmp_path / "stick", tmp_path / "elsewhere"
    stick.mkdir()
    elsewhere.mkdir()
    [first] = laptop_service.run_folder(stick).exported
    assert first.path is not None
    shutil.move(first.path, elsewhere / first.path.name)
    [taken] = office_service.import_files(_bundles(elsewhere))
    assert taken.status == "imported"
    before = {table: office.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("cases", "clients", "change_log")}

    [rewritten] = laptop_service.run_folder(stick).exported
    assert rewritten.path is not None and rewritten.rewritten
    [outcome] = office_service.import_files([rewritten.path])
    assert outcome.status == "imported" and outcome.result is not None
    assert outcome.result.applied == 0 and outcome.result.already_known == first.changes
    assert outcome.result.conflicts == 0
    assert before == {table: office.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                      for table in ("cases", "clients", "change_log")}
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]


def test_the_office_writes_a_lost_bundle_for_a_device_again(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(office, "B-1", counselor_id(laptop), summary="vom Büro")
    stick = tmp_path / "stick"
    stick.mkdir()
    [sent] = [r for r in office_service.run_folder(stick).exported if r.path is not None]
    sent.path.unlink()
    [again] = office_service.run_folder(stick).exported
    assert again.path is not None and again.rewritten and again.seq == sent.seq + 1
    laptop_service.run_folder(stick)
    summary = laptop.conn.execute("SELECT summary FROM cases WHERE id = ?", (case.id,)).fetchone()
    assert summary == ("vom Büro",)
    assert not [a for a in alerts.alerts(laptop.conn) if a[1] == "fork"]


def test_sync_status_says_not_yet_confirmed_in_text_and_json(office, laptop, tmp_path) -> None:
    _office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _work(laptop, 3)
    stick = tmp_path / "stick"
    stick.mkdir()
    [sent] = laptop_service.run_folder(stick).exported
    laptop_dir = Path(laptop.folder)
    laptop.close()

    text = run(laptop_dir, "sync", "status")
    assert text.returncode == 0, text.stderr
    assert "not yet confirmed by the office" in text.stdout
    assert "nothing new" not in text.stdout.lower()
    as_json = run(laptop_dir, "sync", "status", "--json")
    [peer] = json.loads(as_json.stdout)["peers"]
    assert peer["confirmation"] == "not_yet_confirmed"
    assert peer["confirmation_text"] == "not yet confirmed by the office"
    assert peer["pending_changes"] == sent.changes

    # `sync run` with the bundle still in the folder: no "Nothing new" while unconfirmed.
    kept = run(laptop_dir, "sync", "run", "--folder", str(stick))
    assert kept.returncode == 0, kept.stderr
    assert "Nothing new" not in kept.stdout
    assert "not yet confirmed by the office" in kept.stdout
    assert sent.path is not None
    sent.path.unlink()
    rewritten = run(laptop_dir, "sync", "run", "--folder", str(stick))
    assert rewritten.returncode == 0, rewritten.stderr
    assert "written again" in rewritten.stdout and len(_bundles(stick)) == 1


# The child exports through the service; when the bundle is complete and committed, just
# before its rename, it says so and waits: the parent kills it there with SIGKILL. The wait
# replaces the rename function in this child only (a test-only hook; no code path differs).
KILL_BEFORE_RENAME = """
import sys
from pathlib import Path
from beratungsdesk.storage.store import Store
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.sync import bundle

def wait_for_the_kill(temp, final):
    print("committed", flush=True)
    sys.stdin.readline()
    raise SystemExit("not killed")

bundle._rename_into_place = wait_for_the_kill
store = Store.open(Path(sys.argv[1]), sys.argv[2])
HandoverService(store).run_folder(Path(sys.argv[3]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_between_commit_and_rename_leaves_the_next_run_writing_the_bundle(
        office, laptop, tmp_path) -> None:
    office_service, _laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _work(laptop, 4)
    laptop_dir = Path(laptop.folder)
    laptop.close()
    stick = tmp_path / "stick"
    stick.mkdir()

    child = subprocess.Popen([sys.executable, "-c", KILL_BEFORE_RENAME, str(laptop_dir), PASSPHRASE,
                              str(stick)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "committed"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    # Committed as sent, but no bundle file: only the unfinished temporary file.
    assert _bundles(stick) == []
    [leftover] = list(stick.iterdir())
    assert leftover.name.startswith(".tmp-")
    reopened = Store.open(laptop_dir, PASSPHRASE)
    [recorded] = bundles.bundles_out(reopened.conn)
    reopened.close()

    first = run(laptop_dir, "sync", "run", "--folder", str(stick))
    assert first.returncode == 0, first.stderr
    assert "written again" in first.stdout
    assert "unfinished handover file" in first.stdout  # told once ...
    [bundle_file] = _bundles(stick)
    second = run(laptop_dir, "sync", "run", "--folder", str(stick))
    assert second.returncode == 0 and "unfinished" not in second.stdout  # ... not at every run
    assert "not yet confirmed by the office" in second.stdout

    report = office_service.run_folder(stick)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.seq == recorded.seq + 1
    assert taken.result.missing_covered == [recorded.seq]
    assert _case_count(office) == 4
    assert not bundle_file.exists()
