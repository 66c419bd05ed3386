"""Kafka topic names, declared once (cf. arq's constants module)."""

TALLY_EVENTS = "tally.events"
"""Every tally event, keyed by state code so one state's events stay in order on one partition."""

DEAD_LETTERS = "tally.events.dlq"
"""Records the worker could not apply, each with its reason and the original bytes."""

DEFAULT_PARTITIONS = 6
"""Partitions of ``tally.events`` on a single machine; set ``TALLY_PARTITIONS`` to change."""

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
"""``max.message.bytes`` of the event topics, whoever creates them (worker or producer), so an
oversized event reaches the worker and is dead-lettered with its reason."""


def namespaced(topic: str, namespace: str | None) -> str:
    """The topic name under an optional namespace (``TALLY_NAMESPACE``).

    Tests give every run its own namespace so that runs sharing one broker never read each
    other's events; production leaves it empty.
    """
    return f"{namespace}.{topic}" if namespace else topic
