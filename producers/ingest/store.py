"""What the ingest service has seen, kept across restarts in one SQLite file.

SQLite (the standard library's) because the service is one process on one machine and needs
only a few keyed lookups per article; the file lives under ``INGEST_STATE_DIR``. Losing it is
safe but not free: each article's current text is then taken as a new version and republished
(the worker counts each number once all the same, since a restated number moves nothing).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

__all__ = ["SeenStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    article_id TEXT NOT NULL, version INTEGER NOT NULL, digest TEXT NOT NULL, seen_at TEXT NOT NULL,
    dated TEXT NOT NULL, date_only INTEGER NOT NULL, PRIMARY KEY (article_id, version));
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (article_id, digest));
CREATE TABLE IF NOT EXISTS marks (
    kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key));
"""


class SeenStore:
    """Article versions by digest, the sentences each article's facts came from, and small
    marks (file digests, feed ETags, result rows)."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.executescript(_SCHEMA)

    def version_of(self, article_id: str, digest: str) -> int | None:
        """The version number this exact text already has, or None when it is new."""
        with self._lock:
            row = self._db.execute(
                "SELECT version FROM versions WHERE article_id = ? AND digest = ?",
                (article_id, digest),
            ).fetchone()
        return row[0] if row else None

    def add_version(
        self, article_id: str, digest: str, seen_at: str, dated: str, date_only: bool
    ) -> int:
        """Record a new text of the article, seen at ``seen_at`` and dated ``dated`` (ISO
        times), and return its version number (1, 2, ...)."""
        with self._lock, self._db:
            (latest,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM versions WHERE article_id = ?",
                (article_id,),
            ).fetchone()
            self._db.execute(
                "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, latest + 1, digest, seen_at, dated, int(date_only)),
            )
        return latest + 1

    def latest(self, article_id: str) -> tuple[str, str, bool] | None:
        """The newest version's ``(seen_at, dated, date_only)``, or None for a new article."""
        with self._lock:
            row = self._db.execute(
                "SELECT seen_at, dated, date_only FROM versions WHERE article_id = ? "
                "ORDER BY version DESC LIMIT 1",
                (article_id,),
            ).fetchone()
        return (row[0], row[1], bool(row[2])) if row else None

    def sentences(self, article_id: str) -> set[str]:
        """Digests of the sentences whose facts earlier versions of the article published."""
        with self._lock:
            rows = self._db.execute(
                "SELECT digest FROM sentences WHERE article_id = ?", (article_id,)
            ).fetchall()
        return {row[0] for row in rows}

    def add_sentences(self, article_id: str, digests: set[str]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO sentences VALUES (?, ?)",
                [(article_id, digest) for digest in sorted(digests)],
            )

    def mark(self, kind: str, key: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM marks WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        return row[0] if row else None

    def set_mark(self, kind: str, key: str, value: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO marks VALUES (?, ?, ?) ON CONFLICT (kind, key) "
                "DO UPDATE SET value = excluded.value",
                (kind, key, value),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
