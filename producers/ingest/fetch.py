"""One HTTP GET for the pollers: a timeout, a size cap, and conditional requests.

The standard library's ``urllib`` is enough here: the pollers make one request per source
every few seconds, from a worker thread. A ``FILE`` source (a path, or a ``file:`` URL) is read
from disk, so an official table can be polled from a synced folder as well as from a server.
"""

from __future__ import annotations

import email.utils
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = ["FetchError", "Fetched", "fetch"]

USER_AGENT = "tally-ingest/1.0 (+https://github.com/tally-tracker)"
MAX_BYTES = 20 * 1024 * 1024


class FetchError(RuntimeError):
    """The source did not answer with a body; the message says why (logged, then retried)."""


@dataclass(frozen=True)
class Fetched:
    body: bytes | None
    """None when the source answered 304 Not Modified."""
    etag: str | None = None
    modified: str | None = None
    content_type: str = ""


def _is_file(source: str) -> bool:
    return not source.startswith(("http://", "https://"))


def _file(source: str, modified: str | None) -> Fetched:
    path = Path(unquote(urlparse(source).path)) if source.startswith("file:") else Path(source)
    try:
        stat = path.stat()
        stamp = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if modified is not None and modified == f"{stamp}/{stat.st_size}":
            return Fetched(body=None, modified=modified)
        return Fetched(body=path.read_bytes(), modified=f"{stamp}/{stat.st_size}")
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None


def fetch(
    source: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    timeout: float = 15.0,
) -> Fetched:
    """GET ``source``; with ``etag``/``modified`` from the last answer, a 304 gives no body."""
    if _is_file(source):
        return _file(source, modified)
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(source, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(f"{source} is over {MAX_BYTES} bytes")
            return Fetched(
                body=body,
                etag=response.headers.get("ETag"),
                modified=response.headers.get("Last-Modified"),
                content_type=response.headers.get_content_type(),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(body=None, etag=etag, modified=modified)
        raise FetchError(f"{source} answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot fetch {source}: {reason}") from None
