"""The websocket contract: client ops in, server messages out. Pure: bytes and values only.

Client ops (JSON text frames): ``subscribe {channel, since?: {epoch, offset}}``,
``unsubscribe {channel}``, ``ping``. Server messages: ``snapshot``, ``update``, ``resume``,
``error``, ``pong``. Every server message is encoded once, as UTF-8 JSON bytes, and the same
bytes go to every subscriber. docs/protocol.md describes the contract for users.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

__all__ = [
    "ClientOp",
    "ErrorCode",
    "OpError",
    "Ping",
    "Since",
    "Subscribe",
    "Unsubscribe",
    "encode_error",
    "encode_pong",
    "encode_resume",
    "encode_snapshot",
    "encode_update",
    "parse_op",
]

ErrorCode = Literal[
    "bad_json",
    "bad_message",
    "binary_frame",
    "unknown_channel",
    "not_subscribed",
    "too_many_subscriptions",
    "rate_limited",
    "unavailable",
]


class Since(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The last position a client saw on a channel: ``epoch`` and ``offset`` as it received them."""

    epoch: str
    offset: str


class Subscribe(msgspec.Struct, frozen=True, tag_field="op", tag="subscribe"):
    channel: str
    since: Since | None = None


class Unsubscribe(msgspec.Struct, frozen=True, tag_field="op", tag="unsubscribe"):
    channel: str


class Ping(msgspec.Struct, frozen=True, tag_field="op", tag="ping"):
    pass


ClientOp = Subscribe | Unsubscribe | Ping

_op_decoder = msgspec.json.Decoder(ClientOp)


class OpError(ValueError):
    """A frame the server cannot act on; ``code`` and the message go back to the client."""

    def __init__(self, code: ErrorCode, message: str, channel: str | None = None) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.channel = channel


def parse_op(frame: str | bytes) -> ClientOp:
    """Decode one client frame.

    Raises:
        OpError: binary frame, not JSON (or nested too deep to decode), or not a known op.
    """
    if isinstance(frame, bytes):
        raise OpError("binary_frame", "send ops as JSON text frames, not binary frames")
    try:
        return _op_decoder.decode(frame)
    except msgspec.ValidationError as exc:
        raise OpError("bad_message", f"not a valid op: {exc}") from None
    except msgspec.DecodeError as exc:
        raise OpError("bad_json", f"not JSON: {exc}") from None
    except RecursionError:
        raise OpError("bad_json", "JSON nested too deeply") from None


class _Snapshot(msgspec.Struct, tag_field="type", tag="snapshot"):
    channel: str
    epoch: str
    offset: str
    data: Any


class _Update(msgspec.Struct, tag_field="type", tag="update"):
    channel: str
    epoch: str
    offset: str
    data: Any


class _Resume(msgspec.Struct, tag_field="type", tag="resume", omit_defaults=True):
    channel: str
    recovered: bool
    reason: str | None = None


class _Error(msgspec.Struct, tag_field="type", tag="error", omit_defaults=True):
    code: str
    message: str
    channel: str | None = None


class _Pong(msgspec.Struct, tag_field="type", tag="pong"):
    pass


_encoder = msgspec.json.Encoder()
_PONG = _encoder.encode(_Pong())


def encode_snapshot(channel: str, epoch: str, offset: str, data: Any) -> bytes:
    """``data`` may hold ``msgspec.Raw`` values: JSON read from Redis is spliced, not re-encoded."""
    return _encoder.encode(_Snapshot(channel, epoch, offset, data))


def encode_update(channel: str, epoch: str, offset: str, data: Any) -> bytes:
    return _encoder.encode(_Update(channel, epoch, offset, data))


def encode_resume(channel: str, *, recovered: bool, reason: str | None = None) -> bytes:
    return _encoder.encode(_Resume(channel, recovered, reason))


def encode_error(code: ErrorCode, message: str, channel: str | None = None) -> bytes:
    return _encoder.encode(_Error(code, message, channel))


def encode_pong() -> bytes:
    return _PONG
