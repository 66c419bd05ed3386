"""The seeds day replayed through Kafka and the worker: Jammu and Kashmir's page is headed by
what the articles report (JKNC+INC 49, BJP 29), with the one counted seat beside it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import redis
from playwright.async_api import Page, expect

from tests.producers.test_replay_end_to_end import replay, wait_applied
from tests.support.worker import running_worker
from web.server import running
from web.settings import Settings

pytestmark = [pytest.mark.servers, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
JK = "JK-assembly-2024"
MIDNIGHT = re.compile(r"00:00:00")


async def test_after_the_seeds_jammu_and_kashmir_is_headed_by_the_reported_numbers(
    kafka_bootstrap: str, redis_url: str, namespace: str, page: Page
) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        replay("seeds", kafka_bootstrap=kafka_bootstrap, namespace=namespace)
        wait_applied(client, kafka_bootstrap, namespace, worker)
    client.close()
    settings = replace(Settings(), redis_url=redis_url, port=0, block_ms=100)
    async with running(settings) as app:
        base = f"http://127.0.0.1:{app.port}"
        response = await page.request.get(f"{base}/api/states/JK")
        assert response.ok
        text = await response.text()
        board = json.loads(text)["data"]["contests"][JK]["board"]
        headline = board["headline"]
        assert headline["layer"] == "reported"
        alliances = {a["alliance"]: a["total"] for a in headline["alliances"]}
        assert alliances["INC+JKNC"] == 49
        assert {p["party"]: p["total"] for p in headline["parties"]}["BJP"] == 29
        assert headline["seats_counted"] == 1
        assert not MIDNIGHT.search(text), "a date-only source shows a clock time"
        national = await (await page.request.get(f"{base}/api/states")).text()
        assert not MIDNIGHT.search(national)
        feed = await (await page.request.get(f"{base}/api/feed?limit=500")).json()
        dated = [item["event"] for item in feed["data"]["events"] if item["event"].get("date_only")]
        assert dated, "the seeds have date-only sources"
        assert all(len(event["event_time"]) == 10 for event in dated)
        assert not MIDNIGHT.search(json.dumps(feed))

        await page.goto(f"{base}/#/state/JK")
        section = page.locator(f'section[data-contest="{JK}"]')
        block = section.locator(".headline")
        await expect(block).to_have_attribute("data-layer", "reported")
        await expect(block.locator('.headline__party[data-line="INC+JKNC"]')).to_be_visible()
        await expect(block.locator('.headline__num[data-line="INC+JKNC"]')).to_contain_text("49")
        await expect(block.locator('[data-line="BJP"]')).to_contain_text("29")
        await expect(block.locator(".headline__counted")).to_have_text("1 of 90 seats counted")
        await expect(section.locator(".contest__updated")).to_contain_text("8 Oct 2024")
        hr = page.locator("#main")
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "dashboard-jk-reported.png"), full_page=False)
        assert not MIDNIGHT.search(await hr.inner_text())
        assert not MIDNIGHT.search(await page.locator("#feed").inner_text())

        await page.goto(f"{base}/#/state/HR")
        sparse = page.locator('section[data-contest="HR-assembly-2024"] .contest__sparse')
        await expect(sparse).to_contain_text("Only one number reported so far: AAP")
        await expect(page.locator('section[data-contest="HR-assembly-2024"] svg')).to_have_count(0)
