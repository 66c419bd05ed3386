"""A local HTTP server for tests: serves bodies set at runtime, with ETags and 304s.

with serving() as files:
    files.put("/feed.xml", body, "application/rss+xml")
    url = files.url("/feed.xml")
    files.hits["/feed.xml"]      # (200s, 304s) answered so far
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Files", "serving"]


class Files:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.bodies: dict[str, tuple[bytes, str]] = {}
        self.hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.lock = threading.Lock()

    def put(self, path: str, body: bytes | str, content_type: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.bodies[path] = (data, content_type)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"


@contextmanager
def serving() -> Iterator[Files]:
    files: Files

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with files.lock:
                found = files.bodies.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                files.hits[self.path][1] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            files.hits[self.path][0] += 1
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    files = Files(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield files
    finally:
        server.shutdown()
        server.server_close()
