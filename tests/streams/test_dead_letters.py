"""Each kind of malformed record lands in the dead-letter topic with its reason and its original
bytes, while the worker keeps going and applies the good event after it."""

from __future__ import annotations

import json

import pytest
import redis

from tally.events import encode_event
from tests.support.kafka_events import RawRecord, create_topics, dead_letters, produce
from tests.support.sample_events import party_tally
from tests.support.settle import expected_boards, wait_for_boards
from tests.support.worker import running_worker

pytestmark = pytest.mark.servers


def mutated(**changes: object) -> bytes:
    body = json.loads(encode_event(party_tally("BJP", "won", 1, 0)))
    for path, value in changes.items():
        target = body
        *parents, leaf = path.split("__")
        for parent in parents:
            target = target[parent]
        if value is None:
            del target[leaf]
        else:
            target[leaf] = value
    return json.dumps(body).encode()


MALFORMED = {
    "bad JSON": (b'{"event_id": "x", ', "not JSON"),
    "unknown kind": (mutated(kind="exit_poll", payload__kind="exit_poll"), "kind"),
    "missing field": (mutated(event_id=None), "missing required field `event_id`"),
    "wrong type": (mutated(payload__seats="ten"), "Expected `int`"),
    "future schema": (mutated(schema_version=99), "schema_version 99 is newer"),
    "2 MB message": (b'{"pad": "' + b"x" * (2 * 1024 * 1024) + b'"}', "the limit is"),
    "wrong key": (mutated(), "is not the event's state"),
}


def test_each_malformed_record_is_dead_lettered_and_the_next_good_one_applied(
    kafka_bootstrap: str, redis_url: str, namespace: str
) -> None:
    redis.Redis.from_url(redis_url).flushall()
    create_topics(kafka_bootstrap, namespace)
    records: list[object] = []
    good = []
    for minute, (name, (raw, _)) in enumerate(MALFORMED.items(), start=1):
        key = b"MH" if name == "wrong key" else b"DL"
        records.append(RawRecord(key=key, value=raw))
        event = party_tally("INC", "leading", minute, minute)
        records.append(event)
        good.append(event)

    with running_worker(kafka_bootstrap, redis_url, namespace):
        produce(kafka_bootstrap, namespace, records)  # type: ignore[arg-type]
        letters = dead_letters(kafka_bootstrap, namespace, len(MALFORMED))
        expected = expected_boards(good)
        assert wait_for_boards(redis_url, expected) == expected

    # Partitions interleave, so match each letter to its record by the original bytes.
    by_value = {letter.value: letter for letter in letters}
    assert len(by_value) == len(MALFORMED)
    for name, (raw, reason) in MALFORMED.items():
        letter = by_value[raw]
        assert reason in letter.reason, (name, letter.reason)
        assert letter.headers["topic"] == f"{namespace}.tally.events".encode()
    assert expected["DL-assembly-2025"].reported[0].leading == len(MALFORMED)
