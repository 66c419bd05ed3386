"""The terminal client against the real server."""

from __future__ import annotations

import asyncio

import pytest
from rich.console import Console

from web.state_model import StateModel
from web.watch import follow, main, render

pytestmark = pytest.mark.servers


def text_of(renderable) -> str:
    console = Console(record=True, width=140)
    console.print(renderable)
    return console.export_text()


async def test_watch_follows_the_state_channel_and_renders_it(server, gj):
    statuses: list[str] = []
    url = f"ws://127.0.0.1:{server.port}/ws"
    await gj.party("BJP", "won", 95)

    def seen(model: StateModel | None, status: str) -> None:
        statuses.append(status)

    task = asyncio.create_task(
        follow(url, "GJ", seen, stop=lambda m: m.party_numbers("GJ-assembly-2022")["INC"][0] == 9)
    )
    await asyncio.sleep(0)
    while "live" not in statuses:
        await asyncio.sleep(0.01)
    await gj.party("INC", "won", 9)
    model = await asyncio.wait_for(task, 20)
    assert model.party_numbers("GJ-assembly-2022")["BJP"] == (95, 20, 115)
    shown = text_of(render(model, "GJ", "live"))
    assert "Gujarat · गुजरात" in shown and "live" in shown
    assert "Bharatiya Janata Party" in shown and "115" in shown
    assert "majority 92 of 182" in shown


async def test_watch_once_prints_the_board(server, gj, capsys):
    url = f"ws://127.0.0.1:{server.port}/ws"
    code = await asyncio.to_thread(main, ["--state", "gj", "--url", url, "--once"])
    assert code == 0
    assert "Indian National Congress" in capsys.readouterr().out


def test_watch_refuses_an_unknown_state(capsys):
    with pytest.raises(SystemExit):
        main(["--state", "ZZ", "--once"])
    assert "unknown state code" in capsys.readouterr().err
