"""Channel names and which channel a Redis stream feeds: pure routing, no I/O.

Three kinds of channel exist: ``feed`` (every accepted event), ``state:<CODE>`` (one state's
scoreboards and seats) and ``national`` (a summary of every state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NewType

from tally import redis_keys
from tally.reference import states

__all__ = [
    "FEED",
    "FEED_EPOCH",
    "NATIONAL",
    "NO_EPOCH",
    "ChannelError",
    "ChannelName",
    "Route",
    "parse_channel",
    "route_stream",
    "state_channel",
]

ChannelName = NewType("ChannelName", str)
"""A validated channel name, e.g. ``"state:GJ"``."""

FEED = ChannelName("feed")
NATIONAL = ChannelName("national")

NO_EPOCH = "0"
"""The epoch reported for a state whose change log has never been written."""

FEED_EPOCH = "feed"
"""The feed keeps one epoch; its ids only restart if Redis loses the stream (seen by offset)."""

_STATE = re.compile(r"state:([A-Z]{2})")
_CHANGES_KEY = re.compile(r"tally:\{([A-Z]{2})\}:changes")


class ChannelError(ValueError):
    """A channel name the server does not serve; the message says why."""


@dataclass(frozen=True, slots=True)
class Route:
    """Where a channel's data lives in Redis."""

    kind: Literal["feed", "state", "national"]
    state: str | None = None


def state_channel(state: str) -> ChannelName:
    return ChannelName(f"state:{state}")


def parse_channel(name: object) -> tuple[ChannelName, Route]:
    """Validate a client-supplied channel name.

    Raises:
        ChannelError: not a string, unknown shape, or a state code the tracker does not know.
    """
    if not isinstance(name, str):
        raise ChannelError("channel must be a string")
    if name == FEED:
        return FEED, Route("feed")
    if name == NATIONAL:
        return NATIONAL, Route("national")
    match = _STATE.fullmatch(name)
    if match is None:
        shown = name[:40] + ("…" if len(name) > 40 else "")
        raise ChannelError(f"unknown channel {shown!r}; use feed, national or state:<CODE>")
    code = match.group(1)
    if code not in states():
        raise ChannelError(f"unknown state code {code!r} in channel {name!r}")
    return ChannelName(name), Route("state", code)


def route_stream(key: str) -> ChannelName | None:
    """The channel a Redis stream key feeds, or None for keys the web layer ignores."""
    if key == redis_keys.FEED:
        return FEED
    match = _CHANGES_KEY.fullmatch(key)
    if match is None:
        return None
    return state_channel(match.group(1))
