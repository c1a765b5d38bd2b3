"""Text folding for search: letters that Unicode does not decompose into a base
letter plus diacritic (Turkish ı, Polish ł, German ß, ...) are mapped by hand,
so that "yilmaz" finds "Yılmaz" and "lukasz" finds "Łukasz". Accents that do
decompose (ş, ğ, ễ) are removed by the FTS5 tokenizer itself."""

from __future__ import annotations

import re
import unicodedata

_FOLDS = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE",
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d",
})


def fold_for_search(text: str | None) -> str:
    return (text or "").translate(_FOLDS)


def normalise_for_matching(text: str | None) -> str:
    """Folded, accent-free, case-free text for "contains" filters on short lists."""
    decomposed = unicodedata.normalize("NFKD", fold_for_search(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- control characters ---------------------------------------------------------------------
#
# Characters that are never part of a name or a text someone typed, but that change what a
# terminal, a PDF viewer or a window shows: C0 controls (NUL, BEL, ESC starts ANSI escape
# sequences that recolour, move the cursor or retitle a terminal), DEL and C1 controls, and the
# bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make "Fall-1<U+202E>fdp.exe"
# look like "Fall-1exe.pdf". Line breaks are allowed in long texts (notes) only; a tab anywhere
# (a cell copied from a spreadsheet often ends in one), it changes nothing but spacing.

_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL_SHORT = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]")  # tab is harmless
_CONTROL_LONG = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")  # keeps \t (09), \n (0a)


def forbidden_character(text: str, multiline: bool = False) -> str | None:
    """The first character ``text`` may not hold, as ``U+XXXX`` (safe to show), or None.

    ``multiline``: a long text (a note), where newlines are allowed; tabs are allowed in every
    text (they only change spacing).
    """
    found = (_CONTROL_LONG if multiline else _CONTROL_SHORT).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def visible(text: str) -> str:
    """``text`` with every control and bidi character shown as a visible ``\\uXXXX`` escape.

    For output only (terminal, PDF, window labels and tables); newline and tab stay. The
    escape has the form JSON uses, so JSON printed through it still means the same.
    """
    if not _CONTROL_LONG.search(text):
        return text  # the usual case, kept cheap for tables of thousands of rows
    return _CONTROL_LONG.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

#: Every control and bidi character, tab included: none of them belongs in a file name
#: (``core/filenames.py``).
CONTROL_OR_BIDI = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
