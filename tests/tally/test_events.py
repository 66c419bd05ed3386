"""The event envelope: round trips, deterministic ids, rejections that name the problem, and a
JSON Schema in docs/ that matches the code."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest

from tally.events import (
    AllianceTally,
    Contest,
    EventRejected,
    PartyTally,
    SeatResult,
    Source,
    decode_event,
    encode_event,
    json_schema,
    make_event,
)

ROOT = Path(__file__).resolve().parents[2]
IST = timezone(timedelta(hours=5, minutes=30))
GJ = Contest(house="assembly", state="GJ", year=2022)
SENTENCE = "गुजरात में बीजेपी 158 सीटों पर आगे चल रही है।"


def _event(seats: int = 158, ingest: datetime | None = None):  # type: ignore[no-untyped-def]
    return make_event(
        contest=GJ,
        payload=PartyTally(party="BJP", status="leading", seats=seats),
        source=Source(kind="article", lang="hi", sentence=SENTENCE, span=(17, 20)),
        event_time=datetime(2022, 12, 8, 11, 0, tzinfo=IST),
        ingest_time=ingest or datetime.now(UTC),
    )


def test_round_trip_keeps_every_field() -> None:
    event = _event()
    assert decode_event(encode_event(event)) == event


def test_event_id_ignores_ingest_time_but_not_the_fact() -> None:
    early = _event(ingest=datetime(2026, 1, 1, tzinfo=UTC))
    late = _event(ingest=datetime(2026, 6, 1, tzinfo=UTC))
    assert early.event_id == late.event_id
    assert _event(seats=157).event_id != early.event_id


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d.pop("event_id"), "missing required field `event_id`"),
        (lambda d: d["payload"].update(seats="many"), "at `$.payload.seats`"),
        (lambda d: d["payload"].update(seats=-1), "at `$.payload.seats`"),
        (lambda d: d["contest"].update(house="senate"), "at `$.contest.house`"),
        (lambda d: d.update(schema_version=99), "schema_version 99 is newer"),
        (lambda d: d["payload"].update(kind="poll_of_polls"), "`$.payload.kind`"),
        (lambda d: d.update(kind="seat_result"), "does not match payload kind"),
        (lambda d: d.update(event_time="2022-12-08T11:00:00"), "timezone"),
    ],
)
def test_rejections_name_what_is_wrong(mutate, reason: str) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(encode_event(_event()))
    mutate(body)
    with pytest.raises(EventRejected, match=None) as caught:
        decode_event(json.dumps(body).encode())
    assert reason in str(caught.value)


def test_non_json_and_oversize_input_are_rejected() -> None:
    with pytest.raises(EventRejected, match="not JSON"):
        decode_event(b"\xff\xfe{")
    with pytest.raises(EventRejected, match="limit"):
        decode_event(b"{" + b" " * (2 * 1024 * 1024) + b"}")


def test_schema_file_in_docs_is_current() -> None:
    on_disk = json.loads((ROOT / "docs" / "events.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "regenerate with: make schema"


def test_every_payload_kind_validates_against_the_json_schema() -> None:
    schema = json.loads((ROOT / "docs" / "events.schema.json").read_text(encoding="utf-8"))
    payloads = [
        PartyTally(party="INC", status="won", seats=22),
        AllianceTally(alliance=None, parties=["JKNC", "INC"], status="won", seats=49),
        SeatResult(constituency="Doda", party="AAP", status="won", margin=4538),
    ]
    for payload in payloads:
        event = make_event(
            contest=GJ,
            payload=payload,
            source=Source(kind="feed"),
            event_time=datetime(2022, 12, 8, 9, 0, tzinfo=IST),
            ingest_time=datetime.now(UTC),
        )
        jsonschema.validate(json.loads(encode_event(event)), schema)


def test_what_the_producers_emit_validates_against_the_json_schema() -> None:
    """Every event extracted from the seed articles, and the seat events of a bundled day."""
    from producers.articles import load_article
    from producers.days.events import seat_event
    from producers.days.format import SeatLine, read_day
    from producers.extraction import extract_events

    validator = jsonschema.Draft202012Validator(
        json.loads((ROOT / "docs" / "events.schema.json").read_text(encoding="utf-8"))
    )
    now = datetime.now(UTC)
    emitted = [
        event
        for path in sorted((ROOT / "data" / "articles").glob("*.json"))
        for event in extract_events(load_article(path), ingest_time=now)
    ]
    day = read_day(ROOT / "data" / "days" / "DL-2025.jsonl")
    seat_lines = [line for line in day.lines if isinstance(line, SeatLine)]
    emitted += [seat_event(day, line, ingest_time=now) for line in seat_lines[::25]]
    kinds = {event.kind for event in emitted}
    assert kinds == {"party_tally", "alliance_tally", "seat_result"}
    for event in emitted:
        errors = list(validator.iter_errors(json.loads(encode_event(event))))
        assert not errors, (event.event_id, errors[0].message)
