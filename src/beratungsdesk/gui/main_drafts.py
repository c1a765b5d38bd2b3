"""Drafts in the main window: unsaved input kept in the store while locked, put back
after unlocking where it was typed (``gui/drafts.py`` reads and writes the widgets)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from beratungsdesk.gui.ops import barrier
from beratungsdesk.gui.ops import drafts as draft_ops

if TYPE_CHECKING:
    from beratungsdesk.gui.main_window import MainWindow

log = logging.getLogger("beratungsdesk.gui.main_window")


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class DraftsMixin:
    """Mixed into :class:`~beratungsdesk.gui.main_window.MainWindow`."""

    restored_drafts: dict[str, str] | None
    _unplaced_drafts: dict[str, dict[str, Any]]

    def _draft_editors(self: MainWindow) -> dict[str, Any]:
        """Editors that exist and can hold unsaved input, by draft key."""
        found: dict[str, Any] = {"case": self.cases.built_editor(), "outreach": self.built("outreach"),
                                 "network": self.built("network")}
        return {key: editor for key, editor in found.items() if editor is not None}

    def draft_states(self: MainWindow) -> dict[str, dict[str, Any]]:
        """Everything unsaved, by draft key (read when locking, before the widgets are cleared).

        Drafts read after unlocking but not put back yet are still owed to the user: kept too."""
        states = dict(self._unplaced_drafts)
        for key, editor in self._draft_editors().items():
            try:
                state = editor.draft_state()
            except Exception as error:  # the lock must come anyway; the log names no value
                log.error("draft of %s not kept: %s", key, type(error).__name__)
                continue
            if state is not None:
                states[key] = state
        return states

    def offer_drafts(self: MainWindow) -> None:
        """Read the drafts kept at the last lock and put them back where they were typed."""
        def done(drafts: dict[str, dict[str, Any]]) -> None:
            self._unplaced_drafts = dict(drafts)
            self.restored_drafts = {}
            for key in ("network", "outreach", "case"):  # the case last: its page is shown
                if key in drafts:
                    self._restore_draft(key, drafts[key])
            if not drafts:
                self._unplaced_drafts = {}

        draft_ops.load_drafts().run(self.runner, self, done, self.show_error)

    def _restore_draft(self: MainWindow, key: str, state: dict[str, Any]) -> None:
        if key == "case":
            self._restore_case_draft(state)
            return
        self.show_page(key)  # first: showing the prevention page reloads it; the draft waits for that
        page = self.outreach if key == "outreach" else self.network
        page.restore_draft(state)
        self._placed(key, key)

    def _restore_case_draft(self: MainWindow, state: dict[str, Any]) -> None:
        case_id = str(state.get("case_id") or "")
        self.show_page("cases")
        self.cases.open_case(case_id)
        editor = self.cases.editor

        def put_back(_result: object) -> None:  # the case's record arrived just before this
            if editor.restore_draft(state):
                self._placed("case", "cases")
            else:  # the case is gone (erased elsewhere): its draft goes with it
                self._unplaced_drafts.pop("case", None)
                draft_ops.discard_drafts(["case"]).run(self.runner)
                self.statusBar().showMessage(
                    _t("A draft belonged to a case that no longer exists; it was removed."), 10_000)

        barrier().run(self.runner, self, put_back)

    def _placed(self: MainWindow, key: str, page: str) -> None:
        self._unplaced_drafts.pop(key, None)
        assert self.restored_drafts is not None
        self.restored_drafts[key] = page
        self.draft_banner.offer([self._page_label(name) for name in dict.fromkeys(
            self.restored_drafts.values())])

    def discard_restored_drafts(self: MainWindow) -> None:
        """The user does not want what was restored: editors back to the saved state, drafts gone."""
        keys = list(self.restored_drafts or {})
        editors = self._draft_editors()
        for key in keys:
            if key in editors:
                editors[key].discard_draft()
        self._drop_drafts(keys)

    def _forget_settled_drafts(self: MainWindow) -> None:
        """Restored drafts whose input was saved meanwhile (nothing unsaved left) go from the store."""
        if not self.restored_drafts:
            return
        editors = self._draft_editors()
        settled = [key for key in self.restored_drafts
                   if key not in editors or editors[key].draft_state() is None]
        self._drop_drafts(settled)

    def _drop_drafts(self: MainWindow, keys: list[str]) -> None:
        if not keys or self.restored_drafts is None:
            return
        for key in keys:
            self.restored_drafts.pop(key, None)
        if not self.restored_drafts:
            self.draft_banner.hide()
        draft_ops.discard_drafts(keys).run(self.runner, self, failed=self.show_error)
