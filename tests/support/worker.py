"""Run the counting worker (``python -m streams worker``) as a subprocess for a test.

    with running_worker(kafka_bootstrap, redis_url, namespace) as worker:
        ...                 # the worker consumes the namespace's tally.events
        worker.kill()       # SIGKILL, for crash tests
        worker.start()      # back again; waits until it consumes
        worker.pid

Ready means the worker logged ``streams worker ready`` (after its rebalance, when it consumes).
A worker that does not get there in time fails the test with the tail of its log.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["READY", "Worker", "WorkerFailed", "running_worker"]

READY = "streams worker ready"
ROOT = Path(__file__).resolve().parents[2]


class WorkerFailed(RuntimeError):
    """The worker exited or never became ready; the message carries its log tail."""


class Worker:
    """One worker process at a time, restartable, with its log in a file."""

    def __init__(
        self,
        kafka_bootstrap: str,
        redis_url: str,
        namespace: str,
        app_id: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="tally-worker-"))
        self.log_path = self.workdir / "worker.log"
        self.env = {
            **os.environ,
            "KAFKA_BOOTSTRAP": kafka_bootstrap,
            "REDIS_URL": redis_url,
            "TALLY_NAMESPACE": namespace,
            "TALLY_DATA_DIR": str(self.workdir / "data"),
            "PYTHONUNBUFFERED": "1",
            **({"TALLY_APP_ID": app_id} if app_id else {}),
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self.process is None:
            raise WorkerFailed("the worker is not running")
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def _ready_count(self) -> int:
        if not self.log_path.exists():
            return 0
        return self.log_path.read_text(errors="replace").count(READY)

    def start(self, timeout: float = 120.0) -> Worker:
        """Start the worker and wait until it consumes."""
        if self.running:
            raise WorkerFailed("the worker is already running")
        seen = self._ready_count()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streams", "worker"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready(seen, timeout)
        return self

    def wait_ready(self, seen: int, timeout: float = 120.0) -> None:
        """Wait for one more readiness line than ``seen``."""
        deadline = time.monotonic() + timeout
        while self._ready_count() <= seen:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise WorkerFailed(f"worker exited with {code}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise WorkerFailed(f"worker not ready after {timeout}s:\n{self.log_tail()}")
            time.sleep(0.2)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM, then SIGKILL if it lingers; returns once the process is gone."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final commit, like a crash."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait()
        self.process = None

    def restart(self, timeout: float = 120.0) -> Worker:
        self.stop()
        return self.start(timeout)


@contextmanager
def running_worker(
    kafka_bootstrap: str,
    redis_url: str,
    namespace: str,
    app_id: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[Worker]:
    """A started worker, stopped on exit whatever happens."""
    worker = Worker(kafka_bootstrap, redis_url, namespace, app_id=app_id, env=env)
    try:
        worker.start()
        yield worker
    except BaseException:
        # a failing test shows what the worker said (pytest prints captured output)
        print(f"worker log tail ({worker.log_path}):\n{worker.log_tail()}")
        raise
    finally:
        worker.stop()
