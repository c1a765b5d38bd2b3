""""Print…" in the case editor: the whole case file as a PDF (``report case`` in the window).

Kept out of the case editor on purpose: the editor only holds the action and one method
that calls :func:`print_case` after saving, so the editor can be restructured freely.
The PDF is written on the store's worker; the file name suggested carries the case
number only, never a name (file names are visible in folders, backups and mail).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QPushButton, QWidget

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.filenames import safe_file_name
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.reports import ReportService

if TYPE_CHECKING:  # the editor imports this module
    from beratungsdesk.gui.case_editor import CaseEditor, EditorHeader

_C = "CasePrint"


def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


def suggested_file_name(case_number: str) -> str:
    """``Fallakte-2026-0042.pdf``."""
    return safe_file_name(f"Fallakte-{case_number or 'Fall'}.pdf", "Fallakte.pdf")


def print_action(parent: QWidget, trigger: Callable[[], None]) -> QAction:
    """"Print…" with Ctrl+P, active while the editor (or a field in it) has the focus."""
    action = QAction(icon("report"), _t("&Print…"), parent)
    action.setShortcut(QKeySequence.StandardKey.Print)
    action.setToolTip(_t("The whole case file as PDF, to print or to hand over (Ctrl+P)"))
    action.triggered.connect(lambda _checked=False: trigger())
    parent.addAction(action)
    return action


def print_button(action: QAction) -> QPushButton:
    button = QPushButton(action.icon(), action.text())
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    return button


def add_print_button(header: EditorHeader, action: QAction) -> None:
    """The "Drucken…" button in the editor's header, after the title and before "Erase"."""
    layout = header.layout()
    assert isinstance(layout, QBoxLayout)
    layout.insertWidget(layout.indexOf(header.erase_button), print_button(action))


def ask_target(parent: QWidget, case_number: str) -> Path | None:
    suggested = str(Path.home() / suggested_file_name(case_number))
    chosen, _filter = QFileDialog.getSaveFileName(parent, _t("Save the case file as"), suggested,
                                                  _t("PDF (*.pdf)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_case(parent: QWidget, runner: Runner, case_number: str, show: Callable[[str, bool], None],
               target: Path | None = None) -> None:
    """Ask where (unless ``target`` is given), then write the case file on the worker and
    report the outcome through ``show(text, is_error)``."""
    if target is None:
        target = ask_target(parent, case_number)
        if target is None:
            return
    chosen = target

    def job(backend: Backend) -> Path:
        return ReportService(backend.require().store).case_file(case_number, chosen)

    def done(path: Path) -> None:
        show(_t("Case file saved: {file}").format(file=path), False)

    def failed(error: BeratungsError) -> None:
        show(error_text(error), True)

    runner.call(job, done, failed, parent)


def print_saved_case(editor: CaseEditor, target: Path | None = None) -> None:
    """Save the editor's case (like for a letter), then print what was saved."""
    if editor.record is None:
        return

    def after_save() -> None:
        if editor.record is not None:
            print_case(editor, editor.runner, editor.record.case.number or "",
                       lambda text, _error: editor.general.show_text(text), target)
    editor.save(after=after_save)
