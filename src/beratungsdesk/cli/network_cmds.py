"""``workshops list``, ``partners list``, ``meetings list``."""

from __future__ import annotations

import argparse

from beratungsdesk.cli.common import opened_store, table
from beratungsdesk.services.network import NetworkFilter, NetworkService


def register(subparsers: argparse._SubParsersAction) -> None:
    workshops = subparsers.add_parser("workshops", help="prevention workshops")
    actions = workshops.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list workshops, newest first")
    _filters(listing, kind_help="workshop type (code)")
    listing.add_argument("--status", help="requested, planned, held or cancelled")
    listing.set_defaults(handler=run_workshops)

    partners = subparsers.add_parser("partners", help="network partners")
    actions = partners.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list partners by name")
    _filters(listing, kind_help="kind of partner (code)", with_year=False)
    listing.set_defaults(handler=run_partners)

    meetings = subparsers.add_parser("meetings", help="cooperation meetings")
    actions = meetings.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list meetings, newest first")
    listing.add_argument("--year", type=int)
    listing.add_argument("--search", help="text in topic or outcome")
    listing.set_defaults(handler=run_meetings)


def _filters(parser: argparse.ArgumentParser, kind_help: str, with_year: bool = True) -> None:
    parser.add_argument("--kind", help=kind_help)
    parser.add_argument("--town", help="town (code)")
    parser.add_argument("--search", help="text in names and notes")
    if with_year:
        parser.add_argument("--year", type=int)


def run_workshops(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        vocab = store.vocabulary()
        found = NetworkService(store).workshops(NetworkFilter(
            year=args.year, kind=args.kind, status=args.status, town=args.town, text=args.search))
        rows = [[str(w.date), vocab.label("workshop_type", w.type, args.lang),
                 vocab.label("workshop_status", w.status, args.lang), w.organisation or "",
                 vocab.label("town", w.town, args.lang), str(w.participants or "")] for w in found]
    print(table(["Date", "Type", "Status", "Organisation", "Town", "Participants"], rows))
    print(f"\n{len(rows)} workshop(s)")
    return 0


def run_partners(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        vocab = store.vocabulary()
        found = NetworkService(store).partners(NetworkFilter(kind=args.kind, town=args.town,
                                                             text=args.search))
        rows = [[p.name or "", vocab.label("partner_kind", p.kind, args.lang),
                 vocab.label("town", p.town, args.lang), p.contact_person or ""] for p in found]
    print(table(["Name", "Kind", "Town", "Contact person"], rows))
    print(f"\n{len(rows)} partner(s)")
    return 0


def run_meetings(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = NetworkService(store)
        names = {p.id: p.name or "" for p in service.partners()}
        found = service.meetings(NetworkFilter(year=args.year, text=args.search))
        rows = [[str(m.date), m.topic or "", ", ".join(names.get(i, "?") for i in m.partner_ids)]
                for m in found]
    print(table(["Date", "Topic", "Partners"], rows))
    print(f"\n{len(rows)} meeting(s)")
    return 0
