"""How a constituency result is read from a sentence: one test per rule, on fresh sentences
written for the rule (not corpus ones), so each rule is pinned down on its own."""

from __future__ import annotations

from datetime import datetime

import pytest

from producers.articles import IST, Article, guess_lang
from producers.extraction import extract_facts
from tally.events import SeatResult

from .test_extraction_generalisation import facts


def seat_facts(text: str, published: str) -> list[tuple]:
    return [f for f in facts(text, published) if len(f) == 7]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # status words: triumphed, maintained a lead, faced defeat to
        ("In Karnataka, Congress's Ravi Gowda triumphed in the Hunsur seat by 2,310 votes.",
         "2023-05-13", [("KA", "assembly", "Hunsur", "Ravi Gowda", "INC", "won", 2310)]),
        ("In Karnataka, JD(S) candidate Manju Nath maintained a steady lead in the Hunsur seat.",
         "2023-05-13", [("KA", "assembly", "Hunsur", "Manju Nath", "JD(S)", "leading", None)]),
        ("In Karnataka, BJP's Suresh Rao faced defeat to Congress's Kiran Patil in the Hunsur "
         "seat by 812 votes.", "2023-05-13",
         [("KA", "assembly", "Hunsur", "Suresh Rao", "BJP", "lost", 812),
          ("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        # "lost ... against X" and "suffered a loss to X": X won
        ("In Karnataka, the sitting minister lost in Hunsur by 812 votes against Congress's Kiran "
         "Patil.", "2023-05-13", [("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        ("In Karnataka, BJP's Suresh Rao suffered a loss to Congress' Kiran Patil in the Hunsur "
         "seat by 812 votes.", "2023-05-13",
         [("KA", "assembly", "Hunsur", "Suresh Rao", "BJP", "lost", 812),
          ("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        # a name with its party's role in apposition; "is also ahead"
        ("In Delhi, Asha Rani, AAP candidate from Rohini, is also ahead of BJP's Vijay Kumar "
         "by a difference of 2,204 votes.", "2020-02-11",
         [("DL", "assembly", "Rohini", "Asha Rani", "AAP", "leading", 2204)]),
        ("In Karnataka, Kiran Patil, the Congress candidate from Hunsur, won by 812 votes.",
         "2023-05-13", [("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        # a sentence-initial preposition is not part of the seat's name
        ("Karnataka results. In Hunsur seat, Congress's Kiran Patil won by 812 votes.",
         "2023-05-13", [("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        # a hyphenated name reads as the list writes it
        ("In Haryana, Congress's Ravi Dalal retained the Garhi Sampla-Kiloi seat by 9,120 votes.",
         "2024-10-08",
         [("HR", "assembly", "Garhi Sampla-Kiloi", "Ravi Dalal", "INC", "won", 9120)]),
        # "in Hisar district" names a district, not the seat
        ("In Haryana, Congress's Ravi Dalal won from Narnaund in Hisar district by 9,120 votes.",
         "2024-10-08", [("HR", "assembly", "Narnaund", "Ravi Dalal", "INC", "won", 9120)]),
        # each clause keeps its own seat; the loser of the second loss is not its winner (one
        # result is read per sentence: the first one whose subject is named with a party)
        ("In Jharkhand, one minister lost to JMM's Ravi Murmu in the Ranchi Lok Sabha seat, and "
         "another minister lost the Godda Lok Sabha seat to JMM's Amit Hembrom.", "2024-06-04",
         [("JH", "lok_sabha", "Godda", "Amit Hembrom", "JMM", "won", None)]),
    ],
)  # fmt: skip
def test_seat_sentences(text, published, expected):
    assert sorted(seat_facts(text, published), key=repr) == sorted(expected, key=repr)


def test_whoever_follows_an_active_verb_of_beating_is_beaten():
    text = (
        "In Haryana, Congress's Ravi Dalal won the Narnaund seat. "
        "He defeated the sitting MLA Anil Sangwan of BJP by 9,120 votes."
    )
    found = seat_facts(text, "2024-10-08")
    assert ("HR", "assembly", "Narnaund", "Ravi Dalal", "INC", "won", 9120) in found
    assert not [f for f in found if f[3] == "Anil Sangwan" or f[4] == "BJP"]


def test_a_partys_own_name_before_its_abbreviation_is_no_candidate():
    text = "In Sikkim, the Sikkim Democratic Front (SDF) won the Gangtok seat by 640 votes."
    assert not [f for f in seat_facts(text, "2024-06-04") if f[3] == "Sikkim Democratic Front"]


def test_a_newly_named_seat_moves_the_topic_for_he_and_the_seat():
    text = (
        "In Himachal Pradesh, Congress's Ravi Thakur won the Nadaun seat by 1,101 votes. "
        "The veteran then contested the Solan seat as well. He won that seat for the BJP by "
        "2,202 votes."
    )
    found = seat_facts(text, "2022-12-08")
    assert ("HP", "assembly", "Solan", None, "BJP", "won", 2202) in found
    assert not [f for f in found if f[2] == "Nadaun" and f[6] == 2202]


def test_a_party_role_before_a_new_name_does_not_point_back():
    text = (
        "In Haryana, BJP's Ravi Dalal won the Rai seat by 1,101 votes. "
        "Congress candidate and boxer Asha Malik beat BJP's Anil Sangwan by 2,202 votes."
    )
    found = seat_facts(text, "2024-10-08")
    assert ("HR", "assembly", "Rai", "Ravi Dalal", "BJP", "won", 1101) in found
    assert not [f for f in found if f[6] == 2202]


def test_an_unlisted_seat_that_another_states_list_holds_is_doubted():
    # Narnaund is a Haryana seat; Madhya Pradesh's list has no such name
    text = "In Madhya Pradesh, Ravi Verma of Congress clinched the Narnaund seat by 3,303 votes."
    art = Article(id="t", lang=guess_lang(text), text=text)
    (fact,) = [f for f in extract_facts(art) if isinstance(f.payload, SeatResult)]
    assert {"seat:not-in-gazetteer", "seat:listed-elsewhere"} <= set(fact.notes)
    plain = Article(id="t", lang="en", text=text.replace("Narnaund", "Birpur Kalan"))
    (other,) = [f for f in extract_facts(plain) if isinstance(f.payload, SeatResult)]
    assert "seat:listed-elsewhere" not in other.notes and other.confidence > fact.confidence


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The JMM won 34 seats and the AJSU one.", "2024-11-23",
         [("JH", "assembly", "JMM", "won", 34), ("JH", "assembly", "AJSUP", "won", 1)]),
        # regional parties of two states: the story's state stays unknown
        ("The JMM won three seats and the TMC 29.", "2024-06-04", []),
    ],
)  # fmt: skip
def test_a_story_naming_no_state_is_about_the_home_of_its_regional_parties(
    text, published, expected
):
    assert facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("गुजरात में भाजपा ने 3 सीटें जीतीं और कांग्रेस को एक सीट मिली. यह राज्यसभा का चुनाव था"
         " और राज्यसभा में भाजपा की ताकत बढ़ी.", "2020-06-19",
         [("GJ", "rajya_sabha", "BJP", "won", 3), ("GJ", "rajya_sabha", "INC", "won", 1)]),
        ("Gujarat: BJP wins 25 of 26. The party swept the Lok Sabha polls in the state again.",
         "2024-06-04", [("GJ", "lok_sabha", "BJP", "won", 25)]),
    ],
)  # fmt: skip
def test_a_headline_before_any_house_is_named_takes_the_house_the_story_speaks_of(
    text, published, expected
):
    assert facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("उत्तराखंड में भाजपा 41 और कांग्रेस 22 सीटों पर या तो आगे है या जीत चुकी है।",
         "2022-03-10",
         [("UK", "assembly", "BJP", "total", 41), ("UK", "assembly", "INC", "total", 22)]),
        ("In Uttarakhand, the BJP has either won or is leading in 41 seats.", "2022-03-10",
         [("UK", "assembly", "BJP", "total", 41)]),
        ("The Bhartiya Janata Party won 70 seats in Karnataka.", "2023-05-13",
         [("KA", "assembly", "BJP", "won", 70)]),
        # the party whose account the seats went to owns them, though named after the number
        ("झारखंड में झामुमो 30 सीटों पर आगे है, वहीं दो सीटें जेएलकेएम के खाते में आई हैं.", "2024-11-23",
         [("JH", "assembly", "JMM", "leading", 30), ("JH", "assembly", "JLKM", "won", 2)]),
        ("झारखंड में दो सीटें आजसू की झोली में गईं.", "2024-11-23",
         [("JH", "assembly", "AJSUP", "won", 2)]),
    ],
)  # fmt: skip
def test_either_won_or_leading_is_a_total_and_spellings_of_party_names(text, published, expected):
    assert facts(text, published) == expected


def published_facts(text: str, published: str) -> list:
    day = datetime.fromisoformat(published).replace(tzinfo=IST)
    return extract_facts(Article(id="t", lang=guess_lang(text), text=text, published=day))


def test_a_region_put_first_is_the_scope_of_every_clause():
    text = (
        "The BJP won 50 seats in Chhattisgarh. "
        "In the Bilaspur division, the Congress won nine seats and the BJP six."
    )
    found = {
        (f.payload.seats, "scope:region" in f.notes, f.review)
        for f in published_facts(text, "2023-12-03")
    }
    assert found == {(50, False, False), (9, True, True), (6, True, True)}


def test_an_undated_line_after_an_earlier_years_line_is_doubted_until_a_new_paragraph():
    text = (
        "In Karnataka, the Congress won 130 seats. Back in 2013 the state had a close race, "
        "with the BJP winning 40 seats. The Congress won 122 and the JD(S) 41."
        "\n\nThe JD(S) won 21 seats."
    )
    by_seats = {f.payload.seats: f for f in published_facts(text, "2023-05-13")}
    assert "time:other-year" in by_seats[40].notes and by_seats[40].review
    for seats in (122, 41):
        assert "time:after-other-year" in by_seats[seats].notes and by_seats[seats].review
    for seats in (130, 21):
        assert not any(n.startswith("time:") for n in by_seats[seats].notes)
        assert not by_seats[seats].review


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Karnataka by-election results.\n\n- Hunsur: Congress's Kiran Patil beat BJP's Suresh "
         "Rao by 812 votes.", "2024-11-23",
         [("KA", "assembly", "Hunsur", "Kiran Patil", "INC", "won", 812)]),
        # a heading that names the person, or says "Results", is no seat
        ("Himachal Pradesh results.\n\nRavi Thakur: The Congress leader Ravi Thakur "
         "won by 1,101 votes.", "2022-12-08", []),
        ("Karnataka Results: Congress's Kiran Patil won by 812 votes.", "2023-05-13", []),
    ],
)  # fmt: skip
def test_a_list_items_heading_names_its_seat(text, published, expected):
    assert seat_facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Karnataka has no constituency list here: the name after "from" is the seat
        ("In Karnataka, BJP's Suresh Rao lost to Congress' Dilip Reddy from Padmanabhanagar by "
         "4,012 votes.", "2023-05-13",
         [("KA", "assembly", "Padmanabhanagar", "Suresh Rao", "BJP", "lost", 4012),
          ("KA", "assembly", "Padmanabhanagar", "Dilip Reddy", "INC", "won", 4012)]),
        ("In Karnataka, Congress' Dilip Reddy won in November by 4,012 votes.", "2023-05-13", []),
        # ... or after a verb of winning; "winning" is one
        ("In Punjab, the closest race went to AAP's Ravi Sandhu, who won Ludhiana West by "
         "301 votes.", "2022-03-10",
         [("PB", "assembly", "Ludhiana West", "Ravi Sandhu", "AAP", "won", 301)]),
        ("In Punjab, Ravi Sandhu of Aam Aadmi Party topped the table, winning the Moga "
         "seat by 20,202 votes.", "2022-03-10",
         [("PB", "assembly", "Moga", "Ravi Sandhu", "AAP", "won", 20202)]),
        ("In Karnataka, Congress' Dilip Reddy won at Lok Sabha by 4,012 votes.", "2023-05-13", []),
        # Haryana's list has no such seat, and a listed state's seats come from its list
        ("In Haryana, BJP's Ram Kumar won from Gohanapur by 1,200 votes.", "2024-10-08", []),
    ],
)  # fmt: skip
def test_a_name_after_from_is_the_seat_only_where_no_list_says_otherwise(text, published, expected):
    assert seat_facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a well-known leader named without a party stands for theirs on that day
        ("In Madhya Pradesh, Jyotiraditya Scindia lost the Guna seat by 1,25,549 votes.",
         "2019-05-23",
         [("MP", "assembly", "Guna", "Jyotiraditya Scindia", "INC", "lost", 125549)]),
        ("In Madhya Pradesh, Jyotiraditya Scindia won the Guna seat by 5,40,929 votes.",
         "2024-06-04",
         [("MP", "assembly", "Guna", "Jyotiraditya Scindia", "BJP", "won", 540929)]),
        # ... but never takes the place of a candidate named with their party
        ("In Uttar Pradesh, BJP's Ravi Verma, whom Rahul Gandhi had mocked, lost the "
         "Sultanpur seat.", "2024-06-04",
         [("UP", "assembly", "Sultanpur", "Ravi Verma", "BJP", "lost", None)]),
        # the subject's own clause gives its status; another's clause is read after it
        ("In Karnataka, Basavaraj Bommai maintained a narrow lead in the Hunsur seat, while "
         "Congress's Kiran Patil won from the Varuna seat.", "2023-05-13",
         [("KA", "assembly", "Hunsur", "Basavaraj Bommai", "BJP", "leading", None),
          ("KA", "assembly", "Varuna", "Kiran Patil", "INC", "won", None)]),
        # someone with a party named only after the verb does not keep the leader out
        ("In Meghalaya, Conrad Sangma was ahead in the Tura seat with a margin of only 61 votes "
         "over his rival, the BJP's Ravi Marak.", "2023-03-02",
         [("ML", "assembly", "Tura", "Conrad Sangma", "NPP", "leading", 61)]),
        ("In Telangana, the BRS's Ravi Rao was leading, even as Revanth Reddy was trailing "
         "in Gajwel by 303 votes.", "2023-12-03", []),
    ],
)  # fmt: skip
def test_well_known_leaders_and_the_clause_of_each_status(text, published, expected):
    assert seat_facts(text, published) == expected


def test_a_leader_named_after_the_verb_is_not_its_subject():
    text = (
        "In Maharashtra, Ravi More triumphed over Asha Patil, a rebel now close to Eknath "
        "Shinde, in the Worli seat by 2,020 votes."
    )
    assert not [f for f in seat_facts(text, "2024-11-23") if f[3] == "Eknath Shinde"]


def test_a_state_named_only_for_where_someone_else_governs_does_not_move_the_story():
    text = (
        "In Punjab, the AAP won 90 seats. It will govern a second state, besides the one "
        "run by its chief in Delhi. Ravi Sandhu of Aam Aadmi Party won the Moga seat by 20,202 "
        "votes."
    )
    assert facts(text, "2022-03-10") == [
        ("PB", "assembly", "AAP", "won", 90),
        ("PB", "assembly", "Moga", "Ravi Sandhu", "AAP", "won", 20202),
    ]


def test_a_standings_line_takes_the_status_its_paragraph_gave():
    text = "बिहार के ताजा रुझान सामने आए। एनडीए 61 सीटें, भाजपा 33, जेडीयू 21 और वाम 7।"
    assert facts(text, "2020-11-10") == [
        ("BR", "assembly", "NDA", "leading", 61),
        ("BR", "assembly", "BJP", "leading", 33),
        ("BR", "assembly", "JD(U)", "leading", 21),
        ("BR", "assembly", "LEFT", "leading", 7),
    ]
    # a new paragraph starts without it: a standings line there is a total
    later = "बिहार के ताजा रुझान सामने आए।\n\nएनडीए 61 सीटें, भाजपा 33, जेडीयू 21।"
    assert {f[3] for f in facts(later, "2020-11-10")} == {"total"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("उत्तर प्रदेश में 250 सीटों की मतगणना में भाजपा आगे है.", "2022-03-10", []),
        ("उत्तर प्रदेश में 120 सीटों के रुझान आए हैं, इनमें 70 पर भाजपा आगे है.", "2022-03-10",
         [("UP", "assembly", "BJP", "leading", 70)]),
        ("In Uttar Pradesh, trends are available for 104 seats, and the BJP leads in 60.",
         "2022-03-10", [("UP", "assembly", "BJP", "leading", 60)]),
    ],
)  # fmt: skip
def test_the_seats_being_counted_belong_to_no_party(text, published, expected):
    assert facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "X से PARTY के NAME": X is the seat, in a state with no list (taken as written)
        ("यूपी के नतीजों में अलीगढ़ से भाजपा के रवि वर्मा ने जीत दर्ज की है.", "2024-11-23",
         [("UP", "assembly", "Aleegarh", "रवि वर्मा", "BJP", "won", None)]),
        # the name follows the last function word; "भाजपा प्रत्याशी X" is the BJP's
        ("यूपी के नतीजों में बांदा विधानसभा सीट पर भाजपा प्रत्याशी रवि वर्मा ने जीत हासिल की है.",
         "2024-11-23", [("UP", "assembly", "Baandaa", "रवि वर्मा", "BJP", "won", None)]),
        # a seat the sentence calls an assembly seat is one, whatever house came before
        ("बिहार की पटना लोकसभा सीट पर भाजपा के उम्मीदवार आगे रहे। "
         "ओडिशा की पुरी विधानसभा सीट पर बीजेडी की उम्मीदवार रीना दास ने जीत हासिल की।",
         "2023-05-13", [("OD", "assembly", "Puree", "रीना दास", "BJD", "won", None)]),
    ],
)  # fmt: skip
def test_hindi_seats_no_list_holds(text, published, expected):
    assert seat_facts(text, published) == expected


def test_a_romanized_seat_name_is_noted():
    text = "यूपी के नतीजों में अलीगढ़ से भाजपा के रवि वर्मा ने जीत दर्ज की है."
    (fact,) = [f for f in published_facts(text, "2024-11-23") if isinstance(f.payload, SeatResult)]
    assert "seat:romanized" in fact.notes


def test_a_list_of_results_sharing_one_verb_gives_each_item():
    text = (
        "यूपी के नतीजों में बांदा से सपा की रीना यादव, झांसी से अमित सिंह, अलीगढ़ से भाजपा "
        "के रवि वर्मा और बागपत से रालोद के अजय चौधरी ने जीत दर्ज की है."
    )
    found = seat_facts(text, "2024-11-23")
    # the item without a party (झांसी) gives nothing rather than a guess
    assert [(f[2], f[3], f[4], f[5]) for f in found] == [
        ("Baandaa", "रीना यादव", "SP", "won"),
        ("Aleegarh", "रवि वर्मा", "BJP", "won"),
        ("Baagapat", "अजय चौधरी", "RLD", "won"),
    ]
    # every span points into the sentence, at the item's own words
    day = datetime.fromisoformat("2024-11-23").replace(tzinfo=IST)
    art = Article(id="t", lang="hi", text=text, published=day)
    spans = [f.span for f in extract_facts(art) if isinstance(f.payload, SeatResult)]
    assert [text[s:e] for s, e in spans] == ["बांदा", "अलीगढ़", "बागपत"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a party named with the leader of one of its splits is that split, on that day
        ("In Maharashtra, the Shiv Sena, led by Uddhav Thackeray, won 18 seats, and the NCP, "
         "led by Sharad Pawar, won 11 seats.", "2024-11-23",
         [("MH", "assembly", "SS(UBT)", "won", 18), ("MH", "assembly", "NCP(SP)", "won", 11)]),
        ("In Maharashtra, the NCP, headed by Sharad Pawar, won 50 seats.", "2019-10-24",
         [("MH", "assembly", "NCP", "won", 50)]),
        ("In Maharashtra, the Shiv Sena, headed by Eknath Shinde, won 60 seats.", "2024-11-23",
         [("MH", "assembly", "SHS", "won", 60)]),
        ("In Maharashtra, Ravi More of the NCP – Sharad Pawar faction won the Baramati "
         "seat by 2,020 votes.", "2024-11-23",
         [("MH", "assembly", "Baramati", "Ravi More", "NCP(SP)", "won", 2020)]),
    ],
)  # fmt: skip
def test_a_party_led_by_the_leader_of_its_split_is_that_split(text, published, expected):
    assert facts(text, published) == expected


def test_a_national_storys_lok_sabha_seat_does_not_take_the_last_state_named():
    text = (
        "Lok Sabha results: the BJP swept Gujarat, Madhya Pradesh and Delhi, and did well in "
        "Karnataka. In Delhi, BJP's Ravi Bidhuri won the South Delhi Lok Sabha seat.\n\n"
        "BJP's Ravi Gowda wins the Mysuru Lok Sabha seat."
    )
    by_seat = {
        f.payload.constituency: f
        for f in published_facts(text, "2019-05-23")
        if isinstance(f.payload, SeatResult)
    }
    assert not by_seat["South Delhi"].review
    carried = by_seat["Mysuru"]
    assert "state:carried-across-states" in carried.notes and carried.review


UP_TRENDS = [
    ("UP", "assembly", "BJP", "leading", 150),
    ("UP", "assembly", ("SP", "INC"), "leading", 40),
    ("UP", "assembly", "BSP", "leading", 12),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("उत्तर प्रदेश के रुझान: बीजेपी 150, एसपी कांग्रेस 40, बीएसपी 12.",
         "2017-03-11",
         UP_TRENDS),
        ("In Uttar Pradesh, trends: BJP 150, SP+Congress 40, BSP 12.", "2017-03-11",
         UP_TRENDS),
    ],
)  # fmt: skip
def test_two_parties_side_by_side_before_a_number_are_one_alliance(text, published, expected):
    assert facts(text, published) == expected


def test_the_clauses_after_a_result_are_read_and_noted():
    text = (
        "In Karnataka, Basavaraj Bommai maintained a narrow lead in the Hunsur seat, while "
        "Congress's Kiran Patil won from the Varuna seat."
    )
    seats = [f for f in published_facts(text, "2023-05-13") if isinstance(f.payload, SeatResult)]
    later = [f for f in seats if "seat:later-clause" in f.notes]
    assert [f.payload.constituency for f in later] == ["Varuna"]
    assert text[later[0].span[0] : later[0].span[1]] == "Varuna"
