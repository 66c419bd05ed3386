"""Event times as the source gave them, and flags that survive re-timing and renumbering."""

from __future__ import annotations

from datetime import UTC, datetime

from producers.articles import Article, parse_published
from producers.days.events import retimed, with_seat_numbers
from producers.extraction import extract_events
from tally.events import Contest, SeatResult, Source, make_event

INGEST = datetime(2026, 1, 1, tzinfo=UTC)
TEXT = "The BJP won 48 seats in the Haryana assembly election 2024."


def events_for(published: str, text: str = TEXT):
    article = Article(
        id="t",
        lang="en",
        text=text,
        published=parse_published(published),
        date_only=len(published) == 10,
    )
    return extract_events(article, ingest_time=INGEST)


def test_an_article_dated_without_a_time_gives_date_only_events() -> None:
    (event,) = [e for e in events_for("2024-10-08") if not e.review]
    assert event.date_only is True
    assert event.source.published == "2024-10-08"
    assert event.event_time.isoformat() == "2024-10-08T00:00:00+05:30"


def test_a_clock_time_in_the_source_or_the_text_is_kept() -> None:
    (timed,) = [e for e in events_for("2024-10-08T14:05:00+05:30") if not e.review]
    assert timed.date_only is None
    assert timed.source.published == "2024-10-08T14:05:00+05:30"
    stated = events_for("2024-10-08", "As of 3 pm, " + TEXT[0].lower() + TEXT[1:])
    assert [e.date_only for e in stated if not e.review] == [None]


def test_retiming_and_renumbering_keep_the_review_flag_and_the_checks() -> None:
    held = [e for e in events_for("2024-10-08") if e.review is not None]
    moved = retimed(held, event_time=datetime(2024, 10, 8, 9, tzinfo=UTC), ingest_time=INGEST)
    assert [(e.review, e.confidence, e.checks) for e in moved] == [
        (e.review, e.confidence, e.checks) for e in held
    ]
    assert all(e.date_only is None for e in moved)
    seat = make_event(
        contest=Contest(house="assembly", state="JK", year=2024),
        payload=SeatResult(constituency="Doda", party="AAP", status="won"),
        source=Source(kind="article", sentence="AAP won Doda."),
        event_time=datetime(2024, 10, 8, tzinfo=UTC),
        ingest_time=INGEST,
        confidence=0.4,
        review=True,
        date_only=True,
    )
    (numbered,) = with_seat_numbers([seat], {("JK-assembly-2024", "doda"): 52})
    assert numbered.payload.ac_no == 52
    assert numbered.event_id != seat.event_id
    assert (numbered.review, numbered.confidence, numbered.date_only) == (True, 0.4, True)
