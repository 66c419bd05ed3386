"""The session's real Kafka broker and Redis server answer, and the broker survives a bounce."""

from __future__ import annotations

import pytest
import redis
from kafka import KafkaConsumer, KafkaProducer

from devstack.kafka import KafkaBroker, new_cluster_id

pytestmark = pytest.mark.servers


def _roundtrip(bootstrap: str, topic: str, value: bytes) -> list[bytes]:
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    producer.send(topic, value).get(timeout=60)
    producer.close()
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
    )
    try:
        return [record.value for record in consumer]
    finally:
        consumer.close()


def test_kafka_broker_round_trips_a_record(kafka_bootstrap: str, namespace: str) -> None:
    assert _roundtrip(kafka_bootstrap, f"{namespace}.ping", b"hello") == [b"hello"]


def test_redis_server_answers(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    assert client.ping() is True
    client.set("stack:probe", "1")
    assert client.get("stack:probe") == b"1"
    client.delete("stack:probe")


def test_broker_restart_keeps_its_data(kafka_broker: KafkaBroker, namespace: str) -> None:
    topic = f"{namespace}.bounce"
    assert _roundtrip(kafka_broker.bootstrap, topic, b"before") == [b"before"]
    kafka_broker.restart()
    assert _roundtrip(kafka_broker.bootstrap, topic, b"after") == [b"before", b"after"]


def test_cluster_ids_never_look_like_a_flag() -> None:
    ids = {new_cluster_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 22 and not i.startswith("-") for i in ids)
