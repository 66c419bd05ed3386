"""The Faust app: the tally topics, the dead-letter topic and the tables the counts live in.

Configured from the environment (streams/settings.py). Tables are the source of truth: each is
backed by a changelog topic in Kafka, recovered on start, and written through to Redis by
streams/agents.py.
"""

from __future__ import annotations

import faust

from streams.kafka_topics import MAX_MESSAGE_BYTES, OFFSETS, REGISTERS
from streams.settings import Settings

settings = Settings.from_env()

app = faust.App(
    settings.app_id,
    broker=f"kafka://{settings.kafka_bootstrap}",
    store="memory://",
    datadir=str(settings.data_dir),
    processing_guarantee="at_least_once",
    web_enabled=False,
    topic_partitions=settings.partitions,
    topic_replication_factor=1,
    table_standby_replicas=0,
    producer_max_request_size=MAX_MESSAGE_BYTES + 64 * 1024,
    consumer_max_fetch_size=MAX_MESSAGE_BYTES + 64 * 1024,
    stream_buffer_maxsize=16_384,
    # A killed worker's partitions move on after this, not after the 60 s default.
    broker_session_timeout=settings.session_timeout,
    broker_heartbeat_interval=settings.session_timeout / 4,
)

tally_events = app.topic(
    settings.events_topic,
    key_type=bytes,
    value_type=bytes,
    key_serializer="raw",
    value_serializer="raw",
    partitions=settings.partitions,
)

dead_letters = app.topic(
    settings.dead_letters_topic,
    key_type=bytes,
    value_type=bytes,
    key_serializer="raw",
    value_serializer="raw",
)

registers = app.Table(REGISTERS, key_type=str, partitions=settings.partitions)
"""``<contest>/<bucket>`` -> ``{register: [version, JSON]}``: every seat and reported line that
won, in 16 buckets per contest so that a batch writes each bucket once."""

offsets = app.Table(OFFSETS, key_type=str, partitions=settings.partitions)
"""State code -> ``[partition, offset]`` of the newest event folded in for it."""
