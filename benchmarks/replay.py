"""The Maharashtra 2024 counting day at max speed, end to end into Redis.

    python -m benchmarks replay [--day MH-JH-2024]

Starts a throwaway Kafka broker and redis-server, then measures in the same run:

1. **produce only** (the baseline): ``python -m producers.replay DAY --speed max`` into a
   topic no worker reads: the replay command's wall time;
2. **end to end**: the same replay with the worker (``python -m streams worker``) consuming,
   from the replay's start until the worker has written the boards of every record (its
   ``applied`` offsets in Redis reach the topic's end).

It prints wall times, events per second, their ratio, and the worker's peak RSS (``VmHWM``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis
from kafka import KafkaConsumer, TopicPartition

from devstack.kafka import KafkaBroker
from devstack.ports import free_port
from devstack.processes import ManagedProcess
from devstack.redis import RedisServer
from tally import redis_keys
from tally.topics import TALLY_EVENTS, namespaced

ROOT = Path(__file__).resolve().parent.parent
READY = "streams worker ready"


def _replay(day: str, bootstrap: str, namespace: str) -> float:
    env = {**os.environ, "KAFKA_BOOTSTRAP": bootstrap, "TALLY_NAMESPACE": namespace}
    began = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "producers.replay", day, "--speed", "max", "--quiet"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - began


def _ends(bootstrap: str, namespace: str) -> dict[int, int]:
    topic = namespaced(TALLY_EVENTS, namespace)
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        return {tp.partition: end for tp, end in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


def _caught_up(client: redis.Redis, ends: dict[int, int], states: list[str]) -> bool:
    applied: dict[int, int] = {}
    for state in states:
        for partition, offset in client.hgetall(redis_keys.applied(state)).items():
            applied[int(partition)] = max(applied.get(int(partition), -1), int(offset))
    return all(applied.get(p, -1) >= end - 1 for p, end in ends.items() if end > 0)


def _peak_rss_mib(pid: int) -> float:
    """The kernel's high-water mark of the process's resident set."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for pid {pid}")


def _start_worker(bootstrap: str, redis_url: str, namespace: str, workdir: Path) -> ManagedProcess:
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP": bootstrap,
        "REDIS_URL": redis_url,
        "TALLY_NAMESPACE": namespace,
        "TALLY_DATA_DIR": str(workdir / "worker-data"),
        "PYTHONUNBUFFERED": "1",
    }
    worker = ManagedProcess(
        "worker", [sys.executable, "-m", "streams", "worker"], workdir / "worker.log", env, ROOT
    ).start()
    deadline = time.monotonic() + 180
    while READY not in worker.log_path.read_text(errors="replace"):
        if not worker.alive() or time.monotonic() > deadline:
            tail = worker.log_tail()
            worker.stop()
            raise RuntimeError(f"worker did not become ready:\n{tail}")
        time.sleep(0.2)
    return worker


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks replay")
    parser.add_argument("--day", default="MH-JH-2024")
    args = parser.parse_args(argv)
    states = ["MH", "JH"] if args.day == "MH-JH-2024" else [args.day[:2]]
    workdir = Path(tempfile.mkdtemp(prefix="bench-replay-"))
    broker = KafkaBroker(workdir / "kafka", free_port(), free_port()).start()
    server = RedisServer(workdir / "redis", free_port()).start()
    try:
        baseline_ns = f"bench{uuid.uuid4().hex[:8]}"
        produce_only = _replay(args.day, broker.bootstrap, baseline_ns)
        events = sum(_ends(broker.bootstrap, baseline_ns).values())

        client = redis.Redis.from_url(server.url)
        client.flushall()
        namespace = f"bench{uuid.uuid4().hex[:8]}"
        worker = _start_worker(broker.bootstrap, server.url, namespace, workdir)
        try:
            began = time.monotonic()
            replay_wall = _replay(args.day, broker.bootstrap, namespace)
            ends = _ends(broker.bootstrap, namespace)
            while not _caught_up(client, ends, states):
                if not worker.alive():
                    raise RuntimeError(f"worker died:\n{worker.log_tail()}")
                time.sleep(0.05)
            end_to_end = time.monotonic() - began
            peak = _peak_rss_mib(worker.pid)
        finally:
            worker.stop()
    finally:
        server.stop()
        broker.stop()

    print(f"day {args.day}: {events} events at --speed max (2 shared cores)")
    print(
        f"  produce only (baseline): {produce_only:6.2f} s  {events / produce_only:8.0f} events/s"
    )
    print(f"  replay command with the worker running: {replay_wall:6.2f} s")
    print(f"  end to end into Redis:   {end_to_end:6.2f} s  {events / end_to_end:8.0f} events/s")
    print(f"  end to end / produce only: {end_to_end / produce_only:.2f}x")
    print(f"  worker peak RSS: {peak:.0f} MiB")
    print("reproduce: python -m benchmarks replay   (or make bench)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
