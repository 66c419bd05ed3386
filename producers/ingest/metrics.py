"""The ingest service's Prometheus metrics (prometheus_client), in a registry of its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

__all__ = ["IngestMetrics"]


@dataclass
class IngestMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.articles = Counter(
            "tally_ingest_articles", "Article versions taken in", ["source"], registry=r
        )
        self.unchanged = Counter(
            "tally_ingest_unchanged",
            "Submissions whose text was already seen",
            ["source"],
            registry=r,
        )
        self.facts_published = Counter(
            "tally_ingest_facts_published", "Facts published to be counted", registry=r
        )
        self.facts_held = Counter(
            "tally_ingest_facts_held", "Facts published but held for review", registry=r
        )
        self.seat_results = Counter(
            "tally_ingest_seat_results", "Official seat results published", registry=r
        )
        self.rejected = Counter(
            "tally_ingest_rejected", "Requests refused, by HTTP status", ["status"], registry=r
        )
        self.source_errors = Counter(
            "tally_ingest_source_errors",
            "Failed polls or fetches, by source",
            ["source"],
            registry=r,
        )
        self.poll_lag = Gauge(
            "tally_ingest_poll_lag_seconds",
            "Seconds since each polled source last answered",
            ["source"],
            registry=r,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
