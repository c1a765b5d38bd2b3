"""The introduction texts of the short report (Einleitung, Beratung, Beratung in Zahlen,
Prävention, Netzwerk), one tab each, on the office's organisation profile tab.

An empty text means the built-in one, which is shown greyed as the placeholder; the
texts are saved together with the rest of the profile (profile keys ``text.<section>``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from beratungsdesk.gui.widgets import set_text_kept
from beratungsdesk.services.session_office import ReportText


class ReportTextsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.edits: dict[str, QPlainTextEdit] = {}
        self.loaded: dict[str, str] = {}
        hint = QLabel(self.tr("Introduction of each section of the short report. Leave a text empty "
                              "to use the built-in one (shown in grey). A blank line starts a new "
                              "paragraph; **bold** prints bold."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)

    def set_texts(self, texts: list[ReportText]) -> None:
        """Show the sections (created on first use: their titles come from the store's rules)."""
        for text in texts:
            edit = self.edits.get(text.key)
            if edit is None:
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setAccessibleName(self.tr("Text of the section \"{title}\"").format(title=text.title))
                self.edits[text.key] = edit
                self.tabs.addTab(edit, text.title)  # the heading as printed in the (German) report
            edit.setPlaceholderText(text.default or self.tr("(no text by default)"))
            set_text_kept(edit, text.text)  # a save refills: cursor and scroll stay
            self.loaded[text.key] = text.text

    def changes(self) -> dict[str, str]:
        """Profile key -> text of each section edited since loading (empty: back to the default)."""
        return {f"text.{key}": edit.toPlainText().strip() for key, edit in self.edits.items()
                if edit.toPlainText().strip() != self.loaded.get(key, "").strip()}

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.loaded = {}
