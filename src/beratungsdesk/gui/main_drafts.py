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


class WindowDrafts:
    """The main window's drafts (``window.drafts``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # Drafts read from the store after unlocking: None until they are known, then those
        # put back into an editor and not yet saved or discarded (key -> the page showing it).
        self.restored: dict[str, str] | None = None
        self._unplaced: dict[str, dict[str, Any]] = {}

    def _editors(self) -> dict[str, Any]:
        """Editors that exist and can hold unsaved input, by draft key."""
        window = self.window
        found: dict[str, Any] = {"case": window.cases.built_editor(), "outreach": window.built("outreach"),
                                 "network": window.built("network")}
        return {key: editor for key, editor in found.items() if editor is not None}

    def states(self) -> dict[str, dict[str, Any]]:
        """Everything unsaved, by draft key (read when locking, before the widgets are cleared).

        Drafts read after unlocking but not put back yet are still owed to the user: kept too."""
        states = dict(self._unplaced)
        for key, editor in self._editors().items():
            try:
                state = editor.draft_state()
            except Exception as error:  # the lock must come anyway; the log names no value
                log.error("draft of %s not kept: %s", key, type(error).__name__)
                continue
            if state is not None:
                states[key] = state
        return states

    def offer(self) -> None:
        """Read the drafts kept at the last lock and put them back where they were typed."""
        def done(drafts: dict[str, dict[str, Any]]) -> None:
            self._unplaced = dict(drafts)
            self.restored = {}
            for key in ("network", "outreach", "case"):  # the case last: its page is shown
                if key in drafts:
                    self._restore(key, drafts[key])
            if not drafts:
                self._unplaced = {}

        draft_ops.load_drafts().run(self.window.runner, self.window, done, self.window.show_error)

    def _restore(self, key: str, state: dict[str, Any]) -> None:
        if key == "case":
            self._restore_case(state)
            return
        self.window.show_page(key)  # first: showing the prevention page reloads it; the draft waits for that
        page = self.window.outreach if key == "outreach" else self.window.network
        page.restore_draft(state)
        self._placed(key, key)

    def _restore_case(self, state: dict[str, Any]) -> None:
        case_id = str(state.get("case_id") or "")
        self.window.show_page("cases")
        self.window.cases.open_case(case_id)
        editor = self.window.cases.editor

        def put_back(_result: object) -> None:  # the case's record arrived just before this
            if editor.restore_draft(state):
                self._placed("case", "cases")
            else:  # the case is gone (erased elsewhere): its draft goes with it
                self._unplaced.pop("case", None)
                draft_ops.discard_drafts(["case"]).run(self.window.runner)
                self.window.statusBar().showMessage(
                    _t("A draft belonged to a case that no longer exists; it was removed."), 10_000)

        barrier().run(self.window.runner, self.window, put_back)

    def _placed(self, key: str, page: str) -> None:
        self._unplaced.pop(key, None)
        assert self.restored is not None
        self.restored[key] = page
        self.window.draft_banner.offer([self.window._page_label(name) for name in dict.fromkeys(
            self.restored.values())])

    def discard_restored(self) -> None:
        """The user does not want what was restored: editors back to the saved state, drafts gone."""
        keys = list(self.restored or {})
        editors = self._editors()
        for key in keys:
            if key in editors:
                editors[key].discard_draft()
        self._drop(keys)

    def forget_settled(self) -> None:
        """Restored drafts whose input was saved meanwhile (nothing unsaved left) go from the store."""
        if not self.restored:
            return
        editors = self._editors()
        settled = [key for key in self.restored
                   if key not in editors or editors[key].draft_state() is None]
        self._drop(settled)

    def _drop(self, keys: list[str]) -> None:
        if not keys or self.restored is None:
            return
        for key in keys:
            self.restored.pop(key, None)
        if not self.restored:
            self.window.draft_banner.hide()
        draft_ops.discard_drafts(keys).run(self.window.runner, self.window, failed=self.window.show_error)
