"""``consent``, ``audit``, ``retention``: data protection from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from beratungsdesk.cli.common import CliError, opened_store, table
from beratungsdesk.services.cases import client_by_code
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.protection import SCOPES, AuditService, ConsentService, RetentionService
from beratungsdesk.services.spreadsheet import parse_date_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    consent = subparsers.add_parser("consent", help="a client's consents (GDPR)")
    actions = consent.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record a consent")
    add.add_argument("client", help="client code")
    add.add_argument("--scopes", required=True, help=f"comma-separated: {', '.join(SCOPES)}")
    add.add_argument("--form", choices=("written", "oral"), required=True)
    add.add_argument("--on", help="date given (default today)")
    add.set_defaults(handler=run_consent_add)
    withdraw = actions.add_parser("withdraw", help="record that consents were withdrawn")
    withdraw.add_argument("client", help="client code")
    withdraw.add_argument("--on", help="date withdrawn (default today)")
    withdraw.set_defaults(handler=run_consent_withdraw)
    listing = actions.add_parser("list", help="show a client's consents")
    listing.add_argument("client", help="client code")
    listing.set_defaults(handler=run_consent_list)

    audit = subparsers.add_parser("audit", help="who opened, changed, exported or erased what")
    audit.add_argument("--json", action="store_true", help="machine-readable output")
    audit.add_argument("--limit", type=int, default=200)
    audit.set_defaults(handler=run_audit)
    audit_actions = audit.add_subparsers(dest="action", metavar="ACTION")
    verify = audit_actions.add_parser("verify", help="check the hash chains of every device")
    verify.set_defaults(handler=run_audit_verify)

    retention = subparsers.add_parser("retention", help="retention policy and what is due")
    actions = retention.add_subparsers(dest="action", metavar="ACTION", required=True)
    due = actions.add_parser("due", help="closed cases whose retention period has ended")
    due.add_argument("--json", action="store_true")
    due.add_argument("--today", help="evaluate as of this date (default today)")
    due.set_defaults(handler=run_retention_due)
    erase_due = actions.add_parser("erase", help="erase every case whose retention period has ended")
    erase_due.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase_due.add_argument("--today", help="evaluate as of this date (default today)")
    erase_due.set_defaults(handler=run_retention_erase)
    policy = actions.add_parser("set", help="years to keep a case after the end of its closing year")
    policy.add_argument("years", type=int)
    policy.set_defaults(handler=run_retention_set)


    erase = subparsers.add_parser("erase", help="erase a case or a client everywhere (GDPR art. 17)")
    targets = erase.add_subparsers(dest="target", metavar="TARGET", required=True)
    for target, what in (("case", "case number"), ("client", "client code")):
        parser = targets.add_parser(target, help=f"erase a {target} and all that belongs to it")
        parser.add_argument("key", metavar=target.upper(), help=what)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.set_defaults(handler=run_erase)


def _confirm(question: str, assume_yes: bool) -> None:
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise CliError("erasure needs confirmation: add --yes")
    answer = input(f"{question} This cannot be undone. Type 'yes' to continue: ")
    if answer.strip().lower() != "yes":
        raise CliError("nothing was erased")


def run_erase(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = ErasureService(store)
        _confirm(f"Erase {args.target} {args.key} and everything that belongs to it on every device?",
                 args.yes)
        report = service.erase_case(args.key) if args.target == "case" else service.erase_client(args.key)
    print(f"Erased {report.records} record(s) ({report.cases} case(s)). The erasure reaches the other "
          "devices with the next handover.")
    return 0


def run_retention_erase(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = ErasureService(store)
        due = RetentionService(store).due(parse_date_argument(args.today, "today"))
        if not due:
            print("Nothing is due.")
            return 0
        _confirm(f"Erase {len(due)} case(s) whose retention period has ended?", args.yes)
        report = service.erase_due(parse_date_argument(args.today, "today"))
    print(f"Erased {report.cases} case(s), {report.records} record(s) in all.")
    return 0


def _client_id(store, code: str) -> str:
    client = client_by_code(store, code)
    if client is None:
        raise CliError(f"no client with the code {code}")
    return client.id


def run_consent_add(args: argparse.Namespace) -> int:
    scopes = tuple(part.strip() for part in args.scopes.split(",") if part.strip())
    with opened_store(args) as store:
        service = ConsentService(store)
        service.record(_client_id(store, args.client), scopes, args.form,
                       parse_date_argument(args.on, "given_on"))
    print(f"Consent recorded: {', '.join(scopes)} ({args.form}).")
    return 0


def run_consent_withdraw(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = ConsentService(store)
        active = [c for c in service.consents(_client_id(store, args.client)) if not c.withdrawn_on]
        if not active:
            raise CliError("this client has no consent that could be withdrawn")
        for consent in active:
            service.withdraw(consent.id, parse_date_argument(args.on, "withdrawn_on"))
    print(f"{len(active)} consent(s) marked as withdrawn.")
    return 0


def run_consent_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        vocab = store.vocabulary()
        consents = ConsentService(store).consents(_client_id(store, args.client))
        rows = [[str(c.given_on), ", ".join(vocab.label("consent_scope", s, args.lang) for s in c.scopes),
                 vocab.label("consent_form", c.form, args.lang), str(c.withdrawn_on or "")]
                for c in consents]
    print(table(["Given", "Scope", "Form", "Withdrawn"], rows))
    return 0


def run_audit(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        entries = AuditService(store).entries(limit=args.limit)
    records: list[dict[str, Any]] = [{"at": e.at, "device": e.device_id, "actor": e.actor, "action": e.action,
                "entity": e.entity, "id": e.row_id, "detail": e.detail, "n": e.n} for e in entries]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    rows = [[r["at"] or "", (r["device"] or "")[:8], r["action"] or "", r["entity"] or "",
             r["id"] or "", r["detail"] or ""] for r in records]
    print(table(["When (UTC)", "Device", "Action", "Record", "Id", "Count"], rows))
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        checked, problems = AuditService(store).verify()
    if problems:
        for problem in problems:
            print(f"device {problem.device_id[:8]} entry {problem.n}: {_PROBLEM_TEXT[problem.problem]}")
        raise CliError(f"the audit log was altered: {len(problems)} problem(s) in {checked} entries")
    print(f"The audit log is intact: {checked} entries checked.")
    return 0


_PROBLEM_TEXT = {"hash": "the entry was changed", "link": "the chain is broken here",
                 "gap": "an entry is missing", "deleted": "the entry was marked deleted",
                 "cut": "the chain was cut: this entry, confirmed at a handover, is gone",
                 "anchor": "the chain was rewritten: this entry differs from the one confirmed "
                           "at a handover"}


def run_retention_due(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = RetentionService(store)
        due = service.due(parse_date_argument(args.today, "today"))
        years = service.years()
    if args.json:
        print(json.dumps({"years_after_closing_year": years,
                          "due": [{"number": d.number, "closed_on": str(d.closed_on),
                                   "due_on": str(d.due_on)} for d in due]}, indent=1))
        return 0
    print(table(["Case", "Closed", "Due since"], [[d.number, str(d.closed_on), str(d.due_on)] for d in due]))
    print(f"\n{len(due)} case(s) due for erasure (policy: {years} years after the end of the closing year)")
    return 0


def run_retention_set(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        RetentionService(store).set_years(args.years)
    print(f"Cases are now kept {args.years} years after the end of the year they were closed in.")
    return 0
