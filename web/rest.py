"""HTTP on the websocket port: JSON snapshots, health, metrics and the dashboard's files.

``/api/*`` bodies are the very snapshot messages a channel subscriber receives, so a client
may fetch over HTTP and then subscribe with ``since`` set to the epoch and offset it got.
"""

from __future__ import annotations

import email.utils
import json
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from redis.exceptions import RedisError
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from tally.reference import alliances_for, contests, parties, states
from web.channels import FEED, NATIONAL, state_channel
from web.messages import encode_snapshot
from web.metrics import render
from web.national import format_cursor
from web.snapshots import read_feed, read_national, read_state

if TYPE_CHECKING:
    from web.server import App

__all__ = ["respond", "static_path"]

STATIC_DIR = Path(__file__).with_name("static")

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
}

_CSP = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'self'"
)


def _response(
    status: HTTPStatus, body: bytes, content_type: str, *, extra: dict[str, str] | None = None
) -> Response:
    headers = Headers(
        [
            ("Date", email.utils.formatdate(usegmt=True)),
            ("Connection", "close"),
            ("Content-Length", str(len(body))),
            ("Content-Type", content_type),
            ("X-Content-Type-Options", "nosniff"),
        ]
    )
    for name, value in (extra or {}).items():
        headers[name] = value
    return Response(status.value, status.phrase, headers, body)


def _json(status: HTTPStatus, body: bytes) -> Response:
    return _response(
        status,
        body,
        "application/json",
        extra={"Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"},
    )


def _problem(status: HTTPStatus, message: str) -> Response:
    return _json(status, json.dumps({"error": status.phrase, "message": message}).encode())


def static_path(url_path: str, root: Path = STATIC_DIR) -> Path | None:
    """The file under ``root`` that a URL path names, or None (missing, hidden, or outside root).

    The path is percent-decoded before it is resolved, so ``%2e%2e/`` cannot climb out either.
    """
    name = unquote(url_path).lstrip("/") or "index.html"
    if "\x00" in name or "\\" in name:
        return None
    if any(part.startswith(".") for part in Path(name).parts):
        return None
    base = root.resolve()
    candidate = (base / name).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    if candidate.suffix not in _TYPES:
        return None
    return candidate


@cache
def reference_json() -> bytes:
    """Names in English and Hindi, colours, and majority marks: what the dashboard labels with."""
    body = {
        "parties": {
            p.code: {"name": p.name, "name_hi": p.name_hi, "colour": p.colour}
            for p in parties().values()
        },
        "states": {s.code: {"name": s.name, "name_hi": s.name_hi} for s in states().values()},
        "contests": {
            c.code: {"seats": c.seats, "majority": c.majority, "counting_day": str(c.counting_day)}
            for c in contests().values()
        },
        "alliances": {
            a.code: {"name": a.name, "name_hi": a.name_hi, "parties": list(a.parties)}
            for c in contests().values()
            for a in alliances_for(c.state, c.counting_day).values()
        },
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


@cache
def parties_json() -> bytes:
    """The ``parties`` part of :func:`reference_json`, built once rather than per request."""
    return json.dumps(json.loads(reference_json())["parties"], ensure_ascii=False).encode()


async def respond(app: App, request: Request) -> Response:
    """Answer one HTTP request; errors are JSON with a message, never a traceback."""
    if request.method not in ("GET", "HEAD"):
        response = _problem(HTTPStatus.METHOD_NOT_ALLOWED, f"{request.method[:10]} is not served")
        response.headers["Allow"] = "GET, HEAD"
        return response
    parts = urlsplit(request.path)
    path = parts.path
    if path.startswith("/api/") or path in ("/healthz", "/metrics"):
        try:
            return await _api(app, path, parse_qs(parts.query))
        except RedisError as exc:
            return _problem(HTTPStatus.SERVICE_UNAVAILABLE, f"results store unreachable: {exc}")
    file = static_path(
        path, Path(app.settings.static_dir) if app.settings.static_dir else STATIC_DIR
    )
    if file is None:
        return _problem(HTTPStatus.NOT_FOUND, f"no such page: {path[:80]}")
    content_type = _TYPES[file.suffix]
    extra = {"Cache-Control": "no-cache"}
    if file.suffix == ".html":
        extra["Content-Security-Policy"] = _CSP
    return _response(HTTPStatus.OK, file.read_bytes(), content_type, extra=extra)


async def _api(app: App, path: str, query: dict[str, list[str]]) -> Response:
    if path == "/healthz":
        return await _health(app)
    if path == "/metrics":
        body = render(
            app.metrics,
            connections=len(app.hub.sessions),
            subscriptions=app.hub.subscriptions(),
            readers_alive=app.readers_alive(),
        )
        return _response(HTTPStatus.OK, body.encode(), "text/plain; version=0.0.4; charset=utf-8")
    if path == "/api/reference":
        return _json(HTTPStatus.OK, reference_json())
    if path == "/api/parties":
        return _json(HTTPStatus.OK, parties_json())
    if path == "/api/states":
        snap = await read_national(app.redis)
        message = encode_snapshot(NATIONAL, snap.epoch, format_cursor(snap.cursor), snap.data)
        return _json(HTTPStatus.OK, message)
    if path.startswith("/api/states/"):
        code = path.removeprefix("/api/states/").upper()
        if code not in states():
            return _problem(HTTPStatus.NOT_FOUND, f"unknown state code {code[:10]!r}")
        snap = await read_state(app.redis, code)
        message = encode_snapshot(state_channel(code), snap.epoch, str(snap.offset), snap.data)
        return _json(HTTPStatus.OK, message)
    if path == "/api/feed":
        raw = query.get("limit", [str(app.settings.feed_snapshot)])[0]
        top = app.settings.feed_rest_limit
        if not raw.isdigit() or not 1 <= int(raw) <= top:
            return _problem(HTTPStatus.BAD_REQUEST, f"limit must be an integer from 1 to {top}")
        snap = await read_feed(app.redis, int(raw))
        return _json(HTTPStatus.OK, encode_snapshot(FEED, snap.epoch, str(snap.offset), snap.data))
    return _problem(HTTPStatus.NOT_FOUND, f"no such endpoint: {path[:80]}")


async def _health(app: App) -> Response:
    try:
        redis_ok = bool(await app.redis.ping())
    except (RedisError, OSError):
        redis_ok = False
    readers = app.readers_alive()
    ok = redis_ok and readers
    body = json.dumps(
        {"status": "ok" if ok else "degraded", "redis": redis_ok, "stream_readers": readers}
    ).encode()
    return _json(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE, body)
