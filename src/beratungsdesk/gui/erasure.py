"""Asking before an erasure, and saying what it did (case editor, clients, retention)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from beratungsdesk.services.erasure import ErasureReport

_T = "Erasure"


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def confirm_erasure(parent: QWidget, title: str, question: str, detail: str | None = None) -> bool:
    """Yes only after the user read that nothing can be brought back; Cancel is the default.

    ``detail`` replaces the explanation for cases and clients (e.g. for a single document).
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(detail or _t(
        "This cannot be undone. The records are removed from this store and, with the next "
        "handover, from every laptop; only the anonymous figures for the statistics remain."))
    box.button(QMessageBox.StandardButton.Yes).setText(_t("Erase"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_t("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def erased_text(report: ErasureReport) -> str:
    return _t("Erased: {cases}, {records} in all.").format(
        cases=QCoreApplication.translate("Erasure", "%n cases", None, report.cases),
        records=QCoreApplication.translate("Erasure", "%n records", None, report.records))
