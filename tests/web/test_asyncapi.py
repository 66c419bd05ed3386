"""docs/asyncapi.yaml is current, and what the real server sends validates against it."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from websockets.asyncio.client import connect

from tests.web.conftest import receive, send
from tests.web.contract import add_feed_event, tally_event
from web import asyncapi

DOC = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.yaml"


def validator(message: str) -> Draft7Validator:
    document = asyncapi.document()
    registry = Registry().with_resource("urn:tally", Resource(document, specification=DRAFT7))
    return Draft7Validator({"$ref": f"urn:tally#/components/schemas/{message}"}, registry=registry)


def test_the_committed_document_is_current():
    out = io.StringIO()
    with redirect_stdout(out):
        asyncapi.main()
    assert DOC.read_text(encoding="utf-8") == out.getvalue(), "run: python -m web.asyncapi"


def test_every_message_has_a_schema_and_client_ops_validate():
    document = asyncapi.document()
    for name, message in document["components"]["messages"].items():
        assert message["payload"]["schema"]["$ref"].endswith(f"/{name}")
        assert name in document["components"]["schemas"]
    validator("Subscribe").validate(
        {"op": "subscribe", "channel": "state:GJ", "since": {"epoch": "e", "offset": "1-0"}}
    )
    validator("Ping").validate({"op": "ping"})
    assert not validator("Subscribe").is_valid({"op": "subscribe", "channel": "moon"})


@pytest.mark.servers
async def test_real_server_messages_validate(server, gj, redis):
    await add_feed_event(redis, tally_event("BJP", 158, "BJP is leading in 158 seats."))
    seen: list[dict] = []
    async with connect(f"ws://127.0.0.1:{server.port}/ws") as ws:
        for channel in ("state:GJ", "national", "feed"):
            await send(ws, op="subscribe", channel=channel)
            seen.append(await receive(ws))
        await gj.party("BJP", "won", 12)
        await gj.seat(
            "3", "Bhuj", leader="K. Patel", party="BJP", margin=100, round=3, total_rounds=23
        )
        await add_feed_event(redis, tally_event("INC", 17, "Congress ahead in 17."))
        kinds = set()
        while kinds != {"state:GJ", "national", "feed"}:
            message = await receive(ws)
            seen.append(message)
            kinds.add(message["channel"])
        await ws.send("nope")
        seen.append(await receive(ws))
        await send(ws, op="ping")
        seen.append(await receive(ws))
        await send(ws, op="subscribe", channel="state:GJ", since={"epoch": "old", "offset": "1-0"})
        while seen[-1]["type"] != "resume":
            seen.append(await receive(ws))
    names = {
        "snapshot": "Snapshot",
        "update": "Update",
        "error": "Error",
        "pong": "Pong",
        "resume": "Resume",
    }
    for message in seen:
        errors = [e.message for e in validator(names[message["type"]]).iter_errors(message)]
        assert errors == [], json.dumps(message)[:300]
    assert {m["type"] for m in seen} == set(names)
