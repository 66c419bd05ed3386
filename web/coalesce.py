"""Turn a batch of stream entries into per-channel update messages: pure, no I/O.

The Redis reader hands over whatever one ``XREAD`` returned; under load that is many entries,
so one tick becomes one message per channel instead of one per change. Entries are never
merged or reordered: a client applying them in order reaches the same state as the writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import msgspec

from tally.changes import decode_change
from web.channels import FEED, ChannelName
from web.messages import encode_update
from web.resume import StreamId

__all__ = ["Entry", "Rejected", "StreamUpdate", "build_updates", "decode_entries"]

_CHANGE_FIELD = b"c"
_EVENT_FIELD = b"e"


@dataclass(frozen=True, slots=True)
class Entry:
    """One validated stream entry: its id and its JSON body, kept as the bytes Redis holds."""

    id: StreamId
    body: msgspec.Raw


@dataclass(frozen=True, slots=True)
class Rejected:
    """An entry that does not follow the Redis contract; logged and skipped, never sent."""

    channel: str
    id: str
    reason: str


class _ChangeItem(msgspec.Struct):
    id: str
    change: msgspec.Raw


class _EventItem(msgspec.Struct):
    id: str
    event: msgspec.Raw


@dataclass(slots=True)
class StreamUpdate:
    """Consecutive entries of one channel's log, sent as one ``update`` message."""

    channel: ChannelName
    epoch: str
    entries: Sequence[Entry]
    _encoded: bytes | None = field(default=None, repr=False)

    @property
    def kind(self) -> Literal["feed", "state"]:
        return "feed" if self.channel == FEED else "state"

    @property
    def offset(self) -> StreamId:
        return self.entries[-1].id

    def data(self) -> dict[str, object]:
        if self.kind == "feed":
            return {"events": [_EventItem(str(e.id), e.body) for e in self.entries]}
        return {"changes": [_ChangeItem(str(e.id), e.body) for e in self.entries]}

    @property
    def encoded(self) -> bytes:
        """The message bytes, built on first use and shared by every subscriber."""
        if self._encoded is None:
            self._encoded = encode_update(self.channel, self.epoch, str(self.offset), self.data())
        return self._encoded

    def after(self, position: StreamId) -> StreamUpdate | None:
        """Only the entries newer than ``position`` (what a client that just synced lacks)."""
        if self.entries[0].id > position:
            return self
        rest = [e for e in self.entries if e.id > position]
        return StreamUpdate(self.channel, self.epoch, rest) if rest else None


def decode_entries(
    channel: ChannelName, raw: Iterable[tuple[bytes | str, dict[bytes, bytes]]]
) -> tuple[list[Entry], list[Rejected]]:
    """Validate raw ``XREAD``/``XRANGE`` entries against the contract in tally/changes.py."""
    entries: list[Entry] = []
    rejected: list[Rejected] = []
    wanted = _EVENT_FIELD if channel == FEED else _CHANGE_FIELD
    for raw_id, fields in raw:
        text_id = raw_id.decode() if isinstance(raw_id, bytes) else raw_id
        body = fields.get(wanted)
        if body is None:
            rejected.append(Rejected(channel, text_id, f"no field {wanted.decode()!r}"))
            continue
        try:
            if channel == FEED:
                if not isinstance(msgspec.json.decode(body), dict):
                    raise msgspec.ValidationError("event is not a JSON object")
            else:
                decode_change(body)
            entry_id = StreamId.parse(text_id)
        except (msgspec.ValidationError, msgspec.DecodeError, ValueError, RecursionError) as exc:
            rejected.append(Rejected(channel, text_id, str(exc)))
            continue
        entries.append(Entry(entry_id, msgspec.Raw(body)))
    return entries, rejected


def build_updates(
    channel: ChannelName, epoch: str, entries: Sequence[Entry], chunk: int
) -> list[StreamUpdate]:
    """Split a channel's entries into update messages of at most ``chunk`` entries, in order."""
    return [
        StreamUpdate(channel, epoch, entries[i : i + chunk]) for i in range(0, len(entries), chunk)
    ]
