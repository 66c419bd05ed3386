"""The dashboard in real headless Chromium against the real server and Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from msgspec import structs
from playwright.async_api import expect

from streams.counting import board_change
from tally import redis_keys as K
from tally.changes import Board, Change, PartyRow, encode
from tests.browser.seed import CONTEST, HINDI_SENTENCE, seed_gujarat
from web.server import App, running
from web.settings import Settings

pytestmark = [pytest.mark.servers, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    await client.flushall()
    yield client
    await client.aclose()


@pytest.fixture
async def board(redis: aioredis.Redis) -> Board:
    return await seed_gujarat(redis, cutoff="14:30:00")


@pytest.fixture
async def server(redis_url: str, board: Board) -> AsyncIterator[App]:
    async with running(replace(Settings(), redis_url=redis_url, port=0, block_ms=100)) as app:
        yield app


def line(board: Board, party: str) -> PartyRow:
    return next(p for p in board.parties if p.party == party)


def moved(board: Board, party: str, **fields: object) -> Change:
    """The change that states ``board`` with one party line moved, as the worker logs it."""
    parties = [structs.replace(p, **fields) if p.party == party else p for p in board.parties]
    return board_change(structs.replace(board, parties=parties))


def base(app: App) -> str:
    return f"http://127.0.0.1:{app.port}"


async def test_the_dashboard_loads_with_the_national_overview(server, board, page):
    await page.goto(base(server) + "/")
    await expect(page.locator("#conn")).to_have_attribute("data-state", "live")
    card = page.locator(f'.card[data-contest="{CONTEST}"]')
    await expect(card).to_contain_text("Gujarat")
    await expect(card).to_contain_text("गुजरात")
    bjp = line(board, "BJP").total
    await expect(card.locator('.num[data-party="BJP"]')).to_have_text(str(bjp))
    await expect(page.locator("#tabs")).to_contain_text("Gujarat")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "dashboard-national.png"), full_page=True)


async def test_a_change_in_redis_changes_the_number_on_screen(server, board, page, redis):
    await page.goto(base(server) + "/#/state/GJ")
    inc = line(board, "INC")
    total = page.locator(f'section[data-contest="{CONTEST}"] tr[data-party="INC"] td.total .num')
    await expect(total).to_have_text(str(inc.total))
    for field, old in [("leading", inc.leading), ("total", inc.total)]:
        change = Change(
            contest=CONTEST, scope="party", key="INC", field=field, old=old, new=old + 2
        )
        await redis.xadd(K.changes("GJ"), {"c": encode(change)})
    # The narrating changes move no number: only the board that states them does.
    await page.wait_for_timeout(500)
    await expect(total).to_have_text(str(inc.total))
    board_moved = moved(board, "INC", leading=inc.leading + 2, total=inc.total + 2)
    await redis.xadd(K.changes("GJ"), {"c": encode(board_moved)})
    await expect(total).to_have_text(str(inc.total + 2))


async def test_a_correction_shows_old_and_new(server, board, page, redis):
    await page.goto(base(server) + "/#/state/GJ")
    row = page.locator(f'section[data-contest="{CONTEST}"] tr[data-party="BJP"]')
    won = line(board, "BJP").won
    await expect(row.locator("td.won .num")).to_have_text(str(won))
    change = Change(
        contest=CONTEST,
        scope="party",
        key="BJP",
        field="won",
        old=won,
        new=won - 2,
        correction=True,
        note=f"{won} → {won - 2} (source updated 14:31)",
        event_time="2022-12-08T14:31:00+05:30",
    )
    await redis.xadd(K.changes("GJ"), {"c": encode(change)})
    after = moved(board, "BJP", won=won - 2, total=line(board, "BJP").total - 2)
    after.new["updated_at"] = "2022-12-08T14:31:00+05:30"  # type: ignore[index]
    await redis.xadd(K.changes("GJ"), {"c": encode(after)})
    await expect(row.locator("td.won .correction")).to_have_text(f"{won} → {won - 2}")
    await expect(row.locator("td.won .num")).to_have_text(str(won - 2))
    await expect(page.locator(".contest__updated time")).to_contain_text("14:31:00 IST")


async def test_the_state_view_shows_the_majority_line_and_the_hemicycle(server, board, page):
    await page.goto(base(server) + "/#/state/GJ")
    section = page.locator(f'section[data-contest="{CONTEST}"]')
    hemicycle = section.locator("svg.hemicycle")
    await expect(hemicycle).to_be_visible()
    assert await hemicycle.locator("circle").count() == 182
    bjp = line(board, "BJP")
    assert await hemicycle.locator('circle.seat--won[data-party="BJP"]').count() == bjp.won
    assert await hemicycle.locator('circle.seat--leading[data-party="BJP"]').count() == bjp.leading
    await expect(hemicycle.locator(".hemicycle__majority")).to_have_count(1)
    await expect(hemicycle).to_contain_text("Majority 92")
    await expect(section.locator(".pbar__majority").first).to_be_visible()
    await expect(section.locator(".headline__gap")).to_contain_text("majority mark of 92")
    await expect(section.locator(".contest__updated")).to_contain_text("Last updated 14:30:00 IST")
    await expect(section.locator('tr[data-party="BJP"] .party__name')).to_contain_text(
        "भारतीय जनता पार्टी"
    )
    await expect(section.locator('tr[data-alliance="NDA"]')).to_contain_text("NDA")
    seat = section.locator('tr[data-seat="3"]')
    await expect(seat).to_contain_text("Bhuj")
    await expect(seat).to_contain_text(" of 23")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "dashboard-state.png"), full_page=False)


async def test_hovering_a_feed_number_shows_its_source_sentence(server, page):
    await page.goto(base(server) + "/")
    item = page.locator(".feed__item", has_text="158")
    await item.locator("button.src").hover()
    pop = page.locator("#source-pop")
    await expect(pop).to_be_visible()
    await expect(pop).to_contain_text(HINDI_SENTENCE)
    await expect(pop.locator("mark")).to_have_text("158")
    await expect(pop).to_contain_text("News article · published 8 Dec 2022 · for 11:05:00 IST")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "dashboard-source.png"))


async def test_the_page_reconnects_and_resumes_after_the_server_restarts(
    redis_url, board, page, redis
):
    settings = replace(Settings(), redis_url=redis_url, port=0, block_ms=100)
    async with running(settings) as first:
        port = first.port
        await page.goto(f"http://127.0.0.1:{port}/#/state/GJ")
        total = page.locator(
            f'section[data-contest="{CONTEST}"] tr[data-party="AAP"] td.total .num'
        )
        await expect(total).to_have_text("5")
        await expect(page.locator("#conn")).to_have_attribute("data-state", "live")
    await expect(page.locator("#conn")).not_to_have_attribute("data-state", "live")
    change = Change(contest=CONTEST, scope="party", key="AAP", field="total", old=5, new=6)
    await redis.xadd(K.changes("GJ"), {"c": encode(change)})
    await redis.xadd(K.changes("GJ"), {"c": encode(moved(board, "AAP", total=6))})
    async with running(replace(settings, port=port)):
        await expect(page.locator("#conn")).to_have_attribute("data-state", "live", timeout=30_000)
        await expect(total).to_have_text("6")


async def test_the_state_view_fits_a_phone_screen(server, browser):
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="en-IN")
    phone = await context.new_page()
    try:
        await phone.goto(base(server) + "/#/state/GJ")
        await expect(phone.locator("svg.hemicycle circle").first).to_be_visible()
        overflow = await phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        ARTIFACTS.mkdir(exist_ok=True)
        await phone.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"))
    finally:
        await context.close()
