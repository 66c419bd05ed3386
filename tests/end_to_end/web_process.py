"""Run the web server (``python -m web serve``) as a subprocess on a free loopback port."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from devstack.ports import free_port, wait_for_port
from devstack.processes import ManagedProcess

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def running_web(redis_url: str, log_dir: Path) -> Iterator[str]:
    """Yield ``http://127.0.0.1:<port>`` of a running web server; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "REDIS_URL": redis_url, "WEB_HOST": "127.0.0.1", "WEB_PORT": str(port)}
    proc = ManagedProcess(
        "web", [sys.executable, "-m", "web", "serve"], log_dir / f"web-{port}.log", env, ROOT
    ).start()
    try:
        if not wait_for_port(port, 60, proc.alive):
            raise RuntimeError(f"web server did not start:\n{proc.log_tail()}")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop()
