"""A client's copy of a ``state:<CODE>`` channel: a snapshot with updates applied. Pure.

The change log states everything a reader needs, so applying it computes nothing: a ``seat``
change sets or clears one seat, a ``board`` change without a field replaces the contest's
board whole, and a change marked ``correction`` is remembered to be shown as ``old → new``.
The other changes (party, alliance, reported, flag, a board field) say what moved, for
highlighting; the board that follows them in the same update already holds their numbers.
web/static/js/reducer.js is the same reducer in the browser; ``tests/fixtures/boards`` holds
both to the worker's output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["StateModel"]


class StateModel:
    """Boards and seats of one state, kept current by ``apply``."""

    def __init__(self, snapshot_data: Mapping[str, Any]) -> None:
        self.state: str = snapshot_data["state"]
        self.contests: dict[str, dict[str, Any]] = {
            code: {"board": dict(c["board"]), "seats": dict(c["seats"])}
            for code, c in snapshot_data.get("contests", {}).items()
        }
        self.corrections: list[dict[str, Any]] = []
        """Changes the worker marked as corrections, newest last."""

    def apply(self, update_data: Mapping[str, Any]) -> None:
        """Apply one ``update``'s changes in order."""
        for item in update_data.get("changes", []):
            self.apply_change(item["change"])

    def apply_change(self, change: Mapping[str, Any]) -> None:
        contest = self.contests.setdefault(change["contest"], {"board": None, "seats": {}})
        new = change.get("new")
        if change["scope"] == "seat":
            if isinstance(new, dict):
                contest["seats"][change["key"]] = new
            else:
                contest["seats"].pop(change["key"], None)
        elif change["scope"] == "board" and change.get("field") is None and isinstance(new, dict):
            contest["board"] = dict(new)
        if change.get("correction"):
            self.corrections.append(dict(change))

    def boards(self) -> dict[str, dict[str, Any]]:
        """Contest -> board, for the contests whose board has arrived."""
        return {code: c["board"] for code, c in self.contests.items() if c["board"] is not None}

    def party_numbers(self, contest: str) -> dict[str, tuple[int, int, int]]:
        """``party -> (won, leading, total)`` of a contest's headline as it stands."""
        board = self.contests[contest]["board"] or {}
        headline = board.get("headline") or {}
        return {
            row["party"]: (row.get("won", 0), row.get("leading", 0), row.get("total", 0))
            for row in headline.get("parties", board.get("parties", []))
        }
