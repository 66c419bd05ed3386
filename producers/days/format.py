"""The counting-day file: JSON lines, a header and then timestamped updates in clock order.

Every line is one JSON object with a ``type``:

* ``day``: the header, first line only (name, date, UTC offset, contests, provenance);
* ``seat``: one seat feed record (a constituency's standing after a round of counting);
* ``article``: a news article, turned into events by the extractor at replay time;
* ``event``: a complete tally event, as ``producers.record`` captured it from Kafka.

Decoding validates each line and every error names its line number and JSON path, so a
bad day is rejected before anything is sent. ``docs/counting-day-format.md`` is the
user-facing description of the same format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from tally.events import PartyCode, SourceKind, TallyEvent

__all__ = [
    "FORMAT_VERSION",
    "ArticleLine",
    "Day",
    "DayFileError",
    "DayHeader",
    "EventLine",
    "Line",
    "SeatLine",
    "clock_seconds",
    "dump_day",
    "encode_line",
    "format_clock",
    "parse_clock",
    "parse_day",
    "read_day",
]

FORMAT_VERSION = 1
"""Bumped on any incompatible change to the line shapes."""

Clock = Annotated[str, msgspec.Meta(pattern=r"^([0-3][0-9]|4[0-7]):[0-5][0-9]:[0-5][0-9]$")]
"""Counting-day clock ``HH:MM:SS`` in the day's local time; hours 24-47 are the next day."""

ContestCode = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{2}-(assembly|lok_sabha|rajya_sabha)-\d{4}$")
]
Votes = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]
Round = Annotated[int, msgspec.Meta(ge=0, le=200)]
Rounds = Annotated[int, msgspec.Meta(ge=1, le=200)]


class DayHeader(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag="day"):
    """What the day is, where its numbers come from, and which contests it touches."""

    format: Annotated[int, msgspec.Meta(ge=1)]
    name: str
    date: date
    utc_offset: Annotated[str, msgspec.Meta(pattern=r"^[+-]\d{2}:\d{2}$")] = "+05:30"
    contests: list[ContestCode]
    """Every contest a seat, event or article line may name (empty for a day of articles
    that name none)."""
    title: str = ""
    provenance: str = ""


class SeatLine(
    msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag="seat", omit_defaults=True
):
    """A constituency's standing after one round: the leader, the runner-up and the margin."""

    at: Clock
    contest: ContestCode
    source: SourceKind
    ac_no: Annotated[int, msgspec.Meta(ge=1, le=600)]
    constituency: str
    candidate: str
    party: PartyCode
    votes: Votes
    margin: Votes
    round: Round
    total_rounds: Rounds
    status: Literal["leading", "won"]
    runner_up: str | None = None
    runner_up_party: PartyCode | None = None


class ArticleLine(
    msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag="article", omit_defaults=True
):
    """A news article published at ``at``; ``article`` names ``data/articles/<id>.json``."""

    at: Clock
    article: str
    contests: list[ContestCode] = []
    """The contests the article speaks about, so ``--contest`` can skip it without extracting."""
    retime: bool = True
    """False keeps the event times the extractor gives (the article's own publication time)
    instead of moving them to ``at``: for articles from different days, as in ``seeds``."""


class EventLine(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag="event"):
    """A tally event exactly as it flowed on Kafka; replayed with its id and event time."""

    at: Clock
    event: TallyEvent


Line = SeatLine | ArticleLine | EventLine

_line_decoder = msgspec.json.Decoder(DayHeader | SeatLine | ArticleLine | EventLine)
_encoder = msgspec.json.Encoder()


class DayFileError(ValueError):
    """A counting-day file that cannot be replayed; the message names the line and the fault."""


@dataclass(frozen=True, slots=True)
class Day:
    """A decoded, validated counting day."""

    header: DayHeader
    lines: tuple[Line, ...]

    @property
    def tz(self) -> timezone:
        """The fixed offset the day's clock runs in (IST for every bundled day)."""
        return _offset(self.header.utc_offset)

    def moment(self, clock: str) -> datetime:
        """The timezone-aware instant a clock string names on this day."""
        midnight = datetime.combine(self.header.date, time(0), tzinfo=self.tz)
        return midnight + timedelta(seconds=clock_seconds(clock))


def parse_clock(text: str) -> str:
    """Normalise ``HH:MM`` or ``HH:MM:SS`` (as typed on the command line) to ``HH:MM:SS``."""
    match = re.fullmatch(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?", text.strip())
    if not match or int(match[1]) > 47:
        raise ValueError(f"{text!r} is not a clock time like 12:00 or 12:00:30")
    return f"{int(match[1]):02d}:{match[2]}:{match[3] or '00'}"


def clock_seconds(clock: str) -> int:
    """Seconds since the day's midnight for a ``HH:MM:SS`` clock."""
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def format_clock(seconds: int) -> str:
    """``HH:MM:SS`` for seconds since midnight (inverse of :func:`clock_seconds`)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = (int(part) for part in text[1:].split(":"))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def encode_line(line: DayHeader | Line) -> bytes:
    """One line of the file, without the newline."""
    return _encoder.encode(line)


def dump_day(day: Day) -> bytes:
    """The whole file; :func:`parse_day` of the result gives back an equal day."""
    rows = [encode_line(day.header), *(encode_line(line) for line in day.lines)]
    return b"\n".join(rows) + b"\n"


def parse_day(rows: Iterable[bytes | str]) -> Day:
    """Decode and validate a counting day; raise :class:`DayFileError` at the first fault.

    Beyond each line's shape it checks what a replay relies on: one header, first; clock
    times in order; contests declared in the header; and per seat, rounds that never go
    back, never pass ``total_rounds``, and reach ``won`` only at the final round.
    """
    header: DayHeader | None = None
    lines: list[Line] = []
    checker = _OrderChecker()
    for number, raw in enumerate(rows, start=1):
        if not raw.strip():
            continue
        try:
            item = _line_decoder.decode(raw)
        except msgspec.ValidationError as exc:
            raise DayFileError(f"line {number}: {exc}") from None
        except msgspec.DecodeError as exc:
            raise DayFileError(f"line {number}: not JSON ({exc})") from None
        if isinstance(item, DayHeader):
            if header is not None or lines:
                raise DayFileError(f"line {number}: the day header must be the first line only")
            if item.format > FORMAT_VERSION:
                raise DayFileError(
                    f"line {number}: format {item.format} is newer than {FORMAT_VERSION}"
                )
            header = item
            continue
        if header is None:
            raise DayFileError(f"line {number}: the first line must be the day header")
        fault = checker.fault(item, header)
        if fault:
            raise DayFileError(f"line {number}: {fault}")
        lines.append(item)
    if header is None:
        raise DayFileError("the file is empty: a day needs at least its header line")
    return Day(header=header, lines=tuple(lines))


def read_day(path: Path) -> Day:
    """Read and validate a counting-day file from disk."""
    try:
        with path.open("rb") as handle:
            return parse_day(handle)
    except DayFileError as exc:
        raise DayFileError(f"{path}: {exc}") from None


class _OrderChecker:
    """The cross-line rules; fed one line at a time so a fault names its line."""

    def __init__(self) -> None:
        self.last_at = "00:00:00"
        self.rounds: dict[tuple[str, int], tuple[int, int, str]] = {}

    def fault(self, line: Line, header: DayHeader) -> str | None:
        if line.at < self.last_at:
            return f"clock {line.at} comes before the previous line's {self.last_at}"
        self.last_at = line.at
        for contest in _contests_of(line):
            if contest not in header.contests:
                return f"contest {contest} is not among the header's {header.contests}"
        if isinstance(line, SeatLine):
            return self._seat_fault(line)
        return None

    def _seat_fault(self, line: SeatLine) -> str | None:
        if line.round > line.total_rounds:
            return f"round {line.round} is past total_rounds {line.total_rounds}"
        if line.status == "won" and line.round != line.total_rounds:
            return f"status won at round {line.round} of {line.total_rounds}"
        if line.runner_up_party is not None and line.runner_up is None:
            return "runner_up_party without runner_up"
        key = (line.contest, line.ac_no)
        previous = self.rounds.get(key)
        if previous is not None:
            last_round, total, status = previous
            if line.round < last_round:
                return f"seat {key[0]} #{key[1]} goes back from round {last_round} to {line.round}"
            if line.total_rounds != total:
                return f"seat {key[0]} #{key[1]} changes total_rounds from {total}"
            if status == "won" and line.status != "won":
                return f"seat {key[0]} #{key[1]} is counting again after being won"
        self.rounds[key] = (line.round, line.total_rounds, line.status)
        return None


def _contests_of(line: Line) -> Iterator[str]:
    if isinstance(line, SeatLine):
        yield line.contest
    elif isinstance(line, ArticleLine):
        yield from line.contests
    else:
        yield line.event.contest.code
