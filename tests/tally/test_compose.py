"""docker-compose.yml is valid and runs the same entry points as ``make run``.

Only the Docker client is needed: ``docker compose config`` parses and resolves the file
without an engine.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _compose_config() -> dict[str, dict[str, object]]:
    result = subprocess.run(
        ["docker", "compose", "config", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    services: dict[str, dict[str, object]] = json.loads(result.stdout)["services"]
    return services


def _run_entry_points() -> set[str]:
    """The ``python -m`` modules devstack/run.py starts."""
    source = (ROOT / "devstack" / "run.py").read_text(encoding="utf-8")
    return {
        m.group(1)
        for m in re.finditer(r'\["(streams|web|producers\.replay|producers\.ingest)"', source)
    }


def test_compose_file_is_valid_and_uses_official_images() -> None:
    services = _compose_config()
    assert services["kafka"]["image"] == "apache/kafka:3.9.1"
    assert services["redis"]["image"] == "redis:7"
    assert {"worker", "web", "replay"} <= services.keys()


def test_every_app_service_runs_an_entry_point_make_run_uses() -> None:
    services = _compose_config()
    used_by_make_run = _run_entry_points()
    assert used_by_make_run == {"streams", "web", "producers.replay", "producers.ingest"}
    for name in ("worker", "web", "replay", "ingest"):
        command = services[name]["command"]
        assert isinstance(command, list)
        assert command[:2] == ["python", "-m"], name
        assert command[2] in used_by_make_run, (name, command)


def test_kafka_and_redis_are_not_published_and_services_have_healthchecks() -> None:
    services = _compose_config()
    assert "ports" not in services["kafka"]
    assert "ports" not in services["redis"]
    for name in ("kafka", "redis", "worker", "web", "ingest"):
        assert "healthcheck" in services[name], name
    (published,) = services["ingest"]["ports"]  # type: ignore[misc]
    assert published["host_ip"] == "127.0.0.1", "the ingest API is not open to the network"
    assert services["ingest"]["volumes"][0]["target"] == "/srv/ingest-state"  # type: ignore[index]
