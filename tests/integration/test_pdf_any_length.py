"""Every PDF takes any text the model allows, however long, and keeps it on the page.

The model sets no upper bound on a text field (a spreadsheet import stops at 100 000
characters per cell, typing anywhere else has no limit), so the documents are tried with
20 000-character notes, 2 000-character names, unbroken strings (a URL, one 5 000-character
word) in every field that reaches a PDF, through the real service and CLI on real stores.
Each test reads the PDF back: all the text is there, and no line of it runs off the page.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from beratungsdesk.cli import main
from beratungsdesk.core.text import forbidden_character
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.reports import LetterDraft, ProfileService, ReportService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, StoreMaker
from tests.timing import examples

D = dt.date
MM = 72 / 25.4
BODY_BOTTOM, BODY_TOP = 18 * MM, (297 - 17) * MM  # below: footer; above: a letter's running head
WORDS = ("Beratung", "Ärger", "Öffentlichkeit", "Übergriff", "Straße", "Ayşe", "Łódź", "Nguyễn",
         "Đức", "Widerspruch", "Jobcenter", "Vermieterin", "Schule")


def prose(length: int, tag: str) -> str:
    """German-looking text of ``length`` characters with line breaks and paragraphs.

    Every twentieth word is a numbered mark (``[note-17]``), so that the text of one field
    cannot be mistaken for another's and a lost or repeated piece shows."""
    words, total, index = [], 0, 0
    while total < length:
        word = f"[{tag}-{index // 20}]" if index % 20 == 0 else WORDS[index % len(WORDS)]
        if index % 97 == 96:
            word += "\n"
        if index % 211 == 210:
            word += "\n"  # with a newline before: a blank line, a new paragraph
        words.append(word)
        total += len(word) + 1
        index += 1
    return " ".join(words)[:length]


def url(length: int, stem: str = "https://beratung.example.org/akten/2024/") -> str:
    return stem + "".join(f"seite-{n}/" for n in range(length))[: length - len(stem)]


LONG_NOTE = prose(20_000, "note")
LONG_SUMMARY = prose(20_000, "summary")
LONG_PRIVACY = prose(20_000, "privacy")
LONG_INTRO = prose(20_000, "intro")
LONG_OFFER = prose(20_000, "offer")
LONG_NAME = "Ayşe-" + prose(1_995, "name").replace("\n", " ")
LONG_WORD = "Ä" + "rger" * 1_249 + "s"  # 5 000 characters, not one space
LONG_URL = url(3_000)
LANGUAGE_URL = url(2_500, "https://sprache.example.net/")  # one contact's language: unbroken
AREA_LABEL = "Lebensbereich " + prose(1_986, "area").replace("\n", " ")


# --- reading a PDF back ----------------------------------------------------------------

def squeezed(text: str) -> str:
    """Text without any whitespace: where the PDF breaks a line does not matter."""
    return re.sub(r"\s+", "", text)


#: Table headers the access report repeats on each page a table continues on.
REPEATED_HEADERS = ("GeschriebenVonFassungText", "DatumZeitDauerKontaktartOrtBerater*inSprache",
                    "DateiArtGrößeGespeichertPrüfsumme(SHA-256,Anfang)")


def readable(pdf: bytes) -> str:
    """The squeezed body text, with the repeated table headers taken out."""
    text = squeezed(pdf_text(pdf))
    for header in REPEATED_HEADERS:
        text = text.replace(header, "")
    return text


def pdf_text(pdf: bytes, from_x: float = 0.0) -> str:
    """The text between the page's head and foot, page after page (from ``from_x`` points
    to the right: one column of a table).

    The furniture (footer with page number, the letter's running head) is left out, so a
    text running over a page break reads back in one piece."""
    pieces: list[str] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if BODY_BOTTOM < y < BODY_TOP and x >= from_x:
            pieces.append(text)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return "".join(pieces)


def lines_off_the_page(pdf: bytes) -> list[tuple[int, str]]:
    """Each piece of text (page number, its start) that begins or ends outside its page.

    pypdf reports every text-showing operation with its matrices and font; the width of
    the piece is measured with the same embedded font metrics reportlab laid it out with.
    """
    from reportlab.pdfbase import pdfmetrics

    from beratungsdesk.reports import pdf_common

    pdf_common.register_fonts()
    problems: list[tuple[int, str]] = []
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list, tm: list, font: dict | None, size: float,
                  number: int = number, width: float = width, height: float = height) -> None:
            if not text.strip() or font is None:
                return
            base = str(font.get("/BaseFont", "")).split("+")[-1]
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            try:
                extent = pdfmetrics.stringWidth(text.rstrip("\n"), base, size * scale)
            except KeyError:
                extent = 0.0  # not one of our fonts (none is expected)
            if x < -0.5 or x + extent > width + 0.5 or not 0 <= y <= height:
                problems.append((number, text[:40]))

        page.extract_text(visitor_text=visit)
    return problems


def assert_all_on_the_page(pdf: bytes) -> None:
    assert lines_off_the_page(pdf) == []


# --- a client with everything long ----------------------------------------------------

def _fill_long(store: Store) -> None:
    cases = CaseService(store)
    counselor = cases.add_counselor("Marta " + LONG_NAME, "MK")
    client = cases.find_or_create_client(
        "K-LANG", name=LONG_NAME, contact=LONG_URL + "\n" + LONG_WORD, gender=LONG_WORD,
        languages=("Türkisch", LONG_WORD))
    case = cases.open_case(client, "work", D(2024, 3, 1), counselor_id=counselor.id,
                           summary=LONG_SUMMARY, outcome=LONG_URL + " " + LONG_WORD)
    cases.log_contact(case.id, 45, D(2024, 3, 2), channel="office", town="velbert",
                      counselor_id=counselor.id, place=LONG_WORD, language=LANGUAGE_URL)
    cases.add_note(case.id, LONG_NOTE)
    cases.add_note(case.id, LONG_WORD)
    cases.add_note(case.id, LONG_URL)
    cases.add_attachment(case.id, LONG_WORD[:180] + ".pdf", b"%PDF-1.4 test", "application/pdf")
    profiles = ProfileService(store)
    profiles.set_text("name", LONG_NAME)
    profiles.set_text("address", LONG_WORD + "\n40822 Mettmann")
    profiles.set_text("web", LONG_URL)
    profiles.set_text("cooperation", LONG_NAME)
    profiles.set_text("funding", LONG_WORD)
    profiles.set_text("signature", LONG_WORD)
    profiles.set_text("text.datenschutz", LONG_PRIVACY)
    profiles.set_text("text.einleitung", LONG_INTRO)
    profiles.set_text("text.beratung", LONG_WORD)
    profiles.set_text("offer.empowerment", LONG_OFFER)
    network = NetworkService(store)
    network.add_workshop("empowerment", D(2024, 4, 1), status="held", participants=12)
    # Entries the office added to its lists, named at length: they label chart bars and rows.
    for kind, label in (("area", AREA_LABEL), ("town", LONG_WORD), ("workshop_type", AREA_LABEL),
                        ("partner_kind", LONG_WORD)):
        _add_term(store, kind, "lang", label)
    long_case = cases.open_case(client, "lang", D(2024, 5, 1))
    cases.log_contact(long_case.id, 30, D(2024, 5, 2), channel="phone", town="lang")
    network.add_workshop("lang", D(2024, 6, 1), status="held", participants=3)
    network.add_partner("lang", LONG_NAME)


def _add_term(store: Store, kind: str, code: str, label: str) -> None:
    """A new entry of an extendable list, stored as the office page stores one."""
    from beratungsdesk.core import model

    position = len(store.vocabulary().terms(kind, include_retired=True))
    with store.unit_of_work() as uow:
        uow.insert(model.VocabTerm(id=f"{kind}:{code}", kind=kind, code=code, label_de=label,
                                   label_en=label, retired=False, position=position))


@pytest.fixture
def long_store(make_store: StoreMaker) -> Store:
    return make_store.prepared("pdf-long-texts", _fill_long)


def test_auskunft_of_a_client_with_20000_character_notes(long_store: Store, tmp_path: Path) -> None:
    out = ReportService(long_store).auskunft("K-LANG", tmp_path / "auskunft.pdf")
    pdf = out.read_bytes()
    text = readable(pdf)
    for field in (LONG_NOTE, LONG_SUMMARY, LONG_PRIVACY, LONG_NAME, LONG_WORD, LONG_URL,
                  "Marta " + LONG_NAME, LONG_WORD[:180] + ".pdf"):
        assert squeezed(field) in text, field[:30]
    # The contact's row runs over pages with several long cells side by side; the last
    # column (the language, from 160 mm) read alone holds all of its cell.
    column = squeezed(pdf_text(pdf, from_x=160 * MM)).replace("Sprache", "")  # the header
    assert LANGUAGE_URL in column
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 5
    assert_all_on_the_page(pdf)


def test_kurzbericht_with_long_profile_texts(long_store: Store, tmp_path: Path) -> None:
    out = ReportService(long_store).kurzbericht(D(2024, 1, 1), D(2024, 12, 31), tmp_path / "kb.pdf")
    pdf = out.read_bytes()
    text = readable(pdf)
    for field in (LONG_INTRO, LONG_OFFER, LONG_WORD, AREA_LABEL):
        assert squeezed(field) in text, field[:30]
    assert_all_on_the_page(pdf)


def test_letter_with_a_long_subject_body_and_recipient(long_store: Store, tmp_path: Path) -> None:
    service = ReportService(long_store)
    number = CaseService(long_store).record_by_number("2024-0001").case.number
    draft = LetterDraft(number, recipient=f"{LONG_NAME}\n{LONG_WORD}\n{LONG_URL}",
                        subject="Beschwerde " + LONG_WORD, body=LONG_NOTE + "\n\n" + LONG_URL)
    pdf = service.letter(draft, tmp_path / "brief.pdf", on=D(2024, 5, 1)).read_bytes()
    text = readable(pdf)
    for field in (LONG_NOTE, LONG_WORD, LONG_URL):
        assert squeezed(field) in text, field[:30]
    assert_all_on_the_page(pdf)


def test_the_cli_writes_the_auskunft_of_a_long_client(long_store: Store, tmp_path: Path,
                                                      monkeypatch, capsys) -> None:
    folder = long_store.folder
    long_store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "auskunft.pdf"
    assert main(["--data-dir", str(folder), "report", "auskunft", "K-LANG", "--out", str(out)]) == 0
    assert "written" in capsys.readouterr().out
    assert squeezed(LONG_NOTE) in readable(out.read_bytes())


@pytest.mark.slow  # about 20 s of CPU: 45 pages
def test_a_note_at_the_import_limit_of_100000_characters(office: Store, tmp_path: Path) -> None:
    """The largest text the program takes in one go (a spreadsheet cell) still prints."""
    from beratungsdesk.services.spreadsheet import MAX_CELL_CHARS

    cases = CaseService(office)
    client = cases.find_or_create_client("K-MAX", name="N" * 2_000)
    case = cases.open_case(client, "work", D(2024, 1, 1), number="F" * 2_000)
    huge = prose(MAX_CELL_CHARS, "huge")
    cases.add_note(case.id, huge)
    pdf = ReportService(office).auskunft("K-MAX", tmp_path / "a.pdf").read_bytes()
    text = readable(pdf)
    assert squeezed(huge) in text
    assert "F" * 2_000 in text
    assert_all_on_the_page(pdf)


# --- any text, as a property ------------------------------------------------------------

#: Letters of every kind the model lets through (no control characters but tab and newline),
#: with German umlauts, emoji, right-to-left words and marks, soft hyphens and zero-width
#: spaces, and runs of thousands of characters without a space.
_PIECES = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc")),
    st.sampled_from(["ä", "ö", "ü", "Ä", "Ö", "Ü", "ß", "€", " ", "\n", "\t", "😀", "👩🏽‍⚖️",
                     "שלום", "مرحبا", "\u200f", "\u200e", "\u00ad", "\u200b", "ﷺ", "𝕏"]),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=3_000).map("".join).filter(lambda t: t.strip())


def _stretched(text: str, length: int) -> str:
    """``text`` repeated to ``length`` characters: random characters at any length."""
    return (text * (length // len(text) + 1))[:length]


@pytest.mark.slow  # random lengths up to 25 000 characters: up to a minute of CPU
@settings(max_examples=examples(12), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(note=_TEXTS, name=_TEXTS, note_length=st.integers(min_value=1, max_value=25_000),
       name_length=st.integers(min_value=1, max_value=2_000))
def test_any_text_the_model_allows_prints(office: Store, tmp_path: Path, note: str, name: str,
                                          note_length: int, name_length: int) -> None:
    name = _stretched(name.replace("\n", " "), name_length)  # a name is one line
    note = _stretched(note, note_length)
    if not name.strip() or not note.strip():
        return  # the model keeps no blank name or note
    assert forbidden_character(name) is None and forbidden_character(note, True) is None
    cases = CaseService(office)
    code = f"K-{abs(hash((note, name))) % 10**12}"
    client = cases.find_or_create_client(code, name=name, gender=name)
    case = cases.open_case(client, "work", D(2024, 1, 1), summary=note)
    cases.add_note(case.id, note)
    pdf = ReportService(office).auskunft(code, tmp_path / "any.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert_all_on_the_page(pdf)


@pytest.mark.slow  # random lengths up to 25 000 characters: up to a minute of CPU
@settings(max_examples=examples(8), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(text=_TEXTS, name=_TEXTS, text_length=st.integers(min_value=1, max_value=25_000),
       name_length=st.integers(min_value=1, max_value=2_000))
def test_any_profile_text_and_letter_prints(office: Store, tmp_path: Path, text: str, name: str,
                                            text_length: int, name_length: int) -> None:
    """The short report's texts and organisation name, and a letter's parts, at any length."""
    name = _stretched(name.replace("\n", " "), name_length).strip()
    text = _stretched(text, text_length).strip()
    if not name or not text:
        return  # an empty profile entry means the default text
    profiles = ProfileService(office)
    profiles.set_text("name", name)
    profiles.set_text("text.einleitung", text)
    profiles.set_text("web", name)
    service = ReportService(office)
    report = service.kurzbericht(D(2024, 1, 1), D(2024, 12, 31), tmp_path / "k.pdf").read_bytes()
    assert_all_on_the_page(report)
    draft = LetterDraft("2024-0001", recipient=f"{name}\n{name}", subject=name, body=text)
    letter = service.letter(draft, tmp_path / "l.pdf", on=D(2024, 5, 1)).read_bytes()
    assert_all_on_the_page(letter)


@pytest.mark.parametrize("text", ["x" * 100_000, "Beratungsstelle " * 2_000, LONG_NAME, LONG_URL])
def test_furniture_lines_keep_to_their_room(text: str) -> None:
    """Texts drawn straight onto the page (title band, letterhead) wrap into their few lines
    and end with an ellipsis when they are longer."""
    from reportlab.pdfgen.canvas import Canvas

    from beratungsdesk.reports import pdf_common

    pdf_common.register_fonts()
    canvas = Canvas(io.BytesIO())
    lines = pdf_common.wrapped_lines(canvas, text, 200, 10.5, pdf_common.FONT, max_lines=3)
    assert len(lines) == 3
    assert all(canvas.stringWidth(line, pdf_common.FONT, 10.5) <= 200 for line in lines)
    assert lines[-1].endswith("…")
    assert squeezed("".join(lines))[:-1] in squeezed(text)
    assert pdf_common.wrapped_lines(canvas, "Beratungsstelle Mettmann", 200, 10.5, pdf_common.FONT,
                                    max_lines=3) == ["Beratungsstelle Mettmann"]


def test_case_file_of_a_case_with_20000_character_notes(long_store: Store, tmp_path: Path) -> None:
    number = long_store.conn.execute("SELECT number FROM cases WHERE opened_on = '2024-03-01'").fetchone()[0]
    pdf = ReportService(long_store).case_file(number, tmp_path / "fallakte.pdf").read_bytes()
    text = readable(pdf)
    for field in (LONG_NOTE, LONG_SUMMARY, LONG_NAME, LONG_WORD, LONG_URL, "Marta " + LONG_NAME,
                  LONG_WORD[:180] + ".pdf"):
        assert squeezed(field) in text, field[:30]
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 5
    assert_all_on_the_page(pdf)


def test_joint_report_of_a_center_with_a_long_name(long_store: Store, tmp_path: Path) -> None:
    from beratungsdesk.services.joint_report import export_anonymous, joint_report

    exported = export_anonymous(long_store, D(2024, 1, 1), D(2024, 12, 31), tmp_path / "lang.bdfigures")
    assert len(exported.center) == 200  # cut to what a receiver accepts
    out = tmp_path / "joint.pdf"
    joint_report([exported.path], out)
    pdf = out.read_bytes()
    assert squeezed(exported.center) in readable(pdf)
    assert_all_on_the_page(pdf)
