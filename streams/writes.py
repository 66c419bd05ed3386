"""What one batch writes to Redis: the keys and payloads ``upsert.lua`` takes, one state per call.

Pure. A call touches only one state's hash-tagged keys (``tally:{MH}:...``), so it runs as one
atomic script on a single Redis or on the state's slot of a Redis Cluster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import msgspec

from streams.counting import ContestModel, Update, board_change, build_board, derived_lines
from tally import redis_keys

__all__ = ["StateWrite", "apply_write", "rebuild_write", "zero_write"]

_encoder = msgspec.json.Encoder()

KEYS_PER_STATE = 4
KEYS_PER_CONTEST = 5


@dataclass(frozen=True, slots=True)
class StateWrite:
    """One script call: its keys, its arguments and the feed entry of each item it carries."""

    state: str
    keys: list[str]
    args: list[str]
    feed: list[bytes]


def state_keys(state: str, contests: Sequence[str]) -> list[str]:
    """KEYS in the order ``upsert.lua`` reads them."""
    keys = [
        redis_keys.epoch(state),
        redis_keys.changes(state),
        redis_keys.applied(state),
        redis_keys.contests(state),
    ]
    for code in contests:
        keys += [
            redis_keys.board(state, code),
            redis_keys.seats(state, code),
            redis_keys.reported(state, code),
            redis_keys.versions(state, code),
            redis_keys.derived(state, code),
        ]
    return keys


def _contest_part(model: ContestModel, threshold: int, rebuilt: bool) -> dict[str, object]:
    board = build_board(model, threshold)
    part: dict[str, object] = {
        "code": model.code,
        "board": _encoder.encode(board).decode(),
        "board_change": _encoder.encode(board_change(board)).decode(),
        "derived": derived_lines(board),
    }
    if rebuilt:
        part["marker"] = _encoder.encode(board_change(board, note="rebuilt")).decode()
        part["registers"] = [
            {"f": register, "v": version, "j": value}
            for register, (version, value) in sorted(model.registers.items())
        ]
    return part


def apply_write(
    *,
    state: str,
    partition: int,
    offset: int,
    prev: int,
    epoch: str,
    updates: Sequence[Update],
    feed: Sequence[bytes],
    models: Mapping[str, ContestModel],
    threshold: int,
    changes_maxlen: int = redis_keys.CHANGES_MAXLEN,
) -> StateWrite:
    """Offer ``updates`` (in arrival order) to Redis and write the boards they touch.

    ``offset`` is the newest Kafka offset in the batch for the state's partition and ``prev``
    the one before the batch (-1 for a state never seen): the script rebuilds nothing itself,
    but answers ``rebuild`` when Redis lost a state the worker already had.
    """
    contests = sorted({u.contest for u in updates})
    index = {code: i for i, code in enumerate(contests)}
    payload = {
        "partition": partition,
        "offset": offset,
        "prev": prev,
        "epoch": epoch,
        "changes_maxlen": changes_maxlen,
        "items": [
            {
                "c": index[u.contest] + 1,
                "kind": u.kind,
                "name": u.name,
                "f": u.register,
                "v": u.version,
                "j": u.value,
                "event_id": u.event_id,
                "event_time": u.event_time,
                "note": u.note,
            }
            for u in updates
        ],
        "contests": [_contest_part(models[code], threshold, rebuilt=False) for code in contests],
    }
    return StateWrite(
        state=state,
        keys=state_keys(state, contests),
        args=["apply", _encoder.encode(payload).decode()],
        feed=list(feed),
    )


def rebuild_write(
    *,
    state: str,
    partition: int,
    offset: int,
    epoch: str,
    models: Mapping[str, ContestModel],
    threshold: int,
    changes_maxlen: int = redis_keys.CHANGES_MAXLEN,
) -> StateWrite:
    """Recreate a state's keys from its registers, under a new epoch and a fresh change log."""
    contests = sorted(code for code, model in models.items() if model.state == state)
    payload = {
        "partition": partition,
        "offset": offset,
        "epoch": epoch,
        "changes_maxlen": changes_maxlen,
        "contests": [_contest_part(models[code], threshold, rebuilt=True) for code in contests],
    }
    return StateWrite(
        state=state,
        keys=state_keys(state, contests),
        args=["rebuild", _encoder.encode(payload).decode()],
        feed=[],
    )


def zero_write(
    *, code: str, epoch: str, threshold: int, changes_maxlen: int = redis_keys.CHANGES_MAXLEN
) -> StateWrite:
    """An empty board for a contest with no data yet: every seat still at zero."""
    model = ContestModel(code)
    payload = {
        "epoch": epoch,
        "changes_maxlen": changes_maxlen,
        "contests": [_contest_part(model, threshold, rebuilt=False)],
    }
    return StateWrite(
        state=model.state,
        keys=state_keys(model.state, [code]),
        args=["zero", _encoder.encode(payload).decode()],
        feed=[],
    )
