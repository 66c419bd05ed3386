"""Every Redis key the tracker uses, declared once: the contract between streams/ and web/.

streams/ writes these keys; web/ only reads them. Keys of one state share the hash tag
``{ST}`` so that a state's scoreboards, seats, change log and epoch sit in one Redis Cluster
slot and one Lua script may touch them all. See docs/architecture.md for the value shapes.
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
