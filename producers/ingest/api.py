"""The ingest HTTP API (aiohttp): ``POST /api/articles``, ``/healthz``, ``/metrics``.

aiohttp because the service needs request bodies, and it is already in the dependency tree.
Every write needs ``Authorization: Bearer <TALLY_INGEST_TOKEN>``; without a configured token
the API refuses writes and says so. Tokens are compared in constant time and never logged.
Bad input gets a 4xx with a reason and publishes nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from http import HTTPStatus
from typing import Any

from aiohttp import web

from producers.ingest.intake import (
    Submission,
    SubmissionError,
    checked,
    decode_submission,
    html_to_text,
)
from producers.ingest.limits import RateLimiter
from producers.ingest.openapi import document
from producers.ingest.service import Ingestor
from producers.publisher import PublishError

__all__ = ["make_app"]

log = logging.getLogger(__name__)

INGESTOR = web.AppKey("ingestor", Ingestor)
TOKEN = web.AppKey("token", str)
LIMITER = web.AppKey("limiter", RateLimiter)


def _phrase(status: int) -> str:
    return HTTPStatus(status).phrase


def problem(status: int, message: str, **headers: str) -> web.Response:
    """A JSON refusal: ``{"error": "Bad Request", "message": "field 'text' is empty"}``."""
    return web.json_response(
        {"error": _phrase(status), "message": message}, status=status, headers=headers or None
    )


@web.middleware
async def errors_as_json(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every refusal is JSON with a reason; nothing a client sends gives a 5xx."""
    ingestor = request.app[INGESTOR]
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400:
            ingestor.metrics.rejected.labels(str(exc.status)).inc()
            return problem(exc.status, exc.reason or _phrase(exc.status))
        raise
    if response.status >= 400:
        ingestor.metrics.rejected.labels(str(response.status)).inc()
    return response


def _authorised(request: web.Request) -> web.Response | None:
    """None when the request carries the configured token, else the refusal to send."""
    token = request.app[TOKEN]
    if not token:
        return problem(503, "writes are disabled: set TALLY_INGEST_TOKEN to accept articles")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8", "replace"), token.encode()
    ):
        challenge = {"WWW-Authenticate": 'Bearer realm="tally-ingest"'}
        return problem(401, "a valid 'Authorization: Bearer <token>' is required", **challenge)
    return None


async def _submission(request: web.Request) -> Submission:
    body = await request.read()
    kind = request.content_type
    if kind == "application/json":
        return decode_submission(body)
    if kind in ("text/html", "text/plain"):
        try:
            raw = body.decode(request.charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise SubmissionError("body is not valid text in its charset") from None
        text = html_to_text(raw) if kind == "text/html" else raw
        if not text.strip():
            raise SubmissionError("no article text found in the body")
        query = request.query
        return checked(
            Submission(
                text=text,
                url=query.get("url"),
                published=query.get("published"),
                lang=query.get("lang"),
                outlet=query.get("outlet"),
            )
        )
    raise SubmissionError(f"Content-Type {kind!r} is not application/json, text/html or text/plain")


async def post_article(request: web.Request) -> web.Response:
    refused = _authorised(request)
    if refused is not None:
        return refused
    client = request.remote or "unknown"
    if not request.app[LIMITER].allow(client, time.monotonic()):
        return problem(429, "too many requests: slow down", **{"Retry-After": "1"})
    try:
        submission = await _submission(request)
    except SubmissionError as exc:
        status = 415 if str(exc).startswith("Content-Type") else 400
        return problem(status, str(exc))
    ingestor = request.app[INGESTOR]
    try:
        result = await asyncio.to_thread(ingestor.ingest, submission, source="api")
    except PublishError as exc:
        ingestor.metrics.source_errors.labels("kafka").inc()
        return problem(503, f"could not publish: {exc}", **{"Retry-After": "5"})
    return web.json_response(result.as_json(), status=202)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "writes": bool(request.app[TOKEN])})


async def metrics(request: web.Request) -> web.Response:
    body = request.app[INGESTOR].metrics.render()
    return web.Response(body=body, content_type="text/plain", charset="utf-8")


async def openapi(request: web.Request) -> web.Response:
    return web.Response(text=json.dumps(document(), indent=2), content_type="application/json")


def make_app(
    ingestor: Ingestor,
    *,
    token: str | None,
    max_body: int,
    rate: float = 5.0,
    burst: float = 20.0,
) -> web.Application:
    """The API around ``ingestor``; ``max_body`` bytes per request (413 above)."""
    app = web.Application(middlewares=[errors_as_json], client_max_size=max_body)
    app[INGESTOR] = ingestor
    app[TOKEN] = token or ""
    app[LIMITER] = RateLimiter(rate=rate, burst=burst)
    app.router.add_post("/api/articles", post_article)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/api/openapi.json", openapi)
    return app
