"""A client's copy of a ``state:<CODE>`` channel: a snapshot with updates applied. Pure.

web/static/dashboard.js does the same in the browser; ``python -m web.watch`` and the tests use
this one. Applying a channel's updates in order to its snapshot gives the boards and seats the
next snapshot would show (counted numbers and seats; totals the writer derives, such as
``seats_counted``, are recomputed here from the seats).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["StateModel"]

_NUMERIC = ("won", "leading", "total", "majority")


def _skeleton(contest: str, state: str) -> dict[str, Any]:
    """A board for a contest the snapshot did not have yet, from its code ``ST-house-year``."""
    _, house, year = [*contest.split("-"), "", ""][:3]
    return {
        "contest": contest,
        "state": state,
        "house": house,
        "year": int(year) if year.isdigit() else 0,
        "seats": None,
        "majority": None,
        "layer": "counted",
    }


def _row(rows: list[dict[str, Any]], name_field: str, key: str) -> dict[str, Any]:
    for row in rows:
        if row.get(name_field) == key:
            return row
    row = {name_field: key}
    if name_field == "alliance":
        row["parties"] = []
    rows.append(row)
    return row


class StateModel:
    """Boards and seats of one state, kept current by ``apply``."""

    def __init__(self, snapshot_data: Mapping[str, Any]) -> None:
        self.state: str = snapshot_data["state"]
        self.contests: dict[str, dict[str, Any]] = {
            code: {"board": dict(c["board"]), "seats": dict(c["seats"])}
            for code, c in snapshot_data.get("contests", {}).items()
        }
        self.corrections: list[dict[str, Any]] = []
        """Changes flagged as corrections, newest last: shown as ``old → new``."""

    def apply(self, update_data: Mapping[str, Any]) -> None:
        """Apply one ``update``'s changes in order."""
        for item in update_data.get("changes", []):
            self.apply_change(item["change"])

    def apply_change(self, change: Mapping[str, Any]) -> None:
        contest = self.contests.setdefault(
            change["contest"], {"board": _skeleton(change["contest"], self.state), "seats": {}}
        )
        board, seats = contest["board"], contest["seats"]
        scope, key, field, new = (
            change["scope"],
            change["key"],
            change.get("field"),
            change.get("new"),
        )
        if change.get("correction"):
            self.corrections.append(dict(change))
        if scope == "seat":
            if isinstance(new, dict):
                seats[key] = new
            else:
                seats.pop(key, None)
            board["seats_counted"] = len(seats)
            board["seats_declared"] = sum(
                1 for s in seats.values() if s.get("status") == "declared"
            )
        elif scope in ("party", "alliance", "reported") and field:
            if scope == "party":
                rows, name = board.setdefault("parties", []), "party"
            elif scope == "alliance":
                rows, name = board.setdefault("alliances", []), "alliance"
            elif key.startswith("alliance:"):
                rows, name, key = board.setdefault("reported_alliances", []), "alliance", key[9:]
            else:
                rows, name = board.setdefault("reported", []), "party"
            row = _row(rows, name, key)
            row[field] = 0 if new is None and field in _NUMERIC else new
        elif scope == "flag":
            flagged = board.setdefault("disagreement", [])
            if new and key not in flagged:
                flagged.append(key)
            elif not new and key in flagged:
                flagged.remove(key)
        elif scope == "board":
            if field is None and isinstance(new, dict):
                contest["board"] = dict(new)
                board = contest["board"]
            elif field:
                board[field] = new
        stamp = change.get("event_time")
        if stamp and (board.get("updated_at") is None or stamp > board["updated_at"]):
            board["updated_at"] = stamp

    def party_numbers(self, contest: str) -> dict[str, tuple[int, int, int]]:
        """``party -> (won, leading, total)`` of a contest's board as it stands."""
        board = self.contests[contest]["board"]
        return {
            row["party"]: (row.get("won", 0), row.get("leading", 0), row.get("total", 0))
            for row in board.get("parties", [])
        }
