from web.limits import TokenBucket


def test_a_burst_is_allowed_then_the_rate_applies():
    bucket = TokenBucket(rate=2.0, burst=3)
    assert [bucket.allow(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.allow(0.5) is True  # one token back after half a second at 2/s
    assert bucket.allow(0.5) is False
    assert all(bucket.allow(100.0) for _ in range(3))  # refills to the burst, never beyond
    assert bucket.allow(100.0) is False
