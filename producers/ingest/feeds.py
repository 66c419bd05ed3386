"""RSS and Atom feeds (feedparser): each new or updated entry's page becomes an article version.

A poll is a conditional GET (the feed's last ``ETag`` and ``Last-Modified`` are kept in the
store), so an unchanged feed costs one 304. An entry is fetched when its id is new or its
``updated`` stamp moved; its page is reduced to text by trafilatura and ingested under the
entry's link, so a live blog that updates its entry becomes a new version of one article. When
the page cannot be fetched, the entry's own content or summary is used instead; when neither
gives text, the entry is retried on the next poll.
"""

from __future__ import annotations

import calendar
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import feedparser

from producers.ingest.fetch import FetchError, fetch
from producers.ingest.intake import Submission, SubmissionError, checked, html_to_text
from producers.ingest.service import Ingestor

__all__ = ["FeedPoll"]

log = logging.getLogger(__name__)


def _published(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat()


def _inline_text(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content") or []] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if not html.strip():
        return ""
    return html_to_text(f"<html><body><article>{html}</article></body></html>") or html


class FeedPoll:
    """Polls one feed; each changed entry is ingested as a version of the article at its link."""

    def __init__(self, url: str, ingestor: Ingestor) -> None:
        self.url = url
        self.ingestor = ingestor
        self.name = "feed"
        self.source = url

    def poll(self) -> int:
        """One poll; returns how many entries were ingested. Raises FetchError on a bad feed."""
        store = self.ingestor.store
        got = fetch(
            self.url,
            etag=store.mark("feed-etag", self.url),
            modified=store.mark("feed-modified", self.url),
        )
        if got.body is None:
            return 0
        parsed = feedparser.parse(got.body)
        if parsed.bozo and not parsed.entries:
            raise FetchError(f"{self.url} is not an RSS or Atom feed: {parsed.bozo_exception}")
        outlet = parsed.feed.get("title") or urlparse(self.url).hostname
        done = 0
        for entry in parsed.entries:
            done += self._entry(entry, outlet)
        if got.etag:
            store.set_mark("feed-etag", self.url, got.etag)
        if got.modified:
            store.set_mark("feed-modified", self.url, got.modified)
        return done

    def _entry(self, entry: Any, outlet: str | None) -> int:
        store = self.ingestor.store
        link = entry.get("link")
        key = entry.get("id") or link
        if not key or not link:
            return 0
        stamp = entry.get("updated") or entry.get("published") or ""
        if store.mark("entry", key) == stamp:
            return 0
        text = ""
        try:
            page = fetch(link)
            if page.body:
                text = html_to_text(page.body.decode("utf-8", "replace"))
        except FetchError as exc:
            self.ingestor.metrics.source_errors.labels("feed").inc()
            log.warning("feed entry %s: %s; using the entry's own text", link, exc)
        text = text or _inline_text(entry)
        if not text.strip():
            log.warning("feed entry %s has no text yet; retrying next poll", link)
            return 0
        try:
            submission = checked(
                Submission(
                    text=text,
                    url=link if link.startswith(("http://", "https://")) else None,
                    published=_published(entry),
                    outlet=outlet,
                    title=entry.get("title"),
                )
            )
        except SubmissionError as exc:
            self.ingestor.metrics.source_errors.labels("feed").inc()
            log.warning("feed entry %s skipped: %s", link, exc)
            store.set_mark("entry", key, stamp)
            return 0
        self.ingestor.ingest(submission, source="feed")
        store.set_mark("entry", key, stamp)
        return 1
