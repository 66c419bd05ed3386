"""A realistic mid-count Gujarat board for the dashboard, from the bundled counting day.

Reads data/days/GJ-HP-2022.jsonl (ECI figures, rounds reconstructed), keeps each seat's
newest line up to ``cutoff`` and writes boards, seats and feed entries in the Redis contract.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import redis.asyncio as aioredis

from tally import redis_keys as K
from tally.changes import AllianceRow, Board, PartyRow, SeatRow, encode
from tally.reference import alliances_for

DAY = Path(__file__).resolve().parents[2] / "data" / "days" / "GJ-HP-2022.jsonl"
CONTEST = "GJ-assembly-2022"

HINDI_SENTENCE = "गुजरात में बीजेपी 158 सीटों पर आगे चल रही है."
"""A real sentence from a live blog of 8 December 2022 (data/articles/001_57928f56173db05d.json)."""


def seats_at(cutoff: str, contest: str = CONTEST) -> dict[str, SeatRow]:
    latest: dict[int, dict] = {}
    with DAY.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("type") == "seat" and row["contest"] == contest and row["at"] <= cutoff:
                latest[row["ac_no"]] = row
    return {
        str(ac): SeatRow(
            key=str(ac),
            constituency=r["constituency"],
            ac_no=ac,
            leader=r["candidate"],
            party=r["party"],
            margin=r.get("margin"),
            votes=r.get("votes"),
            round=r.get("round"),
            total_rounds=r.get("total_rounds"),
            status="declared" if r["status"] == "won" else "counting",
            runner_up=r.get("runner_up"),
            runner_up_party=r.get("runner_up_party"),
            updated_at=f"2022-12-08T{r['at']}+05:30",
        )
        for ac, r in sorted(latest.items())
    }


def board_for(seats: dict[str, SeatRow], updated_at: str) -> Board:
    won: dict[str, int] = {}
    leading: dict[str, int] = {}
    for seat in seats.values():
        bucket = won if seat.status == "declared" else leading
        bucket[seat.party or "IND"] = bucket.get(seat.party or "IND", 0) + 1
    parties = [
        PartyRow(
            party=p,
            won=won.get(p, 0),
            leading=leading.get(p, 0),
            total=won.get(p, 0) + leading.get(p, 0),
        )
        for p in sorted(set(won) | set(leading))
    ]
    alliances = []
    for code, info in sorted(alliances_for("GJ", date(2022, 12, 8)).items()):
        members = [p for p in parties if p.party in info.parties]
        if members:
            alliances.append(
                AllianceRow(
                    alliance=code,
                    parties=[p.party for p in members],
                    won=sum(p.won for p in members),
                    leading=sum(p.leading for p in members),
                    total=sum(p.total for p in members),
                    majority=92,
                )
            )
    return Board(
        contest=CONTEST,
        state="GJ",
        house="assembly",
        year=2022,
        seats=182,
        majority=92,
        layer="counted",
        parties=parties,
        alliances=alliances,
        seats_counted=len(seats),
        seats_declared=sum(1 for s in seats.values() if s.status == "declared"),
        updated_at=updated_at,
    )


def hindi_event() -> dict:
    start = HINDI_SENTENCE.index("158")
    return {
        "event_id": "gj-bjp-158",
        "schema_version": 1,
        "kind": "party_tally",
        "contest": {"house": "assembly", "state": "GJ", "year": 2022},
        "event_time": "2022-12-08T11:05:00+05:30",
        "ingest_time": "2022-12-08T11:06:10+05:30",
        "payload": {"kind": "party_tally", "party": "BJP", "status": "leading", "seats": 158},
        "source": {
            "kind": "article",
            "lang": "hi",
            "sentence": HINDI_SENTENCE,
            "span": [start, start + 3],
            "published": "2022-12-08",
        },
    }


def seat_event(seat: SeatRow) -> dict:
    sentence = (
        f"{seat.constituency}: {seat.leader} ({seat.party}) ahead by {seat.margin} votes "
        f"after round {seat.round} of {seat.total_rounds}."
    )
    start = sentence.index(f"by {seat.margin}") + 3
    return {
        "event_id": f"gj-seat-{seat.key}",
        "schema_version": 1,
        "kind": "seat_result",
        "contest": {"house": "assembly", "state": "GJ", "year": 2022},
        "event_time": seat.updated_at,
        "ingest_time": seat.updated_at,
        "payload": {
            "kind": "seat_result",
            "constituency": seat.constituency,
            "ac_no": seat.ac_no,
            "candidate": seat.leader,
            "party": seat.party,
            "status": "leading",
            "margin": seat.margin,
            "round": seat.round,
            "total_rounds": seat.total_rounds,
        },
        "source": {
            "kind": "feed",
            "outlet": "ECI results feed (reconstructed)",
            "lang": "en",
            "sentence": sentence,
            "span": [start, start + len(str(seat.margin))],
        },
    }


async def seed_gujarat(redis: aioredis.Redis, cutoff: str = "10:30:00") -> Board:
    seats = seats_at(cutoff)
    board = board_for(seats, f"2022-12-08T{cutoff}+05:30")
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(K.epoch("GJ"), "gj-1")
        pipe.sadd(K.STATES, "GJ")
        pipe.sadd(K.contests("GJ"), CONTEST)
        pipe.set(K.board("GJ", CONTEST), encode(board))
        if seats:
            pipe.hset(K.seats("GJ", CONTEST), mapping={k: encode(s) for k, s in seats.items()})
        for seat in list(seats.values())[:6]:
            if seat.margin:
                pipe.xadd(K.FEED, {"e": json.dumps(seat_event(seat), ensure_ascii=False)})
        pipe.xadd(K.FEED, {"e": json.dumps(hindi_event(), ensure_ascii=False)})
        await pipe.execute()
    return board
