"""What one state's keys hold after a sequence of batches: the reference ``upsert.lua`` meets.

Pure. It applies the rules of :mod:`streams.counting` in the order the script does (each
item's register and change, then per contest the derived changes and the board), so
``tests/streams/test_lua_agreement.py`` and the board fixtures can hold the script to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import msgspec

from streams.counting import (
    ContestModel,
    Update,
    board_change,
    build_board,
    derived_changes,
    derived_lines,
    item_change,
    wins,
)
from tally.changes import Change

__all__ = ["StateLog"]

_encoder = msgspec.json.Encoder()


@dataclass
class StateLog:
    """One state's registers, derived fields, boards and change log, as Redis keeps them."""

    threshold: int
    registers: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    """Contest -> register -> (version, JSON)."""
    models: dict[str, ContestModel] = field(default_factory=dict)
    derived: dict[str, dict[str, str]] = field(default_factory=dict)
    boards: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    applied: int = -1

    def apply(self, updates: Sequence[Update], offset: int) -> list[Change]:
        """Apply one batch (one script call) and return the changes it appended."""
        start = len(self.changes)
        for update in updates:
            model = self.models.setdefault(update.contest, ContestModel(update.contest))
            registers = self.registers.setdefault(update.contest, {})
            current = registers.get(update.register)
            if wins(update.version, current[0] if current else None):
                registers[update.register] = (update.version, update.value)
                model.load(update.register, update.version, update.value)
                change = item_change(update.contest, update, current[1] if current else None)
                if change is not None:
                    self.changes.append(change)
        if offset > self.applied and updates:
            for code in sorted({u.contest for u in updates}):
                board = build_board(self.models[code], self.threshold)
                new = derived_lines(board)
                self.changes += derived_changes(code, self.derived.get(code, {}), new)
                self.derived[code] = {k: str(v) for k, v in new.items()}
                encoded = _encoder.encode(board).decode()
                if self.boards.get(code) != encoded:
                    self.changes.append(board_change(board))
                self.boards[code] = encoded
            self.applied = offset
        return self.changes[start:]
