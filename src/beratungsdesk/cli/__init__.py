"""Command line: parsing, calling services, printing. No logic of its own.

Conventions follow restic and borg for encrypted stores: ``--data-dir`` before
the command, the passphrase from ``BERATUNGSDESK_PASSPHRASE``, else
``--passphrase-file``, else an interactive prompt. Exit status 0 on success,
1 with a one-line message on a user error, 2 on a usage error.

Anything unexpected (a bug, an error of a library) is also one line on stderr and
exit 1: the exception's *type* only, never its text or a traceback, because both
may quote personal data. Developers see the traceback with ``--debug`` or
``BERATUNGSDESK_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from beratungsdesk import __version__
from beratungsdesk.cli import (
    backup_cmds,
    case_cmds,
    data_cmds,
    network_cmds,
    protection_cmds,
    report_cmds,
    store_cmds,
    sync_cmds,
    week_cmds,
)
from beratungsdesk.cli.common import EXIT_USER_ERROR, CliError, print_error, visible_output
from beratungsdesk.core.errors import BeratungsError

#: Set to 1 to see tracebacks of unexpected errors (like ``--debug``).
DEBUG_ENV = "BERATUNGSDESK_DEBUG"

#: Each module adds its sub-commands with ``register(subparsers)``.
COMMAND_MODULES = [store_cmds, case_cmds, data_cmds, network_cmds, sync_cmds, report_cmds,
                   protection_cmds, backup_cmds, week_cmds]


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
    parser.add_argument("--debug", action="store_true",
                        help=f"show the traceback of an unexpected error (also {DEBUG_ENV}=1); "
                             "it may contain personal data")
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
    with visible_output():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
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
    except OSError as error:
        if _debugging(args):
            raise
        # The operating system's reason only; the file name may say something about a person.
        print(f"error: the operating system refused: {error.strerror or type(error).__name__}",
              file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:
        if _debugging(args):
            raise
        print(f"error: unexpected internal error ({type(error).__name__}); nothing more is shown "
              f"because the details may hold personal data. Run again with --debug (or "
              f"{DEBUG_ENV}=1) to see them.", file=sys.stderr)
        return EXIT_USER_ERROR


def _debugging(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "debug", False)) or os.environ.get(DEBUG_ENV, "") not in ("", "0")
