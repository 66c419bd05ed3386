"""``python -m streams health``, the Docker Compose healthcheck: 0 only when Kafka and Redis
both answer, else 1 naming the one that does not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.ports import free_port

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]


def _health(kafka: str, redis_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAFKA_BOOTSTRAP": kafka, "REDIS_URL": redis_url}
    return subprocess.run(
        [sys.executable, "-m", "streams", "health"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_healthy_when_kafka_and_redis_answer(kafka_bootstrap: str, redis_url: str) -> None:
    result = _health(kafka_bootstrap, redis_url)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_unhealthy_names_what_does_not_answer(kafka_bootstrap: str) -> None:
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    result = _health(kafka_bootstrap, dead_redis)
    assert result.returncode == 1
    assert f"Redis at {dead_redis} does not answer" in result.stderr
    assert "Kafka" not in result.stderr
