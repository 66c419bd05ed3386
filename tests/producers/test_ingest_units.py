"""The ingest service's pure parts: submissions, versions and their times, the seen-store,
results tables, the rate limiter and the pollers' backoff. Sentences here are invented."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from producers.articles import IST
from producers.ingest.__main__ import main as ingest_main
from producers.ingest.intake import (
    Submission,
    SubmissionError,
    article_id_for,
    decode_submission,
    digest_of,
    html_to_text,
)
from producers.ingest.limits import RateLimiter
from producers.ingest.metrics import IngestMetrics
from producers.ingest.openapi import document
from producers.ingest.polling import MAX_BACKOFF, next_delay
from producers.ingest.results import ResultsError, parse_table
from producers.ingest.service import Ingestor, version_time
from producers.ingest.store import SeenStore
from tally.events import TallyEvent

ROOT = Path(__file__).resolve().parents[2]
HR = (
    "Haryana assembly election results 2024: The BJP has won 12 seats and is leading in 30, "
    "while the Congress has won 8 seats and leads in 27, according to Election Commission trends."
)
MORNING = datetime(2024, 10, 8, 11, 0, tzinfo=IST)


class ListSink:
    """Collects events in order; the service tests on the real broker use the Publisher."""

    def __init__(self) -> None:
        self.events: list[TallyEvent] = []

    def send(self, event: TallyEvent) -> None:
        self.events.append(event)

    def flush(self, timeout: float | None = 60.0) -> None:
        return None


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"\xff\xfe{", "not UTF-8"),
        (b"[1, 2]", "invalid article"),
        (b"{", "not a JSON object"),
        (b'{"text": "   "}', "'text' is empty"),
        (b'{"text": "BJP won 3", "lang": "fr"}', "lang 'fr'"),
        (b'{"text": "BJP won 3", "url": "ftp://x"}', "url must start"),
        (b'{"text": "BJP won 3", "published": "yesterday"}', "published"),
        (b'{"url": "https://example.in/a"}', "text"),
    ],
)
def test_a_bad_submission_is_refused_with_its_reason(body: bytes, says: str) -> None:
    with pytest.raises(SubmissionError, match=says):
        decode_submission(body)


def test_an_article_keeps_its_id_per_url_and_its_version_digest_per_text() -> None:
    one = Submission(text=HR, url="https://example.in/live")
    grown = Submission(text=HR + " More later.", url="https://example.in/live")
    assert article_id_for(one) == article_id_for(grown)
    assert digest_of(one) != digest_of(grown)
    assert digest_of(one) == digest_of(Submission(text=f"  {HR}\n", url="https://example.in/x"))
    assert article_id_for(Submission(text=HR)) != article_id_for(one)


def test_html_is_reduced_to_the_article_text() -> None:
    page = (
        "<html><head><title>Results</title></head><body><nav>Home | Sports | Login</nav>"
        f"<article><h1>Haryana results</h1><p>{HR}</p></article>"
        "<footer>Copyright 2024</footer></body></html>"
    )
    text = html_to_text(page)
    assert "won 12 seats" in text
    assert "Login" not in text and "Copyright" not in text


def test_version_one_is_dated_by_the_source_and_later_ones_move_on_from_it() -> None:
    received = datetime(2026, 12, 6, 10, 0, tzinfo=IST)
    assert version_time((MORNING, False), None, received) == (MORNING, False)
    assert version_time((None, False), None, received) == (received, False)
    previous = (received.isoformat(), MORNING.isoformat(), False)
    later = received + timedelta(minutes=20)
    assert version_time((MORNING, False), previous, later) == (
        MORNING + timedelta(minutes=20),
        False,
    )
    stated = MORNING + timedelta(hours=2)
    assert version_time((stated, False), previous, later) == (stated, False)
    same_instant = version_time((None, False), previous, received)
    assert same_instant == (MORNING + timedelta(seconds=1), False)
    day = datetime(2024, 10, 8, tzinfo=IST)
    dated = (received.isoformat(), day.isoformat(), True)
    assert version_time((day, True), dated, later) == (day + timedelta(minutes=20), True)


def test_the_same_text_twice_or_after_a_restart_publishes_nothing(tmp_path: Path) -> None:
    store_path = tmp_path / "seen.sqlite3"
    sink = ListSink()
    first = Ingestor(SeenStore(store_path), sink, IngestMetrics())
    submission = Submission(text=HR, published=MORNING.isoformat())
    result = first.ingest(submission)
    assert (result.version, result.published, result.unchanged) == (1, 4, False)
    assert first.ingest(submission).unchanged
    first.store.close()
    again = Ingestor(SeenStore(store_path), sink, IngestMetrics())
    repeat = again.ingest(submission)
    assert (repeat.unchanged, repeat.version, repeat.published) == (True, 1, 0)
    assert len(sink.events) == 4


def test_a_growing_live_blog_publishes_only_its_new_sentences_dated_later() -> None:
    clock = Clock(datetime(2026, 12, 6, 10, 0, tzinfo=IST))
    sink = ListSink()
    ingestor = Ingestor(SeenStore(":memory:"), sink, IngestMetrics(), clock=clock)
    url = "https://example.in/live/maharashtra"
    first = "Maharashtra assembly election results 2024: The BJP is leading in 95 seats."
    second = "Update: the BJP is now leading in 110 seats in Maharashtra, trends show."
    v1 = ingestor.ingest(Submission(text=first, url=url, published="2024-11-23T09:30:00+05:30"))
    clock.now += timedelta(minutes=30)
    v2 = ingestor.ingest(Submission(text=f"{second}\n\n{first}", url=url))
    assert (v1.version, v2.version) == (1, 2)
    assert [f["restated"] for f in v2.facts] == [False, True]
    assert v2.published == 1
    newest = {e.payload.seats: e.event_time for e in sink.events}  # type: ignore[union-attr]
    assert newest[110] - newest[95] == timedelta(minutes=30)
    assert {e.contest.code for e in sink.events} == {"MH-assembly-2024"}


SNAPSHOTS = """\
election,snapshot_commit_time_ist,ac_no,ac_name_as_scraped,candidate,party,\
evm_votes,postal_votes,total_votes
DL_2025,2025-02-08 10:00:00 +0530,1,NORTH END (NCT of,A. SINGH,Bharatiya Janata Party,900,10,910
DL_2025,2025-02-08 10:00:00 +0530,1,NORTH END (NCT of,B. KUMAR,Aam Aadmi Party,800,5,805
DL_2025,2025-02-08 11:00:00 +0530,1,NORTH END (NCT of,A. SINGH,Bharatiya Janata Party,1900,10,1910
DL_2025,2025-02-08 11:00:00 +0530,1,NORTH END (NCT of,B. KUMAR,Aam Aadmi Party,2000,5,2005
DL_2025,2025-02-08 11:00:00 +0530,2,RIVERSIDE,C. DEVI,Indian National Congress,300,0,300
DL_2025,2025-02-08 11:00:00 +0530,2,RIVERSIDE,NOTA,None of the Above,400,0,400
"""


def test_a_snapshot_table_gives_each_seat_of_its_newest_snapshot() -> None:
    ((contest, as_of, seats),) = parse_table(SNAPSHOTS.encode())
    assert contest.code == "DL-assembly-2025"
    assert as_of == datetime(2025, 2, 8, 11, 0, tzinfo=IST)
    one, two = seats
    assert (one.constituency, one.party, one.margin, one.status) == (
        "North End",
        "AAP",
        95,
        "leading",
    )
    assert (one.runner_up_party, one.votes) == ("BJP", 2005)
    assert (two.party, two.margin) == ("INC", 300), "NOTA never leads"


def test_the_project_json_table_and_bad_tables() -> None:
    table = {
        "contest": "DL-assembly-2025",
        "as_of": "2025-02-08T12:00:00+05:30",
        "seats": [{"constituency": "North End", "ac_no": 1, "party": "BJP", "status": "won"}],
    }
    ((contest, _, seats),) = parse_table(msgspec.json.encode(table))
    assert (contest.code, seats[0].status) == ("DL-assembly-2025", "won")
    with pytest.raises(ResultsError, match="unknown contest"):
        parse_table(msgspec.json.encode({**table, "contest": "DL-assembly-2031"}))
    with pytest.raises(ResultsError, match="columns"):
        parse_table(b"election,ac_no\nDL_2025,1\n")
    with pytest.raises(ResultsError, match="timezone"):
        parse_table(msgspec.json.encode({**table, "as_of": "2025-02-08T12:00:00"}))


def test_the_rate_limiter_allows_a_burst_then_the_rate() -> None:
    limiter = RateLimiter(rate=2.0, burst=3.0)
    assert [limiter.allow("a", 0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", 0.0), "each client has its own bucket"
    assert limiter.allow("a", 0.5) and not limiter.allow("a", 0.5)


def test_a_failing_source_backs_off_up_to_a_cap() -> None:
    assert next_delay(30.0, 0) == 30.0
    assert next_delay(30.0, 1) == 60.0
    assert next_delay(30.0, 3) == 240.0
    assert next_delay(30.0, 9) == MAX_BACKOFF


def test_the_committed_openapi_document_is_current_and_answers_follow_it() -> None:
    committed = json.loads((ROOT / "docs" / "ingest-openapi.json").read_text(encoding="utf-8"))
    assert committed == document(), (
        "run: python -m producers.ingest.openapi > docs/ingest-openapi.json"
    )
    sink = ListSink()
    answer = Ingestor(SeenStore(":memory:"), sink, IngestMetrics()).ingest(
        Submission(text=HR, published=MORNING.isoformat())
    )
    schema = committed["paths"]["/api/articles"]["post"]["responses"]["202"]["content"]
    accepted = schema["application/json"]["schema"]
    registry = Registry().with_resource(
        "urn:ingest", Resource.from_contents(committed, DRAFT202012)
    )
    validator = Draft202012Validator({"$ref": "urn:ingest" + accepted["$ref"]}, registry=registry)
    validator.validate(answer.as_json())
    assert not validator.is_valid({**answer.as_json(), "version": "one"})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("INGEST_PORT", "eighty"),
        ("INGEST_PORT", "70000"),
        ("INGEST_MAX_BODY", "-1"),
        ("INGEST_RATE", "fast"),
        ("INGEST_BURST", "0"),
        ("TALLY_PARTITIONS", "-3"),
    ],
)
def test_a_bad_setting_stops_the_service_with_one_line_naming_it(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(name, value)
    assert ingest_main([]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: ") and name in line
