"""Session fixtures: a throwaway KRaft Kafka broker and redis-server on free loopback ports.

They start on first use, once per test run, and stop at the end even when tests fail. Pure
tests never touch them, so ``make test-fast`` needs no servers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from devstack.kafka import KafkaBroker
from devstack.ports import free_port
from devstack.redis import RedisServer


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    """The running broker; tests that bounce it call ``kafka_broker.restart()``."""
    broker = KafkaBroker(tmp_path_factory.mktemp("kafka"), free_port(), free_port())
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="session")
def kafka_bootstrap(kafka_broker: KafkaBroker) -> str:
    """``127.0.0.1:<port>`` of the session's broker."""
    return kafka_broker.bootstrap


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer) -> str:
    """``redis://127.0.0.1:<port>/0`` of the session's redis-server."""
    return redis_server.url


@pytest.fixture
def namespace() -> str:
    """A fresh Kafka topic namespace, so a test never reads another test's events."""
    return f"t{uuid.uuid4().hex[:12]}"
