"""First start: create the office store, set up a laptop, or open an existing/demo store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import app_icon, error_text, icon
from beratungsdesk.gui.ops import store as store_ops
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import passphrase_policy
from beratungsdesk.services.session import Session, StoreInfo
from beratungsdesk.services.stores import store_exists

#: Narrower pages wrap the explanations into too many lines.
PAGE_MIN_WIDTH = 500


class PassphraseFields(QWidget):
    """New passphrase twice, with a strength hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("Repeat the new passphrase"))
        self.strength = QProgressBar()
        self.strength.setRange(0, 3)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(8)
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_text = QLabel()
        self.strength_text.setWordWrap(True)
        self.message = FieldMessage()
        self.first.textChanged.connect(self._rate)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&New passphrase:"), self.first)
        form.addRow("", self.strength)
        form.addRow("", self.strength_text)
        form.addRow(self.tr("&Repeat:"), self.second)
        form.addRow(self.message)
        self._rate("")

    def _rate(self, text: str) -> None:
        level = passphrase_policy.strength(text)
        self.strength.setValue(level)
        words = (self.tr("Too short: use at least 10 characters, better a sentence of several words."),
                 self.tr("Too easy to guess: use a sentence of four or more words."),
                 self.tr("Good."),
                 self.tr("Strong."))
        self.strength_text.setText(words[level] if text else
                                   self.tr("Tip: a sentence of four or more words is easy to remember "
                                           "and hard to guess."))

    def passphrase(self) -> str | None:
        """The new passphrase, or None after showing why it cannot be used."""
        first, second = self.first.text(), self.second.text()
        try:
            passphrase_policy.check(first)
        except BeratungsError as error:
            self.message.show_text(error_text(error))
            self.first.setFocus()
            return None
        if first != second:
            self.message.show_text(self.tr("The two passphrases differ."))
            self.second.setFocus()
            return None
        self.message.show_text("")
        return first

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.message.show_text("")


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class FirstStartWindow(QWidget):
    """Shown when the store folder holds no store yet."""

    unlocked = Signal(object)  # StoreInfo of the new store
    open_existing = Signal(str)  # a folder that already holds a store

    def __init__(self, runner: Runner, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.folder = folder
        self.demo_mode = False
        self.invitation: Path | None = None
        self.pending_info: StoreInfo | None = None
        self.setWindowTitle(self.tr("BeratungsDesk – first start"))
        self.setWindowIcon(app_icon())
        self.pages = QStackedWidget()
        # A minimum width on the pages, not the window: a window with a minimum size of
        # its own no longer takes the minimum height from its layout, and the fields
        # were squashed to a few pixels when a page grew (messages, the laptop form).
        self.pages.setMinimumWidth(PAGE_MIN_WIDTH)
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._create_page())
        self.pages.addWidget(self._code_page())
        self.pages.currentChanged.connect(lambda _index: self.fit_to_content())
        for index in range(self.pages.count()):  # a message shown grows the window too
            self.pages.widget(index).installEventFilter(self)  # type: ignore[union-attr]  # index < count
        # On a small screen the page scrolls instead of squeezing its fields.
        self.scroll_area = QScrollArea()  # not "scroll": that is a QWidget method
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.pages)
        self.outer = layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.scroll_area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.pages.currentWidget():
            self.fit_to_content()
        return super().eventFilter(watched, event)

    def fit_to_content(self) -> None:
        """Grow the window to the current page's content (as far as the screen allows).

        Only the current page counts: a stacked widget's own hint is its largest page.
        """
        page = self.pages.currentWidget()
        if page is None:
            return
        margins = self.outer.contentsMargins()
        width = max(self.width(), PAGE_MIN_WIDTH + margins.left() + margins.right())
        inner = width - margins.left() - margins.right()
        page_height = page.heightForWidth(inner) if page.hasHeightForWidth() else -1
        if page_height < 0:
            page_height = page.sizeHint().height()
        wanted = page_height + margins.top() + margins.bottom() + 2 * self.scroll_area.frameWidth()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            wanted = min(wanted, screen.height() - 60)
        if wanted > self.height() or width > self.width():
            self.resize(width, max(wanted, self.height()))

    def _choice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(56, 56))
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addWidget(_heading(self.tr("Welcome to BeratungsDesk")), 1)
        layout.addLayout(top)
        intro = QLabel(self.tr("There is no store on this computer yet. What would you like to do?"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)
        self.create_button = QPushButton(icon("office"), self.tr("&Create the office store"))
        self.create_button.setToolTip(self.tr("For the central office: the complete record of all cases."))
        self.create_button.clicked.connect(self._start_office)
        self.laptop_button = QPushButton(icon("handover"), self.tr("Set up this &laptop with an invitation…"))
        self.laptop_button.setToolTip(self.tr("For counselors: the office gives you an invitation file "
                                              "(e.g. on a USB stick)."))
        self.laptop_button.clicked.connect(self._start_laptop)
        self.demo_button = QPushButton(icon("cases"), self.tr("Try the &demo store"))
        self.demo_button.setToolTip(self.tr("A separate store with invented cases, to look around."))
        self.demo_button.clicked.connect(self._start_demo)
        self.existing_button = QPushButton(icon("open"), self.tr("&Open an existing store…"))
        self.existing_button.setToolTip(self.tr("A store folder created before, e.g. the demo store."))
        self.existing_button.clicked.connect(self._choose_existing)
        for button in (self.create_button, self.laptop_button, self.demo_button, self.existing_button):
            button.setMinimumHeight(44)
            layout.addWidget(button)
        self.choice_message = FieldMessage()
        layout.addWidget(self.choice_message)
        layout.addStretch(1)
        return page

    def _create_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.create_heading = _heading("")
        layout.addWidget(self.create_heading)
        self.where = QLabel()
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name of the counseling center"))
        self.name.setPlaceholderText(self.tr("e.g. Beratungsstelle gegen Alltagsrassismus"))
        self.name_message = FieldMessage()
        form = QFormLayout()
        self.name_label = QLabel(self.tr("&Name of the center:"))
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        form.addRow("", self.name_message)
        self.name_row = QWidget()
        self.name_row.setLayout(form)
        layout.addWidget(self.name_row)
        self.new_passphrase = PassphraseFields()
        layout.addWidget(self.new_passphrase)
        # Enter moves on, and in the last field creates (a plain window has no default button).
        self.name.returnPressed.connect(self.new_passphrase.first.setFocus)
        self.new_passphrase.first.returnPressed.connect(self.new_passphrase.second.setFocus)
        self.new_passphrase.second.returnPressed.connect(self.create_store)
        warning = QLabel(self.tr("Important: nobody can recover a forgotten passphrase, not even the "
                                 "makers of this program. Without it the data are lost. Write it down "
                                 "and keep it in a safe place."))
        warning.setWordWrap(True)
        warning.setStyleSheet("background: #fbf1dc; border: 1px solid #e0c68c; padding: 8px;")
        layout.addWidget(warning)
        self.understood = QCheckBox(self.tr("I have &understood this and noted the passphrase."))
        layout.addWidget(self.understood)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.create_message = FieldMessage()
        layout.addWidget(self.create_message)
        back = QPushButton(icon("back"), self.tr("&Back"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_store_button = QPushButton(self.tr("Create &store"))
        self.create_store_button.setDefault(True)
        self.create_store_button.clicked.connect(self.create_store)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_store_button)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def demo_folder(self) -> Path:
        """Demo stores live beside the real one, never in its folder."""
        return self.folder.parent / f"{self.folder.name}-demo"

    def _start_laptop(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the office's invitation"),
                                                      str(Path.home()))
        if chosen:
            self.start_laptop(Path(chosen))

    def start_laptop(self, invitation: Path) -> None:
        self.choice_message.show_text("")
        try:
            Session.check_invitation(invitation)  # a small signed file: quick to check here
        except BeratungsError as error:
            self.choice_message.show_text(error_text(error))
            return
        self.demo_mode = False
        self.invitation = invitation
        self.create_heading.setText(self.tr("Set up this laptop"))
        self.where.setText(self.tr("Invitation: {file}\nThe store will be created in: {folder}").format(
            file=invitation.name, folder=self.folder))
        self.name_label.setText(self.tr("&Name of this laptop:"))
        self.name.setPlaceholderText(self.tr("e.g. Laptop Aylin"))
        self.name_row.show()
        self.pages.setCurrentIndex(1)

    def _start_office(self) -> None:
        self.demo_mode = False
        self.invitation = None
        self.name_label.setText(self.tr("&Name of the center:"))
        self.create_heading.setText(self.tr("Create the office store"))
        self.where.setText(self.tr("The store will be created in: {folder}").format(folder=self.folder))
        self.name_row.show()
        self.pages.setCurrentIndex(1)

    def _start_demo(self) -> None:
        self.invitation = None
        if store_exists(self.demo_folder()):
            self.open_existing.emit(str(self.demo_folder()))
            return
        self.demo_mode = True
        self.create_heading.setText(self.tr("Create the demo store"))
        self.where.setText(self.tr("The demo store holds invented cases only and is created in: "
                                   "{folder}").format(folder=self.demo_folder()))
        self.name_row.hide()
        self.pages.setCurrentIndex(1)

    def _choose_existing(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the store folder"),
                                                  str(self.folder.parent))
        if not chosen:
            return
        if not store_exists(Path(chosen)):
            self.choice_message.show_text(self.tr("This folder holds no BeratungsDesk store."))
            return
        self.open_existing.emit(chosen)

    def create_store(self) -> None:
        self.name_message.show_text("")
        self.create_message.show_text("")
        name = self.name.text().strip()
        demo_mode = self.demo_mode
        if not name and not demo_mode:
            self.name_message.show_text(self.tr("Please enter the name of the center."))
            self.name.setFocus()
            return
        passphrase = self.new_passphrase.passphrase()
        if passphrase is None:
            return
        if not self.understood.isChecked():
            self.create_message.show_text(self.tr("Please confirm that you have noted the passphrase."))
            return
        folder = self.demo_folder() if demo_mode else self.folder
        invitation = self.invitation
        self.progress.show()
        self.create_store_button.setEnabled(False)
        if invitation is not None:
            # Checks the invitation before creating anything; a failed join leaves no store.
            store_ops.create_laptop(folder, passphrase, name, invitation).run(
                self.runner, self, self._joined, self._failed)
            return
        store_ops.create_office(folder, passphrase, name, demo=demo_mode).run(
            self.runner, self, self._created, self._failed)

    def _code_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Compare the code with the office")))
        self.code_intro = QLabel()
        self.code_intro.setWordWrap(True)
        layout.addWidget(self.code_intro)
        self.code = QLabel()
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        font.setFamily("monospace")
        self.code.setFont(font)
        self.code.setAccessibleName(self.tr("Verification code"))
        self.code.setTextInteractionFlags(self.code.textInteractionFlags()
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.code)
        self.office_key = QLabel()
        self.office_key.setWordWrap(True)
        layout.addWidget(self.office_key)
        layout.addStretch(1)
        go = QPushButton(self.tr("&Continue to the program"))
        go.setDefault(True)
        go.clicked.connect(lambda: self.unlocked.emit(self.pending_info))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(go)
        layout.addLayout(row)
        return page

    def _joined(self, result: tuple[StoreInfo, str, str, str]) -> None:
        info, code, office_key, request_file = result
        self.new_passphrase.clear()
        self.pending_info = info
        self.code_intro.setText(self.tr(
            "The join request ({file}) was written next to the invitation. Give it to the office and "
            "compare this code with the one on the office's screen. After the office has enrolled "
            "this laptop, press \"Hand over\" to receive its first handover file.").format(file=request_file))
        self.code.setText(code)
        self.office_key.setText(self.tr("Office key: {key}").format(key=office_key))
        self.pages.setCurrentIndex(2)

    def _created(self, info: StoreInfo) -> None:
        self.new_passphrase.clear()
        self.unlocked.emit(info)

    def _failed(self, error: BeratungsError) -> None:
        self.progress.hide()
        self.create_store_button.setEnabled(True)
        self.create_message.show_text(error_text(error))
