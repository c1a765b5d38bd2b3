"""Small pieces every view uses: resources, translation, settings, error text."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtGui import QIcon, QPixmap

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.resources import resource_dir
from beratungsdesk.services import messages

#: ``resources/`` of the source tree or of the installed build (see ``core/resources.py``).
RESOURCES = resource_dir()
LANGUAGES = ("de", "en")
DEFAULT_AUTO_LOCK_MINUTES = 5


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; it is translated where it is shown.

    PySide6's own marker is typed as returning ``object``; this one says what it returns.
    """
    return text


def translated(context: str, text: str) -> str:
    """Translate a string marked elsewhere (``QT_TRANSLATE_NOOP``); lupdate skips this call."""
    return QCoreApplication.translate(context, text)


def duration_text(minutes: int) -> str:
    """A duration in hours and minutes, leaving out a part that is zero ("1 min", "2 h")."""
    hours, rest = divmod(max(int(minutes), 0), 60)
    if hours and rest:
        return translated("Duration", "{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return translated("Duration", "{hours} h").format(hours=hours)
    return translated("Duration", "{minutes} min").format(minutes=rest)


#: Marked for the translation file (``duration_text`` looks them up by these texts).
_DURATION_TEXTS = (QT_TRANSLATE_NOOP("Duration", "{hours} h {minutes} min"),
                   QT_TRANSLATE_NOOP("Duration", "{hours} h"),
                   QT_TRANSLATE_NOOP("Duration", "{minutes} min"))


#: The stroke colour of the line icons, and what it becomes on a selected (dark) row.
_ICON_COLOUR, _SELECTED_COLOUR = b"#2f6f73", b"#ffffff"


@functools.cache
def icon(name: str) -> QIcon:
    """An SVG icon from ``resources/icons`` (scales cleanly on high-DPI screens).

    Qt renders an SVG icon only when it is painted, at the size needed; cached
    because a main window asks for about fifty (QIcon is implicitly shared).
    """
    path = RESOURCES / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


@functools.cache
def nav_icon(name: str) -> QIcon:
    """:func:`icon` plus a white variant for the navigation's dark selected row."""
    path = RESOURCES / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    result = QIcon(str(path))
    white = path.read_bytes().replace(_ICON_COLOUR, _SELECTED_COLOUR)
    for size in (16, 22, 32, 44, 64):  # rendered at each size: sharp at any scale
        sized = white.replace(b"<svg ", f'<svg width="{size}" height="{size}" '.encode(), 1)
        pixmap = QPixmap()
        if pixmap.loadFromData(sized, "SVG"):
            result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result


def app_icon() -> QIcon:
    """The application icon: the rendered PNG sizes (``tools/make_icons.py``) plus the SVG.

    Taskbars and window decorations pick the nearest size; the PNGs also work
    where Qt's SVG plugin is missing.
    """
    result = QIcon()
    for path in sorted((RESOURCES / "icons" / "app").glob("app-*.png")):
        result.addFile(str(path))
    svg = RESOURCES / "icons" / "app.svg"
    if svg.exists():
        result.addFile(str(svg))
    return result


def error_text(error: BaseException) -> str:
    """A translated sentence for an error (never its raw ``str``, which is for logs)."""
    if isinstance(error, BeratungsError):
        return "\n".join(messages.describe_all(error, QCoreApplication.translate))
    return messages.describe(BeratungsError("error"), QCoreApplication.translate)


def field_label(field: str) -> str:
    return messages.field_label(field, translated)


class AppSettings:
    """Non-secret, non-personal preferences (QSettings). Never passphrases or case data."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings or QSettings()

    def _get(self, key: str, default: object) -> object:
        value = self.q.value(key, default)
        return default if value is None else value

    @property
    def language(self) -> str:
        value = str(self._get("ui/language", "de"))
        return value if value in LANGUAGES else "de"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def auto_lock_minutes(self) -> int:
        try:
            return max(1, min(120, int(str(self._get("security/auto_lock_minutes",
                                                      DEFAULT_AUTO_LOCK_MINUTES)))))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, value: int) -> None:
        self.q.setValue("security/auto_lock_minutes", int(value))

    @property
    def handover_folder(self) -> str:
        return str(self._get("handover/folder", ""))

    @handover_folder.setter
    def handover_folder(self, value: str) -> None:
        self.q.setValue("handover/folder", value)

    @property
    def store_folder(self) -> str:
        return str(self._get("store/folder", ""))

    @store_folder.setter
    def store_folder(self, value: str) -> None:
        self.q.setValue("store/folder", value)

    @property
    def outreach_town(self) -> str:
        return str(self._get("outreach/town", ""))

    @outreach_town.setter
    def outreach_town(self, value: str) -> None:
        self.q.setValue("outreach/town", value)

    @property
    def auto_handover(self) -> bool:
        """Hand over by itself when the handover folder becomes reachable (on unless switched off)."""
        return str(self._get("handover/automatic", "true")).lower() not in ("false", "0")

    @auto_handover.setter
    def auto_handover(self, value: bool) -> None:
        self.q.setValue("handover/automatic", "true" if value else "false")

    def geometry(self, name: str) -> QByteArray | None:
        value = self.q.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"geometry/{name}", value)
