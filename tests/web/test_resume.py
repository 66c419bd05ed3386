import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from web.resume import ZERO, LogInfo, StreamId, plan_resume


def info(last="10-0", first="1-0", removed=0, missed=0, epoch="e"):
    return LogInfo(
        epoch=epoch,
        last_id=StreamId.parse(last),
        first_id=StreamId.parse(first) if first else None,
        removed=removed,
        missed=missed,
    )


def test_ids_order_like_redis():
    assert StreamId.parse("9-5") < StreamId.parse("10-0") < StreamId.parse("10-1")
    assert str(StreamId.parse("1718000000000-3")) == "1718000000000-3"


@pytest.mark.parametrize("text", ["", "1", "a-b", "1-2-3", " 1-2", "1-2\n", "9" * 21 + "-0", 5])
def test_malformed_offsets_are_refused(text):
    with pytest.raises(ValueError):
        StreamId.parse(text)


def test_a_current_offset_replays():
    assert plan_resume("e", StreamId.parse("4-0"), info(missed=6), 100).action == "replay"
    assert plan_resume("e", StreamId.parse("10-0"), info(), 100).action == "replay"


def test_an_untrimmed_log_replays_from_zero():
    assert plan_resume("e", ZERO, info(missed=10), 100).action == "replay"


@pytest.mark.parametrize(
    ("epoch", "offset", "log", "reason"),
    [
        ("old", "4-0", info(), "epoch changed"),
        ("e", "11-0", info(), "offset is ahead of the log"),
        ("e", "0-0", info(first="5-0", removed=4), "history trimmed"),
        ("e", "3-0", info(first="5-0", removed=4), "history trimmed"),
        ("e", "3-0", info(first=None, removed=9), "history trimmed"),
        ("e", "4-0", info(missed=101), "too many missed updates"),
    ],
)
def test_a_resume_that_could_be_partial_gets_a_snapshot(epoch, offset, log, reason):
    plan = plan_resume(epoch, StreamId.parse(offset), log, 100)
    assert (plan.action, plan.reason) == ("snapshot", reason)


@settings(max_examples=200)
@given(
    total=st.integers(0, 50),
    trimmed=st.integers(0, 50),
    client=st.integers(0, 50),
)
def test_replay_is_chosen_only_when_every_later_entry_is_still_held(total, trimmed, client):
    """Model: ids 1..total were written, the oldest ``trimmed`` removed; client saw up to id."""
    trimmed = min(trimmed, total)
    client = min(client, total)
    held = list(range(trimmed + 1, total + 1))
    log = LogInfo(
        epoch="e",
        last_id=StreamId(total, 0),
        first_id=StreamId(held[0], 0) if held else None,
        removed=trimmed,
        missed=len([i for i in held if i > client]),
    )
    plan = plan_resume("e", StreamId(client, 0), log, 1000)
    needed = set(range(client + 1, total + 1))
    if plan.action == "replay":
        assert needed <= set(held)
