"""Read what a channel holds right now from Redis: snapshots and resume replays.

Each read happens inside one MULTI/EXEC so a snapshot's data, epoch and offset belong to the
same instant; the web layer only reads the keys declared in tally/redis_keys.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import msgspec
import redis.asyncio as aioredis

from tally import redis_keys
from tally.changes import decode_board, decode_seat
from web.channels import FEED, FEED_EPOCH, NO_EPOCH, ChannelName, route_stream, state_channel
from web.coalesce import Entry, decode_entries
from web.national import StateSummary, national_data, national_epoch, state_summary
from web.resume import ZERO, LogInfo, StreamId

__all__ = [
    "NationalSnapshot",
    "Replay",
    "Snapshot",
    "read_feed",
    "read_log",
    "read_national",
    "read_state",
]

log = logging.getLogger(__name__)

_ATTEMPTS = 5
"""Re-reads when a state's contest set changed between planning a read and running it."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    channel: ChannelName
    epoch: str
    offset: StreamId
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NationalSnapshot:
    epoch: str
    cursor: dict[str, StreamId]
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Replay:
    info: LogInfo
    entries: list[Entry]
    end: StreamId
    """The last id read (valid or not): where the client's position is after the replay."""


def _text(value: bytes | str | None, default: str) -> str:
    if value is None:
        return default
    return value.decode() if isinstance(value, bytes) else value


def _last_id(xrevrange_result: list[Any]) -> StreamId:
    if not xrevrange_result:
        return ZERO
    return StreamId.parse(_text(xrevrange_result[0][0], "0-0"))


def _seat_order(key: str) -> tuple[int, int, str]:
    """Constituencies by AC number when the key is one, then by name."""
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def _valid_board(state: str, contest: str, raw: bytes | None) -> msgspec.Raw | None:
    if raw is None:
        return None
    try:
        decode_board(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        log.error("state=%s contest=%s: board breaks the contract: %s", state, contest, exc)
        return None
    return msgspec.Raw(raw)


def _valid_seats(state: str, contest: str, raw: dict[bytes, bytes]) -> dict[str, msgspec.Raw]:
    seats: dict[str, msgspec.Raw] = {}
    for key in sorted((k.decode() for k in raw), key=_seat_order):
        body = raw[key.encode()]
        try:
            decode_seat(body)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            log.error(
                "state=%s contest=%s seat=%s: breaks the contract: %s", state, contest, key, exc
            )
            continue
        seats[key] = msgspec.Raw(body)
    return seats


async def read_state(redis: aioredis.Redis, state: str) -> Snapshot:
    """A state's boards and seats with the epoch and log offset they correspond to."""
    contests_key = redis_keys.contests(state)
    contests = {c.decode() for c in await redis.smembers(contests_key)}
    for _ in range(_ATTEMPTS):
        ordered = sorted(contests)
        async with redis.pipeline(transaction=True) as pipe:
            pipe.smembers(contests_key)
            pipe.get(redis_keys.epoch(state))
            pipe.xrevrange(redis_keys.changes(state), count=1)
            for contest in ordered:
                pipe.get(redis_keys.board(state, contest))
                pipe.hgetall(redis_keys.seats(state, contest))
            result = await pipe.execute()
        seen = {c.decode() for c in result[0]}
        if seen == contests:
            break
        contests = seen  # the worker added a contest meanwhile: read again with it
    data: dict[str, Any] = {}
    for i, contest in enumerate(ordered):
        board = _valid_board(state, contest, result[3 + 2 * i])
        if board is not None:
            data[contest] = {
                "board": board,
                "seats": _valid_seats(state, contest, result[4 + 2 * i]),
            }
    return Snapshot(
        channel=state_channel(state),
        epoch=_text(result[1], NO_EPOCH),
        offset=_last_id(result[2]),
        data={"state": state, "contests": data},
    )


async def read_feed(redis: aioredis.Redis, limit: int) -> Snapshot:
    """The newest ``limit`` feed events, oldest first."""
    raw = await redis.xrevrange(redis_keys.FEED, count=limit) if limit > 0 else []
    if limit <= 0:
        raw_last = await redis.xrevrange(redis_keys.FEED, count=1)
        offset = _last_id(raw_last)
    else:
        offset = _last_id(raw)
    entries, rejected = decode_entries(FEED, reversed(raw))
    for reject in rejected:
        log.error("feed entry %s breaks the contract: %s", reject.id, reject.reason)
    events = [{"id": str(e.id), "event": e.body} for e in entries]
    return Snapshot(channel=FEED, epoch=FEED_EPOCH, offset=offset, data={"events": events})


async def read_national(redis: aioredis.Redis) -> NationalSnapshot:
    """Every state's summary, the per-state cursor and the combined epoch, read atomically."""
    states = sorted(s.decode() for s in await redis.smembers(redis_keys.STATES))
    plan = await _contest_sets(redis, states)
    for _ in range(_ATTEMPTS):
        async with redis.pipeline(transaction=True) as pipe:
            pipe.smembers(redis_keys.STATES)
            for state in states:
                pipe.smembers(redis_keys.contests(state))
                pipe.get(redis_keys.epoch(state))
                pipe.xrevrange(redis_keys.changes(state), count=1)
                for contest in plan[state]:
                    pipe.get(redis_keys.board(state, contest))
            result = await pipe.execute()
        now_states = sorted(s.decode() for s in result[0])
        pos, consistent = 1, now_states == states
        epochs: dict[str, str] = {}
        cursor: dict[str, StreamId] = {}
        summaries: dict[str, StateSummary] = {}
        for state in states:
            seen = sorted(c.decode() for c in result[pos])
            consistent = consistent and seen == plan[state]
            epochs[state] = _text(result[pos + 1], NO_EPOCH)
            cursor[state] = _last_id(result[pos + 2])
            boards = {
                c: raw
                for c, raw in zip(
                    plan[state], result[pos + 3 : pos + 3 + len(plan[state])], strict=True
                )
                if raw is not None
            }
            pos += 3 + len(plan[state])
            summaries[state] = _summary(state, boards)
        if consistent:
            break
        states = now_states
        plan = await _contest_sets(redis, states)
    return NationalSnapshot(
        epoch=national_epoch(epochs), cursor=cursor, data=national_data(summaries)
    )


def _summary(state: str, boards: dict[str, bytes]) -> StateSummary:
    good: dict[str, bytes] = {}
    for contest, raw in boards.items():
        if _valid_board(state, contest, raw) is not None:
            good[contest] = raw
    return state_summary(good)


async def _contest_sets(redis: aioredis.Redis, states: list[str]) -> dict[str, list[str]]:
    async with redis.pipeline(transaction=False) as pipe:
        for state in states:
            pipe.smembers(redis_keys.contests(state))
        sets = await pipe.execute()
    return {
        state: sorted(c.decode() for c in members)
        for state, members in zip(states, sets, strict=True)
    }


async def read_state_summaries(
    redis: aioredis.Redis, states: list[str]
) -> dict[str, tuple[str, StateSummary]]:
    """Fresh summaries (and epochs) of the states that just moved, for a national update."""
    plan = await _contest_sets(redis, states)
    async with redis.pipeline(transaction=True) as pipe:
        for state in states:
            pipe.get(redis_keys.epoch(state))
            for contest in plan[state]:
                pipe.get(redis_keys.board(state, contest))
        result = await pipe.execute()
    out: dict[str, tuple[str, StateSummary]] = {}
    pos = 0
    for state in states:
        epoch = _text(result[pos], NO_EPOCH)
        raws = result[pos + 1 : pos + 1 + len(plan[state])]
        pos += 1 + len(plan[state])
        out[state] = (
            epoch,
            _summary(state, {c: r for c, r in zip(plan[state], raws, strict=True) if r}),
        )
    return out


async def read_log(
    redis: aioredis.Redis, key: str, epoch_key: str | None, since: StreamId, limit: int
) -> Replay:
    """The log's state and the entries after ``since`` (at most ``limit + 1``), atomically."""
    async with redis.pipeline(transaction=True) as pipe:
        if epoch_key is not None:
            pipe.get(epoch_key)
        pipe.xinfo_stream(key)
        pipe.xrange(key, min=f"({since}", max="+", count=limit + 1)
        result = await pipe.execute(raise_on_error=False)
    epoch = _text(result[0], NO_EPOCH) if epoch_key is not None else FEED_EPOCH
    info_raw, raw_entries = result[-2], result[-1]
    if isinstance(info_raw, Exception):  # no such key: an empty log
        last, first, removed = ZERO, None, 0
    else:
        last = StreamId.parse(_text(info_raw["last-generated-id"], "0-0"))
        first_entry = info_raw.get("first-entry")
        first = StreamId.parse(_text(first_entry[0], "0-0")) if first_entry else None
        removed = int(info_raw.get("entries-added", 0)) - int(info_raw["length"])
    if isinstance(raw_entries, Exception):
        raise raw_entries
    channel = FEED if epoch_key is None else _channel_of(key)
    entries, rejected = decode_entries(channel, raw_entries)
    for reject in rejected:
        log.error("%s entry %s breaks the contract: %s", channel, reject.id, reject.reason)
    info = LogInfo(
        epoch=epoch, last_id=last, first_id=first, removed=removed, missed=len(raw_entries)
    )
    end = StreamId.parse(_text(raw_entries[-1][0], "0-0")) if raw_entries else since
    return Replay(info=info, entries=entries, end=end)


def _channel_of(changes_key: str) -> ChannelName:
    channel = route_stream(changes_key)
    if channel is None:
        raise ValueError(f"{changes_key!r} is not a change log key")
    return channel
