"""Day lines become tally events, with ids that are the same on every replay.

Ids hash everything but ``ingest_time`` (see ``tally.events.make_event``), so a seat line
always gives the same event, and re-running a replay is harmless: the worker has already
seen every id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import msgspec

from producers.days.format import Day, SeatLine
from tally.events import Contest, SeatResult, Source, TallyEvent, event_id_for, make_event

__all__ = [
    "FEED_OUTLET",
    "contest_of",
    "recorded",
    "retimed",
    "seat_event",
    "seat_numbers",
    "with_seat_numbers",
]

FEED_OUTLET = "results.eci.gov.in"
"""Where the recorded days' feed lines were scraped from."""


def contest_of(code: str) -> Contest:
    """``MH-assembly-2024`` -> ``Contest(state="MH", house="assembly", year=2024)``."""
    state, house, year = code.split("-")
    return Contest(state=state, house=house, year=int(year))  # type: ignore[arg-type]


def seat_event(day: Day, line: SeatLine, *, ingest_time: datetime) -> TallyEvent:
    """The seat_result event of one seat line; its event time is the line's clock."""
    payload = SeatResult(
        constituency=line.constituency,
        ac_no=line.ac_no,
        candidate=line.candidate,
        party=line.party,
        status=line.status,
        margin=line.margin,
        votes=line.votes,
        round=line.round,
        total_rounds=line.total_rounds,
        runner_up=line.runner_up,
        runner_up_party=line.runner_up_party,
    )
    source = Source(kind=line.source, outlet=FEED_OUTLET if line.source == "feed" else None)
    return make_event(
        contest=contest_of(line.contest),
        payload=payload,
        source=source,
        event_time=day.moment(line.at),
        ingest_time=ingest_time,
    )


def retimed(
    events: Iterable[TallyEvent], *, event_time: datetime, ingest_time: datetime
) -> list[TallyEvent]:
    """An article's extracted events, moved to the counting-day moment the day puts it at.

    The id is recomputed, so it follows the new time and stays deterministic.
    """
    return [
        make_event(
            contest=event.contest,
            payload=event.payload,
            source=event.source,
            event_time=event_time,
            ingest_time=ingest_time,
            as_of=event.as_of,
            confidence=event.confidence,
            checks=event.checks,
            review=event.review,
        )
        for event in events
    ]


def recorded(event: TallyEvent, *, ingest_time: datetime) -> TallyEvent:
    """A recorded event as it goes out again: same id and event time, a new ingest time."""
    return msgspec.structs.replace(event, ingest_time=ingest_time)


def _name_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def seat_numbers(day: Day) -> dict[tuple[str, str], int]:
    """``(contest, constituency name key) -> AC number`` from the day's seat lines."""
    return {
        (line.contest, _name_key(line.constituency)): line.ac_no
        for line in day.lines
        if isinstance(line, SeatLine)
    }


def with_seat_numbers(
    events: Iterable[TallyEvent], numbers: dict[tuple[str, str], int]
) -> list[TallyEvent]:
    """Give an article's seat results the AC number the day knows for that constituency.

    An article names a seat ("Doda") where the feed numbers it (52); without the number the
    board would count the article's seat apart from the feed's. Names the day does not know
    are left as they are.
    """
    out = []
    for event in events:
        payload = event.payload
        if isinstance(payload, SeatResult) and payload.ac_no is None:
            ac_no = numbers.get((event.contest.code, _name_key(payload.constituency)))
            if ac_no is not None:
                numbered = msgspec.structs.replace(payload, ac_no=ac_no)
                event = msgspec.structs.replace(
                    event,
                    payload=numbered,
                    event_id=event_id_for(
                        event.contest, numbered, event.source, event.event_time, event.as_of
                    ),
                )
        out.append(event)
    return out
