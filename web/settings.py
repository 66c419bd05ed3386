"""Server settings from the environment, with the limits that keep one process healthy.

Every knob has a default fit for one 2-core machine; ``Settings.from_env()`` reads the
project-wide variables (``REDIS_URL``, ``WEB_HOST``, ``WEB_PORT``) and the ``WEB_*`` ones.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """What the web server needs to know; immutable so tests can ``replace()`` one field."""

    redis_url: str = "redis://127.0.0.1:6379/0"
    host: str = "127.0.0.1"
    port: int = 8080

    # Limits
    max_frame_bytes: int = 4096
    """Client frames above this close the connection with 1009; clients only send small ops."""
    max_subscriptions: int = 64
    """Channels one connection may hold at once."""
    ops_per_second: float = 20.0
    """Sustained client ops per second per connection; ``ops_burst`` more are tolerated."""
    ops_burst: int = 40
    client_buffer_bytes: int = 1 << 20
    """Unsent bytes a client may have queued before it is closed with 1013."""
    sync_buffer_updates: int = 1000
    """Updates held for a client while its snapshot or replay is being read."""
    origins: tuple[str, ...] | None = None
    """Allowed ``Origin`` header values; None allows any (the default for local use)."""
    allow_no_origin: bool = True
    """Whether clients that send no ``Origin`` (non-browser tools) are accepted."""

    # Resume and snapshots
    replay_limit: int = 5000
    """A resume that would replay more entries than this gets a fresh snapshot instead."""
    feed_snapshot: int = 100
    """Feed entries in a ``feed`` snapshot."""
    feed_rest_limit: int = 500
    """Largest ``limit`` that ``GET /api/feed`` accepts."""
    update_chunk: int = 500
    """Most entries in one update message."""

    # Redis reader
    block_ms: int = 500
    """XREAD BLOCK timeout; also how often new states and epochs are noticed."""
    read_count: int = 2000
    redis_pool: int = 16
    """Connections for snapshot reads, shared by every client of the process."""

    # Keepalive
    ping_interval: float | None = 20.0
    ping_timeout: float | None = 20.0

    compression: str | None = None
    """Per-message deflate is off: it costs ~2x CPU per client per message on small JSON."""

    static_dir: str = field(default="")
    """Directory of the dashboard files; empty means ``web/static``."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings; unknown or empty variables keep their defaults."""
        env = os.environ if env is None else env
        base = cls()
        origins_raw = env.get("WEB_ORIGINS", "").strip()
        origins = tuple(o.strip() for o in origins_raw.split(",") if o.strip()) or None
        return replace(
            base,
            redis_url=env.get("REDIS_URL") or base.redis_url,
            host=env.get("WEB_HOST") or base.host,
            port=int(env.get("WEB_PORT") or base.port),
            max_frame_bytes=int(env.get("WEB_MAX_FRAME_BYTES") or base.max_frame_bytes),
            max_subscriptions=int(env.get("WEB_MAX_SUBSCRIPTIONS") or base.max_subscriptions),
            ops_per_second=float(env.get("WEB_OPS_PER_SECOND") or base.ops_per_second),
            client_buffer_bytes=int(env.get("WEB_CLIENT_BUFFER_BYTES") or base.client_buffer_bytes),
            origins=origins,
        )
