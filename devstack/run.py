"""``make run``: the whole tracker on one machine without Docker.

Starts Redis and Kafka, then the same entry points docker-compose.yml runs — the Faust worker
(``python -m streams worker``), the web server (``python -m web serve``), the live ingest
service (``python -m producers.ingest``) and a replay (``python -m producers.replay``) — prints
the dashboard URL and how to post an article, and on Ctrl-C stops every child, newest first,
leaving no java, redis-server or python process behind.

The ingest service's token is ``TALLY_INGEST_TOKEN`` when set, else a fresh one written to
``.run/ingest-token`` (readable by the owner only) and never printed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from devstack.kafka import LIBS, KafkaBroker, KafkaUnavailable
from devstack.ports import PortTaken, ensure_free, wait_for_port
from devstack.processes import ManagedProcess
from devstack.redis import RedisServer, RedisUnavailable

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.get("TALLY_RUN_DIR") or ROOT / ".run")
"""Logs, data and the session token; ``TALLY_RUN_DIR`` moves it (the tests use their own)."""

DEFAULTS = {
    "KAFKA_PORT": 9092,
    "KAFKA_CONTROLLER_PORT": 9093,
    "REDIS_PORT": 6379,
    "WEB_PORT": 8080,
    "INGEST_PORT": 8081,
}
"""Ports, each overridable by the environment variable of the same name."""


class StackError(RuntimeError):
    """Something the user can fix; printed as one line."""


def port_from_env(name: str) -> int:
    raw = os.environ.get(name, str(DEFAULTS[name]))
    try:
        port = int(raw)
    except ValueError:
        raise StackError(f"{name}={raw!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise StackError(f"{name}={port} is outside 1-65535")
    return port


def preflight(ports: dict[str, int]) -> None:
    """Fail in one clear line before starting anything."""
    if shutil.which("java") is None:
        raise StackError("java not found; run: apt-get install openjdk-17-jre-headless")
    if not (LIBS / "kafka_2.13-3.9.1.jar").exists():
        if shutil.which("mvn") is None:
            raise StackError("Kafka jars missing and mvn not found; run: apt-get install maven")
        raise StackError("Kafka jars missing; run: make setup")
    if shutil.which("redis-server") is None:
        raise StackError("redis-server not found; run: apt-get install redis-server")
    for name, port in ports.items():
        try:
            ensure_free(port, name.removesuffix("_PORT").lower().replace("_", " "), name)
        except PortTaken as exc:
            raise StackError(str(exc)) from None


class Stack:
    """The running children, stopped in reverse order of starting."""

    def __init__(self) -> None:
        self.children: list[ManagedProcess] = []
        self.broker: KafkaBroker | None = None
        self.redis: RedisServer | None = None

    def python(self, name: str, args: Sequence[str], env: dict[str, str]) -> ManagedProcess:
        proc = ManagedProcess(
            name, [sys.executable, "-m", *args], RUN_DIR / "logs" / f"{name}.log", env, ROOT
        ).start()
        self.children.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.children):
            proc.stop(timeout=15)
        if self.broker is not None:
            self.broker.stop()
        if self.redis is not None:
            self.redis.stop()


def ingest_token() -> str:
    """The session's ingest token: the environment's, else a new one in ``.run/ingest-token``."""
    given = os.environ.get("TALLY_INGEST_TOKEN")
    if given:
        return given
    path = RUN_DIR / "ingest-token"
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(token + "\n", encoding="utf-8")
    return token


def curl_example(url: str, from_file: bool) -> str:
    token = f"$(cat {RUN_DIR / 'ingest-token'})" if from_file else "$TALLY_INGEST_TOKEN"
    return (
        f'curl -X POST {url}api/articles -H "Authorization: Bearer {token}" '
        "-H 'Content-Type: application/json' "
        """-d '{"text": "Delhi assembly election results 2025: the BJP has won 20 seats and """
        """leads in 25.", "published": "2025-02-08T11:00:00+05:30"}'"""
    )


def run(day: str, speed: str, with_seeds: bool) -> int:
    ports = {name: port_from_env(name) for name in DEFAULTS}
    preflight(ports)
    stack = Stack()
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        print(f"starting redis-server on 127.0.0.1:{ports['REDIS_PORT']}", flush=True)
        stack.redis = RedisServer(RUN_DIR / "redis", ports["REDIS_PORT"]).start()
        print(f"starting Kafka 3.9.1 (KRaft) on 127.0.0.1:{ports['KAFKA_PORT']}", flush=True)
        stack.broker = KafkaBroker(
            RUN_DIR / "kafka", ports["KAFKA_PORT"], ports["KAFKA_CONTROLLER_PORT"]
        ).start()
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP": stack.broker.bootstrap,
            "REDIS_URL": stack.redis.url,
            "WEB_HOST": os.environ.get("WEB_HOST", "127.0.0.1"),
            "WEB_PORT": str(ports["WEB_PORT"]),
        }
        worker = stack.python("worker", ["streams", "worker"], env)
        web = stack.python("web", ["web", "serve"], env)
        token_from_file = not os.environ.get("TALLY_INGEST_TOKEN")
        ingest_env = {
            **env,
            "INGEST_HOST": os.environ.get("INGEST_HOST", "127.0.0.1"),
            "INGEST_PORT": str(ports["INGEST_PORT"]),
            "INGEST_STATE_DIR": str(RUN_DIR / "ingest"),
            "TALLY_INGEST_TOKEN": ingest_token(),
        }
        inbox = RUN_DIR / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        ingest = stack.python("ingest", ["producers.ingest", "--watch", str(inbox)], ingest_env)
        if not wait_for_port(ports["WEB_PORT"], 60, web.alive):
            raise StackError(f"the web server did not start:\n{web.log_tail()}")
        if not wait_for_port(ports["INGEST_PORT"], 60, ingest.alive):
            raise StackError(f"the ingest service did not start:\n{ingest.log_tail()}")
        url = f"http://{env['WEB_HOST']}:{ports['WEB_PORT']}/"
        ingest_url = f"http://{ingest_env['INGEST_HOST']}:{ports['INGEST_PORT']}/"
        print(f"dashboard: {url}", flush=True)
        print(f"ingest API: {ingest_url} (articles dropped in {inbox} are read too)", flush=True)
        print(f"post an article: {curl_example(ingest_url, token_from_file)}", flush=True)
        print(f"logs: {RUN_DIR / 'logs'}   stop: Ctrl-C", flush=True)
        replays = (["seeds"] if with_seeds else []) + [day]
        for name in replays:
            if stopping.is_set():
                break
            replay = stack.python(
                f"replay-{name}", ["producers.replay", name, "--speed", speed], env
            )
            print(f"replaying {name} at speed {speed}", flush=True)
            while replay.alive() and not stopping.is_set():
                if not worker.alive():
                    raise StackError(f"the worker stopped:\n{worker.log_tail()}")
                time.sleep(0.5)
        if not stopping.is_set():
            print("replay finished; the dashboard stays live until Ctrl-C", flush=True)
        while not stopping.is_set():
            dead = next((p for p in (worker, web, ingest) if not p.alive()), None)
            if dead is not None:
                raise StackError(f"the {dead.name} stopped:\n{dead.log_tail()}")
            stopping.wait(1.0)
        return 0
    finally:
        print("stopping…", flush=True)
        stack.stop()
        print("stopped", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack run", description=__doc__)
    parser.add_argument("--day", default="GJ-HP-2022", help="bundled counting day to replay")
    parser.add_argument("--speed", default="60", help="replay speed factor, or 'max'")
    parser.add_argument(
        "--no-seeds", action="store_true", help="skip replaying the five seed articles first"
    )
    args = parser.parse_args(argv)
    try:
        return run(args.day, args.speed, not args.no_seeds)
    except (StackError, KafkaUnavailable, RedisUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
