"""Draft operations: unsaved input kept in the store while it is locked (``session.drafts``)."""

from __future__ import annotations

from typing import Any

from beratungsdesk.gui.ops import Op


def keep_drafts(states: dict[str, dict[str, Any]], replace: bool = True) -> Op[None]:
    return Op(lambda b: b.require().drafts.keep(states, replace=replace))


def load_drafts() -> Op[dict[str, dict[str, Any]]]:
    return Op(lambda b: b.require().drafts.load())


def discard_drafts(keys: list[str]) -> Op[None]:
    return Op(lambda b: b.require().drafts.discard(keys))
