"""Handover files, join requests and invitations are private to the user (0600) from the
first byte, even under a permissive umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.integration.sync_helpers import counselor_id, enroll, export_paths, open_case


@pytest.fixture
def open_umask():
    before = os.umask(0o000)  # the worst case: everything the process creates is world-writable
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_invitation_join_request_and_bundles_are_0600(office, laptop, tmp_path, open_umask) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    written = sorted(tmp_path.rglob("*.bdinvite")) + sorted(tmp_path.rglob("*.bdsk"))
    assert any(p.suffix == ".bdinvite" for p in written) and len(written) >= 3  # invite, join, first
    open_case(laptop, "K-1", counselor_id(laptop))
    written += export_paths(laptop_service, tmp_path) + export_paths(office_service, tmp_path, force=True)
    assert {p: _mode(p) for p in written} == dict.fromkeys(written, 0o600)
