"""Decide whether a client's ``since`` position can be resumed exactly: pure, no I/O.

A resume is all or nothing. It succeeds only when the epoch is unchanged, the offset is
one the log really reached, nothing after it has been trimmed, and the gap is small enough to
replay; otherwise the client gets ``recovered: false`` and a fresh snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["ZERO", "LogInfo", "ResumePlan", "StreamId", "plan_resume"]

_ID = re.compile(r"(\d{1,20})-(\d{1,20})")


@dataclass(frozen=True, slots=True, order=True)
class StreamId:
    """A Redis stream id (``<ms>-<seq>``), ordered as Redis orders them."""

    ms: int
    seq: int

    @classmethod
    def parse(cls, text: object) -> StreamId:
        """Raises ValueError on anything but ``<digits>-<digits>``."""
        if not isinstance(text, str):
            raise ValueError("offset must be a string like '1718000000000-0'")
        match = _ID.fullmatch(text)
        if match is None:
            raise ValueError(f"offset {text[:40]!r} is not a stream id like '1718000000000-0'")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.ms}-{self.seq}"


ZERO = StreamId(0, 0)


@dataclass(frozen=True, slots=True)
class LogInfo:
    """What Redis says about a change log at one instant."""

    epoch: str
    last_id: StreamId
    """The last id ever generated (``ZERO`` when the log does not exist)."""
    first_id: StreamId | None
    """The oldest entry still held, None when the log holds none."""
    removed: int
    """Entries ever trimmed or deleted (``entries-added`` minus ``length``)."""
    missed: int
    """Entries after the client's offset, counted up to ``replay_limit + 1``."""


@dataclass(frozen=True, slots=True)
class ResumePlan:
    action: Literal["replay", "snapshot"]
    reason: str


def plan_resume(epoch: str, offset: StreamId, log: LogInfo, replay_limit: int) -> ResumePlan:
    """Replay when every entry after ``offset`` is still in the log; else a snapshot, with why."""
    if epoch != log.epoch:
        return ResumePlan("snapshot", "epoch changed")
    if offset > log.last_id:
        return ResumePlan("snapshot", "offset is ahead of the log")
    if offset < log.last_id and (log.first_id is None or offset < log.first_id) and log.removed:
        # Trimming removes the oldest entries first, so everything after an offset at or past
        # the oldest held entry is still there; before it, some entries may be gone.
        return ResumePlan("snapshot", "history trimmed")
    if log.missed > replay_limit:
        return ResumePlan("snapshot", "too many missed updates")
    return ResumePlan("replay", "ok")
