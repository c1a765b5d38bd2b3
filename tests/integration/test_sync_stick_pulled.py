"""The stick is pulled while a bundle is written: whole files or none, a clear message,
and the next handover writes the bundle again (real processes, real folders)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.handover import alerts, bundles
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, open_case
from tests.integration.test_cli import run as run_cli

# The child runs `sync run` through the CLI with small parts. At the chosen moment (before
# the third part file is opened, or after the first part got its name) it says "pull" and
# waits: the parent takes the folder away (the stick is pulled), then lets it go on. The
# waits wrap the real functions in this child only; no code path differs.
CHILD = """
import sys
from beratungsdesk.cli import main
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.sync import bundle

HandoverService.part_bytes = 64 * 1024
moment = sys.argv[1]
next_file, rename = bundle._PartFiles._next_file, bundle._rename_into_place
renamed = []

def pause():
    print("pull", flush=True)
    sys.stdin.readline()

def pausing_next_file(self):
    if moment == "writing" and len(self.temps) == 2:
        pause()
    next_file(self)

def pausing_rename(temp, final):
    if moment == "renaming" and len(renamed) == 1:
        pause()
    rename(temp, final)
    renamed.append(final)

bundle._PartFiles._next_file = pausing_next_file
bundle._rename_into_place = pausing_rename
sys.exit(main(sys.argv[2:]))
"""


def _pull_the_stick_while_writing(moment: str, laptop_dir: Path, stick: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BERATUNGSDESK_")}
    env["BERATUNGSDESK_PASSPHRASE"] = PASSPHRASE
    child = subprocess.Popen([sys.executable, "-c", CHILD, moment, "--data-dir", str(laptop_dir), "sync",
                              "run", "--folder", str(stick)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "pull"
    pulled = stick.with_name("pulled")
    stick.rename(pulled)  # gone from under the writer
    out, err = child.communicate("go\n", timeout=120)
    pulled.rename(stick)  # plugged in again, with whatever reached it
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _named(stick: Path) -> list[Path]:
    return sorted(stick.glob("*.bdsk"))


@pytest.mark.parametrize("moment", ["writing", "renaming"])
def test_a_stick_pulled_mid_write_leaves_whole_files_or_none(office, laptop, tmp_path, moment) -> None:
    office_service, _ = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "P-1", counselor_id(laptop), summary="Sachverhalt")
    for number in range(3):
        CaseService(laptop).add_attachment(case.id, f"scan{number}.bin", os.urandom(60_000))
    sent_before = len(bundles.bundles_out(laptop.conn))
    laptop_dir = Path(laptop.folder)
    laptop.close()
    stick = tmp_path / "stick"
    stick.mkdir()

    failed = _pull_the_stick_while_writing(moment, laptop_dir, stick)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr and len(failed.stderr.strip().splitlines()) == 1
    assert "was the stick removed?" in failed.stderr and "nothing is lost" in failed.stderr
    reopened = Store.open(laptop_dir, PASSPHRASE)
    recorded = len(bundles.bundles_out(reopened.conn)) - sent_before
    reopened.close()
    if moment == "writing":
        assert _named(stick) == [] and recorded == 0  # nothing named, nothing recorded
    else:
        [first_part] = _named(stick)  # the first part got its name before the stick went
        assert first_part.name.endswith(f"-1of{len(list(stick.iterdir()))}.bdsk") and recorded == 1
        waiting = office_service.run_folder(stick, keep=True)  # a part alone is never read
        assert waiting.imported == []
        assert sorted({n.kind for n in waiting.notes}) == ["parts_missing", "unfinished"]
        assert office.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0

    again = run_cli(laptop_dir, "sync", "run", "--folder", str(stick), passphrase=PASSPHRASE)
    assert again.returncode == 0, again.stderr
    assert "unfinished handover file" in again.stdout  # the temporary leftovers, told once
    report = office_service.run_folder(stick)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.blobs == 3
    assert office.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]
