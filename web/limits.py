"""Per-connection rate limit on client ops: a token bucket. Pure: the caller passes the clock."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TokenBucket"]


@dataclass(slots=True)
class TokenBucket:
    """Allows ``rate`` ops per second on average and bursts of up to ``burst``."""

    rate: float
    burst: int
    tokens: float = -1.0
    stamp: float | None = None

    def allow(self, now: float) -> bool:
        """Take one token at monotonic time ``now``; False when the bucket is empty."""
        if self.stamp is None:
            self.tokens = float(self.burst)
        else:
            self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
