"""The AsyncAPI 3 description of the websocket protocol, built from the code's own types.

``python -m web.asyncapi`` prints docs/asyncapi.yaml. Message payloads are JSON Schemas:
the Redis contract types (Board, SeatRow, Change, TallyEvent) come from ``msgspec``; the
envelopes mirror web/messages.py. A test checks the file is current and that real server
messages validate against it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import msgspec

from tally.changes import Board, Change, SeatRow
from tally.events import TallyEvent
from web.messages import ErrorCode
from web.national import StateSummary

__all__ = ["document", "to_yaml"]

REF = "#/components/schemas/{name}"


def _hook(t: type) -> dict[str, Any]:
    if t is object:
        return {"description": "Any JSON value."}
    raise NotImplementedError(t)


def _draft07(node: Any) -> Any:
    """msgspec writes tuples as 2020-12 ``prefixItems``; AsyncAPI payloads use draft-07."""
    if isinstance(node, dict):
        out = {k: _draft07(v) for k, v in node.items()}
        if "prefixItems" in out:
            out["items"] = out.pop("prefixItems")
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def _contract_schemas() -> dict[str, Any]:
    _, components = msgspec.json.schema_components(
        [Board, SeatRow, Change, TallyEvent, StateSummary], ref_template=REF, schema_hook=_hook
    )
    return _draft07(components)


def _feed_event(tally_event: dict[str, Any]) -> dict[str, Any]:
    """A feed event is a TallyEvent whose ``event_time`` is the day alone for a date-only
    source (streams.counting.feed_entry)."""
    props = dict(tally_event["properties"])
    props["event_time"] = {
        "anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}],
        "description": "When the fact held; the date alone when the source gave no clock time.",
    }
    return {**tally_event, "title": "FeedEvent", "properties": props}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(name=name)}


def _obj(required: list[str], props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props, **extra}


CHANNEL = {"type": "string", "pattern": "^(feed|national|state:[A-Z]{2})$"}
STREAM_ID = {"type": "string", "pattern": "^[0-9]{1,20}-[0-9]{1,20}$"}
CURSOR = {"type": "string", "pattern": "^([A-Z]{2}=[0-9]{1,20}-[0-9]{1,20}(;|$))*$"}


def _schemas() -> dict[str, Any]:
    own: dict[str, Any] = {
        "Since": _obj(
            ["epoch", "offset"],
            {
                "epoch": {"type": "string", "description": "The epoch of the last message seen."},
                "offset": {
                    "type": "string",
                    "description": "The offset of the last message seen (a stream id, or "
                    "the national cursor).",
                },
            },
            additionalProperties=False,
        ),
        "Subscribe": _obj(
            ["op", "channel"],
            {"op": {"const": "subscribe"}, "channel": CHANNEL, "since": _ref("Since")},
        ),
        "Unsubscribe": _obj(
            ["op", "channel"], {"op": {"const": "unsubscribe"}, "channel": CHANNEL}
        ),
        "Ping": _obj(["op"], {"op": {"const": "ping"}}),
        "StateData": _obj(
            ["state", "contests"],
            {
                "state": {"type": "string", "pattern": "^[A-Z]{2}$"},
                "contests": {
                    "type": "object",
                    "description": "Contest code -> its board and its seats by key.",
                    "additionalProperties": _obj(
                        ["board", "seats"],
                        {
                            "board": _ref("Board"),
                            "seats": {"type": "object", "additionalProperties": _ref("SeatRow")},
                        },
                    ),
                },
            },
        ),
        "NationalData": _obj(
            ["states", "lok_sabha"],
            {
                "states": {"type": "object", "additionalProperties": _ref("StateSummary")},
                "lok_sabha": {
                    "description": "The Lok Sabha contests of IN (national totals), or null.",
                    "anyOf": [
                        {"type": "null"},
                        {"type": "object", "additionalProperties": _ref("BoardSummary")},
                    ],
                },
            },
        ),
        "FeedEvent": _feed_event(_contract_schemas()["TallyEvent"]),
        "FeedItem": _obj(["id", "event"], {"id": STREAM_ID, "event": _ref("FeedEvent")}),
        "FeedData": _obj(["events"], {"events": {"type": "array", "items": _ref("FeedItem")}}),
        "ChangeItem": _obj(["id", "change"], {"id": STREAM_ID, "change": _ref("Change")}),
        "StateUpdateData": _obj(
            ["changes"], {"changes": {"type": "array", "items": _ref("ChangeItem"), "minItems": 1}}
        ),
        "NationalUpdateData": _obj(
            ["states"],
            {
                "states": {
                    "type": "object",
                    "description": "The states that moved, each replacing its previous summary.",
                    "additionalProperties": _ref("StateSummary"),
                }
            },
        ),
        "FeedUpdateData": _obj(
            ["events"], {"events": {"type": "array", "items": _ref("FeedItem"), "minItems": 1}}
        ),
    }

    def envelope(kind: str, data: list[str]) -> dict[str, Any]:
        return _obj(
            ["type", "channel", "epoch", "offset", "data"],
            {
                "type": {"const": kind},
                "channel": CHANNEL,
                "epoch": {"type": "string"},
                "offset": {"anyOf": [STREAM_ID, CURSOR]},
                "data": {"anyOf": [_ref(name) for name in data]},
            },
        )

    own["Snapshot"] = envelope("snapshot", ["StateData", "NationalData", "FeedData"])
    own["Update"] = envelope("update", ["StateUpdateData", "NationalUpdateData", "FeedUpdateData"])
    own["Resume"] = _obj(
        ["type", "channel", "recovered"],
        {
            "type": {"const": "resume"},
            "channel": CHANNEL,
            "recovered": {"type": "boolean"},
            "reason": {
                "type": "string",
                "description": "Why a resume failed: epoch changed, history trimmed, ...",
            },
        },
    )
    own["Error"] = _obj(
        ["type", "code", "message"],
        {
            "type": {"const": "error"},
            "code": {"enum": list(ErrorCode.__args__)},
            "message": {"type": "string"},
            "channel": {"type": "string"},
        },
    )
    own["Pong"] = _obj(["type"], {"type": {"const": "pong"}})
    return {**_contract_schemas(), **own}


def _message(name: str, summary: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": name,
        "summary": summary,
        "contentType": "application/json",
        "payload": {
            "schemaFormat": "application/schema+json;version=draft-07",
            "schema": _ref(name),
        },
    }


MESSAGES = {
    "Subscribe": "Start receiving a channel; with `since`, resume after a position.",
    "Unsubscribe": "Stop receiving a channel.",
    "Ping": "Ask for a pong (an application-level heartbeat).",
    "Snapshot": "The whole of a channel at one position (epoch, offset).",
    "Update": "What changed after the previous position, in order.",
    "Resume": "The outcome of a subscribe with `since`; recovered:false is followed by a snapshot.",
    "Error": "A frame the server could not act on; the connection stays open.",
    "Pong": "The answer to a ping.",
}


def document() -> dict[str, Any]:
    """The AsyncAPI 3.0 document as a plain dict."""
    messages = {name: _message(name, text) for name, text in MESSAGES.items()}
    refs = {name: {"$ref": f"#/components/messages/{name}"} for name in MESSAGES}
    client_ops = ["Subscribe", "Unsubscribe", "Ping"]
    server_msgs = ["Snapshot", "Update", "Resume", "Error", "Pong"]
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Tally tracker live results",
            "version": "1.0.0",
            "description": (
                "Live Indian election results over one websocket. Subscribe to `feed`, "
                "`national` or `state:<CODE>`; every message carries the channel's epoch and "
                "offset, and a reconnecting client resumes with `since`. See docs/protocol.md."
            ),
            "license": {"name": "MIT"},
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "127.0.0.1:8080",
                "protocol": "ws",
                "description": "python -m web serve (WEB_HOST, WEB_PORT)",
            }
        },
        "channels": {
            "live": {
                "address": "/ws",
                "title": "The websocket endpoint",
                "description": (
                    "One connection carries any number of subscriptions (64 by default). "
                    "Frames above 4096 bytes close it with 1009; a client that cannot keep up "
                    "is closed with 1013."
                ),
                "messages": refs,
            }
        },
        "operations": {
            "sendOps": {
                "action": "receive",
                "channel": {"$ref": "#/channels/live"},
                "summary": "Client ops the server receives.",
                "messages": [{"$ref": f"#/channels/live/messages/{n}"} for n in client_ops],
            },
            "pushResults": {
                "action": "send",
                "channel": {"$ref": "#/channels/live"},
                "summary": "Messages the server sends.",
                "messages": [{"$ref": f"#/channels/live/messages/{n}"} for n in server_msgs],
            },
        },
        "components": {"messages": messages, "schemas": _schemas()},
    }


_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        if (
            value
            and set(value) <= _PLAIN
            and not value[0].isdigit()
            and not value.startswith("-")
            and value not in ("true", "false", "null", "yes", "no", "on", "off")
        ):
            return value
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def to_yaml(node: Any, indent: int = 0) -> str:
    """Block-style YAML for dicts, lists and JSON scalars (all this document needs)."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            name = _scalar(str(key))
            if isinstance(value, dict | list) and value:
                lines.append(f"{pad}{name}:")
                lines.append(to_yaml(value, indent + 1))
            else:
                empty = "{}" if isinstance(value, dict) else "[]"
                shown = empty if isinstance(value, dict | list) else _scalar(value)
                lines.append(f"{pad}{name}: {shown}")
    else:
        for value in node:
            if isinstance(value, dict | list) and value:
                inner = to_yaml(value, indent + 1).lstrip()
                lines.append(f"{pad}- {inner}")
            else:
                lines.append(f"{pad}- {_scalar(value)}")
    return "\n".join(lines)


def main() -> int:
    sys.stdout.write("# Generated by `python -m web.asyncapi`; edit web/asyncapi.py instead.\n")
    sys.stdout.write(to_yaml(document()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
