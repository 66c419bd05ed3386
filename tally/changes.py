"""What streams/ writes to Redis and web/ sends on: scoreboards, seats and changes.

A *change* is a counter moving ("MH BJP leading 156 -> 158 at 11:42"); an *event* (tally.events)
is the claim that moved it. Both parts import these types; neither imports the other.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from tally.events import Source

__all__ = [
    "AllianceRow",
    "Board",
    "Change",
    "Headline",
    "PartyRow",
    "SeatRow",
    "decode_board",
    "decode_change",
    "decode_seat",
    "encode",
]

Layer = Literal["counted", "reported"]
"""``counted``: totals derived from seat results; ``reported``: numbers from articles."""


class PartyRow(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One party's line on a scoreboard."""

    party: str
    won: int = 0
    leading: int = 0
    total: int = 0
    updated_at: str | None = None
    event_id: str | None = None
    source: Source | None = None
    """Provenance of the newest number on this line (reported layer only)."""


class AllianceRow(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An alliance's line: the sum over its member parties, against the majority mark."""

    alliance: str
    parties: list[str]
    won: int = 0
    leading: int = 0
    total: int = 0
    majority: int | None = None
    updated_at: str | None = None
    event_id: str | None = None
    source: Source | None = None
    """Set when the number is the source's own alliance figure, not a sum over its parties."""


class Headline(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The numbers a reader sees first, and why they come from that layer.

    The counted layer heads the board only once its seats cover at least what the reported
    layer accounts for, or half the house; until then the reported layer does, with the
    sources' own alliance figures (``streams/counting.py`` owns the rule).
    """

    layer: Layer
    why: str
    parties: list[PartyRow] = []
    alliances: list[AllianceRow] = []
    seats_counted: int = 0
    """Seats with counted data, shown beside a reported headline as "N of M seats counted"."""
    seats_reported: int = 0
    """Seats the reported layer accounts for (its party totals, or its alliance figures)."""


class Board(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The scoreboard of one contest, as the web layer sends it in a snapshot."""

    contest: str
    state: str
    house: str
    year: int
    seats: int | None
    majority: int | None
    layer: Layer
    """The headline's layer (``headline.layer``)."""
    headline: Headline | None = None
    """What to show first; every board the worker writes has one."""
    parties: list[PartyRow] = []
    """The counted layer: party lines derived from the seats."""
    alliances: list[AllianceRow] = []
    """The counted layer's alliances: each alliance in force, summed over its parties."""
    reported: list[PartyRow] = []
    """The reported layer: party lines from articles, kept in full beside the counted one."""
    reported_alliances: list[AllianceRow] = []
    """The reported layer's alliances: the sources' own figures, then each alliance in force
    that no figure covers, summed over its reported parties (zero sums left out)."""
    seats_counted: int = 0
    """Seats with at least one round counted (leading or declared)."""
    seats_declared: int = 0
    disagreement: list[str] = []
    """Parties whose reported and counted totals differ by more than the configured amount."""
    disagreement_threshold: int | None = None
    """The configured amount: a party is flagged when the layers differ by more than this."""
    updated_at: str | None = None


class SeatRow(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One constituency's state of play."""

    key: str
    constituency: str
    ac_no: int | None = None
    leader: str | None = None
    party: str | None = None
    margin: int | None = None
    votes: int | None = None
    round: int | None = None
    total_rounds: int | None = None
    status: Literal["counting", "declared"] = "counting"
    runner_up: str | None = None
    runner_up_party: str | None = None
    updated_at: str | None = None
    event_id: str | None = None


class Change(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One counter moving, as appended to a state's change log.

    ``old``/``new`` are numbers for party and alliance lines, seat JSON for seats and the
    whole board for a ``board`` change without a field. ``correction`` is decided once, by
    ``streams/counting.py``: a ``won`` number that goes down. Readers show what it says and
    never infer a correction from the numbers.
    """

    contest: str
    scope: Literal["party", "alliance", "seat", "reported", "flag", "board"]
    key: str
    field: str | None = None
    old: int | str | dict[str, object] | None = None
    new: int | str | dict[str, object] | None = None
    correction: bool = False
    event_id: str | None = None
    event_time: str | None = None
    note: str | None = None


_encoder = msgspec.json.Encoder()
_board_decoder = msgspec.json.Decoder(Board)
_seat_decoder = msgspec.json.Decoder(SeatRow)
_change_decoder = msgspec.json.Decoder(Change)


def encode(value: Board | SeatRow | Change) -> bytes:
    """JSON bytes for Redis and the wire."""
    return _encoder.encode(value)


def decode_board(raw: bytes | str) -> Board:
    return _board_decoder.decode(raw)


def decode_seat(raw: bytes | str) -> SeatRow:
    return _seat_decoder.decode(raw)


def decode_change(raw: bytes | str) -> Change:
    return _change_decoder.decode(raw)
