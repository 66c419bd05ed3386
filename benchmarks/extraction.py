"""Extraction speed: articles and facts per second on the five seed articles, repeated.

Reproduce: python -m benchmarks extraction

Beside the current extractor, the same loop runs on the extractor of ``BASELINE_REV`` (the
last commit before the confidence checks), checked out with ``git archive`` into a temporary
folder and run by the same interpreter in a subprocess, alternating three times, so the ratio
compares both on the same machine at the same moment. Without git history (an unpacked
release), only the current figures are printed.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 40
REPEATS = 3
BASELINE_REV = "dc8f945"
"""The extractor before the real-corpus work (confidence, checks, review)."""

_LOOP = f"""
import sys, time
from pathlib import Path
from producers.articles import load_article
from producers.extraction import extract_facts
arts = [load_article(p) for p in sorted(Path('data/articles').glob('*.json'))]
extract_facts(arts[0])
t = time.perf_counter(); n = 0
for _ in range({ROUNDS}):
    for a in arts:
        n += len(extract_facts(a))
print(time.perf_counter() - t, n)
"""


def _timed(cwd: Path) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _LOOP], cwd=cwd, capture_output=True, text=True, check=True
    )
    seconds, facts = out.stdout.split()
    return float(seconds), int(facts)


def _baseline_tree(dest: Path) -> bool:
    try:
        blob = subprocess.run(
            ["git", "archive", BASELINE_REV, "producers", "tally", "data/articles"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(dest, filter="data")
    return True


def main(argv: list[str]) -> int:
    from producers.articles import load_article
    from producers.extraction.sentences import split_sentences

    articles = [load_article(p) for p in sorted((ROOT / "data/articles").glob("*.json"))]
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for art in articles:
            split_sentences(art.text)
    split_seconds = time.perf_counter() - started
    n = ROUNDS * len(articles)
    chars = ROUNDS * sum(len(a.text) for a in articles)
    print(f"seed articles x{ROUNDS}: {n} articles, {chars} characters, {REPEATS} alternating runs")
    with tempfile.TemporaryDirectory() as tmp:
        have_baseline = _baseline_tree(Path(tmp))
        current: list[float] = []
        before: list[float] = []
        facts = facts_before = 0
        for _ in range(REPEATS):
            seconds, facts = _timed(ROOT)
            current.append(seconds)
            if have_baseline:
                seconds, facts_before = _timed(Path(tmp))
                before.append(seconds)
    best = min(current)
    print(
        f"  extraction (current): {n / best:.1f} articles/s, {facts / best:.1f} facts/s, "
        f"{chars / best / 1000:.1f} kchar/s (best of {REPEATS})"
    )
    if before:
        base = min(before)
        print(
            f"  extraction ({BASELINE_REV}, same run): {n / base:.1f} articles/s, "
            f"{facts_before / base:.1f} facts/s"
        )
        print(f"  current / {BASELINE_REV} throughput: {base / best:.2f}x")
    else:
        print(f"  ({BASELINE_REV} not in this checkout's history: no same-run comparison)")
    ratio = best / split_seconds
    print(f"  baseline (sentence split only): {n / split_seconds:.1f} articles/s ({ratio:.0f}x)")
    print("  reproduce: python -m benchmarks extraction")
    return 0
