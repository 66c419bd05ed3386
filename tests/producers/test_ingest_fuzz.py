"""Fuzzing the ingest API (Hypothesis) with arbitrary bodies and headers, on the real broker:
no answer is a 5xx, and nothing reaches Kafka but the facts of accepted articles."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from aiohttp import web
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from producers.ingest.api import make_app
from producers.ingest.metrics import IngestMetrics
from producers.ingest.service import Ingestor
from producers.ingest.store import SeenStore
from producers.publisher import KafkaSettings, Publisher, TopicReader, ensure_topic

pytestmark = pytest.mark.servers

TOKEN = "fuzz-token-41c9"
MAX_BODY = 8192


@dataclass
class Api:
    port: int
    accepted: list[int]
    """Facts each 202 answer says it published (counted and held)."""
    kafka: KafkaSettings


@pytest.fixture(scope="module")
def api(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    kafka = KafkaSettings(bootstrap=kafka_bootstrap, namespace=f"t{uuid.uuid4().hex[:12]}")
    ensure_topic(kafka)
    publisher = Publisher(kafka)
    store = SeenStore(tmp_path_factory.mktemp("fuzz") / "seen.sqlite3")
    app = make_app(
        Ingestor(store, publisher, IngestMetrics()),
        token=TOKEN,
        max_body=MAX_BODY,
        rate=1e6,
        burst=1e6,
    )
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield Api(port=port, accepted=[], kafka=kafka)
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        publisher.close()
        store.close()


PRINTABLE = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
CONTENT_TYPES = st.one_of(
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/html",
            "text/html; charset=latin-1",
            "text/plain; charset=nonsense",
            "multipart/form-data",
            "",
        ]
    ),
    PRINTABLE,
)
AUTH = st.one_of(
    st.just(f"Bearer {TOKEN}"),
    st.just(f"Bearer {TOKEN}"),
    st.just(f"Bearer {TOKEN}"),
    st.just(f"bearer  {TOKEN} "),
    st.just("Bearer"),
    PRINTABLE,
    st.builds(lambda s: f"Bearer {s}", PRINTABLE),
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)
SENTENCES = [
    "Haryana assembly election results 2024: The BJP has won 12 seats and leads in 30.",
    "हरियाणा विधानसभा चुनाव 2024: भाजपा 40 सीटों पर आगे है।",
    "Delhi assembly election results 2025: the AAP is leading in 21 seats.",
]
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(
            st.text(max_size=300),
            st.sampled_from(SENTENCES),
            st.builds(lambda a, b: f"{a} {b}", st.sampled_from(SENTENCES), st.text(max_size=80)),
        ),
        "url": st.one_of(PRINTABLE, st.just("https://example.in/a")),
        "published": st.one_of(PRINTABLE, st.just("2024-10-08"), st.integers()),
        "lang": st.one_of(st.sampled_from(["hi", "en", "fr", ""]), st.integers()),
        "outlet": JSONISH,
        "title": JSONISH,
    },
)
BODIES = st.one_of(
    st.binary(max_size=300),
    st.binary(min_size=MAX_BODY + 1, max_size=MAX_BODY + 64),
    JSONISH.map(lambda v: json.dumps(v).encode()),
    FIELDS.map(lambda v: json.dumps(v).encode()),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(SENTENCES).map(str.encode),
)
HEADERS = st.dictionaries(
    st.sampled_from(["X-Forwarded-For", "Accept", "Content-Encoding", "Transfer-Encoding", "X-A"]),
    PRINTABLE,
    max_size=3,
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes
    content_type: str
    auth: str | None
    extra: dict[str, str]


ARBITRARY = st.builds(
    Request,
    method=st.sampled_from([*["POST"] * 8, "PUT", "GET"]),
    path=st.sampled_from(
        [*["/api/articles"] * 6, "/api/articles?url=x&lang=xx", "/api/articles?lang=en", "/nope"]
    ),
    body=BODIES,
    content_type=CONTENT_TYPES,
    auth=st.one_of(st.none(), AUTH),
    extra=HEADERS,
)
ARTICLES = st.fixed_dictionaries(
    {"text": st.builds(lambda a, b: f"{a} {b}", st.sampled_from(SENTENCES), st.text(max_size=80))},
    optional={
        "published": st.sampled_from(["2024-10-08", "2024-10-08T11:00:00+05:30", "2025-02-08"]),
        "lang": st.sampled_from(["hi", "en"]),
        "url": st.builds(lambda n: f"https://example.in/{n}", st.integers(0, 5)),
        "title": st.text(max_size=40),
    },
)
NEAR_VALID = st.builds(
    Request,
    method=st.just("POST"),
    path=st.just("/api/articles"),
    body=st.one_of(FIELDS, ARTICLES).map(lambda v: json.dumps(v).encode()),
    content_type=st.sampled_from(["application/json", "application/json; charset=utf-8"]),
    auth=st.just(f"Bearer {TOKEN}"),
    extra=HEADERS,
)
"""Well-formed requests with arbitrary fields: they reach the extractor and the broker."""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=st.one_of(ARBITRARY, NEAR_VALID))
@example(
    request=Request(
        method="POST",
        path="/api/articles",
        body=b"x" * (MAX_BODY + 1),
        content_type="text/plain",
        auth=f"Bearer {TOKEN}",
        extra={},
    )
)
def test_no_request_gets_a_5xx_and_only_accepted_articles_publish(
    api: Api, request: Request
) -> None:
    method, path, body, content_type, auth, extra = (
        request.method,
        request.path,
        request.body,
        request.content_type,
        request.auth,
        request.extra,
    )
    headers = {k: v for k, v in extra.items() if k not in ("Transfer-Encoding", "Content-Encoding")}
    if content_type:
        headers["Content-Type"] = content_type
    if auth is not None:
        headers["Authorization"] = auth
    connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        reply = answer.read()
    finally:
        connection.close()
    event(f"status {answer.status}")
    assert answer.status < 500, (answer.status, reply[:200])
    if answer.status == 202:
        data = json.loads(reply)
        api.accepted.append(data["published"] + data["held_for_review"])
    elif answer.status >= 400 and path.startswith("/api/articles"):
        problem = json.loads(reply)
        assert problem["message"], "every refusal says why"


def test_the_topic_holds_exactly_what_the_accepted_answers_said(api: Api) -> None:
    with TopicReader(api.kafka) as reader:
        on_topic = sum(1 for _ in reader.records(idle=1.5))
    assert on_topic == sum(api.accepted)
