"""Progress in numbers: "1 200 of 5 000" while a long operation runs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["count_of", "grouped"]


def grouped(number: int) -> str:
    """``5000`` -> "5 000" (a narrow no-break space between thousands, as in German and English
    typesetting; unlike a comma or a point it reads the same in both languages)."""
    return f"{number:,}".replace(",", "\u202f")


def count_of(done: int, total: int) -> str:
    """How far: "1 200 of 5 000"."""
    return QCoreApplication.translate("Progress", "{done} of {total}").format(
        done=grouped(done), total=grouped(total))
