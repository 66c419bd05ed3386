"""Replay timing: relative timing kept and scaled by speed, seek by clock, stop, filter."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from producers.days.format import Day, SeatLine, clock_seconds, format_clock, parse_day
from producers.days.schedule import contest_matches, schedule

CONTESTS = ["MH-assembly-2024", "JH-assembly-2024"]


def make_day(clocks: list[str], contests: list[str] | None = None) -> Day:
    header = {
        "type": "day",
        "format": 1,
        "name": "T",
        "date": "2024-11-23",
        "contests": CONTESTS,
    }
    rows = [json.dumps(header)]
    for index, clock in enumerate(clocks):
        contest = (contests or CONTESTS[:1] * len(clocks))[index]
        rows.append(
            json.dumps(
                {
                    "type": "seat",
                    "at": clock,
                    "contest": contest,
                    "source": "simulation",
                    "ac_no": index + 1,
                    "constituency": f"SEAT {index + 1}",
                    "candidate": "A",
                    "party": "BJP",
                    "votes": 10,
                    "margin": 1,
                    "round": 0,
                    "total_rounds": 5,
                    "status": "leading",
                }
            )
        )
    return parse_day(rows)


CLOCKS = ["08:20:00", "08:30:00", "09:30:00", "12:00:00", "12:00:00", "14:00:00"]


def test_max_speed_sends_everything_at_once() -> None:
    steps = schedule(make_day(CLOCKS), speed=None)
    assert [s.offset for s in steps] == [0.0] * len(CLOCKS)


def test_relative_timing_is_kept_and_divided_by_the_speed() -> None:
    steps = schedule(make_day(CLOCKS), speed=60)
    # 08:20 -> 08:30 is ten day-minutes: ten wall seconds at 60x.
    assert [s.offset for s in steps] == [0.0, 10.0, 70.0, 220.0, 220.0, 340.0]


def test_seek_sends_the_past_at_once_and_runs_the_clock_from_there() -> None:
    steps = schedule(make_day(CLOCKS), speed=2, start="09:00:00")
    assert [s.line.at for s in steps] == CLOCKS
    assert [s.offset for s in steps] == [0.0, 0.0, 900.0, 5400.0, 5400.0, 9000.0]


def test_until_stops_after_the_last_line_at_that_clock() -> None:
    steps = schedule(make_day(CLOCKS), speed=None, until="12:00:00")
    assert [s.line.at for s in steps] == CLOCKS[:5]
    assert schedule(make_day(CLOCKS), speed=None, until="08:00:00") == []


def test_contest_filter_keeps_one_contest() -> None:
    contests = ["MH-assembly-2024", "JH-assembly-2024"] * 3
    day = make_day(CLOCKS, contests)
    for wanted in ("JH-assembly-2024", "JH-2024", "JH", "jh"):
        steps = schedule(day, speed=None, contest=wanted)
        assert [s.line.contest for s in steps if isinstance(s.line, SeatLine)] == [
            "JH-assembly-2024"
        ] * 3


@pytest.mark.parametrize(
    ("code", "wanted", "matches"),
    [
        ("MH-assembly-2024", "MH-assembly-2024", True),
        ("MH-assembly-2024", "MH-2024", True),
        ("MH-assembly-2024", "MH", True),
        ("MH-assembly-2024", "MH-2019", False),
        ("MH-assembly-2024", "JH", False),
        ("MH-assembly-2024", "MH-lok_sabha-2024", False),
    ],
)
def test_contest_names(code: str, wanted: str, matches: bool) -> None:
    assert contest_matches(code, wanted) is matches


def test_bad_arguments_are_refused() -> None:
    day = make_day(CLOCKS)
    with pytest.raises(ValueError, match="speed must be positive"):
        schedule(day, speed=0)
    with pytest.raises(ValueError, match="after --until"):
        schedule(day, speed=1, start="13:00:00", until="12:00:00")


@settings(max_examples=100)
@given(
    st.lists(st.integers(min_value=8 * 3600, max_value=23 * 3600), min_size=1, max_size=30),
    st.floats(min_value=0.5, max_value=10_000),
)
def test_wall_time_gaps_are_day_gaps_over_speed(seconds: list[int], speed: float) -> None:
    clocks = [format_clock(s) for s in sorted(seconds)]
    steps = schedule(make_day(clocks), speed=speed)
    offsets = [s.offset for s in steps]
    assert offsets == sorted(offsets) and offsets[0] == 0.0
    for step, clock in zip(steps, clocks, strict=True):
        expected = (clock_seconds(clock) - clock_seconds(clocks[0])) / speed
        assert step.offset == pytest.approx(expected)
