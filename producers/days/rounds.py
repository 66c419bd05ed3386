"""Counting rounds reconstructed from real vote counts, in the rhythm ECI counts in.

ECI opens the strong rooms at 08:00 IST and counts postal ballots first (round 0 here);
EVM counting follows from about 08:30, one round per set of tables, each round some 15 to
25 minutes. A seat has more rounds the more votes it polled. The partial counts of each
round are drawn with a seeded generator so that a day is the same on every build, and the
last round always lands exactly on the target counts.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from producers.days.results import NOTA, Candidate, Seat

__all__ = [
    "COUNTING_STARTS",
    "EVM_STARTS",
    "Standing",
    "partial_counts",
    "round_clocks",
    "standing",
    "total_rounds",
]

COUNTING_STARTS = 8 * 3600
"""08:00: strong rooms open and postal ballots are counted."""

EVM_STARTS = 8 * 3600 + 30 * 60
"""08:30: EVM counting begins, half an hour after the postal ballots."""

_VOTES_PER_ROUND = 10_500
"""Votes per round beyond a base of six rounds; J&K's Doda (72,980 votes) gets its real 13."""


@dataclass(frozen=True, slots=True)
class Standing:
    """Who leads a seat and by how much, from one set of counts."""

    candidate: str
    party: str
    votes: int
    runner_up: str | None
    runner_up_party: str | None
    margin: int


def total_rounds(votes_polled: int) -> int:
    """Rounds of EVM counting for a seat of this size (6 to 40)."""
    return max(6, min(40, round(6 + votes_polled / _VOTES_PER_ROUND)))


def standing(candidates: tuple[Candidate, ...]) -> Standing | None:
    """Leader and runner-up by votes, NOTA excluded; None before any vote is counted.

    Ties go to the candidate listed first (ballot order), so the result never depends on
    anything but the counts.
    """
    ranked = sorted(
        (c for c in candidates if c.party != NOTA),
        key=lambda c: -c.votes,
    )
    if not ranked or ranked[0].votes == 0:
        return None
    leader = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    runner_up_party = second.party if second else None
    return Standing(
        candidate=leader.name,
        party=leader.party,
        votes=leader.votes,
        runner_up=second.name if second else None,
        runner_up_party=runner_up_party,
        margin=leader.votes - (second.votes if second else 0),
    )


def partial_counts(target: Seat, rounds: int, rng: random.Random) -> list[tuple[Candidate, ...]]:
    """Counts after round 0 (postal ballots only) and each EVM round 1..``rounds``.

    Each candidate's EVM votes arrive in uneven instalments (some rounds cover their
    strongholds), so leads can change along the way; the last entry equals ``target``.
    """
    size = [rng.uniform(0.7, 1.3) for _ in range(rounds)]
    shares: list[list[float]] = []
    for _ in target.candidates:
        weights = [s * math.exp(rng.gauss(0.0, 0.25)) for s in size]
        total = sum(weights)
        running = 0.0
        cumulative = []
        for weight in weights:
            running += weight
            cumulative.append(running / total)
        cumulative[-1] = 1.0
        shares.append(cumulative)
    counts = [tuple(Candidate(c.name, c.party, 0, c.postal) for c in target.candidates)]
    for k in range(rounds):
        counts.append(
            tuple(
                Candidate(c.name, c.party, math.floor(c.evm * shares[i][k]), c.postal)
                for i, c in enumerate(target.candidates)
            )
        )
    counts[-1] = target.candidates
    return counts


def round_clocks(rounds: int, rng: random.Random, *, before: int | None = None) -> list[int]:
    """Clock seconds of round 0 (postal) and rounds 1..``rounds``, strictly increasing.

    ``before`` is a deadline the last round must come before (the first real snapshot of a
    recorded day); the pace tightens to fit it.
    """
    postal = COUNTING_STARTS + rng.randint(15 * 60, 40 * 60)
    first = EVM_STARTS + rng.randint(25 * 60, 45 * 60)
    # Big seats run more tables at once: every seat is done by about 15:00-18:30.
    done_by = rng.randint(15 * 3600, 18 * 3600 + 30 * 60) if before is None else before - 600
    pace = rng.uniform(14 * 60, 24 * 60)
    if rounds > 1:
        pace = min(pace, (done_by - first) / (rounds - 1))
    clocks = [postal]
    for k in range(rounds):
        jitter = rng.uniform(-0.2, 0.2) * pace
        clocks.append(max(clocks[-1] + 1, round(first + k * pace + jitter)))
    if before is not None and rounds and clocks[-1] >= before:
        raise ValueError(f"rounds do not fit before {before}s: last at {clocks[-1]}s")
    return clocks
