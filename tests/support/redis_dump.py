"""A canonical dump of every tracker key in Redis, for comparing two runs byte for byte.

Values are included exactly (JSON re-serialised with sorted keys). Left out, because they
differ between equally correct runs: the epoch's value and the stream ids (only the presence of
the epoch and of each change log is kept), the feed (its interleaving of states follows
arrival), and the ``applied`` offsets (duplicates shift offsets).
"""

from __future__ import annotations

import json
from typing import Any

import redis

from tally import redis_keys

__all__ = ["canonical_dump"]


def _json(raw: bytes) -> Any:
    return json.loads(raw)


def canonical_dump(redis_url: str) -> str:
    client = redis.Redis.from_url(redis_url)
    try:
        dump: dict[str, Any] = {}
        states = sorted(s.decode() for s in client.smembers(redis_keys.STATES))
        dump["states"] = states
        for state in states:
            contests = sorted(c.decode() for c in client.smembers(redis_keys.contests(state)))
            entry: dict[str, Any] = {
                "contests": contests,
                "epoch": client.exists(redis_keys.epoch(state)) == 1,
                "changes": client.exists(redis_keys.changes(state)) == 1,
            }
            for code in contests:
                board = client.get(redis_keys.board(state, code))
                entry[code] = {
                    "board": _json(board) if board is not None else None,
                    "seats": {
                        k.decode(): _json(v)
                        for k, v in client.hgetall(redis_keys.seats(state, code)).items()
                    },
                    "reported": {
                        k.decode(): _json(v)
                        for k, v in client.hgetall(redis_keys.reported(state, code)).items()
                    },
                    "versions": {
                        k.decode(): v.decode()
                        for k, v in client.hgetall(redis_keys.versions(state, code)).items()
                    },
                    "derived": {
                        k.decode(): v.decode()
                        for k, v in client.hgetall(redis_keys.derived(state, code)).items()
                    },
                }
            dump[state] = entry
        return json.dumps(dump, sort_keys=True, ensure_ascii=False, indent=1)
    finally:
        client.close()
