"""The whole handover from the command line, as a new user runs it (real processes)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.integration.test_cli import PASS, run


def _bundles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bdsk"))


def test_enroll_without_a_terminal_needs_yes(tmp_path: Path) -> None:
    """No terminal to ask on (a script, a pipe): the code comparison is never skipped silently."""
    office, laptop, stick = tmp_path / "office", tmp_path / "laptop", tmp_path / "stick"
    assert run(office, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    assert run(laptop, "init", "--role", "counselor", "--name", "L", "--kdf-seconds", "0").returncode == 0
    assert run(office, "office", "invite", "--out", str(stick)).returncode == 0
    [invitation] = stick.glob("*.bdinvite")
    assert run(laptop, "device", "join", str(invitation), "--out", str(stick)).returncode == 0
    [request] = _bundles(stick)
    refused = run(office, "office", "enroll", str(request), "--counselor", "Aylin", "--create-counselor",
                  "--out", str(tmp_path / "inbox"), stdin="y\n")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [refused.stderr.strip()]
    assert "--yes" in refused.stderr and "Verification code" in refused.stdout
    assert not (tmp_path / "inbox").exists()
    devices = run(office, "devices", "list")
    assert devices.returncode == 0 and "Aylin" not in devices.stdout
    # After comparing in person, --yes enrolls.
    agreed = run(office, "office", "enroll", str(request), "--counselor", "Aylin", "--create-counselor",
                 "--yes", "--out", str(tmp_path / "inbox"))
    assert agreed.returncode == 0, agreed.stderr
    assert "Aylin" in run(office, "devices", "list").stdout


def test_enroll_hand_over_both_ways_receipts_status_and_revoke(tmp_path: Path) -> None:
    office, laptop = tmp_path / "office", tmp_path / "laptop"
    stick, inbox = tmp_path / "stick", tmp_path / "inbox"
    assert run(office, "init", "--role", "office", "--name", "Beratungsstelle",
               "--kdf-seconds", "0").returncode == 0
    assert run(laptop, "init", "--role", "counselor", "--name", "Laptop Aylin",
               "--kdf-seconds", "0").returncode == 0

    invited = run(office, "office", "invite", "--out", str(stick))
    assert invited.returncode == 0, invited.stderr
    [invitation] = stick.glob("*.bdinvite")
    joined = run(laptop, "device", "join", str(invitation), "--out", str(stick))
    assert joined.returncode == 0, joined.stderr
    [request] = _bundles(stick)
    enrolled = run(office, "office", "enroll", str(request), "--counselor", "Aylin", "--create-counselor",
                   "--yes", "--out", str(inbox))
    assert enrolled.returncode == 0, enrolled.stderr
    code = next(line for line in joined.stdout.splitlines() if line.startswith("Verification code"))
    assert code in enrolled.stdout  # both screens show the same code

    # A refused file says why, and the exit status says so too.
    wrong = run(laptop, "sync", "import", str(request))
    assert wrong.returncode == 1 and "not for this store" in wrong.stderr
    [first] = _bundles(inbox)
    imported = run(laptop, "sync", "import", str(first))
    assert imported.returncode == 0 and "now enrolled" in imported.stdout, imported.stderr
    again = run(laptop, "sync", "import", str(first))
    assert again.returncode == 0 and "already imported" in again.stdout

    # Work on the laptop (through the services, as the app does), then the folder handover.
    store = Store.open(laptop, PASS)
    try:
        service = CaseService(store)
        client = service.find_or_create_client("K-100")
        case = service.open_case(client, "housing", dt.date(2024, 5, 2),
                                 counselor_id=store.meta("counselor_id"))
        service.log_contact(case.id, 60, dt.date(2024, 5, 2), channel="outreach", town="velbert")
    finally:
        store.close()
    stick.mkdir(exist_ok=True)
    for old in stick.iterdir():
        old.unlink()
    out = run(laptop, "sync", "run", "--folder", str(stick))
    assert out.returncode == 0 and "Bundle 1 for" in out.stdout, out.stderr
    back = run(office, "sync", "run", "--folder", str(stick))
    assert back.returncode == 0 and "imported bundle 1" in back.stdout, back.stderr
    assert re.search(r"\b[3-9] change\(s\) applied", back.stdout)  # client, case, contact (+ audit)
    listing = run(office, "cases", "list")
    assert "K-100" in listing.stdout
    final = run(laptop, "sync", "run", "--folder", str(stick))
    assert final.returncode == 0, final.stderr

    status = json.loads(run(laptop, "sync", "status", "--json").stdout)
    [office_peer] = status["peers"]
    assert status["enrolled"] and office_peer["pending_changes"] == 0
    assert office_peer["last_receipt"]["contiguous"] == 1
    assert "pending changes: 0" in run(laptop, "sync", "status").stdout

    devices = run(office, "devices", "list")
    assert "Laptop Aylin" in devices.stdout and "active" in devices.stdout
    revoked = run(office, "devices", "revoke", "Laptop Aylin")
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in run(office, "devices", "list").stdout


def test_usage_errors_are_plain(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop"
    assert run(laptop, "init", "--role", "counselor", "--name", "L", "--kdf-seconds", "0").returncode == 0
    result = run(laptop, "sync", "export", "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "not enrolled" in result.stderr
    result = run(laptop, "office", "invite", "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Only the office may" in result.stderr
    junk = tmp_path / "junk.bdsk"
    junk.write_bytes(b"hello")
    result = run(laptop, "sync", "import", str(junk))
    assert result.returncode == 1 and "not a BeratungsDesk handover file" in result.stderr
    assert not list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True
