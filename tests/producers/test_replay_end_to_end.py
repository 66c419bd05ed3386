"""Replays through the real Kafka broker and the real worker into the real Redis.

Each test runs the replay and record commands as a user would, waits until the worker has
applied every record on the topic (its per-partition ``applied`` offsets in Redis reach the
topic's end), and compares Redis with what the day file says by pure code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from kafka import KafkaConsumer, TopicPartition

from producers.days.catalogue import RESULTS_DIR, bundled
from producers.days.format import read_day
from producers.days.state import party_counts, seats_at
from tally import redis_keys
from tally.changes import decode_board
from tally.reference import states
from tally.topics import TALLY_EVENTS, namespaced
from tests.support.worker import Worker, running_worker

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]
Boards = dict[str, dict[str, tuple[int, int]]]


def run(
    module: str, *args: str, kafka_bootstrap: str, namespace: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <module> ...`` against the test broker; it must exit 0."""
    env = {**os.environ, "KAFKA_BOOTSTRAP": kafka_bootstrap, "TALLY_NAMESPACE": namespace}
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{module} {args} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done


def replay(day: str, *args: str, kafka_bootstrap: str, namespace: str) -> None:
    run(
        "producers.replay",
        day,
        "--speed",
        "max",
        "--quiet",
        *args,
        kafka_bootstrap=kafka_bootstrap,
        namespace=namespace,
    )


def topic_ends(kafka_bootstrap: str, namespace: str) -> dict[int, int]:
    topic = namespaced(TALLY_EVENTS, namespace)
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        return {tp.partition: end for tp, end in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


def wait_applied(client: redis.Redis, kafka_bootstrap: str, namespace: str, worker: Worker) -> None:
    """Block until the worker has written the boards of every record now on the topic.

    Every state is read: articles (the seeds day) may report contests of any state.
    """
    ends = {p: end for p, end in topic_ends(kafka_bootstrap, namespace).items() if end > 0}
    deadline = time.monotonic() + 240
    while True:
        applied: dict[int, int] = {}
        for state in states():
            for partition, offset in client.hgetall(redis_keys.applied(state)).items():
                applied[int(partition)] = max(applied.get(int(partition), -1), int(offset))
        behind = {p: (applied.get(p, -1), end - 1) for p, end in ends.items()}
        if all(seen >= last for seen, last in behind.values()):
            return
        assert "Crashed reason=" not in worker.log_tail(400), (
            f"worker crashed:\n{worker.log_tail()}"
        )
        assert time.monotonic() < deadline, (
            f"worker still behind (applied, last): {behind}\n{worker.log_tail()}"
        )
        time.sleep(0.5)


def boards(client: redis.Redis, contests: list[str]) -> Boards:
    """Contest -> party -> (won, leading) on the counted layer, zero lines left out."""
    out: Boards = {}
    for contest in contests:
        raw = client.get(redis_keys.board(contest[:2], contest))
        assert raw is not None, f"no board for {contest}"
        board = decode_board(raw)
        out[contest] = {
            row.party: (row.won, row.leading) for row in board.parties if row.won or row.leading
        }
    return out


def expected(day_name: str, until: str | None = None) -> Boards:
    counts = party_counts(seats_at(read_day(bundled()[day_name]), until=until))
    return {
        contest: {party: (c.won, c.leading) for party, c in parties.items()}
        for contest, parties in counts.items()
    }


def seat_rows(client: redis.Redis, contests: list[str]) -> dict[str, dict[bytes, bytes]]:
    return {c: client.hgetall(redis_keys.seats(c[:2], c)) for c in contests}


@pytest.fixture
def client(redis_url: str) -> redis.Redis:
    connection = redis.Redis.from_url(redis_url)
    connection.flushall()
    return connection


def test_every_bundled_day_at_max_speed_ends_at_the_official_totals(
    kafka_bootstrap: str, redis_url: str, namespace: str, client: redis.Redis
) -> None:
    official = json.loads((RESULTS_DIR / "normalized" / "party_seat_totals.json").read_text())
    days = {name: read_day(path) for name, path in bundled().items()}
    contests = [c for day in days.values() for c in day.header.contests]
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        for name in days:
            replay(name, kafka_bootstrap=kafka_bootstrap, namespace=namespace)
        wait_applied(client, kafka_bootstrap, namespace, worker)
    final = boards(client, contests)
    for contest in contests:
        state, _, year = contest.split("-")
        won = official[f"{state}_{year}"]["seats_won"]
        assert final[contest] == {party: (seats, 0) for party, seats in won.items()}, contest
        board = decode_board(client.get(redis_keys.board(state, contest)))
        assert board.headline is not None and board.headline.layer == "counted", contest
        headline = {row.party: (row.won, row.leading) for row in board.headline.parties}
        assert headline == final[contest], contest
    assert final["MH-assembly-2024"]["BJP"] == (132, 0)
    assert final["MH-assembly-2024"]["SHS"] == (57, 0)
    assert final["MH-assembly-2024"]["NCP"] == (41, 0)


def test_until_noon_leaves_the_board_the_day_file_shows_at_noon(
    kafka_bootstrap: str, redis_url: str, namespace: str, client: redis.Redis
) -> None:
    noon = expected("DL-2025", until="12:00:00")
    assert any(leading for _, leading in noon["DL-assembly-2025"].values())
    assert noon != expected("DL-2025")
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        # Without --quiet: the progress bar ends on the last clock time sent.
        done = run(
            "producers.replay",
            "DL-2025",
            "--speed",
            "max",
            "--until",
            "12:00",
            kafka_bootstrap=kafka_bootstrap,
            namespace=namespace,
        )
        assert "events sent" in done.stderr and "IST" in done.stderr
        wait_applied(client, kafka_bootstrap, namespace, worker)
    assert boards(client, ["DL-assembly-2025"]) == noon


def test_a_replay_twice_over_leaves_the_same_state_as_once(
    kafka_bootstrap: str, redis_url: str, namespace: str, client: redis.Redis
) -> None:
    contests = ["DL-assembly-2025"]
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        replay("DL-2025", kafka_bootstrap=kafka_bootstrap, namespace=namespace)
        wait_applied(client, kafka_bootstrap, namespace, worker)
        once = boards(client, contests), seat_rows(client, contests)
        before = sum(topic_ends(kafka_bootstrap, namespace).values())
        replay("DL-2025", kafka_bootstrap=kafka_bootstrap, namespace=namespace)
        assert sum(topic_ends(kafka_bootstrap, namespace).values()) == 2 * before
        wait_applied(client, kafka_bootstrap, namespace, worker)
        twice = boards(client, contests), seat_rows(client, contests)
    assert once == twice
    assert once[0] == expected("DL-2025")
    assert len(once[1]["DL-assembly-2025"]) == 70


def test_a_recording_replays_to_the_same_end_state(
    kafka_bootstrap: str, redis_url: str, namespace: str, client: redis.Redis, tmp_path: Path
) -> None:
    contests = ["HR-assembly-2024", "JK-assembly-2024"]
    recording = tmp_path / "recorded.jsonl"
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        replay(
            "HR-JK-2024", "--until", "13:30", kafka_bootstrap=kafka_bootstrap, namespace=namespace
        )
        wait_applied(client, kafka_bootstrap, namespace, worker)
        original = boards(client, contests), seat_rows(client, contests)
    run(
        "producers.record",
        "--out",
        str(recording),
        "--until-idle",
        "3",
        kafka_bootstrap=kafka_bootstrap,
        namespace=namespace,
    )
    assert read_day(recording).header.contests == contests
    client.flushall()
    again = f"{namespace}r"
    with running_worker(kafka_bootstrap, redis_url, again) as worker:
        replay(str(recording), kafka_bootstrap=kafka_bootstrap, namespace=again)
        wait_applied(client, kafka_bootstrap, again, worker)
        replayed = boards(client, contests), seat_rows(client, contests)
    assert replayed == original
    assert original[0] == expected("HR-JK-2024", until="13:30:00")
