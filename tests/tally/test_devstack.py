"""``make run``'s checks fail early, in one line that names the fix."""

from __future__ import annotations

import socket

import pytest

from devstack.ports import PortTaken, ensure_free, free_port
from devstack.run import StackError, port_from_env, preflight


def test_a_taken_port_names_the_variable_that_moves_it() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(PortTaken, match=f"port {port} for web is taken.*WEB_PORT=<port>"):
            ensure_free(port, "web", "WEB_PORT")
        with pytest.raises(StackError, match="WEB_PORT"):
            preflight({"WEB_PORT": port})


def test_a_free_port_passes() -> None:
    ensure_free(free_port(), "web", "WEB_PORT")


@pytest.mark.parametrize("value", ["eighty", "0", "70000"])
def test_a_bad_port_variable_is_a_clear_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_PORT", value)
    with pytest.raises(StackError, match="WEB_PORT"):
        port_from_env("WEB_PORT")


def test_a_missing_java_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(StackError, match="java not found"):
        preflight({})
