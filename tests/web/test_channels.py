import pytest

from tally import redis_keys
from web.channels import FEED, NATIONAL, ChannelError, parse_channel, route_stream


def test_known_channels_parse_to_their_routes():
    assert parse_channel("feed") == (FEED, parse_channel("feed")[1])
    assert parse_channel("national")[1].kind == "national"
    name, route = parse_channel("state:GJ")
    assert name == "state:GJ"
    assert (route.kind, route.state) == ("state", "GJ")


@pytest.mark.parametrize(
    "name", ["state:ZZ", "state:gj", "state:", "states:GJ", "", "x" * 5000, "state:GJ ", 7, None]
)
def test_unknown_or_malformed_channels_are_refused_with_a_reason(name):
    with pytest.raises(ChannelError) as info:
        parse_channel(name)
    assert len(str(info.value)) < 200  # the message never echoes a huge input back


def test_stream_keys_route_to_their_channel():
    assert route_stream(redis_keys.changes("MH")) == "state:MH"
    assert route_stream(redis_keys.FEED) == FEED
    assert route_stream(redis_keys.board("MH", "MH-assembly-2024")) is None
    assert NATIONAL == "national"
