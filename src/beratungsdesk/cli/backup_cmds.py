"""``backup create``, ``backup verify`` and ``backup restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from beratungsdesk.cli.common import data_dir, passphrase
from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.services import backup
from beratungsdesk.services.stores import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help="encrypted backups of the store: create, verify, restore")
    commands = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = commands.add_parser("create", help="write a consistent, encrypted backup into a folder")
    create.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="backup folder (external disk or NAS); the erasure journal is kept there too")
    create.set_defaults(handler=run_create)

    verify = commands.add_parser("verify", help="check that a backup is complete, unaltered and opens")
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.set_defaults(handler=run_verify)

    restore = commands.add_parser("restore", help="verify a backup and build a new store folder from it")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--to", type=Path, required=True, metavar="DIR",
                         help="new, empty folder for the restored store")
    restore.add_argument("--journal", type=Path, default=None, metavar="FILE",
                         help="erasure journal to re-apply (default: the one beside FILE)")
    restore.set_defaults(handler=run_restore)


def run_create(args: argparse.Namespace) -> int:
    folder, secret = data_dir(args), passphrase(args)
    try:
        store = open_store(folder, secret)
    except StoreError as error:
        if error.code != StoreErrorCode.LOCKED:
            raise
        # The app has the store open: back up beside it (its saves wait while the files are read).
        store = backup.open_beside(folder, secret)
    with store:
        path = backup.BackupService(store).create(args.out)
    print(path)
    return 0


def run_verify(args: argparse.Namespace) -> int:
    verified = backup.verify(args.file, passphrase(args, "Passphrase of the backup: "))
    print(f"OK: backup of {verified.created:%Y-%m-%d %H:%M} UTC ({verified.role}), "
          f"{verified.counts.get('cases', 0)} cases, {verified.counts.get('clients', 0)} clients, "
          "pages, structure, audit chain and counts checked.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    restored = backup.restore(args.file, passphrase(args, "Passphrase of the backup: "), args.to,
                              journal=args.journal)
    print(f"Restored the backup of {restored.backup.created:%Y-%m-%d %H:%M} UTC into {restored.folder}.")
    if restored.journal_found:
        print(f"Erased again what was erased after the backup: {restored.erasures_applied} records.")
    else:
        print("No erasure journal was found beside the backup: check that nothing erased since "
              "then is back (the laptops' handovers bring their erasures again).")
    print(f"Open it with --data-dir {restored.folder}.")
    return 0
