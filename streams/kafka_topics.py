"""Creates the worker's input, dead-letter and table changelog topics before it subscribes.

The broker would otherwise auto-create ``tally.events`` with one partition on the first
producer or consumer that names it. Both topics take messages up to 4 MiB, so that an oversized
event reaches the worker and lands in the dead-letter topic with its reason instead of failing
at a producer that may not be watching.

The tables' changelogs are created here too, and the worker starts only once the broker
reports every partition of every topic with a leader: a changelog Faust creates itself can
still show no partitions when the consumer group first joins, and the first table write then
fails with a partition mismatch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from streams.settings import Settings

__all__ = [
    "MAX_MESSAGE_BYTES",
    "OFFSETS",
    "REGISTERS",
    "TABLES",
    "changelog_topic",
    "ensure_topics",
]

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4 * 1024 * 1024

REGISTERS, OFFSETS = "registers", "offsets"
TABLES = (REGISTERS, OFFSETS)
"""The worker's Faust tables (see :mod:`streams.app`), whose changelogs are made here."""


def changelog_topic(settings: Settings, table: str) -> str:
    """The name Faust gives a table's changelog topic."""
    return f"{settings.app_id}-{table}-changelog"


async def ensure_topics(settings: Settings, *, timeout: float = 60.0) -> int:
    """Create the topics if absent (one replica: a single broker); wait for the broker.

    Returns the partition count of ``tally.events`` as it is: a topic created earlier (by a
    producer) keeps its count, and the worker's tables must match it.
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        try:
            await admin.start()
            await _create(
                admin,
                [
                    (settings.events_topic, settings.partitions, {}),
                    (settings.dead_letters_topic, 1, {}),
                ],
            )
            partitions = await _partitions_with_leaders(admin, settings.events_topic, deadline)
            if partitions != settings.partitions:
                log.warning(
                    "%s has %d partitions, not TALLY_PARTITIONS=%d; using %d",
                    settings.events_topic,
                    partitions,
                    settings.partitions,
                    partitions,
                )
            changelogs = [changelog_topic(settings, table) for table in TABLES]
            compacted = {"cleanup.policy": "compact"}
            await _create(admin, [(name, partitions, compacted) for name in changelogs])
            for name in changelogs:
                await _partitions_with_leaders(admin, name, deadline)
            return partitions
        except (KafkaConnectionError, KafkaError, OSError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.warning("broker not ready for topic creation (%s); retrying", exc)
            await asyncio.sleep(0.5)
        finally:
            await admin.close()


async def _create(
    admin: AIOKafkaAdminClient, topics: list[tuple[str, int, dict[str, str]]]
) -> None:
    existing = set(await admin.list_topics())
    wanted = [
        NewTopic(
            name,
            num_partitions=partitions,
            replication_factor=1,
            topic_configs={"max.message.bytes": str(MAX_MESSAGE_BYTES), **configs},
        )
        for name, partitions, configs in topics
        if name not in existing
    ]
    if wanted:
        with contextlib.suppress(TopicAlreadyExistsError):
            await admin.create_topics(wanted)
        log.info("created topics %s", [t.name for t in wanted])


async def _partitions_with_leaders(admin: AIOKafkaAdminClient, topic: str, deadline: float) -> int:
    """The topic's partition count, once the broker reports a leader for every partition."""
    loop = asyncio.get_running_loop()
    while True:
        (described,) = await admin.describe_topics([topic])
        found = described.get("partitions") or []
        if found and all(p.get("leader", -1) >= 0 for p in found):
            return len(found)
        if loop.time() > deadline:
            raise KafkaError(f"{topic}: partitions without a leader after waiting")
        await asyncio.sleep(0.2)
