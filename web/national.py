"""The ``national`` channel: every state's scoreboards, trimmed to what an overview shows. Pure.

The national channel is a latest-state channel. Its offset is a cursor over every state's
change log (``GJ=…;MH=…``) and its epoch a digest of every state's epoch, so a resume with an
unchanged cursor recovers and any other resume gets a fresh snapshot (never a partial one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import msgspec

from tally.changes import AllianceRow, Board, decode_board
from web.channels import NATIONAL, NO_EPOCH
from web.messages import encode_update
from web.resume import ZERO, StreamId

__all__ = [
    "BoardSummary",
    "NationalUpdate",
    "PartyLine",
    "StateSummary",
    "format_cursor",
    "national_data",
    "national_epoch",
    "parse_cursor",
    "summarise",
]


class PartyLine(msgspec.Struct, kw_only=True):
    party: str
    won: int
    leading: int
    total: int


class BoardSummary(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A contest's board without provenance and the reported layer: what an overview needs."""

    contest: str
    house: str
    year: int
    seats: int | None
    majority: int | None
    layer: str
    """The headline's layer: ``counted`` or ``reported``."""
    why: str | None = None
    """Why the headline comes from that layer (``Board.headline.why``)."""
    parties: list[PartyLine]
    alliances: list[AllianceRow] = []
    seats_counted: int = 0
    seats_declared: int = 0
    updated_at: str | None = None


class StateSummary(msgspec.Struct, kw_only=True):
    contests: dict[str, BoardSummary]


def summarise(board: Board) -> BoardSummary:
    """The headline's parties by total seats, largest first (ties by won, then code, so every
    server agrees), and its alliances."""
    headline = board.headline
    parties = headline.parties if headline else board.parties
    lines = sorted(
        (PartyLine(party=p.party, won=p.won, leading=p.leading, total=p.total) for p in parties),
        key=lambda line: (-line.total, -line.won, line.party),
    )
    return BoardSummary(
        contest=board.contest,
        house=board.house,
        year=board.year,
        seats=board.seats,
        majority=board.majority,
        layer=board.layer,
        why=headline.why if headline else None,
        parties=lines,
        alliances=headline.alliances if headline else board.alliances,
        seats_counted=board.seats_counted,
        seats_declared=board.seats_declared,
        updated_at=board.updated_at,
    )


def state_summary(boards: Mapping[str, bytes]) -> StateSummary:
    """Summaries of one state's contests from their raw board JSON, sorted by contest code."""
    return StateSummary(
        contests={code: summarise(decode_board(boards[code])) for code in sorted(boards)}
    )


def national_data(states: Mapping[str, StateSummary]) -> dict[str, object]:
    """Snapshot data: every state, plus the Lok Sabha contests of ``IN`` when present."""
    ordered = {code: states[code] for code in sorted(states)}
    india = states.get("IN")
    lok_sabha = (
        {c: s for c, s in india.contests.items() if s.house == "lok_sabha"} if india else None
    )
    return {"states": ordered, "lok_sabha": lok_sabha or None}


def format_cursor(positions: Mapping[str, StreamId]) -> str:
    """``GJ=…;MH=…``; logs never written are left out, as in :func:`national_epoch`."""
    return ";".join(f"{s}={positions[s]}" for s in sorted(positions) if positions[s] != ZERO)


def parse_cursor(text: str) -> dict[str, StreamId]:
    """Raises ValueError unless ``text`` is ``ST=<id>`` pairs joined by ``;`` (or empty)."""
    out: dict[str, StreamId] = {}
    for part in filter(None, text.split(";")):
        state, sep, raw_id = part.partition("=")
        if not sep or len(state) != 2 or not state.isupper():
            raise ValueError(f"bad national cursor part {part[:40]!r}")
        out[state] = StreamId.parse(raw_id)
    return out


def national_epoch(epochs: Mapping[str, str]) -> str:
    """A digest of every state's epoch; it changes when any state's log is recreated.

    States whose log was never written are left out, so a reader watching every state code and
    a snapshot listing only the states with data compute the same digest.
    """
    text = ";".join(f"{s}={epochs[s]}" for s in sorted(epochs) if epochs[s] != NO_EPOCH)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(slots=True)
class NationalUpdate:
    """New summaries of the states that moved in one tick, each with its log position."""

    epoch: str
    cursor: dict[str, StreamId]
    states: dict[str, tuple[StreamId, StateSummary]]
    _encoded: bytes | None = field(default=None, repr=False)

    @property
    def channel(self) -> str:
        return NATIONAL

    @property
    def offset(self) -> str:
        return format_cursor(self.cursor)

    @property
    def encoded(self) -> bytes:
        if self._encoded is None:
            data = {"states": {s: self.states[s][1] for s in sorted(self.states)}}
            self._encoded = encode_update(NATIONAL, self.epoch, self.offset, data)
        return self._encoded

    def after(self, cursor: Mapping[str, StreamId]) -> NationalUpdate | None:
        """Only the states that moved past ``cursor`` (the position a snapshot was read at)."""
        kept = {s: v for s, v in self.states.items() if v[0] > cursor.get(s, ZERO)}
        if not kept:
            return None
        if len(kept) == len(self.states):
            return self
        return NationalUpdate(self.epoch, self.cursor, kept)
