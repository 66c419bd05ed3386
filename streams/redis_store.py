"""Runs streams/writes.py's writes on Redis: the only module of streams/ that imports redis.

Each state's batch is one call of ``upsert.lua`` (atomic: registers, change log and boards);
the feed, which lives outside the states' hash slots, is appended after the script says which
items won. A lost connection is retried until Redis answers again: every call is idempotent,
so a retry after a half-seen reply changes nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from importlib import resources
from typing import Any, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import BusyLoadingError, ConnectionError, TimeoutError

from streams.writes import StateWrite
from tally import redis_keys

__all__ = ["RedisStore"]

log = logging.getLogger(__name__)

T = TypeVar("T")

UPSERT_LUA = resources.files("streams").joinpath("upsert.lua").read_text(encoding="utf-8")

RETRYABLE = (ConnectionError, TimeoutError, BusyLoadingError, OSError)


class RedisStore:
    """The tracker's Redis, as the worker writes it."""

    def __init__(self, url: str, *, feed_maxlen: int = redis_keys.FEED_MAXLEN) -> None:
        self.redis: aioredis.Redis = aioredis.Redis.from_url(url)
        self.script = self.redis.register_script(UPSERT_LUA)
        self.feed_maxlen = feed_maxlen

    async def close(self) -> None:
        await self.redis.aclose()

    async def reachable(self) -> bool:
        """Whether Redis answers a PING now; for health checks, so it never retries."""
        try:
            return bool(await self.redis.ping())
        except RETRYABLE:
            return False

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        delay = 0.05
        while True:
            try:
                return await call()
            except RETRYABLE as exc:
                log.warning("redis %s failed (%s); retrying in %.2fs", what, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def run(self, writes: Sequence[StateWrite]) -> list[list[Any]]:
        """Run the writes in one pipeline; return each script's reply."""
        if not writes:
            return []

        async def call() -> list[list[Any]]:
            async with self.redis.pipeline(transaction=False) as pipe:
                # First, so that no state has keys without being listed.
                pipe.sadd(redis_keys.STATES, *sorted({write.state for write in writes}))
                for write in writes:
                    await self.script(keys=write.keys, args=write.args, client=pipe)
                replies: list[list[Any]] = (await pipe.execute())[1:]
            await self._append_feed(writes, replies)
            return replies

        return await self._retrying("write", call)

    async def _append_feed(self, writes: Sequence[StateWrite], replies: list[list[Any]]) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            for write, reply in zip(writes, replies, strict=True):
                if not reply or reply[0] != b"ok":
                    continue
                for index in reply[1:]:
                    pipe.xadd(
                        redis_keys.FEED,
                        {"e": write.feed[int(index) - 1]},
                        maxlen=self.feed_maxlen,
                        approximate=True,
                    )
            await pipe.execute()

    async def create_epochs(self, epochs: Mapping[str, str]) -> None:
        """Give states without a change log yet an epoch (``SET NX``: never replaces one)."""
        if not epochs:
            return

        async def call() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                for state, epoch in sorted(epochs.items()):
                    pipe.set(redis_keys.epoch(state), epoch, nx=True)
                await pipe.execute()

        await self._retrying("epoch creation", call)

    async def missing_epochs(self, states: Sequence[str]) -> list[str]:
        """The states whose change log is gone (Redis flushed or restarted empty)."""
        if not states:
            return []

        async def call() -> list[str]:
            values = await self.redis.mget([redis_keys.epoch(s) for s in states])
            return [s for s, v in zip(states, values, strict=True) if v is None]

        return await self._retrying("epoch check", call)
