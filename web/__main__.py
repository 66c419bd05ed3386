"""``python -m web serve``: run the websocket server, REST API and dashboard on one port."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import replace

from web.server import App
from web.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m web", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="serve /ws, /api/*, /healthz, /metrics and the dashboard")
    run.add_argument("--host", help="bind address (WEB_HOST, default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port (WEB_PORT, default 8080; 0 picks a free one)")
    run.add_argument("--redis-url", help="Redis to read (REDIS_URL)")
    run.add_argument("--log-level", default="INFO")
    return parser


async def _serve(settings: Settings) -> None:
    app = App(settings)
    await app.start()
    # The first stdout line tells scripts and tests which port was bound.
    print(f"listening on http://{settings.host}:{app.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    pump = app.pump_task
    assert pump is not None
    done, _ = await asyncio.wait(
        [asyncio.create_task(stop.wait()), pump], return_when=asyncio.FIRST_COMPLETED
    )
    failed = pump in done and not pump.cancelled() and pump.exception() is not None
    await app.close()
    if failed:
        raise SystemExit(f"the Redis reader stopped: {pump.exception()!r}")


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    settings = Settings.from_env()
    overrides = {
        k: v
        for k, v in {"host": args.host, "port": args.port, "redis_url": args.redis_url}.items()
        if v is not None
    }
    asyncio.run(_serve(replace(settings, **overrides)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
