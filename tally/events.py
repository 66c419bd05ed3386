"""The tally event: the one Kafka contract between producers/ and streams/.

An *event* is a claim ("BJP leads in 158 seats, says this sentence"), never a counter.
Events travel as UTF-8 JSON on ``tally.events``. Decoding validates, and a rejection names
the JSON path, which becomes the dead-letter reason.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Literal, NewType

import msgspec

__all__ = [
    "SCHEMA_VERSION",
    "AllianceTally",
    "Check",
    "Contest",
    "EventRejected",
    "House",
    "PartyTally",
    "Payload",
    "SeatResult",
    "Source",
    "TallyEvent",
    "decode_event",
    "encode_event",
    "event_id_for",
    "make_event",
]

SCHEMA_VERSION = 1
"""Bumped on any incompatible change; consumers reject versions above the one they know."""

StateCode = NewType("StateCode", str)
"""ISO 3166-2:IN suffix, e.g. ``"MH"``; ``"IN"`` for a national Lok Sabha tally."""

PartyCode = NewType("PartyCode", str)
"""ECI abbreviation, e.g. ``"BJP"``; ``"OTH"`` for "others", ``"IND"`` for independents."""

House = Literal["assembly", "lok_sabha", "rajya_sabha"]
TallyStatus = Literal["won", "leading", "total"]
SeatStatus = Literal["won", "lost", "leading", "trailing"]
SourceKind = Literal["article", "feed", "simulation"]
EventKind = Literal["party_tally", "alliance_tally", "seat_result"]

SeatCount = Annotated[int, msgspec.Meta(ge=0, le=600)]
VoteCount = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]
Year = Annotated[int, msgspec.Meta(ge=1951, le=2100)]


class Contest(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One election: a house of one state in one year."""

    house: House
    state: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    year: Year
    bypoll: bool = False
    """A by-election: a contest of its own that never moves the general election's board."""

    @property
    def code(self) -> str:
        """Stable contest id, e.g. ``"MH-assembly-2024"``; used in keys and on the CLI."""
        base = f"{self.state}-{self.house}-{self.year}"
        return f"{base}-bypoll" if self.bypoll else base


class Source(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Where a number came from: enough to show a reader the sentence behind it."""

    kind: SourceKind
    outlet: str | None = None
    url: str | None = None
    lang: Literal["hi", "en"] | None = None
    sentence: str | None = None
    span: tuple[int, int] | None = None
    """Character offsets ``[start, end)`` of the number's evidence within ``sentence``."""
    published: str | None = None
    """Publication date or datetime of the article, ISO 8601."""


class PartyTally(msgspec.Struct, frozen=True, kw_only=True, tag_field="kind", tag="party_tally"):
    """A party's won, leading or total (won + leading) seats in one contest."""

    party: PartyCode
    status: TallyStatus
    seats: SeatCount


class AllianceTally(
    msgspec.Struct, frozen=True, kw_only=True, tag_field="kind", tag="alliance_tally"
):
    """An alliance's seats; ``alliance`` is a known bloc (NDA, INDIA, ...) or None."""

    alliance: str | None = None
    parties: list[str] = []
    status: TallyStatus
    seats: SeatCount


class SeatResult(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    tag_field="kind",
    tag="seat_result",
    omit_defaults=True,
):
    """One constituency's state of play for one candidate, from an article or a feed."""

    constituency: str
    ac_no: Annotated[int, msgspec.Meta(ge=1, le=600)] | None = None
    candidate: str | None = None
    party: PartyCode
    status: SeatStatus
    margin: VoteCount | None = None
    votes: VoteCount | None = None
    round: Annotated[int, msgspec.Meta(ge=0, le=200)] | None = None
    total_rounds: Annotated[int, msgspec.Meta(ge=1, le=200)] | None = None
    runner_up: str | None = None
    runner_up_party: PartyCode | None = None


Payload = PartyTally | AllianceTally | SeatResult


class Check(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One test the extractor put a fact to; ``says`` explains a failure."""

    name: str
    passed: bool
    says: str | None = None


class TallyEvent(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The versioned envelope every tally fact travels in."""

    event_id: str
    schema_version: int
    kind: EventKind
    contest: Contest
    event_time: datetime
    """When the source says the fact held (timezone-aware)."""
    ingest_time: datetime
    """When the producer emitted it; never used to order facts."""
    payload: Payload
    source: Source
    as_of: str | None = None
    """Clock time the text states ("as of 10.45 am" gives ``"10:45"``), when it states one."""
    date_only: bool | None = None
    """True when the source gave a day and no clock time: ``event_time`` is that day's
    midnight IST, which orders events but is shown to readers as the date alone."""
    confidence: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)] | None = None
    """How sure the extractor is that the fact is right; absent for feeds and simulations."""
    checks: list[Check] | None = None
    """The checks the extractor ran, passed or failed; absent for feeds and simulations."""
    review: bool | None = None
    """True: held for an editor, below the publication threshold, never counted by the
    worker. Every extracted fact says true or false; feeds and simulations leave it out."""

    def __post_init__(self) -> None:
        if self.schema_version > SCHEMA_VERSION:
            raise ValueError(f"schema_version {self.schema_version} is newer than {SCHEMA_VERSION}")
        if self.payload.__struct_config__.tag != self.kind:
            raise ValueError(f"kind {self.kind!r} does not match payload kind")
        if self.event_time.tzinfo is None:
            raise ValueError("event_time must carry a timezone offset")


class EventRejected(ValueError):
    """Raised by :func:`decode_event`; the message is the dead-letter reason."""


_decoder = msgspec.json.Decoder(TallyEvent)
_encoder = msgspec.json.Encoder()
_MAX_EVENT_BYTES = 64 * 1024


def decode_event(raw: bytes) -> TallyEvent:
    """Decode and validate one event; raise :class:`EventRejected` naming what is wrong."""
    if len(raw) > _MAX_EVENT_BYTES:
        raise EventRejected(f"event is {len(raw)} bytes; the limit is {_MAX_EVENT_BYTES}")
    try:
        return _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise EventRejected(f"invalid event: {exc}") from None
    except msgspec.DecodeError as exc:
        raise EventRejected(f"not JSON: {exc}") from None


def encode_event(event: TallyEvent) -> bytes:
    """UTF-8 JSON bytes, as sent on the wire."""
    return _encoder.encode(event)


def event_id_for(
    contest: Contest, payload: Payload, source: Source, event_time: datetime, as_of: str | None
) -> str:
    """A deterministic id: the same fact from the same place always gets the same id.

    Hashes everything except ``ingest_time``, so a replay re-sends the same ids and the
    consumer's idempotence makes re-running harmless.
    """
    body = _encoder.encode([contest, payload, source, event_time.isoformat(), as_of])
    return hashlib.sha256(body).hexdigest()[:24]


def make_event(
    *,
    contest: Contest,
    payload: Payload,
    source: Source,
    event_time: datetime,
    ingest_time: datetime,
    as_of: str | None = None,
    confidence: float | None = None,
    checks: list[Check] | None = None,
    review: bool | None = None,
    date_only: bool | None = None,
) -> TallyEvent:
    """Build a valid event with its deterministic id."""
    return TallyEvent(
        event_id=event_id_for(contest, payload, source, event_time, as_of),
        schema_version=SCHEMA_VERSION,
        kind=payload.__struct_config__.tag,  # type: ignore[arg-type]
        contest=contest,
        event_time=event_time,
        ingest_time=ingest_time,
        payload=payload,
        source=source,
        as_of=as_of,
        date_only=date_only or None,
        confidence=confidence,
        checks=checks,
        review=review,
    )


def json_schema() -> dict[str, object]:
    """The JSON Schema of the envelope, written to ``docs/events.schema.json``."""
    return msgspec.json.schema(TallyEvent)
