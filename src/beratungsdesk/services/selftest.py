"""``beratungsdesk --self-test``: does this installation work? For support staff.

Each check uses the real layers on invented data in a private temporary folder
that is removed at the end: an encrypted store (write a case, close, reopen,
read it back), a handover (two stores, enrollment, a signed and encrypted
bundle from the laptop imported by the office), a PDF report read back, and
checks the caller adds (the Qt platform, from ``gui``). One line per check;
no personal data in any line (the data is invented, and paths of the
temporary folder and the home folder are shortened).
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk import __version__
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.services import messages
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.reports import ProfileService, ReportService
from beratungsdesk.services.stores import ROLE_COUNSELOR, ROLE_OFFICE, Store, init_store, open_store

#: A check gets its own empty folder and returns a short description of what it saw;
#: it raises when something is wrong.
Check = Callable[[Path], str]

_TEST_KDF_SECONDS = 0.0  # the smallest key derivation the stores allow (64 MiB, one pass)
_SUMMARY = "Selbsttest: erfundener Fall, äöüß ı ğ"  # non-ASCII on purpose (fonts, encodings)
_ORGANISATION = "Selbsttest-Beratungsstelle"


class SelfTestFailure(Exception):
    """A check saw a wrong result (the message says which, without personal data)."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        status = "OK" if self.ok else "FAILED"
        return f"{status:<7} {self.name:<17} {self.detail} ({self.seconds:.1f} s)"


def _new_store(folder: Path, role: str, name: str) -> tuple[Store, str]:
    passphrase = secrets.token_urlsafe(24)
    return init_store(folder, passphrase, role, name, kdf_seconds=_TEST_KDF_SECONDS), passphrase


def _open_case(store: Store, summary: str) -> str:
    service = CaseService(store)
    client = service.find_or_create_client(f"ST-{secrets.token_hex(3)}")
    return service.open_case(client, "work", dt.date.today(), summary=summary).id


def check_store(folder: Path) -> str:
    """Create an encrypted store, write a case, close it, reopen it, read the case."""
    store, passphrase = _new_store(folder / "store", ROLE_OFFICE, _ORGANISATION)
    with store:
        case_id = _open_case(store, _SUMMARY)
    with open_store(folder / "store", passphrase) as reopened:
        summary = CaseService(reopened).record(case_id).case.summary
    if summary != _SUMMARY:
        raise SelfTestFailure("the case read back differs from the case written")
    if any(_SUMMARY.encode() in path.read_bytes() for path in (folder / "store").iterdir()
           if path.is_file()):
        raise SelfTestFailure("the case text is readable in the database file (not encrypted)")
    return "created, case written, reopened with its passphrase and read back; file encrypted"


def check_bundle(folder: Path) -> str:
    """Enroll a laptop store with an office store and hand a case over in a bundle."""
    office, _ = _new_store(folder / "office", ROLE_OFFICE, _ORGANISATION)
    laptop, _ = _new_store(folder / "laptop", ROLE_COUNSELOR, "Selbsttest-Laptop")
    with office, laptop:
        office_side, laptop_side = HandoverService(office), HandoverService(laptop)
        transfer = folder / "transfer"
        invitation = office_side.invite(transfer)
        request, laptop_code, _ = laptop_side.join(invitation, transfer)
        parsed, office_code = office_side.read_join_request(request)
        if office_code != laptop_code:
            raise SelfTestFailure("the two verification codes differ")
        _, first = office_side.enroll(parsed, "Selbsttest", transfer, create_counselor=True)
        if first.path is None:
            raise SelfTestFailure("the office wrote no enrollment bundle")
        laptop_side.import_file(first.path)
        case_id = _open_case(laptop, _SUMMARY)
        bundles = [result.path for result in laptop_side.export(folder / "out") if result.path]
        if len(bundles) != 1:
            raise SelfTestFailure(f"expected one bundle for the office, got {len(bundles)}")
        if _SUMMARY.encode() in bundles[0].read_bytes():
            raise SelfTestFailure("the case text is readable in the bundle (not encrypted)")
        result = office_side.import_file(bundles[0])
        arrived = CaseService(office).record(case_id).case.summary
    if arrived != _SUMMARY:
        raise SelfTestFailure("the case differs after the handover")
    return (f"laptop enrolled; signed, encrypted bundle of {bundles[0].stat().st_size} bytes "
            f"imported ({result.applied} changes)")


def check_pdf(folder: Path) -> str:
    """Render the short annual report of a store with one case and read its text back."""
    from beratungsdesk.reports.pdf_text import pdf_pages_text

    store, _ = _new_store(folder / "store", ROLE_OFFICE, _ORGANISATION)
    with store:
        ProfileService(store).set_text("name", _ORGANISATION)
        _open_case(store, _SUMMARY)
        today = dt.date.today()
        pdf = ReportService(store).kurzbericht(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31),
                                               folder / "kurzbericht.pdf")
    pages = pdf_pages_text(pdf.read_bytes())
    if not pages:
        raise SelfTestFailure("the PDF has no pages")
    if _ORGANISATION not in " ".join(pages[0].split()):
        raise SelfTestFailure("the first page does not show the organisation's name")
    return f"short report of {len(pages)} pages rendered with embedded fonts, text read back"


def describe_failure(error: BaseException, folder: Path) -> str:
    """One line about ``error``: our sentence for our errors, type and message otherwise,
    with the temporary folder and the home folder shortened (a user name is personal)."""
    if isinstance(error, BeratungsError):
        text = messages.describe(error)
    elif isinstance(error, SelfTestFailure):
        text = str(error)
    else:
        text = f"{type(error).__name__}: {error}"
    text = text.replace(str(folder), "<temp>").replace(str(Path.home()), "~")
    return " ".join(text.split())[:300]


def _run_one(name: str, check: Check, folder: Path) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = check(folder)
        ok = True
    except Exception as error:  # every failure is reported, and the next check still runs
        detail, ok = describe_failure(error, folder.parent), False
    return CheckResult(name, ok, detail, time.perf_counter() - started)


def check_key_derivation(folder: Path) -> str:
    """The passphrase's key derivation runs in its own child process (as unlocking does)."""
    from beratungsdesk.storage.kdf_process import check_child

    return check_child()


def default_checks() -> list[tuple[str, Check]]:
    return [("key derivation", check_key_derivation), ("encrypted store", check_store),
            ("handover bundle", check_bundle), ("PDF report", check_pdf)]


def run_self_test(extra: Sequence[tuple[str, Check]] = (),
                  write: Callable[[str], None] = print) -> bool:
    """Run every check, write one line each and a verdict; True when all passed."""
    started = time.perf_counter()
    write(f"BeratungsDesk {__version__} self-test")
    results = []
    temp = Path(tempfile.mkdtemp(prefix="beratungsdesk-selftest-"))
    try:
        for number, (name, check) in enumerate([*default_checks(), *extra]):
            folder = temp / f"check-{number}"
            folder.mkdir()
            results.append(_run_one(name, check, folder))
            write(results[-1].line())
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    removed = not temp.exists()
    results.append(CheckResult("clean-up", removed, "temporary folder removed" if removed
                               else "the temporary folder could not be removed", 0.0))
    write(results[-1].line())
    failed = [result.name for result in results if not result.ok]
    seconds = time.perf_counter() - started
    if failed:
        write(f"Self-test FAILED: {len(failed)} of {len(results)} checks failed ({', '.join(failed)}). "
              "Please send these lines to the person who supports your installation.")
        return False
    write(f"Self-test passed: all {len(results)} checks OK ({seconds:.1f} s).")
    return True
