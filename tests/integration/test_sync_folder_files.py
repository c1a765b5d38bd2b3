"""A handover folder kept by Syncthing, Nextcloud or a Windows share holds other files:
they are ignored or reported once, never imported half, never crash the handover.
Bundles larger than one file may be are split into parts; the office takes them only
when every part is there and the whole verifies."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, Reason
from beratungsdesk.storage.handover import alerts
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import EncodedChanges, write_bundle
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, open_case, store_digest
from tests.integration.test_cli import run as run_cli

#: Parts this small make a bundle of a few documents split into several files.
SMALL_PARTS = 64 * 1024


def _bundles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bdsk"))


def _with_documents(laptop: Store, count: int, size: int = 100_000) -> None:
    service = CaseService(laptop)
    case = open_case(laptop, "D-1", counselor_id(laptop), summary="mit Dokumenten")
    for number in range(count):
        service.add_attachment(case.id, f"scan{number}.bin", os.urandom(size))


def _tool_files(folder: Path, bundle: Path) -> dict[str, str]:
    """What sync tools and operating systems put next to a bundle; name -> expected note."""
    stem = bundle.name.removesuffix(".bdsk")
    content = bundle.read_bytes()
    silent = {".syncthing.abc.bdsk.tmp": content[:100], "~syncthing~x.bdsk.tmp": b"x",
              "Bericht.docx.part": b"x", "~$Bericht.docx": b"x", "desktop.ini": b"[.ShellClassInfo]",
              "Thumbs.db": b"x", ".DS_Store": b"x", "._" + bundle.name: b"x",
              ".owncloudsync.log": b"x", "notes.txt": b"not ours",
              "0123456789abcdef0123456789abcdef.bdinvite": b"{}"}  # an invitation: ours, not a bundle
    copies = {f"{stem}.sync-conflict-20260102-101112-ABCDEFG.bdsk": content,
              f"{stem} (conflicted copy 2026-01-02 101112).bdsk": content,
              f"{stem} (Aylin's conflicted copy 2026-01-02).bdsk": content,
              f"Kopie von {bundle.name}": content, f"{stem} - Kopie.bdsk": content}
    for name, data in {**silent, **copies}.items():
        (folder / name).write_bytes(data)
    (folder / ".stversions").mkdir()
    (folder / ".stversions" / bundle.name).write_bytes(content)
    return dict.fromkeys(copies, "copy")


def test_tool_files_and_conflict_copies_are_ignored_or_reported_once(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "S-1", counselor_id(laptop), summary="eins")
    share = tmp_path / "share"
    share.mkdir()
    [sent] = laptop_service.run_folder(share).exported
    assert sent.path is not None
    expected_notes = _tool_files(share, sent.path)
    # A truncated copy under a bundle's name (a share still copying, or cut off).
    truncated = share / ("f" * 32 + ".bdsk")
    truncated.write_bytes(sent.path.read_bytes()[:-100])

    report = office_service.run_folder(share)
    imported = [o for o in report.imported if o.status == "imported"]
    assert len(imported) == 1 and imported[0].file == sent.path.name  # the copies are never read
    assert office.conn.execute("SELECT count(*) FROM bundles_in").fetchone()[0] == 1
    assert {note.file: note.kind for note in report.notes} == expected_notes
    assert all(note.first for note in report.notes)
    [cut] = [o for o in report.imported if o.status == "refused"]
    assert cut.file == truncated.name and not cut.earlier
    assert cut.reason in (Reason.INCOMPLETE, Reason.DAMAGED)  # cut inside its only chunk: damaged
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]

    again = office_service.run_folder(share)
    assert {note.file for note in again.notes} == set(expected_notes)
    assert not any(note.first for note in again.notes)  # reported once, not at every run
    [cut_again] = [o for o in again.imported if o.status == "refused"]
    assert cut_again.earlier
    assert office.conn.execute("SELECT count(*) FROM bundles_in").fetchone()[0] == 1
    assert office.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert (share / "notes.txt").exists() and (share / "desktop.ini").exists()  # not ours: left alone


def test_a_conflict_copy_renamed_like_a_bundle_is_not_a_second_bundle(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "S-2", counselor_id(laptop), summary="zwei")
    share = tmp_path / "share"
    share.mkdir()
    [sent] = laptop_service.run_folder(share).exported
    assert sent.path is not None
    twin = share / ("e" * 32 + ".bdsk")  # someone "restores" the conflict copy under a bundle name
    shutil.copyfile(sent.path, twin)
    report = office_service.run_folder(share)
    assert sorted(o.status for o in report.imported) == ["already", "imported"]
    assert office.conn.execute("SELECT count(*) FROM bundles_in").fetchone()[0] == 1
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]


def test_a_large_bundle_is_split_and_taken_only_when_every_part_is_there(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _with_documents(laptop, 3)
    laptop_service.part_bytes = SMALL_PARTS
    stick, office_folder = tmp_path / "stick", tmp_path / "office-folder"
    stick.mkdir()
    office_folder.mkdir()
    [sent] = laptop_service.run_folder(stick).exported
    parts = _bundles(stick)
    assert sent.parts == len(parts) >= 5 and sent.path == parts[0]
    assert all(part.stat().st_size <= SMALL_PARTS for part in parts)
    count = len(parts)
    assert [p.name.split("-")[1] for p in parts] == [f"{k}of{count}.bdsk" for k in range(1, count + 1)]
    # The sync tool has brought all parts but the last one so far.
    for part in parts[:-1]:
        shutil.copyfile(part, office_folder / part.name)
    waiting = office_service.run_folder(office_folder, keep=True)
    assert waiting.imported == []
    [note] = waiting.notes
    assert note.kind == "parts_missing" and note.detail == f"{len(parts)} of {len(parts)}"
    assert office.conn.execute("SELECT count(*) FROM bundles_in").fetchone()[0] == 0
    assert office.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    assert all((office_folder / part.name).exists() for part in parts[:-1])  # left for later

    shutil.copyfile(parts[-1], office_folder / parts[-1].name)
    report = office_service.run_folder(office_folder)
    [taken] = report.imported
    assert taken.status == "imported" and taken.result is not None and taken.result.blobs == 3
    assert not any(p.name in {q.name for q in parts} for p in office_folder.iterdir())  # all removed
    # Not a second time: the laptop's parts in its own folder are its own, and it is confirmed.
    laptop_service.run_folder(office_folder)
    assert laptop_service.status().peers[0].pending_changes == 0


def test_parts_in_the_wrong_order_or_from_two_bundles_are_refused_whole(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _with_documents(laptop, 2)
    laptop_service.part_bytes = SMALL_PARTS
    stick = tmp_path / "stick"
    stick.mkdir()
    laptop_service.run_folder(stick)
    parts = _bundles(stick)
    assert len(parts) >= 3
    second, third = parts[1].read_bytes(), parts[2].read_bytes()
    parts[1].write_bytes(third)  # names are not trusted: the content must prove the order
    parts[2].write_bytes(second)
    digest = store_digest(office)
    [outcome] = office_service.import_files(parts)
    assert outcome.status == "refused" and outcome.reason == Reason.DAMAGED
    assert store_digest(office) == digest
    # Named on the command line without all parts: refused as incomplete, nothing changed.
    outcomes = office_service.import_files(parts[:-1])
    assert {o.reason for o in outcomes} == {Reason.PARTS_MISSING}
    assert store_digest(office) == digest


def test_a_lost_part_makes_the_bundle_be_written_again(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _with_documents(laptop, 2)
    laptop_service.part_bytes = SMALL_PARTS
    stick = tmp_path / "stick"
    stick.mkdir()
    [sent] = laptop_service.run_folder(stick).exported
    old_parts = _bundles(stick)
    old_parts[1].unlink()  # a sync tool lost one part
    [again] = laptop_service.run_folder(stick).exported
    assert again.path is not None and again.rewritten and again.seq == sent.seq + 1
    # The incomplete older bundle's remaining parts are cleared away with it.
    assert not any(p.exists() for p in old_parts)
    report = office_service.run_folder(stick)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.blobs == 2


def test_every_part_is_complete_on_disk_before_any_gets_its_name(tmp_path) -> None:
    """The writer's contract, seen from the folder: at the moment the bundle is recorded
    (just before the renames) no file has a bundle name yet, and every temporary file is
    complete; afterwards only the named parts are there."""
    sender = crypto.Identity(os.urandom(32), os.urandom(32))
    recipient = crypto.Identity(os.urandom(32), os.urandom(32))
    blob = os.urandom(300_000)
    sha = hashlib.sha256(blob).hexdigest()
    seen: dict[str, object] = {}

    def at_commit(name: str, digest: bytes) -> None:
        seen["names"] = sorted(p.name for p in tmp_path.iterdir())
        seen["sizes"] = sum(p.stat().st_size for p in tmp_path.iterdir())

    manifest = {"kind": "handover", "bundle_id": "b", "sender": "s", "sender_epoch": 1, "recipient": "r",
                "recipient_key": "k", "seq": 1, "prev_hash": "", "created_at": "2026-01-01T00:00:00+00:00",
                "clock": {"min": 0, "max": 0}}
    first, _ = write_bundle(tmp_path, sender, recipient.kx_public, manifest, EncodedChanges.of([]),
                            [(sha, len(blob))], lambda _: blob, at_commit, part_bytes=SMALL_PARTS)
    names = seen["names"]
    assert isinstance(names, list) and all(name.startswith(".tmp-") for name in names)
    finals = sorted(tmp_path.iterdir())
    assert len(finals) == len(names) >= 5 and first == finals[0]
    assert sum(p.stat().st_size for p in finals) == seen["sizes"]
    assert not any(p.name.startswith(".tmp-") for p in finals)


def test_a_service_on_a_store_without_the_part_setting_writes_one_file(office, laptop, tmp_path) -> None:
    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    _with_documents(laptop, 1)
    assert HandoverService.part_bytes > 2**30 and laptop_service.part_bytes <= 2**31
    [sent] = laptop_service.export(tmp_path / "out")
    assert sent.parts == 1 and sent.path is not None and sent.path.name.count("-") == 0


def test_sync_run_tells_about_other_files_once(office, laptop, tmp_path) -> None:
    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "S-3", counselor_id(laptop), summary="drei")
    share = tmp_path / "share"
    share.mkdir()
    [sent] = laptop_service.run_folder(share).exported
    assert sent.path is not None
    _tool_files(share, sent.path)
    (share / ("f" * 32 + ".bdsk")).write_bytes(sent.path.read_bytes()[:-100])  # cut short
    office_dir = Path(office.folder)
    office.close()

    first = run_cli(office_dir, "sync", "run", "--folder", str(share), passphrase=PASSPHRASE)
    assert first.returncode == 1  # a file refused: said on stderr, once
    assert first.stdout.count("note: ") == 5 and "conflict copy" in first.stdout
    assert "f" * 32 + ".bdsk: refused" in first.stderr and "imported" in first.stdout
    second = run_cli(office_dir, "sync", "run", "--folder", str(share), passphrase=PASSPHRASE)
    assert second.returncode == 0, second.stderr
    assert "note: " not in second.stdout and second.stderr == ""
    assert "1 file(s) refused at an earlier handover are still in the folder" in second.stdout


def test_unfinished_files_older_than_a_day_are_cleared_away(office, laptop, tmp_path) -> None:
    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    share = tmp_path / "share"
    share.mkdir()
    stale, fresh = share / ".tmp-00112233445566aa", share / ".tmp-00112233445566bb"
    stale.write_bytes(b"BDSKBND cut off two days ago")
    fresh.write_bytes(b"BDSKBND perhaps still being written")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    kept = laptop_service.run_folder(share, keep=True)  # --keep removes nothing
    assert stale.exists() and {n.file for n in kept.notes} == {stale.name, fresh.name}
    report = laptop_service.run_folder(share)
    assert not stale.exists() and fresh.exists()
    assert [n.file for n in report.notes] == [fresh.name] and report.removed >= 1
