"""The dashboard's reducer (web/static/js/reducer.js), in Chromium, meets the board fixtures."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from playwright.async_api import Browser, Page

from tests.browser.conftest import page_errors
from tests.support.board_fixtures import load_fixtures
from web.server import App, running
from web.settings import Settings

pytestmark = [pytest.mark.servers, pytest.mark.browser]

FIXTURES = load_fixtures()

REDUCE = """async (fixtures) => {
  const { createModel, applyChange, correctionList } = await import("/js/reducer.js");
  const out = {};
  for (const f of fixtures) {
    const model = createModel({ state: f.state, contests: {} });
    for (const change of f.changes) applyChange(model, change);
    out[f.name] = { contests: model.contests, corrections: correctionList(model) };
  }
  return out;
}"""

STATED = "if (change.correction) model.corrections.push({ ...change });"
INFERRING = (
    "if (change.correction || (typeof change.old === 'number' && typeof value === 'number'"
    " && value < change.old)) model.corrections.push({ ...change });"
)
"""A broken rule: any lower number is a correction (the reducer re-derives what the log states)."""


@pytest.fixture
async def server(redis_url: str) -> AsyncIterator[App]:
    async with running(replace(Settings(), redis_url=redis_url, port=0, block_ms=100)) as app:
        yield app


def payload() -> list[dict]:
    return [{"name": f.name, "state": f.state, "changes": f.changes()} for f in FIXTURES]


async def reduce_in(page: Page, app: App) -> dict:
    await page.goto(f"http://127.0.0.1:{app.port}/")
    return await page.evaluate(REDUCE, payload())


async def test_the_browser_reducer_reaches_each_fixtures_boards_seats_and_corrections(
    server: App, page: Page
) -> None:
    got = await reduce_in(page, server)
    for fixture in FIXTURES:
        assert got[fixture.name]["contests"] == fixture.expected["contests"], fixture.name
        assert got[fixture.name]["corrections"] == fixture.expected["corrections"], fixture.name


async def test_a_browser_reducer_that_infers_corrections_fails_the_fixtures(
    server: App, browser: Browser
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    errors = page_errors(page)

    async def broken(route):
        response = await route.fetch()
        source = await response.text()
        assert STATED in source
        await route.fulfill(response=response, body=source.replace(STATED, INFERRING))

    await page.route("**/js/reducer.js", broken)
    await page.goto(f"http://127.0.0.1:{server.port}/")
    got = await page.evaluate(REDUCE, payload())
    await context.close()
    assert errors == []
    fixture = next(f for f in FIXTURES if f.name == "corrections")
    assert got[fixture.name]["corrections"] != fixture.expected["corrections"]
    assert json.dumps(got[fixture.name]["contests"], sort_keys=True) == json.dumps(
        fixture.expected["contests"], sort_keys=True
    )
