"""Who is subscribed to what, and sending one encoded message to all of them.

Each update is encoded once and written to every live subscriber with websockets'
``broadcast``, which never waits on a socket. A client whose unsent bytes pass the limit is
closed with 1013 instead of slowing anyone else. A client still reading its snapshot or
replay is *syncing*: updates for it are held in a bounded list and sent once it is current.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from websockets.asyncio.server import ServerConnection, broadcast

from web.metrics import Metrics

__all__ = ["Hub", "Publishable", "Session"]

log = logging.getLogger(__name__)

SLOW_CLIENT = 1013
"""Close code "try again later": the client could not keep up with the updates."""


class Publishable(Protocol):
    """An update message: its channel, its bytes, and the part a syncing client still lacks."""

    @property
    def channel(self) -> str: ...

    @property
    def encoded(self) -> bytes: ...


@dataclass(eq=False, slots=True)
class Session:
    """One websocket connection and what it holds; ``lock`` keeps its subscribes in order."""

    conn: ServerConnection
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    closed: bool = False
    epochs: dict[str, str] = field(default_factory=dict)
    """Channel -> the epoch of the snapshot or resume this session is current with."""


class Hub:
    """Channel membership for every connection of the process."""

    def __init__(self, metrics: Metrics, *, buffer_bytes: int, sync_updates: int) -> None:
        self.metrics = metrics
        self.buffer_bytes = buffer_bytes
        self.sync_updates = sync_updates
        self.live: dict[str, set[Session]] = defaultdict(set)
        self.syncing: dict[str, dict[Session, list[Publishable]]] = defaultdict(dict)
        self.sessions: set[Session] = set()
        self._closing: set[asyncio.Task[None]] = set()

    # Membership

    def connect(self, session: Session) -> None:
        self.sessions.add(session)
        self.metrics.connections_total += 1

    def disconnect(self, session: Session) -> None:
        session.closed = True
        self.sessions.discard(session)
        for channel in list(self.live):
            self._forget(session, channel)
        for channel in list(self.syncing):
            self._forget(session, channel)

    def channels_of(self, session: Session) -> set[str]:
        held = {c for c, members in self.live.items() if session in members}
        return held | {c for c, members in self.syncing.items() if session in members}

    def begin_sync(self, session: Session, channel: str) -> None:
        """From now on, hold ``channel``'s updates for this session until :meth:`take_held`."""
        self.live[channel].discard(session)
        self.syncing[channel][session] = []

    def take_held(self, session: Session, channel: str) -> list[Publishable] | None:
        """Updates held while syncing, emptied; None when the session left the channel.

        When nothing is held the session becomes live in the same step, so no update can fall
        between the last held one and the first broadcast one.
        """
        held = self.syncing.get(channel, {}).get(session)
        if held is None:
            return None
        if held:
            self.syncing[channel][session] = []
            return held
        del self.syncing[channel][session]
        self.live[channel].add(session)
        return held

    def unsubscribe(self, session: Session, channel: str) -> bool:
        """Whether the session was subscribed."""
        was = session in self.live.get(channel, ()) or session in self.syncing.get(channel, {})
        self._forget(session, channel)
        return was

    def detach(self, channel: str, epoch: str | None) -> list[Session]:
        """Remove and return the members not current with ``epoch`` (None: all of them).

        Called when a channel's log was recreated; the caller resyncs whom this returns.
        """
        members = list(self.live.get(channel, set())) + list(self.syncing.get(channel, {}))
        stale = [s for s in members if epoch is None or s.epochs.get(channel) != epoch]
        for session in stale:
            self._forget(session, channel)
        return stale

    def _forget(self, session: Session, channel: str) -> None:
        members = self.live.get(channel)
        if members is not None:
            members.discard(session)
            if not members:
                del self.live[channel]
        waiting = self.syncing.get(channel)
        if waiting is not None:
            waiting.pop(session, None)
            if not waiting:
                del self.syncing[channel]

    def subscriptions(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for channel, members in self.live.items():
            counts[channel] += len(members)
        for channel, waiting in self.syncing.items():
            counts[channel] += len(waiting)
        return dict(counts)

    def has_members(self, channel: str) -> bool:
        return bool(self.live.get(channel)) or bool(self.syncing.get(channel))

    # Sending

    def publish(self, update: Publishable) -> None:
        """Send to every live subscriber now; hold for syncing ones. Never awaits."""
        channel = update.channel
        for session, held in list(self.syncing.get(channel, {}).items()):
            if len(held) >= self.sync_updates:
                self.drop(session, "too many updates while syncing")
            else:
                held.append(update)
        members = self.live.get(channel)
        if not members:
            return
        started = time.perf_counter()
        ready: list[ServerConnection] = []
        for session in list(members):
            transport = session.conn.transport
            if transport is None or transport.is_closing():
                continue
            if transport.get_write_buffer_size() > self.buffer_bytes:
                self.drop(session, "write buffer full")
                continue
            ready.append(session.conn)
        if ready:
            broadcast(ready, update.encoded, text=True)
            self.metrics.messages_sent += len(ready)
        self.metrics.fanout_seconds += time.perf_counter() - started
        self.metrics.fanout_updates += 1

    def drop(self, session: Session, reason: str) -> None:
        """Close a client that cannot keep up, with 1013, without waiting for it."""
        if session.closed:
            return
        log.warning("closing slow client %s: %s", session.conn.id, reason)
        self.metrics.dropped_slow_clients += 1
        self.disconnect(session)
        task = asyncio.get_running_loop().create_task(
            session.conn.close(SLOW_CLIENT, "client too slow")
        )
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def publish_all(self, updates: Iterable[Publishable]) -> None:
        for update in updates:
            self.publish(update)
