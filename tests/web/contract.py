"""Writes Redis exactly as tally/redis_keys.py and tally/changes.py lay it out.

The web layer only reads Redis; these helpers stand in for the worker's writes so the server
can be tested against a real Redis. Each write updates the board and appends its changes, then
the change stating the whole board, in one MULTI/EXEC, as the worker's script does.
"""

from __future__ import annotations

import json
from typing import Any

import redis.asyncio as aioredis

from streams.counting import board_change
from tally import redis_keys as K
from tally.changes import Board, Change, PartyRow, SeatRow, decode_board, encode


class ContractWriter:
    def __init__(
        self,
        redis: aioredis.Redis,
        state: str = "GJ",
        contest: str = "GJ-assembly-2022",
        *,
        seats: int = 182,
        majority: int = 92,
    ) -> None:
        self.redis = redis
        self.state = state
        self.contest = contest
        self.seats = seats
        self.majority = majority
        self.log: list[str] = []
        """Every change id written, in order."""

    async def start(self, parties: dict[str, tuple[int, int]], epoch: str = "e1") -> None:
        """A board with ``party -> (won, leading)`` and an empty change log under ``epoch``."""
        _, house, year = self.contest.split("-")
        board = Board(
            contest=self.contest,
            state=self.state,
            house=house,
            year=int(year),
            seats=self.seats,
            majority=self.majority,
            layer="counted",
            parties=[
                PartyRow(party=p, won=won, leading=lead, total=won + lead)
                for p, (won, lead) in parties.items()
            ],
        )
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(K.epoch(self.state), epoch)
            pipe.sadd(K.STATES, self.state)
            pipe.sadd(K.contests(self.state), self.contest)
            pipe.set(K.board(self.state, self.contest), encode(board))
            await pipe.execute()

    async def board(self) -> Board:
        return decode_board(await self.redis.get(K.board(self.state, self.contest)))

    async def party(self, party: str, field: str, new: int, *, note: str | None = None) -> str:
        """Move one counter and the party's total; returns the last change's stream id."""
        board = await self.board()
        rows = [r for r in board.parties if r.party == party]
        row = rows[0] if rows else PartyRow(party=party)
        if not rows:
            board.parties.append(row)
        old, old_total = getattr(row, field), row.total
        setattr(row, field, new)
        row.total = row.won + row.leading
        changes = [
            Change(
                contest=self.contest,
                scope="party",
                key=party,
                field=name,
                old=before,
                new=after,
                correction=name == "won" and after < before,
                note=note,
                event_time="2022-12-08T11:42:00+05:30",
            )
            for name, before, after in [(field, old, new), ("total", old_total, row.total)]
            if before != after
        ]
        return await self._write(board, *changes)

    async def seat(self, key: str, constituency: str, **fields: Any) -> str:
        board = await self.board()
        row = SeatRow(key=key, constituency=constituency, **fields)
        old = await self.redis.hget(K.seats(self.state, self.contest), key)
        change = Change(
            contest=self.contest,
            scope="seat",
            key=key,
            old=json.loads(old) if old else None,
            new=json.loads(encode(row)),
        )
        return await self._write(board, change, seat=(key, encode(row)))

    async def _write(
        self, board: Board, *changes: Change, seat: tuple[str, bytes] | None = None
    ) -> str:
        """Write the board, then its changes and the change stating the board whole."""
        changes = (*changes, board_change(board))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(K.board(self.state, self.contest), encode(board))
            if seat is not None:
                pipe.hset(K.seats(self.state, self.contest), seat[0], seat[1])
            for change in changes:
                pipe.xadd(K.changes(self.state), {"c": encode(change)}, maxlen=K.CHANGES_MAXLEN)
            result = await pipe.execute()
        ids = [r.decode() for r in result[-len(changes) :]]
        self.log.extend(ids)
        return ids[-1]

    async def recreate_log(self, epoch: str) -> None:
        """What a rebuild does: a new epoch and a new, empty change log."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(K.changes(self.state))
            pipe.set(K.epoch(self.state), epoch)
            await pipe.execute()


def tally_event(party: str, seats: int, sentence: str, *, state: str = "GJ") -> dict[str, Any]:
    """A feed entry: an accepted event with its provenance, as tally/events.py encodes it."""
    return {
        "event_id": f"{party}-{seats}",
        "schema_version": 1,
        "kind": "party_tally",
        "contest": {"house": "assembly", "state": state, "year": 2022},
        "event_time": "2022-12-08T11:42:00+05:30",
        "ingest_time": "2022-12-08T11:43:00+05:30",
        "payload": {"kind": "party_tally", "party": party, "status": "leading", "seats": seats},
        "source": {
            "kind": "article",
            "outlet": "The Hindu",
            "url": "https://example.org/live",
            "lang": "en",
            "sentence": sentence,
            "span": [sentence.index(str(seats)), sentence.index(str(seats)) + len(str(seats))],
            "published": "2022-12-08T11:42:00+05:30",
        },
    }


async def add_feed_event(redis: aioredis.Redis, event: dict[str, Any]) -> str:
    entry_id = await redis.xadd(
        K.FEED, {"e": json.dumps(event, ensure_ascii=False)}, maxlen=K.FEED_MAXLEN
    )
    return entry_id.decode()
