"""upsert.lua on real Redis agrees with the pure rules of streams/counting.py.

The Python reference (streams/state_log.py, built from counting.py's rules) and the script
itself get the same batches; their registers, change logs, derived fields and boards must be equal.
"""

from __future__ import annotations

import asyncio
import random

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.counting import (
    ContestModel,
    Update,
    build_board,
    update_for,
)
from streams.redis_store import RedisStore
from streams.state_log import StateLog
from streams.writes import apply_write, rebuild_write, zero_write
from tally import redis_keys
from tally.changes import Change, decode_change, encode
from tests.support.sample_events import party_tally, seat_result

pytestmark = pytest.mark.servers

THRESHOLD = 2
DL = "DL-assembly-2025"


def redis_view(
    client: redis.Redis,
) -> tuple[dict[str, tuple[str, str]], dict[str, str], list[Change], str | None]:
    versions = client.hgetall(redis_keys.versions("DL", DL))
    values = {
        **{f"seat/{k.decode()}": v for k, v in client.hgetall(redis_keys.seats("DL", DL)).items()},
        **{
            f"reported/{k.decode()}": v
            for k, v in client.hgetall(redis_keys.reported("DL", DL)).items()
        },
    }
    registers = {k.decode(): (v.decode(), values[k.decode()].decode()) for k, v in versions.items()}
    derived = {
        k.decode(): v.decode() for k, v in client.hgetall(redis_keys.derived("DL", DL)).items()
    }
    changes = [decode_change(f[b"c"]) for _, f in client.xrange(redis_keys.changes("DL"))]
    board = client.get(redis_keys.board("DL", DL))
    return registers, derived, changes, board.decode() if board is not None else None


parties = st.sampled_from(["BJP", "AAP", "INC"])
minutes = st.integers(0, 30)
claims = st.one_of(
    st.builds(
        party_tally,
        parties,
        st.sampled_from(["won", "leading", "total"]),
        st.integers(0, 9),
        minutes,
    ),
    st.builds(
        seat_result,
        st.integers(1, 5),
        parties,
        st.sampled_from(["leading", "won"]),
        st.one_of(st.none(), st.integers(0, 3)),
        minutes,
        margin=st.integers(1, 3),
    ),
)


async def run_batches(redis_url: str, batches: list[list[Update]]) -> None:
    store = RedisStore(redis_url)
    model = ContestModel(DL)
    offset = -1
    try:
        for batch in batches:
            for update in batch:
                model.offer(update)
            prev, offset = offset, offset + len(batch)
            write = apply_write(
                state="DL",
                partition=0,
                offset=offset,
                prev=prev,
                epoch="e1",
                updates=batch,
                feed=[b"{}"] * len(batch),
                models={DL: model},
                threshold=THRESHOLD,
            )
            await store.run([write])
    finally:
        await store.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(claims, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_the_script_and_the_rules_leave_the_same_redis(
    redis_url: str, events, rng: random.Random
) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    replayed = events + [rng.choice(events) for _ in range(len(events) // 3)]
    rng.shuffle(replayed)
    updates = [u for u in map(update_for, replayed) if u is not None]
    cuts = sorted(rng.sample(range(len(updates) + 1), k=min(3, len(updates) + 1)))
    batches = [
        updates[a:b] for a, b in zip([0, *cuts], [*cuts, len(updates)], strict=True) if b > a
    ]

    mirror, offset = StateLog(THRESHOLD), -1
    for batch in batches:
        offset += len(batch)
        mirror.apply(batch, offset)
    asyncio.run(run_batches(redis_url, batches))

    registers, derived, changes, board = redis_view(client)
    client.close()
    assert registers == mirror.registers.get(DL, {})
    assert derived == mirror.derived.get(DL, {})
    assert changes == mirror.changes
    assert board == mirror.boards.get(DL)


def test_a_replayed_batch_changes_nothing(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    updates = [
        update_for(seat_result(1, "BJP", "leading", 1, 10)),
        update_for(party_tally("BJP", "won", 3, 12)),
    ]
    batch = [u for u in updates if u is not None]
    asyncio.run(run_batches(redis_url, [batch]))
    before = redis_view(client)
    asyncio.run(run_batches(redis_url, [batch]))
    assert redis_view(client) == before
    client.close()


async def _lost_then_rebuilt(
    redis_url: str, updates: list[Update]
) -> tuple[list[object], list[object]]:
    store = RedisStore(redis_url)
    model = ContestModel(DL)
    for update in updates:
        model.offer(update)
    args = dict(state="DL", partition=0, models={DL: model}, threshold=THRESHOLD)
    try:
        await store.run(
            [
                apply_write(
                    **args,
                    offset=5,
                    prev=-1,
                    epoch="e1",
                    updates=updates,
                    feed=[b"{}"] * len(updates),
                )
            ]
        )
        await store.redis.flushall()
        again = await store.run(
            [apply_write(**args, offset=6, prev=5, epoch="e2", updates=updates[:1], feed=[b"{}"])]
        )
        rebuilt = await store.run([rebuild_write(**args, offset=6, epoch="e3")])
        return again[0], rebuilt[0]
    finally:
        await store.close()


def test_a_lost_state_asks_for_a_rebuild_and_the_rebuild_restores_it(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    events = [
        seat_result(1, "BJP", "leading", 1, 10),
        seat_result(2, "AAP", "won", 5, 20),
        party_tally("BJP", "won", 3, 12),
    ]
    updates = [u for u in map(update_for, events) if u is not None]
    asyncio.run(run_batches(redis_url, [updates]))
    registers, derived, _, board = redis_view(client)

    again, rebuilt = asyncio.run(_lost_then_rebuilt(redis_url, updates))
    assert again == [b"rebuild"]
    assert rebuilt == [b"rebuilt"]
    after = redis_view(client)
    assert (after[0], after[1], after[3]) == (registers, derived, board)
    assert client.get(redis_keys.epoch("DL")) == b"e3"
    (marker,) = after[2]
    assert (marker.scope, marker.note, marker.key) == ("board", "rebuilt", DL)
    client.close()


async def _zero(redis_url: str) -> list[object]:
    store = RedisStore(redis_url)
    try:
        write = zero_write(code=DL, epoch="z1", threshold=THRESHOLD)
        return [(await store.run([write]))[0], (await store.run([write]))[0]]
    finally:
        await store.close()


def test_a_zero_board_is_written_once_and_only_where_no_board_exists(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    assert asyncio.run(_zero(redis_url)) == [[b"zero", 1], [b"zero", 0]]
    assert client.get(redis_keys.board("DL", DL)) == encode(
        build_board(ContestModel(DL), THRESHOLD)
    )
    assert client.get(redis_keys.epoch("DL")) == b"z1"
    client.close()
