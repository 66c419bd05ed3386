"""Exact counts through crashes: SIGKILLed workers, a flushed Redis, two workers, a broker restart.

Every run replays the same synthetic counting day into its own namespace; its final Redis must
equal, in the canonical dump, the dump of one clean run, and its boards the pure rules' boards.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Iterator, Sequence

import pytest
import redis

from tally import redis_keys
from tally.events import TallyEvent
from tests.support.kafka_events import create_topics, produce
from tests.support.redis_dump import canonical_dump
from tests.support.sample_events import counting_day
from tests.support.settle import expected_boards, wait_for_boards, wait_until
from tests.support.worker import READY, Worker, running_worker

pytestmark = pytest.mark.servers

EVENTS = counting_day(seats=60, rounds=5, states=("DL", "BR"))
EXPECTED = expected_boards(EVENTS)


class Replay(threading.Thread):
    """Produce the day in small chunks, as a replay at speed would; tolerant of restarts."""

    def __init__(
        self, bootstrap: str, namespace: str, events: Sequence[TallyEvent], pause: float = 0.3
    ) -> None:
        super().__init__(daemon=True)
        self.bootstrap, self.namespace, self.events, self.pause = (
            bootstrap,
            namespace,
            events,
            pause,
        )
        self.sent = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for start in range(0, len(self.events), 40):
                self.sent += self._send(self.events[start : start + 40])
                time.sleep(self.pause)
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def _send(self, chunk: Sequence[TallyEvent]) -> int:
        # A producer that cannot reach the broker gives up; send the chunk again, as a
        # replay does: the ids repeat, so a chunk that half-landed is counted once.
        deadline = time.monotonic() + 180
        while True:
            try:
                return produce(self.bootstrap, self.namespace, chunk)
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def finish(self) -> None:
        self.join(timeout=300)
        assert self.error is None, f"replay failed: {self.error!r}"
        assert self.sent == len(self.events)


def seats_in_redis(redis_url: str) -> int:
    client = redis.Redis.from_url(redis_url)
    try:
        return sum(client.hlen(redis_keys.seats(c.split("-")[0], c)) for c in EXPECTED)
    finally:
        client.close()


def applied_events(redis_url: str) -> int:
    """Events that moved a register so far (the feed's length): progress, whatever the phase."""
    client = redis.Redis.from_url(redis_url)
    try:
        return int(client.xlen(redis_keys.FEED))
    finally:
        client.close()


def finish_and_dump(redis_url: str, *workers: Worker) -> str:
    boards = wait_for_boards(redis_url, EXPECTED, timeout=180)
    assert boards == EXPECTED, "\n\n".join(w.log_tail(150) for w in workers)
    return canonical_dump(redis_url)


def fresh(redis_url: str) -> str:
    redis.Redis.from_url(redis_url).flushall()
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="module")
def clean_dump(kafka_bootstrap: str, redis_url: str) -> str:
    """The canonical dump of one uninterrupted run."""
    namespace = fresh(redis_url)
    create_topics(kafka_bootstrap, namespace)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        produce(kafka_bootstrap, namespace, EVENTS)
        return finish_and_dump(redis_url)


@pytest.fixture
def namespace(redis_url: str, kafka_bootstrap: str) -> Iterator[str]:
    name = fresh(redis_url)
    create_topics(kafka_bootstrap, name)
    yield name


def test_three_sigkills_during_a_replay_leave_the_clean_state(
    kafka_bootstrap: str, redis_url: str, namespace: str, clean_dump: str
) -> None:
    quarter = len(EVENTS) // 4
    parts = [EVENTS[i * quarter : (i + 1) * quarter] for i in range(3)] + [EVENTS[3 * quarter :]]
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        pids = []
        for part in parts[:3]:
            # Kill while this part is being replayed and counted: once Redis has moved.
            seen = applied_events(redis_url)
            replay = Replay(kafka_bootstrap, namespace, part)
            replay.start()
            assert wait_until(lambda seen=seen: applied_events(redis_url) > seen, timeout=120)
            pids.append(worker.pid)
            worker.kill()
            replay.finish()
            worker.start()
        replay = Replay(kafka_bootstrap, namespace, parts[3])
        replay.start()
        replay.finish()
        assert len(set(pids)) == 3
        assert finish_and_dump(redis_url, worker) == clean_dump


def test_flushall_mid_run_rebuilds_under_a_new_epoch(
    kafka_bootstrap: str, redis_url: str, namespace: str, clean_dump: str
) -> None:
    client = redis.Redis.from_url(redis_url)
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        replay = Replay(kafka_bootstrap, namespace, EVENTS)
        replay.start()
        assert wait_until(lambda: seats_in_redis(redis_url) >= 40, timeout=120)
        before = client.get(redis_keys.epoch("DL"))
        client.flushall()
        replay.finish()
        assert finish_and_dump(redis_url, worker) == clean_dump
        after = client.get(redis_keys.epoch("DL"))
        assert before is not None and after is not None and after != before

        # Lost again once everything is in: the idle worker notices and rebuilds.
        client.flushall()
        assert finish_and_dump(redis_url, worker) == clean_dump
        assert client.get(redis_keys.epoch("DL")) not in (None, after)
    client.close()


def last_partitions(worker: Worker) -> list[int]:
    lines = [line for line in worker.log_tail(10_000).splitlines() if READY in line]
    found = re.search(r"partitions \[([\d, ]*)\]", lines[-1]) if lines else None
    return [int(p) for p in found.group(1).split(",") if p.strip()] if found else []


def test_two_workers_share_the_partitions_and_give_one_workers_state(
    kafka_bootstrap: str, redis_url: str, namespace: str, clean_dump: str
) -> None:
    with (
        running_worker(kafka_bootstrap, redis_url, namespace) as first,
        running_worker(kafka_bootstrap, redis_url, namespace) as second,
    ):

        def shared() -> bool:
            mine, theirs = last_partitions(first), last_partitions(second)
            return bool(mine) and bool(theirs) and sorted(mine + theirs) == list(range(6))

        assert wait_until(shared, 90), (first.log_tail(), second.log_tail())
        half = len(EVENTS) // 2
        replay = Replay(kafka_bootstrap, namespace, EVENTS[:half], pause=0.1)
        replay.start()
        replay.finish()
        assert wait_until(lambda: applied_events(redis_url) > 0, timeout=120)
        # The survivor takes over the partitions, and their tables, of the one killed.
        second.kill()
        assert wait_until(lambda: sorted(last_partitions(first)) == list(range(6)), 120)
        replay = Replay(kafka_bootstrap, namespace, EVENTS[half:], pause=0.1)
        replay.start()
        replay.finish()
        assert finish_and_dump(redis_url, first) == clean_dump


def test_a_broker_restart_mid_replay_loses_and_doubles_nothing(
    kafka_broker, kafka_bootstrap: str, redis_url: str, namespace: str, clean_dump: str
) -> None:
    half = len(EVENTS) // 2
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        first = Replay(kafka_bootstrap, namespace, EVENTS[:half])
        first.start()
        first.finish()
        assert wait_until(lambda: seats_in_redis(redis_url) > 0, timeout=120)
        # The second half is sent while the broker goes down and comes back.
        second = Replay(kafka_bootstrap, namespace, EVENTS[half:])
        second.start()
        kafka_broker.restart()
        second.finish()
        assert finish_and_dump(redis_url, worker) == clean_dump
