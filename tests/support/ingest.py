"""Run the ingest service (``python -m producers.ingest``) as a subprocess for a test.

service = IngestService(kafka_bootstrap, namespace, state_dir, ["--watch", str(folder)])
service.start()              # waits for /healthz
service.post(body, token=...)  # (status, JSON answer)
service.restart()
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

__all__ = ["TOKEN", "IngestService"]

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-ingest-token-7f3a"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class IngestService:
    def __init__(
        self, kafka_bootstrap: str, namespace: str, state_dir: Path, args: list[str]
    ) -> None:
        self.port = _free_port()
        self.args = args
        self.log_path = Path(tempfile.mkdtemp(prefix="tally-ingest-")) / "ingest.log"
        self.env = {
            **os.environ,
            "KAFKA_BOOTSTRAP": kafka_bootstrap,
            "TALLY_NAMESPACE": namespace,
            "INGEST_PORT": str(self.port),
            "INGEST_STATE_DIR": str(state_dir),
            "TALLY_INGEST_TOKEN": TOKEN,
            "PYTHONUNBUFFERED": "1",
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def start(self, timeout: float = 60.0) -> IngestService:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "producers.ingest", *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"ingest service did not start:\n{self.log_tail()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> IngestService:
        self.stop()
        return self.start()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(
            f"{self.base}{path}", data=body, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def post(self, article: dict[str, Any], *, token: str | None = TOKEN) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        status, _, body = self.request(
            "POST", "/api/articles", json.dumps(article).encode(), headers
        )
        return status, json.loads(body)
