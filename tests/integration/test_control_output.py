"""Stored texts with control or bidi characters (older data, or a hostile device writing
around the checks) are shown as escapes: on the terminal, in PDFs; document names from
elsewhere are cleaned before they name a file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from beratungsdesk.core.errors import ValidationError
from beratungsdesk.reports.pdf_text import pdf_pages_text
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.session import Session
from beratungsdesk.services.session_cases import CaseUseCases
from beratungsdesk.services.temp_folder import PrivateTempFolder
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.test_cli import run

ESC_NAME = "Ay\x1b[31mlin\x1b]0;pwned\x07\u202eztiL"


def _planted(store: Store) -> str:
    """A case whose client name and note hold escapes, written with SQL past the checks."""
    service = CaseService(store)
    client = service.find_or_create_client("K-1", name="Aylin")
    case = service.open_case(client, "work", dt.date(2024, 3, 1))
    service.add_note(case.id, "harmlos")
    store.conn.execute("UPDATE clients SET name = ? WHERE id = ?", (ESC_NAME, client.id))
    store.conn.execute("UPDATE notes SET text = ? WHERE case_id = ?", ("Notiz \u202etxt.exe\x00", case.id))
    return case.number or ""


def test_typing_them_is_refused_with_the_field_named(office: Store) -> None:
    service = CaseService(office)
    with pytest.raises(ValidationError) as caught:
        service.find_or_create_client("K-9", name="Ay\u202elin")
    assert caught.value.code == "control_character" and caught.value.data["field"] == "name"
    client = service.find_or_create_client("K-9")
    case = service.open_case(client, "work", dt.date(2024, 3, 1))
    service.add_note(case.id, "Zeile 1\n\tZeile 2")  # a long text keeps lines and tabs
    with pytest.raises(ValidationError):
        service.add_note(case.id, "klingelt\x07")


def test_the_terminal_gets_escapes_not_control_characters(office: Store) -> None:
    number = _planted(office)
    folder = office.folder
    office.close()
    shown = run(folder, "cases", "show", number, passphrase=PASSPHRASE)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout and "\x00" not in shown.stdout
    assert "Ay\\u001b[31mlin" in shown.stdout and "\\u202etxt.exe" in shown.stdout
    listing = run(folder, "audit", "--json", passphrase=PASSPHRASE)
    assert json.loads(listing.stdout)  # JSON stays JSON through the escaping


def test_pdfs_get_escapes_not_control_characters(office: Store, tmp_path: Path) -> None:
    _planted(office)
    folder = office.folder
    office.close()
    out = tmp_path / "auskunft.pdf"
    assert run(folder, "report", "auskunft", "K-1", "--out", str(out), passphrase=PASSPHRASE).returncode == 0
    text = "".join(pdf_pages_text(out.read_bytes()))
    assert "\u202e" not in text and "\x1b" not in text
    assert "\\u202e" in text.replace("\n", "")


def test_document_names_from_another_device_cannot_choose_a_folder(office: Store, tmp_path: Path) -> None:
    service = CaseService(office)
    case = service.open_case(service.find_or_create_client("K-1"), "work", dt.date(2024, 3, 1))
    local = service.add_attachment(case.id, "../../Brief\u202efdp.exe", b"%PDF-1.4 x")
    assert local.file_name == "Brieffdp.exe"
    # A name as another device might have sent it (the row arrives as it was signed).
    office.conn.execute("UPDATE attachments SET file_name = ? WHERE id = ?", ("../../../.bashrc", local.id))
    [stored] = service.record(case.id).attachments
    assert CaseUseCases.document_save_name(stored) == "bashrc"
    session = Session(office, PrivateTempFolder(tmp_path / "temp"))
    opened = session.cases.open_attachment(stored)
    assert opened.parent == session.temp.path and opened.read_bytes() == b"%PDF-1.4 x"
    session.temp.wipe()


def test_a_join_request_cannot_put_control_characters_on_the_office_screen(office: Store, tmp_path) -> None:
    """Anyone can write a join request; its name is shown and stored with escapes."""
    from beratungsdesk.services.handover import HandoverService
    from beratungsdesk.services.stores import init_store
    from tests.conftest import FAST_KDF

    with pytest.raises(ValidationError):  # typed at init: refused
        init_store(tmp_path / "typed", PASSPHRASE, "counselor", "Laptop\x1b[31m", FAST_KDF)
    # Written past the check (a modified program): neutralised where it arrives.
    laptop = Store.create(tmp_path / "hostile", PASSPHRASE, "counselor", "Lap\u202etop\x1b]0;x\x07", FAST_KDF)
    try:
        office_service, laptop_service = HandoverService(office), HandoverService(laptop)
        invitation = office_service.invite(tmp_path / "stick")
        request_path, _, _ = laptop_service.join(invitation, tmp_path / "stick")
        request, _ = office_service.read_join_request(request_path)
        assert request.name == "Lap\\u202etop\\u001b]0;x\\u0007"
        office_service.enroll(request, "Aylin", tmp_path / "out", create_counselor=True)
        [device] = office_service.devices()
        assert device.name == request.name
    finally:
        laptop.close()
