"""Loopback ports: find a free one, or fail early and clearly when a wanted one is taken."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable


class PortTaken(RuntimeError):
    """A configured port is already in use by another process."""


def free_port() -> int:
    """A port the kernel considers free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_free(port: int, what: str, env_var: str) -> None:
    """Raise :class:`PortTaken` with a one-line fix when ``port`` cannot be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise PortTaken(
                f"port {port} for {what} is taken; stop what uses it or set {env_var}=<port>"
            ) from None


def wait_for_port(port: int, timeout: float, alive: Callable[[], bool] | None = None) -> bool:
    """Wait until something accepts TCP connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False
