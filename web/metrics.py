"""Counters the server keeps and their Prometheus text rendering. Pure: no clock, no I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Metrics", "render"]


@dataclass(slots=True)
class Metrics:
    """Process-wide counters; gauges are passed to :func:`render` as they stand."""

    connections_total: int = 0
    messages_sent: int = 0
    dropped_slow_clients: int = 0
    client_errors: Counter[str] = field(default_factory=Counter)
    rejected_entries: int = 0
    resumes: Counter[str] = field(default_factory=Counter)
    fanout_seconds: float = 0.0
    """Time spent writing update messages to live subscribers, summed over every update."""
    fanout_updates: int = 0
    stream_lag_seconds: dict[str, float] = field(default_factory=dict)
    """Per channel: seconds from an entry's stream id to its broadcast, for the last tick."""


def _line(name: str, value: float, labels: Mapping[str, str] | None = None) -> str:
    if labels:
        inner = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items()))
        return f"{name}{{{inner}}} {value:g}"
    return f"{name} {value:g}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def render(
    metrics: Metrics,
    *,
    connections: int,
    subscriptions: Mapping[str, int],
    readers_alive: bool,
) -> str:
    """The ``/metrics`` body in the Prometheus text exposition format (version 0.0.4)."""
    out: list[str] = []

    def family(name: str, kind: str, help_text: str) -> None:
        out.append(f"# HELP {name} {help_text}")
        out.append(f"# TYPE {name} {kind}")

    family("tally_web_connections", "gauge", "Open websocket connections.")
    out.append(_line("tally_web_connections", connections))
    family("tally_web_connections_total", "counter", "Websocket connections accepted.")
    out.append(_line("tally_web_connections_total", metrics.connections_total))
    family("tally_web_subscriptions", "gauge", "Subscriptions per channel.")
    for channel in sorted(subscriptions):
        out.append(_line("tally_web_subscriptions", subscriptions[channel], {"channel": channel}))
    family("tally_web_messages_sent_total", "counter", "Messages written to clients.")
    out.append(_line("tally_web_messages_sent_total", metrics.messages_sent))
    family("tally_web_fanout_seconds", "summary", "Writing one update to every subscriber.")
    out.append(_line("tally_web_fanout_seconds_sum", metrics.fanout_seconds))
    out.append(_line("tally_web_fanout_seconds_count", metrics.fanout_updates))
    family("tally_web_dropped_slow_clients_total", "counter", "Clients closed with 1013.")
    out.append(_line("tally_web_dropped_slow_clients_total", metrics.dropped_slow_clients))
    family("tally_web_client_errors_total", "counter", "Error messages sent, by code.")
    for code in sorted(metrics.client_errors):
        out.append(
            _line("tally_web_client_errors_total", metrics.client_errors[code], {"code": code})
        )
    family("tally_web_resumes_total", "counter", "Resume attempts, by outcome.")
    for outcome in sorted(metrics.resumes):
        out.append(_line("tally_web_resumes_total", metrics.resumes[outcome], {"outcome": outcome}))
    family("tally_web_rejected_entries_total", "counter", "Stream entries that broke the contract.")
    out.append(_line("tally_web_rejected_entries_total", metrics.rejected_entries))
    family("tally_web_stream_lag_seconds", "gauge", "Entry id time to broadcast, last tick.")
    for channel in sorted(metrics.stream_lag_seconds):
        lag = metrics.stream_lag_seconds[channel]
        out.append(_line("tally_web_stream_lag_seconds", lag, {"channel": channel}))
    family("tally_web_stream_readers_alive", "gauge", "1 when the Redis stream reader runs.")
    out.append(_line("tally_web_stream_readers_alive", 1 if readers_alive else 0))
    return "\n".join(out) + "\n"
