"""Folder watch: new and changed ``.txt``, ``.json`` and ``.html`` files become articles.

Polls (every ``--watch-interval`` seconds) rather than using inotify so that it works the same
on network mounts and in containers. A file is read only when its size or mtime moved, and
ingested only when its content digest did: the digest is kept in the store, so a restart
reprocesses nothing. A file's article id follows its path, so a rewritten file is a new version.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import msgspec

from producers.articles import ArticleError, load_article
from producers.ingest.intake import Submission, SubmissionError, checked, html_to_text
from producers.ingest.service import Ingestor

__all__ = ["FolderWatch"]

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".json", ".html", ".htm")


class FolderWatch:
    def __init__(self, folder: Path, ingestor: Ingestor) -> None:
        self.folder = folder
        self.ingestor = ingestor
        self.name = "watch"
        self.source = str(folder)
        self._stat: dict[Path, tuple[int, int]] = {}

    def poll(self) -> int:
        """One scan (the pollers' common name for it)."""
        return self.scan()

    def scan(self) -> int:
        """Ingest what changed since the last scan; returns how many files were ingested."""
        done = 0
        if not self.folder.is_dir():
            self.ingestor.metrics.source_errors.labels("watch").inc()
            log.warning("watched folder %s does not exist", self.folder)
            return 0
        for path in sorted(self.folder.iterdir()):
            if (
                path.suffix.lower() not in SUFFIXES
                or path.name.startswith(".")
                or not path.is_file()
            ):
                continue
            stat = path.stat()
            moved = (stat.st_size, stat.st_mtime_ns)
            if self._stat.get(path) == moved:
                continue
            self._stat[path] = moved
            try:
                raw = path.read_bytes()
            except OSError as exc:
                log.warning("cannot read %s: %s", path, exc)
                continue
            digest = hashlib.sha256(raw).hexdigest()
            key = str(path.resolve())
            if self.ingestor.store.mark("file", key) == digest:
                continue
            try:
                submission = self._submission(path, raw)
                self.ingestor.ingest(submission, source="watch")
            except (ArticleError, SubmissionError, UnicodeDecodeError) as exc:
                self.ingestor.metrics.source_errors.labels("watch").inc()
                log.warning("skipped %s: %s", path.name, exc)
            self.ingestor.store.set_mark("file", key, digest)
            done += 1
        return done

    def _submission(self, path: Path, raw: bytes) -> Submission:
        """The file as a submission; its URL (its article id) is the file's own ``file:`` URI
        unless a JSON article names one."""
        url = path.resolve().as_uri()
        if path.suffix.lower() in (".html", ".htm"):
            found = checked(Submission(text=html_to_text(raw.decode("utf-8"))))
            return msgspec.structs.replace(found, url=url)
        article = load_article(path)
        published = None
        if article.published is not None:
            published = (
                article.published.date().isoformat()
                if article.date_only
                else article.published.isoformat()
            )
        found = checked(
            Submission(
                text=article.text,
                published=published,
                lang=article.lang,
                outlet=article.outlet,
            )
        )
        return msgspec.structs.replace(found, url=article.url or url)
