"""What the handover page says in words: the status line, a handover's result, the history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text
from beratungsdesk.services import messages
from beratungsdesk.services.handover_log import HandoverEntry
from beratungsdesk.services.session_handover import HandoverReport, HandoverState, Received

_C = "HandoverView"


def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


def local_time(iso: str | None) -> str:
    if not iso:
        return _t("never")
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return str(iso)


def status_line(state: HandoverState) -> str:
    """The status bar's short summary (always visible)."""
    text = _t("Not handed over: {pending} · last confirmation: {when} · conflicts waiting: {conflicts}")
    return text.format(
        pending=state.pending_changes, when=local_time(state.last_receipt_at),
        conflicts=state.report.open_conflicts)


def _received_lines(result: Received, names: dict[str, str]) -> list[str]:
    """What one imported file brought."""
    lines: list[str] = []
    # "from the office" is its own text: German needs "von der", not "von die".
    sender = (_t("from {name}").format(name=names[result.sender]) if result.sender in names
              else _t("from the office"))
    lines.append(_t("Received {sender}: {applied}, {conflicts}.").format(
        sender=sender,
        applied=QCoreApplication.translate("HandoverView", "%n changes applied", None, result.applied),
        conflicts=QCoreApplication.translate("HandoverView", "%n conflicts to review", None,
                                             result.conflicts)))
    if result.resolved:
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n conflicts were decided on another device; they are closed here too.",
            None, result.resolved))
    if result.replaced:
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n of your texts were replaced by a decision made elsewhere: see Conflicts.",
            None, result.replaced))
    if result.refused:
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n changes were refused (not allowed for the sender, or invalid) and kept "
                            "for the office to inspect.", None, result.refused))
    # Only what is really lost: a later file that repeats a missing one's changes covers it.
    lost = [seq for seq in result.missing if seq not in result.missing_covered]
    if lost:
        lines.append(_t("Still missing from {sender}: handover files {numbers}. Bring them "
                        "the next time.").format(sender=names.get(result.sender, "?"),
                                                 numbers=", ".join(map(str, lost))))
    return lines


def report_lines(report: HandoverReport, names: dict[str, str]) -> list[str]:
    """The result of a handover in plain words, one line per fact."""
    lines: list[str] = []
    if report.cancelled:
        lines.append(_t("The handover was stopped. Files already taken in are complete; "
                        "the rest, and sending, wait for the next handover."))
    sent = [r for r in report.exported if r.path is not None]
    for result in sent:
        lines.append(_t("Sent to {recipient}: {changes}, {blobs}.").format(
            recipient=names.get(result.recipient, _t("the office")),
            changes=QCoreApplication.translate("HandoverView", "%n changes", None, result.changes),
            blobs=QCoreApplication.translate("HandoverView", "%n documents", None, result.blobs)))
    lines += [messages.clock_text("restamped", count=r.restamped, translate=QCoreApplication.translate)
              for r in sent if r.restamped]
    lines += [_t("Written again for {recipient}: the last handover file had gone from the folder "
                 "before it was confirmed.").format(recipient=names.get(r.recipient, _t("the office")))
              for r in sent if r.rewritten]
    waiting = [r for r in report.exported if r.path is None and r.unconfirmed]
    for result in waiting:  # never "nothing new" while the other side has not confirmed it
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n changes are in the folder already, not yet confirmed by {recipient}.",
            None, result.unconfirmed).format(recipient=names.get(result.recipient, _t("the office"))))
    if not sent and not waiting and not report.cancelled:
        lines.append(_t("Nothing new to send."))
    for outcome in report.imported:
        if outcome.status == "imported" and outcome.result is not None:
            lines += _received_lines(outcome.result, names)
        elif outcome.status == "refused" and not outcome.earlier:
            reason = error_text(outcome.error) if outcome.error else (outcome.reason or "")
            lines.append(_t("Refused file {file}: {reason}").format(file=outcome.file[:8] + "…",
                                                                   reason=reason))
    earlier = [o.file[:8] + "…" for o in report.imported if o.status == "refused" and o.earlier]
    if earlier:
        lines.append(QCoreApplication.translate(
            "HandoverView", "Refused earlier, still in the folder: {files} (delete them if nobody needs "
                            "them).", None, len(earlier)).format(files=", ".join(earlier)))
    already = sum(1 for o in report.imported if o.status == "already")
    if already:
        lines.append(QCoreApplication.translate("HandoverView", "%n files had been received before.",
                                                None, already))
    ignored = sum(1 for o in report.imported if o.status == "ignored")
    if ignored:
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n files for other devices were left in the folder.", None, ignored))
    if all(o.status == "refused" and o.earlier for o in report.imported):
        lines.append(_t("Nothing new arrived."))
    if report.removed:
        lines.append(QCoreApplication.translate(
            "HandoverView", "%n finished files were removed from the folder.", None, report.removed))
    return lines


def summary_text(entry: HandoverEntry) -> str:
    """What one handover did, in one short line ("12 changes handed over, 1 change received")."""
    if entry.error:
        return error_text(BeratungsError(entry.error))
    parts = []
    if entry.sent_changes or entry.sent_documents:
        parts.append(QCoreApplication.translate("HandoverView", "%n changes handed over", None,
                                                entry.sent_changes))
    if entry.sent_documents:
        parts.append(QCoreApplication.translate("HandoverView", "%n documents handed over", None,
                                                entry.sent_documents))
    if entry.files_received:
        parts.append(QCoreApplication.translate("HandoverView", "%n changes received", None,
                                                entry.changes_received))
    if entry.conflicts:
        parts.append(QCoreApplication.translate("HandoverView", "%n conflicts to review", None,
                                                entry.conflicts))
    if entry.files_refused:
        parts.append(QCoreApplication.translate("HandoverView", "%n files refused", None,
                                                entry.files_refused))
    if entry.cancelled:
        parts.append(_t("stopped before the end"))
    return ", ".join(parts) if parts else _t("nothing new")


def history_line(entry: HandoverEntry) -> str:
    """One line of the handover history: when, how started, what it did."""
    how = _t("automatic") if entry.automatic else _t("by the button")
    return _t("{when} · {how}: {what}").format(when=local_time(entry.at), how=how,
                                               what=summary_text(entry))
