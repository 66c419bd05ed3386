"""The corpus README's matching rules, as ``producers.corpus`` applies them."""

from __future__ import annotations

from datetime import date

import pytest

from producers.articles import Article
from producers.corpus import (
    CorpusArticle,
    score_corpus,
    seat_matches,
    seat_required,
    tally_matches,
    tally_required,
)
from producers.extraction.confidence import min_confidence
from producers.extraction.normalise import normalise

ON = date(2024, 10, 8)


def fact(**kw: object) -> dict[str, object]:
    return {"kind": "party_tally", "house": "assembly", "state": "JK", "bypoll": False,
            "on": ON, **kw}  # fmt: skip


def test_party_aliases_states_and_status_must_agree():
    gold = {"state": "Jammu and Kashmir", "party": "NC", "status": "won", "seats": 42}
    assert tally_matches(fact(party="JKNC", status="won", seats=42), gold)
    assert not tally_matches(fact(party="JKNC", status="leading", seats=42), gold)
    assert not tally_matches(fact(party="JKNC", status="won", seats=41), gold)
    assert not tally_matches(fact(party="JKNC", status="won", seats=42, state="HR"), gold)


def test_an_alliance_matches_by_label_or_by_members():
    by_members = {"state": "Jammu and Kashmir", "party": "JKNC+INC", "status": "won",
                  "seats": 48, "level": "alliance"}  # fmt: skip
    got = fact(kind="alliance_tally", alliance=None, parties=["INC", "JKNC"], status="won",
               seats=48)  # fmt: skip
    assert tally_matches(got, by_members)
    assert not tally_matches(fact(party="JKNC", status="won", seats=48), by_members)
    by_label = {"state": "Bihar", "party": "NDA", "status": "won", "seats": 202,
                "level": "alliance"}  # fmt: skip
    named = fact(kind="alliance_tally", alliance="NDA", parties=[], status="won", seats=202,
                 state="BR")  # fmt: skip
    assert tally_matches(named, by_label)


def test_house_and_by_election_must_agree_where_gold_names_them():
    gold = {"state": "Uttar Pradesh", "party": "BJP", "status": "won", "seats": 7,
            "bypoll": True}  # fmt: skip
    base = fact(party="BJP", status="won", seats=7, state="UP")
    assert not tally_matches(base, gold)
    assert tally_matches({**base, "bypoll": True}, gold)
    assert not tally_matches(
        {**base, "house": "lok_sabha", "bypoll": True}, gold | {"house": "assembly"}
    )


def test_a_seat_matches_by_constituency_or_candidate_and_the_margin_where_both_give_one():
    gold = {"state": "Jammu and Kashmir", "constituency": "Doda (SC)", "candidate": "Mehraj Malik",
            "party": "AAP", "status": "won", "margin": 4538}  # fmt: skip
    got = fact(kind="seat_result", constituency="doda", party="AAP", status="won", margin=None)
    assert seat_matches(got, gold)
    assert seat_matches({**got, "constituency": "Dodda", "candidate": "Mehraj  Malik"}, gold)
    assert not seat_matches({**got, "margin": 4000}, gold)
    assert not seat_matches({**got, "party": "BJP"}, gold)


def test_optional_gold_facts_do_not_count_toward_recall():
    assert not tally_required({"ambiguous": True})
    assert tally_required({"status": "won"})
    assert not seat_required({"status": "lost", "constituency": "Doda"})
    assert not seat_required({"status": "won", "constituency": None})
    assert seat_required({"status": "won", "constituency": "Doda"})


def test_held_facts_are_neither_right_nor_wrong():
    article = Article(id="a", lang="en", text="x")
    record = CorpusArticle("a", article, [{"state": "Haryana", "party": "BJP", "status": "won",
                                           "seats": 48}], [])  # fmt: skip
    right = fact(party="BJP", status="won", seats=48, state="HR")
    wrong = fact(party="INC", status="won", seats=99, state="HR")
    score = score_corpus([record], lambda _: [right, {**wrong, "review": True}])
    assert (score.tallies.published, score.tallies.correct, score.tallies.held) == (1, 1, 1)
    assert score.tallies.recall == 1.0
    score = score_corpus([record], lambda _: [wrong])
    assert (score.tallies.precision, score.tallies.recall) == (0.0, 0.0)
    assert any("wrong" in f for f in score.failures) and any("missed" in f for f in score.failures)


def test_text_is_normalised_before_matching():
    assert normalise("BJP\u2019s \u201cwin\u201d") == 'BJP\'s "win"'
    assert normalise("का\u200dर") == "कार"
    assert normalise("क\u093c") == normalise("\u0958")  # composed and decomposed nukta


@pytest.mark.parametrize("raw", ["abc", "1.5", "-0.1", "nan"])
def test_a_bad_threshold_is_refused_naming_the_variable(raw: str):
    with pytest.raises(ValueError, match="TALLY_MIN_CONFIDENCE"):
        min_confidence({"TALLY_MIN_CONFIDENCE": raw})


def test_the_threshold_defaults_and_reads_the_environment():
    assert min_confidence({}) == min_confidence({"TALLY_MIN_CONFIDENCE": " "})
    assert min_confidence({"TALLY_MIN_CONFIDENCE": "0.9"}) == 0.9
