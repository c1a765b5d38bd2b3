"""Control and bidi characters: refused in input, shown as escapes in output, and never
part of a document's file name."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.core.filenames import safe_file_name
from beratungsdesk.core.text import forbidden_character, visible
from beratungsdesk.core.validation import check
from beratungsdesk.core.vocab import Vocabulary, default_terms

VOCAB = Vocabulary(default_terms())

HOSTILE = ["\x00", "\x07", "\x1b[31m", "\x1b]0;title\x07", "\u202e", "\u202a", "\u2066", "\u2069",
           "\x7f", "\x9b"]


@pytest.mark.parametrize("bad", HOSTILE)
def test_names_and_short_texts_refuse_them_naming_the_field(bad: str) -> None:
    client = model.Client(code="K-1", name=f"Ay{bad}lin")
    with pytest.raises(ValidationError) as caught:
        check(client, VOCAB)
    assert caught.value.code == "control_character" and caught.value.data["field"] == "name"
    assert caught.value.data["value"].startswith("U+")  # the code point, not the text


@pytest.mark.parametrize("bad", HOSTILE)
def test_each_item_of_a_list_of_texts_refuses_them(bad: str) -> None:
    check(model.Client(code="K-1", languages=("Türkisch", "Kurdisch")), VOCAB)
    with pytest.raises(ValidationError) as caught:
        check(model.Client(code="K-1", languages=("Türkisch", f"Kur{bad}disch")), VOCAB)
    assert caught.value.code == "control_character" and caught.value.data["field"] == "languages"


@pytest.mark.parametrize("bad", HOSTILE)
def test_notes_allow_newlines_and_tabs_but_not_the_others(bad: str) -> None:
    check(model.Note(case_id="c", written_at="2024-03-01T10:00:00", text="Zeile 1\n\tZeile 2"), VOCAB)
    with pytest.raises(ValidationError) as caught:
        check(model.Note(case_id="c", written_at="2024-03-01T10:00:00", text=f"Zeile 1\n{bad}"), VOCAB)
    assert caught.value.data["field"] == "text"


def test_a_newline_in_a_name_is_refused() -> None:
    assert forbidden_character("Ay\nlin") == "U+000A"
    assert forbidden_character("Ay\nlin", multiline=True) is None


@given(st.text())
def test_visible_output_holds_no_control_or_bidi_character(text: str) -> None:
    shown = visible(text)
    assert forbidden_character(shown, multiline=True) is None
    if forbidden_character(text, multiline=True) is None:
        assert shown == text  # ordinary text is untouched


def test_visible_escapes_read_like_json() -> None:
    assert visible("a\x1b[31mb\u202ec\nd") == "a\\u001b[31mb\\u202ec\nd"


@given(st.text(max_size=300))
def test_a_cleaned_file_name_stays_in_its_folder(name: str) -> None:
    cleaned = safe_file_name(name)
    assert cleaned and len(cleaned) <= 200
    assert forbidden_character(cleaned) is None
    assert not cleaned.startswith(".") and not any(c in cleaned for c in "/\\:")
    for folder in (PurePosixPath("/home/x/Dokumente"), PureWindowsPath("C:/Users/x")):
        assert (folder / cleaned).parent == folder


@pytest.mark.parametrize("name, expected", [
    ("../../.bashrc", "bashrc"), ("..", "document"), ("/etc/passwd", "passwd"),
    ("C:\\Users\\x\\brief.pdf", "brief.pdf"), ("brief\u202efdp.exe", "brieffdp.exe"),
    ("Brief an Frau Yılmaz.pdf", "Brief an Frau Yılmaz.pdf")])
def test_attachment_names_from_elsewhere_are_cleaned(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_a_tab_is_allowed_in_a_short_text_but_not_in_a_file_name() -> None:
    assert forbidden_character(" Türkisch\t") is None  # a spreadsheet cell often ends in one
    assert safe_file_name("brief\t.pdf") == "brief.pdf"
