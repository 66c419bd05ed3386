"""Every Kafka client the producers use: the event publisher and the topic reader.

This is the one module in ``producers/`` that imports kafka-python. Events go to
``tally.events`` (under ``TALLY_NAMESPACE``, see ``tally.topics.namespaced``) as UTF-8 JSON,
keyed by state code so a state's events stay in order on one partition. The producer is
idempotent with ``acks=all`` and retries, so a broker hiccup neither loses nor duplicates
a record; the consumer side dedupes by event id in any case.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.producer.future import FutureRecordMetadata

from tally.events import TallyEvent, encode_event
from tally.topics import DEFAULT_PARTITIONS, MAX_MESSAGE_BYTES, TALLY_EVENTS, namespaced

__all__ = [
    "KafkaSettings",
    "PublishError",
    "Publisher",
    "TopicReader",
    "ensure_topic",
]

log = logging.getLogger(__name__)


class PublishError(RuntimeError):
    """The broker could not be reached or did not take the events; the message says which."""


@dataclass(frozen=True, slots=True)
class KafkaSettings:
    """Where the events go: broker, namespace and partition count (from the environment)."""

    bootstrap: str = "127.0.0.1:9092"
    namespace: str | None = None
    partitions: int = DEFAULT_PARTITIONS
    connect_timeout: float = 30.0
    """Seconds to wait for the broker before giving up with a :class:`PublishError`."""

    @classmethod
    def from_env(cls, *, bootstrap: str | None = None) -> KafkaSettings:
        """``KAFKA_BOOTSTRAP``, ``TALLY_NAMESPACE`` and ``TALLY_PARTITIONS``, with defaults."""
        partitions = os.environ.get("TALLY_PARTITIONS") or str(DEFAULT_PARTITIONS)
        if not partitions.isdigit() or int(partitions) < 1:
            raise PublishError(f"TALLY_PARTITIONS={partitions!r} is not a positive integer")
        return cls(
            bootstrap=bootstrap or os.environ.get("KAFKA_BOOTSTRAP") or cls.bootstrap,
            namespace=os.environ.get("TALLY_NAMESPACE") or None,
            partitions=int(partitions),
        )

    @property
    def topic(self) -> str:
        return namespaced(TALLY_EVENTS, self.namespace)


def ensure_topic(settings: KafkaSettings) -> bool:
    """Create the events topic with ``settings.partitions`` partitions if it is missing.

    Returns True if this call created it. An existing topic is left as it is, whatever its
    partition count.
    """
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=settings.bootstrap,
            client_id="tally-admin",
            bootstrap_timeout_ms=int(settings.connect_timeout * 1000),
        )
    except KafkaError as exc:
        raise PublishError(f"cannot reach Kafka at {settings.bootstrap}: {exc}") from exc
    try:
        if settings.topic in admin.list_topics():
            return False
        admin.create_topics(
            {
                settings.topic: {
                    "num_partitions": settings.partitions,
                    "replication_factor": 1,
                    "configs": {"max.message.bytes": str(MAX_MESSAGE_BYTES)},
                }
            },
            wait_for_metadata=True,
        )
        log.info("created topic %s with %d partitions", settings.topic, settings.partitions)
        return True
    except TopicAlreadyExistsError:
        return False  # another producer or the worker created it in between
    except KafkaError as exc:
        raise PublishError(f"cannot create topic {settings.topic}: {exc}") from exc
    finally:
        admin.close()


class Publisher:
    """Sends tally events to the events topic; use as a context manager so it flushes."""

    def __init__(self, settings: KafkaSettings) -> None:
        self.settings = settings
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=settings.bootstrap,
                client_id="tally-producer",
                bootstrap_timeout_ms=int(settings.connect_timeout * 1000),
                acks="all",
                enable_idempotence=True,
                retries=10,
                # A few milliseconds of batching lets a max-speed replay send thousands of
                # events per second without a request per event.
                linger_ms=5,
                max_request_size=MAX_MESSAGE_BYTES,
            )
        except KafkaError as exc:
            raise PublishError(f"cannot reach Kafka at {settings.bootstrap}: {exc}") from exc
        self.sent = 0
        self._failures: list[BaseException] = []

    @property
    def topic(self) -> str:
        return self.settings.topic

    def send(self, event: TallyEvent) -> FutureRecordMetadata:
        """Queue one event; errors surface at :meth:`flush`."""
        future = self._producer.send(
            self.topic, value=encode_event(event), key=event.contest.state.encode()
        )
        future.add_errback(self._failures.append)
        self.sent += 1
        return future

    def flush(self, timeout: float | None = 60.0) -> None:
        """Block until every queued event is acknowledged by the broker."""
        try:
            self._producer.flush(timeout=timeout)
        except KafkaError as exc:
            raise PublishError(
                f"events not acknowledged by {self.settings.bootstrap}: {exc}"
            ) from exc
        if self._failures:
            # Reported once: a long-running producer (the ingest service) goes on after it.
            failures, self._failures = self._failures, []
            raise PublishError(
                f"{len(failures)} of {self.sent} events failed; first: {failures[0]}"
            )

    def close(self) -> None:
        self._producer.close(timeout=30)

    def __enter__(self) -> Publisher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            self.close()


class TopicReader:
    """Reads the events topic from its beginning, without a consumer group.

    No group means nothing is committed and no worker's offsets move: reading is a pure
    observation of the topic.
    """

    def __init__(self, settings: KafkaSettings) -> None:
        self.settings = settings
        try:
            self._consumer = KafkaConsumer(
                bootstrap_servers=settings.bootstrap,
                client_id="tally-recorder",
                bootstrap_timeout_ms=int(settings.connect_timeout * 1000),
                group_id=None,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
            )
        except KafkaError as exc:
            raise PublishError(f"cannot reach Kafka at {settings.bootstrap}: {exc}") from exc

    def records(self, *, idle: float, limit: int | None = None) -> Iterator[bytes]:
        """Record values in partition order; stops after ``idle`` quiet seconds or ``limit``."""
        partitions = self._wait_for_partitions(timeout=idle)
        self._consumer.assign(partitions)
        self._consumer.seek_to_beginning(*partitions)
        count = 0
        quiet_since = time.monotonic()
        while limit is None or count < limit:
            batch = self._consumer.poll(timeout_ms=200)
            if not batch:
                if time.monotonic() - quiet_since >= idle:
                    return
                continue
            quiet_since = time.monotonic()
            for records in batch.values():
                for record in records:
                    if limit is not None and count >= limit:
                        return
                    count += 1
                    yield record.value

    def _wait_for_partitions(self, *, timeout: float) -> list[TopicPartition]:
        deadline = time.monotonic() + timeout
        while True:
            ids = self._consumer.partitions_for_topic(self.settings.topic)
            if ids:
                return [TopicPartition(self.settings.topic, p) for p in sorted(ids)]
            if time.monotonic() >= deadline:
                raise PublishError(f"topic {self.settings.topic} does not exist")
            time.sleep(0.2)

    def close(self) -> None:
        self._consumer.close(autocommit=False)

    def __enter__(self) -> TopicReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
