"""Every command-line error is one line on stderr with exit status 1, never a traceback,
and never quotes personal data; ``--debug`` shows developers the traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from beratungsdesk import cli
from beratungsdesk.cli import case_cmds
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.integration.test_cli import PASS, run


def _office(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    assert run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    return folder


def _one_error_line(result) -> str:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_a_ten_megabyte_cell_is_named_by_line_and_column(tmp_path: Path) -> None:
    folder = _office(tmp_path)
    sheet = tmp_path / "faelle.csv"
    sheet.write_text("Klient;Erstkontakt;Lebensbereich;Ort\nK-1;03.01.2022;Wohnen;Hilden\n"
                     "K-2;03.01.2022;Wohnen;" + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    line = _one_error_line(run(folder, "import-csv", str(sheet)))
    assert line.startswith("error: Line 3, column Ort: cell too long")
    assert "0 case(s)" in run(folder, "cases", "list").stdout


def test_a_note_taller_than_a_page_is_printed_in_full(tmp_path: Path) -> None:
    """Issue #14: this note made ``report auskunft`` fail with a layout error; its table cell
    now runs on over the pages."""
    from beratungsdesk.reports.pdf_text import pdf_pages_text

    folder = _office(tmp_path)
    store = Store.open(folder, PASS)
    try:
        service = CaseService(store)
        case = service.open_case(service.find_or_create_client("K-1"), "work", dt.date(2024, 3, 1))
        service.add_note(case.id, "".join(f"Zeile {n} Yılmaz\n" for n in range(3000)))
    finally:
        store.close()
    out = tmp_path / "auskunft.pdf"
    result = run(folder, "report", "auskunft", "K-1", "--out", str(out))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    text = " ".join(pdf_pages_text(out.read_bytes()))
    assert "Zeile 0 Yılmaz" in text and "Zeile 2999 Yılmaz" in text


def test_a_pdf_that_cannot_be_laid_out_is_a_typed_error_without_its_text() -> None:
    """Should a later document hold a piece that cannot be split (here a plain table cell
    taller than a page), the error names no text of it and the CLI's sentence says so."""
    import io

    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from beratungsdesk.core.errors import BeratungsError
    from beratungsdesk.reports import pdf_common
    from beratungsdesk.services import messages

    doc = SimpleDocTemplate(io.BytesIO())
    cell = Paragraph("Zeile Yılmaz<br/>" * 3000, pdf_common.styles()["cell"])
    with pytest.raises(BeratungsError) as caught:
        pdf_common.build(doc, [Table([[cell]])])
    assert caught.value.code == "pdf_layout" and "Yılmaz" not in str(caught.value)
    assert "could not be laid out" in messages.describe(caught.value)


def _crash(args) -> int:
    raise RuntimeError("Yılmaz, Ahmet, Kölner Str. 5")  # a bug whose text quotes personal data


def test_an_unexpected_error_is_one_line_without_its_text(tmp_path, monkeypatch, capsys) -> None:
    folder = _office(tmp_path)
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASS)
    monkeypatch.delenv("BERATUNGSDESK_DEBUG", raising=False)
    monkeypatch.setattr(case_cmds, "run_list", _crash)
    assert cli.main(["--data-dir", str(folder), "cases", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err and "--debug" in err
    assert "Yılmaz" not in err and "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_debug_shows_the_traceback(tmp_path, monkeypatch, how: str) -> None:
    folder = _office(tmp_path)
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", PASS)
    monkeypatch.setattr(case_cmds, "run_list", _crash)
    argv = ["--data-dir", str(folder), "cases", "list"]
    if how == "flag":
        argv.insert(0, "--debug")
    else:
        monkeypatch.setenv("BERATUNGSDESK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(argv)


def test_debug_is_a_global_flag_that_does_not_start_a_command() -> None:
    from beratungsdesk.launch import wants_gui

    assert wants_gui(["--debug"]) and wants_gui(["--debug", "--data-dir", "x"])
    assert not wants_gui(["--debug", "cases", "list"])
