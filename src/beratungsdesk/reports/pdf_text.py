"""The text of a PDF we rendered, read back (the self-test checks what a PDF says).

Our PDFs embed subsets of DejaVu Sans, so their content streams hold glyph
numbers, not letters; pypdf maps them back through the fonts' ToUnicode tables
as a PDF viewer's search does.
"""

from __future__ import annotations

import io


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]
