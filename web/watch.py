"""``python -m web.watch --state GJ``: a live scoreboard in the terminal, fed by the websocket.

Reconnects on its own and resumes from the last position it saw, like the browser dashboard.
``--once`` prints the current board and exits (handy in scripts).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from tally.reference import parties, states
from web.state_model import StateModel

__all__ = ["follow", "main", "render"]

Status = str
"""Connection state shown in the title: ``connecting``, ``live`` or ``reconnecting``."""


def _default_url() -> str:
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = os.environ.get("WEB_PORT", "8080")
    return f"ws://{host}:{port}/ws"


def render(model: StateModel | None, state: str, status: Status) -> RenderableType:
    """The scoreboard: one table per contest, its headline's parties by total, with the
    majority mark."""
    info = states().get(state)
    title = f"{info.name} · {info.name_hi}" if info else state
    marker = {"live": "[green]● live[/]", "connecting": "[yellow]● connecting[/]"}.get(
        status, "[red]● reconnecting[/]"
    )
    if model is None:
        return Text.from_markup(f"[bold]{title}[/]  {marker}\nWaiting for the snapshot…")
    tables: list[RenderableType] = [Text.from_markup(f"[bold]{title}[/]  {marker}")]
    if not model.contests:
        tables.append(Text("No results for this state yet."))
    names = parties()
    for code, board in sorted(model.boards().items()):
        majority, seats = board.get("majority"), board.get("seats")
        headline = board.get("headline") or {}
        layer = "from news reports" if headline.get("layer") == "reported" else "counted"
        caption = (
            f"{layer}: {headline.get('why', '')}"
            f"\n{board.get('seats_declared', 0)} declared,"
            f" {board.get('seats_counted', 0)} reporting"
            f" · last updated {board.get('updated_at') or '—'}"
        )
        table = Table(
            title=f"{code}  (majority {majority or '—'} of {seats or '—'})",
            caption=caption,
            title_justify="left",
        )
        table.add_column("Party")
        table.add_column("Name")
        for column in ("Won", "Leading", "Total"):
            table.add_column(column, justify="right")
        table.add_column("To majority", justify="right")
        rows = sorted(
            headline.get("parties", board.get("parties", [])),
            key=lambda r: (-r.get("total", 0), -r.get("won", 0), r["party"]),
        )
        for row in rows:
            known = names.get(row["party"])
            total = row.get("total", 0)
            gap = "" if not majority else ("✓" if total >= majority else str(majority - total))
            table.add_row(
                row["party"],
                f"{known.name} · {known.name_hi}" if known else "",
                str(row.get("won", 0)),
                str(row.get("leading", 0)),
                f"[bold]{total}[/]",
                gap,
            )
        tables.append(table)
    for fix in model.corrections[-3:]:
        tables.append(
            Text(f"correction {fix['contest']} {fix['key']}: {fix['old']} → {fix['new']}")
        )
    return Group(*tables)


async def follow(
    url: str,
    state: str,
    on_change: Callable[[StateModel | None, Status], None],
    *,
    stop: Callable[[StateModel], bool] | None = None,
) -> StateModel | None:
    """Keep a model of ``state:<state>`` current until ``stop(model)`` says so (or forever)."""
    channel = f"state:{state}"
    model: StateModel | None = None
    since: dict[str, str] | None = None
    delay = 0.5
    while True:
        try:
            async with connect(url, open_timeout=10) as ws:
                delay = 0.5
                op: dict[str, Any] = {"op": "subscribe", "channel": channel}
                if since is not None:
                    op["since"] = since
                await ws.send(json.dumps(op))
                on_change(model, "live")
                async for frame in ws:
                    message = json.loads(frame)
                    kind = message.get("type")
                    if kind == "error":
                        raise SystemExit(f"server refused: {message['code']}: {message['message']}")
                    if kind == "snapshot":
                        model = StateModel(message["data"])
                    elif kind == "update" and model is not None:
                        model.apply(message["data"])
                    else:
                        continue
                    since = {"epoch": message["epoch"], "offset": message["offset"]}
                    on_change(model, "live")
                    if stop is not None and stop(model):
                        return model
        except (TimeoutError, OSError, ConnectionClosed, InvalidHandshake):
            on_change(model, "reconnecting")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.watch", description=__doc__)
    parser.add_argument("--state", required=True, help="state code, e.g. GJ")
    parser.add_argument(
        "--url", default=_default_url(), help="websocket URL (default: %(default)s)"
    )
    parser.add_argument("--once", action="store_true", help="print the current board and exit")
    args = parser.parse_args(argv)
    state = args.state.upper()
    if state not in states():
        parser.error(f"unknown state code {args.state!r}")
    console = Console()
    try:
        if args.once:
            model = asyncio.run(follow(args.url, state, lambda m, s: None, stop=lambda m: True))
            console.print(render(model, state, "live"))
            return 0
        with Live(render(None, state, "connecting"), console=console, auto_refresh=False) as live:

            def show(model: StateModel | None, status: Status) -> None:
                live.update(render(model, state, status), refresh=True)

            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(follow(args.url, state, show))
    except InvalidURI as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
