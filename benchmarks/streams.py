"""Events per second from ``tally.events`` into Redis, against the raw aiokafka read rate.

Fills a fresh topic with a synthetic counting day, then in the same run:

1. **baseline**: a bare ``AIOKafkaConsumer`` reads every record of the topic (no decoding);
2. **worker**: ``python -m streams worker`` starts on the full topic and is timed from its
   readiness line until Redis holds the boards of every record (its ``applied`` offsets reach
   the end of each partition).

Starts a throwaway broker and redis-server unless ``--kafka-bootstrap`` and ``--redis-url`` are
given. Reproduce: ``python -m benchmarks streams``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from aiokafka import AIOKafkaConsumer

from tally import redis_keys
from tally.topics import TALLY_EVENTS, namespaced
from tests.support.kafka_events import create_topics, produce
from tests.support.sample_events import counting_day
from tests.support.worker import Worker

STATES = ("DL", "BR", "MH", "JH", "GJ", "HP")


@contextmanager
def servers(kafka: str | None, redis_url: str | None) -> Iterator[tuple[str, str]]:
    if kafka and redis_url:
        yield kafka, redis_url
        return
    from devstack.kafka import KafkaBroker
    from devstack.ports import free_port
    from devstack.redis import RedisServer

    base = Path(tempfile.mkdtemp(prefix="bench-streams-"))
    broker = KafkaBroker(base / "kafka", free_port(), free_port()).start()
    server = RedisServer(base / "redis", free_port()).start()
    try:
        yield broker.bootstrap, server.url
    finally:
        server.stop()
        broker.stop()


async def raw_read_rate(bootstrap: str, topic: str, count: int) -> tuple[float, int]:
    """Seconds for a bare consumer to read ``count`` records from the start of ``topic``."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    try:
        seen = 0
        started = time.perf_counter()
        while seen < count:
            batches = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            seen += sum(len(records) for records in batches.values())
        return time.perf_counter() - started, seen
    finally:
        await consumer.stop()


def end_offsets(bootstrap: str, topic: str) -> dict[int, int]:
    async def fetch() -> dict[int, int]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
        await consumer.start()
        try:
            from aiokafka import TopicPartition

            parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
            if not parts:
                await consumer._client.force_metadata_update()
                parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
            ends = await consumer.end_offsets(parts)
            return {tp.partition: offset for tp, offset in ends.items() if offset > 0}
        finally:
            await consumer.stop()

    return asyncio.run(fetch())


def caught_up(redis_url: str, ends: dict[int, int]) -> bool:
    client = redis.Redis.from_url(redis_url)
    try:
        applied: dict[int, int] = {}
        for state in STATES:
            for part, offset in client.hgetall(redis_keys.applied(state)).items():
                applied[int(part)] = max(applied.get(int(part), -1), int(offset))
        return all(applied.get(p, -1) >= end - 1 for p, end in ends.items())
    finally:
        client.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks streams", description=__doc__)
    parser.add_argument("--kafka-bootstrap")
    parser.add_argument("--redis-url")
    parser.add_argument("--seats", type=int, default=200, help="seats per state")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=500, help="TALLY_BATCH_SIZE")
    parser.add_argument("--within", type=float, default=0.05, help="TALLY_BATCH_WITHIN, seconds")
    args = parser.parse_args(argv)

    events = counting_day(seats=args.seats, rounds=args.rounds, states=STATES)
    namespace = f"bench{uuid.uuid4().hex[:8]}"
    topic = namespaced(TALLY_EVENTS, namespace)
    with servers(args.kafka_bootstrap, args.redis_url) as (bootstrap, redis_url):
        redis.Redis.from_url(redis_url).flushall()
        create_topics(bootstrap, namespace)
        produce(bootstrap, namespace, events)
        ends = end_offsets(bootstrap, topic)
        total = sum(ends.values())

        raw_seconds, raw_seen = asyncio.run(raw_read_rate(bootstrap, topic, total))

        env = {"TALLY_BATCH_SIZE": str(args.batch_size), "TALLY_BATCH_WITHIN": str(args.within)}
        worker = Worker(bootstrap, redis_url, namespace, env=env)
        worker.start()
        started = time.perf_counter()
        try:
            while not caught_up(redis_url, ends):
                time.sleep(0.05)
            worker_seconds = time.perf_counter() - started
        finally:
            worker.stop()

    raw_rate = raw_seen / raw_seconds
    worker_rate = total / worker_seconds
    print(f"events on the topic:            {total:,} ({len(STATES)} states, 6 partitions)")
    print(f"worker batches:                 up to {args.batch_size} within {args.within} s")
    print(f"raw aiokafka read (baseline):   {raw_seconds:.2f} s = {raw_rate:,.0f} events/s")
    print(f"worker, topic -> Redis:         {worker_seconds:.2f} s = {worker_rate:,.0f} events/s")
    print(f"worker / raw read:              {worker_rate / raw_rate:.3f}")
    print("reproduce: python -m benchmarks streams")
    return 0
