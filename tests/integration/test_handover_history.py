"""The handover history (services/handover_log.py) through session.handover.run, on real stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beratungsdesk.services import handover_log
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, SyncError
from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE


def _enrolled_laptop(office: Store, laptop: Store, stick: Path) -> Path:
    CaseService(office).add_counselor("Aylin Demir", "AD")
    office_side = HandoverService(office)
    invitation = office_side.invite(stick)
    request_file, _code, _key = HandoverService(laptop).join(invitation, stick)
    request, _same = office_side.read_join_request(request_file)
    office_side.enroll(request, "Aylin Demir", stick)
    invitation.unlink()
    request_file.unlink()
    office.close()
    laptop.close()
    return laptop.folder


def test_each_handover_is_remembered_with_counts_and_errors(
        office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    session = Session.unlock(_enrolled_laptop(office, laptop, stick), PASSPHRASE)
    try:
        assert session.handover.history() == []
        assert not session.handover.ready()  # joined, the office's first file not taken in yet
        session.handover.run(stick)  # the button: takes in the office's first file
        assert session.handover.ready()
        cases = session.cases.service
        cases.open_case(cases.find_or_create_client("K-LOG"), "work")
        session.handover.run(stick, automatic=True)
        session.handover.run(stick, automatic=True)  # nothing new: not remembered
        with pytest.raises(SyncError) as missing:
            session.handover.run(tmp_path / "not-plugged-in")
        assert missing.value.code == "folder_missing"

        newest, automatic, first = session.handover.history()
        assert (first.automatic, first.files_received, first.changes_received) == (False, 1, 1)
        assert automatic.automatic and automatic.sent_changes > 0 and automatic.error is None
        assert not newest.automatic and newest.error == "folder_missing"
        raw = session.store.meta(handover_log.HISTORY_KEY) or ""
        assert "K-LOG" not in raw and "Aylin" not in raw  # times and counts only
    finally:
        session.close()


def test_the_history_keeps_the_newest_and_survives_a_damaged_entry(office: Store) -> None:
    office.save_meta(handover_log.HISTORY_KEY, json.dumps([{"at": "x"}, "junk", {"automatic": True}]))
    assert handover_log.history(office) == []  # entries without their fields are skipped
    for number in range(handover_log.HISTORY_SIZE + 5):
        handover_log.remember(office, handover_log.HandoverEntry(f"2026-12-06T10:{number:02d}:00+00:00",
                                                                 automatic=True, sent_changes=number))
    kept = handover_log.history(office)
    assert len(kept) == handover_log.HISTORY_SIZE
    assert kept[0].sent_changes == handover_log.HISTORY_SIZE + 4 and kept[-1].sent_changes == 5
    office.save_meta(handover_log.HISTORY_KEY, "{not json")
    assert handover_log.history(office) == []
