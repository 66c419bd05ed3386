"""The pollers' loop: each source polled on its interval, failures logged and backed off.

A failure is never fatal: the next poll waits twice as long, up to ``MAX_BACKOFF`` seconds,
and the first success returns to the interval. ``tally_ingest_poll_lag_seconds`` says how long
ago each source last answered, so a dashboard shows a source that has gone quiet.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Protocol

from producers.ingest.metrics import IngestMetrics
from producers.publisher import PublishError

__all__ = ["MAX_BACKOFF", "Poller", "next_delay", "run_poller"]

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0
"""The longest wait between polls of a failing source, in seconds."""


class Poller(Protocol):
    name: str
    """The kind of source: ``watch``, ``feed`` or ``results``."""
    source: str
    """The folder, feed URL or table polled."""

    def poll(self) -> int: ...


def next_delay(interval: float, failures: int) -> float:
    """Seconds until the next poll after ``failures`` failures in a row (pure)."""
    if failures <= 0:
        return interval
    return min(MAX_BACKOFF, interval * 2**failures)


async def run_poller(
    poller: Poller, interval: float, metrics: IngestMetrics, stop: asyncio.Event
) -> None:
    """Poll until ``stop`` is set; a poll runs in a thread, so the API stays responsive."""
    failures = 0
    last_ok = time.monotonic()
    metrics.poll_lag.labels(f"{poller.name}:{poller.source}").set_function(
        lambda: time.monotonic() - last_ok
    )
    while not stop.is_set():
        try:
            await asyncio.to_thread(poller.poll)
        except (PublishError, OSError, ValueError, RuntimeError) as exc:
            failures += 1
            metrics.source_errors.labels(poller.name).inc()
            log.warning(
                "%s poll of %s failed (%d in a row, next in %.0fs): %s",
                poller.name,
                poller.source,
                failures,
                next_delay(interval, failures),
                exc,
            )
        else:
            failures, last_ok = 0, time.monotonic()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=next_delay(interval, failures))
