"""Start of the desktop app: Qt set-up, translations, and the lock/unlock cycle.

``run(argv)`` receives the launcher's global options (``--data-dir DIR``,
``--lang de|en``). Without a store in the folder the first-start window opens,
otherwise the unlock window. Locking (Ctrl+L or inactivity) destroys the main
window with everything it showed, closes the store on the worker thread and
wipes the temp copies of opened documents.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from beratungsdesk import __version__
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import LANGUAGES, RESOURCES, AppSettings, app_icon, error_text
from beratungsdesk.gui.memory import thaw
from beratungsdesk.gui.ops import drafts as draft_ops
from beratungsdesk.gui.ops import store as store_ops
from beratungsdesk.gui.preload import Preloader
from beratungsdesk.gui.single_instance import InstanceServer, send_to_running
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.folders import default_data_dir, store_exists

if TYPE_CHECKING:  # imported when needed: the unlock window comes first (gui/preload.py)
    from beratungsdesk.gui.main_window import MainWindow
    from beratungsdesk.services.session import StoreInfo

log = logging.getLogger(__name__)

#: Events that count as "someone is using the program" for the auto-lock.
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="beratungsdesk", add_help=False)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--passphrase-file", type=Path)  # CLI option; the app always asks
    # Optional value: a desktop launcher's "--open-bundle %f" started without a file passes none.
    parser.add_argument("--open-bundle", type=Path, nargs="?")
    known, _rest = parser.parse_known_args(list(argv))
    return known


def install_translations(app: QApplication, language: str,
                         previous: Sequence[QTranslator] = ()) -> list[QTranslator]:
    """Our own strings and Qt's (dialog buttons); English needs only the plural forms of
    our texts with a number (``beratungsdesk_en``: "%n cases" -> "1 case").

    ``previous`` (what an earlier call returned) is removed first, so the
    language can change while the program runs.
    """
    for translator in previous:
        app.removeTranslator(translator)
    installed: list[QTranslator] = []
    german = language == "de"
    QLocale.setDefault(QLocale(QLocale.Language.German if german else QLocale.Language.English,
                               QLocale.Country.Germany if german else QLocale.Country.UnitedKingdom))
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    wanted = [(f"beratungsdesk_{language}", RESOURCES / "translations")]
    if language != "en":  # Qt's own texts are English already
        wanted.append((f"qtbase_{language}", qt_folder))
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found", name)
    return installed


class InactivityLock(QObject):
    """Fires ``timeout`` after ``minutes`` without keyboard or mouse input.

    ``interval_ms`` (tests, the lock-cycle driver) replaces the minutes, also later ones."""

    def __init__(self, minutes: int, parent: QObject | None = None, interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.interval_ms = interval_ms
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(self.interval_ms or max(1, minutes) * 60_000)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class AppController(QObject):
    """Owns the windows and the worker; moves between unlock, main window and lock."""

    def __init__(self, app: QApplication, folder: Path, settings: AppSettings | None = None,
                 open_bundle: Path | None = None, idle_timeout_ms: int | None = None) -> None:
        super().__init__()
        self.open_bundle = open_bundle  # taken in once the store is unlocked
        self.app = app
        self.folder = folder
        self.settings = settings or AppSettings()
        self.runner = Runner(self)
        self.window: QWidget | None = None
        self.main: MainWindow | None = None
        self.preloader: Preloader | None = None
        self.translators: list[QTranslator] = []
        self.inactivity = InactivityLock(self.settings.auto_lock_minutes, self, idle_timeout_ms)
        self.inactivity.timer.timeout.connect(lambda: self.lock(automatic=True))
        app.installEventFilter(self.inactivity)
        app.installEventFilter(self)  # FileOpen: a handover file opened from the desktop

    def start(self) -> None:
        if store_exists(self.folder):
            self.show_unlock()
        else:
            from beratungsdesk.gui.first_start import FirstStartWindow

            first = FirstStartWindow(self.runner, self.folder)
            first.unlocked.connect(self.on_unlocked)
            first.open_existing.connect(self.switch_store)
            self._show(first)

    def _show(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.close()
            old.deleteLater()

    def show_unlock(self, notice: str = "") -> None:
        unlock = UnlockWindow(self.runner, self.folder, notice)
        unlock.unlocked.connect(self.on_unlocked)
        unlock.other_store.connect(self.switch_store)
        self._show(unlock)
        if self.preloader is None:  # the main window's code, while the passphrase is typed
            self.preloader = Preloader(self.runner, self)
            self.preloader.start_after_paint(unlock)

    def switch_store(self, folder: str) -> None:
        self.folder = Path(folder)
        self.settings.store_folder = folder
        self.start()

    def on_unlocked(self, info: StoreInfo, page: str = "") -> None:
        # The store may live elsewhere than the folder asked for (a new demo store sits beside
        # it); locking must ask for the passphrase of the store that is open.
        self.folder = Path(info.folder)
        from beratungsdesk.gui.main_window import MainWindow  # usually preloaded by now

        main = MainWindow(self.runner, self.settings, info)
        main.lock_requested.connect(lambda: self.lock(automatic=False))
        main.auto_lock_changed.connect(self.inactivity.set_minutes)
        main.language_changed.connect(self.change_language)
        self.main = main
        if page:
            main.show_page(page)
        self._show(main)
        self.inactivity.timer.start()
        main.drafts.offer()  # input kept at the last lock comes back
        if self.open_bundle is not None:
            bundle, self.open_bundle = self.open_bundle, None
            self.take_bundle(bundle)

    def take_bundle(self, path: Path) -> None:
        """Take in a handover file on the handover page: now if unlocked, else after unlocking."""
        main = self.main
        if self.window is not None:  # sent from a second start: bring this app to the front
            if self.window.isMinimized():
                self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
        if main is None:
            self.open_bundle = path
            return
        main.show_page("handover")
        main.handover.import_file(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # macOS hands a double-clicked document to the running app as a FileOpen event
        # (CFBundleDocumentTypes in build_installer.spec), not on the command line.
        if event.type() == QEvent.Type.FileOpen and watched is self.app:
            assert isinstance(event, QFileOpenEvent)
            self.take_bundle(Path(event.file()).resolve())
            return True
        return False

    def set_language(self, language: str) -> None:
        self.translators = install_translations(self.app, language, self.translators)

    def change_language(self, language: str) -> None:
        """Switch the language at once: new translators, then a new main window.

        Every view sets its texts when it is built, so building the window
        again (the store stays open on the worker) translates all of it,
        without a retranslate method in each view that could forget a label.
        An open case with unsaved input is saved or discarded first, as when
        locking; if the user cancels, or a quick entry is half typed, the
        language changes at the next start.
        """
        main = self.main
        if main is None:
            self.set_language(language)
            return
        if main.has_unsaved_quick_entry():
            main.settings_view.show_language_pending()  # never drop a half-typed entry
            return
        main.settings_view.show_language_pending()  # stays only if the user cancels below
        main.maybe_leave(lambda: self._rebuild_main_window(language))

    def _rebuild_main_window(self, language: str) -> None:
        old, self.main = self.main, None
        if old is None:
            return
        page = old.current_page()
        thaw()
        self.runner.invalidate()  # answers meant for the old window's views
        old.save_geometry()
        old.clear()
        old._closing_confirmed = True
        self.set_language(language)
        self.on_unlocked(old.info, page)

    def lock(self, automatic: bool) -> None:
        """Lock now; whatever is typed and not saved is kept as a draft in the store (issue 14).

        Ctrl+L asks nothing either: the input comes back after unlocking.
        """
        if self.main is not None:
            self._lock_now(automatic)

    def _lock_now(self, automatic: bool = True) -> None:
        main, self.main = self.main, None
        if main is None:
            return
        self.inactivity.timer.stop()
        drafts = main.drafts.states()  # before the widgets are emptied
        # Drafts read after unlocking and settled since are replaced; if they were not read yet
        # (locked at once), the ones in the store stay and only these are added.
        replace = main.drafts.restored is not None
        thaw()  # the window's objects go now; cycles among them must be collectable
        self.runner.invalidate()  # answers still under way must not reach any view
        main.save_geometry()
        main.clear()
        draft_ops.keep_drafts(drafts, replace=replace).run(self.runner, failed=self._drafts_not_kept)
        store_ops.lock().run(self.runner)
        notice = ""
        if drafts:
            notice = QCoreApplication.translate(
                "AppController", "Locked. Input that was not saved is kept and comes back after unlocking.")
        elif automatic:
            notice = QCoreApplication.translate("AppController", "Locked after inactivity.")
        main._closing_confirmed = True
        self.show_unlock(notice)

    def _drafts_not_kept(self, error: BeratungsError) -> None:
        window = self.window
        if isinstance(window, UnlockWindow):
            window.show_message(QCoreApplication.translate(
                "AppController", "The input that was not saved could not be kept: {problem}").format(
                    problem=error_text(error)))

    def shutdown(self) -> None:
        thaw()
        self.app.removeEventFilter(self)
        self.app.removeEventFilter(self.inactivity)
        self.inactivity.timer.stop()
        self.runner.shutdown()


def run(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("BeratungsDesk")
    app.setApplicationName("BeratungsDesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("beratungsdesk")  # Wayland: the window belongs to beratungsdesk.desktop
    settings = AppSettings()
    folder = (args.data_dir or (Path(settings.store_folder) if settings.store_folder
                                else default_data_dir())).resolve()
    bundle = args.open_bundle.resolve() if args.open_bundle else None
    if bundle is not None and send_to_running(folder, bundle):
        return 0  # the app already running on this store takes the file in
    controller = AppController(app, folder, settings, bundle)
    controller.set_language(args.lang or settings.language)
    instances = InstanceServer(folder, controller)
    instances.file_received.connect(lambda path: controller.take_bundle(Path(path)))
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()
