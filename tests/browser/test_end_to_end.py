"""An event produced to Kafka, counted by the worker, changes the number on screen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import redis
from playwright.async_api import expect

from tally.events import Contest, SeatResult, Source, TallyEvent, make_event
from tests.support.kafka_events import create_topics, produce
from tests.support.worker import running_worker
from web.server import running
from web.settings import Settings

pytestmark = [pytest.mark.servers, pytest.mark.browser]

GJ = Contest(house="assembly", state="GJ", year=2022)
START = datetime.fromisoformat("2022-12-08T09:00:00+05:30")


def seat(ac_no: int, name: str, candidate: str, margin: int, minute: int) -> TallyEvent:
    sentence = f"{name}: {candidate} (BJP) leads by {margin} votes after round 4 of 20."
    start = sentence.index(str(margin))
    return make_event(
        contest=GJ,
        payload=SeatResult(
            constituency=name,
            ac_no=ac_no,
            candidate=candidate,
            party="BJP",
            status="leading",
            margin=margin,
            round=4,
            total_rounds=20,
        ),
        source=Source(
            kind="article",
            outlet="Live blog",
            lang="en",
            sentence=sentence,
            span=(start, start + len(str(margin))),
            published="2022-12-08T09:05:00+05:30",
        ),
        event_time=START + timedelta(minutes=minute),
        ingest_time=START + timedelta(minutes=minute + 1),
    )


@pytest.fixture
def worker(kafka_bootstrap: str, redis_url: str, namespace: str) -> Iterator[str]:
    redis.Redis.from_url(redis_url).flushall()
    create_topics(kafka_bootstrap, namespace)
    with running_worker(kafka_bootstrap, redis_url, namespace):
        yield namespace


async def test_a_produced_event_changes_the_number_on_screen(
    kafka_bootstrap, redis_url, worker, page
):
    settings = replace(Settings(), redis_url=redis_url, port=0, block_ms=100)
    async with running(settings) as app:
        produce(kafka_bootstrap, worker, [seat(3, "Bhuj", "K. Patel", 5200, 0)])
        await page.goto(f"http://127.0.0.1:{app.port}/#/state/GJ")
        section = page.locator('section[data-contest="GJ-assembly-2022"]')
        leading = section.locator('tr[data-party="BJP"] td.leading .num')
        await expect(leading).to_have_text("1", timeout=60_000)
        produce(kafka_bootstrap, worker, [seat(4, "Anjar", "T. Bijal", 812, 2)])
        await expect(leading).to_have_text("2", timeout=60_000)
        await expect(section.locator('tr[data-seat="4"]')).to_contain_text("4 of 20")
        item = page.locator(".feed__item", has_text="Anjar")
        await item.locator("button.src").hover()
        await expect(page.locator("#source-pop")).to_contain_text("T. Bijal (BJP) leads by 812")
