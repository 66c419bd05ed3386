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
        ("In Karnataka, Congress's Priyank Kharge triumphed in the Chittapur seat by 13,640 votes.",
         "2023-05-13", [("KA", "assembly", "Chittapur", "Priyank Kharge", "INC", "won", 13640)]),
        ("In Karnataka, JD(S) candidate H D Kumaraswamy maintained a comfortable lead in the "
         "Channapatna seat.", "2023-05-13",
         [("KA", "assembly", "Channapatna", "H D Kumaraswamy", "JD(S)", "leading", None)]),
        ("In Karnataka, BJP's C T Ravi faced defeat to Congress's H D Thammaiah in the Chikmagalur "
         "seat by 5,926 votes.", "2023-05-13",
         [("KA", "assembly", "Chikmagalur", "C T Ravi", "BJP", "lost", 5926),
          ("KA", "assembly", "Chikmagalur", "H D Thammaiah", "INC", "won", 5926)]),
        # "lost ... against X" and "suffered a loss to X": X won
        ("In Karnataka, Minister V Somanna lost from Varuna by 46,163 votes against Congress’s "
         "Siddaramaiah.", "2023-05-13",
         [("KA", "assembly", "Varuna", "Siddaramaiah", "INC", "won", 46163)]),
        ("In Karnataka, BJP's C T Ravi suffered a loss to Congress' H D Thammaiah in the "
         "Chikmagalur seat by 5,926 votes.", "2023-05-13",
         [("KA", "assembly", "Chikmagalur", "C T Ravi", "BJP", "lost", 5926),
          ("KA", "assembly", "Chikmagalur", "H D Thammaiah", "INC", "won", 5926)]),
        # a name with its party's role in apposition; "is also ahead"
        ("In Delhi, Atishi, AAP candidate from Kalkaji, is also ahead of BJP's Dharambir Singh "
         "by a difference of 7,337 votes.", "2020-02-11",
         [("DL", "assembly", "Kalkaji", "Atishi", "AAP", "leading", 7337)]),
        ("In Karnataka, Siddaramaiah, the Congress candidate from Varuna, won by 46,163 votes.",
         "2023-05-13", [("KA", "assembly", "Varuna", "Siddaramaiah", "INC", "won", 46163)]),
        # a sentence-initial preposition is not part of the seat's name
        ("Karnataka results. In Kanakapura seat, Congress's D K Shivakumar won by 1,21,595 votes.",
         "2023-05-13",
         [("KA", "assembly", "Kanakapura", "D K Shivakumar", "INC", "won", 121595)]),
        # a hyphenated name reads as the list writes it
        ("In Haryana, Congress's Bhupinder Singh Hooda retained the Garhi Sampla-Kiloi seat by "
         "71,465 votes.", "2024-10-08",
         [("HR", "assembly", "Garhi Sampla-Kiloi", "Bhupinder Singh Hooda", "INC", "won", 71465)]),
        # "in Hisar district" names a district, not the seat
        ("In Haryana, Congress's Jassi Petwar won from Narnaund in Hisar district by 12,578 votes.",
         "2024-10-08", [("HR", "assembly", "Narnaund", "Jassi Petwar", "INC", "won", 12578)]),
        # each clause keeps its own seat; the loser of the second loss is not its winner (one
        # result is read per sentence: the first one whose subject is named with a party)
        ("In Jharkhand, Union Minister Sudarshan Bhagat lost to JMM's Joba Majhi in Singhbhum Lok "
         "Sabha seat, and Union Minister Sita Soren lost the Dumka Lok Sabha seat to JMM's Nalin "
         "Soren.", "2024-06-04",
         [("JH", "lok_sabha", "Dumka", "Nalin Soren", "JMM", "won", None)]),
    ],
)  # fmt: skip
def test_seat_sentences(text, published, expected):
    assert sorted(seat_facts(text, published), key=repr) == sorted(expected, key=repr)


def test_whoever_follows_an_active_verb_of_beating_is_beaten():
    text = (
        "In Haryana, Congress's Jassi Petwar won the Narnaund seat. "
        "She defeated Captain Abhimanyu of BJP by 12,578 votes."
    )
    found = seat_facts(text, "2024-10-08")
    assert ("HR", "assembly", "Narnaund", "Jassi Petwar", "INC", "won", 12578) in found
    assert not [f for f in found if f[3] == "Captain Abhimanyu" or f[4] == "BJP"]


def test_a_partys_own_name_before_its_abbreviation_is_no_candidate():
    text = "In Sikkim, the Sikkim Democratic Front (SDF) won the Shyari seat by 1,200 votes."
    assert not [f for f in seat_facts(text, "2024-06-04") if f[3] == "Sikkim Democratic Front"]


def test_a_newly_named_seat_moves_the_topic_for_he_and_the_seat():
    text = (
        "In Himachal Pradesh, Congress's Sukhvinder Singh Sukhu won the Nadaun seat by 3,363 "
        "votes. Anil Sharma stood from the Mandi seat again. He won the seat for the BJP by "
        "10,006 votes."
    )
    found = seat_facts(text, "2022-12-08")
    assert ("HP", "assembly", "Mandi", None, "BJP", "won", 10006) in found
    assert not [f for f in found if f[2] == "Nadaun" and f[6] == 10006]


def test_a_party_role_before_a_new_name_does_not_point_back():
    text = (
        "In Haryana, BJP's Mohan Lal Badoli won the Rai seat by 4,673 votes. "
        "Congress candidate and wrestler Vinesh Phogat defeated BJP's Yogesh Kumar by 6,015 votes."
    )
    found = seat_facts(text, "2024-10-08")
    assert ("HR", "assembly", "Rai", "Mohan Lal Badoli", "BJP", "won", 4673) in found
    assert not [f for f in found if f[6] == 6015]


def test_an_unlisted_seat_that_another_states_list_holds_is_doubted():
    # Narnaund is a Haryana seat; Madhya Pradesh's list has no such name
    text = "In Madhya Pradesh, KL Sharma of Congress clinched the Narnaund seat by 16,719 votes."
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
        ("गुजरात की 3 सीटें भाजपा ने जीतीं. गुजरात से राज्यसभा की चार सीटों के लिए मतदान हुआ था"
         " और राज्यसभा चुनाव में कांग्रेस को एक सीट मिली.", "2020-06-19",
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
        ("उत्तराखंड में कुल 70 सीटों में से 47 पर भाजपा, 19 पर कांग्रेस या तो आगे हैं या जीत चुके हैं।",
         "2022-03-10",
         [("UK", "assembly", "BJP", "total", 47), ("UK", "assembly", "INC", "total", 19)]),
        ("In Uttarakhand, the BJP has either won or is leading in 47 seats.", "2022-03-10",
         [("UK", "assembly", "BJP", "total", 47)]),
        ("In Karnataka, the Bhartiya Janata Party won 66 seats.", "2023-05-13",
         [("KA", "assembly", "BJP", "won", 66)]),
        # the party whose account the seats went to owns them, though named after the number
        ("झारखंड में भाजपा 24 सीटों पर आगे है और एक सीट जेएलकेएम के खाते में गई है.", "2024-11-23",
         [("JH", "assembly", "BJP", "leading", 24), ("JH", "assembly", "JLKM", "won", 1)]),
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
        "The BJP won 54 seats in Chhattisgarh. "
        "In Surguja division, the BJP has won 12 seats while the Congress has won two."
    )
    found = {
        (f.payload.seats, "scope:region" in f.notes, f.review)
        for f in published_facts(text, "2023-12-03")
    }
    assert found == {(54, False, False), (12, True, True), (2, True, True)}


def test_an_undated_line_after_an_earlier_years_line_is_doubted_until_a_new_paragraph():
    text = (
        "In Karnataka, the Congress won 135 seats. The 2018 polls in Karnataka gave a hung "
        "house, with the BJP winning 104 seats. The Congress won 78 and the JD(S) 37."
        "\n\nThe JD(S) won 19 seats."
    )
    by_seats = {f.payload.seats: f for f in published_facts(text, "2023-05-13")}
    assert "time:other-year" in by_seats[104].notes and by_seats[104].review
    for seats in (78, 37):
        assert "time:after-other-year" in by_seats[seats].notes and by_seats[seats].review
    for seats in (135, 19):
        assert not any(n.startswith("time:") for n in by_seats[seats].notes)
        assert not by_seats[seats].review


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Karnataka by-election results.\n\n- Shiggaon: Congress's Yasir Ahmed Khan Pathan "
         "defeated BJP's Bharath Bommai by 13,448 votes.", "2024-11-23",
         [("KA", "assembly", "Shiggaon", "Yasir Ahmed Khan Pathan", "INC", "won", 13448)]),
        # a heading that names the person, or says "Results", is no seat
        ("Himachal Pradesh results.\n\nSukhvinder Singh: The Congress leader Sukhvinder Singh "
         "won by 3,363 votes.", "2022-12-08", []),
        ("Karnataka Results: Congress's Priyank Kharge won by 13,640 votes.", "2023-05-13", []),
    ],
)  # fmt: skip
def test_a_list_items_heading_names_its_seat(text, published, expected):
    assert seat_facts(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Karnataka has no constituency list here: the name after "from" is the seat
        ("In Karnataka, BJP's R Ashoka lost to Congress' Dilip Reddy from Padmanabhanagar by "
         "4,012 votes.", "2023-05-13",
         [("KA", "assembly", "Padmanabhanagar", "R Ashoka", "BJP", "lost", 4012),
          ("KA", "assembly", "Padmanabhanagar", "Dilip Reddy", "INC", "won", 4012)]),
        ("In Karnataka, Congress' Dilip Reddy won in November by 4,012 votes.", "2023-05-13", []),
        # ... or after a verb of winning; "winning" is one
        ("In Punjab, the lowest margin went to AAP's Raman Arora, who won Jalandhar Central by "
         "247 votes.", "2022-03-10",
         [("PB", "assembly", "Jalandhar Central", "Raman Arora", "AAP", "won", 247)]),
        ("In Punjab, Aman Arora of Aam Aadmi Party recorded the biggest margin, winning the Sunam "
         "seat by 75,277 votes.", "2022-03-10",
         [("PB", "assembly", "Sunam", "Aman Arora", "AAP", "won", 75277)]),
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
        ("In Uttar Pradesh, BJP's Dinesh Pratap Singh, whom Rahul Gandhi called weak, lost the "
         "Rae Bareli seat.", "2024-06-04",
         [("UP", "assembly", "Rae Bareli", "Dinesh Pratap Singh", "BJP", "lost", None)]),
        # the subject's own clause gives its status; another's clause is read after it
        ("In Karnataka, Basavaraj Bommai maintained a lead in the Shiggaon seat, while Congress's "
         "D K Shivakumar won from the Kanakapura seat.", "2023-05-13",
         [("KA", "assembly", "Shiggaon", "Basavaraj Bommai", "BJP", "leading", None),
          ("KA", "assembly", "Kanakapura", "D K Shivakumar", "INC", "won", None)]),
        # someone with a party named only after the verb does not keep the leader out
        ("In Meghalaya, Chief minister Conrad K Sangma was leading in the South Tura seat with a "
         "margin of merely 44 votes over his nearest rival Bernard N Marak of the BJP.",
         "2023-03-02",
         [("ML", "assembly", "South Tura", "Conrad Sangma", "NPP", "leading", 44)]),
        ("In Telangana, the BRS's K T Rama Rao was leading, even as Revanth Reddy was trailing "
         "in Kamareddy by 1,768 votes.", "2023-12-03", []),
    ],
)  # fmt: skip
def test_well_known_leaders_and_the_clause_of_each_status(text, published, expected):
    assert seat_facts(text, published) == expected


def test_a_leader_named_after_the_verb_is_not_its_subject():
    text = (
        "In Maharashtra, Anant Nar triumphed over Manisha Waikar, who is aligned with the Shiv "
        "Sena faction led by Eknath Shinde, in the Jogeshwari East seat by 1,541 votes."
    )
    assert not [f for f in seat_facts(text, "2024-11-23") if f[3] == "Eknath Shinde"]


def test_a_state_named_only_for_where_someone_else_governs_does_not_move_the_story():
    text = (
        "In Punjab, the AAP won 92 seats. The AAP will now form its second government after "
        "the one led by Arvind Kejriwal in Delhi. Aman Arora of Aam Aadmi Party won the Sunam "
        "seat by 75,277 votes."
    )
    assert facts(text, "2022-03-10") == [
        ("PB", "assembly", "AAP", "won", 92),
        ("PB", "assembly", "Sunam", "Aman Arora", "AAP", "won", 75277),
    ]


def test_a_standings_line_takes_the_status_its_paragraph_gave():
    text = "बिहार में चुनाव आयोग ने रुझान जारी किए हैं। एनडीए 52 सीटें हैं, भाजपा 28, जेडीयू 20 और वाम 5।"
    assert facts(text, "2020-11-10") == [
        ("BR", "assembly", "NDA", "leading", 52),
        ("BR", "assembly", "BJP", "leading", 28),
        ("BR", "assembly", "JD(U)", "leading", 20),
        ("BR", "assembly", "LEFT", "leading", 5),
    ]
    # a new paragraph starts without it: a standings line there is a total
    later = "बिहार में चुनाव आयोग ने रुझान जारी किए हैं।\n\nएनडीए 52 सीटें हैं, भाजपा 28, जेडीयू 20।"
    assert {f[3] for f in facts(later, "2020-11-10")} == {"total"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("उत्तर प्रदेश में 317 सीटों की मतगणना के शुरूआती रुझान में भाजपा आगे है.", "2022-03-10", []),
        ("उत्तर प्रदेश में 177 सीटों के रुझान आ चुके हैं जिनमें से 86 पर बीजेपी आगे है.", "2022-03-10",
         [("UP", "assembly", "BJP", "leading", 86)]),
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
        ("उत्तर प्रदेश उपचुनाव में खैर से भाजपा के सुरेंद्र दिलेर ने जीत दर्ज की है.", "2024-11-23",
         [("UP", "assembly", "Khair", "सुरेंद्र दिलेर", "BJP", "won", None)]),
        # the name follows the last function word; "भाजपा प्रत्याशी X" is the BJP's
        ("उत्तर प्रदेश उपचुनाव में मझवां विधानसभा सीट पर भाजपा प्रत्याशी सुचिस्मिता ने जीत हासिल की है.",
         "2024-11-23", [("UP", "assembly", "Majhavaan", "सुचिस्मिता", "BJP", "won", None)]),
        # a seat the sentence calls an assembly seat is one, whatever house came before
        ("पंजाब की जालंधर लोकसभा सीट पर हुए उपचुनाव में आप के उम्मीदवार सुशील कुमार रिंकू विजयी हुए। "
         "ओडिशा की झारसुगुडा विधानसभा सीट के उपचुनाव में बीजेडी की उम्मीदवार दीपाली दास ने जीत हासिल की।",
         "2023-05-13", [("OD", "assembly", "Jhaarasugudaa", "दीपाली दास", "BJD", "won", None)]),
    ],
)  # fmt: skip
def test_hindi_seats_no_list_holds(text, published, expected):
    assert seat_facts(text, published) == expected


def test_a_romanized_seat_name_is_noted():
    text = "उत्तर प्रदेश उपचुनाव में खैर से भाजपा के सुरेंद्र दिलेर ने जीत दर्ज की है."
    (fact,) = [f for f in published_facts(text, "2024-11-23") if isinstance(f.payload, SeatResult)]
    assert "seat:romanized" in fact.notes


def test_a_list_of_results_sharing_one_verb_gives_each_item():
    text = (
        "उत्तर प्रदेश उपचुनाव में सीसामऊ से सपा की नसीम सोलंकी, करहल से तेज प्रताप यादव, खैर से भाजपा "
        "के सुरेंद्र दिलेर और मीरापुर से रालोद की मिथलेश पाल ने जीत दर्ज की है."
    )
    found = seat_facts(text, "2024-11-23")
    # the item without a party (करहल) gives nothing rather than a guess
    assert [(f[2], f[3], f[4], f[5]) for f in found] == [
        ("Seesaamaoo", "नसीम सोलंकी", "SP", "won"),
        ("Khair", "सुरेंद्र दिलेर", "BJP", "won"),
        ("Meeraapur", "मिथलेश पाल", "RLD", "won"),
    ]
    # every span points into the sentence, at the item's own words
    day = datetime.fromisoformat("2024-11-23").replace(tzinfo=IST)
    art = Article(id="t", lang="hi", text=text, published=day)
    spans = [f.span for f in extract_facts(art) if isinstance(f.payload, SeatResult)]
    assert [text[s:e] for s, e in spans] == ["सीसामऊ", "खैर", "मीरापुर"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a party named with the leader of one of its splits is that split, on that day
        ("In Maharashtra, the 46 seats included 20 seats won by Shiv Sena, led by Uddhav "
         "Balasaheb Thackeray, and 10 seats won by the NCP, led by Sharad Pawar.", "2024-11-23",
         [("MH", "assembly", "SS(UBT)", "won", 20), ("MH", "assembly", "NCP(SP)", "won", 10)]),
        ("In Maharashtra, the NCP, led by Sharad Pawar, won 54 seats.", "2019-10-24",
         [("MH", "assembly", "NCP", "won", 54)]),
        ("In Maharashtra, the Shiv Sena, led by Eknath Shinde, won 57 seats.", "2024-11-23",
         [("MH", "assembly", "SHS", "won", 57)]),
        ("In Maharashtra, Rohit Pawar of the NCP – Sharad Pawar faction won the Karjat Jamkhed "
         "seat by 1,243 votes.", "2024-11-23",
         [("MH", "assembly", "Karjat Jamkhed", "Rohit Pawar", "NCP(SP)", "won", 1243)]),
    ],
)  # fmt: skip
def test_a_party_led_by_the_leader_of_its_split_is_that_split(text, published, expected):
    assert facts(text, published) == expected


def test_a_national_storys_lok_sabha_seat_does_not_take_the_last_state_named():
    text = (
        "Lok Sabha results: the BJP swept Gujarat, Madhya Pradesh and Delhi, and did well in "
        "Karnataka. In Delhi, BJP's Manoj Tiwari won the North East Delhi Lok Sabha seat.\n\n"
        "BJP's Tejasvi Surya wins the Bengaluru South Lok Sabha seat."
    )
    by_seat = {
        f.payload.constituency: f
        for f in published_facts(text, "2019-05-23")
        if isinstance(f.payload, SeatResult)
    }
    assert not by_seat["North East Delhi"].review
    carried = by_seat["Bengaluru South"]
    assert "state:carried-across-states" in carried.notes and carried.review


UP_TRENDS = [
    ("UP", "assembly", "BJP", "leading", 230),
    ("UP", "assembly", ("SP", "INC"), "leading", 70),
    ("UP", "assembly", "BSP", "leading", 30),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("उत्तर प्रदेश में 403 में से 334 सीटों पर रुझान, बीजेपी 230 एसपी कांग्रेस 70, बीएसपी 30.",
         "2017-03-11",
         UP_TRENDS),
        ("In Uttar Pradesh, trends: BJP 230, SP+Congress 70, BSP 30.", "2017-03-11",
         UP_TRENDS),
    ],
)  # fmt: skip
def test_two_parties_side_by_side_before_a_number_are_one_alliance(text, published, expected):
    assert facts(text, published) == expected


def test_the_clauses_after_a_result_are_read_and_noted():
    text = (
        "In Karnataka, Basavaraj Bommai maintained a lead in the Shiggaon seat, while Congress's "
        "D K Shivakumar won from the Kanakapura seat."
    )
    seats = [f for f in published_facts(text, "2023-05-13") if isinstance(f.payload, SeatResult)]
    later = [f for f in seats if "seat:later-clause" in f.notes]
    assert [f.payload.constituency for f in later] == ["Kanakapura"]
    assert text[later[0].span[0] : later[0].span[1]] == "Kanakapura"
