"""Finds counting days: the bundled ones in ``data/days`` by name, or any file by path."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from producers.days.format import DayHeader

__all__ = [
    "ARTICLES_DIR",
    "DAYS_DIR",
    "RESULTS_DIR",
    "SEEDS_DIR",
    "article_path",
    "bundled",
    "resolve",
]

_ROOT = Path(__file__).resolve().parents[2]
DAYS_DIR = _ROOT / "data" / "days"
"""The committed, generated days (``python -m producers.days build`` rewrites them)."""

RESULTS_DIR = _ROOT / "data" / "results"
"""The ECI results the bundled days are built from."""


ARTICLES_DIR = _ROOT / "data" / "articles"
"""Articles as JSON (``<id>.json``) that day files name in their ``article`` lines."""

SEEDS_DIR = _ROOT / "data" / "seeds"
"""The seed articles as plain text, with ``gold.json``."""


def article_path(ref: str) -> Path:
    """The file an article line names: ``data/articles/<id>.json``, else the seed text
    ``data/seeds/<id>.txt``, else ``ref`` as a path.

    Raises:
        LookupError: none of them exists.
    """
    for path in (ARTICLES_DIR / f"{ref}.json", SEEDS_DIR / f"{ref}.txt", Path(ref)):
        if path.is_file():
            return path
    raise LookupError(f"article {ref!r}: no {ARTICLES_DIR / (ref + '.json')} and no such file")


def bundled() -> dict[str, Path]:
    """Bundled day name (``MH-JH-2024``) -> its file."""
    return {path.stem: path for path in sorted(DAYS_DIR.glob("*.jsonl"))}


def resolve(day: str) -> Path:
    """The file for ``day``: an existing path, a bundled name, or a contest such as ``MH-2024``.

    Raises:
        LookupError: naming what was tried and the bundled days on offer.
    """
    path = Path(day)
    if path.is_file():
        return path
    days = bundled()
    if day in days:
        return days[day]
    short = re.fullmatch(r"([A-Z]{2})-(\d{4})", day.upper())
    if short:
        for candidate in days.values():
            header = _header(candidate)
            if header and f"{short[1]}-assembly-{short[2]}" in header.contests:
                return candidate
    offer = ", ".join(days) or "none (run: python -m producers.days build)"
    raise LookupError(f"no counting day {day!r}: not a file, and not a bundled day ({offer})")


def _header(path: Path) -> DayHeader | None:
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        return msgspec.json.decode(first, type=DayHeader)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
