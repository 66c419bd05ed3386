"""Deterministic tally events for tests: single claims, and a small synthetic counting day."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from streams.counting import IST
from tally.events import (
    AllianceTally,
    Contest,
    PartyTally,
    SeatResult,
    Source,
    TallyEvent,
    make_event,
)

__all__ = ["alliance_tally", "counting_day", "party_tally", "seat_result"]

DAY = datetime(2025, 2, 8, 8, 0, tzinfo=IST)
INGEST = datetime(2025, 2, 8, 8, 0, tzinfo=IST)


def _contest(state: str) -> Contest:
    return Contest(house="assembly", state=state, year=2025)


def party_tally(
    party: str,
    status: str,
    seats: int,
    minute: int,
    state: str = "DL",
    outlet: str = "PTI",
    date_only: bool = False,
) -> TallyEvent:
    """A reported number, ``minute`` minutes after 08:00 IST; with ``date_only``, from a
    source that gave the day alone (its time is then the day's midnight)."""
    return make_event(
        contest=_contest(state),
        payload=PartyTally(party=party, status=status, seats=seats),  # type: ignore[arg-type]
        source=Source(kind="article", outlet=outlet, sentence=f"{party} {status} {seats}"),
        event_time=DAY.replace(hour=0) if date_only else DAY + timedelta(minutes=minute),
        ingest_time=INGEST,
        date_only=date_only,
    )


def alliance_tally(
    alliance: str | None,
    status: str,
    seats: int,
    minute: int,
    state: str = "DL",
    parties: list[str] | None = None,
) -> TallyEvent:
    """An alliance figure; an unnamed bloc (``alliance=None``) is named by its ``parties``."""
    return make_event(
        contest=_contest(state),
        payload=AllianceTally(
            alliance=alliance,
            parties=parties or [],
            status=status,  # type: ignore[arg-type]
            seats=seats,
        ),
        source=Source(kind="article", outlet="PTI", sentence=f"{alliance} {status} {seats}"),
        event_time=DAY + timedelta(minutes=minute),
        ingest_time=INGEST,
    )


def seat_result(
    ac_no: int,
    party: str,
    status: str,
    round_: int | None,
    minute: int,
    state: str = "DL",
    margin: int = 100,
    total_rounds: int = 10,
) -> TallyEvent:
    """A feed record for one constituency."""
    return make_event(
        contest=_contest(state),
        payload=SeatResult(
            constituency=f"AC {ac_no}",
            ac_no=ac_no,
            candidate=f"Candidate {party} {ac_no}",
            party=party,  # type: ignore[arg-type]
            status=status,  # type: ignore[arg-type]
            margin=margin,
            round=round_,
            total_rounds=total_rounds,
        ),
        source=Source(kind="feed", outlet="ECI"),
        event_time=DAY + timedelta(minutes=minute),
        ingest_time=INGEST,
    )


def counting_day(
    seats: int = 70, rounds: int = 6, seed: int = 7, states: tuple[str, ...] = ("DL",)
) -> list[TallyEvent]:
    """A counting day in time order: every seat round by round, leads that change hands, and
    articles reporting party numbers (some of them later corrected)."""
    rng = random.Random(seed)
    events: list[tuple[datetime, int, TallyEvent]] = []
    parties = ["BJP", "AAP", "INC"]
    for state in states:
        for ac in range(1, seats + 1):
            for rnd in range(1, rounds + 1):
                minute = rnd * 20 + rng.randrange(15)
                leader = rng.choice(parties[:2] if rnd < rounds else parties)
                status = "won" if rnd == rounds else "leading"
                event = seat_result(
                    ac,
                    leader,
                    status,
                    rnd,
                    minute,
                    state=state,
                    margin=rng.randrange(10, 5000),
                    total_rounds=rounds,
                )
                events.append((event.event_time, len(events), event))
        for minute in range(25, rounds * 20 + 20, 15):
            for party in parties[:2]:
                seats_now = rng.randrange(0, seats // 2)
                event = party_tally(party, "leading", seats_now, minute, state=state)
                events.append((event.event_time, len(events), event))
    events.sort(key=lambda item: (item[0], item[1]))
    return [event for _, _, event in events]
