"""The real server on a real Redis, driven by a real websockets client."""

from __future__ import annotations

import asyncio
import json
import socket
from dataclasses import replace

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tally import redis_keys as K
from tests.web.conftest import changes_until, receive, send
from tests.web.contract import add_feed_event, tally_event
from web.server import running
from web.state_model import StateModel

pytestmark = pytest.mark.servers


def url(app) -> str:
    return f"ws://127.0.0.1:{app.port}/ws"


async def test_subscribe_gives_a_snapshot_then_updates(server, gj):
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        snap = await receive(ws)
        assert (snap["type"], snap["channel"], snap["epoch"], snap["offset"]) == (
            "snapshot",
            "state:GJ",
            "e1",
            "0-0",
        )
        model = StateModel(snap["data"])
        assert model.party_numbers("GJ-assembly-2022")["BJP"] == (10, 20, 30)
        await gj.party("BJP", "leading", 21)
        second = await gj.party("BJP", "won", 11)
        items = await changes_until(ws, second)
        assert [i["id"] for i in items] == gj.log
        for item in items:
            model.apply_change(item["change"])
        assert model.party_numbers("GJ-assembly-2022")["BJP"] == (11, 21, 32)


async def test_a_resume_gives_exactly_the_missed_updates_in_order(server, gj, redis):
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        snap = await receive(ws)
        model = StateModel(snap["data"])
        seen = await changes_until(ws, await gj.party("BJP", "leading", 22))
        last = seen[-1]["id"]
    before = len(gj.log)
    for n in range(6, 12):
        await gj.party("INC", "leading", n)
    await gj.seat("1", "Abdasa", leader="P. Jadeja", party="BJP", margin=900)
    missed = gj.log[before:]
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ", since={"epoch": "e1", "offset": last})
        assert await receive(ws) == {"type": "resume", "channel": "state:GJ", "recovered": True}
        replayed = await changes_until(ws, missed[-1])
        assert [i["id"] for i in replayed] == missed
        live = await gj.party("BJP", "won", 12)
        after = await changes_until(ws, live)
        assert [i["id"] for i in after] == gj.log[before + len(missed) :]
    for item in seen + replayed + after:
        model.apply_change(item["change"])
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        fresh = StateModel((await receive(ws))["data"])
    assert model.party_numbers("GJ-assembly-2022") == fresh.party_numbers("GJ-assembly-2022")
    assert (
        model.contests["GJ-assembly-2022"]["seats"] == fresh.contests["GJ-assembly-2022"]["seats"]
    )


async def test_a_resume_after_an_epoch_change_gets_recovered_false_then_a_snapshot(server, gj):
    last = await gj.party("BJP", "leading", 21)
    await gj.recreate_log("e2")
    await gj.party("BJP", "leading", 25)
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ", since={"epoch": "e1", "offset": last})
        resume = await receive(ws)
        assert (resume["type"], resume["recovered"], resume["reason"]) == (
            "resume",
            False,
            "epoch changed",
        )
        snap = await receive(ws)
        assert (snap["type"], snap["epoch"]) == ("snapshot", "e2")
        assert StateModel(snap["data"]).party_numbers("GJ-assembly-2022")["BJP"][1] == 25


async def test_live_subscribers_start_over_when_the_log_is_recreated(server, gj):
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        await receive(ws)
        await gj.recreate_log("e2")
        resume = await receive(ws)
        assert (resume["type"], resume["recovered"]) == ("resume", False)
        snap = await receive(ws)
        assert (snap["type"], snap["epoch"], snap["offset"]) == ("snapshot", "e2", "0-0")
        new = await gj.party("BJP", "won", 30)
        items = await changes_until(ws, new)
        assert [i["id"] for i in items] == gj.log[-3:]


async def test_a_resume_from_trimmed_history_gets_a_snapshot(server, gj, redis):
    first = await gj.party("BJP", "leading", 21)
    for n in range(22, 30):
        await gj.party("BJP", "leading", n)
    await redis.xtrim(K.changes("GJ"), maxlen=3, approximate=False)
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ", since={"epoch": "e1", "offset": first})
        resume = await receive(ws)
        assert (resume["recovered"], resume["reason"]) == (False, "history trimmed")
        assert (await receive(ws))["type"] == "snapshot"


async def test_unsubscribe_stops_the_updates(server, gj, redis):
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        await send(ws, op="subscribe", channel="feed")
        assert {(await receive(ws))["channel"], (await receive(ws))["channel"]} == {
            "state:GJ",
            "feed",
        }
        await send(ws, op="unsubscribe", channel="state:GJ")
        await send(ws, op="unsubscribe", channel="state:GJ")
        error = await receive(ws)
        assert (error["type"], error["code"]) == ("error", "not_subscribed")
        await gj.party("BJP", "won", 40)
        feed_id = await add_feed_event(redis, tally_event("BJP", 40, "BJP has won 40 seats."))
        update = await receive(ws)
        assert (update["channel"], update["offset"]) == ("feed", feed_id)
        await send(ws, op="ping")
        assert await receive(ws) == {"type": "pong"}  # nothing from state:GJ came before it


async def test_bad_frames_get_errors_and_the_connection_survives(server, gj):
    frames = [
        ("not json", "bad_json"),
        (b"\x00\xff", "binary_frame"),
        ('{"op":"subscribe","channel":"state:ZZ"}', "unknown_channel"),
        ('{"op":"subscribe","channel":"moon"}', "unknown_channel"),
        ('{"op":"subscribe"}', "bad_message"),
        (
            '{"op":"subscribe","channel":"state:GJ","since":{"epoch":"e1","offset":"x"}}',
            "bad_message",
        ),
        ('{"op":"fly"}', "bad_message"),
        ("[" * 1000 + "]" * 1000, "bad_message"),
        ('{"op":"subscribe","channel":' + "9" * 2000 + "}", "bad_message"),
        (
            '{"op":"subscribe","channel":"feed","since":{"epoch":1e999,"offset":"1-0"}}',
            "bad_message",
        ),
    ]
    async with connect(url(server)) as ws:
        for frame, code in frames:
            await ws.send(frame)
            error = await receive(ws)
            assert (error["type"], error["code"]) == ("error", code), frame[:40]
            assert error["message"]
        await send(ws, op="subscribe", channel="state:GJ")
        assert (await receive(ws))["type"] == "snapshot"


async def test_an_oversize_frame_closes_the_connection_with_1009(server):
    async with connect(url(server)) as ws:
        await ws.send("x" * (server.settings.max_frame_bytes + 1))
        with pytest.raises(ConnectionClosed) as info:
            await receive(ws)
        assert info.value.rcvd is not None and info.value.rcvd.code == 1009


def unread_socket(port: int) -> socket.socket:
    """A connected socket with a tiny receive buffer: a reader on a very slow network."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    return sock


async def test_a_slow_client_is_closed_with_1013_and_never_delays_a_fast_one(server, gj):
    # The slow client never reads: with max_queue=1 it stops draining its socket at once.
    async with (
        connect(url(server), max_queue=1, sock=unread_socket(server.port)) as slow,
        connect(url(server), max_size=None, max_queue=None) as fast,
    ):
        for ws in (slow, fast):
            await send(ws, op="subscribe", channel="state:GJ")
        await receive(fast)
        note = "correction: " + "x" * 16_000
        for n in range(100, 500):
            await gj.party("BJP", "leading", n, note=note)
        received = await changes_until(fast, gj.log[-1])
        assert [i["id"] for i in received] == gj.log
        assert server.metrics.dropped_slow_clients == 1
        with pytest.raises(ConnectionClosed) as info:
            while True:
                await slow.recv()
        assert info.value.rcvd is not None and info.value.rcvd.code == 1013


async def test_per_connection_caps_answer_with_errors(settings, redis, gj):
    settings = replace(settings, max_subscriptions=2, ops_per_second=0.001, ops_burst=6)
    async with running(settings) as app, connect(url(app)) as ws:
        for channel in ("state:GJ", "feed"):
            await send(ws, op="subscribe", channel=channel)
            await receive(ws)
        await send(ws, op="subscribe", channel="national")
        assert (await receive(ws))["code"] == "too_many_subscriptions"
        codes = []
        for _ in range(5):
            await send(ws, op="ping")
            codes.append((await receive(ws)).get("code", "pong"))
        assert codes[:3] == ["pong", "pong", "pong"] and codes[3:] == ["rate_limited"] * 2


async def test_origins_outside_the_allowlist_are_refused(settings, redis):
    settings = replace(settings, origins=("http://news.example",))
    async with running(settings) as app:
        async with connect(url(app), origin="http://news.example") as ws:
            await send(ws, op="ping")
            assert await receive(ws) == {"type": "pong"}
        with pytest.raises(InvalidStatus) as info:
            async with connect(url(app), origin="http://evil.example"):
                pass
        assert info.value.response.status_code == 403
        async with connect(url(app)) as ws:  # tools that send no Origin
            await send(ws, op="ping")
            assert await receive(ws) == {"type": "pong"}


async def test_the_national_channel_summarises_states_and_follows_them(server, gj):
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="national")
        snap = await receive(ws)
        gj_line = snap["data"]["states"]["GJ"]["contests"]["GJ-assembly-2022"]
        assert gj_line["parties"][0] == {"party": "BJP", "won": 10, "leading": 20, "total": 30}
        change_id = await gj.party("INC", "leading", 40)
        update = await receive(ws)
        assert update["type"] == "update" and update["offset"] == f"GJ={change_id}"
        assert update["epoch"] == snap["epoch"]
        parties = update["data"]["states"]["GJ"]["contests"]["GJ-assembly-2022"]["parties"]
        assert parties[0]["party"] == "INC" and parties[0]["total"] == 42
    async with connect(url(server)) as ws:
        since = {"epoch": update["epoch"], "offset": update["offset"]}
        await send(ws, op="subscribe", channel="national", since=since)
        assert (await receive(ws))["recovered"] is True
        await gj.party("BJP", "won", 99)
        await send(ws, op="subscribe", channel="national", since=since)
        resume = await receive(ws)
        assert resume["recovered"] is False
        assert (await receive(ws))["type"] == "snapshot"


async def test_the_feed_carries_events_with_their_source(server, redis):
    sentence = "BJP is leading in 158 seats, trends show."
    await add_feed_event(redis, tally_event("BJP", 158, sentence))
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="feed")
        snap = await receive(ws)
        assert snap["data"]["events"][0]["event"]["source"]["sentence"] == sentence
        new_id = await add_feed_event(redis, tally_event("INC", 17, "Congress ahead in 17."))
        update = await receive(ws)
        assert update["data"]["events"] == [
            {"id": new_id, "event": tally_event("INC", 17, "Congress ahead in 17.")}
        ]


async def http_get(app, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", app.port)
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 20)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


async def test_rest_serves_the_same_json_as_the_channel_snapshots(server, gj, redis):
    await add_feed_event(redis, tally_event("BJP", 158, "BJP is leading in 158 seats."))
    async with connect(url(server)) as ws:
        for channel in ("state:GJ", "national", "feed"):
            await send(ws, op="subscribe", channel=channel)
        by_channel = {m["channel"]: m for m in [await receive(ws) for _ in range(3)]}
    for path, channel in [
        ("/api/states/GJ", "state:GJ"),
        ("/api/states/gj", "state:GJ"),
        ("/api/states", "national"),
        ("/api/feed?limit=100", "feed"),
    ]:
        status, headers, body = await http_get(server, path)
        assert status == 200 and headers["content-type"] == "application/json"
        assert json.loads(body) == by_channel[channel], path
    status, _, body = await http_get(server, "/api/feed?limit=0")
    assert status == 400 and b"limit" in body
    assert (await http_get(server, "/api/states/ZZ"))[0] == 404
    assert (await http_get(server, "/api/nothing"))[0] == 404
    status, headers, _ = await http_get(server, "/api/states", method="POST")
    assert status == 405 and headers["allow"] == "GET, HEAD"


async def test_a_rest_snapshot_can_be_resumed_over_the_websocket(server, gj):
    _, _, body = await http_get(server, "/api/states/GJ")
    snap = json.loads(body)
    change_id = await gj.party("BJP", "won", 50)
    async with connect(url(server)) as ws:
        since = {"epoch": snap["epoch"], "offset": snap["offset"]}
        await send(ws, op="subscribe", channel="state:GJ", since=since)
        assert (await receive(ws))["recovered"] is True
        assert [i["id"] for i in await changes_until(ws, change_id)] == gj.log


async def test_health_metrics_reference_and_dashboard_files(server, gj):
    status, _, body = await http_get(server, "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "redis": True, "stream_readers": True}
    async with connect(url(server)) as ws:
        await send(ws, op="subscribe", channel="state:GJ")
        await receive(ws)
        status, headers, body = await http_get(server, "/metrics")
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "tally_web_connections 1" in text
    assert 'tally_web_subscriptions{channel="state:GJ"} 1' in text
    assert "tally_web_stream_readers_alive 1" in text
    status, _, body = await http_get(server, "/api/parties")
    assert json.loads(body)["INC"]["name_hi"] == "भारतीय राष्ट्रीय कांग्रेस"
    status, headers, body = await http_get(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "content-security-policy" in headers
    for path in ("/js/main.js", "/js/views/state.js", "/dashboard.css"):
        assert (await http_get(server, path))[0] == 200
    for path in ("/../pyproject.toml", "/%2e%2e/server.py", "/..%2f..%2fpyproject.toml"):
        assert (await http_get(server, path))[0] == 404
