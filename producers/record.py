"""Record what flows on tally.events as a counting-day file.

    python -m producers.record --out FILE [--until-idle SECONDS] [--max-events N] [--name NAME]

Reads the topic (under ``TALLY_NAMESPACE``) from its beginning without joining a consumer
group, and stops once no event has arrived for ``--until-idle`` seconds or after
``--max-events``. Each event is written whole, so replaying the file
(``python -m producers.replay FILE``) re-sends the same ids and event times and leads to the
same end state. Records that are not valid tally events are counted and left out.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from producers.days.format import dump_day
from producers.days.recording import recording
from producers.publisher import KafkaSettings, PublishError, TopicReader
from tally.events import EventRejected, TallyEvent, decode_event

__all__ = ["main"]


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m producers.record",
        description="Write the events on tally.events as a counting-day file.",
    )
    parser.add_argument("--out", type=Path, required=True, help="the counting-day file to write")
    parser.add_argument(
        "--until-idle",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="stop after this many seconds without a new event (default 5)",
    )
    parser.add_argument("--max-events", type=_count, metavar="N", help="stop after N")
    parser.add_argument("--name", help="the day's name (default: the file name)")
    parser.add_argument("--bootstrap", help="Kafka bootstrap (default $KAFKA_BOOTSTRAP)")
    args = parser.parse_args(argv)

    events: list[TallyEvent] = []
    rejected = 0
    try:
        settings = KafkaSettings.from_env(bootstrap=args.bootstrap)
        with TopicReader(settings) as reader:
            for raw in reader.records(idle=args.until_idle, limit=args.max_events):
                try:
                    events.append(decode_event(raw))
                except EventRejected as exc:
                    rejected += 1
                    print(f"skipped a record that is not a tally event: {exc}", file=sys.stderr)
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    try:
        day = recording(events, name=args.name or args.out.stem.removesuffix(".jsonl"))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(dump_day(day))
    print(
        f"recorded {len(day.lines)} events ({len(events) - len(day.lines)} duplicate ids, "
        f"{rejected} rejected) from {settings.topic} to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
