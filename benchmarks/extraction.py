"""Extraction speed: articles and facts per second on the five seed articles, repeated.

Reproduce: python -m benchmarks extraction
"""

from __future__ import annotations

import time
from pathlib import Path

from producers.articles import load_article
from producers.extraction import extract_facts
from producers.extraction.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 40


def main(argv: list[str]) -> int:
    articles = [load_article(p) for p in sorted((ROOT / "data/articles").glob("*.json"))]
    extract_facts(articles[0])  # load gazetteers and compile patterns outside the timing
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for art in articles:
            split_sentences(art.text)
    split_seconds = time.perf_counter() - started
    facts = 0
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for art in articles:
            facts += len(extract_facts(art))
    seconds = time.perf_counter() - started
    n = ROUNDS * len(articles)
    chars = ROUNDS * sum(len(a.text) for a in articles)
    print(f"seed articles x{ROUNDS}: {n} articles, {facts} facts, {chars} characters")
    rate, fact_rate, kchars = n / seconds, facts / seconds, chars / seconds / 1000
    print(f"  extraction: {rate:.1f} articles/s, {fact_rate:.1f} facts/s, {kchars:.1f} kchar/s")
    ratio = seconds / split_seconds
    print(f"  baseline (sentence split only): {n / split_seconds:.1f} articles/s ({ratio:.0f}x)")
    print("  reproduce: python -m benchmarks extraction")
    return 0
