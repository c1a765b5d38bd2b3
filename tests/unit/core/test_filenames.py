"""The one rule for file names written from user data: a table of nasty names, and properties
that hold for any text (Hypothesis)."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beratungsdesk.core.filenames import (
    MAX_NAME_BYTES,
    MAX_PATH_CHARS,
    fit_in_folder,
    is_safe_file_name,
    safe_file_name,
)

RESERVED = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *[f"COM{d}" for d in "0123456789¹²³"], *[f"LPT{d}" for d in "0123456789¹²³"]]
FORBIDDEN = '<>:"/\\|?*'


def assert_safe(name: str) -> None:
    """What Windows, macOS and FAT demand of a name, written out independently of the helper."""
    assert name
    assert not any(c in name for c in FORBIDDEN)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in name)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in name)
    assert name[-1] not in ". " and name[0] not in ". "
    assert name.split(".", maxsplit=1)[0].rstrip(" ").upper() not in RESERVED
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    for folder in (PurePosixPath("/home/x/Dokumente"), PureWindowsPath("C:/Users/x")):
        assert (folder / name).parent == folder


@pytest.mark.parametrize("name, expected", [
    # Windows device names, with any extension and any case
    ("CON", "_CON"), ("con.txt", "_con.txt"), ("Nul.tar.gz", "_Nul.tar.gz"), ("aux", "_aux"),
    ("PRN.pdf", "_PRN.pdf"), ("COM1.pdf", "_COM1.pdf"), ("lpt9", "_lpt9"), ("COM¹.txt", "_COM¹.txt"),
    ("CON .pdf", "_CON .pdf"), ("conin$", "_conin$"),
    # near misses stay as they are
    ("CONSOLE.txt", "CONSOLE.txt"), ("COM10.txt", "COM10.txt"), ("Brief an CON.pdf", "Brief an CON.pdf"),
    ("COMX.txt", "COMX.txt"),
    # forbidden characters become _
    ('a<b>c.pdf', "a_b_c.pdf"), ('Frage?.pdf', "Frage_.pdf"), ('"Zitat".txt', "_Zitat_.txt"),
    ("a|b*c.csv", "a_b_c.csv"),
    # trailing dots and spaces (Windows drops them), leading dots (hidden, ..)
    ("brief.pdf.", "brief.pdf"), ("brief.pdf. . ", "brief.pdf"), ("  brief.pdf  ", "brief.pdf"),
    (".bashrc", "bashrc"), ("...", "document"), ("", "document"), ("   ", "document"),
    # paths from elsewhere: the last part
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\brief.pdf", "brief.pdf"), ("a:b.pdf", "b.pdf"),
    # control and bidi characters vanish
    ("brief\x00.pdf", "brief.pdf"), ("Fall-1\u202efdp.exe", "Fall-1fdp.exe"), ("a\tb.pdf", "ab.pdf"),
    # macOS writes NFD: the same name in NFC
    ("Bu\u0308ro.pdf", "Büro.pdf"),
    ("Brief an Frau Yılmaz.pdf", "Brief an Frau Yılmaz.pdf"),
])
def test_nasty_names(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected
    assert_safe(expected)


def test_a_composed_name_keeps_every_part() -> None:
    assert safe_file_name("Beschwerdebrief-2026/17.pdf", composed=True) == "Beschwerdebrief-2026-17.pdf"
    assert safe_file_name("Bericht C:\\x.pdf", composed=True) == "Bericht C--x.pdf"
    assert safe_file_name("Beschwerdebrief-2026/17.pdf") == "17.pdf"  # from elsewhere: last part


@pytest.mark.parametrize("stem_char", ["x", "ä", "€", "😀"])
def test_long_names_are_cut_in_bytes_at_a_character_with_the_extension_kept(stem_char: str) -> None:
    cleaned = safe_file_name(stem_char * 400 + ".pdf")
    assert cleaned.endswith(".pdf") and cleaned[:-4] == stem_char * len(cleaned[:-4])
    assert MAX_NAME_BYTES - 4 < len(cleaned.encode("utf-8")) <= MAX_NAME_BYTES


def test_a_cut_that_ends_in_a_dot_or_space_is_cleaned_again() -> None:
    cleaned = safe_file_name("a" * 195 + " . . . . . . . .x")  # no extension: the stem is cut
    assert_safe(cleaned)
    assert safe_file_name(cleaned) == cleaned


def test_a_bad_fallback_is_made_safe_too() -> None:
    assert safe_file_name("..", fallback="CON") == "_CON"


def test_a_path_is_kept_below_windows_limit() -> None:
    folder = PureWindowsPath("C:/Users/" + "y" * 200)
    path = fit_in_folder(folder, "z" * 100 + ".pdf")
    assert len(str(path)) == MAX_PATH_CHARS and path.parent == folder and path.suffix == ".pdf"
    short = fit_in_folder(PureWindowsPath("C:/Users/x"), "CON.pdf")
    assert short == PureWindowsPath("C:/Users/x/_CON.pdf")


@given(st.text(max_size=400), st.booleans())
def test_any_name_becomes_safe_non_empty_and_stays_so(name: str, composed: bool) -> None:
    cleaned = safe_file_name(name, composed=composed)
    assert_safe(cleaned)
    assert safe_file_name(cleaned) == cleaned  # idempotent
    assert safe_file_name(cleaned, composed=True) == cleaned
    assert is_safe_file_name(cleaned)


@given(st.text(alphabet=st.sampled_from(list("CONPRAUXLTM1239¹. $<>:\"/\\|?*\x00\u202eäa")), max_size=30))
def test_names_built_from_the_dangerous_pieces_become_safe(name: str) -> None:
    cleaned = safe_file_name(name)
    assert_safe(cleaned)
    assert safe_file_name(cleaned) == cleaned
