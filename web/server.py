"""The websocket server: one process, one Redis reader, every client fed from memory.

Connections speak the protocol in web/messages.py on ``/ws``; every other path is answered by
web/rest.py on the same port. Subscribing reads a snapshot (or a replay) from Redis through a
small shared pool; live updates come only from the process's :class:`~web.change_feed.ChangeFeed`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tally import redis_keys
from tally.reference import states as known_states
from web import rest
from web.change_feed import ChangeFeed
from web.channels import FEED, NATIONAL, ChannelError, ChannelName, Route, parse_channel
from web.coalesce import StreamUpdate, build_updates
from web.fanout import Hub, Publishable, Session
from web.limits import TokenBucket
from web.messages import (
    ErrorCode,
    OpError,
    Ping,
    Since,
    Subscribe,
    Unsubscribe,
    encode_error,
    encode_pong,
    encode_resume,
    encode_snapshot,
    parse_op,
)
from web.metrics import Metrics
from web.national import NationalUpdate, format_cursor, parse_cursor
from web.resume import StreamId, plan_resume
from web.settings import Settings
from web.snapshots import read_feed, read_log, read_national, read_state, read_state_summaries

__all__ = ["App", "running"]

log = logging.getLogger(__name__)

WS_PATH = "/ws"


class App:
    """Everything one server process holds: settings, Redis clients, hub, reader, counters."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.hub = Hub(
            self.metrics,
            buffer_bytes=settings.client_buffer_bytes,
            sync_updates=settings.sync_buffer_updates,
        )
        # Snapshot reads share a bounded pool; a burst of subscribes waits for a connection
        # rather than opening one per client.
        pool = aioredis.BlockingConnectionPool.from_url(
            settings.redis_url, max_connections=settings.redis_pool, timeout=10
        )
        self.redis = aioredis.Redis(connection_pool=pool)
        self.reader_redis = aioredis.Redis.from_url(settings.redis_url)
        self.feed = ChangeFeed(
            self.reader_redis,
            known_states(),
            metrics=self.metrics,
            block_ms=settings.block_ms,
            count=settings.read_count,
            chunk=settings.update_chunk,
        )
        self.server: Server | None = None
        self.pump_task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # Lifecycle

    @property
    def port(self) -> int:
        assert self.server is not None
        sock = next(iter(self.server.sockets))
        return int(sock.getsockname()[1])

    async def start(self) -> None:
        await self.feed.start()
        origins: list[Any] | None = None
        if self.settings.origins is not None:
            origins = [
                re.compile(o[3:]) if o.startswith("re:") else o for o in self.settings.origins
            ]
            if self.settings.allow_no_origin:
                origins.append(None)
        self.server = await serve(
            self.handler,
            self.settings.host,
            self.settings.port,
            process_request=self.http,
            compression=self.settings.compression,
            max_size=self.settings.max_frame_bytes,
            origins=origins,
            ping_interval=self.settings.ping_interval,
            ping_timeout=self.settings.ping_timeout,
        )
        self.pump_task = asyncio.create_task(self.pump(), name="change-feed")

    async def close(self) -> None:
        """Stop reading, close every connection, release Redis; never waits without bound.

        A handler stuck on a dead peer must not hold a restart hostage, so each step gets
        ``SHUTDOWN_GRACE_S`` and the step that overran is logged by name.
        """
        if self.pump_task is not None:
            self.pump_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await _bounded("change-feed reader", self.pump_task)
        if self.server is not None:
            self.server.close()
            await _bounded("connection handlers", self.server.wait_closed())
        await self.redis.aclose()
        await self.reader_redis.aclose()

    def readers_alive(self) -> bool:
        """The pump runs and read (or timed out a block) recently."""
        if self.pump_task is None or self.pump_task.done():
            return False
        return time.monotonic() - self.feed.heartbeat < 3 * self.settings.block_ms / 1000 + 5

    # Live updates

    async def pump(self) -> None:
        """Move every tick of the change feed to the subscribers. Runs for the process's life.

        When Redis is unreachable the reader waits and reads on from the positions it had, so
        live subscribers miss nothing; /healthz reports the outage meanwhile.
        """
        delay = 0.5
        while True:
            try:
                async for tick in self.feed.ticks():
                    delay = 0.5
                    for channel, epoch in tick.reset:
                        self.resync(channel, epoch)
                    if any(channel != FEED for channel, _ in tick.reset):
                        self.resync(NATIONAL, self.feed.national_epoch())
                    self.hub.publish_all(tick.updates)
                    if tick.moved and self.hub.has_members(NATIONAL):
                        await self.publish_national(list(tick.moved))
            except (RedisError, OSError) as exc:
                log.error("Redis reader: %s; retrying in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    async def publish_national(self, moved: list[str]) -> None:
        try:
            fresh = await read_state_summaries(self.redis, sorted(moved))
        except RedisError as exc:
            log.error("national update skipped for %s: %s", ",".join(moved), exc)
            return
        cursor = self.feed.positions_by_state()
        states = {s: (cursor[s], summary) for s, (_, summary) in fresh.items()}
        self.hub.publish(NationalUpdate(self.feed.national_epoch(), cursor, states))

    def resync(self, channel: ChannelName, epoch: str | None) -> None:
        """Members not on ``epoch`` start over: ``resume recovered:false``, then a snapshot."""
        for session in self.hub.detach(channel, epoch):
            self._spawn(self._resync_one(session, channel, "epoch changed"))

    async def _resync_one(self, session: Session, channel: ChannelName, reason: str) -> None:
        async with session.lock:
            if session.closed:
                return
            _, route = parse_channel(channel)
            self.hub.begin_sync(session, channel)
            with contextlib.suppress(ConnectionClosed):
                await self._send(session, encode_resume(channel, recovered=False, reason=reason))
                await self._sync(session, channel, route, None)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # Connections

    async def handler(self, conn: ServerConnection) -> None:
        # Only /ws reaches here: http() answers every other path before the handshake.
        session = Session(conn)
        self.hub.connect(session)
        bucket = TokenBucket(self.settings.ops_per_second, self.settings.ops_burst)
        try:
            async for frame in conn:
                if not bucket.allow(time.monotonic()):
                    await self._error(session, "rate_limited", "too many ops; slow down")
                    continue
                try:
                    op = parse_op(frame)
                except OpError as exc:
                    await self._error(session, exc.code, str(exc))
                    continue
                if isinstance(op, Ping):
                    await self._send(session, encode_pong())
                elif isinstance(op, Subscribe):
                    async with session.lock:
                        await self.subscribe(session, op)
                elif isinstance(op, Unsubscribe):
                    async with session.lock:
                        await self.unsubscribe(session, op)
        except ConnectionClosed:
            pass
        finally:
            self.hub.disconnect(session)

    async def _send(self, session: Session, message: bytes) -> None:
        await session.conn.send(message, text=True)
        self.metrics.messages_sent += 1

    async def _error(
        self, session: Session, code: ErrorCode, message: str, channel: str | None = None
    ) -> None:
        self.metrics.client_errors[code] += 1
        await self._send(session, encode_error(code, message, channel))

    async def unsubscribe(self, session: Session, op: Unsubscribe) -> None:
        if not self.hub.unsubscribe(session, op.channel):
            shown = op.channel[:40]
            await self._error(session, "not_subscribed", f"not subscribed to {shown!r}", shown)

    async def subscribe(self, session: Session, op: Subscribe) -> None:
        try:
            channel, route = parse_channel(op.channel)
        except ChannelError as exc:
            await self._error(session, "unknown_channel", str(exc))
            return
        held = self.hub.channels_of(session)
        if channel not in held and len(held) >= self.settings.max_subscriptions:
            limit = self.settings.max_subscriptions
            await self._error(
                session, "too_many_subscriptions", f"at most {limit} channels", channel
            )
            return
        if op.since is not None and not _valid_since(route, op.since):
            await self._error(
                session,
                "bad_message",
                f"since.offset {op.since.offset[:60]!r} is malformed",
                channel,
            )
            return
        self.hub.begin_sync(session, channel)
        try:
            await self._sync(session, channel, route, op.since)
        except RedisError as exc:
            log.error("subscribe %s failed: %s", channel, exc)
            self.hub.unsubscribe(session, channel)
            await self._error(session, "unavailable", "results store unreachable; retry", channel)

    async def _sync(
        self, session: Session, channel: ChannelName, route: Route, since: Since | None
    ) -> None:
        """Bring one subscription up to date, then make it live. Never partial, never doubled."""
        if route.kind == "national":
            await self._sync_national(session, since)
            return
        state = route.state
        position: StreamId | None = None
        if since is not None:
            key = redis_keys.changes(state) if state else redis_keys.FEED
            epoch_key = redis_keys.epoch(state) if state else None
            offset = StreamId.parse(since.offset)
            limit = self.settings.replay_limit
            replay = await read_log(self.redis, key, epoch_key, offset, limit)
            plan = plan_resume(since.epoch, offset, replay.info, limit)
            self.metrics.resumes["recovered" if plan.action == "replay" else plan.reason] += 1
            if plan.action == "replay":
                session.epochs[channel] = replay.info.epoch
                await self._send(session, encode_resume(channel, recovered=True))
                chunk = self.settings.update_chunk
                for update in build_updates(channel, replay.info.epoch, replay.entries, chunk):
                    await self._send(session, update.encoded)
                position = replay.end
            else:
                await self._send(
                    session, encode_resume(channel, recovered=False, reason=plan.reason)
                )
        if position is None:
            if state is not None:
                snap = await read_state(self.redis, state)
            else:
                snap = await read_feed(self.redis, self.settings.feed_snapshot)
            session.epochs[channel] = snap.epoch
            message = encode_snapshot(channel, snap.epoch, str(snap.offset), snap.data)
            await self._send(session, message)
            position = snap.offset
        start = position

        def after(update: Publishable) -> Publishable | None:
            nonlocal start
            assert isinstance(update, StreamUpdate)
            part = update.after(start)
            if part is not None:
                start = part.offset
            return part

        await self._drain(session, channel, after)

    async def _sync_national(self, session: Session, since: Since | None) -> None:
        snap = await read_national(self.redis)
        session.epochs[NATIONAL] = snap.epoch
        offset = format_cursor(snap.cursor)
        if since is not None:
            recovered = since.epoch == snap.epoch and since.offset == offset
            reason = None if recovered else "national resumes only when nothing moved"
            self.metrics.resumes["recovered" if recovered else "national moved"] += 1
            await self._send(session, encode_resume(NATIONAL, recovered=recovered, reason=reason))
        if since is None or not recovered:
            await self._send(session, encode_snapshot(NATIONAL, snap.epoch, offset, snap.data))
        cursor = dict(snap.cursor)

        def after(update: Publishable) -> Publishable | None:
            assert isinstance(update, NationalUpdate)
            part = update.after(cursor)
            if part is not None:
                cursor.update({s: pos for s, (pos, _) in part.states.items()})
            return part

        await self._drain(session, NATIONAL, after)

    async def _drain(
        self,
        session: Session,
        channel: ChannelName,
        after: Callable[[Publishable], Publishable | None],
    ) -> None:
        """Send what arrived while syncing (minus what the snapshot held), then go live."""
        while True:
            held = self.hub.take_held(session, channel)
            if not held:  # None: left the channel meanwhile; []: now live
                return
            for update in held:
                part = after(update)
                if part is not None:
                    await self._send(session, part.encoded)

    # HTTP on the same port

    async def http(self, conn: ServerConnection, request: Request) -> Response | None:
        if request.path.split("?", 1)[0] == WS_PATH:
            return None
        return await rest.respond(self, request)


SHUTDOWN_GRACE_S = 10.0
"""Seconds each shutdown step may take before the server closes without it."""


async def _bounded(step: str, awaitable: Awaitable[object]) -> None:
    try:
        await asyncio.wait_for(awaitable, SHUTDOWN_GRACE_S)
    except TimeoutError:
        log.warning(
            "shutdown: %s still running after %.0f s; closing anyway", step, SHUTDOWN_GRACE_S
        )


def _valid_since(route: Route, since: Since) -> bool:
    if route.kind == "national":
        try:
            parse_cursor(since.offset)
        except ValueError:
            return False
        return True
    try:
        StreamId.parse(since.offset)
    except ValueError:
        return False
    return True


@contextlib.asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[App]:
    """A started server (port 0 picks a free one: read ``app.port``), closed on exit."""
    app = App(settings)
    await app.start()
    try:
        yield app
    finally:
        await app.close()
