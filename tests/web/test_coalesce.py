import json

from tally.changes import Change, encode
from web.channels import FEED, state_channel
from web.coalesce import build_updates, decode_entries
from web.resume import StreamId


def change_entry(i: int, party: str = "BJP") -> tuple[bytes, dict[bytes, bytes]]:
    body = encode(Change(contest="GJ-assembly-2022", scope="party", key=party, field="won", new=i))
    return f"{i}-0".encode(), {b"c": body}


def test_a_batch_becomes_ordered_chunks_with_the_last_id_as_offset():
    entries, rejected = decode_entries(state_channel("GJ"), [change_entry(i) for i in range(1, 8)])
    assert rejected == []
    updates = build_updates(state_channel("GJ"), "e1", entries, chunk=3)
    assert [len(u.entries) for u in updates] == [3, 3, 1]
    assert [str(u.offset) for u in updates] == ["3-0", "6-0", "7-0"]
    message = json.loads(updates[0].encoded)
    assert message["type"] == "update" and message["epoch"] == "e1" and message["offset"] == "3-0"
    assert [c["id"] for c in message["data"]["changes"]] == ["1-0", "2-0", "3-0"]
    assert message["data"]["changes"][2]["change"]["new"] == 3


def test_the_message_is_encoded_once_and_shared():
    entries, _ = decode_entries(state_channel("GJ"), [change_entry(1)])
    update = build_updates(state_channel("GJ"), "e1", entries, chunk=10)[0]
    assert update.encoded is update.encoded


def test_entries_breaking_the_contract_are_skipped_with_a_reason():
    raw = [
        change_entry(1),
        (b"2-0", {b"c": b"{not json"}),
        (b"3-0", {b"x": b"{}"}),
        (b"4-0", {b"c": json.dumps({"contest": "c", "scope": "nonsense", "key": "k"}).encode()}),
        change_entry(5),
    ]
    entries, rejected = decode_entries(state_channel("GJ"), raw)
    assert [str(e.id) for e in entries] == ["1-0", "5-0"]
    assert [r.id for r in rejected] == ["2-0", "3-0", "4-0"]
    assert all(r.reason for r in rejected)


def test_feed_entries_must_be_json_objects():
    raw = [(b"1-0", {b"e": b'{"event_id":"a"}'}), (b"2-0", {b"e": b"[1]"})]
    entries, rejected = decode_entries(FEED, raw)
    assert [str(e.id) for e in entries] == ["1-0"] and [r.id for r in rejected] == ["2-0"]
    message = json.loads(build_updates(FEED, "feed", entries, 10)[0].encoded)
    assert message["data"] == {"events": [{"id": "1-0", "event": {"event_id": "a"}}]}


def test_after_keeps_only_what_a_synced_client_lacks():
    entries, _ = decode_entries(state_channel("GJ"), [change_entry(i) for i in range(1, 6)])
    update = build_updates(state_channel("GJ"), "e1", entries, chunk=10)[0]
    assert update.after(StreamId(0, 0)) is update
    part = update.after(StreamId(3, 0))
    assert part is not None and [str(e.id) for e in part.entries] == ["4-0", "5-0"]
    assert update.after(StreamId(5, 0)) is None
