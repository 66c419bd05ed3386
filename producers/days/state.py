"""The board a day's seat lines add up to, by the same rule the streams worker applies.

Per seat the line with the higher round wins, and on equal rounds the later one. Party
counts follow from the seats: a seat is ``won`` at its final round and ``leading`` before.
Tests and ``--check`` use this to know, from the file alone, what Redis must hold after a
replay (in full or up to ``--until``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from producers.days.format import Day, SeatLine
from producers.days.schedule import contest_matches

__all__ = [
    "PartyCount",
    "SeatKey",
    "apply_line",
    "fold_seats",
    "party_counts",
    "seats_at",
    "summary",
]

SeatKey = tuple[str, int]
"""``(contest code, AC number)``."""


@dataclass(frozen=True, slots=True)
class PartyCount:
    """A party's seats on the counted board."""

    won: int = 0
    leading: int = 0

    @property
    def total(self) -> int:
        return self.won + self.leading


def apply_line(board: dict[SeatKey, SeatLine], line: SeatLine) -> None:
    """Put ``line`` on ``board`` if it beats the seat's current line."""
    key = (line.contest, line.ac_no)
    current = board.get(key)
    if current is None or (line.round, line.at) >= (current.round, current.at):
        board[key] = line


def fold_seats(lines: Iterable[object]) -> Iterator[tuple[str, dict[SeatKey, SeatLine]]]:
    """After each seat line, its clock and the board so far (the same dict, updated)."""
    board: dict[SeatKey, SeatLine] = {}
    for line in lines:
        if isinstance(line, SeatLine):
            apply_line(board, line)
            yield line.at, board


def seats_at(
    day: Day, *, until: str | None = None, contest: str | None = None
) -> dict[SeatKey, SeatLine]:
    """Each seat's standing after the lines up to ``until`` (inclusive).

    ``contest`` keeps one contest, given as the replay's ``--contest`` takes it.
    """
    board: dict[SeatKey, SeatLine] = {}
    for line in day.lines:
        if not isinstance(line, SeatLine) or (until is not None and line.at > until):
            continue
        if contest is None or contest_matches(line.contest, contest):
            apply_line(board, line)
    return board


def party_counts(seats: dict[SeatKey, SeatLine]) -> dict[str, dict[str, PartyCount]]:
    """Contest code -> party -> won and leading seats."""
    won: dict[str, Counter[str]] = {}
    leading: dict[str, Counter[str]] = {}
    for (contest, _), line in seats.items():
        target = won if line.status == "won" else leading
        target.setdefault(contest, Counter())[line.party] += 1
    contests = sorted(set(won) | set(leading))
    return {
        contest: {
            party: PartyCount(
                won=won.get(contest, Counter())[party],
                leading=leading.get(contest, Counter())[party],
            )
            for party in sorted(set(won.get(contest, {})) | set(leading.get(contest, {})))
        }
        for contest in contests
    }


def summary(day: Day, *, until: str | None = None, contest: str | None = None) -> str:
    """A few lines for a person: size, clock span, and the board at ``until`` (or the end)."""
    lines = day.lines
    span = f"{lines[0].at}-{lines[-1].at}" if lines else "no lines"
    out = [f"{day.header.name}: {len(lines)} lines, {span}; board at {until or 'the end'}:"]
    for code, counts in party_counts(seats_at(day, until=until, contest=contest)).items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1].total, item[0]))
        board = ", ".join(f"{party} {c.won} won {c.leading} leading" for party, c in ranked)
        out.append(f"  {code}: {board}")
    return "\n".join(out)
