"""Arbitrary frames never crash the server nor disturb another client (Hypothesis)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
import redis as sync_redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tally import redis_keys as K
from tally.changes import Board, Change, encode
from web.server import App, running
from web.settings import Settings

pytestmark = pytest.mark.servers

MAX_FRAME = 4096


class ServerThread:
    """The real server on its own event loop, so sync Hypothesis tests can drive it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ready = threading.Event()
        self.stop: asyncio.Event | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.app: App | None = None
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop = asyncio.Event()
        async with running(self.settings) as app:
            self.app = app
            self.ready.set()
            await self.stop.wait()

    def __enter__(self) -> ServerThread:
        self.thread.start()
        assert self.ready.wait(30)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.loop is not None and self.stop is not None
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(30)


@pytest.fixture(scope="module")
def fuzz_server(redis_url: str) -> Iterator[tuple[ServerThread, sync_redis.Redis]]:
    client = sync_redis.Redis.from_url(redis_url)
    client.flushall()
    board = Board(
        contest="GJ-assembly-2022",
        state="GJ",
        house="assembly",
        year=2022,
        seats=182,
        majority=92,
        layer="counted",
    )
    client.set(K.epoch("GJ"), "e1")
    client.sadd(K.STATES, "GJ")
    client.sadd(K.contests("GJ"), "GJ-assembly-2022")
    client.set(K.board("GJ", "GJ-assembly-2022"), encode(board))
    settings = replace(
        Settings(),
        redis_url=redis_url,
        port=0,
        block_ms=100,
        max_frame_bytes=MAX_FRAME,
        ops_per_second=10_000,
        ops_burst=10_000,
    )
    with ServerThread(settings) as server:
        yield server, client
    client.close()


def json_values(max_leaves: int = 30) -> st.SearchStrategy[object]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(10**40), max_value=10**40)
        | st.floats(allow_nan=False)
        | st.text(max_size=30)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def op_like() -> st.SearchStrategy[str]:
    channel = st.sampled_from(
        ["feed", "national", "state:GJ", "state:ZZ", "", "x" * 300]
    ) | st.text(max_size=20)
    since = st.fixed_dictionaries({"epoch": st.text(max_size=10), "offset": st.text(max_size=25)})
    op = st.fixed_dictionaries(
        {
            "op": st.sampled_from(["subscribe", "unsubscribe", "ping", "pong", ""]),
            "channel": channel | json_values(5),
        },
        optional={"since": since | json_values(5)},
    )
    return op.map(json.dumps)


frames = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    op_like(),
    json_values().map(json.dumps),
    st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(1, 3000).map(lambda depth: '{"a":' * depth + "1" + "}" * depth),
    st.integers(1, 4000).map(lambda digits: '{"op":"ping","n":' + "9" * digits + "}"),
    st.integers(MAX_FRAME - 10, MAX_FRAME * 3).map(lambda size: "x" * size),
)


def next_reply(ws: ClientConnection) -> dict:
    return json.loads(ws.recv(timeout=20))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(frames, min_size=1, max_size=5))
def test_arbitrary_frames_never_crash_the_server_nor_reach_other_clients(fuzz_server, batch):
    server, redis = fuzz_server
    url = f"ws://127.0.0.1:{server.app.port}/ws"
    with connect(url) as observer, connect(url, max_size=None) as fuzzer:
        observer.send(json.dumps({"op": "subscribe", "channel": "state:GJ"}))
        assert next_reply(observer)["type"] == "snapshot"
        closed_with = None
        for frame in batch:
            try:
                fuzzer.send(frame)
            except ConnectionClosed as exc:
                closed_with = exc.rcvd.code if exc.rcvd else None
                break
        if closed_with is None:
            try:
                fuzzer.send(json.dumps({"op": "ping"}))
                while (reply := next_reply(fuzzer))["type"] != "pong":
                    assert reply["type"] in ("error", "snapshot", "update", "resume")
            except ConnectionClosed as exc:
                closed_with = exc.rcvd.code if exc.rcvd else None
        oversize = any(len(f.encode() if isinstance(f, str) else f) > MAX_FRAME for f in batch)
        if closed_with is not None:
            assert closed_with == 1009 and oversize
        # The other client still gets its updates, and only those.
        change = Change(contest="GJ-assembly-2022", scope="party", key="BJP", field="won", new=1)
        entry = redis.xadd(K.changes("GJ"), {"c": encode(change)}).decode()
        update = next_reply(observer)
        assert update["type"] == "update" and update["offset"] == entry
    assert server.app.readers_alive()
