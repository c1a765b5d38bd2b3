"""The one rule for file names the program writes from user data.

Document names arrive from counselors, from spreadsheets and from other devices (inside signed
bundles, but the signer may be hostile); exports, letters and reports are named after case
numbers and periods. Each such name must name exactly one file in the folder it is put in, on
every system the center uses: Windows (NTFS), macOS (APFS) and a FAT stick. ``safe_file_name``
is the only place those rules live; ``fit_in_folder`` also keeps the whole path short enough
for Windows programs that still stop at 260 characters.

The rules, and why:

- the last path part only (``/``, ``\\`` and ``:`` separate parts on one system or another), or
  for a name the program composed, every separator replaced by ``-``;
- no control or bidi characters (they disguise names: ``Fall<U+202E>fdp.exe``);
- ``< > " | ? *`` are forbidden on Windows and FAT: each becomes ``_``;
- no leading dots (``..``, hidden files), no trailing dots or spaces (Windows drops them, so
  ``brief.pdf.`` would silently become another file);
- Windows' device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``-``COM9``, ``LPT0``-``LPT9``,
  the superscript ports and ``CONIN$``/``CONOUT$``) open the device, whatever the extension
  (``nul.txt``, ``Con .pdf``): they get a leading ``_``;
- at most ``MAX_NAME_BYTES`` bytes in UTF-8 (ext4 and APFS count bytes; 255 UTF-16 units on
  NTFS and FAT are then always enough), cut at a character, the extension kept;
- NFC form, so a name typed on a Mac (NFD) and on Windows is the same name.

The result is never empty (``fallback``), and cleaning it again changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from beratungsdesk.core.text import CONTROL_OR_BIDI

__all__ = ["MAX_NAME_BYTES", "MAX_PATH_CHARS", "fit_in_folder", "is_safe_file_name", "safe_file_name"]

#: Bytes a name may take in UTF-8; below the 255 of ext4/APFS, with room for a "(2)" suffix.
MAX_NAME_BYTES = 200
#: Characters of a whole path that every Windows program can open (MAX_PATH less the NUL).
MAX_PATH_CHARS = 259
#: An extension longer than this is not one (``Bericht.2026 an das Amt``): it is cut with the stem.
_MAX_SUFFIX_CHARS = 10

_CONTROL = CONTROL_OR_BIDI  # the one list of core/text.py, tab included
_SEPARATORS = re.compile(r"[/\\:]")
_FORBIDDEN = re.compile(r'[<>"|?*]')
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"])


def safe_file_name(name: str | None, fallback: str = "document", composed: bool = False) -> str:
    """``name`` made into a file name that is safe on Windows, macOS and FAT (see the module).

    A name that came from elsewhere may be a path (``C:\\Users\\x\\brief.pdf``): its last part
    is kept. A name the program ``composed`` from user data (``Brief-2026/17.pdf``, a case
    number holding a slash) keeps every part, each separator becoming ``-``.
    """
    if composed:
        name = _SEPARATORS.sub("-", name or "")
    cleaned = _clean(name or "")
    return cleaned if cleaned else _clean(fallback) or "document"


def is_safe_file_name(name: str) -> bool:
    """Whether ``name`` already obeys every rule (what ``safe_file_name`` would leave as it is)."""
    return bool(name) and _clean(name) == name


def fit_in_folder(folder: PurePath, name: str, limit: int = MAX_PATH_CHARS) -> PurePath:
    """``folder / safe_file_name(name)``, the stem shortened so the whole path has at most
    ``limit`` characters where that is possible (a folder that is itself too long stays so)."""
    safe = safe_file_name(name)
    room = limit - len(str(folder / "x")) + 1  # characters left for the name itself
    if len(safe) > room:
        stem, suffix = _split_suffix(safe)
        keep = max(1, room - len(suffix))
        safe = _clean(stem[:keep] + suffix) or safe_file_name("")
    return folder / safe


def _clean(name: str) -> str:
    """One pass of every rule, repeated until nothing changes (so the result is idempotent)."""
    for _ in range(8):  # each pass only shortens or prefixes once; two passes settle it
        cleaned = _one_pass(name)
        if cleaned == name:
            return cleaned
        name = cleaned
    return name


def _one_pass(name: str) -> str:
    name = unicodedata.normalize("NFC", _CONTROL.sub("", name))
    name = _SEPARATORS.split(name)[-1]
    name = _FORBIDDEN.sub("_", name)
    name = name.strip().lstrip(".").rstrip(". ")
    if _device_name(name):
        name = "_" + name
    return _shorten(name).rstrip(". ")


def _device_name(name: str) -> bool:
    """Windows opens a device for ``CON``, ``con.txt``, ``Con .tar.gz``: the part before the
    first dot, without trailing spaces, decides."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def _split_suffix(name: str) -> tuple[str, str]:
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and len(suffix) <= _MAX_SUFFIX_CHARS:
        return stem, dot + suffix
    return name, ""


def _shorten(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, suffix = _split_suffix(name)
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")  # whole characters only
    return cut + suffix
