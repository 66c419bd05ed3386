"""``make run``'s stack (``python -m devstack run``) starts the ingest service beside the others,
prints its URL and a ``curl`` that posts an article, and that command's numbers reach the board."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]


def free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def read_until(stream, pattern: str, seen: list[str], timeout: float) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line)
        found = re.search(pattern, line)
        if found:
            return found
    raise AssertionError(f"{pattern!r} not printed:\n{''.join(seen)}")


def test_make_run_starts_ingest_and_its_printed_curl_posts_an_article(tmp_path: Path) -> None:
    kafka, controller, redis_port, web, ingest = free_ports(5)
    env = {
        **os.environ,
        "TALLY_RUN_DIR": str(tmp_path / "run"),
        "KAFKA_PORT": str(kafka),
        "KAFKA_CONTROLLER_PORT": str(controller),
        "REDIS_PORT": str(redis_port),
        "WEB_PORT": str(web),
        "INGEST_PORT": str(ingest),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TALLY_INGEST_TOKEN", None)
    stack = subprocess.Popen(
        [sys.executable, "-m", "devstack", "run", "--day", "seeds", "--no-seeds", "--speed", "max"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    try:
        read_until(stack.stdout, rf"ingest API: http://127\.0\.0\.1:{ingest}/", seen, 180)
        curl = read_until(stack.stdout, r"post an article: (curl .*)$", seen, 10).group(1)
        token_file = tmp_path / "run" / "ingest-token"
        assert token_file.stat().st_mode & 0o077 == 0, "the token file is the owner's only"
        assert token_file.read_text().strip() not in "".join(seen), "the token is never printed"
        posted = subprocess.run(
            ["bash", "-c", f"{curl} -s -w '\\n%{{http_code}}'"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        body, status = posted.stdout.rsplit("\n", 1)
        assert status == "202", posted.stdout + posted.stderr
        assert json.loads(body)["published"] == 2
        deadline = time.monotonic() + 90
        while True:
            with urllib.request.urlopen(f"http://127.0.0.1:{web}/api/states/DL") as answer:
                contest = json.loads(answer.read())["data"]["contests"].get("DL-assembly-2025")
            rows = {r["party"]: r for r in (contest or {}).get("board", {}).get("reported", [])}
            if rows.get("BJP", {}).get("won") == 20:
                break
            assert time.monotonic() < deadline, f"not on the board: {rows}"
            time.sleep(0.5)
    finally:
        stack.send_signal(signal.SIGINT)
        try:
            rest, _ = stack.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            stack.kill()
            rest, _ = stack.communicate()
    assert "stopped" in rest, "".join(seen) + rest
