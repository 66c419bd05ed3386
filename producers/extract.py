"""Command line: print the tally facts of article files as JSON lines.

    python -m producers.extract FILE... [--published YYYY-MM-DD] [--lang hi|en]
                                        [--min-confidence X]

Each fact is one JSON object per line on stdout (the event envelope of ``tally/events.py``)
with its ``confidence``, ``checks`` and ``review``: ``review: true`` marks a fact below the
threshold, held for an editor and never counted. Nothing else goes to stdout; stderr gets
one line per file saying how many facts are published and how many held. A file that
cannot be read gets a message on stderr, the other files are still processed, and the exit
status is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from tally.events import encode_event

from .articles import IST, ArticleError, is_date_only, load_article, parse_published
from .extraction import extract_events
from .extraction.confidence import DEFAULT_MIN_CONFIDENCE, min_confidence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m producers.extract",
        description="Print the tally facts of counting-day articles as JSON lines.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt or .json article files")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides the file)")
    parser.add_argument("--lang", choices=("hi", "en"), help="article language (else guessed)")
    parser.add_argument(
        "--min-confidence",
        type=float,
        metavar="X",
        help="publication threshold in [0, 1] (default: TALLY_MIN_CONFIDENCE, else "
        f"{DEFAULT_MIN_CONFIDENCE})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        published = parse_published(args.published)
        threshold = min_confidence() if args.min_confidence is None else args.min_confidence
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"--min-confidence {threshold} is not in [0, 1]")
    except (ArticleError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return _run(args.files, published, is_date_only(args.published), args.lang, threshold)
    except BrokenPipeError:
        # The reader went away ("| head"): stop quietly. Point stdout at /dev/null so the
        # interpreter's final flush does not raise a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(
    files: Sequence[str],
    published: datetime | None,
    date_only: bool,
    lang: str | None,
    threshold: float,
) -> int:
    status = 0
    out = sys.stdout.buffer
    for path in files:
        try:
            article = load_article(
                path,
                published=published,
                lang=lang,  # type: ignore[arg-type]
                date_only=date_only,
            )
        except ArticleError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        events = extract_events(article, ingest_time=datetime.now(IST), threshold=threshold)
        for event in events:
            out.write(encode_event(event) + b"\n")
        out.flush()
        held = sum(1 for e in events if e.review)
        print(
            f"{path}: {len(events) - held} published, {held} held for review "
            f"(confidence below {threshold})",
            file=sys.stderr,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
