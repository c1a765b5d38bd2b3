"""Joint figures of several centers: the signed anonymous export and the joint report.

``export_anonymous`` (office only) writes the period's figures for publication (small
numbers withheld, nothing about a person) signed with the office's identity key, the key
its handover bundles are signed with. ``joint_report`` needs no store: it reads such files
from several centers, verifies each signature with the key the file carries, checks every
field (``reports/joint.py``), refuses a center given twice and files of different periods,
and writes one PDF. Every refusal names the file (its name only, never its folder).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.reports.joint import (
    MAX_CENTER_NAME,
    CenterFigures,
    JointFigures,
    JointFileError,
    combine,
    export_body,
    parse_center,
)
from beratungsdesk.services import office_rights
from beratungsdesk.services.reports import ReportService, write_atomically
from beratungsdesk.storage.statistics import settings_with_prefix
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import figures_file
from beratungsdesk.sync.identity import ensure_identity

#: The suffix the handbook suggests; any name is accepted.


@dataclass(frozen=True)
class ExportResult:
    path: Path
    center: str
    fingerprint: str


def center_name(store: Store) -> str:
    """The organisation's name from the profile, or the store's name when the profile has none
    (the profile's built-in default would make every center look alike)."""
    stored = settings_with_prefix(store.conn, "profile.name").get("profile.name")
    try:
        name = json.loads(stored) if stored else ""
    except ValueError:
        name = ""
    name = " ".join(str(name).split()) or store.name or "BeratungsDesk"
    return name[:MAX_CENTER_NAME]  # what a receiver accepts (reports/joint.py)


def export_anonymous(store: Store, start: dt.date, end: dt.date, out: Path) -> ExportResult:
    """The period's published figures, signed with the office's identity key."""
    office_rights.require_office(store, "figures")
    statistics = ReportService(store).statistics(start, end, publication=True, lang="de")
    center = center_name(store)
    identity = ensure_identity(store)
    created_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    content = figures_file.sign_figures(identity, export_body(statistics, center, created_at))
    written = write_atomically(out, content)
    return ExportResult(written, center, figures_file.identity_fingerprint(identity))


def read_center_file(path: Path) -> CenterFigures:
    """One center's file, verified and checked field by field."""
    try:
        with path.open("rb") as stream:  # never more than a file of figures can be
            content = stream.read(figures_file.MAX_FILE_BYTES + 1)
    except OSError:
        raise BeratungsError("figures_file_unreadable", file=path.name) from None
    try:
        opened = figures_file.open_figures(content)
    except figures_file.FiguresFileError as error:
        code = "figures_bad_signature" if error.reason == "bad_signature" else "figures_file_invalid"
        raise BeratungsError(code, file=path.name, value=error.detail or "file") from None
    try:
        return parse_center(opened.body, opened.fingerprint)
    except JointFileError as error:
        raise BeratungsError("figures_file_invalid", file=path.name, value=error.field) from None


def read_centers(paths: list[Path]) -> list[CenterFigures]:
    """All files, in the order given; refuses a center twice and mixed periods."""
    if not paths:
        raise BeratungsError("figures_none")
    centers: list[CenterFigures] = []
    for path in paths:
        center = read_center_file(path)
        for earlier in centers:
            if earlier.fingerprint == center.fingerprint or \
                    earlier.center.casefold() == center.center.casefold():
                raise BeratungsError("figures_duplicate", file=path.name, value=center.center)
        if centers and (center.start, center.end) != (centers[0].start, centers[0].end):
            raise BeratungsError("figures_period_mixed", file=path.name,
                                 value=f"{center.start.isoformat()} – {center.end.isoformat()}",
                                 expected=f"{centers[0].start.isoformat()} – {centers[0].end.isoformat()}")
        centers.append(center)
    return centers


def joint_report(paths: list[Path], out: Path | None) -> JointFigures:
    """Read, check and add up the files; write the PDF to ``out`` when given."""
    figures = combine(read_centers(paths))
    if out is not None:
        from beratungsdesk.reports.joint_pdf import build_joint

        write_atomically(out, build_joint(figures))
    return figures
