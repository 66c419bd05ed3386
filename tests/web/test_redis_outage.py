"""Redis goes away and comes back empty: health says so, and clients start over cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from websockets.asyncio.client import connect

from devstack.ports import free_port
from devstack.redis import RedisServer
from tests.web.conftest import receive, send
from tests.web.contract import ContractWriter
from tests.web.test_server import http_get
from web.server import running

pytestmark = pytest.mark.servers


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis", free_port()).start()
    yield server
    server.stop()


async def test_the_server_survives_a_redis_restart(settings, own_redis, tmp_path):
    client = aioredis.Redis.from_url(own_redis.url)
    await ContractWriter(client).start({"BJP": (1, 2)}, epoch="e1")
    async with running(replace(settings, redis_url=own_redis.url)) as app:
        async with connect(f"ws://127.0.0.1:{app.port}/ws") as ws:
            await send(ws, op="subscribe", channel="state:GJ")
            assert (await receive(ws))["epoch"] == "e1"
            own_redis.stop()
            status, _, body = await http_get(app, "/healthz")
            assert status == 503 and b'"redis": false' in body
            own_redis.start()  # same port, nothing persisted: a rebuild under a new epoch
            client = aioredis.Redis.from_url(own_redis.url)
            writer = ContractWriter(client)
            await writer.start({"BJP": (5, 6)}, epoch="e2")
            change = await writer.party("INC", "won", 3)
            while True:
                message = await receive(ws)
                if message["type"] == "snapshot" and message["epoch"] == "e2":
                    break
            if message["offset"] != change:
                while message.get("offset") != change:
                    message = await receive(ws)
                    assert message["type"] in ("update", "resume", "snapshot")
            status, _, _ = await http_get(app, "/healthz")
            assert status == 200
        await client.aclose()
