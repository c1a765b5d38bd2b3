"""The PDFs end to end: real store, real reportlab, text read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from beratungsdesk.cli import main
from beratungsdesk.core.errors import BeratungsError, NotFound, ValidationError, ValidationErrors
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.reports import LetterDraft, ProfileService, ReportService
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store
from tests.conftest import StoreMaker

D = dt.date
PASSPHRASE = "correct horse battery staple"
NAMES = ("Ayşe Yılmaz", "Oğuz Doğan", "Łukasz Wiśniewski", "Nguyễn Thị Ngọc")


def png(width: int = 40, height: int = 20) -> bytes:
    """A small valid PNG (solid colour), made here so no binary file is needed."""
    raw = b"".join(b"\x00" + bytes((14, 90, 110)) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def text_of(pdf: bytes | Path) -> str:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)  # line breaks and no-break spaces as plain spaces


@pytest.fixture
def store(make_store: StoreMaker) -> Store:
    """44 cases like the seed report: 10/9/9/7/6/1/2 over the areas; 418 h in all -> 9,5 h."""
    return make_store.prepared("report-pdfs", _fill)


def _fill(office: Store) -> None:
    cases = CaseService(office)
    counselor = cases.add_counselor("Marta Kowalczyk", "MK")
    areas = ["public_institutions"] * 10 + ["education"] * 9 + ["housing"] * 9 + ["work"] * 7 \
        + ["everyday_life"] * 6 + ["violence"] + ["other"] * 2
    minutes = [570] * 44  # 44 x 9.5 h
    for number, (area, duration) in enumerate(zip(areas, minutes, strict=True)):
        name = NAMES[number % len(NAMES)] if number < len(NAMES) else f"Person {number}"
        client = cases.find_or_create_client(f"K-{number:03d}", name=name)
        case = cases.open_case(client, area, D(2021, 7, 1) + dt.timedelta(days=number * 8),
                               counselor_id=counselor.id, respondent="authority")
        cases.log_contact(case.id, duration, case.opened_on, channel="office", town="velbert")
    profiles = ProfileService(office)
    profiles.set_text("name", "Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann")
    profiles.set_text("web", "www.gegen-alltagsrassismus.org")
    profiles.set_text("address", "Musterstraße 1\n40822 Mettmann")
    profiles.set_logo(png())


def test_kurzbericht_contains_the_figures_in_german_format(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "kurzbericht.pdf"
    # Every number shown: the copy for the team's own use (the default withholds small ones).
    ReportService(store).kurzbericht(D(2021, 7, 1), D(2022, 6, 30), out, as_of=D(2022, 6, 30),
                                     publication=False)
    text = text_of(out)
    for expected in ("EINLEITUNG", "BERATUNG IN ZAHLEN", "PRÄVENTION", "NETZWERK",
                     "KURZBERICHT 2021/22", "44 Beratungssuchende", "Öffentliche Institutionen (23 %)",
                     "Bildung und Wohnen (je 20 %)", "9,5 Stunden", "Stand: 30.06.2022",
                     "Gewalterfahrung (2 %)", "Berichtszeitraum 01.07.2021 – 30.06.2022",
                     "www.gegen-alltagsrassismus.org"):
        assert expected in text, expected
    meta = PdfReader(out).metadata
    assert meta.title == "Kurzbericht 2021/22 – Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann"
    assert meta.author == "Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann"
    assert meta.creation_date is not None
    assert not list(tmp_path.glob(".beratungsdesk-*")), "no temporary file is left behind"


def test_kurzbericht_withholds_small_numbers_by_default(store: Store, tmp_path: Path) -> None:
    """The short report is made for publication: without being asked, small numbers are withheld."""
    out = tmp_path / "oeffentlich.pdf"
    ReportService(store).kurzbericht(D(2021, 7, 1), D(2022, 6, 30), out)
    text = text_of(out)
    assert "Gewalterfahrung (2 %)" not in text
    assert "< 3" in text
    assert "aus Datenschutzgründen nicht ausgewiesen" in text
    assert text_of(ReportService(store).kurzbericht(
        D(2021, 7, 1), D(2022, 6, 30), tmp_path / "explicit.pdf", publication=True)) == text
    internal = text_of(ReportService(store).kurzbericht(
        D(2021, 7, 1), D(2022, 6, 30), tmp_path / "intern.pdf", publication=False))
    assert "Gewalterfahrung (2 %)" in internal and "< 3" not in internal


def test_kurzbericht_names_itself_in_the_first_footer_and_in_its_metadata(
        store: Store, tmp_path: Path) -> None:
    out = ReportService(store).kurzbericht(D(2021, 7, 1), D(2022, 6, 30), tmp_path / "k.pdf")
    reader = PdfReader(out)
    first_page = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Kurzbericht 2021/22 · Seite 1" in first_page
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert reader.metadata.title.startswith("Kurzbericht 2021/22")
    assert reader.metadata.author == "Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann"


def test_every_pdf_is_tagged_with_title_language_and_author(store: Store, tmp_path: Path) -> None:
    """Author: the organisation of the profile, or the program when the profile names none."""
    service = ReportService(store)
    number = "2021-0001"
    draft = LetterDraft(number, "Stadt Haan\nKaiserstraße 85", "Beschwerde", "Sehr geehrte ...")
    for organisation, author in (("Beratungsstelle Mettmann", "Beratungsstelle Mettmann"),
                                 ("", "BeratungsDesk")):
        ProfileService(store).set_text("name", organisation)
        documents = {
            "Kurzbericht 2021/22": service.kurzbericht(D(2021, 7, 1), D(2022, 6, 30), tmp_path / "k.pdf"),
            "Auskunft nach Art. 15 DSGVO": service.auskunft("K-001", tmp_path / "a.pdf"),
            "Beschwerde": service.letter(draft, tmp_path / "l.pdf"),
        }
        for title, path in documents.items():
            reader = PdfReader(path)
            assert reader.metadata.title.startswith(title), path.name
            assert reader.metadata.author == author, path.name
            assert reader.trailer["/Root"]["/Lang"] == "de-DE", path.name


def _workshops(office: Store) -> None:
    """Held workshops of all four kinds (and one only requested, which does not count)."""
    from beratungsdesk.services.network import NetworkService

    network = NetworkService(office)
    for kind, participants in (("multiplier_training", 9), ("empowerment", 12), ("empowerment", 8),
                               ("racism_critique", 20), ("organisational_consulting", 5)):
        network.add_workshop(kind, D(2022, 3, 1), status="held", participants=participants)
    network.add_workshop("racism_critique", D(2022, 3, 2), status="requested", participants=99)


def test_workshop_table_follows_the_offers_and_ends_with_the_total(store: Store, tmp_path: Path) -> None:
    _workshops(store)
    text = text_of(ReportService(store).kurzbericht(D(2021, 7, 1), D(2022, 6, 30), tmp_path / "k.pdf"))
    table = text[text.index("Angebot Veranstaltungen Teilnehmende"):]
    rows = ["Rassismuskritik 1 20", "Empowerment 2 20", "Organisationsberatung 1 5",
            "Multiplikator*innenschulung 1 9", "Gesamt 5 54"]  # the vocabulary's order, not A-Z
    positions = [table.index(row) for row in rows]
    assert positions == sorted(positions), table[:300]
    # The offers above the table are listed in the same order.
    offers = [text.index(f"{n} {label}") for n, label in
              ((1, "Rassismuskritik"), (2, "Empowerment"), (3, "Organisationsberatung"))]
    assert offers == sorted(offers)
    # The stats command lists them in the same order, with the total.
    from beratungsdesk.cli.report_cmds import format_statistics

    printed = format_statistics(ReportService(store).statistics(D(2021, 7, 1), D(2022, 6, 30), lang="en"),
                                store.vocabulary())
    lines = printed[printed.index("Workshops held"):].splitlines()
    names = [line.split("  ")[0].strip() for line in lines[3:8]]
    assert names == ["Racism-critical workshop", "Empowerment workshop", "Organisational consulting",
                     "Training for multipliers", "Total"], lines
    assert lines[7].split()[-2:] == ["5", "54"]


def test_kurzbericht_of_an_empty_period(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "leer.pdf"
    ReportService(store).kurzbericht(D(2030, 1, 1), D(2030, 12, 31), out, as_of=D(2031, 1, 15))
    text = text_of(out)
    assert "keine Beratungsfälle erfasst" in text
    assert "Stand: 15.01.2031" in text


def test_auskunft_lists_everything_about_one_client(store: Store, tmp_path: Path) -> None:
    cases = CaseService(store)
    client = cases.find_or_create_client("K-000")
    record = cases.record_by_number("2021-0001")
    assert record.client.id == client.id
    case_id = record.case.id
    first = cases.add_note(case_id, "Erstgespräch mit Ayşe, Łódź erwähnt.")
    cases.add_note(case_id, "Erstgespräch mit Ayşe (korrigiert).", supersedes=first.id)
    cases.add_intervention(case_id, "mediation_accompaniment", date=D(2021, 8, 1), status="done")
    cases.add_attachment(case_id, "Beschwerde_Nguyễn.pdf", b"%PDF-1.4 test", "application/pdf")
    week = WeekService(store)
    week.add_followup(case_id, D(2021, 9, 1), "Rückruf bei Frau Yılmaz")
    week.add_appointment(case_id, D(2021, 9, 2), "10:30", town="hilden", place="Café Łódź",
                         participants=("Anwältin Nowak",))
    out = tmp_path / "auskunft.pdf"
    ReportService(store).auskunft("k-000", out, as_of=D(2022, 7, 1))
    text = text_of(out)
    for expected in ("Ayşe Yılmaz", "K-000", "Erstgespräch mit Ayşe, Łódź erwähnt.",
                     "ersetzt durch eine neuere Fassung", "Erstgespräch mit Ayşe (korrigiert).",
                     "Begleitung Vermittlungsgespräch", "Beschwerde_Nguyễn.pdf", "Marta Kowalczyk",
                     "570 Minuten", "Öffentliche Institutionen", "Stand: 01.07.2022", "Art. 15",
                     "Wiedervorlagen", "Rückruf bei Frau Yılmaz", "Termine", "Café Łódź",
                     "Anwältin Nowak"):
        assert expected in text, expected
    assert "Oğuz" not in text, "another client's data must not appear"


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script_survive_into_the_pdf(store: Store, tmp_path: Path, name: str) -> None:
    code = f"K-{NAMES.index(name):03d}"
    out = tmp_path / "a.pdf"
    ReportService(store).auskunft(code, out)
    assert name in text_of(out)


def test_auskunft_for_an_unknown_client(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        ReportService(store).auskunft("nobody", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_complaint_letter_from_a_case(store: Store, tmp_path: Path) -> None:
    service = ReportService(store)
    number = "2021-0001"
    draft = service.letter_draft(number)
    assert "Sehr geehrte Damen und Herren," in draft.body
    with pytest.raises(ValidationError):  # no recipient yet: nothing is written
        service.letter(draft, tmp_path / "brief.pdf")
    assert not (tmp_path / "brief.pdf").exists()
    edited = LetterDraft.from_text(number, draft.to_text().replace(
        "Empfänger:\n", "Empfänger:\nStadt Velbert\nBürgerbüro\nThomasstraße 1\n42551 Velbert\n"))
    out = service.letter(edited, tmp_path / "brief.pdf", on=D(2022, 8, 1))
    text = text_of(out)
    for expected in ("Stadt Velbert", "42551 Velbert", f"Unser Zeichen {number}", "01.08.2022",
                     "Mit freundlichen Grüßen", "Beratungsstelle gegen Alltagsrassismus im Kreis Mettmann",
                     "Musterstraße 1"):
        assert expected in text, expected
    assert PdfReader(out).metadata.title == draft.subject


def test_letter_text_file_errors_name_the_line() -> None:
    with pytest.raises(ValidationError) as caught:
        LetterDraft.from_text("2022-0001", "Empfänger:\nA\n\nBetreff: B\nstray text\n---\nBody")
    assert caught.value.code == "letter_format" and caught.value.data["line"] == 5
    with pytest.raises(ValidationError) as caught:
        LetterDraft.from_text("2022-0001", "Empfänger:\nA\nBetreff: B\n")
    assert caught.value.code == "letter_no_body"
    with pytest.raises(ValidationErrors) as many:
        LetterDraft.from_text("2022-0001", "Empfänger:\n\nBetreff:\n---\n")
    assert {e.data["field"] for e in many.value.errors} == {"recipient", "subject", "body"}


def test_cli_documents_end_to_end(store: Store, tmp_path: Path, monkeypatch, capsys) -> None:
    folder = store.folder
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(60, 30))
    store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(folder)]
    assert main([*base, "profile", "set", "phone", "02104 / 95282-45"]) == 0
    assert main([*base, "profile", "set", "logo", "--file", str(logo)]) == 0
    assert main([*base, "profile", "show"]) == 0
    assert "02104 / 95282-45" in capsys.readouterr().out
    report = tmp_path / "kb.pdf"
    assert main([*base, "report", "kurzbericht", "--from", "2021-07-01", "--to", "2022-06-30",
                 "--out", str(report), "--as-of", "2022-06-30"]) == 0
    assert "02104 / 95282-45" in text_of(report)
    assert "< 3" in text_of(report)  # for publication unless told otherwise
    period = ["--from", "2021-07-01", "--to", "2022-06-30"]
    assert main([*base, "report", "kurzbericht", *period, "--publication", "--out", str(report)]) == 0
    assert "< 3" in text_of(report)  # the option named before stays accepted
    assert main([*base, "report", "kurzbericht", *period, "--no-publication", "--out", str(report)]) == 0
    assert "< 3" not in text_of(report) and "Gewalterfahrung (2 %)" in text_of(report)
    draft = tmp_path / "brief.txt"
    assert main([*base, "report", "letter", "2021-0001", "--draft-out", str(draft)]) == 0
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "Empfänger:\n", "Empfänger:\nStadt Haan\nKaiserstraße 85\n42781 Haan\n"), encoding="utf-8")
    letter = tmp_path / "brief.pdf"
    assert main([*base, "report", "letter", "2021-0001", "--from-file", str(draft),
                 "--subject", "Beschwerde", "--out", str(letter)]) == 0
    assert "42781 Haan" in text_of(letter)
    # A folder that does not exist: a clear message, exit 1, nothing written.
    capsys.readouterr()
    assert main([*base, "report", "auskunft", "K-001", "--out",
                 str(tmp_path / "missing" / "a.pdf")]) == 1
    assert "Output file: the file cannot be written there" in capsys.readouterr().err


def test_unreadable_logo_file_is_a_clear_error(office: Store, tmp_path: Path) -> None:
    with pytest.raises(BeratungsError) as caught:
        ProfileService(office).set_logo_file(tmp_path / "nope.png")
    assert caught.value.code == "file_unreadable"


def test_font_is_embedded_and_reportlab_is_not_loaded_at_start(store: Store, tmp_path: Path) -> None:
    import subprocess
    import sys

    out = ReportService(store).kurzbericht(D(2021, 7, 1), D(2022, 6, 30), tmp_path / "k.pdf")
    fonts = set()
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            fonts.add(str(descriptor["/BaseFont"]).split("+")[-1])
            if "/FontDescriptor" in descriptor:
                assert "/FontFile2" in descriptor["/FontDescriptor"], "TrueType font not embedded"
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}
    probe = ("import sys, beratungsdesk.cli, beratungsdesk.services.reports; "
             "print('reportlab' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False", "reportlab must be imported only when a PDF is built"


def test_auskunft_takes_additional_sections(store: Store) -> None:
    from reportlab.platypus import Paragraph

    from beratungsdesk.reports.auskunft import build_auskunft
    from beratungsdesk.storage.statistics import client_data

    client = CaseService(store).find_or_create_client("K-001")
    data = client_data(store.conn, client.id)
    assert [record.case.number for record in data.cases] == ["2021-0002"]

    def consent_section(ctx) -> list:
        return [Paragraph("3. Einwilligungen", ctx.styles["h2"])]

    pdf = build_auskunft(data, ProfileService(store).profile(), store.vocabulary(), D(2022, 1, 1),
                         extra_sections=[consent_section])
    text = text_of(pdf)
    assert text.index("2. Ihre Beratungsfälle") < text.index("3. Einwilligungen")
    assert "Oğuz Doğan" in text
