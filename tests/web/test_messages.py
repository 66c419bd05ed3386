import json

import msgspec
import pytest

from web.messages import (
    OpError,
    Ping,
    Since,
    Subscribe,
    Unsubscribe,
    encode_error,
    encode_resume,
    encode_snapshot,
    encode_update,
    parse_op,
)


def test_the_three_ops_decode():
    assert parse_op('{"op":"ping"}') == Ping()
    assert parse_op('{"op":"unsubscribe","channel":"feed"}') == Unsubscribe("feed")
    op = parse_op('{"op":"subscribe","channel":"state:GJ","since":{"epoch":"e","offset":"1-0"}}')
    assert op == Subscribe("state:GJ", Since("e", "1-0"))


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (b'{"op":"ping"}', "binary_frame"),
        ("not json", "bad_json"),
        ("[" * 3000 + "]" * 3000, "bad_message"),
        ('{"op":"subscribe","channel":"a","x":' + "[" * 3000 + "]" * 3000 + "}", "bad_json"),
        ('{"op":"dance"}', "bad_message"),
        ('{"op":"subscribe"}', "bad_message"),
        ('{"op":"subscribe","channel":1e999999}', "bad_message"),
        ('{"op":"subscribe","channel":"feed","since":{"epoch":"e"}}', "bad_message"),
        ("[]", "bad_message"),
    ],
)
def test_bad_frames_raise_a_coded_error(frame, code):
    with pytest.raises(OpError) as info:
        parse_op(frame)
    assert info.value.code == code


def test_server_messages_splice_raw_json_once():
    raw = msgspec.Raw(b'{"party":"BJP","won":3}')
    snap = json.loads(encode_snapshot("state:GJ", "e1", "5-0", {"board": raw}))
    assert snap == {
        "type": "snapshot",
        "channel": "state:GJ",
        "epoch": "e1",
        "offset": "5-0",
        "data": {"board": {"party": "BJP", "won": 3}},
    }
    assert json.loads(encode_update("feed", "feed", "6-0", {}))["type"] == "update"
    assert json.loads(encode_resume("feed", recovered=False, reason="epoch changed")) == {
        "type": "resume",
        "channel": "feed",
        "recovered": False,
        "reason": "epoch changed",
    }
    assert json.loads(encode_error("bad_json", "no")) == {
        "type": "error",
        "code": "bad_json",
        "message": "no",
    }
