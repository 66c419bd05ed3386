"""The worker end to end on the real broker and Redis: events in, exact boards out."""

from __future__ import annotations

import json

import msgspec
import pytest
import redis
from kafka import KafkaConsumer

from streams.agents import partition_for
from streams.counting import ContestModel, build_board
from tally import redis_keys
from tally.changes import decode_change, decode_seat
from tally.reference import states
from tests.support.kafka_events import create_topics, produce
from tests.support.sample_events import party_tally, seat_result
from tests.support.settle import expected_boards, wait_for_boards
from tests.support.worker import running_worker

pytestmark = pytest.mark.servers


@pytest.fixture
def flushed(redis_url: str) -> redis.Redis:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    yield client
    client.close()


def test_events_become_boards_seats_and_changes(
    kafka_bootstrap: str, redis_url: str, namespace: str, flushed: redis.Redis
) -> None:
    events = [
        seat_result(1, "BJP", "leading", 1, 10),
        seat_result(1, "AAP", "leading", 2, 30),
        seat_result(2, "BJP", "won", 10, 90),
        party_tally("BJP", "leading", 36, 40),
        party_tally("BJP", "leading", 38, 50),
    ]
    create_topics(kafka_bootstrap, namespace)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        # Ready means every state it owns has an epoch: readers see logs created, not recreated.
        assert all(flushed.get(redis_keys.epoch(state)) for state in states())
        produce(kafka_bootstrap, namespace, events)
        expected = expected_boards(events)
        assert wait_for_boards(redis_url, expected) == expected

    board = expected["DL-assembly-2025"]
    assert board.layer == "reported"  # 2 seats counted, reports account for 38
    assert [(r.party, r.won, r.leading) for r in board.parties] == [("BJP", 1, 0), ("AAP", 0, 1)]
    seat = decode_seat(flushed.hget(redis_keys.seats("DL", "DL-assembly-2025"), "1"))
    assert (seat.party, seat.round) == ("AAP", 2)
    changes = [decode_change(f[b"c"]) for _, f in flushed.xrange(redis_keys.changes("DL"))]
    notes = [c.note for c in changes if c.scope == "reported"]
    assert notes == ["36 (source updated 08:40)", "36 → 38 (source updated 08:50)"]
    assert flushed.get(redis_keys.epoch("DL")) is not None
    assert flushed.xlen(redis_keys.FEED) == len(events)


def test_zero_mode_shows_an_empty_board_until_the_first_event(
    kafka_bootstrap: str, redis_url: str, namespace: str, flushed: redis.Redis
) -> None:
    code = "DL-assembly-2025"
    zero = {code: build_board(ContestModel(code), 3)}
    create_topics(kafka_bootstrap, namespace)
    env = {"TALLY_ZERO_CONTESTS": code}
    with running_worker(kafka_bootstrap, redis_url, namespace, env=env):
        assert wait_for_boards(redis_url, zero) == zero
        assert flushed.get(redis_keys.epoch("DL")) is not None
        events = [seat_result(1, "BJP", "leading", 1, 10)]
        produce(kafka_bootstrap, namespace, events)
        expected = expected_boards(events)
        assert wait_for_boards(redis_url, expected) == expected
    assert zero[code].seats == 70
    assert zero[code].seats_counted == 0


def test_table_entries_land_on_their_states_partition(
    kafka_bootstrap: str, redis_url: str, namespace: str, flushed: redis.Redis
) -> None:
    # One batch mixes states on several partitions; each table write must follow its own state.
    codes = ["DL", "BR", "MH", "JH", "GJ", "HP"]
    events = [seat_result(n, "BJP", "leading", 1, n, state=s) for n in (1, 2) for s in codes]
    create_topics(kafka_bootstrap, namespace)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        produce(kafka_bootstrap, namespace, events)
        expected = expected_boards(events)
        assert wait_for_boards(redis_url, expected) == expected

    changelog = f"tally-streams-{namespace}-registers-changelog"
    consumer = KafkaConsumer(
        changelog, bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest"
    )
    records = [r for batch in consumer.poll(timeout_ms=5000).values() for r in batch]
    while more := [r for batch in consumer.poll(timeout_ms=1000).values() for r in batch]:
        records += more
    consumer.close()
    assert {json.loads(r.key).split("-")[0] for r in records} == set(codes)
    for record in records:
        state = json.loads(record.key).split("-")[0]
        assert record.partition == partition_for(state, 6), record.key


def test_facts_held_for_review_are_never_counted(
    kafka_bootstrap: str, redis_url: str, namespace: str, flushed: redis.Redis
) -> None:
    published = [party_tally("BJP", "leading", 36, 40), seat_result(1, "AAP", "leading", 2, 30)]
    held = [
        msgspec.structs.replace(party_tally("BJP", "leading", 60, 50), review=True, confidence=0.2),
        msgspec.structs.replace(seat_result(1, "BJP", "won", 9, 55), review=True, confidence=0.3),
    ]
    create_topics(kafka_bootstrap, namespace)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        # Held facts go first and are newer: counted, they would win every register, and
        # once the later published facts show, the held ones have been read (one partition).
        produce(kafka_bootstrap, namespace, [*held, *published])
        expected = expected_boards(published)
        assert wait_for_boards(redis_url, expected) == expected
    board = expected["DL-assembly-2025"]
    assert [(r.party, r.won, r.leading) for r in board.parties] == [("AAP", 0, 1)]
    seat = decode_seat(flushed.hget(redis_keys.seats("DL", "DL-assembly-2025"), "1"))
    assert (seat.party, seat.status) == ("AAP", "counting")
    changes = [decode_change(f[b"c"]) for _, f in flushed.xrange(redis_keys.changes("DL"))]
    assert not any("60" in (c.note or "") for c in changes)
    assert flushed.xlen(redis_keys.FEED) == len(published)
