"""``demo`` and ``import-csv``: getting data into a store."""

from __future__ import annotations

import argparse

from beratungsdesk.cli.common import PASSPHRASE_ENV, CliError, data_dir, new_passphrase, passphrase
from beratungsdesk.services import demo
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.stores import (
    DEFAULT_KDF_SECONDS,
    ROLE_OFFICE,
    init_store,
    open_store,
    store_exists,
)

DEMO_NAME = "Beratungsstelle gegen Alltagsrassismus (Demo)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill a new office store with a year of realistic synthetic cases")
    parser.add_argument("--cases", type=int, default=60, help="number of cases (default 60)")
    parser.add_argument("--seed", type=int, default=2022, help="random seed (same seed, same data)")
    parser.add_argument("--kdf-seconds", type=float, default=DEFAULT_KDF_SECONDS)
    parser.set_defaults(handler=run_demo)


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
