"""Prevention and network records: services, filters and CSV import."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.network import NetworkFilter, NetworkService
from beratungsdesk.services.network_import import import_partners, import_workshops
from beratungsdesk.storage.store import Store

WORKSHOPS = """Datum;Art;Organisation;Zielgruppe;Ort;Teilnehmende;Stunden;Status
12.03.2022;Rassismuskritik;Gesamtschule Hilden;Lehrkräfte;Hilden;18;3,5;
20.12.2030;Empowerment;MSO Ratingen;Jugendliche;Ratingen;;2;
05.05.2022;organisational_consulting;Stadtverwaltung Velbert;;Velbert;9;6;Durchgeführt
"""
PARTNERS = """Name,Art,Ort,Ansprechperson,Kontakt
JMD Velbert,Jugendmigrationsdienst,Velbert,Frau Öztürk,0151 000
Integrationsrat Haan,integration_council,Haan,,
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def digest(store: Store) -> str:
    rows = [store.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("workshops", "partners")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_workshop_import_reads_german_excel_and_infers_status(office: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "workshops.csv", WORKSHOPS, "cp1252")
    report = import_workshops(office, path, today=dt.date(2026, 11, 26))
    assert (report.rows, report.added) == (3, 3)
    found = {w.organisation: w for w in NetworkService(office).workshops()}
    hilden = found["Gesamtschule Hilden"]
    assert (hilden.type, hilden.status, hilden.participants, hilden.duration_min) == (
        "racism_critique", "held", 18, 210)
    assert found["MSO Ratingen"].status == "planned"
    assert found["Stadtverwaltung Velbert"].status == "held"


def test_imports_are_idempotent(office: Store, tmp_path: Path) -> None:
    import_workshops(office, write(tmp_path, "w.csv", WORKSHOPS))
    import_partners(office, write(tmp_path, "p.csv", PARTNERS))
    before = digest(office)
    again = import_workshops(office, write(tmp_path, "w.csv", WORKSHOPS))
    partners_again = import_partners(office, write(tmp_path, "p.csv", PARTNERS))
    assert (again.added, again.already_present) == (0, 3)
    assert (partners_again.added, partners_again.already_present) == (0, 2)
    assert digest(office) == before


def test_bad_rows_import_nothing_and_are_located(office: Store, tmp_path: Path) -> None:
    bad = WORKSHOPS + "31.02.2022;Tanzkurs;X;;Paris;viele;x;fertig\n;;Nur Organisation;;;;;\n"
    before = digest(office)
    with pytest.raises(ValidationErrors) as caught:
        import_workshops(office, write(tmp_path, "w.csv", bad))
    found = {(e.data["line"], e.data["column"], e.code) for e in caught.value.errors}
    assert found == {(5, "Datum", "date_not_real"), (5, "Art", "unknown_code"), (5, "Ort", "unknown_code"),
                     (5, "Teilnehmende", "number_format"), (5, "Stunden", "number_format"),
                     (5, "Status", "unknown_code"), (6, "Datum", "required"), (6, "Art", "required")}
    assert digest(office) == before


def test_partner_import_and_filters(office: Store, tmp_path: Path) -> None:
    import_partners(office, write(tmp_path, "p.csv", PARTNERS))
    service = NetworkService(office)
    assert [p.name for p in service.partners(NetworkFilter(text="ozturk"))] == ["JMD Velbert"]
    assert [p.name for p in service.partners(NetworkFilter(kind="integration_council"))] == [
        "Integrationsrat Haan"]


def test_meetings_and_referrals_link_partners_and_cases(office: Store) -> None:
    network, cases = NetworkService(office), CaseService(office)
    jmd = network.add_partner("youth_migration_service", "JMD Velbert", town="velbert")
    rat = network.add_partner("integration_council", "Integrationsrat Haan")
    meeting = network.add_meeting(dt.date(2022, 4, 1), (jmd.id, rat.id), topic="Verweisstrukturen")
    case = cases.open_case(cases.find_or_create_client("K-1"), "education", dt.date(2022, 4, 2))
    network.add_referral(case.id, jmd.id, "from", dt.date(2022, 4, 2), "vom JMD geschickt")
    assert [m.id for m in network.meetings(partner_id=rat.id)] == [meeting.id]
    assert [m.id for m in network.meetings(NetworkFilter(year=2021))] == []
    assert [r.direction for r in network.referrals(case_id=case.id)] == ["from"]
    with pytest.raises(ValidationError):
        network.add_referral(case.id, jmd.id, "sideways", dt.date(2022, 4, 2))


def test_workshop_rules_are_checked(office: Store) -> None:
    network = NetworkService(office)
    with pytest.raises(ValidationError) as caught:
        network.add_workshop("empowerment", dt.date(2022, 5, 2), end_date=dt.date(2022, 5, 1))
    assert caught.value.data["field"] == "end_date"
    workshop = network.add_workshop("empowerment", dt.date(2022, 5, 2), participants=12, status="held")
    network.delete("workshop", workshop.id)
    assert network.workshops() == []
