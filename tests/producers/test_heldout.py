"""The held-out sets: the tuned one must pass; the untuned one is only measured.

``data/heldout/cases.txt`` was written before the extractor was tuned on it and then used to
fix the extractor, so it now guards those fixes like the dev set does. ``unseen.txt`` was
written at the same time and never tuned on: its score is the honest estimate for new text,
so no test may demand that it be perfect (that would invite tuning on it). Its figures are
recorded in docs/extraction.md.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from producers.evaluate import KINDS, evaluate, load_devset, main, report

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = load_devset(ROOT / "data/heldout/cases.txt")
UNSEEN = load_devset(ROOT / "data/heldout/unseen.txt")


@pytest.mark.parametrize("case", HELDOUT, ids=[c.id for c in HELDOUT])
def test_heldout_case_gives_its_facts_and_nothing_else(case):
    score = evaluate([case])
    assert score.failures == []


def test_heldout_set_is_large_and_bilingual():
    langs = Counter(c.article.lang for c in HELDOUT)
    assert len(HELDOUT) >= 120
    assert min(langs["en"], langs["hi"]) >= 0.4 * len(HELDOUT)
    traps = [c for c in HELDOUT if not c.required]
    assert len(traps) >= 30
    assert {c.article.text.count(". ") > 0 for c in HELDOUT} == {True, False}  # some passages
    score = evaluate(HELDOUT)
    assert all(score.required[k] > 0 for k in KINDS)


def test_untuned_set_is_scored_and_reported():
    assert len(UNSEEN) >= 40
    assert not {c.id for c in UNSEEN} & {c.id for c in HELDOUT}
    score = evaluate(UNSEEN)
    text = report("untuned", score)
    for kind in KINDS:
        assert kind in text
        assert score.found[kind] <= score.required[kind]
        assert score.correct[kind] <= score.extracted[kind]
    assert sum(score.required.values()) >= 40


def test_make_eval_reports_four_blocks_and_passes(capsys):
    status = main([])
    out = capsys.readouterr().out
    assert status == 0  # seeds, dev and tuned held-out are perfect; the untuned file never fails
    for block in ("gold seeds", "dev set", "held-out set (cases.txt)", "untuned held-out set"):
        assert block in out
    # the real corpus beside the checkout, per kind, with the published and held counts
    assert "real corpus" in out and "tallies" in out and "seat results" in out
    assert "held" in out


def test_optional_facts_and_open_member_lists_parse(tmp_path):
    path = tmp_path / "cases.txt"
    path.write_text(
        "x1 | en | 2024-06-04 | t | In the Lok Sabha, the NDA is leading in 293 seats. |"
        " A IN ls NDA * leading 293; ? P IN ls BJP leading 240\n",
        encoding="utf-8",
    )
    (case,) = load_devset(path)
    assert "parties" not in case.required[0]
    assert case.optional == [
        {"kind": "party_tally", "house": "lok_sabha", "state": "IN", "party": "BJP",
         "status": "leading", "seats": 240}
    ]  # fmt: skip
    assert evaluate([case]).failures == []
