"""``cases list``, ``cases show``, ``search``."""

from __future__ import annotations

import argparse

from beratungsdesk.cli.common import code_label, opened_store, shown, table
from beratungsdesk.core import model
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.services.cases import CASE_SORTS, CaseFilter, CaseRecord, CaseService
from beratungsdesk.services.protection import AuditService


def register(subparsers: argparse._SubParsersAction) -> None:
    cases = subparsers.add_parser("cases", help="list and show cases")
    actions = cases.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list cases, newest first")
    listing.add_argument("--status", help="open, dormant or closed")
    listing.add_argument("--area", help="area of life (code)")
    listing.add_argument("--town", help="town of the incident (code)")
    listing.add_argument("--year", type=int, help="year the case was opened")
    listing.add_argument("--sort", choices=sorted(CASE_SORTS), default="opened_on")
    listing.add_argument("--limit", type=int, default=0, help="at most this many (0 = all)")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="show one case with contacts, interventions and notes")
    show.add_argument("number", help="case number, e.g. 2022-0042 (or the case id)")
    show.set_defaults(handler=run_show)

    search = subparsers.add_parser("search", help="full-text search over clients, cases and notes")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.set_defaults(handler=run_search)


def run_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = CaseService(store)
        vocab = store.vocabulary()
        case_filter = CaseFilter(status=args.status, area=args.area, town=args.town, year=args.year)
        rows, after = [], None
        while True:
            page = service.page(case_filter, args.sort, descending=args.sort == "opened_on",
                                after=after, limit=500)
            rows += [[shown(r.number, NO_NUMBER), shown(r.opened_on, "<invalid: none>"),
                      code_label(vocab, "case_status", r.status, args.lang),
                      code_label(vocab, "area", r.area, args.lang), shown(r.client_code),
                      code_label(vocab, "town", r.incident_town, args.lang)] for r in page.rows]
            after = page.next_key
            if after is None or (args.limit and len(rows) >= args.limit):
                break
        if args.limit:
            rows = rows[:args.limit]
        print(table(["Number", "Opened", "Status", "Area of life", "Client", "Town"], rows))
        print(f"\n{len(rows)} case(s)")
    return 0


#: How a case without a number shows; ``cases show`` also takes the case id for it.
NO_NUMBER = "<invalid: no number>"


def run_show(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = CaseService(store)
        record = service.record_by_number_or_id(args.number)
        AuditService(store).log_open("case", record.case.id)
        counselors = {c.id: c.name or "" for c in service.counselors(include_inactive=True)}
        print(format_record(record, store.vocabulary(), counselors, args.lang))
    return 0


def format_record(record: CaseRecord, vocab: Vocabulary, counselors: dict[str, str],
                  lang: str) -> str:
    case, client = record.case, record.client

    def label(kind: str, code: object) -> str:
        return code_label(vocab, kind, code, lang)

    def labels(kind: str, codes: tuple[str, ...]) -> str:
        return ", ".join(label(kind, code) for code in codes)

    # The fields the spec shows here, labelled in English like the rest of the output
    # (``lang`` picks the vocabulary's labels).
    pairs = [(field.label, field_text(field, getattr(entity, field.name), vocab, counselors, lang))
             for entity in (client, case) if entity is not None
             for field in model.spec(entity.ENTITY).shown_in(model.DETAIL)]
    minutes, contacts = record.total_minutes, len(record.contacts)
    pairs.append(("Counseling time", f"{minutes / 60:.1f} h in {contacts} contact(s)"))
    if client is None:
        pairs.insert(0, ("Client", "?"))
    width = max(len(label) for label, _text in pairs) + 2
    lines = [f"Case {shown(case.number, NO_NUMBER)}" + ("" if case.number else f" (id {case.id})")]
    lines += [f"  {label + ':':<{width}}{text or '-'}" for label, text in pairs]
    if record.contacts:
        lines.append("Contacts:")
        lines += [f"  {shown(c.date)} {shown(c.start_time, '     ')} {shown(c.duration_min):>4} min  "
                  f"{label('channel', c.channel)}  {label('town', c.town)}"
                  + ("  (imported)" if c.imported else "") for c in record.contacts]
    if record.interventions:
        lines.append("Interventions:")
        lines += [f"  {shown(i.date, '          ')}  {label('intervention', i.type)}  "
                  f"[{label('intervention_status', i.status)}]" for i in record.interventions]
    if record.notes:
        lines.append("Notes:")
        superseded = {n.supersedes for n in record.notes if n.supersedes}
        for note in record.notes:
            mark = " (replaced)" if note.id in superseded else ""
            author = counselors.get(note.author_id or "", "")
            lines.append(f"  {shown(note.written_at)} {author}{mark}: {shown(note.text)}")
    if record.attachments:
        lines.append("Documents:")
        lines += [f"  {shown(a.file_name)}  {shown(a.media_type)}  {shown(a.size)} bytes"
                  for a in record.attachments]
    return "\n".join(lines)


def field_text(field: model.FieldSpec, value: object, vocab: Vocabulary, counselors: dict[str, str],
               lang: str) -> str:
    """A stored value for the terminal: labels instead of codes, values not valid marked."""
    if field.kind == model.CODE and field.vocab:
        return code_label(vocab, field.vocab, value, lang)
    if field.kind == model.CODES and field.vocab and isinstance(value, tuple):
        return ", ".join(code_label(vocab, field.vocab, code, lang) for code in value)
    if field.kind == model.REF and field.ref == "counselor":
        return counselors.get(str(value or ""), "")
    if isinstance(value, tuple):
        return ", ".join(shown(item) for item in value)
    return shown(value)


def run_search(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = CaseService(store)
        hits = service.search(args.text, args.limit)
        listed: set[str] = set()
        rows = []
        for hit in hits:
            for case_id in hit.case_ids:
                if case_id in listed:
                    continue
                listed.add(case_id)
                record = service.record(case_id)
                rows.append([shown(record.case.number, NO_NUMBER), hit.kind,
                             shown(record.client.code) if record.client else "",
                             shown(record.case.opened_on)])
        print(table(["Case", "Found in", "Client", "Opened"], rows))
        print(f"\n{len(rows)} case(s)")
    return 0
