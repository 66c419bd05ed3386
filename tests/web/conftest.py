"""Fixtures for the web tests: a clean Redis and a real server on a free port."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
import redis.asyncio as aioredis
from websockets.asyncio.client import ClientConnection

from tests.web.contract import ContractWriter
from web.server import App, running
from web.settings import Settings

RECEIVE_TIMEOUT = 20
"""Seconds before a test that waits for a message fails instead of hanging; not a latency bound."""


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    await client.flushall()
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
def settings(redis_url: str) -> Settings:
    return replace(Settings(), redis_url=redis_url, port=0, block_ms=100)


@pytest.fixture
async def server(settings: Settings, redis: aioredis.Redis) -> AsyncIterator[App]:
    async with running(settings) as app:
        yield app


@pytest.fixture
async def gj(redis: aioredis.Redis) -> ContractWriter:
    writer = ContractWriter(redis)
    await writer.start({"BJP": (10, 20), "INC": (2, 5)})
    return writer


async def receive(ws: ClientConnection) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), RECEIVE_TIMEOUT))


async def send(ws: ClientConnection, **op: Any) -> None:
    await ws.send(json.dumps(op))


async def changes_until(ws: ClientConnection, last_id: str) -> list[dict[str, Any]]:
    """Every change item received up to and including ``last_id``."""
    items: list[dict[str, Any]] = []
    while not items or items[-1]["id"] != last_id:
        message = await receive(ws)
        assert message["type"] == "update", message
        items.extend(message["data"]["changes"])
    return items
