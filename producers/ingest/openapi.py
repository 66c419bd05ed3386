"""The ingest API's OpenAPI document, generated from the request and response types.

``python -m producers.ingest.openapi`` prints docs/ingest-openapi.json; a test keeps the file
current. Served live at ``GET /api/openapi.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

import msgspec

from producers.ingest.intake import Submission

__all__ = ["document"]


@dataclass
class Fact:
    """One extracted fact, as the API answers with it."""

    event_id: str
    contest: str
    payload: dict[str, Any]
    confidence: float | None
    review: bool
    """True: held for an editor; published but not counted."""
    sentence: str | None
    restated: bool
    """True: an earlier version of the article had this sentence; not published again."""


@dataclass
class Accepted:
    """The answer to an accepted article: its id, its version and what was published."""

    article_id: str
    version: int
    unchanged: bool
    """True when this exact text was already ingested: nothing was published."""
    facts: list[Fact]
    published: int
    held_for_review: int


@dataclass
class Problem:
    error: str
    message: str


def document() -> dict[str, Any]:
    (sub, acc, prob), components = msgspec.json.schema_components(
        [Submission, Accepted, Problem], ref_template="#/components/schemas/{name}"
    )
    refusal = {"content": {"application/json": {"schema": prob}}}

    def answer(text: str) -> dict[str, Any]:
        return {"description": text, **refusal}

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tally ingest API",
            "version": "1",
            "description": "Articles in, facts out to Kafka. Writes need a bearer token.",
        },
        "servers": [{"url": "http://127.0.0.1:8081", "description": "INGEST_HOST, INGEST_PORT"}],
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "paths": {
            "/api/articles": {
                "post": {
                    "summary": "Ingest one article (or a new version of a live blog)",
                    "security": [{"bearer": []}],
                    "parameters": [
                        {
                            "name": name,
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": f"{name} of a text/html or text/plain body",
                        }
                        for name in ("url", "published", "lang", "outlet")
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": sub},
                            "text/html": {"schema": {"type": "string"}},
                            "text/plain": {"schema": {"type": "string"}},
                        },
                    },
                    "responses": {
                        "202": {
                            "description": "Extracted and published (or unchanged)",
                            "content": {"application/json": {"schema": acc}},
                        },
                        "400": answer("Not JSON, not UTF-8, no text, or a bad field"),
                        "401": answer("No valid bearer token"),
                        "413": answer("Body over INGEST_MAX_BODY bytes"),
                        "415": answer("Unsupported Content-Type"),
                        "429": answer("Over INGEST_RATE requests a second"),
                        "503": answer("Writes disabled (no token set) or Kafka unavailable"),
                    },
                }
            },
            "/healthz": {
                "get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}
            },
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics",
                    "responses": {"200": {"description": "text"}},
                }
            },
        },
    }


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m producers.ingest.openapi",
        description="Print the ingest API's OpenAPI document (docs/ingest-openapi.json).",
    ).parse_args(argv)
    json.dump(document(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
