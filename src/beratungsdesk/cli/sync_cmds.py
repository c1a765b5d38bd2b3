"""``office invite|enroll``, ``device join``, ``devices list|revoke``,
``sync export|import|run|status|quarantine|identity|purge-closed|attachments-office-only``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from beratungsdesk.cli.common import EXIT_USER_ERROR, CliError, opened_store, print_error, table
from beratungsdesk.services import messages
from beratungsdesk.services.handover import (
    ExportResult,
    FileOutcome,
    FolderNote,
    HandoverService,
    ImportResult,
    QuarantineItem,
    StatusReport,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    office = subparsers.add_parser("office", help="enroll counselors' devices (office store)")
    office_actions = office.add_subparsers(dest="action", metavar="ACTION", required=True)
    invite = office_actions.add_parser("invite", help="write an invitation file for a new device")
    _out(invite)
    invite.set_defaults(handler=run_invite)
    enroll = office_actions.add_parser(
        "enroll", help="read a device's join request, show the verification code, register it")
    enroll.add_argument("request", type=Path, help="the join request file from the device")
    enroll.add_argument("--counselor", required=True,
                        help="team member who uses the device (name, initials or id)")
    enroll.add_argument("--create-counselor", action="store_true",
                        help="add the team member if there is none of that name")
    enroll.add_argument("--yes", action="store_true",
                        help="the verification codes were compared and match: do not ask "
                             "(needed without a terminal)")
    _out(enroll)
    enroll.set_defaults(handler=run_enroll)

    device = subparsers.add_parser("device", help="join an office (counselor's device)")
    device_actions = device.add_subparsers(dest="action", metavar="ACTION", required=True)
    join = device_actions.add_parser("join", help="read the office's invitation, write a join request")
    join.add_argument("invitation", type=Path)
    _out(join)
    join.set_defaults(handler=run_join)

    devices = subparsers.add_parser("devices", help="enrolled devices (office store)")
    devices_actions = devices.add_subparsers(dest="action", metavar="ACTION", required=True)
    devices_actions.add_parser("list", help="list enrolled devices").set_defaults(handler=run_devices)
    revoke = devices_actions.add_parser("revoke", help="revoke a device: its bundles are refused")
    revoke.add_argument("device", help="device id (or its first characters) or name")
    revoke.set_defaults(handler=run_revoke)

    sync = subparsers.add_parser("sync", help="hand over work between laptops and the office")
    actions = sync.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write bundles with everything not yet confirmed")
    _out(export)
    export.add_argument("--force", action="store_true",
                        help="write a bundle even if the last one already holds everything")
    export.set_defaults(handler=run_export)
    importing = actions.add_parser("import", help="verify and merge bundle files")
    importing.add_argument("files", type=Path, nargs="+")
    importing.set_defaults(handler=run_import)
    run = actions.add_parser("run", help="import and export through one folder (USB stick, share)")
    run.add_argument("--folder", type=Path, required=True)
    run.add_argument("--keep", action="store_true", help="leave imported and superseded files in place")
    run.set_defaults(handler=run_folder)
    status = actions.add_parser("status", help="pending changes, receipts, missing bundles, conflicts")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=run_status)
    _register_quarantine(actions)
    actions.add_parser("identity", help="this store's id and key fingerprint").set_defaults(
        handler=run_identity)
    purge = actions.add_parser(
        "purge-closed", help="laptop: remove closed cases once the office has confirmed them")
    purge.add_argument("setting", choices=("on", "off"))
    purge.set_defaults(handler=run_purge)
    documents = actions.add_parser(
        "attachments-office-only",
        help="laptop: keep document contents at the office only (the entries stay on the laptop)")
    documents.add_argument("setting", choices=("on", "off"))
    documents.set_defaults(handler=run_documents_office_only)


def _register_quarantine(actions: argparse._SubParsersAction) -> None:
    quarantine = actions.add_parser(
        "quarantine", help="incoming changes that were refused (not allowed for their sender, or invalid)")
    quarantine.add_argument("--json", action="store_true", help="machine-readable output")
    quarantine.add_argument("--values", action="store_true",
                            help="also show the refused values (they may be personal data)")
    quarantine.set_defaults(handler=run_quarantine)


def _out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write into (the file gets a random name)")


def run_invite(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        path = service.invite(args.out)
    print(f"Invitation written: {path}")
    print(f"Office key fingerprint: {service.fingerprint}")
    print("Take it to the device and run there: beratungsdesk device join FILE --out DIR")
    return 0


def run_join(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        path, code, office_fingerprint = HandoverService(store).join(args.invitation, args.out)
    print(f"Join request written: {path}")
    print(f"Office key fingerprint: {office_fingerprint}")
    print(f"Verification code: {code}")
    print("Compare the code with the office's screen; then import the office's bundle with "
          "'beratungsdesk sync import FILE'.")
    return 0


def run_enroll(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        request, code = service.read_join_request(args.request)
        print(f"Device: {request.name}")
        print(f"Verification code: {code}")
        if not args.yes:
            # Comparing the code is what stops a swapped join request: without a terminal
            # to ask on, never skip it silently.
            if not sys.stdin.isatty():
                raise CliError("no terminal to ask whether the codes match: compare the code above "
                               "with the device's and run again with --yes; nothing was changed")
            answer = input("Does the device show the same code? [y/N] ").strip().lower()
            if answer not in ("y", "yes", "j", "ja"):
                raise CliError("enrollment cancelled; nothing was changed")
        device, result = service.enroll(request, args.counselor, args.out, args.create_counselor)
    print(f"Enrolled device {device.device_id[:8]} for {device.counselor}.")
    print(f"Bundle for the device written: {result.path}")
    return 0


def run_devices(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        devices = HandoverService(store).devices()
    rows = [[d.device_id[:8], d.name, d.counselor, d.status, d.fingerprint, d.enrolled_at or ""]
            for d in devices]
    print(table(["Device", "Name", "Counselor", "Status", "Fingerprint", "Enrolled"], rows))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        device = HandoverService(store).revoke(args.device)
    print(f"Device {device.device_id[:8]} ({device.name}) is revoked; its bundles will be refused.")
    print("Run 'sync export' so the other devices receive the new roster.")
    return 0


def _print_exports(results: list[ExportResult], office_id: str | None) -> None:
    if not results:
        print("No enrolled device to write for.")
    for result in results:
        who = "the office" if result.recipient == office_id else "the device"
        if result.path is None and result.unconfirmed:
            print(f"Bundle {result.seq} for {result.recipient[:8]} is in the folder and holds all "
                  f"{result.unconfirmed} change(s); not yet confirmed by {who}.")
        elif result.path is None:
            print(f"Nothing new for {result.recipient[:8]} (bundle {result.seq} still holds everything).")
        else:
            parts = f" (+ {result.parts - 1} more part(s))" if result.parts > 1 else ""
            print(f"Bundle {result.seq} for {result.recipient[:8]}: {result.changes} change(s), "
                  f"{result.blobs} attachment(s) -> {result.path}{parts}")
            if result.rewritten:
                print(f"  written again: the last bundle for {result.recipient[:8]} is not in the folder "
                      f"and its changes are not yet confirmed by {who}")
        if result.restamped:
            print(messages.clock_text("restamped", count=result.restamped))


def _print_clock_warnings(service: HandoverService) -> None:
    """Wrong clocks (this computer's, or a device's on the office): on stderr, as they need action."""
    for warning in service.clock_warnings():
        print("warning: " + messages.clock_text(warning.kind, warning.hours, warning.seq,
                                                (warning.peer or "")[:8]), file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        _print_exports(service.export(args.out, args.force), service.office_id())
    return 0


def _describe_import(result: ImportResult) -> list[str]:
    lines = [f"bundle {result.seq} from {result.sender[:8]}: {result.applied} change(s) applied, "
             f"{result.already_known} already known, {result.conflicts} conflict(s), "
             f"{result.blobs} attachment(s)"]
    if result.enrolled:
        lines.append("  this device is now enrolled and can hand over")
    lines += [f"  note: bundle {seq} from {result.sender[:8]} has not arrived"
              + (" (a later bundle brought its content)" if seq in result.missing_covered else "")
              for seq in result.missing]
    if result.clock_ahead_ms:
        lines.append(f"  warning: the sender's clock is {result.clock_ahead_ms // 3_600_000} h ahead of ours")
    if result.sanity_differs:
        lines.append("  note: the stores do not yet agree on: " + ", ".join(result.sanity_differs))
    else:
        lines.append("  sanity check: both stores agree on what they share")
    if result.refused:
        lines.append(f"  {result.refused} change(s) refused (not allowed for the sender, or invalid) "
                     "and kept in the quarantine: see 'sync quarantine'")
    if result.skipped_purged:
        lines.append(f"  {result.skipped_purged} change(s) to cases removed from this laptop were skipped")
    if result.purged_cases:
        lines.append(f"  {result.purged_cases} closed case(s) confirmed by the office were removed "
                     "from this laptop")
    if result.documents_removed:
        lines.append(f"  {result.documents_removed} document(s) held by the office were removed "
                     "from this laptop")
    return lines


def _print_outcomes(outcomes: list[FileOutcome]) -> bool:
    """Print what happened to each file; True when a file was refused (not earlier too)."""
    refused = False
    earlier = [o for o in outcomes if o.status == "refused" and o.earlier]
    for outcome in outcomes:
        if outcome.result is not None:
            print(f"{outcome.file}: imported " + "\n".join(_describe_import(outcome.result)))
        elif outcome.status == "ignored" or outcome in earlier:
            continue
        else:
            refused |= outcome.status == "refused"
            text = messages.describe(outcome.error) if outcome.error else outcome.reason
            print(f"{outcome.file}: {'refused' if outcome.status == 'refused' else 'skipped'}: {text}",
                  file=sys.stderr if outcome.status == "refused" else sys.stdout)
    if earlier:
        # Said once, when they were refused; a file left in the folder is no new error.
        print(f"{len(earlier)} file(s) refused at an earlier handover are still in the folder "
              "(delete them if nobody needs them).")
    return refused


#: What a folder note says (see ``sync/handover_folder.py``), after the file's name.
_NOTE_TEXT = {
    "copy": "a copy of a handover file (e.g. a sync tool's conflict copy); it is never read. "
            "Delete it; the original is taken as usual.",
    "parts_missing": "part(s) {detail} of this handover file have not arrived yet; it is read "
                     "once all parts are there.",
    "unfinished": "an unfinished handover file (writing was interrupted, e.g. the stick was "
                  "pulled); it is never read. Delete it if no handover is running.",
}


def _print_notes(notes: list[FolderNote]) -> None:
    """Files in the folder that were not read; each is told once, not at every handover."""
    for note in notes:
        if note.first:
            print(f"note: {note.file}: " + _NOTE_TEXT[note.kind].format(detail=note.detail))


def run_import(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        refused = _print_outcomes(service.import_files(args.files))
        _print_clock_warnings(service)
    return EXIT_USER_ERROR if refused else 0


def run_folder(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        report = service.run_folder(args.folder, args.keep)
        _print_notes(report.notes)
        refused = _print_outcomes(report.imported)
        if not any(o.status in ("imported", "already", "refused") for o in report.imported):
            print("Nothing to import in the folder.")
        _print_exports(report.exported, service.office_id())
        if report.removed:
            print(f"{report.removed} handled file(s) removed from the folder.")
        _print_clock_warnings(service)
    return EXIT_USER_ERROR if refused else 0


def run_status(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        report = HandoverService(store).status()
    if args.json:
        print(json.dumps(report.to_json(), indent=2, sort_keys=True))
        return 0
    print(_format_status(report))
    return 0


def _format_status(report: StatusReport) -> str:
    lines = [f"This store: {report.role}, id {report.device_id[:8]}, fingerprint {report.fingerprint}"]
    if report.role != "office":
        joined = any(peer.role == "office" for peer in report.peers)  # a join request was written
        state = "revoked by the office" if report.revoked else (
            "enrolled" if report.enrolled else
            "join request written, waiting for the office (give it the request, then import its "
            "first bundle)" if joined else "not enrolled yet (run 'device join INVITATION --out DIR')")
        lines.append(f"Enrollment: {state}; remove confirmed closed cases: "
                     f"{'on' if report.purge_closed else 'off'}; documents at the office only: "
                     f"{'on' if report.attachments_office_only else 'off'}")
    for peer in report.peers:
        who = "Office" if peer.role == "office" else f"Device {peer.device_id[:8]} {peer.name}"
        if peer.counselor:
            who += f" ({peer.counselor})"
        lines.append(f"{who} [{peer.status}]")
        lines.append(f"  pending changes: {peer.pending_changes} ({peer.confirmation_text}); last bundle "
                     f"sent: {peer.last_bundle_sent or '-'} {peer.last_sent_at or ''}".rstrip())
        if peer.last_receipt:
            lines.append(f"  last receipt {peer.receipt_at}: our bundles up to "
                         f"{peer.last_receipt['contiguous']} arrived"
                         + (f", also {peer.last_receipt['above']}" if peer.last_receipt["above"] else ""))
            refused = (peer.last_receipt.get("refused") or {}).get("count", 0)
            if refused:
                lines.append(f"  warning: it refused {refused} of the changes we sent "
                             "(not allowed or invalid; kept there for the office to inspect)")
        else:
            lines.append("  no receipt yet")
        lines.append(f"  bundles imported: {peer.bundles_imported}")
        lines += [f"  bundle {seq} from this device has not arrived" for seq in peer.missing_bundles]
        if peer.covered_bundles:
            lines.append(f"  bundles {peer.covered_bundles} never arrived, but later ones repeated "
                         "their content")
        if peer.sanity:
            lines.append("  sanity check: " + ("stores agree" if not peer.sanity["differs"] else
                                               "differ on " + ", ".join(peer.sanity["differs"])))
    lines.append(f"Open conflicts: {report.open_conflicts}")
    for refused in report.refused:
        who = "the office" if refused.name == "office" else f"device {refused.device_id[:8]} {refused.name}"
        lines.append(f"Alert: {refused.count} change(s) from {who.rstrip()} refused, last at "
                     f"{refused.last_at}; see 'sync quarantine'")
    lines += ["Clock: " + messages.clock_text(w["kind"], w["hours"], w["seq"], str(w["peer"] or "")[:8])
              for w in report.clock]
    for alert in report.alerts[:10]:
        lines.append(f"Alert {alert['at']}: {alert['kind']} (device {str(alert['peer'])[:8]}, "
                     f"bundle {alert['seq']})" + (f" {alert['detail']}" if alert.get("detail") else ""))
    if any(alert["kind"] == "office_audit_altered" for alert in report.alerts):
        lines.append("WARNING: the office's audit log was cut or rewritten after a handover had "
                     "confirmed it (run 'audit verify' at the office).")
    return "\n".join(lines)


def run_quarantine(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        items = HandoverService(store).quarantine(with_values=args.values)
    if args.json:
        print(json.dumps([asdict(item) for item in items], indent=2, sort_keys=True))
        return 0
    print(_format_quarantine(items, args.values))
    return 0


def _format_quarantine(items: list[QuarantineItem], with_values: bool) -> str:
    if not items:
        return "No refused changes."
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        counts[(item.sender, item.sender_name)] = counts.get((item.sender, item.sender_name), 0) + 1
    lines = [f"{count} refused change(s) from device {sender[:8]} {name}".rstrip()
             for (sender, name), count in sorted(counts.items())]
    rows = [[item.at, item.sender[:8], str(item.bundle_seq), f"{_plain(item.origin[:8])}/{item.seq}",
             item.entity, _plain(item.row_id[:8]), item.operation,
             item.reason + (f" ({item.field})" if item.field else "")] for item in items]
    lines.append(table(["Time", "Device", "Bundle", "Change", "Record", "Id", "Operation", "Reason"], rows))
    if with_values:
        # ASCII escapes: control characters in a refused value never reach the terminal raw.
        lines += [f"{_plain(item.origin[:8])}/{item.seq}: "
                  f"{json.dumps(item.values, ensure_ascii=True, sort_keys=True)}" for item in items]
    return "\n".join(lines)


def _plain(text: str) -> str:
    """Ids come from another device: anything but printable ASCII is shown escaped."""
    return "".join(c if " " <= c <= "~" else c.encode("unicode_escape").decode("ascii") for c in text)


def run_identity(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        service = HandoverService(store)
        print(f"Store id:    {store.device_id}")
        print(f"Fingerprint: {service.fingerprint}")
    return 0


def run_purge(args: argparse.Namespace) -> int:
    return _laptop_setting(args, HandoverService.set_purge_closed,
                           "Removing confirmed closed cases",
                           "closed case(s) confirmed by the office were removed from this laptop.")


def run_documents_office_only(args: argparse.Namespace) -> int:
    return _laptop_setting(args, HandoverService.set_attachments_office_only,
                           "Keeping documents at the office only",
                           "document(s) held by the office were removed from this laptop.")


def _laptop_setting(args: argparse.Namespace, setter: Callable[[HandoverService, bool], int],
                    what: str, removed_text: str) -> int:
    """Switch one of a laptop's data settings; switching on lets go of what the office holds."""
    with opened_store(args) as store:
        removed = setter(HandoverService(store), args.setting == "on")
    print(f"{what} is {args.setting}.")
    if removed:
        print(f"{removed} {removed_text}")
    return 0


__all__ = ["print_error", "register"]
