"""Wait until Redis shows what a test expects (no timing assertions: a bounded wait, then the
comparison that fails with a readable diff)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import redis

from streams.counting import build_board, fold
from tally import redis_keys
from tally.changes import Board, decode_board
from tally.events import TallyEvent

__all__ = ["expected_boards", "read_boards", "wait_for_boards", "wait_until"]


def expected_boards(events: Iterable[TallyEvent], threshold: int = 3) -> dict[str, Board]:
    """Contest code -> the board the pure rules give for these events."""
    return {code: build_board(model, threshold) for code, model in fold(events).items()}


def read_boards(redis_url: str, contests: Iterable[str]) -> dict[str, Board | None]:
    client = redis.Redis.from_url(redis_url)
    try:
        out: dict[str, Board | None] = {}
        for code in contests:
            raw = client.get(redis_keys.board(code.split("-")[0], code))
            out[code] = decode_board(raw) if raw is not None else None
        return out
    finally:
        client.close()


def wait_until(check: Callable[[], bool], timeout: float = 120.0, every: float = 0.3) -> bool:
    """Poll ``check`` until true or ``timeout``; return its last answer."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(every)


def wait_for_boards(
    redis_url: str, expected: dict[str, Board], timeout: float = 120.0
) -> dict[str, Board | None]:
    """Wait until every expected board is in Redis; return what Redis holds then."""
    wait_until(lambda: read_boards(redis_url, expected) == expected, timeout)
    return read_boards(redis_url, expected)
