"""The ingest core: version an article, extract it, publish its facts, remember it.

Every source (HTTP, folder, feed) hands a :class:`Submission` to :meth:`Ingestor.ingest`, and
the results poller hands seat results to :meth:`Ingestor.publish`; so versioning, extraction
and publishing happen in one place, under one lock.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import msgspec

from producers.articles import IST, Article, guess_lang
from producers.extraction import extract_events
from producers.ingest.intake import Submission, article_id_for, digest_of, published_for
from producers.ingest.metrics import IngestMetrics
from producers.ingest.store import SeenStore
from tally.events import TallyEvent

__all__ = ["EventSink", "IngestResult", "Ingestor", "sentence_digest", "version_time"]

log = logging.getLogger(__name__)


class EventSink(Protocol):
    """Where events go: :class:`producers.publisher.Publisher` in the service."""

    def send(self, event: TallyEvent) -> Any: ...

    def flush(self, timeout: float | None = 60.0) -> None: ...


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    version: int
    unchanged: bool
    facts: list[dict[str, Any]] = field(default_factory=list)
    published: int = 0
    held_for_review: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "version": self.version,
            "unchanged": self.unchanged,
            "facts": self.facts,
            "published": self.published,
            "held_for_review": self.held_for_review,
        }


def sentence_digest(event: TallyEvent) -> str:
    """Names the sentence a fact came from, whitespace folded (pure)."""
    sentence = " ".join((event.source.sentence or "").split())
    return hashlib.sha256(f"{event.contest.code}\x1f{sentence}".encode()).hexdigest()[:24]


def _fact(event: TallyEvent, *, restated: bool) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "contest": event.contest.code,
        "payload": msgspec.to_builtins(event.payload),
        "confidence": event.confidence,
        "review": bool(event.review),
        "sentence": event.source.sentence,
        "restated": restated,
    }


def version_time(
    given: tuple[datetime | None, bool],
    previous: tuple[str, str, bool] | None,
    received: datetime,
) -> tuple[datetime, bool]:
    """When a version's facts held, and whether that is a day alone (pure).

    Version 1 is dated as the source dates it, else by its arrival. A later version is dated
    by the source when it gives a later time; otherwise the previous version's time moves on
    by the time that passed between their arrivals (at least a second), so a live blog posted
    again stays on its own day and each version still sorts after the one before.
    """
    stated, stated_day_only = given
    if previous is None:
        return (stated, stated_day_only) if stated is not None else (received, False)
    seen_at, dated, day_only = previous
    before = datetime.fromisoformat(dated)
    if stated is not None and stated > before and not stated_day_only:
        return stated, False
    elapsed = max(received - datetime.fromisoformat(seen_at), timedelta(seconds=1))
    return before + elapsed, day_only


def _now() -> datetime:
    return datetime.now(IST)


class Ingestor:
    """Versions, extracts and publishes; the store makes it idempotent across restarts."""

    def __init__(
        self,
        store: SeenStore,
        sink: EventSink,
        metrics: IngestMetrics,
        *,
        clock: Callable[[], datetime] = _now,
        threshold: float | None = None,
    ) -> None:
        self.store = store
        self.sink = sink
        self.metrics = metrics
        self.clock = clock
        self.threshold = threshold
        self._lock = threading.Lock()

    def ingest(self, submission: Submission, *, source: str = "api") -> IngestResult:
        """Publish the facts of a new version; an already-seen text publishes nothing.

        Each version is dated by :func:`version_time`, so a newer version's numbers
        supersede the older version's in the reported layer (the newest time wins each line).
        A live blog keeps its old updates as it grows: a fact from a sentence an earlier
        version already had is *restated* and not published again, so an old update never
        comes back dated as the new version.
        """
        article_id, digest = article_id_for(submission), digest_of(submission)
        with self._lock:
            seen = self.store.version_of(article_id, digest)
            if seen is not None:
                self.metrics.unchanged.labels(source).inc()
                return IngestResult(article_id=article_id, version=seen, unchanged=True)
            received = self.clock()
            published, day_only = version_time(
                published_for(submission), self.store.latest(article_id), received
            )
            text = submission.text
            if submission.title and submission.title.strip() not in text[:500]:
                text = f"{submission.title.strip()}\n\n{text}"
            article = Article(
                id=article_id,
                lang=submission.lang or guess_lang(text),  # type: ignore[arg-type]
                text=text,
                published=published,
                date_only=day_only,
                outlet=submission.outlet,
                url=submission.url,
            )
            events = extract_events(article, ingest_time=received, threshold=self.threshold)
            earlier = self.store.sentences(article_id)
            fresh = [e for e in events if sentence_digest(e) not in earlier]
            fresh_ids = {e.event_id for e in fresh}
            self.publish(fresh)
            version = self.store.add_version(
                article_id, digest, received.isoformat(), published.isoformat(), day_only
            )
            self.store.add_sentences(article_id, {sentence_digest(e) for e in events})
        held = sum(1 for e in fresh if e.review)
        self.metrics.articles.labels(source).inc()
        self.metrics.facts_published.inc(len(fresh) - held)
        self.metrics.facts_held.inc(held)
        log.info(
            "article %s version %d from %s: %d facts published, %d held, %d restated",
            article_id,
            version,
            source,
            len(fresh) - held,
            held,
            len(events) - len(fresh),
        )
        return IngestResult(
            article_id=article_id,
            version=version,
            unchanged=False,
            facts=[_fact(e, restated=e.event_id not in fresh_ids) for e in events],
            published=len(fresh) - held,
            held_for_review=held,
        )

    def publish(self, events: Sequence[TallyEvent]) -> None:
        """Send and wait until the broker has them all (raises PublishError otherwise)."""
        for event in events:
            self.sink.send(event)
        if events:
            self.sink.flush()
