"""Command line: parsing, calling services, printing. No logic of its own.

Conventions follow restic and borg for encrypted stores: ``--data-dir`` before
the command, the passphrase from ``BERATUNGSDESK_PASSPHRASE``, else
``--passphrase-file``, else an interactive prompt. Exit status 0 on success,
1 with a one-line message on a user error, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from beratungsdesk import __version__
from beratungsdesk.cli import (
    case_cmds,
    data_cmds,
    network_cmds,
    protection_cmds,
    report_cmds,
    store_cmds,
    sync_cmds,
)
from beratungsdesk.cli.common import EXIT_USER_ERROR, CliError, print_error
from beratungsdesk.core.errors import BeratungsError

#: Each module adds its sub-commands with ``register(subparsers)``.
COMMAND_MODULES = [store_cmds, case_cmds, data_cmds, network_cmds, sync_cmds, report_cmds,
                   protection_cmds]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="beratungsdesk",
        description="Encrypted case records for counseling against everyday racism.",
        epilog="Without a command the desktop app starts (--open-bundle FILE: take in a handover "
               "file after unlocking). --self-test checks this installation and touches no store.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder of the store (default: the platform's data folder)")
    parser.add_argument("--passphrase-file", type=Path, default=None,
                        help="read the passphrase from this file (first line)")
    parser.add_argument("--lang", choices=("de", "en"), default="en",
                        help="language of vocabulary labels in output (default: en)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except (BeratungsError, CliError) as error:
        print_error(error)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Interrupted; nothing was changed by the unfinished step.", file=sys.stderr)
        return 130
    except Exception as error:
        # The last line of defence: one line and exit 1, never a traceback. Only the kind
        # of error is named: its text may quote stored values (personal data).
        print(f"error: the command stopped on an unexpected problem ({type(error).__name__}); "
              "details are not shown because they could contain personal data", file=sys.stderr)
        return EXIT_USER_ERROR
