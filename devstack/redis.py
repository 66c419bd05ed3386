"""Debian's redis-server on a loopback port, with nothing persisted: the tracker rebuilds Redis
from its Faust tables, so Redis is a cache of record-keeping that lives in Kafka."""

from __future__ import annotations

import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from devstack.processes import ManagedProcess


class RedisUnavailable(RuntimeError):
    """redis-server is missing or did not start; the message says what to do."""


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class RedisServer:
    home: Path
    port: int
    process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 20.0) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisUnavailable("redis-server not found; run: apt-get install redis-server")
        self.home.mkdir(parents=True, exist_ok=True)
        argv = [
            binary,
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.home),
            "--daemonize", "no",
            "--protected-mode", "yes",
        ]  # fmt: skip
        self.process = ManagedProcess("redis", argv, self.home / "redis.log").start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _ping(self.port):
                return self
            if not self.process.alive():
                break
            time.sleep(0.05)
        tail = self.process.log_tail()
        self.stop()
        raise RedisUnavailable(f"redis-server did not start on port {self.port}:\n{tail}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=10)
