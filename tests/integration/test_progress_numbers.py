"""Long operations tell how far they are: a handover the files taken in, a backup the bytes
copied. Real stores, real bundles, a real backup file."""

from __future__ import annotations

from pathlib import Path

from beratungsdesk.services.backup import BackupService
from beratungsdesk.storage.store import Store
from tests.integration.sync_helpers import enroll, open_case


def test_a_handover_tells_the_files_taken_in_of_all(office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    office_side, laptop_side = enroll(office, laptop, "Aylin", stick)
    laptop_side.run_folder(stick)  # takes in the office's first file, sends its own
    open_case(laptop, "K-1")
    laptop_side.run_folder(stick)  # its newer file for the office (repeating the first)
    heard: list[tuple[int, int]] = []
    report = office_side.run_folder(stick, progress=lambda done, total: heard.append((done, total)))
    files = len(report.imported)
    assert files >= 1 and all(o.status == "imported" for o in report.imported)
    assert heard == [(done, files) for done in range(files + 1)]  # before each file, and once all are in


def test_a_backup_tells_the_bytes_copied_of_the_store(office: Store, tmp_path: Path) -> None:
    for number in range(30):
        open_case(office, f"K-{number:03}")
    heard: list[tuple[int, int]] = []
    BackupService(office).create(tmp_path / "backups", lambda done, total: heard.append((done, total)))
    assert heard, "no progress at all"
    totals = {total for _done, total in heard}
    assert len(totals) == 1 and heard[-1][0] == heard[-1][1] == totals.pop() > 0
    assert [done for done, _total in heard] == sorted(done for done, _total in heard)
