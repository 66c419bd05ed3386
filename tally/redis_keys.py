"""Every Redis key the tracker uses, declared once: the contract between streams/ and web/.

streams/ writes these keys; web/ only reads them. Keys of one state share the hash tag
``{ST}`` so that a state's scoreboards, seats, change log and epoch sit in one Redis Cluster
slot and one Lua script may touch them all. See docs/architecture.md for the value shapes.

Value shapes (``tally.changes`` types, encoded with ``tally.changes.encode``):

- ``board``: a ``Board`` JSON; ``seats``: HASH seat key -> ``SeatRow`` JSON.
- ``changes``: STREAM entries with one field ``c`` = a ``Change`` JSON. Scopes: ``seat`` (old/new
  are SeatRow dicts), ``reported`` (a reported line; ``key`` is the party, or ``alliance:CODE``;
  ``field`` its status; ``note`` e.g. ``"36 → 38 (source updated 11:42)"``), ``party`` and
  ``alliance`` (a line of the board as shown: ``field`` is won/leading/total), ``flag`` (``key``
  a party, ``field`` ``"disagreement"``, ``new`` a description or absent when cleared) and
  ``board`` (``field`` ``"layer"`` when the board switches layer; after a rebuild one entry per
  contest whose ``new`` is the whole Board and ``note`` is ``"rebuilt"``).
- ``epoch``: an opaque string; when it differs from the one a reader saw, its stream ids no
  longer apply and it must take a fresh snapshot.
- ``versions``, ``reported``, ``derived`` and ``applied`` are the writer's bookkeeping; readers
  may ignore them.
"""

from __future__ import annotations

PREFIX = "tally"

STATES = f"{PREFIX}:states"
"""SET of state codes that have any data; the ``national`` channel walks it."""

FEED = f"{PREFIX}:feed"
"""Capped STREAM of accepted events (field ``e``: the event JSON, provenance included)."""

FEED_MAXLEN = 5_000
"""Approximate cap of :data:`FEED`; the live feed only ever shows the newest entries."""

CHANGES_MAXLEN = 20_000
"""Approximate cap of each state's change log; a resume from before it gets a fresh snapshot."""


def state_tag(state: str) -> str:
    """The hash-tagged key prefix of one state, e.g. ``tally:{MH}``."""
    return f"{PREFIX}:{{{state}}}"


def epoch(state: str) -> str:
    """STRING: an id that changes whenever the state's change log is recreated."""
    return f"{state_tag(state)}:epoch"


def changes(state: str) -> str:
    """STREAM: every applied change for the state, in order (field ``c``: a Change JSON)."""
    return f"{state_tag(state)}:changes"


def contests(state: str) -> str:
    """SET of contest codes (``MH-assembly-2024``) the state has data for."""
    return f"{state_tag(state)}:contests"


def board(state: str, contest: str) -> str:
    """STRING: the contest's scoreboard JSON, ready to send (see tally.changes.Board)."""
    return f"{state_tag(state)}:board:{contest}"


def seats(state: str, contest: str) -> str:
    """HASH: constituency key (AC number, else name) -> seat JSON (leader, margin, round...)."""
    return f"{state_tag(state)}:seats:{contest}"


def reported(state: str, contest: str) -> str:
    """HASH: reported line (``BJP|won``, ``alliance:NDA|total``) -> JSON ``{line, status, seats,
    event_id, event_time, as_of?, source?, parties?}``: the newest number an article gave."""
    return f"{state_tag(state)}:reported:{contest}"


def versions(state: str, contest: str) -> str:
    """HASH: ``seat/<key>`` or ``reported/<line>`` -> version string of the value stored; a write
    lands only with a greater version, which makes replays and duplicates harmless."""
    return f"{state_tag(state)}:versions:{contest}"


def derived(state: str, contest: str) -> str:
    """HASH: ``party|BJP|won`` -> 45, ``alliance|NDA|total`` -> 90, ``flag|BJP|disagreement`` ->
    text, ``board|<contest>|layer`` -> layer: the board's numbers as last logged, zeros omitted."""
    return f"{state_tag(state)}:derived:{contest}"


def applied(state: str) -> str:
    """HASH: Kafka partition -> offset of the newest event whose board was written; an older
    board (a replay, a slower worker) never overwrites a newer one."""
    return f"{state_tag(state)}:applied"
