"""Folds tally events into the tables and Redis; undecodable records go to the dead-letter topic.

Reads raw records from ``tally.events`` in batches (``take_events``), decodes them with
``tally.events``, offers each claim to the tables (the source of truth) and writes every touched
state to Redis in one script call (streams/redis_store.py). A timer notices a Redis that lost
its data and rebuilds it from the tables under a new epoch.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
import weakref
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import faust
import faust.streams
from aiokafka.partitioner import murmur2

from streams.app import app, dead_letters, offsets, registers, settings, tally_events
from streams.counting import ContestModel, Update, feed_entry, update_for
from streams.redis_store import RedisStore
from streams.writes import StateWrite, apply_write, rebuild_write, zero_write
from tally.events import EventRejected, TallyEvent, decode_event
from tally.reference import states as known_states

log = logging.getLogger(__name__)

READY = "streams worker ready"
"""Logged after every rebalance once the worker consumes; tests wait for it."""

MAX_REASON = 2_000

BUCKETS = 16
"""Table entries per contest: a batch writes each touched bucket once, not each register."""


def bucket_of(register: str) -> int:
    return zlib.crc32(register.encode()) % BUCKETS


def new_epoch() -> str:
    """A value no earlier epoch had: milliseconds, then randomness for two workers alike."""
    return f"{int(time.time() * 1000)}-{secrets.token_hex(4)}"


def partition_for(state: str, partitions: int) -> int:
    """The partition a producer's default partitioner sends a state's events to."""
    return (murmur2(state.encode()) & 0x7FFFFFFF) % partitions


@contextmanager
def in_event(event: faust.EventT) -> Iterator[None]:
    """Make ``event`` the current one, so table writes go to its partition's changelog.

    ``take_events`` hands over a batch whose events may come from several partitions, while a
    table write goes to the partition of the *current* event; set it for each write.
    """
    token = faust.streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust.streams._current_event.reset(token)


@dataclass(slots=True)
class StateBatch:
    """One state's share of a batch."""

    prev: int
    partition: int = -1
    offset: int = -1
    last: faust.EventT | None = None
    updates: list[Update] = field(default_factory=list)
    feed: list[bytes] = field(default_factory=list)
    buckets: set[tuple[str, int]] = field(default_factory=set)
    """(contest, bucket) whose registers changed in this batch."""


class Counter:
    """The worker's view of its tables, and the writes it derives from them."""

    def __init__(self, store: RedisStore) -> None:
        self.store = store
        self.models: dict[str, ContestModel] = {}
        self.stale = True
        self.lock = asyncio.Lock()

    def owned_partitions(self) -> set[int]:
        return {
            tp.partition
            for tp in app.assignor.assigned_actives()
            if tp.topic == settings.events_topic
        }

    def reload(self) -> None:
        """Rebuild the in-memory registers from the tables after a rebalance or a start."""
        owned = self.owned_partitions()
        foreign = {state for state, (part, _) in offsets.items() if part not in owned}
        models: dict[str, ContestModel] = {}
        for key, bucket in registers.items():
            contest = key.split("/", 1)[0]
            if contest.split("-")[0] in foreign:
                continue
            model = models.setdefault(contest, ContestModel(contest))
            for register, (version, value) in bucket.items():
                model.load(register, version, value)
        self.models = models
        self.stale = False
        log.info("loaded %d registers of %d contests from the tables", len(registers), len(models))

    async def process(self, events: Sequence[faust.EventT]) -> None:
        """Fold one batch: tables first, then one Redis script per touched state."""
        async with self.lock:
            if self.stale:
                self.reload()
            batches: dict[str, StateBatch] = {}
            for event in events:
                tally = await self._decode(event)
                if tally is None:
                    continue
                state = tally.contest.state
                batch = batches.get(state)
                if batch is None:
                    known = offsets.get(state)
                    batch = batches[state] = StateBatch(prev=known[1] if known else -1)
                batch.partition = event.message.partition
                batch.offset = max(batch.offset, event.message.offset)
                batch.last = event
                update = update_for(tally)
                if update is None:
                    log.info(
                        "event_id=%s state=%s offset=%d moves no counter (%s)",
                        tally.event_id,
                        state,
                        event.message.offset,
                        tally.kind,
                    )
                    continue
                model = self.models.setdefault(update.contest, ContestModel(update.contest))
                if model.offer(update):
                    batch.buckets.add((update.contest, bucket_of(update.register)))
                batch.updates.append(update)
                batch.feed.append(feed_entry(tally))
            for state, batch in batches.items():
                assert batch.last is not None
                with in_event(batch.last):
                    for contest, number in sorted(batch.buckets):
                        registers[f"{contest}/{number:02d}"] = self._bucket(contest, number)
                    offsets[state] = [batch.partition, batch.offset]
            await self._write(batches)

    def _bucket(self, contest: str, number: int) -> dict[str, list[str]]:
        return {
            register: [version, value]
            for register, (version, value) in self.models[contest].registers.items()
            if bucket_of(register) == number
        }

    async def _decode(self, event: faust.EventT) -> TallyEvent | None:
        raw = event.value if isinstance(event.value, bytes) else b""
        try:
            tally = decode_event(raw)
        except EventRejected as exc:
            await self._dead_letter(event, str(exc))
            return None
        key = event.key if isinstance(event.key, bytes) else None
        if key != tally.contest.state.encode():
            await self._dead_letter(
                event,
                f"record key {key!r} is not the event's state {tally.contest.state!r}: "
                "a state's events must share one partition to stay in order",
            )
            return None
        return tally

    async def _dead_letter(self, event: faust.EventT, reason: str) -> None:
        message = event.message
        log.warning(
            "dead letter: topic=%s partition=%d offset=%d: %s",
            message.topic,
            message.partition,
            message.offset,
            reason[:200],
        )
        await dead_letters.send(
            key=event.key if isinstance(event.key, bytes) else None,
            value=event.value if isinstance(event.value, bytes) else b"",
            headers=[
                ("reason", reason[:MAX_REASON].encode()),
                ("topic", message.topic.encode()),
                ("partition", str(message.partition).encode()),
                ("offset", str(message.offset).encode()),
            ],
        )

    async def _write(self, batches: dict[str, StateBatch]) -> None:
        def writes_for(states: Sequence[str]) -> list[StateWrite]:
            return [
                apply_write(
                    state=state,
                    partition=batches[state].partition,
                    offset=batches[state].offset,
                    prev=batches[state].prev,
                    epoch=new_epoch(),
                    updates=batches[state].updates,
                    feed=batches[state].feed,
                    models=self.models,
                    threshold=settings.disagreement,
                )
                for state in states
            ]

        states = sorted(s for s, b in batches.items() if b.updates)
        replies = await self.store.run(writes_for(states))
        lost = [s for s, reply in zip(states, replies, strict=True) if reply[0] == b"rebuild"]
        if lost:
            for state in lost:
                await self.rebuild(state)
            await self.store.run(writes_for(lost))

    async def rebuild(self, state: str) -> None:
        """Rewrite one state's keys from the tables, under a new epoch."""
        known = offsets.get(state)
        partition, offset = known if known else (partition_for(state, settings.partitions), -1)
        epoch = new_epoch()
        write = rebuild_write(
            state=state,
            partition=partition,
            offset=offset,
            epoch=epoch,
            models=self.models,
            threshold=settings.disagreement,
        )
        await self.store.run([write])
        log.warning("state=%s: Redis had lost it; rebuilt from the tables, epoch %s", state, epoch)

    async def watch(self) -> None:
        """Rebuild states whose Redis keys vanished; give every state this worker owns an epoch
        before its first event, so readers that start now see its log created, not recreated;
        show zero boards for the contests asked for."""
        async with self.lock:
            if self.stale:
                self.reload()
            states = sorted({model.state for model in self.models.values()})
            for state in await self.store.missing_epochs(states):
                await self.rebuild(state)
            owned = self.owned_partitions()
            await self.store.create_epochs(
                {
                    state: new_epoch()
                    for state in known_states()
                    if state not in states and partition_for(state, settings.partitions) in owned
                }
            )
            await self._zero_boards()

    async def _zero_boards(self) -> None:
        owned = self.owned_partitions()
        writes = [
            zero_write(code=code, epoch=new_epoch(), threshold=settings.disagreement)
            for code in settings.zero_contests
            if code not in self.models
            and partition_for(code.split("-")[0], settings.partitions) in owned
        ]
        replies = await self.store.run(writes)
        for write, reply in zip(writes, replies, strict=True):
            if reply == [b"zero", 1]:
                log.info("state=%s: zero board written", write.state)


counter = Counter(RedisStore(settings.redis_url))


@app.agent(tally_events)
async def count(stream: faust.StreamT[bytes]) -> None:
    """Fold tally events into exact running counts, a batch at a time."""
    async for events in stream.take_events(settings.batch_size, within=settings.batch_within):
        try:
            await counter.process(events)
        except Exception:
            # Faust would acknowledge the batch on the way out; stop before it can, so that the
            # next worker sees these events again (Redis outages are retried, not raised).
            log.critical("could not apply a batch; exiting unacknowledged", exc_info=True)
            logging.shutdown()
            os._exit(70)


@app.timer(interval=1.0)
async def watch_redis() -> None:
    """Notice a flushed or restarted Redis even when no event arrives."""
    if app.rebalancing or getattr(app, "in_recovery", False):
        return
    await counter.watch()


@app.on_partitions_revoked.connect
async def forget_partitions(sender: Any, revoked: Any, **kwargs: Any) -> None:
    counter.stale = True


@app.on_partitions_assigned.connect
async def take_partitions(sender: Any, assigned: Any, **kwargs: Any) -> None:
    counter.stale = True


@app.on_rebalance_complete.connect
async def announce_ready(sender: Any, **kwargs: Any) -> None:
    counter.stale = True
    await counter.watch()
    partitions = sorted(
        tp.partition for tp in app.consumer.assignment() if tp.topic == settings.events_topic
    )
    topic = settings.events_topic
    log.info("%s: app %s consumes %s partitions %s", READY, app.conf.id, topic, partitions)
