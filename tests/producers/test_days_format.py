"""The counting-day file: round trip, and a clear error naming the line for every bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from producers.days.format import (
    DayFileError,
    SeatLine,
    clock_seconds,
    dump_day,
    format_clock,
    parse_clock,
    parse_day,
)

HEADER = {
    "type": "day",
    "format": 1,
    "name": "TEST",
    "date": "2024-11-23",
    "contests": ["MH-assembly-2024"],
}


def seat(**overrides: object) -> dict[str, object]:
    line: dict[str, object] = {
        "type": "seat",
        "at": "09:00:00",
        "contest": "MH-assembly-2024",
        "source": "simulation",
        "ac_no": 1,
        "constituency": "AKKALKUWA",
        "candidate": "A",
        "party": "SHS",
        "votes": 100,
        "margin": 10,
        "round": 1,
        "total_rounds": 3,
        "status": "leading",
    }
    line.update(overrides)
    return line


def rows(*lines: object) -> list[str]:
    return [json.dumps(line) if isinstance(line, dict) else str(line) for line in lines]


def test_a_day_survives_dump_and_parse() -> None:
    day = parse_day(
        rows(
            HEADER,
            seat(),
            seat(at="09:30:00", round=3, status="won"),
            {"type": "article", "at": "10:00:00", "article": "x", "contests": []},
        )
    )
    assert parse_day(dump_day(day).splitlines()) == day
    assert isinstance(day.lines[0], SeatLine)
    assert day.moment("09:30:00").isoformat() == "2024-11-23T09:30:00+05:30"


def test_blank_lines_are_ignored() -> None:
    assert len(parse_day(rows(HEADER, "", seat(), "   ")).lines) == 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "empty"),
        ([seat()], "line 1: the first line must be the day header"),
        ([HEADER, "{not json"], "line 2: not JSON"),
        ([HEADER, seat(votes=-5)], "line 2: Expected `int` >= 0 - at `$.votes`"),
        ([HEADER, seat(at="9:00")], "line 2: Expected `str` matching regex"),
        ([HEADER, seat(type="poll")], "line 2: Invalid value 'poll' - at `$.type`"),
        ([HEADER, seat(source="rumour")], "at `$.source`"),
        ([HEADER, seat(), HEADER], "line 3: the day header must be the first line only"),
        ([{**HEADER, "format": 9}], "line 1: format 9 is newer than 1"),
        ([HEADER, seat(at="10:00:00"), seat(at="09:00:00", round=2)], "line 3: clock 09:00:00"),
        ([HEADER, seat(contest="GJ-assembly-2022")], "line 2: contest GJ-assembly-2022 is not"),
        ([HEADER, seat(round=4)], "line 2: round 4 is past total_rounds 3"),
        ([HEADER, seat(status="won")], "line 2: status won at round 1 of 3"),
        (
            [HEADER, seat(round=2), seat(at="09:10:00")],
            "line 3: seat MH-assembly-2024 #1 goes back",
        ),
        (
            [HEADER, seat(), seat(at="09:10:00", total_rounds=4)],
            "line 3: seat MH-assembly-2024 #1 changes",
        ),
        (
            [HEADER, seat(round=3, status="won"), seat(at="09:10:00", round=3)],
            "line 3: seat MH-assembly-2024 #1 is counting again",
        ),
        ([HEADER, seat(runner_up_party="INC")], "line 2: runner_up_party without runner_up"),
    ],
)
def test_a_bad_file_is_rejected_naming_the_line(lines: list[object], message: str) -> None:
    with pytest.raises(DayFileError) as caught:
        parse_day(rows(*lines))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("12:00", "12:00:00"),
        ("8:05", "08:05:00"),
        ("23:59:59", "23:59:59"),
        (" 14:30 ", "14:30:00"),
    ],
)
def test_clock_arguments_are_normalised(text: str, clock: str) -> None:
    assert parse_clock(text) == clock


@pytest.mark.parametrize("text", ["noon", "12", "12:60", "48:00", "12:00:61", ""])
def test_bad_clock_arguments_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a clock time"):
        parse_clock(text)


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=48 * 3600 - 1))
def test_clock_seconds_invert_format_clock(seconds: int) -> None:
    assert clock_seconds(format_clock(seconds)) == seconds
    assert parse_clock(format_clock(seconds)) == format_clock(seconds)
