"""A malicious enrolled laptop: what it writes into its own change log is signed and sent
by the normal export, and the office (and every other device) must refuse what it may
not write or what is invalid — while its legitimate work still arrives.

The attacker holds laptop A and its passphrase, so writing raw change sets into A's store
(``forge``) is within its power. Every attack goes through the real path: A's export signs
and encrypts, the office's import verifies, authorizes, validates and applies.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.changes import ERASE_VALUES
from beratungsdesk.core.errors import PermissionDenied
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.protection import RETENTION_SETTING, RetentionService
from beratungsdesk.storage.handover import bundles, change_log, peers, scope
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, export_paths, forge, handover

CANARY = "Kiebitz-4471"


class Team:
    """The office, the attacker's laptop A (Aylin) and a colleague's laptop B (Jonas)."""

    def __init__(self, make_store, folder: Path) -> None:
        self.folder = folder
        self.office, self.a, self.b = (make_store("office"), make_store("laptop-a", "counselor"),
                                       make_store("laptop-b", "counselor"))
        self.office_service, self.a_service = enroll(self.office, self.a, "Aylin", folder)
        _, self.b_service = enroll(self.office, self.b, "Jonas", folder)
        # Jonas's case, opened at the office: the attacker knows (or guesses) its id.
        cases = CaseService(self.office)
        client = cases.find_or_create_client("J-1", name=f"Client {CANARY}")
        self.case = cases.open_case(client, "housing", dt.date(2024, 2, 1), counselor_id=counselor_id(self.b),
                                    summary=f"Summary {CANARY}")
        self.client_id = client.id
        self.note = cases.add_note(self.case.id, f"Note {CANARY}")
        self.deliver(self.office_service, self.b_service)
        self.deliver(self.office_service, self.a_service)

    def deliver(self, source: HandoverService, target: HandoverService) -> None:
        handover(source, target, self.folder)

    def round(self) -> None:
        """A hands over to the office; the office answers both laptops (one export, as on a
        shared stick: every file goes to the laptop it is addressed to)."""
        self.deliver(self.a_service, self.office_service)
        paths = export_paths(self.office_service, self.folder)
        for laptop in (self.a_service, self.b_service):
            outcomes = laptop.import_files(paths)
            assert all(o.status in ("imported", "already") or o.reason == "bundle_not_for_us"
                       for o in outcomes), [o.reason for o in outcomes]

    def honest_work(self) -> tuple[model.Case, model.Note]:
        """What the counselor really did on laptop A: it must arrive whatever else is refused."""
        cases = CaseService(self.a)
        client = cases.find_or_create_client("A-1")
        own = cases.open_case(client, "work", dt.date(2024, 3, 4), counselor_id=counselor_id(self.a))
        return own, cases.add_note(own.id, "honest note")


@pytest.fixture
def team(make_store, tmp_path: Path) -> Team:
    return Team(make_store, tmp_path)


def quarantined(store: Store) -> list[tuple[str, str, str, str | None]]:
    return [(e.entity, e.operation, e.reason, e.field)
            for e in HandoverService(store).quarantine()]


def assert_office_alerted(team: Team, count: int) -> None:
    """The office's status (as the CLI and the handover page read it) names device and count."""
    report = HandoverService(team.office).status()
    [refused] = report.refused
    assert (refused.device_id, refused.count) == (team.a.device_id, count)
    as_json = json.loads(json.dumps(report.to_json()))
    assert as_json["refused"][0]["device_id"] == team.a.device_id and as_json["refused"][0]["count"] == count
    assert any(a["kind"] == "changes_refused" and a["peer"] == team.a.device_id for a in report.alerts)


def assert_laptop_told(team: Team, count: int) -> None:
    """Laptop A learns through the office's receipt that its changes were refused."""
    saved = bundles.receipt(team.a.conn, team.office.device_id)
    assert saved is not None and saved[1]["refused"]["count"] == count
    report = HandoverService(team.a).status()
    [office] = report.peers
    assert office.last_receipt is not None and office.last_receipt["refused"]["count"] == count
    assert any(a["kind"] == "refused_by_peer" for a in report.alerts)


def assert_honest_work_arrived(team: Team, own: model.Case, note: model.Note) -> None:
    office_record = CaseService(team.office).record(own.id)
    assert [n.text for n in office_record.notes] == ["honest note"]
    assert note.id in {n.id for n in office_record.notes}


def test_erasing_another_counselors_case_is_refused_everywhere(team: Team) -> None:
    own, note = team.honest_work()
    seq = forge(team.a, "case", team.case.id, ERASE_VALUES)
    team.round()

    for store in (team.office, team.b):
        record = CaseService(store).record(team.case.id)
        assert record.case.summary == f"Summary {CANARY}" and not record.case.deleted, store.name
        assert [n.text for n in record.notes] == [f"Note {CANARY}"], store.name
        assert store.conn.execute("SELECT count(*) FROM erased").fetchone() == (0,), store.name
    assert quarantined(team.office) == [("case", "erase", "operation_not_allowed", None)]
    assert [e.seq for e in HandoverService(team.office).quarantine()] == [seq]
    assert_office_alerted(team, 1)
    assert_laptop_told(team, 1)
    assert_honest_work_arrived(team, own, note)

    # The refused change is not sent again: the office confirmed its number with a stub.
    team.round()
    assert len(quarantined(team.office)) == 1
    assert change_log.count_own_after(team.a, bundles.receipt(team.a.conn, team.office.device_id)[1]
                                      ["held_seq"]) == 0


def test_naming_another_counselors_case_does_not_pull_it_into_scope(team: Team) -> None:
    own, note = team.honest_work()
    forge(team.a, "case", team.case.id, {})  # an empty change naming Jonas's case
    forge(team.a, "note", model.new_id(), {"case_id": team.case.id, "written_at": "2024-03-05T10:00:00",
                                            "text": "planted", "deleted": False})
    team.round()
    team.round()  # and the next handover after it

    assert CaseService(team.a).search(CANARY) == []
    for entity, row_id in (("case", team.case.id), ("client", team.client_id), ("note", team.note.id)):
        assert team.a.conn.execute(f"SELECT count(*) FROM {model.spec(entity).table} WHERE id = ?",
                                   (row_id,)).fetchone() == (0,), entity
    assert sorted(quarantined(team.office)) == [("case", "update", "out_of_scope", None),
                                                ("note", "insert", "reference_out_of_scope", "case_id")]
    assert [n.text for n in CaseService(team.office).record(team.case.id).notes] == [f"Note {CANARY}"]
    assert_office_alerted(team, 2)
    assert_laptop_told(team, 2)
    assert_honest_work_arrived(team, own, note)


def test_an_office_poisoned_before_the_fix_does_not_widen_the_scope(team: Team) -> None:
    """A store that took an empty change naming the case before admission existed: the
    scope is still what the office assigned (the case's first change came from the office)."""
    with team.office.unit_of_work() as uow:  # what the unchecked import used to do
        from beratungsdesk.core.changes import ChangeSet
        uow.apply_remote([ChangeSet(team.a.device_id, 999, team.office.clock.now(), "case",
                                    team.case.id, {}, {})])
    device = peers.peer(team.office.conn, team.a.device_id)
    assert device is not None
    sent = scope.changes_for_peer(team.office, team.office.origin_no(device.device_id, create=True),
                                       device.counselor_id)
    assert team.case.id not in {c.row_id for c in sent}
    assert team.client_id not in {c.row_id for c in sent}


def test_office_settings_from_a_laptop_are_refused(team: Team) -> None:
    own, note = team.honest_work()
    forge(team.a, "setting", RETENTION_SETTING, {"value": "-100", "deleted": False})
    forge(team.a, "term", "town:nowhere", {"kind": "town", "code": "nowhere", "label_de": "X",
                                           "label_en": "X", "retired": False, "position": 0,
                                           "deleted": False})
    forge(team.a, "counselor", model.new_id(), {"name": "Mallory", "active": True, "deleted": False})
    team.round()

    assert RetentionService(team.office).years() == 3
    assert not team.office.vocabulary().has("town", "nowhere")
    assert "Mallory" not in {c.name for c in CaseService(team.office).counselors(include_inactive=True)}
    assert sorted(quarantined(team.office)) == [("counselor", "insert", "office_only_entity", None),
                                                ("setting", "insert", "office_only_entity", None),
                                                ("term", "insert", "office_only_entity", None)]
    assert RetentionService(team.b).years() == 3
    assert_office_alerted(team, 3)
    assert_laptop_told(team, 3)
    assert_honest_work_arrived(team, own, note)


def _case_values(client_id: str, counselor: str, **changes: Any) -> dict[str, Any]:
    values = wire_form.entity_to_wire(model.Case(number="2024-AX-900", client_id=client_id,
                                             opened_on=dt.date(2024, 5, 1), area="work",
                                             counselor_id=counselor))
    values.update(changes)
    return values


def cli(store: Store, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BERATUNGSDESK_")}
    env["BERATUNGSDESK_PASSPHRASE"] = PASSPHRASE
    return subprocess.run([sys.executable, "-m", "beratungsdesk", "--data-dir", str(store.folder), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_invalid_case_values_are_refused_and_the_lists_keep_working(team: Team) -> None:
    own, note = team.honest_work()
    client = own.client_id or ""
    mine = counselor_id(team.a)
    forge(team.a, "case", model.new_id(), _case_values(client, mine, number=None))
    forge(team.a, "case", model.new_id(), _case_values(client, mine, number="2024-AX-901",
                                                        opened_on="not-a-date"))
    forge(team.a, "case", model.new_id(), _case_values(client, mine, number="2024-AX-902",
                                                        status="bogus_status"))
    forge(team.a, "case", own.id, {"closed_on": "2024-01-01", "status": "closed"})  # closed before opened
    team.round()

    assert sorted(quarantined(team.office)) == [
        ("case", "insert", "invalid", "number"), ("case", "insert", "invalid", "opened_on"),
        ("case", "insert", "invalid", "status"), ("case", "update", "invalid", "closed_on")]
    assert CaseService(team.office).record(own.id).case.status == "open"
    assert_office_alerted(team, 4)
    assert_laptop_told(team, 4)
    assert_honest_work_arrived(team, own, note)

    number = CaseService(team.office).record(own.id).case.number or ""
    office_folder = team.office
    team.office.close()
    listing = cli(office_folder, "cases", "list")
    assert listing.returncode == 0, listing.stderr
    assert number in listing.stdout and "2024-AX-90" not in listing.stdout
    shown = cli(office_folder, "cases", "show", number)
    assert shown.returncode == 0 and f"Case {number}" in shown.stdout, shown.stderr

    # The office inspects the quarantine: device, operation, reason; values only when asked.
    summary = cli(office_folder, "sync", "quarantine")
    assert summary.returncode == 0, summary.stderr
    assert f"4 refused change(s) from device {team.a.device_id[:8]}" in summary.stdout
    assert "bogus_status" not in summary.stdout and "not-a-date" not in summary.stdout
    with_values = cli(office_folder, "sync", "quarantine", "--values")
    assert "bogus_status" in with_values.stdout
    as_json = json.loads(cli(office_folder, "sync", "quarantine", "--json").stdout)
    assert {e["reason"] for e in as_json} == {"invalid"} and all(e["values"] is None for e in as_json)
    status = cli(office_folder, "sync", "status")
    assert f"Alert: 4 change(s) from device {team.a.device_id[:8]}" in status.stdout
    status_json = json.loads(cli(office_folder, "sync", "status", "--json").stdout)
    assert status_json["refused"][0]["count"] == 4
    laptop_folder = team.a
    team.a.close()
    laptop_status = cli(laptop_folder, "sync", "status")
    assert "warning: it refused 4 of the changes we sent" in laptop_status.stdout, laptop_status.stdout


def test_erasure_reaches_the_refused_values_in_the_quarantine(team: Team) -> None:
    from beratungsdesk.services.erasure import ErasureService

    forge(team.a, "note", model.new_id(), {"case_id": team.case.id, "written_at": "2024-03-05T10:00:00",
                                            "text": f"planted {CANARY}", "deleted": False})
    team.round()
    [item] = HandoverService(team.office).quarantine(with_values=True)
    assert item.values is not None and CANARY in item.values["text"]
    ErasureService(team.office).erase_client("J-1")
    [item] = HandoverService(team.office).quarantine(with_values=True)
    assert item.values == {} and (item.entity, item.reason) == ("note", "reference_out_of_scope")


def test_a_laptop_refuses_what_another_laptop_may_not_write_even_when_the_office_relays_it(
        team: Team) -> None:
    """Every device applies the rule table: an office store that took an erase change from a
    laptop before admission existed relays it; the colleague's laptop refuses it."""
    from beratungsdesk.core.changes import ChangeSet

    with team.office.unit_of_work() as uow:  # the unchecked import of old
        uow.apply_remote([ChangeSet(team.a.device_id, 500, team.office.clock.now(), "setting",
                                    RETENTION_SETTING, {"value": "-100", "deleted": False}, {})])
    team.deliver(team.office_service, team.b_service)
    assert RetentionService(team.b).years() == 3
    assert quarantined(team.b) == [("setting", "insert", "office_only_entity", None)]
    # B's receipt tells the office.
    team.deliver(team.b_service, team.office_service)
    saved = bundles.receipt(team.office.conn, team.b.device_id)
    assert saved is not None and saved[1]["refused"]["count"] == 1


def test_old_receipts_without_the_refused_field_are_accepted(team: Team) -> None:
    from beratungsdesk.sync import importer

    assert importer._refused(None) == {"count": 0, "seqs": []}
    assert importer._refused({"count": "x", "seqs": "y"}) == {"count": 0, "seqs": []}
    team.honest_work()
    team.round()
    saved = bundles.receipt(team.a.conn, team.office.device_id)
    assert saved is not None and saved[1]["refused"] == {"count": 0, "seqs": []}


def test_a_new_case_may_name_a_colleague_but_only_the_office_reassigns(team: Team) -> None:
    """An outreach day: Aylin's laptop takes a case for Jonas (allowed, it is new); moving a case
    afterwards is the office's decision, and a made-up counselor is refused."""
    cases = CaseService(team.a)
    client = cases.find_or_create_client("A-2")
    for_jonas = cases.open_case(client, "housing", dt.date(2024, 6, 3), counselor_id=counselor_id(team.b))
    own, _ = team.honest_work()
    with pytest.raises(PermissionDenied):  # the honest laptop refuses it itself ...
        cases.update("case", own.id, {"counselor_id": counselor_id(team.b)})
    with team.a.unit_of_work() as uow:  # ... an attacker with the unlocked store writes it anyway
        uow.update("case", own.id, {"counselor_id": counselor_id(team.b)})
    forge(team.a, "case", model.new_id(), _case_values(client.id, "no-such-counselor", number="2024-AX-903"))
    team.round()

    assert CaseService(team.b).record(for_jonas.id).case.counselor_id == counselor_id(team.b)
    assert CaseService(team.office).record(own.id).case.counselor_id == counselor_id(team.a)
    assert sorted(quarantined(team.office)) == [("case", "insert", "office_field", "counselor_id"),
                                                ("case", "update", "office_field", "counselor_id")]
