"""One test per building block, on the real-style sentences quoted in the pattern comments."""

from __future__ import annotations

from datetime import datetime

import pytest

from producers.articles import IST, Article, ArticleError, guess_lang, load_article
from producers.extraction import extract_events, extract_facts
from producers.extraction.clock import find_times
from producers.extraction.gazetteer import (
    find_parties,
    find_states,
    match_candidate,
    match_constituency,
)
from producers.extraction.numerals import find_numbers
from producers.extraction.sentences import split_sentences
from producers.extraction.translit import name_similarity, skeleton
from producers.extraction.traps import clause_trap, number_trap, sentence_trap


def facts(text: str, published: str = "2024-10-08") -> list[tuple]:
    day = datetime.fromisoformat(published).replace(tzinfo=IST)
    art = Article(id="t", lang=guess_lang(text), text=text, published=day)
    out = []
    for f in extract_facts(art):
        p = f.payload
        who = (
            getattr(p, "party", None)
            or getattr(p, "alliance", None)
            or tuple(getattr(p, "parties", ()))
        )
        out.append((f.state, f.house, who, p.status, getattr(p, "seats", None)))
    return out


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("4,538 वोटों से", [4538]),
        ("1,23,456 votes", [123456]),
        ("बीजेपी १५८ सीटों पर", [158]),
        ("तीन सीटों पर", [3]),
        ("a dozen seats and the lone seat", [12, 1]),
        ("twenty-two seats", [22]),
        ("1.2 lakh votes", [120000]),
        # a share is not a count
        ("took three-fourths of the house, two thirds of the rest and 18 more", [18]),
    ],
)
def test_numbers_in_news_writing(text, values):
    assert [n.value for n in find_numbers(text)] == values


def test_ordinals_are_flagged():
    assert [n.ordinal for n in find_numbers("बीजेपी के 8वें उम्मीदवार, 13th round")] == [True, True]


@pytest.mark.parametrize(
    ("text", "hhmm", "cutoff"),
    [
        ("As of 10.45 am, the BJP was leading", "10:45", True),
        ("सुबह 11 बजे तक भाजपा 47 सीटों पर आगे थी", "11:00", True),
        ("दोपहर 2 बजे जनता के बीच", "14:00", False),
        ("साढ़े 10 बजे", "10:30", False),
        ("till 1:30 p.m.", "13:30", True),
    ],
)
def test_clock_times(text, hhmm, cutoff):
    (time,) = find_times(text)
    assert (time.hhmm, time.cutoff) == (hhmm, cutoff)


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "Mr. Modi spoke. गुजरात में बीजेपी 158 सीटों पर आगे है। BJP leads at 10.45 am.\nNext line"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. Modi spoke.", "गुजरात में बीजेपी 158 सीटों पर आगे है।", "BJP leads at 10.45 am.", "Next line"
    ]  # fmt: skip
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in sentences)
    assert sentences[-1].paragraph == sentences[-2].paragraph + 1


def test_party_aliases_and_the_pronoun_aap():
    codes = [
        m.code for m in find_parties("'आप' ने जीत दर्ज की, आप का काम अच्छा है, the saffron party, NC")
    ]
    assert codes == ["AAP", "BJP", "JKNC"]
    assert [m.code for m in find_parties("हम 10 तारीख को जलसा करेंगे")] == []
    assert [m.code for m in find_parties("Trinamool Congress and Congress")] == ["TMC", "INC"]


def test_states_in_both_scripts():
    assert [m.code for m in find_states("जम्मू-कश्मीर, हरियाणा, J&K, Himachal")] == [
        "JK",
        "HR",
        "JK",
        "HP",
    ]


def test_constituencies_and_candidates_across_scripts():
    doda = match_constituency("डोडा", "JK")
    assert doda is not None and (doda.name, doda.ac_no) == ("Doda", 52)
    assert match_constituency("Delhi", None) is None
    hit = match_candidate("मेहराज मलिक", "JK", doda)
    assert hit is not None and hit[0].name == "Mehraj Malik"
    assert skeleton("Gajay Singh Rana") == skeleton("गजय सिंह राणा")
    assert name_similarity("Mehraj Malik", "मेहराज मलिक") > 0.9


def test_trap_reasons():
    assert sentence_trap("Exit polls had given the Congress-NC alliance a slight edge.")
    assert clause_trap("The BJP had won 40 seats in 2019", 2024) == "another election (2019)"
    assert clause_trap("पिछली बार कांग्रेस को 31 सीटें मिली थीं", 2024) == "previous election"
    assert clause_trap("The Congress claims 119 seats", 2024) == "claim or forecast"
    s = "The majority mark is 46 and the BJP got 29 first-preference votes"
    assert number_trap(s, s.index("46"), s.index("46") + 2, []) == "majority mark"
    assert number_trap(s, s.index("29"), s.index("29") + 2, []) == "vote count"


# "गुजरात में बीजेपी 158 सीटों पर आगे चल रही है." — BJP ahead in 158 seats
def test_hindi_leading():
    assert facts("गुजरात में बीजेपी 158 सीटों पर आगे चल रही है.", "2022-12-08") == [
        ("GJ", "assembly", "BJP", "leading", 158)
    ]


# "कांग्रेस ने 22 सीटों पर जीत दर्ज कर ली है, जबकि 17 सीटों पर आगे चल रही है" — elided subject
def test_hindi_elided_subject():
    got = facts(
        "हिमाचल प्रदेश में कांग्रेस ने 22 सीटों पर जीत दर्ज कर ली है, जबकि 17 सीटों पर आगे चल रही है.",
        "2022-12-08",
    )
    assert got == [("HP", "assembly", "INC", "won", 22), ("HP", "assembly", "INC", "leading", 17)]


# "AAP 4 और अन्य 4 सीटों पर आगे" — a list sharing one verb
def test_hindi_list():
    got = facts("गुजरात में आम आदमी पार्टी 4 और अन्य 4 सीटों पर आगे चल रहे हैं.", "2022-12-08")
    assert got == [("GJ", "assembly", "AAP", "leading", 4), ("GJ", "assembly", "OTH", "leading", 4)]


# "हिमाचल प्रदेश की बात करें तो…" — the state carries into the next sentence
def test_state_carries_across_sentences():
    text = "अगर हिमाचल प्रदेश की बात करें तो मतगणना जारी है. बीजेपी ने 14 सीटों पर जीत दर्ज की है."
    assert facts(text, "2022-12-08") == [("HP", "assembly", "BJP", "won", 14)]


# "it has been blanked in Haryana" / "एक भी सीट जीतने में सफल नहीं"
def test_zero_idioms():
    assert facts("The AAP's success comes as a shock since it has been blanked in Haryana.") == [
        ("HR", "assembly", "AAP", "won", 0)
    ]
    assert facts("हरियाणा में आम आदमी पार्टी एक भी सीट जीतने में सफल नहीं हो सकी.") == [
        ("HR", "assembly", "AAP", "won", 0)
    ]


# "the National Conference-Congress alliance, which has claimed victory with 49 seats"
def test_compound_alliance():
    got = facts(
        "In J&K the National Conference-Congress alliance has claimed victory with 49 seats."
    )
    assert got == [("JK", "assembly", ("JKNC", "INC"), "won", 49)]


# "Exit polls had given ... An aggregate of three indicates the Congress-NC will win 43 seats"
def test_exit_poll_shadow_reaches_the_next_sentence():
    text = ("Exit polls had given the Congress-NC alliance a slight edge in J&K. "
            "The Congress-NC will win 43 seats and the BJP 26.")  # fmt: skip
    assert facts(text) == []


def test_as_of_sets_event_time():
    text = "As of 10.45 am, the BJP was leading in 46 seats in Haryana."
    art = Article(id="t", lang="en", text=text, published=datetime(2024, 10, 8, 9, 0, tzinfo=IST))
    (event,) = extract_events(art, ingest_time=datetime(2024, 10, 8, 11, 0, tzinfo=IST))
    assert event.as_of == "10:45"
    assert event.event_time == datetime(2024, 10, 8, 10, 45, tzinfo=IST)
    assert event.contest.year == 2024


def test_undated_article_uses_the_contest_counting_day():
    art = Article(
        id="t", lang="hi", text="राज्यसभा चुनाव 2024: उत्तर प्रदेश में बीजेपी के 8 उम्मीदवारों की जीत हुई."
    )
    (event,) = extract_events(art, ingest_time=datetime(2030, 1, 1, tzinfo=IST))
    assert event.contest.code == "UP-rajya_sabha-2024"
    assert event.event_time == datetime(2024, 2, 27, tzinfo=IST)


def test_load_article_json_and_errors(tmp_path):
    art = load_article("data/articles/002_f128998d87634a34.json")
    assert (art.lang, art.outlet, art.published) == (
        "en",
        "NDTV",
        datetime(2024, 10, 8, tzinfo=IST),
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": 5}')
    with pytest.raises(ArticleError, match="'text'"):
        load_article(bad)
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")
