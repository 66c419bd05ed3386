"""Command line: print the tally facts of article files as JSON lines.

    python -m producers.extract FILE... [--published YYYY-MM-DD] [--lang hi|en]

Each fact is one JSON object per line on stdout (the event envelope of ``tally/events.py``);
nothing else goes to stdout. A file that cannot be read gets a message on stderr, the other
files are still processed, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from tally.events import encode_event

from .articles import IST, ArticleError, load_article, parse_published
from .extraction import extract_events

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m producers.extract",
        description="Print the tally facts of counting-day articles as JSON lines.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt or .json article files")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides the file)")
    parser.add_argument("--lang", choices=("hi", "en"), help="article language (else guessed)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        published = parse_published(args.published)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return _run(args.files, published, args.lang)
    except BrokenPipeError:
        # The reader went away ("| head"): stop quietly. Point stdout at /dev/null so the
        # interpreter's final flush does not raise a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(files: Sequence[str], published: datetime | None, lang: str | None) -> int:
    status = 0
    out = sys.stdout.buffer
    for path in files:
        try:
            article = load_article(path, published=published, lang=lang)  # type: ignore[arg-type]
        except ArticleError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        for event in extract_events(article, ingest_time=datetime.now(IST)):
            out.write(encode_event(event) + b"\n")
        out.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
