"""Requests per second per client: a token bucket per remote address. Pure (clock passed in)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RateLimiter"]


@dataclass
class RateLimiter:
    rate: float
    """Tokens added per second: the sustained requests per second a client may make."""
    burst: float
    """The bucket's size: how many requests may come at once."""
    max_clients: int = 10_000
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, client: str, now: float) -> bool:
        tokens, last = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if len(self._buckets) >= self.max_clients and client not in self._buckets:
            self._buckets.clear()  # a flood of addresses: forget them all rather than grow
        self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        return allowed
