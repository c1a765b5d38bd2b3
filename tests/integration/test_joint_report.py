"""Issue 18 item 6: signed anonymous figures of two real centers, merged into one report.

Every file is untrusted: a changed byte breaks the signature, a center given twice and
files of different periods are refused naming the file, and a body signed with a valid
key is still checked field by field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from beratungsdesk.cli import main
from beratungsdesk.core.errors import BeratungsError, PermissionDenied
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.joint_report import export_anonymous, joint_report
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.reports import ProfileService
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import crypto, figures_file
from beratungsdesk.sync.identity import ensure_identity
from tests.conftest import PASSPHRASE, StoreMaker
from tests.integration.test_report_pdfs import text_of

D = dt.date
YEAR = (D(2023, 1, 1), D(2023, 12, 31))
#: Area counts per center; violence (1) and other (2) of the first must be withheld.
FIRST = {"housing": 10, "education": 6, "work": 4, "violence": 1, "other": 2}
SECOND = {"housing": 5, "education": 3, "public_institutions": 7, "violence": 1}


def _filler(areas: dict[str, int], name: str | None) -> object:
    def fill(store: Store) -> None:
        cases = CaseService(store)
        counselor = cases.add_counselor("Marta Kowalczyk", "MK")
        number = 0
        for area, count in areas.items():
            for _ in range(count):
                client = cases.find_or_create_client(f"K-{number:03d}", name=f"Geheim Person {number}",
                                                     gender="weiblich", age_group="27_40")
                case = cases.open_case(client, area, D(2023, 3, 1) + dt.timedelta(days=number),
                                       counselor_id=counselor.id, summary="Vertraulicher Vorfall")
                cases.log_contact(case.id, 90, case.opened_on, channel="office")
                number += 1
        NetworkService(store).add_workshop("empowerment", D(2023, 5, 4), status="held", participants=12)
        if name:
            ProfileService(store).set_text("name", name)
    return fill


@pytest.fixture
def centers(make_store: StoreMaker, tmp_path: Path) -> tuple[Path, Path]:
    first = make_store.prepared("joint-first", _filler(FIRST, "Beratungsstelle Mettmann"), name="mettmann")
    second = make_store.prepared("joint-second", _filler(SECOND, None), name="koeln")
    return (export_anonymous(first, *YEAR, tmp_path / "mettmann.bdfigures").path,
            export_anonymous(second, *YEAR, tmp_path / "koeln.bdfigures").path)


def test_two_centers_merge_into_one_report(centers: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "gemeinsam.pdf"
    figures = joint_report(list(centers), out)
    assert [c.center for c in figures.centers] == ["Beratungsstelle Mettmann", "koeln"]
    data = figures.to_json()
    # Totals: 23 + 16 cases, 39 x 1.5 h; the first center's violence and other are withheld.
    assert data["totals"]["cases"] == {"value": 39, "complete": True}
    assert data["totals"]["hours_total"] == {"value": 58.5, "complete": True}
    assert data["totals"]["workshops"] == 2 and data["totals"]["participants"] == 24
    areas = data["areas"]
    assert areas["housing"]["per_center"] == [10, 5] and areas["housing"]["total"] == 15
    assert areas["other"]["per_center"][0] is None
    # The first center withheld 3 cases (1 + 2), and the second its one case of violence
    # together with the smallest cell that would give it away (education, 3): 4 withheld.
    assert areas["withheld"]["per_center"] == [3, 4]
    assert sum(row["percent"] for row in areas.values() if row["percent"] is not None) <= 100
    assert sum(row.percent for row in figures.areas) == 100
    # Suppressed again on the totals: violence shows nowhere, so its total is 0 and shown.
    shown = {code: row["total"] for code, row in areas.items()}
    assert shown["violence"] == 0
    text = text_of(out)
    assert "Beratungsstelle Mettmann" in text and "koeln" in text and "Gesamt" in text
    assert figures.centers[0].fingerprint in text
    for secret in ("Geheim", "Vertraulich", "K-00", "Marta"):
        assert secret not in text
        assert secret not in centers[0].read_text(encoding="utf-8")


def test_totals_below_three_are_suppressed_again(centers: tuple[Path, Path], tmp_path: Path) -> None:
    figures = joint_report(list(centers), None)
    rows = {row.code: row for row in figures.areas}
    # other: the first center withheld 2, the second has none -> the total shows 0 (not 2);
    # the withheld row carries the 7 cases the files do not place.
    assert rows["other"].total == 0 and rows["withheld"].total == 7
    assert not rows["withheld"].suppressed


def test_a_changed_byte_breaks_the_signature(centers: tuple[Path, Path], tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.bdfigures"
    tampered.write_bytes(centers[0].read_bytes().replace(b'\\"housing\\":10', b'\\"housing\\":90'))
    assert tampered.read_bytes() != centers[0].read_bytes()
    with pytest.raises(BeratungsError) as caught:
        joint_report([tampered, centers[1]], tmp_path / "x.pdf")
    assert caught.value.code == "figures_bad_signature" and caught.value.data["file"] == "tampered.bdfigures"
    assert not (tmp_path / "x.pdf").exists()


def test_a_center_twice_is_refused(centers: tuple[Path, Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.bdfigures"
    copy.write_bytes(centers[1].read_bytes())
    with pytest.raises(BeratungsError) as caught:
        joint_report([*centers, copy], tmp_path / "x.pdf")
    assert caught.value.code == "figures_duplicate" and caught.value.data["file"] == "copy.bdfigures"


def test_mixed_periods_are_refused(make_store: StoreMaker, centers: tuple[Path, Path],
                                   tmp_path: Path) -> None:
    other = make_store("duesseldorf")
    half = export_anonymous(other, D(2023, 1, 1), D(2023, 6, 30), tmp_path / "duesseldorf.bdfigures").path
    with pytest.raises(BeratungsError) as caught:
        joint_report([*centers, half], None)
    assert caught.value.code == "figures_period_mixed"
    assert caught.value.data["file"] == "duesseldorf.bdfigures"


def test_only_the_office_exports(make_store: StoreMaker, tmp_path: Path) -> None:
    laptop = make_store("laptop", "counselor")
    with pytest.raises(PermissionDenied):
        export_anonymous(laptop, *YEAR, tmp_path / "l.bdfigures")
    assert not (tmp_path / "l.bdfigures").exists()


def _resigned(office: Store, path: Path, change: object) -> Path:
    """The body of a real export, changed and signed again with a real key: a valid signature."""
    body = json.loads(json.loads(path.read_text(encoding="utf-8"))["body"])
    change(body)  # type: ignore[operator]
    for key in ("sign_pub", "kx_pub"):
        body.pop(key)
    forged = path.with_name("forged.bdfigures")
    forged.write_bytes(figures_file.sign_figures(ensure_identity(office), body))
    return forged


@pytest.mark.parametrize(("change", "field"), [
    (lambda b: b["areas"].update(housing=2), "areas.housing"),  # a small number not withheld
    (lambda b: b["areas"].update(housing=-4), "areas.housing"),
    (lambda b: b["areas"].update(housing=True), "areas.housing"),
    (lambda b: b["areas"].update({"<b>x</b>": 5}), "areas"),
    (lambda b: b.update(cases="23"), "cases"),
    (lambda b: b.update(center="A\u202eB"), "center"),
    (lambda b: b.update(center="x" * 201), "center"),
    (lambda b: b.update(period={"from": "2023-12-31", "to": "2023-01-01"}), "period.to"),
    (lambda b: b.update(period={"from": "2023-02-30", "to": "2023-12-31"}), "period.from"),
    (lambda b: b.update(hours_total="1e9"), "hours_total"),
    (lambda b: b.update(publication=False), "publication"),
    (lambda b: b.update(names=["Geheim"]), "names"),
    (lambda b: b["areas"].update(housing=900), "areas"),  # more than the center's cases
    (lambda b: b["by_month"].update({"2024-01": 3}), "by_month"),
    (lambda b: b.update(workshops={"total": 1}), "workshops"),
])
def test_nothing_inside_a_valid_signature_is_trusted(
        make_store: StoreMaker, centers: tuple[Path, Path], change: object, field: str) -> None:
    office = make_store("signer")
    forged = _resigned(office, centers[0], change)
    with pytest.raises(BeratungsError) as caught:
        joint_report([forged], None)
    assert caught.value.code == "figures_file_invalid"
    assert caught.value.data == {"file": "forged.bdfigures", "value": field}


@pytest.mark.parametrize("content", [
    b"", b"not json", b"[]", b'{"type": "beratungsdesk-anonymous-figures", "format": 1}',
    b'{"type": "beratungsdesk-anonymous-figures", "format": 1, "body": "{}", "signature": "AAAA"}',
    b'{"type": "beratungsdesk-invitation", "format": 1}', b"\xff\xfe" * 10,
    b'{"type": "beratungsdesk-anonymous-figures", "format": 1, "body": "\\ud800", "signature": ""}',
])
def test_broken_files_are_refused_with_one_line(content: bytes, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.bdfigures"
    broken.write_bytes(content)
    assert main(["report", "joint", str(broken), "--out", str(tmp_path / "j.pdf")]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("error: broken.bdfigures:")
    assert not (tmp_path / "j.pdf").exists()


def test_a_signature_of_another_domain_does_not_pass(centers: tuple[Path, Path], make_store: StoreMaker,
                                                     tmp_path: Path) -> None:
    outer = json.loads(centers[0].read_text(encoding="utf-8"))
    identity = ensure_identity(make_store("signer"))
    body = json.loads(outer["body"])
    body.update(sign_pub=figures_file.b64(identity.sign_public), kx_pub=figures_file.b64(identity.kx_public))
    raw = figures_file.canonical(body)
    outer.update(body=raw.decode("utf-8"),
                 signature=figures_file.b64(identity.sign(crypto.DOMAIN_ROSTER, raw)))
    other = tmp_path / "roster-signed.bdfigures"
    other.write_text(json.dumps(outer), encoding="utf-8")
    with pytest.raises(BeratungsError) as caught:
        joint_report([other], None)
    assert caught.value.code == "figures_bad_signature"


def test_cli_export_and_joint_report(centers: tuple[Path, Path], make_store: StoreMaker,
                                     tmp_path: Path, monkeypatch, capsys) -> None:
    store = make_store("cli-center")
    folder = store.folder
    store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASSPHRASE)
    exported = tmp_path / "cli.bdfigures"
    assert main(["--data-dir", str(folder), "stats", "--from", "2023-01-01", "--to", "2023-12-31",
                 "--export-anonymous", str(exported)]) == 0
    assert "key fingerprint" in capsys.readouterr().err
    out = tmp_path / "joint.pdf"
    assert main(["report", "joint", *map(str, centers), str(exported), "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["centers"]) == 3 and data["totals"]["cases"]["value"] == 39
    fingerprints = [c["fingerprint"] for c in data["centers"]]
    assert all(f"key fingerprint {f}" in captured.err for f in fingerprints)
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "joint", str(centers[0])]) == 1  # neither --out nor --json
