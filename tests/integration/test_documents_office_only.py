"""Data minimisation on laptops: documents kept at the office only (real stores and bundles)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from beratungsdesk.core.errors import KeptAtOffice
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, export_paths, handover
from tests.integration.test_cli import run
from tests.pages import plaintext_of_store

CANARY = "Zaunkoenig-4417"
_codes = itertools.count(1)
DOCUMENT = f"Gedaechtnisprotokoll {CANARY}: Vermieter lehnt ab. ".encode() * 40


def holds_bytes(store: Store, sha256: str) -> bool:
    return store.conn.execute("SELECT count(*) FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()[0] == 1


def traces(store: Store) -> bool:
    """The canary anywhere in the decrypted pages of the database and its WAL."""
    return CANARY.encode() in plaintext_of_store(store.folder, PASSPHRASE)


def new_case(store: Store, counselor: str) -> str:
    cases = CaseService(store)
    client = cases.find_or_create_client(f"K-{next(_codes)}")
    return cases.open_case(client, "housing", dt.date(2024, 5, 2), counselor_id=counselor).id


def test_a_confirmed_document_leaves_the_laptop_and_the_office_still_opens_it(
        make_store, tmp_path: Path) -> None:
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    assert laptop_service.set_attachments_office_only(True) == 0
    case_id = new_case(laptop, counselor_id(laptop))
    document = CaseService(laptop).add_attachment(case_id, "protokoll.txt", DOCUMENT)
    # Not confirmed yet: the bytes stay, and the laptop can open the document.
    assert CaseService(laptop).attachment_content(document) == DOCUMENT

    handover(laptop_service, office_service, tmp_path)
    assert holds_bytes(laptop, document.sha256)  # the office has it, but has not said so yet
    [back] = handover(office_service, laptop_service, tmp_path)  # the receipt confirms it
    assert back is not None

    assert not holds_bytes(laptop, document.sha256)
    entry = CaseService(laptop).record(case_id).attachments
    assert [(a.id, a.sha256, a.size, a.file_name) for a in entry] == [
        (document.id, document.sha256, len(DOCUMENT), "protokoll.txt")]
    with pytest.raises(KeptAtOffice):
        CaseService(laptop).attachment_content(document)
    assert not traces(laptop)  # no copy in free pages or the WAL either
    assert CaseService(office).attachment_content(document) == DOCUMENT
    assert traces(office)  # the scan does find the document where it is kept


def test_a_document_not_yet_confirmed_keeps_its_bytes_and_still_travels(make_store, tmp_path: Path) -> None:
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    laptop_service.set_attachments_office_only(True)
    case_id = new_case(laptop, counselor_id(laptop))
    handover(laptop_service, office_service, tmp_path)
    handover(office_service, laptop_service, tmp_path)  # the case is confirmed

    # Added after the last handover to the office: a receipt arrives that does not cover it.
    document = CaseService(laptop).add_attachment(case_id, "brief.txt", DOCUMENT)
    CaseService(office).add_note(case_id, "Rückruf vereinbart")
    [late] = handover(office_service, laptop_service, tmp_path)
    assert late is not None
    assert holds_bytes(laptop, document.sha256)
    assert laptop_service.set_attachments_office_only(True) == 0  # switching on again keeps it too
    assert CaseService(laptop).attachment_content(document) == DOCUMENT

    handover(laptop_service, office_service, tmp_path)  # the bytes travel with their entry
    assert CaseService(office).attachment_content(document) == DOCUMENT
    handover(office_service, laptop_service, tmp_path)
    assert not holds_bytes(laptop, document.sha256)


def test_documents_from_the_office_are_not_stored_on_the_laptop(make_store, tmp_path: Path) -> None:
    office = make_store("office")
    keeping, minimal = make_store("keeping", "counselor"), make_store("minimal", "counselor")
    office_service, keeping_service = enroll(office, keeping, "Aylin", tmp_path)
    _, minimal_service = enroll(office, minimal, "Aylin", tmp_path)
    minimal_service.set_attachments_office_only(True)
    case_id = new_case(office, counselor_id(minimal))
    document = CaseService(office).add_attachment(case_id, "bescheid.txt", DOCUMENT)

    paths = export_paths(office_service, tmp_path)  # one bundle for each laptop
    assert len(paths) == 2
    for service in (keeping_service, minimal_service):
        outcomes = service.import_files(paths)
        assert [o.status for o in outcomes].count("imported") == 1, outcomes
    # The laptop without the setting stores the document as before.
    assert CaseService(keeping).attachment_content(document) == DOCUMENT
    # The other one gets the entry (name, size, hash), not the bytes.
    assert [a.id for a in CaseService(minimal).record(case_id).attachments] == [document.id]
    assert not holds_bytes(minimal, document.sha256)
    with pytest.raises(KeptAtOffice):
        CaseService(minimal).attachment_content(document)
    assert not traces(minimal)

    # Switched on later, the laptop that stored it lets it go (the office holds it).
    removed = keeping_service.set_attachments_office_only(True)
    assert removed == 1
    assert not holds_bytes(keeping, document.sha256)
    assert not traces(keeping)
    # And the office is not asked for a setting it does not have.
    with pytest.raises(Exception) as refused:
        HandoverService(office).set_attachments_office_only(True)
    assert getattr(refused.value, "code", None) == "not_permitted"


def test_the_command_line_switches_the_setting(tmp_path: Path) -> None:
    laptop = tmp_path / "laptop"
    created = run(laptop, "init", "--role", "counselor", "--name", "Laptop", "--kdf-seconds", "0")
    assert created.returncode == 0, created.stderr
    switched = run(laptop, "sync", "attachments-office-only", "on")
    assert switched.returncode == 0, switched.stderr
    assert "Keeping documents at the office only is on." in switched.stdout
    status = run(laptop, "sync", "status")
    assert "documents at the office only: on" in status.stdout
    assert run(laptop, "sync", "attachments-office-only", "off").returncode == 0
    assert "documents at the office only: off" in run(laptop, "sync", "status").stdout
