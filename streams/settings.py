"""The worker's settings, read once from the environment (names shared across the project)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tally.topics import DEAD_LETTERS, DEFAULT_PARTITIONS, TALLY_EVENTS, namespaced

__all__ = ["Settings"]

CONTEST_CODE = re.compile(r"^[A-Z]{2}-(assembly|lok_sabha|rajya_sabha)-\d{4}$")


@dataclass(frozen=True)
class Settings:
    """Where the worker reads and writes, and how it batches.

    Environment: KAFKA_BOOTSTRAP, REDIS_URL, TALLY_NAMESPACE, TALLY_PARTITIONS (for a topic the
    worker creates; an existing topic keeps its own count, which the worker follows), TALLY_APP_ID
    (consumer group and app id), TALLY_BATCH_SIZE, TALLY_BATCH_WITHIN (seconds),
    TALLY_DISAGREEMENT (seats), TALLY_SESSION_TIMEOUT (seconds before a silent worker's
    partitions move to another), TALLY_ZERO_CONTESTS (comma-separated contest codes to show at
    zero before any event), TALLY_DATA_DIR.
    """

    kafka_bootstrap: str = "127.0.0.1:9092"
    redis_url: str = "redis://127.0.0.1:6379/0"
    namespace: str = ""
    partitions: int = DEFAULT_PARTITIONS
    app_id: str = "tally-streams"
    batch_size: int = 500
    batch_within: float = 0.05
    disagreement: int = 3
    session_timeout: float = 10.0
    zero_contests: tuple[str, ...] = ()
    data_dir: Path = Path(tempfile.gettempdir())

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        namespace = env.get("TALLY_NAMESPACE", "")
        default_id = f"tally-streams-{namespace}" if namespace else "tally-streams"
        app_id = env.get("TALLY_APP_ID") or default_id
        zero = tuple(c.strip() for c in env.get("TALLY_ZERO_CONTESTS", "").split(",") if c.strip())
        bad = [code for code in zero if not CONTEST_CODE.match(code)]
        if bad:
            raise ValueError(
                f"TALLY_ZERO_CONTESTS: {', '.join(bad)} is not a contest code like MH-assembly-2024"
            )
        data_dir = env.get("TALLY_DATA_DIR") or str(Path(tempfile.gettempdir()) / app_id)
        return cls(
            kafka_bootstrap=env.get("KAFKA_BOOTSTRAP", cls.kafka_bootstrap),
            redis_url=env.get("REDIS_URL", cls.redis_url),
            namespace=namespace,
            partitions=int(env.get("TALLY_PARTITIONS", DEFAULT_PARTITIONS)),
            app_id=app_id,
            batch_size=int(env.get("TALLY_BATCH_SIZE", cls.batch_size)),
            batch_within=float(env.get("TALLY_BATCH_WITHIN", cls.batch_within)),
            disagreement=int(env.get("TALLY_DISAGREEMENT", cls.disagreement)),
            session_timeout=float(env.get("TALLY_SESSION_TIMEOUT", cls.session_timeout)),
            zero_contests=zero,
            data_dir=Path(data_dir),
        )

    @property
    def events_topic(self) -> str:
        return namespaced(TALLY_EVENTS, self.namespace or None)

    @property
    def dead_letters_topic(self) -> str:
        return namespaced(DEAD_LETTERS, self.namespace or None)
