"""``python -m streams worker [--loglevel LEVEL]``: run the counting worker, configured by env.

Creates the topics if absent, then hands over to the Faust worker (web server off). See
streams/settings.py for the environment variables.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from streams.kafka_topics import ensure_topics
from streams.settings import Settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m streams", description=__doc__)
    parser.add_argument("command", choices=["worker"])
    parser.add_argument("--loglevel", default="info")
    args = parser.parse_args(argv)

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
