"""The publisher on the real broker: the namespaced topic, keys by state, nothing lost."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pytest
from kafka import KafkaConsumer, TopicPartition

from devstack.ports import free_port
from producers.days.catalogue import DAYS_DIR
from producers.days.events import seat_event
from producers.days.format import SeatLine, read_day
from producers.publisher import KafkaSettings, Publisher, PublishError, TopicReader, ensure_topic
from tally.events import TallyEvent, decode_event, encode_event

pytestmark = pytest.mark.servers

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def mh_jh_events(count: int) -> list[TallyEvent]:
    """Seat events of two states from the bundled Maharashtra + Jharkhand day."""
    day = read_day(DAYS_DIR / "MH-JH-2024.jsonl")
    lines = [line for line in day.lines if isinstance(line, SeatLine)][:count]
    assert {line.contest for line in lines} == {"MH-assembly-2024", "JH-assembly-2024"}
    return [seat_event(day, line, ingest_time=NOW) for line in lines]


def read_all(settings: KafkaSettings) -> list[tuple[int, bytes, bytes]]:
    """(partition, key, value) of every record, read with a plain consumer."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap, group_id=None, enable_auto_commit=False
    )
    try:
        ids = consumer.partitions_for_topic(settings.topic)
        partitions = [TopicPartition(settings.topic, p) for p in ids]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        out: list[tuple[int, bytes, bytes]] = []
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            for tp, records in consumer.poll(timeout_ms=500).items():
                out.extend((tp.partition, r.key, r.value) for r in records)
        return out
    finally:
        consumer.close(autocommit=False)


def test_the_topic_is_created_once_with_the_configured_partitions(
    kafka_bootstrap: str, namespace: str
) -> None:
    settings = KafkaSettings(bootstrap=kafka_bootstrap, namespace=namespace, partitions=3)
    assert settings.topic == f"{namespace}.tally.events"
    assert ensure_topic(settings) is True
    assert ensure_topic(settings) is False
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=None)
    try:
        assert consumer.partitions_for_topic(settings.topic) == {0, 1, 2}
    finally:
        consumer.close()


def test_every_event_arrives_keyed_by_state_one_partition_per_state(
    kafka_bootstrap: str, namespace: str
) -> None:
    settings = KafkaSettings(bootstrap=kafka_bootstrap, namespace=namespace, partitions=4)
    ensure_topic(settings)
    events = mh_jh_events(600)
    with Publisher(settings) as publisher:
        for event in events:
            publisher.send(event)
        assert publisher.sent == len(events)
    records = read_all(settings)
    assert sorted(value for _, _, value in records) == sorted(encode_event(e) for e in events)
    partitions_of: dict[bytes, set[int]] = defaultdict(set)
    for partition, key, value in records:
        assert key == decode_event(value).contest.state.encode()
        partitions_of[key].add(partition)
    assert set(partitions_of) == {b"MH", b"JH"}
    assert all(len(p) == 1 for p in partitions_of.values())
    # Within a state's partition the events keep the order they were sent in.
    mh_sent = [encode_event(e) for e in events if e.contest.state == "MH"]
    assert [v for _, k, v in records if k == b"MH"] == mh_sent


def test_the_reader_stops_at_its_limit_and_when_the_topic_goes_quiet(
    kafka_bootstrap: str, namespace: str
) -> None:
    settings = KafkaSettings(bootstrap=kafka_bootstrap, namespace=namespace, partitions=2)
    ensure_topic(settings)
    events = mh_jh_events(50)
    with Publisher(settings) as publisher:
        for event in events:
            publisher.send(event)
    with TopicReader(settings) as reader:
        assert len(list(reader.records(idle=2.0, limit=20))) == 20
    with TopicReader(settings) as reader:
        values = list(reader.records(idle=2.0))
    assert sorted(values) == sorted(encode_event(e) for e in events)


def test_an_unreachable_broker_is_a_clear_error() -> None:
    settings = KafkaSettings(bootstrap=f"127.0.0.1:{free_port()}", connect_timeout=2.0)
    with pytest.raises(PublishError, match=r"cannot reach Kafka at 127\.0\.0\.1"):
        ensure_topic(settings)
    with pytest.raises(PublishError, match="cannot reach Kafka"):
        Publisher(settings)


def test_a_bad_partition_count_in_the_environment_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TALLY_PARTITIONS", "zero")
    with pytest.raises(PublishError, match="TALLY_PARTITIONS='zero'"):
        KafkaSettings.from_env()
    monkeypatch.setenv("TALLY_PARTITIONS", "2")
    monkeypatch.setenv("TALLY_NAMESPACE", "abc")
    monkeypatch.setenv("KAFKA_BOOTSTRAP", "127.0.0.1:1")
    assert KafkaSettings.from_env() == KafkaSettings(
        bootstrap="127.0.0.1:1", namespace="abc", partitions=2
    )
