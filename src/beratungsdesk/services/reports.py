"""Figures, the short annual report, documents and the organisation profile.

The one API the CLI and the GUI call for everything in ``reports/``: it reads
from the store (``storage.statistics``), hands plain data to the pure builders
and writes the result atomically (temporary file in the target folder, then
rename), so a failed build never leaves half a PDF or CSV behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, NotFound, ValidationError
from beratungsdesk.reports import profile as profile_rules
from beratungsdesk.reports.letter import LetterDraft, complaint_draft
from beratungsdesk.reports.profile import OrganisationProfile
from beratungsdesk.reports.statistics import BREAKDOWNS, Breakdown, Cell, Statistics, compute
from beratungsdesk.services import office_rights
from beratungsdesk.services.protection import AuditService, ConsentService
from beratungsdesk.storage import files, queries
from beratungsdesk.storage import statistics as stats_queries
from beratungsdesk.storage.store import Store

__all__ = ["BREAKDOWNS", "Breakdown", "Cell", "LetterDraft", "OrganisationProfile", "ProfileService",
           "ReportService", "Statistics", "check_period", "profile_keys"]

LETTER_TEMPLATES = ("complaint",)

profile_keys = profile_rules.described_keys


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError("period_order", field="to")


class ProfileService:
    """Read and edit the organisation profile (synced ``setting`` rows)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def profile(self) -> OrganisationProfile:
        return profile_rules.from_settings(
            stats_queries.settings_with_prefix(self.store.conn, profile_rules.PREFIX))

    def set_text(self, key: str, text: str) -> None:
        if key == "logo":
            raise ValidationError("logo_format", field="logo")
        self._put(profile_rules.setting_key(key), profile_rules.text_value(text))

    def set_logo(self, content: bytes) -> None:
        self._put(profile_rules.setting_key("logo"), profile_rules.logo_value(content))

    def set_logo_file(self, path: Path) -> None:
        try:
            content = path.read_bytes()
        except OSError:
            raise BeratungsError("file_unreadable", field="file") from None
        self.set_logo(content)

    def reset(self, key: str) -> None:
        """Back to the default (a tombstone, so the reset travels to the laptops too)."""
        setting_id = profile_rules.setting_key(key)
        if setting_id not in stats_queries.settings_with_prefix(self.store.conn, setting_id):
            return
        office_rights.require_office(self.store, "setting")
        with self.store.unit_of_work() as uow:
            uow.delete("setting", setting_id)

    def _put(self, setting_id: str, value: str) -> None:
        office_rights.require_office(self.store, "setting")
        with self.store.unit_of_work() as uow:
            if stats_queries.setting_exists(self.store.conn, setting_id):
                uow.update("setting", setting_id, {"value": value, "deleted": False})
            else:
                uow.insert(model.Setting(id=setting_id, value=value))


class ReportService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.profiles = ProfileService(store)

    # --- figures ----------------------------------------------------------------

    def statistics(self, start: dt.date, end: dt.date, publication: bool = False,
                   lang: str = "de", who_and_when: bool = True) -> Statistics:
        """The period's figures; ``who_and_when=False`` without the cases by month, age band,
        gender and counselor (a pass over the period's cases the short report does not need)."""
        check_period(start, end)
        raw = stats_queries.period_figures(self.store.conn, start, end, who_and_when)
        return compute(raw, self.store.vocabulary(), publication, lang)

    def export_csv(self, statistics: Statistics, out: Path) -> Path:
        from beratungsdesk.reports.csv_export import figures_csv

        return write_atomically(out, figures_csv(statistics))

    # --- documents --------------------------------------------------------------

    def kurzbericht(self, start: dt.date, end: dt.date, out: Path, as_of: dt.date | None = None,
                    publication: bool = True) -> Path:
        """The short annual report as PDF. It is made to be published, so small numbers are
        withheld unless ``publication`` is False (a copy for the team's own use)."""
        from beratungsdesk.reports.kurzbericht import build_kurzbericht

        statistics = self.statistics(start, end, publication, lang="de", who_and_when=False)
        pdf = build_kurzbericht(statistics, self.profiles.profile(), self.store.vocabulary(),
                                as_of or dt.date.today())
        return write_atomically(out, pdf)

    def auskunft(self, client_code: str, out: Path, as_of: dt.date | None = None) -> Path:
        from beratungsdesk.reports.auskunft import build_auskunft

        client = queries.client_by_code(self.store.conn, client_code)
        if client is None:
            raise NotFound(entity="client", field="code")
        data = stats_queries.client_data(self.store.conn, client.id)
        pdf = build_auskunft(data, self.profiles.profile(), self.store.vocabulary(),
                             as_of or dt.date.today())
        written = write_atomically(out, pdf)
        audit_log = AuditService(self.store)
        audit_log.log_open("client", client.id)  # everything about the client was read ...
        audit_log.log("export", "client", client.id, detail="auskunft")  # ... and left the store
        return written

    def case_file(self, case_number: str, out: Path, as_of: dt.date | None = None) -> Path:
        """The whole case file as PDF ("a case on paper"). The file name is the caller's; the
        CLI and the window suggest one with the case number only, never a name."""
        from beratungsdesk.reports.case_file import build_case_file

        case_id = queries.case_id_by_number(self.store.conn, case_number)
        record = queries.case_record(self.store.conn, case_id)
        names = {c.id: c.name or "" for c in queries.counselors(self.store.conn, include_inactive=True)}
        pdf = build_case_file(record, names, self.profiles.profile(), self.store.vocabulary(),
                              as_of or dt.date.today())
        written = write_atomically(out, pdf)
        audit_log = AuditService(self.store)
        audit_log.log_open("case", case_id)  # the whole case was read ...
        audit_log.log("export", "case", case_id, detail="case_file")  # ... and left the store
        return written

    def letter_draft(self, case_number: str, template: str = "complaint",
                     on: dt.date | None = None) -> LetterDraft:
        """The editable starting point of a letter dated ``on``: recipient, subject and body."""
        if template not in LETTER_TEMPLATES:
            raise ValidationError("unknown_template", field="template")
        record = queries.case_record(self.store.conn,
                                     queries.case_id_by_number(self.store.conn, case_number))
        return complaint_draft(record, self.store.vocabulary(), on)

    def letter_consent_warning(self, case_number: str, on: dt.date | None = None) -> str | None:
        """``consent_missing``/``consent_withdrawn`` when the client has not agreed that the center
        contacts third parties (a letter does), else None."""
        case_id = queries.case_id_by_number(self.store.conn, case_number)
        return ConsentService(self.store).case_warning(case_id, "third_parties", on)

    def letter_draft_file(self, draft: LetterDraft, out: Path) -> Path:
        """The draft as editable text in ``out`` (for ``--from-file``), written like every file."""
        return write_atomically(out, draft.to_text().encode("utf-8"))

    def letter(self, draft: LetterDraft, out: Path, on: dt.date | None = None) -> Path:
        from beratungsdesk.reports.letter_pdf import build_letter

        pdf = build_letter(draft, self.profiles.profile(), on or dt.date.today())
        return write_atomically(out, pdf)


def write_atomically(out: Path, content: bytes) -> Path:
    """Write ``content`` to ``out`` with the store's atomic writer (private to the user, fsynced,
    the rename retried while a scanner holds the old file); any failure to write there is
    ``file_unwritable`` naming the option, and nothing is left behind."""
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        raise BeratungsError("file_unwritable", field="out")
    try:
        return files.write_atomically(out, content)
    except OSError:
        raise BeratungsError("file_unwritable", field="out") from None
