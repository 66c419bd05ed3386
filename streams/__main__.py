"""``python -m streams worker [--loglevel LEVEL]``: run the counting worker, configured by env.

Creates the topics if absent, then hands over to the Faust worker (web server off). See
streams/settings.py for the environment variables. ``python -m streams health`` exits 0 when the
worker's Kafka broker and Redis both answer (the Docker Compose healthcheck), else 1 with the
reason on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys

from streams.kafka_topics import ensure_topics
from streams.redis_store import RedisStore
from streams.settings import Settings


def _kafka_answers(bootstrap: str, timeout: float = 3.0) -> bool:
    """Whether any bootstrap address accepts a TCP connection."""
    for address in bootstrap.split(","):
        host, _, port = address.strip().rpartition(":")
        try:
            with socket.create_connection((host, int(port)), timeout=timeout):
                return True
        except (OSError, ValueError):
            continue
    return False


async def _redis_answers(url: str) -> bool:
    store = RedisStore(url)
    try:
        return await store.reachable()
    finally:
        await store.close()


def health(settings: Settings) -> int:
    """0 when Kafka and Redis both answer; else 1, naming the one that does not."""
    problems = []
    if not _kafka_answers(settings.kafka_bootstrap):
        problems.append(f"Kafka at {settings.kafka_bootstrap} does not answer")
    if not asyncio.run(_redis_answers(settings.redis_url)):
        problems.append(f"Redis at {settings.redis_url} does not answer")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m streams", description=__doc__)
    parser.add_argument("command", choices=["worker", "health"])
    parser.add_argument("--loglevel", default="info")
    args = parser.parse_args(argv)
    if args.command == "health":
        return health(Settings.from_env())

    # A private loop: Faust makes its own once it starts.
    loop = asyncio.new_event_loop()
    try:
        partitions = loop.run_until_complete(ensure_topics(Settings.from_env()))
    finally:
        loop.close()
    # The tables' changelogs must have the input topic's partition count.
    os.environ["TALLY_PARTITIONS"] = str(partitions)

    from streams.agents import app  # registers the agent and the timer

    sys.argv = ["streams", "worker", "--loglevel", args.loglevel, "--without-web"]
    app.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
