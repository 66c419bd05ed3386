"""The worker's topics, made before it subscribes, on the real broker."""

from __future__ import annotations

import asyncio

import pytest
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

from streams.kafka_topics import TABLES, changelog_topic, ensure_topics
from streams.settings import Settings

pytestmark = pytest.mark.servers


def describe(bootstrap: str, topics: list[str]) -> tuple[dict, dict]:
    """Partitions and configs as the broker reports them, read by an independent client."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        described = {t["name"]: t for t in admin.describe_topics(topics)}
        resources = [ConfigResource(ConfigResourceType.TOPIC, name) for name in topics]
        by_type = admin.describe_configs(config_resources=resources)
        configs = next(iter(by_type.values()))
        return described, configs
    finally:
        admin.close()


def test_every_changelog_exists_with_the_events_partitions_and_a_leader_each(
    kafka_bootstrap: str, namespace: str
) -> None:
    settings = Settings(
        kafka_bootstrap=kafka_bootstrap,
        namespace=namespace,
        partitions=4,
        app_id=f"tally-streams-{namespace}",
    )
    assert asyncio.run(ensure_topics(settings)) == 4
    # a second start finds them all and changes nothing
    assert asyncio.run(ensure_topics(settings)) == 4
    changelogs = [changelog_topic(settings, table) for table in TABLES]
    described, configs = describe(kafka_bootstrap, [settings.events_topic, *changelogs])
    for name in (settings.events_topic, *changelogs):
        partitions = described[name]["partitions"]
        assert len(partitions) == 4, name
        assert all(p["leader_id"] >= 0 for p in partitions), (name, partitions)
    for name in changelogs:
        assert configs[name]["cleanup.policy"]["value"] == "compact"
