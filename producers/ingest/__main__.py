"""``python -m producers.ingest``: the live ingest service (HTTP API, folder watch, feeds, results).

Every source is optional; the HTTP API always runs. Settings come from flags, else from the
environment, else the defaults below:

  INGEST_HOST / --host            address to bind (default 127.0.0.1)
  INGEST_PORT / --port            port of the HTTP API (default 8081)
  TALLY_INGEST_TOKEN              bearer token every write must carry; unset: writes refused
  INGEST_MAX_BODY                 largest request body in bytes (default 2097152)
  INGEST_RATE / INGEST_BURST      requests per second per client, and the burst (5, 20)
  INGEST_STATE_DIR / --state-dir  where the seen-store lives (default .run/ingest)
  KAFKA_BOOTSTRAP, TALLY_NAMESPACE, TALLY_PARTITIONS   as for the replay

See docs/ingest.md.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from pythonjsonlogger.json import JsonFormatter

from producers.ingest.api import make_app
from producers.ingest.feeds import FeedPoll
from producers.ingest.metrics import IngestMetrics
from producers.ingest.polling import Poller, run_poller
from producers.ingest.results import ResultsPoll
from producers.ingest.service import Ingestor
from producers.ingest.store import SeenStore
from producers.ingest.watch import FolderWatch
from producers.publisher import KafkaSettings, Publisher, PublishError, ensure_topic

log = logging.getLogger("producers.ingest")

ROOT = Path(__file__).resolve().parents[2]


class SettingError(ValueError):
    """A setting has a value the service cannot use; the message names it."""


def _number(name: str, default: float, *, low: float, integer: bool = False) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        kind = "an integer" if integer else "a number"
        raise SettingError(f"{name}={raw!r} is not {kind}") from None
    if value < low:
        raise SettingError(f"{name}={raw!r} must be at least {low:g}")
    return value


@dataclass(frozen=True)
class IngestSettings:
    host: str
    port: int
    token: str
    max_body: int
    rate: float
    burst: float
    state_dir: Path

    @classmethod
    def from_env(cls) -> IngestSettings:
        port = int(_number("INGEST_PORT", 8081, low=1, integer=True))
        if port > 65535:
            raise SettingError(f"INGEST_PORT={port} is outside 1-65535")
        return cls(
            host=os.environ.get("INGEST_HOST") or "127.0.0.1",
            port=port,
            token=os.environ.get("TALLY_INGEST_TOKEN", ""),
            max_body=int(_number("INGEST_MAX_BODY", 2 * 1024 * 1024, low=1024, integer=True)),
            rate=_number("INGEST_RATE", 5.0, low=0.01),
            burst=_number("INGEST_BURST", 20.0, low=1),
            state_dir=Path(os.environ.get("INGEST_STATE_DIR") or ROOT / ".run" / "ingest"),
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m producers.ingest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", help="address to bind (default $INGEST_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="API port (default $INGEST_PORT or 8081)")
    parser.add_argument("--state-dir", type=Path, help="seen-store folder ($INGEST_STATE_DIR)")
    parser.add_argument("--bootstrap", help="Kafka bootstrap (default $KAFKA_BOOTSTRAP)")
    parser.add_argument("--watch", type=Path, metavar="DIR", help="ingest files dropped here")
    parser.add_argument("--watch-interval", type=float, default=2.0, help="seconds (default 2)")
    parser.add_argument(
        "--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed (repeatable)"
    )
    parser.add_argument("--feed-interval", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument(
        "--results",
        action="append",
        default=[],
        metavar="URL|FILE",
        help="official results table, CSV or JSON (repeatable)",
    )
    parser.add_argument("--results-interval", type=float, default=30.0, help="seconds (default 30)")
    parser.add_argument(
        "--threshold", type=float, help="publication threshold for extracted facts (0-1)"
    )
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning"])
    parser.add_argument("--log-format", default="text", choices=["text", "json"])
    return parser


def _logging(level: str, form: str) -> None:
    handler = logging.StreamHandler()
    if form == "json":
        handler.setFormatter(
            JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", timestamp=False)
        )
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)


async def serve(
    settings: IngestSettings, ingestor: Ingestor, pollers: list[tuple[Poller, float]]
) -> None:
    """Run the API and the pollers until SIGINT or SIGTERM."""
    app = make_app(
        ingestor,
        token=settings.token,
        max_body=settings.max_body,
        rate=settings.rate,
        burst=settings.burst,
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    writes = "on" if settings.token else "off (set TALLY_INGEST_TOKEN)"
    log.info("ingest API on http://%s:%d/ (writes %s)", settings.host, settings.port, writes)
    tasks = [
        asyncio.create_task(run_poller(p, interval, ingestor.metrics, stop))
        for p, interval in pollers
    ]
    await stop.wait()
    await asyncio.gather(*tasks)
    await runner.cleanup()


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    _logging(args.log_level, args.log_format)
    try:
        settings = IngestSettings.from_env()
        kafka = KafkaSettings.from_env(bootstrap=args.bootstrap)
    except (SettingError, PublishError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for flag, value in (
        ("--watch-interval", args.watch_interval),
        ("--feed-interval", args.feed_interval),
        ("--results-interval", args.results_interval),
    ):
        if value <= 0:
            print(f"error: {flag} must be more than 0 seconds", file=sys.stderr)
            return 2
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        print("error: --threshold must be from 0 to 1", file=sys.stderr)
        return 2
    if args.host:
        settings = IngestSettings(**{**settings.__dict__, "host": args.host})
    if args.port:
        settings = IngestSettings(**{**settings.__dict__, "port": args.port})
    if args.state_dir:
        settings = IngestSettings(**{**settings.__dict__, "state_dir": args.state_dir})
    try:
        ensure_topic(kafka)
        publisher = Publisher(kafka)
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store = SeenStore(settings.state_dir / "seen.sqlite3")
    ingestor = Ingestor(store, publisher, IngestMetrics(), threshold=args.threshold)
    pollers: list[tuple[Poller, float]] = []
    if args.watch:
        pollers.append((FolderWatch(args.watch, ingestor), args.watch_interval))
    pollers += [(FeedPoll(url, ingestor), args.feed_interval) for url in args.feed]
    pollers += [(ResultsPoll(src, ingestor), args.results_interval) for src in args.results]
    try:
        asyncio.run(serve(settings, ingestor, pollers))
    except OSError as exc:
        print(f"error: cannot serve on {settings.host}:{settings.port}: {exc}", file=sys.stderr)
        return 1
    finally:
        publisher.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
