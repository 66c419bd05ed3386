"""One constituency's result: who won or leads where, over whom, by how many votes.

A seat result needs a constituency (named in the sentence, or carried from the last seat
sentence when the subject points back: "he", "उन्होंने", "the AAP leader"), a party and
a status in the same clause as its evidence. When several margins are given, the smallest
is the winning margin: the runner-up is, by definition, the closest rival ("finished 4,538
votes ahead of the BJP's Gajay Singh Rana and thumped the National Conference's Khalid
Najib Suharwardy by 9,894").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tally.events import SeatResult

from .context import ArticleContext, Focus, find_house
from .gazetteer import (
    Mention,
    SeatInfo,
    constituencies,
    find_alliance_names,
    find_parties,
    find_states,
    match_candidate,
    match_constituency,
)
from .leaders import find_leaders
from .nominees import NamedCandidate, named_candidates, named_seats
from .numerals import Number
from .seat_lists import SentenceView, list_items, rest_of
from .translit import romanize

__all__ = ["SeatCandidate", "find_seat_results"]

_EN_NAME = r"(?:[A-Z][a-z]+|[A-Z]{1,2}\.?(?=\s))(?:\s+(?:[A-Z][a-z]+|[A-Z]{1,2}\.?(?=\s))){0,3}"
_EN_AFTER_PARTY = re.compile(
    rf"^['’]s?\s+(?:candidate\s+|leader\s+|nominee\s+|MLA\s+)?(?P<name>{_EN_NAME})"
)
_EN_ROLE_AFTER_PARTY = re.compile(
    rf"^\s+(?:party\s+)?(?:candidate|leader|nominee|MLA|chief|president|supremo|MP)\s+"
    rf"(?P<name>{_EN_NAME})"
)
_EN_BEFORE_PARTY = re.compile(
    rf"(?P<name>{_EN_NAME})\s+(?:of the|of|from the)\s+$|(?P<name2>{_EN_NAME})\s*\($"
)
# "Asha, AAP candidate from Rohini, is ahead": a name, then its party's role in apposition
_EN_APPOSED_BEFORE_PARTY = re.compile(rf"(?P<name>{_EN_NAME}),\s+(?:the\s+)?$")
_EN_APPOSED_ROLE = re.compile(r"^\s+(?:candidate|nominee|leader|MLA|MP)\b")
# "the AAP leader" points back at the last candidate; "Congress candidate and wrestler
# Vinesh Phogat" introduces a new one.
_EN_PARTY_ROLE = re.compile(
    r"^(?:'s)?\s+(?:leader|candidate|nominee|MLA)\b(?!\s+(?:and\s+[a-z]+\s+)?[A-Z][a-z])"
)
_EN_OBJECT_BEFORE = re.compile(
    r"(?:ahead of|defeated|defeating|beat|beating|over|against|trounced|thumped|pipped|edged out|lost to|trailing)\s+(?:the\s+)?$",
    re.I,
)
_EN_PRONOUN = re.compile(r"^\s*(?:He|She|The (?:[A-Z]\w+ )?(?:leader|candidate|nominee|MLA))\b")

_HI_WORD = r"[\u0900-\u097f]+"
_HI_STOP = set(
    [
        "उम्मीदवार",
        "प्रत्याशी",
        "नेता",
        "ने",
        "को",
        "की",
        "का",
        "के",
        "से",
        "में",
        "पर",
        "है",
        "हैं",
        "और",
        "भी",
        "ही",
        "तो",
        "जीत",
        "हार",
        "सीट",
        "विधानसभा",
        "गए",
        "गई",
        "थे",
        "थी",
        "था",
        "हो",
        "रहे",
        "रही",
        "रहा",
        "द्वारा",
        "साथ",
        "बाद",
        "लिए",
        "कहा",
        "अपनी",
        "अपने",
        "उनकी",
        "उनके",
        "सबसे",
        "पूरी",
        "पूरे",
    ]
)
_HI_ROLE = r"(?:उम्मीदवार|प्रत्याशी|नेता|विधायक|कैंडिडेट)"
_HI_AFTER_PARTY = re.compile(
    rf"^\s*(?:के|की)\s+(?:{_HI_ROLE}\s+)?(?P<name>(?:{_HI_WORD}\s+){{1,4}}?)(?=ने|को|की|का|के|द्वारा|जीत|हार|भी|से|,)"
)
_HI_ROLE_NAME = re.compile(
    rf"{_HI_ROLE}\s+(?P<name>(?:{_HI_WORD}\s+){{1,4}}?)(?=ने|को|की|का|के|द्वारा|जीत|हार|भी|,)"
)
_HI_PRONOUN = re.compile(r"(?:^|\s)(?:उन्होंने|उन्हें|वह|वे|वो)(?:\s|$)")

_CONSTITUENCY_EN = re.compile(
    r"(?P<name>(?:[A-Z][A-Za-z.]*[\s-]+){1,3}?)(?:\((?:SC|ST)\)\s+)?(?:Assembly |assembly |legislative |Vidhan Sabha )?"
    r"(?:seat|constituency|segment)\b"
)
_CONSTITUENCY_EN_FROM = re.compile(
    # possessive: "in Rohtak district" must not give back "Roht"; a district is not a seat
    # and the object of a verb of winning ("who won Rohtak by 300 votes"): listed
    # seats only, since the name must be found in the state's list
    r"\b(?:from|in|at|won|wins|winning|retained|lost|bagged|clinched)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][a-z]+\s?){1,3}+)(?!\s*[Dd]istrict)"
)
_CONSTITUENCY_HI = re.compile(
    rf"(?P<name>(?:{_HI_WORD}\s+){{1,3}}?)(?:विधानसभा\s+)?(?:सीट|क्षेत्र|निर्वाचन क्षेत्र)(?![\u0900-\u097f])"
    rf"|(?P<name2>(?:{_HI_WORD}\s+){{1,3}}?)से\s+(?=\S+\s+(?:के|की)\s+{_HI_ROLE}|{_HI_ROLE}|\S+\s+\S+\s+पार्टी)"
)

_MARGIN_PATTERNS = (
    # "by 4,538", "by a margin of", "by a record 8,21,408 votes", "by a slender 675"
    re.compile(r"by\s+(?:a\s+)?(?:[a-z]+\s+){0,2}?(?:(?:margin|lead)\s+of\s+)?$", re.I),
    re.compile(
        r"(?:margin|lead|difference)\s+of\s+(?:just\s+|merely\s+|only\s+|over\s+|about\s+"
        r"|nearly\s+|almost\s+|around\s+|more than\s+)?$",
        re.I,
    ),
)
_MARGIN_AFTER = (
    re.compile(r"^\s*(?:-\s*)?votes?\s+(?:ahead|behind)\b", re.I),
    re.compile(r"^\s*-?vote\s+(?:margin|lead)\b", re.I),
    # "4,538 वोटों से", "71,465 वोटों के भारी अंतर से", "12,000 वोटों की बढ़त"
    re.compile(
        r"^\s*(?:वोटों|वोट|मतों|मत)\s+(?:से|के\s+(?:\S+\s+)?(?:अंतर|अंतराल|फासले|फ़ासले)\s+से"
        r"|की\s+(?:\S+\s+)?(?:बढ़त|लीड))"
    ),
)
_ROUNDS = (
    (re.compile(r"^\s*(?:of|/)\s*(?P<total>[0-9]+)\s+rounds", re.I), "round_of"),
    (re.compile(r"(?:after|of)\s+(?:the\s+)?(?:scheduled|all|final)\s+$", re.I), "total"),
    (re.compile(r"after\s+(?:round\s+)?$", re.I), "round"),
)

_STATUS = (
    (
        "won",
        re.compile(
            r"\b(?:won|wins|winning|has won|retained|bagged|clinched|defeated|beat|trounced|thumped|"
            r"secured|triumphed|triumphing|emerged victorious|declared (?:the )?winner|"
            r"declared elected|was elected|finished [\d,]+ votes ahead|romped home)\b",
            re.I,
        ),
    ),
    (
        "lost",
        re.compile(
            r"\b(?:lost|loses|was defeated|conceded defeat"
            r"|(?:suffered|faced) (?:a )?(?:\w+ )?(?:defeat|loss))\b",
            re.I,
        ),
    ),
    ("trailing", re.compile(r"\b(?:trailing|trails|trailed|is behind)\b", re.I)),
    (
        "leading",
        re.compile(
            r"\b(?:leading|leads|(?:is|was|are|were) (?:also |still |now )?ahead|(?:maintained|established|taken) (?:a|his|her)"
            r" (?:\w+ )?lead)\b",
            re.I,
        ),
    ),
    (
        "won",
        re.compile(
            r"जीत गए|जीत गई|जीत गये|जीते|जीत हासिल|जीत दर्ज|विजयी|मात दी|मात दे|हराया|हरा दिया|हराकर|जीत मिली|चुनाव जीत"
            r"|पराजित किया|पराजित कर|शिकस्त दी"
        ),
    ),
    ("lost", re.compile(r"हार गए|हार गई|हार गये|हारे|पराजित हुए|हार का सामना")),
    ("trailing", re.compile(r"पीछे चल|पीछे हैं|पीछे है|पिछड़")),
    ("leading", re.compile(r"आगे चल|आगे हैं|आगे है|बढ़त बना|बढ़त है")),
)
_HI_OBJECT_VERB = re.compile(r"हराया|हरा दिया|मात दी|मात दे|हराकर|पराजित किया|शिकस्त दी")


@dataclass(frozen=True, slots=True)
class SeatCandidate:
    payload: SeatResult
    state: str
    span: tuple[int, int]
    house: str = "assembly"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    party: str | None
    start: int
    end: int
    is_object: bool


def _people(sentence: str, actors: list[Mention], ctx: ArticleContext) -> list[_Person]:
    people: list[_Person] = []
    hindi_objects = bool(_HI_OBJECT_VERB.search(sentence))

    def is_a_name(start: int, end: int) -> bool:
        """Not a party's own name: "Sikkim Democratic Front (SDF)" is no candidate."""
        return not any(b.start < end and start < b.end for b in actors)

    for a in actors:
        if a.kind != "party":
            continue
        tail = sentence[a.end :]
        head = sentence[: a.start]
        obj = bool(_EN_OBJECT_BEFORE.search(head))
        for rx in (_EN_AFTER_PARTY, _EN_ROLE_AFTER_PARTY, _HI_AFTER_PARTY):
            m = rx.match(tail)
            if m:
                name = m.group("name").strip()
                end = a.end + m.end("name")
                if not _plausible(name) or not is_a_name(a.end + m.start("name"), end):
                    continue
                hi_obj = hindi_objects and sentence[end:].lstrip().startswith("को")
                people.append(_Person(name, a.code, a.start, end, obj or hi_obj))
                break
        else:
            m = _EN_BEFORE_PARTY.search(head)
            if m is None and _EN_APPOSED_ROLE.match(tail):
                m = _EN_APPOSED_BEFORE_PARTY.search(head)
            if m:
                name = (m.group("name") or m.group("name2")).strip()
                if _plausible(name) and is_a_name(m.start(), m.start() + len(name)):
                    people.append(
                        _Person(
                            name,
                            a.code,
                            m.start(),
                            a.end,
                            bool(_EN_OBJECT_BEFORE.search(head[: m.start()])),
                        )
                    )
    for m in _HI_ROLE_NAME.finditer(sentence):
        if any(p.start <= m.start("name") < p.end for p in people):
            continue
        name = m.group("name").strip()
        if not _plausible(name):
            continue
        party = None
        if re.search(r"पार्टी\s+के\s*$", sentence[: m.start()]) and ctx.last_actor is not None:
            party = ctx.last_actor.code
        # "भाजपा प्रत्याशी सुचिस्मिता": the party named just before the role is theirs
        before = [a for a in actors if a.kind == "party" and a.end <= m.start()]
        if party is None and before and not sentence[before[-1].end : m.start()].strip():
            party = before[-1].code
        hi_obj = hindi_objects and sentence[m.end("name") :].lstrip().startswith("को")
        people.append(_Person(name, party, m.start(), m.end("name"), hi_obj))
    return sorted(people, key=lambda p: p.start)


_EN_HE = re.compile(r"\b(?:he|she)\b", re.I)


def _with_leaders(
    sentence: str, people: list[_Person], ctx: ArticleContext
) -> tuple[list[_Person], set[tuple[int, int]]]:
    """Add the well-known leaders the sentence names without a party (see :mod:`.leaders`),
    when no one in it is named with theirs; return them with their spans."""
    added = [
        _Person(
            m.name,
            m.party,
            m.start,
            m.end,
            bool(_EN_OBJECT_BEFORE.search(sentence[: m.start]))
            or sentence[m.end :].lstrip().startswith("को "),
        )
        for m in find_leaders(sentence, ctx.published)
        if not any(p.start < m.end and m.start < p.end for p in people)
    ]
    spans = {(p.start, p.end) for p in added}
    return sorted([*people, *added], key=lambda p: p.start), spans


_PC_EN = re.compile(r"(?P<name>(?:[A-Z][a-z]+\s+){1,3}?)Lok Sabha (?:seat|constituency)\b")
_PC_HI = re.compile(
    r"(?P<name>(?:[\u0900-\u097f]+\s+){1,2}?)लोकसभा (?:सीट|क्षेत्र)(?![\u0900-\u097f])"
)
_NOT_A_PC = {"The", "A", "His", "Her", "Its", "Their", "This", "That", "Every", "In", "From", "At",
             "Meanwhile", "And", "But", "While", "However"}  # fmt: skip


def _lok_sabha_seats(sentence: str, state: str) -> list[tuple[SeatInfo, int, int]]:
    """Seats written "<Name> Lok Sabha seat" / "<नाम> लोकसभा सीट", as unnumbered seats."""
    out: list[tuple[SeatInfo, int, int]] = []
    for rx in (_PC_EN, _PC_HI):
        for m in rx.finditer(sentence):
            words = [w for w in m.group("name").split() if w not in _NOT_A_PC]
            written = " ".join(words)
            if not written or any(
                s.start == 0 and s.end == len(written) for s in find_states(written)
            ):
                continue
            name = written if written.isascii() else romanize(written).title()
            start = sentence.find(words[0], m.start())
            out.append((SeatInfo(state, 0, name, (), "", ()), start, start + len(written)))
    return out


def _seat_of_clause(
    seats: list[tuple[SeatInfo, int, int]], spans: list[tuple[int, int]], anchor: int
) -> tuple[SeatInfo, int, int]:
    """The seat named in the clause of ``anchor`` (the result's subject or verb): "X lost to Y
    in Arrah seat, and Z lost the Khunti seat to W" gives W Khunti, not Arrah."""
    clause = next((c for c in spans if c[0] <= anchor < c[1]), None)
    if clause is not None:
        for seat in seats:
            if clause[0] <= seat[1] < clause[1]:
                return seat
    return seats[0]


# "She defeated the sitting MLA of the BJP": whoever follows an active verb of beating is
# beaten, even when the winner is only a pronoun or goes unrecognised.
_EN_TRANSITIVE_WIN = re.compile(r"defeated|beat|trounced|thumped", re.I)


def _objects_after_verb(
    sentence: str,
    people: list[_Person],
    named: list[NamedCandidate],
    verb_start: int,
    verb_end: int,
) -> list[_Person]:
    """English puts the subject before the verb: once someone is named before it, a person
    after it ("lost the New Delhi seat to the BJP's Parvesh Verma", "was leading his nephew
    Yugendra Pawar of the NCP (SP)") is the rival, unless a passive "by" introduces them."""
    has_subject = any(p.start < verb_start and not p.is_object for p in people) or any(
        c.start < verb_start for c in named
    )
    transitive = bool(_EN_TRANSITIVE_WIN.fullmatch(sentence[verb_start:verb_end]))
    if not has_subject and not transitive:
        return people
    out = []
    for p in people:
        after = p.start >= verb_end
        passive = bool(re.search(r"\bby\s+(?:the\s+)?\S*\s*$", sentence[verb_end : p.start]))
        out.append(_Person(p.name, p.party, p.start, p.end, p.is_object or (after and not passive)))
    return out


# "lost the Phephna seat to", "was defeated by", "suffered defeat at the hands of",
# "trailing behind": the person named next won or leads.
_LOSS_TO = re.compile(
    r"\b(?:lost|loses|losing|conceded)\b[^.;:]{0,60}?\b(?:to|against)\s+(?:the\s+)?$"
    r"|\bloss\s+to\s+(?:the\s+)?$"
    r"|\b(?:was|were|been|got|is|being)\s+defeated\s+by\s+(?:the\s+)?$"
    r"|\bdefeat\b[^.;:]{0,40}?\b(?:at the hands of|from|to)\s+(?:the\s+)?(?:\w+\s+){0,2}?$"
    r"|\b(?:trailing|trails|trailed)\s+(?:behind\s+)?(?:the\s+)?$",
    re.I,
)


def _winner_of_loss(
    sentence: str, people: list[_Person], status: tuple[str, int, int]
) -> _Person | None:
    """The party-named person a loss or a trail went to, right after the verb's phrase."""
    if status[0] not in ("lost", "trailing"):
        return None
    for p in people:
        if p.party is None or p.start < status[1]:
            continue
        if _LOSS_TO.search(sentence[status[1] : p.start]):
            return p
    return None


def _split_named(
    sentence: str,
    named: list[NamedCandidate],
    people: list[_Person],
    status: tuple[str, int, int],
    english: bool,
) -> tuple[NamedCandidate | None, list[NamedCandidate]]:
    """The gazetteer candidate who is the subject of the status verb, and the rivals.

    English: the subject is named before the verb. Hindi: the rival carries "को" (हराया) or
    "से" (से हार गए / से आगे); the subject does not."""
    objects_at = {(p.start, p.end) for p in people if p.is_object}
    subject = None
    rivals = []
    for c in named:
        overlaps_object = any(s < c.end and c.start < e for s, e in objects_at)
        if english:
            is_rival = c.start >= status[2] or overlaps_object
        else:
            tail = sentence[c.end :].lstrip()
            is_rival = overlaps_object or tail.startswith(("को ", "से "))
        if is_rival:
            rivals.append(c)
        elif subject is None:
            subject = c
    return subject, rivals


def _plausible(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 4:
        return False
    if any(w in _HI_STOP for w in words):
        return False
    return not any(w in ("The", "He", "She", "It", "In", "On", "At", "After", "And") for w in words)


def _constituencies(
    sentence: str, state: str | None, loose: bool
) -> list[tuple[SeatInfo, int, int]]:
    """Constituencies named next to a seat word ("Doda seat", "डोडा विधानसभा सीट"); with
    ``loose``, also after "from"/"in" ("won from Doda"). State names never count."""
    found: list[tuple[SeatInfo, int, int]] = []
    patterns = (
        (_CONSTITUENCY_EN, _CONSTITUENCY_HI, _CONSTITUENCY_EN_FROM)
        if loose
        else (_CONSTITUENCY_EN, _CONSTITUENCY_HI)
    )
    for rx in patterns:
        for m in rx.finditer(sentence):
            group = "name" if m.group("name") else "name2"
            raw = m.group(group)
            if not raw:
                continue
            words = raw.split()
            start = m.start(group)
            for k in range(min(3, len(words)), 0, -1):
                written = " ".join(words[-k:])
                if any(m.start == 0 and m.end == len(written) for m in find_states(written)):
                    break  # a state ("Delhi"), though "New Delhi" is a seat
                seat = match_constituency(written, state)
                if seat is not None:
                    pos = sentence.find(words[-k], start)
                    found.append((seat, pos, pos + len(written)))
                    break
    uniq: dict[tuple[str, int, str], tuple[SeatInfo, int, int]] = {}
    for seat, s, e in found:
        uniq.setdefault((seat.state, seat.ac_no, seat.name), (seat, s, e))
    return sorted(uniq.values(), key=lambda t: t[1])


_NOT_A_SEAT = {"The", "A", "An", "His", "Her", "Its", "Their", "This", "That", "Every", "Each",
               "Assembly", "Lok", "Sabha", "Rajya", "Vidhan", "Home", "Same", "Lone", "Only",
               "In", "From", "At", "Meanwhile", "And", "But", "While", "However"}  # fmt: skip
_HI_NOT_A_SEAT = {"इस", "उस", "एक", "हर", "किसी", "अपनी", "उनकी", "यह", "वह", "विधानसभा", "लोकसभा",
                  "सभी", "दोनों", "कुल"} | _HI_STOP  # fmt: skip


def _written_seats(sentence: str, state: str) -> list[tuple[SeatInfo, int, int]]:
    """Seats the gazetteer does not list, taken as written when a seat word names them
    ("won the Kanakapura seat", "from Sunam constituency", "बल्ह सीट पर"): no AC number,
    and :mod:`.confidence` weighs them lower."""
    out: list[tuple[SeatInfo, int, int]] = []
    for rx in (_CONSTITUENCY_EN, _CONSTITUENCY_HI):
        for m in rx.finditer(sentence):
            if not m.group("name"):
                continue
            words = m.group("name").split()
            stop = _HI_NOT_A_SEAT if rx is _CONSTITUENCY_HI else _NOT_A_SEAT
            # the name is what follows the last function word ("उपचुनाव में मझवां विधानसभा
            # सीट" is Majhawan)
            stops = [i for i, w in enumerate(words) if w in stop]
            if stops:
                words = words[stops[-1] + 1 :]
            if not words:
                continue
            written = " ".join(words).strip(" -")
            if not written or find_parties(written) or find_alliance_names(written):
                continue
            if any(x.start == 0 and x.end == len(written) for x in find_states(written)):
                continue
            start = sentence.find(words[0], m.start("name"))
            name = written if written.isascii() else romanize(written).title()
            out.append((SeatInfo(state, 0, name, (), "", ()), start, start + len(written)))
    return out


# "- Seatname: The BJP's candidate kept the seat, beating ...": a list
# item's heading names its seat.
_HEADING = re.compile(r"^\s*(?:[-–•*]\s*)?(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s*:\s+\S")
_NOT_A_HEADING_SEAT = {"Results", "Result", "Update", "Updates", "Live", "Watch", "Read", "Also",
                       "Note", "Highlights", "Breaking", "Election", "Elections", "Counting",
                       "Trends", "Big", "Key", "Top", "Exit", "Poll", "Polls", "Analysis", "Video",
                       "Photos", "Day", "Winners", "Losers", "Seat", "Seats", "Verdict", "Summary",
                       "Meanwhile", "Earlier", "Today", "Latest"}  # fmt: skip


def _heading_seat(sentence: str, state: str | None) -> tuple[SeatInfo, int, int] | None:
    """The seat a list item's heading names: listed in the story's state, or taken as written
    (and then, like every unlisted seat, only with its winner and party in the text). A heading
    that names a person ("Vikramaditya Singh: ... Vikramaditya stood ...") is no seat."""
    m = _HEADING.match(sentence)
    if m is None:
        return None
    name = m.group("name")
    words = re.split(r"[ -]", name)
    rest = sentence[m.end("name") :]
    if any(w in _NOT_A_HEADING_SEAT for w in words) or any(w in rest for w in words):
        return None
    if find_parties(name) or find_alliance_names(name) or find_states(name):
        return None
    span = (m.start("name"), m.end("name"))
    seat = match_constituency(name, state)
    if seat is not None:
        return seat, *span
    if state is None:
        return None
    return SeatInfo(state, 0, name, (), "", ()), *span


# "lost to the Congress nominee from Konta", "lost by 900 votes in Patan", "who won Tonk by 300
# votes": in a state with no list to check against, a name after
# from/in/at or a verb of winning is taken as the seat, weakly.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:from|in|at|won|wins|winning|retained|lost|bagged|clinched)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}+)"
    r"(?!['’]|\s*(?:district|division|region|zone|belt|city|Lok Sabha|Rajya Sabha)\b)"
)
_NOT_A_PLACE = {"January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
                "Thursday", "Friday", "Saturday", "Sunday", "Parliament", "Assembly", "House",
                "India", "Election", "Elections", "Commission", "Total", "All", "The", "This",
                "Round", "Rounds", "Phase", "Votes", "Vote", "Counting", "Results", "Lok", "Sabha",
                "Rajya", "Vidhan"}  # fmt: skip


_HI_FROM_BEFORE_PARTY = re.compile(rf"(?<![\u0900-\u097f])(?P<name>{_HI_WORD})\s+से\s+$")


def _seat_after_preposition(
    sentence: str, state: str | None, actors: list[Mention], people: list[_Person]
) -> tuple[SeatInfo, int, int] | None:
    """The seat named after from/in/at, for a state without a constituency list only."""
    if state is None or state in constituencies():
        return None
    person_words = {w for p in people for w in p.name.split()}
    for m in _AFTER_PREPOSITION.finditer(sentence):
        name = m.group("name")
        start, end = m.span("name")
        words = re.split(r"[ -]", name)
        if any(w in _NOT_A_PLACE or w in person_words for w in words):
            continue
        if any(a.start < end and start < a.end for a in actors) or find_states(name):
            continue
        return SeatInfo(state, 0, name, (), "", ()), start, end
    # Hindi: "करहल से सपा के उम्मीदवार": the word before "से" ahead of a party
    for a in actors:
        m = _HI_FROM_BEFORE_PARTY.search(sentence, 0, a.start)
        if a.kind != "party" or m is None:
            continue
        word = m.group("name")
        if word in _HI_NOT_A_SEAT or find_states(word) or find_parties(word):
            continue
        return SeatInfo(state, 0, romanize(word).title(), (), "", ()), *m.span("name")
    return None


def _status(
    sentence: str, evidence: list[int], spans: list[tuple[int, int]]
) -> tuple[str, int, int] | None:
    """The first individual status word that shares a clause with a piece of evidence."""
    clauses = {span for span in spans for pos in evidence if span[0] <= pos < span[1]}
    for status, rx in _STATUS:
        for m in rx.finditer(sentence):
            if any(a <= m.start() < b for a, b in clauses):
                return status, m.start(), m.end()
    return None


def _margins(sentence: str, numbers: list[Number]) -> list[Number]:
    out = []
    for n in numbers:
        if n.as_int is None or n.ordinal:
            continue
        before = sentence[max(0, n.start - 30) : n.start]
        after = sentence[n.end : n.end + 40]
        if any(rx.search(before) for rx in _MARGIN_PATTERNS) or any(
            rx.match(after) for rx in _MARGIN_AFTER
        ):
            out.append(n)
    return out


def _rounds(sentence: str, numbers: list[Number]) -> tuple[int | None, int | None]:
    current = total = None
    for n in numbers:
        if n.as_int is None:
            continue
        after = sentence[n.end : n.end + 30]
        before = sentence[max(0, n.start - 30) : n.start]
        m = _ROUNDS[0][0].match(after)
        if m and re.search(r"round\s*$|after\s*$", before, re.I):
            return n.as_int, int(m.group("total"))
        is_rounds = re.match(r"^\s*(?:rounds?|राउंड|दौर)", after, re.I) or re.search(
            r"round\s+$", before, re.I
        )
        if not is_rounds:
            continue
        if _ROUNDS[1][0].search(before) or re.search(r"कुल\s*$", before):
            total = n.as_int
        else:
            current = n.as_int
    return current, total


def find_seat_results(
    sentence: str,
    *,
    numbers: list[Number],
    actors: list[Mention],
    state: str | None,
    ctx: ArticleContext,
    clause_spans: list[tuple[int, int]],
    is_trapped: Callable[[str, str], bool],
) -> list[SeatCandidate]:
    """The seat results the sentence states (see :func:`_read_seat_results`).

    A sentence that names another listed seat without a result still moves the topic there
    ("Then she stood from the Solan seat. She took it for the Congress ..."): a later
    "he" or "the seat" must not reach back past it to the seat before.
    """
    found = _read_seat_results(
        sentence,
        numbers=numbers,
        actors=actors,
        state=state,
        ctx=ctx,
        clause_spans=clause_spans,
        is_trapped=is_trapped,
    )
    if len(found) <= 1:
        by_item = _read_list(sentence, numbers, actors, state, ctx, is_trapped)
        if len(by_item) >= 2:
            return by_item
    if found:
        found += _read_later_clauses(
            sentence, found, numbers, actors, state, ctx, clause_spans, is_trapped
        )
    focus = ctx.focus
    if not found and focus is not None:
        named = [seat for seat, _, _ in _constituencies(sentence, state, loose=False)]
        if not named and state is not None:
            named = [seat for seat, _, _ in _written_seats(sentence, state)]
        if named and named[0] != focus.seat:
            ctx.focus = Focus(named[0].state, named[0], None, None)
    return found


_MAX_RESULTS = 4
"""Results read from one sentence at most, so a long list cannot run away."""


def _read_later_clauses(
    sentence: str,
    found: list[SeatCandidate],
    numbers: list[Number],
    actors: list[Mention],
    state: str | None,
    ctx: ArticleContext,
    clause_spans: list[tuple[int, int]],
    is_trapped: Callable[[str, str], bool],
) -> list[SeatCandidate]:
    """Results in the clauses after the ones read ("A kept Tonk while B was declared the
    winner in Patan"): the rest of the sentence from the next clause break is read as a
    sentence of its own, noted ``seat:later-clause``."""
    out: list[SeatCandidate] = []
    seen = {c.payload.constituency for c in found}
    anchor = max(c.span[1] for c in found)
    while len(found) + len(out) < _MAX_RESULTS:
        start = next((a for a, _ in clause_spans if a >= anchor and a > 0), None)
        if start is None:
            break
        spans = [(a - start, b - start) for a, b in clause_spans if a >= start]
        view = rest_of(sentence, start)
        more = [
            c
            for c in _read_view(
                view, numbers, actors, state, ctx, spans, is_trapped, "later-clause"
            )
            if c.payload.constituency not in seen
        ]
        if not more:
            break
        out += more
        seen |= {c.payload.constituency for c in more}
        anchor = max(c.span[1] for c in more)
    return out


def _read_list(
    sentence: str,
    numbers: list[Number],
    actors: list[Mention],
    state: str | None,
    ctx: ArticleContext,
    is_trapped: Callable[[str, str], bool],
) -> list[SeatCandidate]:
    """Each item of a list of results that share one verb (see :mod:`.seat_lists`)."""
    return [
        c
        for item in list_items(sentence)
        for c in _read_view(
            item, numbers, actors, state, ctx, [(0, len(item.text))], is_trapped, "list-item"
        )
    ]


def _read_view(
    view: SentenceView,
    numbers: list[Number],
    actors: list[Mention],
    state: str | None,
    ctx: ArticleContext,
    clause_spans: list[tuple[int, int]],
    is_trapped: Callable[[str, str], bool],
    how: str,
) -> list[SeatCandidate]:
    """The results a view of the sentence states, spans mapped back to the sentence and
    noted ``seat:<how>``."""
    return [
        replace(
            c,
            span=(view.to_sentence(c.span[0]), view.to_sentence(c.span[1] - 1) + 1),
            notes=(*c.notes, f"seat:{how}"),
        )
        for c in _read_seat_results(
            view.text,
            numbers=view.numbers(numbers),
            actors=view.actors(actors),
            state=state,
            ctx=ctx,
            clause_spans=clause_spans,
            is_trapped=is_trapped,
        )
    ]


def _read_seat_results(
    sentence: str,
    *,
    numbers: list[Number],
    actors: list[Mention],
    state: str | None,
    ctx: ArticleContext,
    clause_spans: list[tuple[int, int]],
    is_trapped: Callable[[str, str], bool],
    winner_named: tuple[int, int] | None = None,
) -> list[SeatCandidate]:
    """The seat result the sentence states, if any (see the module docstring).

    ``is_trapped(clause_text, state)`` vetoes a result whose clause speaks of another
    election; a vetoed sentence leaves the carried focus alone. ``winner_named`` is the span
    of the person a loss went to, when reading the loser's own result: neither that person
    nor their party is the loser's.
    """
    verbs = [m.start() for _, rx in _STATUS if (m := rx.search(sentence))]
    if not verbs:
        return []  # every result needs a status word; most sentences have none
    if winner_named is not None:
        actors = [a for a in actors if not winner_named[0] <= a.start < winner_named[1]]
    people = _people(sentence, actors, ctx)
    if winner_named is not None:
        # reading a loser: anyone a loss went to ("... lost the Dumka seat to JMM's Nalin
        # Soren") won, and is no loser's subject
        people = [
            _Person(p.name, p.party, p.start, p.end, True)
            if _LOSS_TO.search(sentence[max(0, p.start - 90) : p.start])
            else p
            for p in people
        ]
    leaders: set[tuple[int, int]] = set()
    first_verb = min(verbs)
    # English names the subject before the verb: someone with a party only after it ("was
    # leading ... over his rival, a BJP MLA") is no subject
    english_verb = sentence[first_verb].isascii()
    subjects = [p for p in people if not p.is_object and (p.start < first_verb or not english_verb)]
    if not subjects:
        people, leaders = _with_leaders(sentence, people, ctx)
    seats = _constituencies(sentence, state, loose=bool(people))
    if not seats:
        seats = named_seats(sentence, state)
    lok_sabha = False
    if not seats and state is not None:
        # The gazetteer holds assembly seats only; a Lok Sabha seat is taken as written.
        pcs = _lok_sabha_seats(sentence, state)
        if pcs:
            seats, lok_sabha = pcs, True
    heading = _heading_seat(sentence, state) if not seats else None
    if heading is not None:
        seats = [heading]
    if not seats and state is not None:
        seats = _written_seats(sentence, state)
    after_preposition = None
    if not seats and people:
        after_preposition = _seat_after_preposition(sentence, state, actors, people)
        if after_preposition is not None:
            seats = [after_preposition]
    named = named_candidates(sentence, seats[0][0]) if seats else []
    margins = _margins(sentence, numbers)
    pronoun = bool(_EN_PRONOUN.match(sentence) or _HI_PRONOUN.search(sentence))
    party_role = [
        a for a in actors if a.kind == "party" and _EN_PARTY_ROLE.match(sentence[a.end :])
    ]
    if not seats and not margins and not any(not p.is_object for p in people):
        return []
    evidence = [s for _, s, _ in seats] + [n.start for n in margins]
    evidence += [p.start for p in people if not p.is_object] + [c.start for c in named]
    if pronoun or party_role:
        evidence.append(0)
    # the subject's own clause speaks first: "Bommai maintained a lead in Shiggaon, while
    # Shivakumar won from Kanakapura" does not make Bommai a winner
    first_subject = next((p for p in people if not p.is_object), None)
    status = _status(sentence, [first_subject.start], clause_spans) if first_subject else None
    status = status or _status(sentence, evidence, clause_spans)
    if status is None:
        return []
    status_clause = next((c for c in clause_spans if c[0] <= status[1] < c[1]), (0, len(sentence)))
    english = sentence[status[1]].isascii()
    if english:
        people = _objects_after_verb(sentence, people, named, status[1], status[2])
        # a leader named only after the verb is not its subject ("triumphed over X, who is
        # aligned with the faction its leader runs"), unless a loss went to them
        people = [
            _Person(p.name, p.party, p.start, p.end, True)
            if (p.start, p.end) in leaders
            and p.start >= status[2]
            and not _LOSS_TO.search(sentence[status[1] : p.start])
            else p
            for p in people
        ]
    else:
        # "भाजपा के प्रवेश वर्मा से 4,089 वोटों से हार गए": the one "से" points at is the rival.
        people = [
            _Person(p.name, p.party, p.start, p.end, True)
            if sentence[p.end :].lstrip().startswith("से ")
            else p
            for p in people
        ]
    winner = _winner_of_loss(sentence, people, status) if winner_named is None else None
    loser: list[SeatCandidate] = []
    if winner is not None:
        # the loser's own result, read as the sentence is written
        loser = _read_seat_results(
            sentence,
            numbers=numbers,
            actors=actors,
            state=state,
            ctx=ctx,
            clause_spans=clause_spans,
            is_trapped=is_trapped,
            winner_named=(winner.start, winner.end),
        )
        # "X lost the Phephna seat to the SP's Sangram Singh by 19,354 votes": the person the
        # loss went to is the result's subject, and the loser, if named, the runner-up.
        status = ("won" if status[0] == "lost" else "leading", status[1], status[2])
        people = [_Person(p.name, p.party, p.start, p.end, p is not winner) for p in people]
    named_subject, named_objects = _split_named(sentence, named, people, status, english)

    subject = next((p for p in people if not p.is_object), None)
    objects = [p for p in people if p.is_object]
    focus = ctx.focus
    chosen = (
        _seat_of_clause(seats, clause_spans, subject.start if subject else status[1])
        if seats
        else None
    )
    seat = chosen[0] if chosen else None
    if chosen is not None and winner is None:
        seat_clause = next((c for c in clause_spans if c[0] <= chosen[1] < c[1]), status_clause)
        own = _status(sentence, [chosen[1]], clause_spans) if seat_clause != status_clause else None
        if own is not None:
            # "leading by 900 votes in one seat, even as he trailed in the other by 300": the
            # seat's own clause says how it stands there, for whoever "he" is; without "he",
            # the seat is someone else's result
            if not _EN_HE.search(sentence[seat_clause[0] : seat_clause[1]]):
                return []
            status, status_clause = own, seat_clause
            in_clause = [n for n in margins if seat_clause[0] <= n.start < seat_clause[1]]
            margins = in_clause or margins
    party = subject.party if subject else None
    candidate = subject.name if subject else None
    if party is None:
        if party_role:
            party = party_role[0].code
        else:
            taken = {(p.start, p.end) for p in people}
            free = [
                a
                for a in actors
                if a.kind == "party" and not any(s <= a.start < e for s, e in taken)
            ]
            free = [a for a in free if not _EN_OBJECT_BEFORE.search(sentence[: a.start])]
            free = [a for a in free if not sentence[a.end :].lstrip().startswith("को")]
            if free:
                party = free[0].code
    if subject is None and named_subject is not None:
        candidate = named_subject.info.name
        if party is None or not any(p.party for p in people):
            party = named_subject.info.party
    elif subject is not None and party is None and seat is not None:
        hit = match_candidate(subject.name, seat.state, seat)
        party = hit[0].party if hit else None
    if not objects and named_objects:
        first = named_objects[0]
        objects = [_Person(first.info.name, first.info.party, first.start, first.end, True)]
    use_focus = focus is not None and (
        pronoun
        or bool(party_role)
        or (
            seat is not None
            and focus.seat is not None
            and seat.ac_no == focus.seat.ac_no
            and seat.state == focus.state
        )
        or (subject is not None and focus.candidate is not None and subject.name == focus.candidate)
    )
    if use_focus and focus is not None:
        if seat is None:
            seat = focus.seat
        same_party = party is None or party == focus.party
        if candidate is None and same_party:
            candidate = focus.candidate
        if party is None:
            party = focus.party
    if seat is None or party is None:
        return []
    unlisted = seat.ac_no == 0
    if unlisted and (subject is None or subject.party is None):
        return []  # an unlisted seat needs its winner and party stated in the text
    if is_trapped(sentence[status_clause[0] : status_clause[1]], seat.state):
        return []
    if candidate:
        hit = match_candidate(candidate, seat.state, seat)
        if hit:
            candidate = hit[0].name
    runner_up = runner_party = None
    margin_value = None
    if margins:
        best = min(margins, key=lambda n: n.value)
        margin_value = best.as_int
        if objects:
            runner = min(objects, key=lambda p: abs(p.start - best.start))
            runner_up, runner_party = runner.name, runner.party
    elif objects:
        runner_up, runner_party = objects[0].name, objects[0].party
    if runner_up:
        hit = match_candidate(runner_up, seat.state, seat)
        if hit:
            runner_up = hit[0].name
            runner_party = runner_party or hit[0].party
    if runner_party is None:
        beaten = [
            a
            for a in actors
            if a.kind == "party"
            and re.match(r"^\s*को\s+(?:\S+\s+){0,3}?(?:हराकर|हराया|मात)", sentence[a.end :])
        ]
        if beaten:
            runner_party = beaten[0].code
    current_round, total_rounds = _rounds(sentence, numbers)
    kind = status[0]
    payload = SeatResult(
        constituency=seat.name,
        ac_no=seat.ac_no or None,
        candidate=candidate,
        party=party,
        status=kind,  # type: ignore[arg-type]
        margin=margin_value,
        round=current_round,
        total_rounds=total_rounds,
        runner_up=runner_up if kind in ("won", "leading") else None,
        runner_up_party=runner_party if kind in ("won", "leading") else None,
    )
    span = (
        (best.start, best.end)
        if margins
        else (chosen[1], chosen[2])
        if chosen
        else (status[1], status[2])
    )
    ctx.focus = Focus(seat.state, seat, candidate, party)
    # An unlisted seat in Lok Sabha copy is a parliamentary constituency.
    # ... unless the sentence itself calls it an assembly seat ("झारसुगुडा विधानसभा सीट")
    says_assembly = any(h == "assembly" for _, h in find_house(sentence))
    carried_lok_sabha = unlisted and ctx.house == "lok_sabha" and not says_assembly
    house = "lok_sabha" if lok_sabha or carried_lok_sabha else "assembly"
    notes = ("seat:not-in-gazetteer",) if unlisted else ()
    if subject is not None and (subject.start, subject.end) in leaders:
        notes += ("party:known-leader",)
    if heading is not None and seat is heading[0]:
        notes += ("seat:heading",)
    if after_preposition is not None and seat is after_preposition[0]:
        notes += ("seat:after-preposition",)
    if unlisted and chosen is not None and not sentence[chosen[1]].isascii():
        # a Devanagari name the list does not hold, spelled out in Latin letters by rule
        notes += ("seat:romanized",)
    if unlisted and match_constituency(seat.name, None) is not None:
        notes += ("seat:listed-elsewhere",)  # "Amethi" filed under the state carried: doubtful
    if state is None:
        notes += ("seat:state-from-name",)  # no state known: the seat's name chose it
    return [*loser, SeatCandidate(payload, seat.state, span, house, notes)]
