"""Fit the confidence factors in ``extraction/data/confidence.json`` to the real corpus.

    python -m producers.calibrate [--corpus DIR] [--write]

A fact's confidence is modelled as ``base * product(factor of each failed note)``, an
estimate of the chance that the fact is right. Each note's hand-set ``prior`` is what
its factor shrinks toward where the corpus has few facts that carry it. The factors are
fitted by iterative proportional fitting on every tally and won/leading seat result the
extractor reads from ``../shared/corpus``: each factor becomes the ratio of right facts
to the model's expected right facts among those that carry its note. Checks marked
``"fixed": true`` (a number larger than the house) are rules, not estimates, and are
left alone. Without ``--write`` the fitted table is only printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .articles import IST
from .corpus import CORPUS_DIR, load_corpus, seat_matches, tally_matches
from .evaluate import fact_dict
from .extraction import extract_facts
from .extraction.confidence import DATA_PATH

__all__ = ["fit", "main", "observations"]

_ROUNDS = 50
_FLOOR = 0.02
_PRIOR_WEIGHT = 5.0
"""A note seen on few facts keeps most of its hand-set factor: it weighs as five facts."""


def observations(corpus: Path) -> list[tuple[bool, frozenset[str]]]:
    """(right, failed notes) for every published-kind fact the extractor reads."""
    out = []
    for record in load_corpus(corpus):
        article = record.article
        on = article.published.astimezone(IST).date() if article.published else None
        for fact in extract_facts(article, threshold=0.0):
            body = {**fact_dict(fact.house, fact.state, fact.payload), "bypoll": fact.bypoll}
            body["on"] = on
            if body["kind"] == "seat_result":
                if body["status"] not in ("won", "leading"):
                    continue
                right = any(seat_matches(body, g) for g in record.seats)
            else:
                right = any(tally_matches(body, g) for g in record.tallies)
            failed = frozenset(c.name for c in fact.checks if not c.passed)
            out.append((right, failed))
    return out


def fit(
    data: list[tuple[bool, frozenset[str]]],
    fixed: dict[str, float],
    prior: dict[str, float] | None = None,
) -> tuple[float, dict[str, float]]:
    """The base rate and one factor per note that make expected and observed right facts
    agree for every note (and overall), each shrunk toward its ``prior`` factor."""
    prior = prior or {}
    notes = sorted({n for _, failed in data for n in failed} - set(fixed))
    factors = {n: prior.get(n, 1.0) for n in notes} | fixed
    base = 1.0

    def predicted(failed: frozenset[str], skip: str | None = None) -> float:
        p = base
        for n in failed:
            if n != skip:
                p *= factors.get(n, 1.0)
        return p

    for _ in range(_ROUNDS):
        for note in notes:
            rows = [(right, failed) for right, failed in data if note in failed]
            expected = sum(predicted(failed, skip=note) for _, failed in rows)
            observed = sum(1 for right, _ in rows if right)
            guess = prior.get(note, 1.0)
            ratio = (observed + _PRIOR_WEIGHT * guess) / (expected + _PRIOR_WEIGHT)
            factors[note] = max(_FLOOR, min(1.0, ratio))
        expected = sum(predicted(failed) / base for _, failed in data)
        base = min(_BASE_CAP, sum(1 for right, _ in data if right) / max(expected, 1e-9))
    return round(base, 3), {n: round(factors[n], 3) for n in notes}


_BASE_CAP = 0.99
"""No reading is certain, however clean: a threshold of 1 holds every fact."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m producers.calibrate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--write", action="store_true", help="update confidence.json")
    args = parser.parse_args(argv)
    if not (args.corpus / "articles" / "index.json").is_file():
        print(f"error: no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    table: dict[str, Any] = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    entries = {**table["notes"], **table["checks"]}
    fixed = {name: float(e["factor"]) for name, e in entries.items() if e.get("fixed")}
    data = observations(args.corpus)
    prior = {name: float(e.get("prior", e["factor"])) for name, e in entries.items()}
    base, factors = fit(data, fixed, prior)
    print(f"{len(data)} facts, {sum(r for r, _ in data)} right; base {base}")
    for name, factor in sorted(factors.items(), key=lambda kv: kv[1]):
        n = sum(1 for _, failed in data if name in failed)
        print(f"  {name:<28}{factor:>7}  ({n} facts)")
    if args.write:
        table["base"] = base
        for section in ("notes", "checks"):
            for name, entry in table[section].items():
                if name in factors and not entry.get("fixed"):
                    entry.setdefault("prior", entry["factor"])
                    entry["factor"] = factors[name]
        DATA_PATH.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {DATA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
