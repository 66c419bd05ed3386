"""One counting-day fact travels the whole way, for real: a seed article is extracted and
published with kafka-python, the Faust worker counts it into Redis, and the websocket server
pushes the change to a subscribed client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from websockets.sync.client import connect

from producers.articles import load_article
from producers.extraction import extract_events
from producers.publisher import KafkaSettings, Publisher, ensure_topic
from tally import redis_keys
from tally.changes import decode_board
from tests.end_to_end.web_process import running_web
from tests.support.worker import running_worker

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]
GJ_HP_ARTICLE = ROOT / "data" / "articles" / "001_57928f56173db05d.json"
GJ_CONTEST = "GJ-assembly-2022"


@pytest.fixture
def stack(
    kafka_bootstrap: str, redis_url: str, namespace: str, tmp_path: Path
) -> Iterator[tuple[KafkaSettings, str]]:
    redis.Redis.from_url(redis_url).flushall()
    settings = KafkaSettings(bootstrap=kafka_bootstrap, namespace=namespace, partitions=2)
    ensure_topic(settings)
    with (
        running_worker(kafka_bootstrap, redis_url, namespace),
        running_web(redis_url, tmp_path) as base_url,
    ):
        yield settings, base_url


def _receive_until(ws, want, limit: int = 200) -> list[dict]:  # type: ignore[no-untyped-def]
    seen = []
    for _ in range(limit):
        message = json.loads(ws.recv(timeout=60))
        seen.append(message)
        if want(message):
            return seen
    raise AssertionError(f"no matching message among {len(seen)}: {seen[-3:]}")


def test_a_seed_article_reaches_redis_and_a_websocket_subscriber(
    stack: tuple[KafkaSettings, str], redis_url: str
) -> None:
    settings, base_url = stack
    events = extract_events(load_article(GJ_HP_ARTICLE), ingest_time=datetime.now(UTC))
    gujarat = [e for e in events if e.contest.code == GJ_CONTEST]
    assert gujarat, "the extractor found no Gujarat tally in the seed article"

    with connect(base_url.replace("http", "ws") + "/ws") as ws:
        ws.send(json.dumps({"op": "subscribe", "channel": "state:GJ"}))
        first = json.loads(ws.recv(timeout=30))
        assert first["type"] == "snapshot"
        assert first["channel"] == "state:GJ"

        with Publisher(settings) as publisher:
            for event in events:
                publisher.send(event)

        def bjp_leading_158(message: dict) -> bool:  # type: ignore[type-arg]
            return message.get("type") == "update" and "158" in json.dumps(message["data"])

        _receive_until(ws, bjp_leading_158)

    board = decode_board(redis.Redis.from_url(redis_url).get(redis_keys.board("GJ", GJ_CONTEST)))
    reported = {(row.party, row.leading) for row in board.reported}
    assert ("BJP", 158) in reported
    bjp = next(row for row in board.reported if row.party == "BJP")
    assert bjp.source is not None and "158" in (bjp.source.sentence or "")
