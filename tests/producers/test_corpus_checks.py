"""Each confidence check catches a real case in the real corpus (``../shared/corpus``).

The articles are read from the corpus by id; no corpus text is copied here. A missing
corpus is an error, not a skip: CI lays ``shared/`` beside the checkout.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from producers.articles import IST, Article
from producers.corpus import CORPUS_DIR, load_record
from producers.extraction import Fact, extract_facts
from tally.events import AllianceTally, PartyTally, SeatResult


@pytest.fixture(scope="module", autouse=True)
def corpus_present() -> None:
    assert (CORPUS_DIR / "articles" / "index.json").is_file(), f"no corpus at {CORPUS_DIR}"


def facts_of(article_id: str) -> list[Fact]:
    return extract_facts(load_record(article_id).article)


def failed(fact: Fact) -> set[str]:
    return {c.name for c in fact.checks if not c.passed}


def tally(facts: list[Fact], party: str, seats: int) -> Fact:
    hits = [f for f in facts if isinstance(f.payload, PartyTally)
            and (f.payload.party, f.payload.seats) == (party, seats)]  # fmt: skip
    assert hits, f"no {party} {seats} among {[f.payload for f in facts]}"
    return hits[0]


def test_a_national_number_filed_under_a_state_fails_the_house_size():
    # "BJP 303" in a 2019 national results story datelined New Delhi
    facts = facts_of("loksabha2019_oneindia_final")
    (filed,) = [f for f in facts if f.state == "DL" and getattr(f.payload, "seats", 0) == 303]
    assert "within_house" in failed(filed) and filed.review
    national = [f for f in facts if f.state == "IN" and getattr(f.payload, "seats", 0) == 303]
    assert national and not any(f.review for f in national)


def test_numbers_adding_up_to_more_than_the_house_are_held():
    # The Congress's 68 misread as the ruling BJP's beside the BJP's own 15 in a 90-seat house
    fact = tally(facts_of("cg2018_indianexpress_ministers"), "BJP", 68)
    assert "sum_within_house" in failed(fact) and fact.review


def test_a_party_that_does_not_contest_the_state_is_held():
    # Odisha's BJD numbers in a sentence that last named Sikkim
    fact = tally(facts_of("ls2019_ndtv_2pm_four_assemblies"), "BJD", 108)
    assert fact.state == "SK"
    assert "party_contests_state" in failed(fact) and fact.review


def test_a_past_perfect_about_an_earlier_election_is_held():
    fact = tally(facts_of("jharkhand2024_abplive_final"), "JMM", 30)
    assert {"time:past-perfect", "time:other-year"} <= failed(fact) and fact.review


def test_a_number_beside_an_earlier_year_is_held():
    fact = tally(facts_of("gujarat2022_hbl_record_trends"), "INC", 77)
    assert "time:other-year" in failed(fact) and fact.review


def test_an_alliances_number_is_never_published_as_its_leaders():
    # "The JMM-led grand opposition alliance ... winning 47 seats"
    fact = tally(facts_of("jh2019_firstpost_winners_table"), "JMM", 47)
    assert "owner:alliance-member" in failed(fact) and fact.review
    # "वाम दल, कांग्रेस और इंडियन सेक्युलर फ्रंट (आईएसएफ) का गठबंधन महज 1 सीट पर"
    fact = tally(facts_of("wb2021_abplive_babul"), "ISF", 1)
    assert fact.review


def test_a_seat_result_that_disagrees_with_the_candidate_list_is_held():
    # a Budgam line that goes on to name a Gurez winner: Budgam's list has no such candidate,
    # so the Budgam reading waits for an editor
    facts = [
        f
        for f in facts_of("jk2024_pratidintime_nc_bjp_key_seats")
        if isinstance(f.payload, SeatResult) and f.payload.constituency == "Budgam"
    ]
    wrong = [f for f in facts if f.payload.candidate != "Omar Abdullah"]
    assert wrong and all("candidate_on_list" in failed(f) and f.review for f in wrong)
    assert any(f.payload.candidate == "Omar Abdullah" and not f.review for f in facts)
    # "Parvesh Verma" is listed as "Parvesh Sahib Singh": a spelling, not a disagreement
    verma = [
        f
        for f in facts_of("delhi2025_indiatvnews_kalkaji_newdelhi")
        if isinstance(f.payload, SeatResult) and f.payload.candidate == "Parvesh Verma"
    ]
    assert verma and all("candidate_on_list" not in failed(f) for f in verma)


def test_a_namesake_seat_in_another_state_never_stands_in_for_the_storys():
    # A Punjab story's "Bhadaur" once read as Haryana's Badhra, "Mansa" as Gujarat's
    for article_id in ("punjab2022_fe_margins", "punjab2022_republic_mansa"):
        facts = [f for f in facts_of(article_id) if isinstance(f.payload, SeatResult)]
        assert facts and {f.state for f in facts if not f.review} <= {"PB"}
        assert not any(f.payload.constituency in ("Badhra", "Mansa") and f.state != "PB"
                       for f in facts)  # fmt: skip


def test_a_state_wise_lok_sabha_number_is_the_states():
    # "The TDP won 16 of the state's 25 Lok Sabha seats, becoming a key force nationally"
    fact = tally(facts_of("andhrapradesh2024_rediff_final"), "TDP", 16)
    assert (fact.house, fact.state) == ("lok_sabha", "AP")


def test_a_general_election_ends_a_by_election_lede():
    # A by-election lede, then the Lok Sabha result: "DMK alone won 23 Lok Sabha seats"
    fact = tally(facts_of("tamilnadu2019_bs_bypoll_ls"), "DMK", 23)
    assert fact.house == "lok_sabha" and not fact.bypoll


def test_by_election_results_are_a_contest_of_their_own():
    facts = facts_of("up2024_prabhatkhabar_bypoll9")
    assert facts and all(f.bypoll for f in facts)


def test_a_bloc_outside_its_validity_dates_is_held():
    # No corpus article names a bloc before it existed, so this case is written here:
    # the INDIA bloc was formed in July 2023.
    text = "Counting in Jharkhand: the INDIA bloc won 30 seats, the NDA won 25 seats."
    article = Article(id="x", lang="en", text=text, published=datetime(2019, 12, 23, tzinfo=IST))
    facts = {f.payload.alliance: f for f in extract_facts(article)
             if isinstance(f.payload, AllianceTally)}  # fmt: skip
    assert "alliance_in_force" in failed(facts["INDIA"]) and facts["INDIA"].review
    assert "alliance_in_force" not in failed(facts["NDA"])


def test_a_flattened_results_table_gives_one_fact_per_cell():
    # "Party Won Leading Total Sikkim Democratic Front 6 5 11 Sikkim Krantikari Morcha 10 4 14"
    facts = facts_of("sk2019_thehindu_live")
    cells = {(f.payload.party, f.payload.status, f.payload.seats) for f in facts
             if isinstance(f.payload, PartyTally)}  # fmt: skip
    assert {("SDF", "won", 6), ("SDF", "leading", 5), ("SDF", "total", 11)} <= cells
    assert {("SKM", "won", 10), ("SKM", "leading", 4), ("SKM", "total", 14)} <= cells
    assert ("SKM", "leading", 17) not in cells  # a won figure never read as a lead


def test_a_count_of_part_of_the_house_is_held():
    # "BJP got 15 seats out of 28 in Bengaluru" in a 224-seat Karnataka story
    fact = tally(facts_of("karnataka2023_ht_final"), "BJP", 15)
    assert "scope:part-of-house" in failed(fact) and fact.review


def test_a_story_that_names_no_state_takes_its_regional_parties_home():
    # UP ministers' defeats, told with the SP, the Apna Dal (S) and the SBSP, never the state
    fact = tally(facts_of("up2022_businessstandard_11_ministers_lose"), "SP", 110)
    assert fact.state == "UP" and "state:parties" in fact.notes and not fact.review
