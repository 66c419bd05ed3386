"""The one Redis reader of a web process: ``XREAD BLOCK`` on every state's change log and the feed.

Reads the streams named in tally/redis_keys.py and yields a :class:`Tick` per read: update
messages per channel, plus the states whose log was recreated (new epoch), whose subscribers
must start over from a snapshot. Every state the tracker knows is watched from the start, so a
state's first entries are never missed, whenever it appears.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field

import redis.asyncio as aioredis

from tally import redis_keys
from web.channels import FEED, FEED_EPOCH, NO_EPOCH, ChannelName, route_stream, state_channel
from web.coalesce import StreamUpdate, build_updates, decode_entries
from web.metrics import Metrics
from web.national import national_epoch
from web.resume import ZERO, StreamId

__all__ = ["ChangeFeed", "Tick"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Tick:
    """What one read brought."""

    updates: list[StreamUpdate] = field(default_factory=list)
    moved: dict[str, StreamId] = field(default_factory=dict)
    """States whose log advanced, with their new position."""
    reset: list[tuple[ChannelName, str | None]] = field(default_factory=list)
    """Channels whose log was recreated, with the new epoch (None: every subscriber is stale).

    Subscribers whose snapshot already has the new epoch are current; the others start over."""


class ChangeFeed:
    """Tails the change logs; positions and epochs are this process's own, never shared."""

    def __init__(
        self,
        redis: aioredis.Redis,
        states: Iterable[str],
        *,
        metrics: Metrics,
        block_ms: int,
        count: int,
        chunk: int,
    ) -> None:
        self.redis = redis
        self.states = sorted(states)
        self.metrics = metrics
        self.block_ms = block_ms
        self.count = count
        self.chunk = chunk
        self.positions: dict[str, StreamId] = {}
        """Stream key -> last id read."""
        self.epochs: dict[str, str] = {}
        self.heartbeat = 0.0
        """``time.monotonic()`` of the last completed read; /healthz checks it."""

    def _log_keys(self) -> list[str]:
        return [redis_keys.changes(s) for s in self.states] + [redis_keys.FEED]

    async def start(self) -> None:
        """Start every log at its current end: clients get the past from snapshots."""
        keys = self._log_keys()
        async with self.redis.pipeline(transaction=True) as pipe:
            for key in keys:
                pipe.xrevrange(key, count=1)
            for state in self.states:
                pipe.get(redis_keys.epoch(state))
            result = await pipe.execute()
        for key, last in zip(keys, result[: len(keys)], strict=True):
            self.positions[key] = StreamId.parse(last[0][0].decode()) if last else ZERO
        for state, epoch in zip(self.states, result[len(keys) :], strict=True):
            self.epochs[state] = epoch.decode() if epoch else NO_EPOCH
        self.heartbeat = time.monotonic()

    async def ticks(self) -> AsyncIterator[Tick]:
        """Read forever; a tick with nothing in it is still yielded when a log was reset."""
        while True:
            streams = {key: str(pos) for key, pos in self.positions.items()}
            response = await self.redis.xread(streams, count=self.count, block=self.block_ms)
            tick = Tick()
            if response:
                await self._take(response, tick)
            else:
                await self._check_resets(tick)
            self.heartbeat = time.monotonic()
            if tick.updates or tick.reset or tick.moved:
                yield tick

    async def _take(self, response: list[tuple[bytes, list]], tick: Tick) -> None:  # type: ignore[type-arg]
        by_state = {}
        for raw_key, entries in response:
            key = raw_key.decode()
            channel = route_stream(key)
            if channel is None or not entries:
                continue
            by_state[key] = (channel, entries)
        # An entry read just as its log was recreated may belong to either epoch: compare the
        # epochs after the read, and start a changed state over from its new log.
        states = [c.removeprefix("state:") for c, _ in by_state.values() if c != FEED]
        current = await self._epochs(states)
        now_ms = time.time() * 1000
        for key, (channel, entries) in by_state.items():
            state = channel.removeprefix("state:") if channel != FEED else None
            if state is not None and self._recreated(key, state, current[state]):
                self._reset(key, state, current[state], tick)
                continue
            last = StreamId.parse(entries[-1][0].decode())
            self.positions[key] = last
            good, rejected = decode_entries(channel, entries)
            for reject in rejected:
                self.metrics.rejected_entries += 1
                log.error("%s entry %s breaks the contract: %s", channel, reject.id, reject.reason)
            epoch = FEED_EPOCH if state is None else self.epochs[state]
            tick.updates.extend(build_updates(channel, epoch, good, self.chunk))
            if state is not None:
                tick.moved[state] = last
            self.metrics.stream_lag_seconds[channel] = max(0.0, (now_ms - last.ms) / 1000)

    async def _check_resets(self, tick: Tick) -> None:
        """While idle: notice recreated logs (new epoch, or ids that went backwards)."""
        current = await self._epochs(self.states)
        ends = await self._ends()
        for state in self.states:
            key = redis_keys.changes(state)
            if self._recreated(key, state, current[state]) or ends[key] < self.positions[key]:
                self._reset(key, state, current[state], tick)
        if ends[redis_keys.FEED] < self.positions[redis_keys.FEED]:
            self.positions[redis_keys.FEED] = ZERO
            tick.reset.append((FEED, None))

    def _recreated(self, key: str, state: str, epoch: str) -> bool:
        """Whether the log under ``key`` is not the one this reader has been following."""
        return epoch != self.epochs.get(state, NO_EPOCH)

    def _reset(self, key: str, state: str, epoch: str, tick: Tick) -> None:
        old = self.epochs.get(state, NO_EPOCH)
        level = logging.INFO if old == NO_EPOCH else logging.WARNING
        log.log(level, "state=%s: change log (re)created, epoch %s -> %s", state, old, epoch)
        self.epochs[state] = epoch
        self.positions[key] = ZERO
        tick.reset.append((state_channel(state), epoch))

    async def _epochs(self, states: list[str]) -> dict[str, str]:
        if not states:
            return {}
        values = await self.redis.mget([redis_keys.epoch(s) for s in states])
        return {s: (v.decode() if v else NO_EPOCH) for s, v in zip(states, values, strict=True)}

    async def _ends(self) -> dict[str, StreamId]:
        keys = self._log_keys()
        async with self.redis.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.xrevrange(key, count=1)
            result = await pipe.execute()
        return {
            k: (StreamId.parse(r[0][0].decode()) if r else ZERO)
            for k, r in zip(keys, result, strict=True)
        }

    def positions_by_state(self) -> dict[str, StreamId]:
        return {s: self.positions[redis_keys.changes(s)] for s in self.states}

    def national_epoch(self) -> str:
        """The epoch the national channel has, as this reader knows the states' epochs."""
        return national_epoch(self.epochs)
