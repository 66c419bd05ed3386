"""Produce tally events into a namespace's topic, and read its dead letters, with kafka-python.

create_topics(kafka_bootstrap, namespace)      # as the worker would: 6 partitions, 4 MiB
produce(kafka_bootstrap, namespace, events)    # TallyEvents keyed by state, or raw records
dead_letters(kafka_bootstrap, namespace, 3)    # [(reason, original bytes, key)]
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from tally.events import TallyEvent, encode_event
from tally.topics import DEAD_LETTERS, DEFAULT_PARTITIONS, TALLY_EVENTS, namespaced

__all__ = ["DeadLetter", "RawRecord", "create_topics", "dead_letters", "produce"]

MAX_MESSAGE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A record as bytes, for malformed input."""

    key: bytes | None
    value: bytes


@dataclass(frozen=True, slots=True)
class DeadLetter:
    reason: str
    value: bytes
    key: bytes | None
    headers: dict[str, bytes]


def create_topics(
    bootstrap: str, namespace: str, partitions: int = DEFAULT_PARTITIONS, timeout: float = 30
) -> None:
    """Create the namespace's topics if absent (the worker does the same on start)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        existing = set(admin.list_topics())
        wanted = {
            name: {
                "num_partitions": count,
                "replication_factor": 1,
                "configs": {"max.message.bytes": str(MAX_MESSAGE_BYTES)},
            }
            for name, count in (
                (namespaced(TALLY_EVENTS, namespace), partitions),
                (namespaced(DEAD_LETTERS, namespace), 1),
            )
            if name not in existing
        }
        if wanted:
            admin.create_topics(wanted, timeout_ms=int(timeout * 1000))
    finally:
        admin.close()


def produce(bootstrap: str, namespace: str, records: Iterable[TallyEvent | RawRecord]) -> int:
    """Send records in order (events keyed by state); return how many were sent."""
    topic = namespaced(TALLY_EVENTS, namespace)
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        max_request_size=MAX_MESSAGE_BYTES,
        linger_ms=5,
        retries=2_147_483_647,
        request_timeout_ms=30_000,
        delivery_timeout_ms=300_000,
    )
    sent = 0
    try:
        for record in records:
            if isinstance(record, RawRecord):
                producer.send(topic, key=record.key, value=record.value)
            else:
                producer.send(topic, key=record.contest.state.encode(), value=encode_event(record))
            sent += 1
        producer.flush()
    finally:
        producer.close()
    return sent


def dead_letters(
    bootstrap: str, namespace: str, count: int, timeout: float = 60
) -> list[DeadLetter]:
    """Read the namespace's first ``count`` dead letters, waiting up to ``timeout`` seconds."""
    consumer = KafkaConsumer(
        namespaced(DEAD_LETTERS, namespace),
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
        fetch_max_bytes=2 * MAX_MESSAGE_BYTES,
        max_partition_fetch_bytes=2 * MAX_MESSAGE_BYTES,
    )
    found: list[DeadLetter] = []
    deadline = time.monotonic() + timeout
    try:
        while len(found) < count and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    headers = {k: v for k, v in record.headers}
                    found.append(
                        DeadLetter(
                            reason=headers.get("reason", b"").decode(),
                            value=record.value,
                            key=record.key,
                            headers=headers,
                        )
                    )
    finally:
        consumer.close()
    return found
