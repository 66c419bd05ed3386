"""The worker's environment: defaults, namespacing and a clear error for a bad contest code."""

from __future__ import annotations

import pytest

from streams.settings import Settings


def test_a_namespace_prefixes_topics_and_the_app_id() -> None:
    settings = Settings.from_env({"TALLY_NAMESPACE": "t1", "TALLY_PARTITIONS": "3"})
    assert (settings.events_topic, settings.dead_letters_topic) == (
        "t1.tally.events",
        "t1.tally.events.dlq",
    )
    assert (settings.app_id, settings.partitions) == ("tally-streams-t1", 3)


def test_defaults_match_the_project_wide_names() -> None:
    settings = Settings.from_env({})
    assert settings.events_topic == "tally.events"
    assert settings.kafka_bootstrap == "127.0.0.1:9092"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.zero_contests == ()


def test_zero_contests_are_listed_and_checked() -> None:
    settings = Settings.from_env({"TALLY_ZERO_CONTESTS": "DL-assembly-2025, MH-assembly-2024"})
    assert settings.zero_contests == ("DL-assembly-2025", "MH-assembly-2024")
    with pytest.raises(ValueError, match="Delhi is not a contest code"):
        Settings.from_env({"TALLY_ZERO_CONTESTS": "Delhi"})
