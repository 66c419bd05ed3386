"""Two server processes (``python -m web serve``) over one Redis agree on what they send."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from tests.web.conftest import changes_until, receive, send
from tests.web.contract import add_feed_event, tally_event

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def web_process(redis_url: str) -> Iterator[int]:
    """Start ``python -m web serve --port 0``; yield the port it printed."""
    env = dict(os.environ, REDIS_URL=redis_url, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "web", "serve", "--port", "0", "--log-level", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("listening on http://127.0.0.1:"), line
        yield int(line.rsplit(":", 1)[1])
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0


@asynccontextmanager
async def subscribed(port: int, *channels: str) -> AsyncIterator[tuple[object, list[dict]]]:
    async with connect(f"ws://127.0.0.1:{port}/ws") as ws:
        snapshots = []
        for channel in channels:
            await send(ws, op="subscribe", channel=channel)
            snapshots.append(await receive(ws))
        yield ws, snapshots


async def test_two_processes_send_the_same_snapshots_and_updates(redis_url, redis, gj):
    await gj.party("BJP", "leading", 25)
    await add_feed_event(redis, tally_event("BJP", 158, "BJP is leading in 158 seats."))
    with web_process(redis_url) as port_a, web_process(redis_url) as port_b:
        channels = ("state:GJ", "national", "feed")
        async with (
            subscribed(port_a, *channels) as (ws_a, snaps_a),
            subscribed(port_b, *channels) as (ws_b, snaps_b),
        ):
            assert snaps_a == snaps_b
            assert [s["type"] for s in snaps_a] == ["snapshot"] * 3
            start = len(gj.log)
            for n in range(5):
                await gj.party("INC", "won", 3 + n)
                await asyncio.sleep(0)
            await gj.seat("7", "Vav", leader="G. Thakor", party="INC", round=20, total_rounds=28)
            feed_id = await add_feed_event(redis, tally_event("INC", 17, "Congress ahead in 17."))
            expected = gj.log[start:]
            got_a, got_b = [], []
            for ws, got in ((ws_a, got_a), (ws_b, got_b)):
                while not got or got[-1]["id"] != expected[-1]:
                    message = await receive(ws)
                    if message["channel"] == "state:GJ":
                        got.extend(message["data"]["changes"])
            assert [i["id"] for i in got_a] == expected
            assert got_a == got_b
        # Whichever process a client reconnects to, it resumes from the same position.
        since = {"epoch": snaps_a[0]["epoch"], "offset": snaps_a[0]["offset"]}
        for port in (port_a, port_b):
            async with connect(f"ws://127.0.0.1:{port}/ws") as ws:
                await send(ws, op="subscribe", channel="state:GJ", since=since)
                assert (await receive(ws))["recovered"] is True
                assert [i["id"] for i in await changes_until(ws, expected[-1])] == expected
                await send(
                    ws, op="subscribe", channel="feed", since={"epoch": "feed", "offset": "0-0"}
                )
                assert (await receive(ws))["recovered"] is True
                events = (await receive(ws))["data"]["events"]
                assert events[-1]["id"] == feed_id
