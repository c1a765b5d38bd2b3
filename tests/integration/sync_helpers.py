"""Helpers for the handover tests: enrolling laptops, moving bundles, comparing stores."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage.store import Store

_counter = itertools.count()


def enroll(office: Store, laptop: Store, counselor: str, folder: Path) -> tuple[HandoverService,
                                                                               HandoverService]:
    """The whole in-person enrollment; returns (office service, laptop service)."""
    office_service, laptop_service = HandoverService(office), HandoverService(laptop)
    work = folder / f"enroll-{next(_counter)}"
    invitation = office_service.invite(work)
    request, laptop_code, _ = laptop_service.join(invitation, work)
    parsed, office_code = office_service.read_join_request(request)
    assert office_code == laptop_code
    _, first = office_service.enroll(parsed, counselor, work, create_counselor=True)
    assert first.path is not None
    laptop_service.import_file(first.path)
    return office_service, laptop_service


def export_paths(service: HandoverService, folder: Path, force: bool = False) -> list[Path]:
    out = folder / f"out-{next(_counter)}"
    return [r.path for r in service.export(out, force) if r.path is not None]


def handover(source: HandoverService, target: HandoverService, folder: Path) -> list[Path]:
    """Export everything from ``source`` and import what is addressed to ``target``."""
    paths = export_paths(source, folder)
    for outcome in target.import_files(paths):
        assert outcome.status in ("imported", "already") or outcome.reason == "bundle_not_for_us", \
            outcome.reason
    return paths


def counselor_id(store: Store) -> str:
    return store.meta("counselor_id") or ""


def open_case(store: Store, code: str, counselor: str | None = None, summary: str | None = None,
              ) -> model.Case:
    service = CaseService(store)
    client = service.find_or_create_client(code)
    return service.open_case(client, "work", dt.date(2024, 3, 1), counselor_id=counselor,
                             summary=summary)


def store_digest(store: Store) -> str:
    """A hash over every table of the store (to show that a refusal changed nothing)."""
    digest = hashlib.sha256()
    tables = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%' "
        "ORDER BY name")]
    for table in tables:
        for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    digest.update(repr(store.conn.execute("SELECT rowid FROM search_fts ORDER BY rowid").fetchall()).encode())
    return digest.hexdigest()


def data_view(store: Store, entities: tuple[str, ...] | None = None) -> dict[str, dict[str, dict]]:
    """entity -> row id -> wire values (origin numbers are local, so clocks are left out)."""
    from beratungsdesk.storage import rows

    view: dict[str, dict[str, dict]] = {}
    for entity_spec in model.all_specs():
        if entities is not None and entity_spec.name not in entities:
            continue
        found = store.conn.execute(
            f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table}").fetchall()
        view[entity_spec.name] = {row[0]: rows.wire_values_of(entity_spec, row) for row in found}
    return view


def forge(store: Store, entity: str, row_id: str, values: dict[str, Any]) -> int:
    """Write a raw change set into the store's own change log, as an attacker with the
    unlocked store can; the next export signs and sends it. Returns its sequence number."""
    seq = store.last_own_seq + 1
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
                       "VALUES (?, ?, ?, ?, ?, ?, NULL)",
                       (store.own_origin_no, seq, store.clock.now(), entity, row_id, json.dumps(values)))
    store.set_meta("hlc", str(store.clock.last))
    store.conn.execute("COMMIT")
    store.last_own_seq = seq
    return seq
