"""Fan-out of one state channel to 1k, 5k and 10k websocket clients.

For each client count: a fresh ``python -m web serve`` process over a throwaway redis-server,
and the clients in a second process (both on this machine). Every client subscribes to
``state:GJ``; then changes are appended to the state's change log one at a time, and each
client notes when each one arrives. Reported per client count:

- time from the change's XADD to its delivery at the *last* client, p50 and p99 over changes;
- time to delivery over every (client, change) pair, p50 and p99;
- the server process's RSS with the clients connected (and before they connect).

Clients and server share the machine's cores, so at 5k and 10k the figures include the
client process's own queueing: they are an upper bound on what remote clients would see.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEST = "GJ-assembly-2022"
MARK = re.compile(rb"bench-(\d+)-")
DEFAULT_COUNTS = (1000, 5000, 10000)


def _raise_fd_limit(wanted: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(hard, max(soft, wanted))
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# ------------------------------------------------------------------ client process


async def _clients(url: str, count: int, changes: int, deadline: float) -> dict[str, object]:
    """Open ``count`` connections, subscribe each, then record arrival times of each change."""
    from websockets.asyncio.client import connect

    arrivals: list[dict[int, float]] = [{} for _ in range(count)]
    done = asyncio.Event()
    finished = 0
    ready = 0
    all_ready = asyncio.Event()

    async def one(i: int) -> None:
        nonlocal finished, ready
        async with connect(url, max_size=None, open_timeout=120, ping_interval=None) as ws:
            await ws.send('{"op":"subscribe","channel":"state:GJ"}')
            await ws.recv(decode=False)  # the snapshot
            ready += 1
            if ready == count:
                all_ready.set()
            mine = arrivals[i]
            while len(mine) < changes:
                frame = await ws.recv(decode=False)
                now = time.time()
                for match in MARK.finditer(frame):
                    mine.setdefault(int(match.group(1)), now)
            finished += 1
            if finished == count:
                done.set()

    tasks = []
    for i in range(count):
        tasks.append(asyncio.create_task(one(i)))
        if i % 200 == 199:
            await asyncio.sleep(0.05)  # let handshakes drain instead of a SYN flood
    await asyncio.wait_for(all_ready.wait(), timeout=max(1.0, deadline - time.time()))
    print("ready", flush=True)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=max(1.0, deadline - time.time()))
    for task in tasks:
        task.cancel()
    per_change: dict[int, list[float]] = {}
    for mine in arrivals:
        for seq, at in mine.items():
            per_change.setdefault(seq, []).append(at)
    return {
        "complete": sum(1 for mine in arrivals if len(mine) == changes),
        "arrivals": {str(seq): ats for seq, ats in per_change.items()},
    }


def _client_main(argv: list[str]) -> int:
    url, count, changes, deadline = argv[0], int(argv[1]), int(argv[2]), float(argv[3])
    _raise_fd_limit(count + 256)
    result = asyncio.run(_clients(url, count, changes, deadline))
    print(json.dumps(result), flush=True)
    return 0


# ------------------------------------------------------------------ driver


def _rss_mib(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def _seed(redis_url: str) -> None:
    import redis

    from tally import redis_keys as K
    from tally.changes import Board, PartyRow, encode

    client = redis.Redis.from_url(redis_url)
    client.flushall()
    board = Board(
        contest=CONTEST,
        state="GJ",
        house="assembly",
        year=2022,
        seats=182,
        majority=92,
        layer="counted",
        parties=[PartyRow(party="BJP", won=100, leading=56, total=156)],
    )
    client.set(K.epoch("GJ"), "bench")
    client.sadd(K.STATES, "GJ")
    client.sadd(K.contests("GJ"), CONTEST)
    client.set(K.board("GJ", CONTEST), encode(board))
    client.close()


def _run_one(redis_url: str, count: int, changes: int, interval: float, budget: float) -> dict:
    import redis

    from tally import redis_keys as K
    from tally.changes import Change, encode

    _seed(redis_url)
    env = dict(os.environ, REDIS_URL=redis_url, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "web", "serve", "--port", "0", "--log-level", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    clients = None
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        port = int(line.rsplit(":", 1)[1])
        rss_idle = _rss_mib(server.pid)
        deadline = time.time() + budget
        started = time.time()
        clients = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.websocket", "--client", f"ws://127.0.0.1:{port}/ws",
             str(count), str(changes), str(deadline)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert clients.stdout is not None
        first = clients.stdout.readline().strip()
        if first != "ready":
            raise RuntimeError(f"clients did not connect: {first[:200]!r}")
        connect_s = time.time() - started
        rss_connected = _rss_mib(server.pid)
        writer = redis.Redis.from_url(redis_url)
        sent: dict[int, float] = {}
        for seq in range(changes):
            change = Change(
                contest=CONTEST, scope="party", key="BJP", field="won", old=100 + seq,
                new=101 + seq, note=f"bench-{seq}-",
            )  # fmt: skip
            body = encode(change)
            sent[seq] = time.time()
            writer.xadd(K.changes("GJ"), {"c": body})
            time.sleep(interval)
        writer.close()
        out, _ = clients.communicate(timeout=max(5.0, deadline - time.time() + 30))
        result = json.loads(out.strip().splitlines()[-1])
        rss_after = _rss_mib(server.pid)
        fanout_ms = _fanout_ms(port)
    finally:
        if clients is not None and clients.poll() is None:
            clients.kill()
        server.terminate()
        server.wait(timeout=30)
    last_ms: list[float] = []
    every_ms: list[float] = []
    for seq, at in sent.items():
        ats = result["arrivals"].get(str(seq), [])
        if len(ats) == count:
            last_ms.append((max(ats) - at) * 1000)
        every_ms.extend((a - at) * 1000 for a in ats)
    return {
        "clients": count,
        "complete": result["complete"],
        "connect_s": connect_s,
        "last_p50": _pct(last_ms, 0.5),
        "last_p99": _pct(last_ms, 0.99),
        "all_p50": _pct(every_ms, 0.5),
        "all_p99": _pct(every_ms, 0.99),
        "rss_idle": rss_idle,
        "rss_connected": rss_connected,
        "rss_after": rss_after,
        "changes": len(last_ms),
        "fanout_ms": fanout_ms,
    }


def _fanout_ms(port: int) -> float:
    """The server's own mean time to write one update to every subscriber (from /metrics)."""
    from urllib.request import urlopen

    with urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    values = dict(line.split(" ", 1) for line in text.splitlines() if not line.startswith("#"))
    count = float(values.get("tally_web_fanout_seconds_count", "0"))
    return 1000 * float(values.get("tally_web_fanout_seconds_sum", "0")) / count if count else 0.0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--client"]:
        return _client_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks websocket", description=__doc__)
    parser.add_argument("--clients", type=int, nargs="*", default=list(DEFAULT_COUNTS))
    parser.add_argument("--changes", type=int, default=20, help="changes sent per run")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between changes")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds allowed per run")
    args = parser.parse_args(argv)
    limit = _raise_fd_limit(max(args.clients) + 256)
    if limit < max(args.clients) + 64:
        print(f"open-file limit {limit} is too low for {max(args.clients)} clients")
        return 2

    from devstack.ports import free_port
    from devstack.redis import RedisServer

    with tempfile.TemporaryDirectory(prefix="bench-ws-") as home:
        redis_server = RedisServer(Path(home), free_port()).start()
        try:
            rows = [
                _run_one(redis_server.url, n, args.changes, args.interval, args.budget)
                for n in args.clients
            ]
        finally:
            redis_server.stop()
    base = rows[0]
    print(
        f"\n{args.changes} changes, one every {args.interval:g} s, on state:GJ; "
        f"clients in a second process on the same {os.cpu_count()} cores\n"
    )
    header = (
        "| clients | delivered to all | last client p50 / p99 (ms) | any client p50 / p99 (ms) "
        f"| last-client p50 vs {base['clients']} | server fan-out per update (ms) "
        "| server RSS idle → connected (MiB) | connect time (s) |"
    )
    print(header)
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        ratio = row["last_p50"] / base["last_p50"] if base["last_p50"] else float("nan")
        print(
            f"| {row['clients']:,} | {row['complete']:,}/{row['clients']:,} "
            f"| {row['last_p50']:.1f} / {row['last_p99']:.1f} "
            f"| {row['all_p50']:.1f} / {row['all_p99']:.1f} | {ratio:.1f}x "
            f"| {row['fanout_ms']:.1f} "
            f"| {row['rss_idle']:.0f} → {row['rss_connected']:.0f} | {row['connect_s']:.1f} |"
        )
    print("\nreproduce: python -m benchmarks websocket")
    return 0 if all(r["complete"] == r["clients"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
