from web.metrics import Metrics, render


def test_metrics_render_in_the_prometheus_text_format():
    metrics = Metrics(messages_sent=7, dropped_slow_clients=1)
    metrics.client_errors["bad_json"] += 2
    metrics.stream_lag_seconds["state:GJ"] = 0.25
    text = render(metrics, connections=3, subscriptions={"state:GJ": 2}, readers_alive=True)
    lines = text.splitlines()
    assert "tally_web_connections 3" in lines
    assert 'tally_web_subscriptions{channel="state:GJ"} 2' in lines
    assert "tally_web_messages_sent_total 7" in lines
    assert "tally_web_dropped_slow_clients_total 1" in lines
    assert 'tally_web_client_errors_total{code="bad_json"} 2' in lines
    assert 'tally_web_stream_lag_seconds{channel="state:GJ"} 0.25' in lines
    assert "tally_web_stream_readers_alive 1" in lines
    for line in lines:
        assert line.startswith("#") or len(line.split(" ")) == 2
