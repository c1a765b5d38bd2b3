"""``demo``, ``import`` and ``import-csv``: getting data into a store."""

from __future__ import annotations

import argparse
from pathlib import Path

from beratungsdesk.cli.common import (
    PASSPHRASE_ENV,
    CliError,
    data_dir,
    new_passphrase,
    opened_store,
    passphrase,
)
from beratungsdesk.services import case_import, demo, network_import
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.stores import (
    DEFAULT_KDF_SECONDS,
    ROLE_OFFICE,
    init_store,
    open_store,
    store_exists,
)

IMPORT_KINDS = ("cases", "workshops", "partners")
DEMO_NAME = "Beratungsstelle gegen Alltagsrassismus (Demo)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill a new office store with a year of realistic synthetic cases")
    parser.add_argument("--cases", type=int, default=demo.DEMO_CASES,
                        help=f"number of cases (default {demo.DEMO_CASES})")
    parser.add_argument("--seed", type=int, default=2022, help="random seed (same seed, same data)")
    parser.add_argument("--kdf-seconds", type=float, default=DEFAULT_KDF_SECONDS)
    parser.set_defaults(handler=run_demo)

    importer = subparsers.add_parser(
        "import-csv", help="import a spreadsheet (CSV) of cases, workshops or partners, all rows or none")
    importer.add_argument("file", type=Path)
    importer.add_argument("--kind", choices=IMPORT_KINDS, default="cases",
                          help="what the rows are (default: cases)")
    importer.add_argument("--dry-run", action="store_true",
                          help="check every row and report, but write nothing")
    importer.set_defaults(handler=run_import)

    table = subparsers.add_parser(
        "import", help="import a table (.csv, .xlsx or .ods) of cases, workshops or partners, "
                       "all rows or none")
    table.add_argument("file", type=Path)
    table.add_argument("--kind", choices=IMPORT_KINDS, default="cases",
                       help="what the rows are (default: cases)")
    table.add_argument("--dry-run", action="store_true",
                       help="check every row and report, but write nothing")
    table.add_argument("--sheet", metavar="NAME",
                       help="the sheet of an .xlsx or .ods file (default: the first)")
    table.set_defaults(handler=run_import)


def run_demo(args: argparse.Namespace) -> int:
    folder = data_dir(args)
    if store_exists(folder):
        store = open_store(folder, passphrase(args))
    else:
        secret = new_passphrase(args, args.passphrase_file, PASSPHRASE_ENV)
        store = init_store(folder, secret, ROLE_OFFICE, DEMO_NAME, args.kdf_seconds)
    with store:
        if CaseService(store).count(CaseFilter()):
            raise CliError("demo fills only a new store: this one already holds cases")
        summary = demo.fill(store, cases=args.cases, seed=args.seed)
    print(f"Demo data in {folder}: {summary.cases} cases of {summary.clients} clients, "
          f"{summary.contacts} contacts, {summary.interventions} interventions, "
          f"{summary.notes} notes, {summary.counselors} counselors.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.kind != "cases":
        return _run_list_import(args)
    with opened_store(args) as store:
        report = case_import.import_cases(store, args.file, dry_run=args.dry_run,
                                          sheet=getattr(args, "sheet", None))
    verb = "Would import" if report.dry_run else "Imported"
    print(f"{verb} {report.cases} case(s) from {report.rows} row(s): "
          f"{report.clients_new} new client(s), {report.clients_reused} known client(s), "
          f"{report.interventions} intervention(s), {report.contacts} contact(s).")
    if report.already_imported:
        print(f"{report.already_imported} row(s) were imported before and were left as they are.")
    if report.counselors_new:
        print(f"New team member(s): {', '.join(report.counselors_new)}")
    return 0


def _run_list_import(args: argparse.Namespace) -> int:
    sheet = getattr(args, "sheet", None)
    with opened_store(args) as store:
        if args.kind == "workshops":
            report = network_import.import_workshops(store, args.file, dry_run=args.dry_run, sheet=sheet)
        else:
            report = network_import.import_partners(store, args.file, dry_run=args.dry_run, sheet=sheet)
    verb = "Would import" if report.dry_run else "Imported"
    print(f"{verb} {report.added} {args.kind} from {report.rows} row(s).")
    if report.already_present:
        print(f"{report.already_present} row(s) were already present and were left as they are.")
    return 0
