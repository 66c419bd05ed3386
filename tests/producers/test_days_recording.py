"""A recording of Kafka events is a valid day that re-sends the same events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from producers.days.catalogue import DAYS_DIR
from producers.days.events import seat_event
from producers.days.format import EventLine, SeatLine, dump_day, parse_day, read_day
from producers.days.recording import recording
from producers.replay import events_for
from tally.events import TallyEvent

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def dl_events() -> list[TallyEvent]:
    day = read_day(DAYS_DIR / "DL-2025.jsonl")
    return [
        seat_event(day, line, ingest_time=NOW) for line in day.lines if isinstance(line, SeatLine)
    ]


def test_a_recording_replays_the_same_events_in_event_time_order() -> None:
    events = dl_events()
    shuffled = events[::-1]
    day = parse_day(dump_day(recording(shuffled, name="rec")).splitlines())
    assert day.header.contests == ["DL-assembly-2025"]
    assert str(day.header.date) == "2025-02-08"
    later = NOW + timedelta(days=1)
    again = [e for line in day.lines for e in events_for(day, line, ingest_time=later)]
    assert [e.event_id for e in again] == [
        e.event_id for e in sorted(events, key=lambda e: (e.event_time, e.event_id))
    ]
    assert all(isinstance(line, EventLine) for line in day.lines)
    assert [line.at for line in day.lines][:1] == [events[0].event_time.strftime("%H:%M:%S")]


def test_duplicate_ids_are_recorded_once() -> None:
    events = dl_events()[:50]
    assert len(recording(events + events[:20], name="rec").lines) == 50


def test_an_empty_recording_is_an_error() -> None:
    with pytest.raises(ValueError, match="no tally events"):
        recording([], name="rec")


def test_events_beyond_the_next_day_are_refused() -> None:
    first, second = dl_events()[:2]
    far = msgspec.structs.replace(second, event_time=first.event_time + timedelta(days=3))
    with pytest.raises(ValueError, match="more than a day"):
        recording([first, far], name="rec")
