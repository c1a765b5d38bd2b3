"""The Qt part of ``beratungsdesk --self-test``: can this machine show the app?

Starts the Qt platform (offscreen when there is no display, so support staff
can run the self-test over SSH too), renders a widget, and checks that the
resources an installation must carry are found: the application icon (PNG
and SVG, which needs Qt's SVG plugin) and the German translation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from beratungsdesk.services.selftest import SelfTestFailure


def needs_offscreen(environ: Mapping[str, str], platform: str) -> bool:
    """True on Linux/BSD without a display and without a chosen Qt platform."""
    if platform in ("win32", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def check_qt_platform(_folder: Path | None = None) -> str:
    if needs_offscreen(os.environ, sys.platform):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel

    from beratungsdesk.gui.common import RESOURCES, app_icon, icon

    _app = QApplication.instance() or QApplication(["beratungsdesk"])  # held while widgets are drawn
    label = QLabel("BeratungsDesk äöü")
    label.adjustSize()
    if label.grab().isNull():
        raise SelfTestFailure(f"Qt platform {QGuiApplication.platformName()} cannot render a widget")
    sizes = app_icon().availableSizes()
    if len(sizes) < 7:
        raise SelfTestFailure(f"application icon: {len(sizes)} of 7 sizes found")
    if icon("app").pixmap(64, 64).isNull():
        raise SelfTestFailure("the SVG icons cannot be drawn (Qt's SVG plugin is missing)")
    translator = QTranslator()
    if not translator.load("beratungsdesk_de", str(RESOURCES / "translations")) or translator.isEmpty():
        raise SelfTestFailure("the German translation (beratungsdesk_de.qm) is missing")
    return f"platform {QGuiApplication.platformName()}; widget drawn, icons and German translation found"
