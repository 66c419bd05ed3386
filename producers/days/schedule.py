"""When each line of a day goes out: seek, filter and speed, without reading any clock.

A replay keeps the day's relative timing, divided by the speed. ``start`` (``--from``) seeks:
the lines before it go out at once, so the board catches up to that moment, and the clock
runs from there. ``until`` stops after the last line at or before that time. The replay
shell only sleeps until each step's ``offset``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from producers.days.format import ArticleLine, Day, Line, SeatLine, clock_seconds

__all__ = ["Step", "contest_matches", "line_contests", "schedule"]


@dataclass(frozen=True, slots=True)
class Step:
    """One line to send, ``offset`` wall-clock seconds after the replay starts."""

    line: Line
    offset: float


def contest_matches(code: str, wanted: str) -> bool:
    """``wanted`` is a contest code (``MH-assembly-2024``), ``MH-2024``, or a state (``MH``)."""
    state, _, year = code.split("-")
    wanted = wanted.strip()
    if wanted == code:
        return True
    if re.fullmatch(r"[A-Za-z]{2}", wanted):
        return wanted.upper() == state
    return wanted.upper() == f"{state}-{year}"


def line_contests(line: Line) -> list[str]:
    """The contests a line is about (an article may name several, or none)."""
    if isinstance(line, SeatLine):
        return [line.contest]
    if isinstance(line, ArticleLine):
        return list(line.contests)
    return [line.event.contest.code]


def schedule(
    day: Day,
    *,
    speed: float | None,
    start: str | None = None,
    until: str | None = None,
    contest: str | None = None,
) -> list[Step]:
    """The steps of a replay.

    Args:
        speed: day seconds per wall second; None sends everything at once ("max").
        start: ``HH:MM:SS`` to seek to; earlier lines are sent first, without waiting.
        until: ``HH:MM:SS`` after which nothing is sent.
        contest: keep only lines about this contest (see :func:`contest_matches`); articles
            that name no contest are kept.

    Raises:
        ValueError: a speed that is not positive, or ``start`` after ``until``.
    """
    if speed is not None and speed <= 0:
        raise ValueError(f"speed must be positive, not {speed}")
    if start is not None and until is not None and start > until:
        raise ValueError(f"--from {start} is after --until {until}")
    lines = [
        line
        for line in day.lines
        if (until is None or line.at <= until)
        and (
            contest is None
            or not line_contests(line)
            or any(contest_matches(code, contest) for code in line_contests(line))
        )
    ]
    if not lines:
        return []
    origin = clock_seconds(start) if start is not None else clock_seconds(lines[0].at)
    steps = []
    for line in lines:
        ahead = max(0, clock_seconds(line.at) - origin)
        offset = 0.0 if speed is None else ahead / speed
        steps.append(Step(line=line, offset=offset))
    return steps
