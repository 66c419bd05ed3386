"""``python -m producers.days build [NAME ...]`` rebuilds the bundled days in ``data/days``;
``python -m producers.days check FILE ...`` validates days and prints their end state.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from producers.days.build import DAYS, SEEDS, build_day, build_seeds_day
from producers.days.catalogue import DAYS_DIR, RESULTS_DIR, SEEDS_DIR, resolve
from producers.days.format import DayFileError, dump_day, read_day
from producers.days.state import summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m producers.days", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="rebuild bundled days from data/results")
    build.add_argument("names", nargs="*", choices=[[], *DAYS, SEEDS], metavar="NAME")
    build.add_argument("--out", type=Path, default=DAYS_DIR, help="directory (default data/days)")
    check = commands.add_parser("check", help="validate days and print their end state")
    check.add_argument("days", nargs="+", metavar="DAY")
    args = parser.parse_args(argv)
    if args.command == "build":
        args.out.mkdir(parents=True, exist_ok=True)
        for name in args.names or [*DAYS, SEEDS]:
            day = (
                build_seeds_day(SEEDS_DIR) if name == SEEDS else build_day(DAYS[name], RESULTS_DIR)
            )
            target = args.out / f"{name}.jsonl"
            target.write_bytes(dump_day(day))
            print(f"{target}: {len(day.lines)} lines")
        return 0
    status = 0
    for name in args.days:
        try:
            day = read_day(resolve(name))
        except (DayFileError, LookupError) as exc:
            print(f"invalid: {exc}", file=sys.stderr)
            status = 1
            continue
        print(summary(day))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
