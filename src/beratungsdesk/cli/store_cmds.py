"""``init`` and ``passwd``."""

from __future__ import annotations

import argparse
from pathlib import Path

from beratungsdesk.cli.common import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    data_dir,
    new_passphrase,
    passphrase,
)
from beratungsdesk.services.stores import (
    DEFAULT_KDF_SECONDS,
    ROLES,
    change_passphrase,
    init_store,
    open_store,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="create a new encrypted store")
    init.add_argument("--role", choices=ROLES, required=True,
                      help="office (the central record) or counselor (a laptop)")
    init.add_argument("--name", required=True, help="name of the office or of this laptop")
    _kdf_option(init)
    init.set_defaults(handler=run_init)

    passwd = subparsers.add_parser("passwd", help="change the passphrase (the data stay as they are)")
    passwd.add_argument("--new-passphrase-file", type=Path, default=None,
                        help=f"read the new passphrase from a file (or set {NEW_PASSPHRASE_ENV})")
    _kdf_option(passwd)
    passwd.set_defaults(handler=run_passwd)


def _kdf_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kdf-seconds", type=float, default=DEFAULT_KDF_SECONDS,
                        help="time Argon2id may take to unlock on this machine "
                             f"(default {DEFAULT_KDF_SECONDS}; never below 64 MiB of memory)")


def run_init(args: argparse.Namespace) -> int:
    folder = data_dir(args)
    secret = new_passphrase(args, args.passphrase_file, PASSPHRASE_ENV)
    store = init_store(folder, secret, args.role, args.name, args.kdf_seconds)
    try:
        print(f"Created {'an office' if args.role == 'office' else 'a counselor'} store in {folder}.")
        print("Keep the passphrase safe: without it the store cannot be opened by anyone.")
    finally:
        store.close()
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    old = passphrase(args, "Current passphrase: ")
    with open_store(data_dir(args), old) as store:
        new = new_passphrase(args, args.new_passphrase_file, NEW_PASSPHRASE_ENV)
        change_passphrase(store, old, new, args.kdf_seconds)
    print("The passphrase was changed.")
    return 0
