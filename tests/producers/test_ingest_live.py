"""The live ingest service on the real broker, worker and Redis: articles posted, files dropped,
feed entries and official tables polled, all counted on the web server's boards; a restart
republishes nothing. Article sentences here are invented."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import redis

from producers.publisher import KafkaSettings, TopicReader
from tally.events import TallyEvent, decode_event
from tests.producers.test_replay_end_to_end import wait_applied
from tests.support.http_files import Files, serving
from tests.support.ingest import IngestService
from tests.support.worker import Worker, running_worker
from web.server import running
from web.settings import Settings

pytestmark = pytest.mark.servers

HR_TEXT = (
    "Haryana assembly election results 2024: The BJP has won 12 seats and is leading in 30, "
    "while the Congress has won 8 seats and leads in 27, according to Election Commission trends."
)
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Desk</title><link>{base}</link>
<description>Results</description>{items}</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{link}</link><guid>{link}</guid>
<pubDate>Sat, 23 Nov 2024 04:30:00 GMT</pubDate><description>Short</description></item>"""
PAGE = (
    "<html><body><nav>Home | Login</nav>"
    "<article><h1>{title}</h1><p>{text}</p></article></body></html>"
)
JH_TEXT = (
    "Jharkhand assembly election results 2024: The JMM is leading in 30 seats and the BJP in 22, "
    "according to Election Commission trends."
)
JH_STORY = (
    "Jharkhand assembly election results 2024: The JMM has won 11 seats and leads in 20, "
    "as per the Election Commission."
)
DL_STORY = (
    "Delhi assembly election results 2025: The BJP has won 20 seats and leads in 25, "
    "as per the Election Commission."
)
HEADER = (
    "election,snapshot_commit_time_ist,ac_no,ac_name_as_scraped,candidate,party,"
    "evm_votes,postal_votes,total_votes\n"
)


def table(time_ist: str, rows: list[tuple[int, str, str, str, int]]) -> str:
    lines = [
        f"DL_2025,{time_ist},{ac},{seat},{name},{party},{votes},0,{votes}"
        for ac, seat, name, party, votes in rows
    ]
    return HEADER + "\n".join(lines) + "\n"


MORNING = [
    (1, "NORTH END", "A. SINGH", "Bharatiya Janata Party", 5000),
    (1, "NORTH END", "B. KUMAR", "Aam Aadmi Party", 4000),
    (2, "RIVERSIDE", "C. DEVI", "Aam Aadmi Party", 3000),
    (2, "RIVERSIDE", "D. RAO", "Indian National Congress", 1000),
    (3, "HILL VIEW", "E. SHAH", "Bharatiya Janata Party", 7000),
    (3, "HILL VIEW", "F. KHAN", "Aam Aadmi Party", 2000),
]


@dataclass
class Live:
    service: IngestService
    worker: Worker
    files: Files
    folder: Path
    kafka: KafkaSettings
    redis: redis.Redis
    redis_url: str

    def events(self) -> list[TallyEvent]:
        with TopicReader(self.kafka) as reader:
            return [decode_event(value) for value in reader.records(idle=1.5)]

    def applied(self) -> None:
        wait_applied(self.redis, self.kafka.bootstrap, self.kafka.namespace or "", self.worker)

    def until(
        self, what: Callable[[list[TallyEvent]], bool], timeout: float = 60
    ) -> list[TallyEvent]:
        deadline = time.monotonic() + timeout
        while True:
            events = self.events()
            if what(events):
                return events
            assert time.monotonic() < deadline, f"not arrived:\n{self.service.log_tail()}"
            time.sleep(0.5)


@pytest.fixture(scope="module")
def live(
    kafka_bootstrap: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    namespace = f"t{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    folder = tmp_path_factory.mktemp("watched")
    state = tmp_path_factory.mktemp("ingest-state")
    with serving() as files, running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        files.put("/feed.xml", FEED.format(base=files.url("/"), items=""), "application/rss+xml")
        files.put("/results.csv", table("2025-02-08 10:00:00 +0530", MORNING), "text/csv")
        args = [
            "--watch", str(folder), "--watch-interval", "0.3",
            "--feed", files.url("/feed.xml"), "--feed-interval", "0.5",
            "--results", files.url("/results.csv"), "--results-interval", "0.5",
        ]  # fmt: skip
        service = IngestService(kafka_bootstrap, namespace, state, args).start()
        try:
            yield Live(
                service=service,
                worker=worker,
                files=files,
                folder=folder,
                kafka=KafkaSettings(bootstrap=kafka_bootstrap, namespace=namespace),
                redis=client,
                redis_url=redis_url,
            )
        finally:
            service.stop()
            client.close()


async def contest_of(live: Live, state: str, contest: str) -> dict[str, Any]:
    """The contest as the real web server's ``GET /api/states/<ST>`` gives it."""
    settings = replace(Settings(), redis_url=live.redis_url, port=0, block_ms=100)
    async with (
        running(settings) as app,
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{app.port}/api/states/{state}") as answer,
    ):
        assert answer.status == 200
        return (await answer.json())["data"]["contests"][contest]


def reported(board_json: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        row["party"]: (row.get("won", 0), row.get("leading", 0)) for row in board_json["reported"]
    }


async def test_a_posted_article_is_counted_and_shown_on_the_state_board(live: Live) -> None:
    status, answer = live.service.post(
        {
            "text": HR_TEXT,
            "url": "https://example.in/haryana/1",
            "published": "2024-10-08T11:00:00+05:30",
        }
    )
    assert status == 202, answer
    assert (answer["version"], answer["published"], answer["held_for_review"]) == (1, 4, 0)
    ids = {fact["event_id"] for fact in answer["facts"]}
    events = live.until(lambda es: ids <= {e.event_id for e in es})
    assert {e.source.url for e in events if e.event_id in ids} == {"https://example.in/haryana/1"}
    live.applied()
    shown = reported((await contest_of(live, "HR", "HR-assembly-2024"))["board"])
    assert shown["BJP"] == (12, 30) and shown["INC"] == (8, 27)


def test_without_the_token_or_with_bad_input_nothing_is_published(live: Live) -> None:
    before = len(live.events())
    article = {"text": HR_TEXT.replace("12", "14"), "published": "2024-10-08T12:00:00+05:30"}
    for token in (None, "wrong-token", ""):
        status, answer = live.service.post(article, token=token)
        assert status == 401, answer
        assert "Bearer" in answer["message"]
    headers = {"Authorization": "Bearer test-ingest-token-7f3a", "Content-Type": "application/json"}
    for body, expected in ((b"{not json", 400), (b'{"text": ""}', 400), (b"\xff", 400)):
        status, _, reply = live.service.request("POST", "/api/articles", body, headers)
        assert status == expected and json.loads(reply)["message"]
    status, _, _ = live.service.request(
        "POST", "/api/articles", b"x", {**headers, "Content-Type": "image/png"}
    )
    assert status == 415
    time.sleep(1.0)
    assert len(live.events()) == before
    assert "test-ingest-token-7f3a" not in live.service.log_tail(400)


async def test_a_live_blog_posted_three_times_ends_with_its_newest_numbers(live: Live) -> None:
    url = "https://example.in/live/maharashtra"
    updates = [
        "Maharashtra assembly election results 2024: The BJP is leading in 95 seats, trends show.",
        "Update: the BJP is now leading in 110 seats in Maharashtra, trends show.",
        "Latest: the BJP is leading in 126 seats in Maharashtra, Election Commission trends show.",
    ]
    versions = []
    for n in range(1, 4):
        text = "\n\n".join(reversed(updates[:n]))  # newest update on top, as live blogs run
        status, answer = live.service.post(
            {"text": text, "url": url, "published": "2024-11-23T09:30:00+05:30"}
        )
        assert status == 202, answer
        versions.append(answer)
        time.sleep(1.1)
    assert [a["version"] for a in versions] == [1, 2, 3]
    assert len({a["article_id"] for a in versions}) == 1
    assert [a["published"] for a in versions] == [1, 1, 1], "old updates are not republished"
    status, again = live.service.post(
        {
            "text": "\n\n".join(reversed(updates)),
            "url": url,
            "published": "2024-11-23T09:30:00+05:30",
        }
    )
    assert (status, again["unchanged"], again["published"]) == (202, True, 0)
    events = live.until(lambda es: sum(e.source.url == url for e in es) >= 3)
    mine = [e for e in events if e.source.url == url]
    assert len(mine) == 3 and len({e.event_id for e in mine}) == 3, "no duplicates"
    live.applied()
    shown = reported((await contest_of(live, "MH", "MH-assembly-2024"))["board"])
    assert shown["BJP"][1] == 126


def test_a_new_and_a_changed_file_in_the_watched_folder_arrive(live: Live) -> None:
    path = live.folder / "jharkhand.json"
    article = {
        "text": JH_TEXT,
        "published": "2024-11-23T10:00:00+05:30",
        "outlet": "Example Desk",
    }
    path.write_text(json.dumps(article), encoding="utf-8")
    url = path.resolve().as_uri()
    live.until(lambda es: sum(e.source.url == url for e in es) == 2)
    article["text"] += " Later the JMM was leading in 34 seats, the latest trends show."
    path.write_text(json.dumps(article), encoding="utf-8")
    events = live.until(lambda es: sum(e.source.url == url for e in es) == 3)
    seats = sorted(e.payload.seats for e in events if e.source.url == url)  # type: ignore[union-attr]
    assert seats == [22, 30, 34]
    (live.folder / "notes.md").write_text("BJP won 99 seats", encoding="utf-8")
    time.sleep(1.0)
    assert not any(getattr(e.payload, "seats", None) == 99 for e in live.events())


def test_a_new_feed_entry_is_fetched_and_ingested(live: Live) -> None:
    def item(n: int, title: str) -> str:
        return ITEM.format(title=title, link=live.files.url(f"/story/{n}"))

    live.files.put(
        "/story/1",
        PAGE.format(
            title="Jharkhand",
            text=JH_STORY,
        ),
        "text/html",
    )
    live.files.put(
        "/feed.xml",
        FEED.format(base=live.files.url("/"), items=item(1, "Jharkhand")),
        "application/rss+xml",
    )
    live.until(lambda es: any(e.source.url == live.files.url("/story/1") for e in es))
    time.sleep(1.5)
    assert live.files.hits["/feed.xml"][1] >= 1, "an unchanged feed is answered 304"
    live.files.put(
        "/story/2",
        PAGE.format(
            title="Delhi",
            text=DL_STORY,
        ),
        "text/html",
    )
    live.files.put(
        "/feed.xml",
        FEED.format(base=live.files.url("/"), items=item(2, "Delhi") + item(1, "Jharkhand")),
        "application/rss+xml",
    )
    events = live.until(lambda es: any(e.source.url == live.files.url("/story/2") for e in es))
    assert sum(e.source.url == live.files.url("/story/1") for e in events) == 2, "entry 1 once"
    assert live.files.hits["/story/1"][0] == 1


async def test_an_official_table_publishes_only_the_seats_that_changed(live: Live) -> None:
    def feed_events(es: list[TallyEvent]) -> list[TallyEvent]:
        return [e for e in es if e.source.kind == "feed"]

    first = live.until(lambda es: len(feed_events(es)) == 3)
    assert {e.contest.code for e in feed_events(first)} == {"DL-assembly-2025"}
    later = [row for row in MORNING]
    later[1] = (1, "NORTH END", "B. KUMAR", "Aam Aadmi Party", 5600)  # AAP takes the lead
    live.files.put("/results.csv", table("2025-02-08 10:30:00 +0530", later), "text/csv")
    events = live.until(lambda es: len(feed_events(es)) == 4)
    time.sleep(1.5)
    events = feed_events(live.events())
    assert len(events) == 4, "the two unchanged seats are not published again"
    newest = events[-1].payload
    assert (newest.ac_no, newest.party, newest.margin) == (1, "AAP", 600)  # type: ignore[union-attr]
    live.applied()
    seats = {
        row["ac_no"]: row
        for row in (await contest_of(live, "DL", "DL-assembly-2025"))["seats"].values()
    }
    assert seats[1]["party"] == "AAP" and seats[3]["party"] == "BJP"


def test_a_restart_republishes_nothing(live: Live) -> None:
    before = len(live.events())
    live.service.restart()
    time.sleep(2.0)  # several watch, feed and results polls
    status, answer = live.service.post(
        {
            "text": HR_TEXT,
            "url": "https://example.in/haryana/1",
            "published": "2024-10-08T11:00:00+05:30",
        }
    )
    assert (status, answer["unchanged"], answer["published"]) == (202, True, 0)
    assert len(live.events()) == before
    _, _, metrics = live.service.request("GET", "/metrics")
    assert b"tally_ingest_unchanged_total" in metrics
