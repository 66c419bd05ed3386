"""Creates the worker's input and dead-letter topics before it subscribes.

The broker would otherwise auto-create ``tally.events`` with one partition on the first
producer or consumer that names it. Both topics take messages up to 4 MiB, so that an oversized
event reaches the worker and lands in the dead-letter topic with its reason instead of failing
at a producer that may not be watching.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from streams.settings import Settings

__all__ = ["MAX_MESSAGE_BYTES", "ensure_topics"]

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4 * 1024 * 1024


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
            existing = set(await admin.list_topics())
            wanted = [
                NewTopic(
                    name,
                    num_partitions=partitions,
                    replication_factor=1,
                    topic_configs={"max.message.bytes": str(MAX_MESSAGE_BYTES)},
                )
                for name, partitions in (
                    (settings.events_topic, settings.partitions),
                    (settings.dead_letters_topic, 1),
                )
                if name not in existing
            ]
            if wanted:
                with contextlib.suppress(TopicAlreadyExistsError):
                    await admin.create_topics(wanted)
                log.info("created topics %s", [t.name for t in wanted])
            (described,) = await admin.describe_topics([settings.events_topic])
            partitions = len(described["partitions"]) or settings.partitions
            if partitions != settings.partitions:
                log.warning(
                    "%s has %d partitions, not TALLY_PARTITIONS=%d; using %d",
                    settings.events_topic,
                    partitions,
                    settings.partitions,
                    partitions,
                )
            return partitions
        except (KafkaConnectionError, KafkaError, OSError) as exc:
            if asyncio.get_running_loop().time() > deadline:
                raise
            log.warning("broker not ready for topic creation (%s); retrying", exc)
            await asyncio.sleep(0.5)
        finally:
            await admin.close()
