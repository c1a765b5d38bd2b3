"""Text folding for search: letters that Unicode does not decompose into a base
letter plus diacritic (Turkish ı, Polish ł, German ß, ...) are mapped by hand,
so that "yilmaz" finds "Yılmaz" and "lukasz" finds "Łukasz". Accents that do
decompose (ş, ğ, ễ) are removed by the FTS5 tokenizer itself."""

from __future__ import annotations

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
