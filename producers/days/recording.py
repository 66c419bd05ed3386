"""Events captured from Kafka become a counting day that replays to the same end state.

Each event is kept whole (id, event time, provenance) in an ``event`` line; its clock is
the event time on the day of the earliest event. Duplicate ids (a day replayed twice) are
kept once, since the worker counts an id once anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta, timezone

from producers.days.format import FORMAT_VERSION, Day, DayHeader, EventLine, format_clock
from tally.events import TallyEvent

__all__ = ["IST", "recording"]

IST = timezone(timedelta(hours=5, minutes=30))

_LAST_CLOCK = 48 * 3600 - 1
"""The format's clock reaches 47:59:59, the end of the day after the first event."""


def recording(events: Iterable[TallyEvent], *, name: str, title: str = "") -> Day:
    """A day of ``event`` lines, in event-time order.

    Raises:
        ValueError: no events, or events spread over more than two calendar days.
    """
    unique: dict[str, TallyEvent] = {}
    for event in events:
        unique.setdefault(event.event_id, event)
    ordered = sorted(unique.values(), key=lambda e: (e.event_time, e.event_id))
    if not ordered:
        raise ValueError("nothing to record: no tally events were read")
    first_day = ordered[0].event_time.astimezone(IST).date()
    midnight = datetime.combine(first_day, time(0), tzinfo=IST)
    lines = []
    for event in ordered:
        seconds = int((event.event_time - midnight).total_seconds())
        if seconds > _LAST_CLOCK:
            raise ValueError(
                f"event {event.event_id} at {event.event_time.isoformat()} is more than a day "
                f"after the first event's date {first_day}"
            )
        lines.append(EventLine(at=format_clock(seconds), event=event))
    contests = sorted({event.contest.code for event in ordered})
    header = DayHeader(
        format=FORMAT_VERSION,
        name=name,
        date=first_day,
        contests=contests,
        title=title or f"recorded from Kafka: {len(lines)} events",
        provenance="tally events as they flowed on tally.events, captured by producers.record",
    )
    return Day(header=header, lines=tuple(lines))
