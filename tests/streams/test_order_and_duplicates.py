"""Through the real worker: any order and any number of duplicates of an event set leave the same
Redis as the sorted, deduplicated set (canonical dump of every tracker key).

Each example runs the worker twice on the real broker, so examples are few; the pure model gets
many more in tests/streams/test_counting.py, and tests/streams/test_lua_agreement.py ties the
two together.
"""

from __future__ import annotations

import random
import uuid

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.events import TallyEvent
from tests.support.kafka_events import create_topics, produce
from tests.support.redis_dump import canonical_dump
from tests.support.sample_events import party_tally, seat_result
from tests.support.settle import expected_boards, wait_for_boards
from tests.support.worker import running_worker

pytestmark = pytest.mark.servers

states = st.sampled_from(["DL", "BR"])
parties = st.sampled_from(["BJP", "AAP", "INC", "JD(U)"])
minutes = st.integers(0, 90)
reports = st.builds(
    party_tally,
    parties,
    st.sampled_from(["won", "leading", "total"]),
    st.integers(0, 60),
    minutes,
    state=states,
)
seats = st.builds(
    seat_result,
    st.integers(1, 12),
    parties,
    st.sampled_from(["leading", "won", "trailing"]),
    st.one_of(st.none(), st.integers(0, 6)),
    minutes,
    state=states,
    margin=st.integers(1, 900),
)


def run_through_worker(kafka_bootstrap: str, redis_url: str, events: list[TallyEvent]) -> str:
    namespace = f"t{uuid.uuid4().hex[:12]}"
    redis.Redis.from_url(redis_url).flushall()
    create_topics(kafka_bootstrap, namespace)
    expected = expected_boards(events)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        produce(kafka_bootstrap, namespace, events)
        assert wait_for_boards(redis_url, expected) == expected
    return canonical_dump(redis_url)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.one_of(reports, seats), min_size=5, max_size=60), st.randoms())
def test_shuffled_and_repeated_events_leave_the_sorted_deduplicated_state(
    kafka_bootstrap: str, redis_url: str, events: list[TallyEvent], rng: random.Random
) -> None:
    unique = sorted({e.event_id: e for e in events}.values(), key=lambda e: e.event_time)
    replayed = events + [rng.choice(events) for _ in range(len(events))]
    rng.shuffle(replayed)
    assert run_through_worker(kafka_bootstrap, redis_url, replayed) == run_through_worker(
        kafka_bootstrap, redis_url, unique
    )
