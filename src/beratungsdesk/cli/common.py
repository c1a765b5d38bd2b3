"""Helpers shared by the command modules: passphrases, opening the store, output."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from beratungsdesk.core import wire_form
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.text import visible
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.services import messages
from beratungsdesk.services.stores import Store, default_data_dir, open_store

EXIT_USER_ERROR = 1
PASSPHRASE_ENV = "BERATUNGSDESK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "BERATUNGSDESK_NEW_PASSPHRASE"


class VisibleStream:
    """A text stream that shows control and bidi characters as escapes (``core.text.visible``).

    Every printer of the command line writes through it (``cli.main`` installs it on stdout
    and stderr), so a stored name with ESC or U+202E can neither recolour nor retitle the
    terminal nor reorder a line. JSON output stays JSON: the escapes are JSON's own.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


class CliError(Exception):
    """A user error found by the command line itself (message already in English)."""


def print_error(error: Exception) -> None:
    lines = messages.describe_all(error) if isinstance(error, BeratungsError) else [str(error)]
    print(f"error: {lines[0]}", file=sys.stderr)
    for line in lines[1:]:
        print(f"  {line}", file=sys.stderr)


def data_dir(args: argparse.Namespace) -> Path:
    return args.data_dir or default_data_dir()


def _read_passphrase_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise CliError(f"cannot read the passphrase file {path}") from None
    return text.splitlines()[0] if text else ""


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    """From the environment, else the passphrase file, else an interactive prompt."""
    if PASSPHRASE_ENV in os.environ:
        return os.environ[PASSPHRASE_ENV]
    if args.passphrase_file:
        return _read_passphrase_file(args.passphrase_file)
    return _prompt(prompt, confirm=False)


def new_passphrase(args: argparse.Namespace, file_option: Path | None, env: str) -> str:
    """A passphrase being set: from ``env``, the given file, or asked twice."""
    if env in os.environ:
        return os.environ[env]
    if file_option:
        return _read_passphrase_file(file_option)
    return _prompt("New passphrase: ", confirm=True)


def _prompt(prompt: str, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise CliError(f"no passphrase given: set {PASSPHRASE_ENV} or use --passphrase-file")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise BeratungsError("passphrase_mismatch")
    return first


@contextlib.contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    store = open_store(data_dir(args), passphrase(args))
    try:
        yield store
    finally:
        store.close()


def shown(value: Any, empty: str = "") -> str:
    """A stored value for the terminal. One that is not valid for its field (written by a
    faulty older version or another device) is marked, never raised on."""
    if value is None:
        return empty
    if isinstance(value, wire_form.Invalid):
        return f"<invalid: {value}>"
    return str(value)


def code_label(vocab: Vocabulary, kind: str, code: Any, lang: str, empty: str = "") -> str:
    """The label of a vocabulary code; an unknown or malformed code is marked invalid."""
    if code is None:
        return empty
    if not isinstance(code, str) or isinstance(code, wire_form.Invalid) or not vocab.has(kind, code):
        return f"<invalid: {code}>"
    return vocab.label(kind, code, lang)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain text table with columns as wide as their widest cell (None shows empty)."""
    rows = [["" if cell is None else str(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)
