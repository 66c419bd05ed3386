"""The acceptance bar: every seed's required facts, no forbidden number, no wrong fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from producers.evaluate import evaluate, load_devset, load_gold

ROOT = Path(__file__).resolve().parents[2]
GOLD = load_gold(ROOT / "data/seeds/gold.json", ROOT / "data/seeds")


@pytest.mark.parametrize("case", GOLD, ids=[c.id for c in GOLD])
def test_seed_gives_every_required_fact_and_nothing_wrong(case):
    # Only published facts count: a required fact held for review is a miss.
    score = evaluate([case], published_only=True)
    assert score.failures == []
    assert score.forbidden_hits == 0


def test_all_seed_kinds_are_exercised():
    score = evaluate(GOLD, published_only=True)
    assert all(score.required[k] > 0 for k in score.required)
    assert sum(score.found.values()) == sum(score.required.values())


DEV = load_devset(ROOT / "data/devset/cases.txt")


def test_dev_set_is_large_and_bilingual():
    assert len(DEV) >= 150
    assert {c.article.lang for c in DEV} == {"hi", "en"}
    traps = {c.label for c in DEV if c.label.startswith("trap-")}
    needed_classes = "exit-poll past-year claim majority contested rounds votes percent date time"
    for needed in (*needed_classes.split(), "projection", "survey", "last-time"):
        assert any(needed in t for t in traps), needed


@pytest.mark.parametrize("case", DEV, ids=[c.id for c in DEV])
def test_dev_case(case):
    assert evaluate([case]).failures == []
