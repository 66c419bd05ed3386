"""Replay a counting day into Kafka, on the day's clock or faster.

    python -m producers.replay DAY [--speed N|max] [--from HH:MM] [--until HH:MM]
                               [--contest CODE] [--check] [--quiet]

``DAY`` is a bundled day (``MH-JH-2024``, or a contest such as ``MH-2024``) or a file path.
Seat lines become seat_result events; article lines go through the extractor at replay time
and their events take the line's clock as event time; recorded event lines go out as they
were. Event ids are deterministic, so running a replay twice leaves the same state as once.
Exit status: 0 when everything was sent, 1 when some articles could not be turned into
events (everything else is still sent), 2 for a bad day file or arguments, 3 when Kafka
did not take the events.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from producers.days.catalogue import article_path, resolve
from producers.days.events import (
    recorded,
    retimed,
    seat_event,
    seat_numbers,
    with_seat_numbers,
)
from producers.days.format import (
    ArticleLine,
    Day,
    DayFileError,
    EventLine,
    Line,
    SeatLine,
    parse_clock,
    read_day,
)
from producers.days.schedule import Step, contest_matches, schedule
from producers.days.state import summary
from producers.publisher import KafkaSettings, Publisher, PublishError, ensure_topic
from tally.events import TallyEvent

__all__ = ["ArticleFailure", "events_for", "main"]

Extractor = Callable[[Path, datetime], list[TallyEvent]]


class ArticleFailure(Exception):
    """An article line that produced no events: missing file, bad file, or extractor error."""


def _extract(path: Path, ingest_time: datetime) -> list[TallyEvent]:
    """The extractor, imported on first use: days without articles do not need it."""
    from producers.articles import ArticleError, load_article
    from producers.extraction import extract_events

    try:
        return list(extract_events(load_article(path), ingest_time=ingest_time))
    except ArticleError as exc:
        raise ArticleFailure(str(exc)) from exc


def events_for(
    day: Day,
    line: Line,
    *,
    ingest_time: datetime,
    contest: str | None = None,
    extract: Extractor = _extract,
    numbers: dict[tuple[str, str], int] | None = None,
) -> list[TallyEvent]:
    """The events one line sends (articles may give several, or none).

    ``numbers`` is :func:`seat_numbers` of the day, passed in so a replay computes it once.

    Raises:
        ArticleFailure: the article line could not be read or extracted.
    """
    if isinstance(line, SeatLine):
        return [seat_event(day, line, ingest_time=ingest_time)]
    if isinstance(line, EventLine):
        return [recorded(line.event, ingest_time=ingest_time)]
    if numbers is None:
        numbers = seat_numbers(day)
    return _article_events(day, line, ingest_time, contest, extract, numbers)


def _article_events(
    day: Day,
    line: ArticleLine,
    ingest_time: datetime,
    contest: str | None,
    extract: Extractor,
    numbers: dict[tuple[str, str], int],
) -> list[TallyEvent]:
    try:
        path = article_path(line.article)
        extracted = extract(path, ingest_time)
    except ArticleFailure:
        raise
    except LookupError as exc:
        raise ArticleFailure(str(exc)) from exc
    except Exception as exc:  # the extractor is not ours to trust: report it, keep replaying
        raise ArticleFailure(f"article {line.article}: extraction failed: {exc!r}") from exc
    events = (
        retimed(extracted, event_time=day.moment(line.at), ingest_time=ingest_time)
        if line.retime
        else extracted
    )
    events = with_seat_numbers(events, numbers)
    if contest is not None:
        events = [e for e in events if contest_matches(e.contest.code, contest)]
    return events


def _speed(text: str) -> float | None:
    if text.strip().lower() == "max":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number or 'max'") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"speed must be positive, not {text}")
    return value


def _clock(text: str) -> str:
    try:
        return parse_clock(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m producers.replay",
        description="Replay a counting day into Kafka (tally.events).",
    )
    parser.add_argument("day", metavar="DAY", help="bundled day name (MH-JH-2024, MH-2024) or path")
    parser.add_argument(
        "--speed",
        type=_speed,
        default=60.0,
        help="day seconds per wall second, or 'max' for no waiting (default 60)",
    )
    parser.add_argument("--from", dest="start", type=_clock, help="seek: start at HH:MM")
    parser.add_argument("--until", type=_clock, help="stop after HH:MM")
    parser.add_argument("--contest", help="only this contest: MH-assembly-2024, MH-2024 or MH")
    parser.add_argument("--check", action="store_true", help="validate the day; send nothing")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--bootstrap", help="Kafka bootstrap (default $KAFKA_BOOTSTRAP)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(stderr=True)
    try:
        day = read_day(resolve(args.day))
        steps = schedule(
            day, speed=args.speed, start=args.start, until=args.until, contest=args.contest
        )
    except (DayFileError, LookupError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        return 2
    if args.check:
        return _check(day, steps, console, until=args.until, contest=args.contest)
    try:
        settings = KafkaSettings.from_env(bootstrap=args.bootstrap)
        ensure_topic(settings)
        with Publisher(settings) as publisher:
            failures = _send(day, steps, publisher, args, console)
    except PublishError as exc:
        console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        return 3
    except KeyboardInterrupt:
        console.print("interrupted; the events queued so far were flushed")
        return 130
    return 1 if failures else 0


def _send(
    day: Day, steps: list[Step], publisher: Publisher, args: argparse.Namespace, console: Console
) -> int:
    """Send every step on its schedule; returns the number of article lines that failed."""
    failures = 0
    progress = Progress(
        TextColumn("[bold]{task.fields[clock]}[/bold] IST"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} lines"),
        TextColumn("{task.fields[events]} events sent"),
        TimeElapsedColumn(),
        console=console,
        disable=args.quiet,
    )
    first = steps[0].line.at if steps else (args.start or "--:--:--")
    numbers = seat_numbers(day)
    began = time.monotonic()
    with progress:
        task = progress.add_task(day.header.name, total=len(steps), clock=first, events=0)
        for step in steps:
            wait = began + step.offset - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                events = events_for(
                    day,
                    step.line,
                    ingest_time=datetime.now(UTC),
                    contest=args.contest,
                    numbers=numbers,
                )
            except ArticleFailure as exc:
                failures += 1
                progress.console.print(f"[yellow]skipped article line at {step.line.at}:[/] {exc}")
                events = []
            for event in events:
                publisher.send(event)
            progress.update(task, advance=1, clock=step.line.at, events=publisher.sent)
        publisher.flush()
        progress.update(task, events=publisher.sent)
    span = f"{steps[0].line.at}-{steps[-1].line.at}" if steps else "nothing to send"
    console.print(
        f"{day.header.name}: sent {publisher.sent} events from {len(steps)} lines "
        f"({span}) to {publisher.topic} in {time.monotonic() - began:.1f}s",
        highlight=False,
    )
    return failures


def _check(
    day: Day, steps: list[Step], console: Console, *, until: str | None, contest: str | None
) -> int:
    """Validate without sending: the file parsed already; now every article must resolve."""
    from producers.articles import ArticleError, load_article

    missing = []
    for step in steps:
        if isinstance(step.line, ArticleLine):
            try:
                load_article(article_path(step.line.article))
            except (LookupError, ArticleError) as exc:
                missing.append(str(exc))
    print(summary(day, until=until, contest=contest))
    print(f"{len(steps)} lines selected for replay")
    for problem in missing:
        console.print(f"[red]error:[/red] {problem}", highlight=False)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
