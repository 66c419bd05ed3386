"""Day lines become events whose ids are the same on every replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from producers.days.catalogue import DAYS_DIR
from producers.days.events import (
    contest_of,
    recorded,
    retimed,
    seat_event,
    seat_numbers,
    with_seat_numbers,
)
from producers.days.format import ArticleLine, Day, EventLine, SeatLine, read_day
from producers.replay import ArticleFailure, events_for
from tally.events import PartyTally, SeatResult, Source, TallyEvent, decode_event, make_event

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)


@pytest.fixture(scope="module")
def doda_day() -> Day:
    return read_day(DAYS_DIR / "HR-JK-2024.jsonl")


def first_seat(day: Day) -> SeatLine:
    return next(line for line in day.lines if isinstance(line, SeatLine))


def test_a_seat_line_becomes_its_seat_result(doda_day: Day) -> None:
    line = first_seat(doda_day)
    event = seat_event(doda_day, line, ingest_time=NOW)
    assert event.kind == "seat_result" and event.contest.code == line.contest
    assert isinstance(event.payload, SeatResult)
    assert (event.payload.ac_no, event.payload.party, event.payload.round) == (
        line.ac_no,
        line.party,
        line.round,
    )
    assert event.event_time.isoformat() == f"2024-10-08T{line.at}+05:30"
    assert event.source.kind == line.source
    assert decode_event(msgspec.json.encode(event)) == event


def test_ids_do_not_depend_on_when_the_replay_runs(doda_day: Day) -> None:
    lines = [line for line in doda_day.lines if isinstance(line, SeatLine)][:200]
    first = [seat_event(doda_day, line, ingest_time=NOW).event_id for line in lines]
    again = [seat_event(doda_day, line, ingest_time=LATER).event_id for line in lines]
    assert first == again
    assert len(set(first)) == len(first)


def test_a_recorded_event_goes_out_with_its_id_and_event_time(doda_day: Day) -> None:
    original = seat_event(doda_day, first_seat(doda_day), ingest_time=NOW)
    line = EventLine(at="08:15:20", event=original)
    (again,) = events_for(doda_day, line, ingest_time=LATER)
    assert (again.event_id, again.event_time, again.ingest_time) == (
        original.event_id,
        original.event_time,
        LATER,
    )
    assert recorded(original, ingest_time=LATER) == again


def article_event(constituency: str, when: datetime) -> TallyEvent:
    return make_event(
        contest=contest_of("JK-assembly-2024"),
        payload=SeatResult(constituency=constituency, party="AAP", status="won", margin=4538),
        source=Source(kind="article", sentence="AAP's Mehraj Malik has now won the Doda seat"),
        event_time=when,
        ingest_time=NOW,
    )


def test_article_events_take_the_day_clock_and_keep_deterministic_ids() -> None:
    published = datetime(2024, 10, 8, tzinfo=UTC)
    clock = datetime.fromisoformat("2024-10-08T12:47:59+05:30")
    moved = retimed([article_event("Doda", published)], event_time=clock, ingest_time=LATER)
    again = retimed([article_event("Doda", published)], event_time=clock, ingest_time=NOW)
    assert moved[0].event_time == clock and moved[0].ingest_time == LATER
    assert moved[0].event_id == again[0].event_id
    assert moved[0].event_id != article_event("Doda", published).event_id


def test_article_seats_get_the_number_the_feed_uses(doda_day: Day) -> None:
    numbers = seat_numbers(doda_day)
    when = datetime(2024, 10, 8, tzinfo=UTC)
    tally = make_event(
        contest=contest_of("HR-assembly-2024"),
        payload=PartyTally(party="AAP", status="won", seats=0),
        source=Source(kind="article"),
        event_time=when,
        ingest_time=NOW,
    )
    doda, nowhere, same_tally = with_seat_numbers(
        [article_event("Doda", when), article_event("Atlantis", when), tally], numbers
    )
    assert isinstance(doda.payload, SeatResult) and doda.payload.ac_no == 52
    assert doda.event_id != article_event("Doda", when).event_id
    assert isinstance(nowhere.payload, SeatResult) and nowhere.payload.ac_no is None
    assert same_tally == tally


def test_a_missing_article_is_a_clear_failure(doda_day: Day) -> None:

    line = ArticleLine(at="12:00:00", article="no-such-article-anywhere")
    with pytest.raises(ArticleFailure, match="no-such-article-anywhere"):
        events_for(doda_day, line, ingest_time=NOW)


def test_bundled_articles_go_through_the_extractor_at_the_day_clock(doda_day: Day) -> None:
    line = next(line for line in doda_day.lines if isinstance(line, ArticleLine))
    events = events_for(doda_day, line, ingest_time=NOW)
    assert events, "the Doda article reports facts"
    assert {e.event_time for e in events} == {doda_day.moment(line.at)}
    doda = [e.payload for e in events if isinstance(e.payload, SeatResult)]
    assert doda and all(seat.ac_no == 52 and seat.party == "AAP" for seat in doda)
    again = events_for(doda_day, line, ingest_time=LATER)
    assert [e.event_id for e in again] == [e.event_id for e in events]


def test_seed_articles_keep_their_own_day() -> None:
    seeds = read_day(DAYS_DIR / "seeds.jsonl")
    gujarat = next(
        line
        for line in seeds.lines
        if isinstance(line, ArticleLine) and line.article == "001_57928f56173db05d"
    )
    events = events_for(seeds, gujarat, ingest_time=NOW)
    assert {e.contest.code for e in events} == {"GJ-assembly-2022", "HP-assembly-2022"}
    assert {e.event_time.date().isoformat() for e in events} == {"2022-12-08"}
