"""The shared board fixtures hold for the reference rules and for upsert.lua on real Redis."""

from __future__ import annotations

import asyncio

import msgspec
import pytest
import redis

from streams.counting import ContestModel, update_for
from streams.redis_store import RedisStore
from streams.writes import apply_write
from tally import redis_keys
from tally.changes import decode_board, decode_change, decode_seat
from tests.support.board_fixtures import Fixture, load_fixtures, reference_output

FIXTURES = load_fixtures()


def test_there_is_a_fixture_for_each_rule() -> None:
    assert {f.name for f in FIXTURES} >= {
        "reported_headline",
        "count_takes_over",
        "corrections",
        "disorder_and_duplicates",
        "disagreement",
        "alliance_figures",
    }


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_the_reference_rules_give_each_fixture(fixture: Fixture) -> None:
    got = reference_output(fixture.state, fixture.threshold, fixture.batches)
    assert got == fixture.expected


async def _run_script(redis_url: str, fixture: Fixture) -> None:
    store = RedisStore(redis_url)
    models: dict[str, ContestModel] = {}
    prev = -1
    try:
        for offset, events in fixture.batches:
            updates = [u for u in map(update_for, events) if u is not None]
            for update in updates:
                models.setdefault(update.contest, ContestModel(update.contest)).offer(update)
            write = apply_write(
                state=fixture.state,
                partition=0,
                offset=offset,
                prev=prev,
                epoch="e1",
                updates=updates,
                feed=[b"{}"] * len(updates),
                models=models,
                threshold=fixture.threshold,
            )
            await store.run([write])
            prev = max(prev, offset)
    finally:
        await store.close()


@pytest.mark.servers
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_upsert_lua_gives_each_fixture(redis_url: str, fixture: Fixture) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    asyncio.run(_run_script(redis_url, fixture))
    state = fixture.state
    changes = [
        msgspec.to_builtins(decode_change(f[b"c"]))
        for _, f in client.xrange(redis_keys.changes(state))
    ]
    contests = {}
    for code in sorted(c.decode() for c in client.smembers(redis_keys.contests(state))):
        seats = client.hgetall(redis_keys.seats(state, code))
        contests[code] = {
            "board": msgspec.to_builtins(decode_board(client.get(redis_keys.board(state, code)))),
            "seats": {
                k.decode(): msgspec.to_builtins(decode_seat(v)) for k, v in sorted(seats.items())
            },
        }
    client.close()
    assert changes == fixture.expected["changes"]
    assert contests == fixture.expected["contests"]
