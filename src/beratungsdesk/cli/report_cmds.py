"""``stats``, ``report kurzbericht|auskunft|letter`` and ``profile show|set|reset``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path

from beratungsdesk.cli.common import CliError, code_label, opened_store, table
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.validation import parse_date
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.services import joint_report, messages
from beratungsdesk.services.reports import (
    BREAKDOWNS,
    LetterDraft,
    ProfileService,
    ReportService,
    Statistics,
    profile_keys,
)
from beratungsdesk.services.stores import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    stats = subparsers.add_parser(
        "stats", help="figures of a period (a case counts in the period it was opened)")
    _period_options(stats)
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.add_argument("--csv", type=Path, metavar="FILE",
                       help="also write the figures as CSV (semicolons, UTF-8 with BOM, for Excel)")
    stats.add_argument("--publication", action="store_true",
                       help="for publishing: show counts below 3 as \"< 3\" and withhold their shares")
    stats.add_argument("--export-anonymous", dest="export_anonymous", type=Path, metavar="FILE",
                       help="also write the period's figures without personal data (small numbers "
                            "withheld), signed with the office's key, for a joint report (office only)")
    stats.set_defaults(handler=run_stats)

    report = subparsers.add_parser("report", help="write the short report, an access export or a letter")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    short = kinds.add_parser("kurzbericht", help="the short annual report as PDF")
    _period_options(short)
    short.add_argument("--out", type=Path, required=True, help="PDF file to write")
    short.add_argument("--as-of", dest="as_of", help="date for \"Stand:\" (default: today)")
    # The short report is for publishing: withholding small numbers is the default;
    # --publication stays accepted, --no-publication makes a copy for internal use.
    short.add_argument("--publication", action=argparse.BooleanOptionalAction, default=True,
                       help="show counts below 3 as \"< 3\" and withhold their shares (the default; "
                            "--no-publication shows every number, for internal use only)")
    short.set_defaults(handler=run_kurzbericht)

    access = kinds.add_parser("auskunft", help="everything stored about one client (GDPR art. 15)")
    access.add_argument("client", help="client code")
    access.add_argument("--out", type=Path, required=True, help="PDF file to write")
    access.add_argument("--as-of", dest="as_of", help="date printed as \"Stand\" (default: today)")
    access.set_defaults(handler=run_auskunft)

    _register_case_and_joint(kinds)

    letter = kinds.add_parser("letter", help="a letter on the letterhead, from a case")
    letter.add_argument("case", help="case number, e.g. 2022-0042")
    letter.add_argument("--template", choices=("complaint",), default="complaint")
    letter.add_argument("--out", type=Path, help="PDF file to write")
    letter.add_argument("--draft-out", type=Path, metavar="FILE",
                        help="write the proposed letter as an editable text file instead of a PDF")
    letter.add_argument("--from-file", type=Path, metavar="FILE",
                        help="use recipient, subject and body from an edited text file")
    letter.add_argument("--recipient", help="recipient address (use \\n or several lines)")
    letter.add_argument("--subject", help="subject line")
    letter.add_argument("--body-file", type=Path, metavar="FILE", help="body text from a file")
    letter.add_argument("--date", help="date of the letter (default: today)")
    letter.set_defaults(handler=run_letter)

    profile = subparsers.add_parser("profile", help="the organisation profile (letterhead, report texts)")
    actions = profile.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show the profile")
    show.set_defaults(handler=run_profile_show)
    keys = ", ".join(key for key, _ in profile_keys())
    setter = actions.add_parser("set", help=f"set one entry ({keys})")
    setter.add_argument("key")
    setter.add_argument("value", nargs="?", help="the text (or use --file)")
    setter.add_argument("--file", type=Path, help="read the text or the logo image from a file")
    setter.set_defaults(handler=run_profile_set)
    reset = actions.add_parser("reset", help="back to the default for one entry")
    reset.add_argument("key")
    reset.set_defaults(handler=run_profile_reset)


def _register_case_and_joint(kinds: argparse._SubParsersAction) -> None:
    case = kinds.add_parser("case", help="the whole case file as PDF (client, case, contacts, "
                                         "interventions, notes, documents list)")
    case.add_argument("case", help="case number, e.g. 2022-0042")
    case.add_argument("--out", type=Path, required=True, help="PDF file to write")
    case.add_argument("--as-of", dest="as_of", help="date printed as \"Stand\" (default: today)")
    case.set_defaults(handler=run_case_file)

    joint = kinds.add_parser("joint", help="one report of several centers from their signed "
                                           "anonymous figures (stats --export-anonymous)")
    joint.add_argument("files", type=Path, nargs="+", metavar="FILE", help="files of anonymous figures")
    joint.add_argument("--out", type=Path, help="PDF file to write")
    joint.add_argument("--json", action="store_true", help="print the joint figures as JSON")
    joint.set_defaults(handler=run_joint)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, help="first day (YYYY-MM-DD or DD.MM.YYYY)")
    parser.add_argument("--to", dest="end", required=True, help="last day, included")


def _date(text: str | None, option: str, default: dt.date | None = None) -> dt.date:
    if text is None:
        assert default is not None
        return default
    return parse_date(text, option)


# --- stats ---------------------------------------------------------------------------

def run_stats(args: argparse.Namespace) -> int:
    start, end = _date(args.start, "from"), _date(args.end, "to")
    with opened_store(args) as store:
        service = ReportService(store)
        statistics = service.statistics(start, end, args.publication, lang=args.lang)
        vocabulary = store.vocabulary()
        kept = kept_appointments(store, start, end, args.publication)
        if args.csv:
            german = service.statistics(start, end, args.publication, lang="de")
            service.export_csv(german, args.csv)
        exported = (joint_report.export_anonymous(store, start, end, args.export_anonymous)
                    if args.export_anonymous else None)
    if args.json:
        json.dump({**statistics.to_json(), "appointments_kept_by_town": kept}, sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
    else:
        print(format_statistics(statistics, vocabulary))
        print("Appointments kept:      " + (", ".join(
            f"{code_label(vocabulary, 'town', town, args.lang) if town else '-'} {count}"
            for town, count in kept.items()) or "-"))
    if args.csv:
        print(f"CSV written to {args.csv}", file=sys.stderr)
    if exported:
        print(f"Anonymous figures of \"{exported.center}\" written to {exported.path}; "
              f"key fingerprint {exported.fingerprint}", file=sys.stderr)
    return 0


def kept_appointments(store: Store, start: dt.date, end: dt.date, publication: bool) -> dict[str, object]:
    """Appointments kept in the period per town (issue 18); for publication 1 and 2 read "< 3"
    like every small number of the figures."""
    from beratungsdesk.services.week import WeekService

    kept = WeekService(store).kept_by_town(start, end)
    return {town: ("< 3" if publication and 0 < count < 3 else count) for town, count in sorted(kept.items())}


def format_statistics(stats: Statistics, vocabulary: Vocabulary) -> str:
    lang = stats.lang
    average = "-" if stats.avg_hours_per_case is None else f"{stats.avg_hours_per_case}"
    lines = [
        f"Period:                 {stats.start} to {stats.end}"
        + ("  (for publication)" if stats.publication else ""),
        f"People seeking advice:  {stats.clients.text(lang)}",
        f"Cases:                  {stats.cases.text(lang)}",
        f"Contacts:               {stats.contacts.text(lang)}",
        f"Hours in total:         {stats.hours_total if not stats.cases.suppressed else '-'}",
        f"Average hours per case: {average}",
    ]
    for spec in BREAKDOWNS:
        breakdown = stats.breakdowns.get(spec.key)
        if breakdown is None:
            continue
        rows = [[cell.label, cell.count_text(), "" if cell.suppressed else f"{cell.percent}%"]
                for cell in breakdown.cells if cell.count or spec.key in ("areas", "status")]
        if not rows:
            continue
        lines += ["", spec.title(lang), table(["", "Count", "Share"], rows)]
    if stats.workshops is not None and stats.workshops.total:
        rows = [[vocabulary.label("workshop_type", code, lang), str(count), str(people)]
                for code, count, people in stats.workshops.in_order(vocabulary)]
        rows.append(["Total", str(stats.workshops.total), str(stats.workshops.participants)])
        lines += ["", "Workshops held", table(["", "Workshops", "Participants"], rows)]
    if stats.partners:
        rows = [[vocabulary.label("partner_kind", code, lang), str(count)]
                for code, count in stats.partners.items()]
        lines += ["", "Network partners", table(["", "Count"], rows)]
    lines += ["", f"Cooperation meetings: {stats.meetings or 0}",
              f"Referred to partners: {stats.referrals_to}, referred by partners: {stats.referrals_from}",
              f"Referral interventions: {stats.referrals or 0}"]
    return "\n".join(lines)


# --- documents -----------------------------------------------------------------------

def run_kurzbericht(args: argparse.Namespace) -> int:
    start, end = _date(args.start, "from"), _date(args.end, "to")
    as_of = _date(args.as_of, "as_of", dt.date.today())
    with opened_store(args) as store:
        ReportService(store).kurzbericht(start, end, args.out, as_of, args.publication)
    print(f"Short report written to {args.out}")
    return 0


def run_case_file(args: argparse.Namespace) -> int:
    as_of = _date(args.as_of, "as_of", dt.date.today())
    with opened_store(args) as store:
        ReportService(store).case_file(args.case, args.out, as_of)
    print(f"Case file written to {args.out}")
    return 0


def run_joint(args: argparse.Namespace) -> int:
    if not args.out and not args.json:
        raise CliError("give --out FILE.pdf to write the joint report, or --json")
    figures = joint_report.joint_report(args.files, args.out)
    notes = sys.stderr if args.json else sys.stdout
    for number, center in enumerate(figures.centers, start=1):
        print(f"{number}. {center.center}: key fingerprint {center.fingerprint}", file=notes)
    print("Compare each fingerprint with the one the center gave you (beratungsdesk sync identity).",
          file=notes)
    if args.json:
        json.dump(figures.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    if args.out:
        print(f"Joint report of {len(figures.centers)} centers written to {args.out}", file=notes)
    return 0


def run_auskunft(args: argparse.Namespace) -> int:
    as_of = _date(args.as_of, "as_of", dt.date.today())
    with opened_store(args) as store:
        ReportService(store).auskunft(args.client, args.out, as_of)
    print(f"Subject access export written to {args.out}")
    return 0


def run_letter(args: argparse.Namespace) -> int:
    if not args.out and not args.draft_out:
        raise CliError("give --out FILE.pdf to write the letter or --draft-out FILE.txt for a draft")
    on = _date(args.date, "date", dt.date.today())
    with opened_store(args) as store:
        service = ReportService(store)
        draft = service.letter_draft(args.case, args.template, on)
        draft = _edited(draft, args)
        _warn_about_consent(service.letter_consent_warning(args.case, on), store.vocabulary())
        if args.draft_out:
            service.letter_draft_file(draft, args.draft_out)
            print(f"Draft written to {args.draft_out}; edit it, then use --from-file")
            return 0
        service.letter(draft, args.out, on)
    print(f"Letter written to {args.out}")
    return 0


def _warn_about_consent(code: str | None, vocab: Vocabulary) -> None:
    """A letter tells the respondent about the client: say so when no consent covers it.

    A warning, not a refusal: the consent may have been given on paper and not yet recorded.
    """
    if code:
        scope = vocab.label("consent_scope", "third_parties", "en").lower()
        print(f"warning: {messages.describe(BeratungsError(code, scope=scope))}", file=sys.stderr)


def _edited(draft: LetterDraft, args: argparse.Namespace) -> LetterDraft:
    if args.from_file:
        draft = LetterDraft.from_text(draft.case_number, _read(args.from_file))
    changes = {}
    if args.recipient is not None:
        changes["recipient"] = args.recipient.replace("\\n", "\n")
    if args.subject is not None:
        changes["subject"] = args.subject
    if args.body_file is not None:
        changes["body"] = _read(args.body_file)
    return replace(draft, **changes)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise BeratungsError("file_unreadable", field="file") from None


# --- profile -------------------------------------------------------------------------

def run_profile_show(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        profile = ProfileService(store).profile()
    rows = []
    for key, description in profile_keys():
        if key == "logo":
            value = (f"{profile.logo.media_type}, {len(profile.logo.data)} bytes"
                     if profile.logo else "")
        elif key.startswith("text."):
            value = profile.texts.get(key[5:], "")
        elif key.startswith("offer."):
            value = profile.offers.get(key[6:], "")
        else:
            value = getattr(profile, key)
        short = " / ".join(value.split("\n"))
        rows.append([key, short[:70] + ("…" if len(short) > 70 else ""), description])
    print(table(["Key", "Value", "Meaning"], rows))
    return 0


def run_profile_set(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = ProfileService(store)
        if args.key == "logo":
            if not args.file:
                raise CliError("give the logo image with --file FILE (PNG or JPEG)")
            service.set_logo_file(args.file)
        else:
            if (args.value is None) == (args.file is None):
                raise CliError("give either a VALUE or --file FILE")
            service.set_text(args.key, args.value if args.file is None else _read(args.file))
    print(f"Profile entry {args.key} saved")
    return 0


def run_profile_reset(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        ProfileService(store).reset(args.key)
    print(f"Profile entry {args.key} reset to the default")
    return 0
