"""Numbers that sit beside real tallies and must never move a counter.

Three reaches, from widest to narrowest:

* a **sentence** about exit polls, projections or surveys yields nothing (and an exit-poll
  sentence casts its shadow on the next one in the paragraph);
* a **clause** about another election (a past year, "last time", "पिछली बार", a local-body
  poll) or a claim ("claims 119 seats", future tense) yields nothing;
* a **number** is not a seat count when it is a vote count, a percentage, a round, a date,
  a year, an ordinal, a range, an approximation, a majority mark, a house size or the
  seats contested.

Every check returns the reason as a short string (used in tests and docs) or None.
Both languages' cues are always checked: Hindi copy quotes English headlines and back.
"""

from __future__ import annotations

import re

__all__ = [
    "RESULT_CUE",
    "clause_trap",
    "exit_poll_sentence",
    "fronted_past",
    "number_trap",
    "past_hints",
    "sentence_trap",
]

_L = r"(?<![A-Za-z\u0900-\u097f])"
_R = r"(?![A-Za-z\u0900-\u097f])"


def _cue(*alternatives: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # Python's \w does not match Devanagari vowel signs ("लड़ा" is लड़ + ा), so a word-stem
    # wildcard must take the whole Devanagari block or "चुनाव लड़\w*" never matches.
    body = "|".join(alternatives).replace(r"\w", r"[\w\u0900-\u097f]")
    return re.compile(_L + "(?:" + body + ")" + _R, flags)


# "Exit polls had given the Congress-NC alliance a slight edge." / "एग्जिट पोल में भाजपा को 50"
_EXIT_POLL = _cue(
    r"exit[- ]polls?", r"opinion polls?", r"poll of polls", r"pollsters?", r"projections?",
    r"projected", r"predict(?:s|ed|ion|ions)?", r"forecasts?", r"surveys?", r"aggregate of",
    r"Axis My India", r"C-?Voter", r"Today'?s Chanakya", r"Matrize", r"P-?MARQ",
    r"एग्जिट पोल\w*", r"एग्ज़िट पोल\w*", r"एक्जिट पोल\w*", r"एक्ज़िट पोल\w*", r"ओपिनियन पोल",
    r"सर्वे", r"सर्वेक्षण", r"अनुमान\w*", r"भविष्यवाणी", r"पूर्वानुमान", r"पोल ऑफ पोल्स",
)  # fmt: skip
# Municipal, panchayat and council polls are not houses the tracker counts.
_LOCAL_BODY = _cue(
    r"local body polls?", r"civic polls?", r"municipal", r"panchayat", r"corporation polls?",
    r"MCD", r"BMC polls?", r"legislative council", r"नगर निगम", r"नगर निकाय", r"निकाय चुनाव",
    r"पंचायत", r"विधान परिषद", r"एमएलसी",
)  # fmt: skip
RESULT_CUE = _cue(
    r"actual results?", r"counting", r"trends?", r"results? (?:so far|show)",
    # copy that sets the count against the polls: "Overturning the poll predictions, ..."
    r"however", r"overturn\w*", r"revers\w*", r"contrary to", r"defy\w*", r"belying",
    r"smashing", r"as of now", r"so far", r"लेकिन", r"हालांकि", r"उलट", r"बावजूद",
    r"as per (?:the )?(?:ECI|Election Commission)", r"रुझान\w*", r"मतगणना", r"नतीजे", r"नतीजों",
)  # fmt: skip

# "The Doda seat was won by the BJP's Shakti Raj in the 2014 election"
_PAST = _cue(
    r"last time", r"last (?:assembly |Lok Sabha )?(?:election|polls?)", r"previous (?:election|polls?|assembly|house|tally)",
    r"outgoing (?:assembly|house)", r"in the last", r"earlier tally", r"previous tally",
    r"up from", r"down from", r"compared (?:to|with)", r"as against", r"(?:more|fewer|less) than",
    r"पिछल\w* (?:बार|चुनाव|विधानसभा|लोकसभा|राज्यसभा)", r"पिछले विधानसभा चुनाव", r"पिछली बार",
    r"पिछले चुनाव", r"पूर्व के चुनाव", r"पिछले", r"(?:से|की तुलना में) (?:ज्यादा|ज़्यादा|कम|अधिक)",
    r"तुलना", r"मुकाबले",
)  # fmt: skip
# "claims 119 seats", "will win 60", "जीतेंगे", "दावा" (a claim), not "claimed victory with 49"
_CLAIM = _cue(
    r"claim(?:s|ed|ing)?(?! (?:a )?(?:victory|win|the win))", r"will (?:win|get|bag|cross|form)",
    r"would (?:win|get|bag|cross)", r"(?<!managed )(?<!able )(?<!failed )(?<!unable )to win", r"set to", r"poised to", r"likely to",
    r"expected to", r"could (?:win|get)", r"may (?:win|get)", r"hopes? to", r"target(?:s|ed)?",
    r"aim(?:s|ed|ing)? (?:to|for|at)", r"confident of", r"predicts?", r"asserted", r"boasted",
    r"दावा\w*", r"दावे", r"जीतेगी", r"जीतेंगे", r"जीतेगा", r"मिलेंगी", r"मिलेंगे", r"मिलेगी",
    r"जीत सकती", r"जीत सकते", r"जीत सकता", r"लक्ष्य", r"उम्मीद", r"संभावना", r"होंगे", r"होगी",
    r"आएंगी", r"आएंगे", r"पार करेगी", r"बनाएगी",
)  # fmt: skip
_CONTESTED = _cue(
    r"contest(?:s|ed|ing)?", r"fielded", r"fought", r"in the fray", r"seat[- ]shar\w*",
    r"seats? (?:were|are|is|was) (?:up for|going to) (?:polls?|elections?)", r"polls? (?:were )?held",
    r"went to (?:the )?polls?", r"up for election", r"चुनाव लड़\w*", r"लड़\w*", r"उतार\w*",
    r"मैदान में", r"सीट बंटवार\w*", r"हुए (?:राज्यसभा |विधानसभा |लोकसभा )?(?:के )?चुनाव",
    r"चुनाव हुए", r"पर (?:हुए|होने|हो रहे|मतदान)", r"मतदान",
)  # fmt: skip

_YEAR = re.compile(r"(?<![\d,])(?:19[5-9]\d|20\d\d)(?![\d,])")

_UNITS_NOT_SEATS = re.compile(
    r"\s*(?:-\s*)?(?:"
    r"(?P<votes>(?:first[- ]preference |preferential |valid |postal )?votes?|ballots|वोट\w*|मत(?:ों|ो)?(?![\u0900-\u097f])|मतदाता\w*)"
    r"|(?P<percent>%|per ?cent|प्रतिशत|फीसदी|फ़ीसदी|फीसद)"
    r"|(?P<rounds>rounds?|राउंड|दौर|चरण)"
    r"|(?P<size>-?member|सदस्यीय|सदस्य|seat (?:assembly|house))"
    r"|(?P<time>years?|yrs|months?|days?|hours?|minutes?|साल|वर्ष|महीन\w*|दिन|घंट\w*|बजे|तारीख|बैच|batch)"
    r"|(?P<other>states?|districts?|राज्य\w*|जिल\w*|ज़िल\w*|km|crore|lakh|rupees|रुपये|करोड़|लाख)"
    r")(?![A-Za-z])",
    re.IGNORECASE,
)
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|जनवरी|फरवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर"
)
_DATE_AFTER = re.compile(rf"\s*(?:{_MONTHS}){_R}", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"{_L}(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_APPROX_BEFORE = re.compile(
    r"(?:over|more than|nearly|about|around|almost|at least|close to|upwards of|roughly|some"
    r"|under|less than|fewer than|लगभग|करीब|क़रीब|तकरीबन|तक़रीबन|कम से कम|सिर्फ़? करीब)\s*$",
    re.IGNORECASE,
)
_APPROX_AFTER = re.compile(
    r"\s*(?:\+|-odd|plus\b|odd\b|से (?:अधिक|ज्यादा|ज़्यादा|कम|ऊपर|नीचे)|से अधिक|के (?:आसपास|करीब|नीचे|ऊपर|पार)"
    r"|सीटों से (?:अधिक|ज्यादा|ज़्यादा|कम)|(?:seats?\s+)?mark\b)",
    re.IGNORECASE,
)
_DENOMINATOR_BEFORE = re.compile(
    r"(?:out of|of all|all|all the|total of|total|a total of|कुल|सभी|सारी|सारे)\s*(?:the\s*)?$"
    r"|(?<!tally )(?<!margin )(?<!lead )(?<!majority )\bof\s+(?:the\s+)?(?:[A-Z][\w&]*['’]s\s+)?$",
    re.IGNORECASE,
)
_DENOMINATOR_AFTER = re.compile(
    r"\s*(?:(?:लोकसभा|विधानसभा|राज्यसभा|Lok Sabha|Rajya Sabha|assembly) )?(?:सीटों |seats )?"
    r"(?:में से|of which|में (?:से )?(?:बीजेपी|भाजपा|कांग्रेस))",
    re.IGNORECASE,
)
_MAJORITY_BEFORE = re.compile(
    r"(?:majority(?: mark| figure)?(?: of| is| at|:)?|magic (?:number|figure|mark)(?: of| is|:)?"
    r"|halfway mark(?: of| is)?|majority mark stands at|needs?|required|बहुमत (?:का|के) (?:आंकड़ा|आँकड़ा|आंकड़े)"
    r"(?: है| यानी)?|बहुमत के लिए(?: जरूरी| ज़रूरी)?|जादुई (?:आंकड़ा|आँकड़ा|आंकड़े|नंबर)(?: है)?"
    r"|बहुमत(?: के)?)\s*[:\-—]?\s*$",
    re.IGNORECASE,
)
_MAJORITY_AFTER = re.compile(
    r"\s*(?:seats? )?(?:is |are )?(?:needed|required) (?:for|to)|\s*(?:seats? )?(?:for a|for) majority"
    r"|\s*-?seat majority|\s*(?:सीटों )?(?:का|की) (?:बहुमत|जरूरत|ज़रूरत)|\s*(?:सीट\w* )?(?:चाहिए|जरूरी|ज़रूरी)"
    r"|\s*(?:के )?(?:बहुमत|जादुई) (?:आंकड़े|आंकड़ा)",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(r"(?:between|from)\s*$|के बीच\s*$", re.IGNORECASE)
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|to|or|से|या)\s*$", re.IGNORECASE)


# "Under the seat-sharing deal, the Congress got 101 seats": seats allotted, not won.
_SEAT_SHARING = _cue(
    r"seat[- ]shar\w*", r"सीट बंटवार\w*", r"सीटों के बंटवार\w*", r"ticket distribution"
)
# "In 2014, the BJP won 47 seats": a year fronting the sentence dates all of it.
_FRONT_YEAR = re.compile(
    r"^\s*(?:In|By|Since|Back in)?\s*(?:19[5-9]\d|20\d\d)(?:\s*में)?\s*[,:]"
    # "In the 2019 Lok Sabha election, the BJP had won 303 seats"
    r"|^\s*(?:In|During|At)\s+the\s+(?:19[5-9]\d|20\d\d)\s+[^,;:]{0,40}[,:]",
    re.I,
)
# "Last time, the JMM had won 30 seats; this time it has won 34": a fronted "last time"
# dates what follows until the copy turns back to now.
_FRONT_PAST = re.compile(
    r"^\s*(?:Last time|In the last (?:assembly |Lok Sabha )?(?:election|polls?)|In the previous"
    r" (?:assembly |Lok Sabha )?(?:election|polls?)|पिछली बार|पिछले चुनाव में|पिछले विधानसभा चुनाव में"
    r"|पिछले लोकसभा चुनाव में)\s*,?",
    re.I,
)
_BACK_TO_NOW = _cue(r"this time", r"now", r"this year", r"इस बार", r"अब")
# "its highest tally since 1996", "1989 के बाद पहली बार": a year as a yardstick, not a result.
_YARDSTICK_BEFORE = re.compile(r"(?:since|in over|first time in)\s+$", re.I)
_YARDSTICK_AFTER = re.compile(r"^\s*(?:के बाद|से अब तक|से लेकर)")


def sentence_trap(sentence: str, contest_year: int | None = None) -> str | None:
    """A reason when nothing in the sentence is a counting-day result."""
    if _EXIT_POLL.search(sentence) and not RESULT_CUE.search(sentence):
        # A sentence that sets the count against the polls keeps its counted numbers; the
        # poll's own numbers are caught in their clause (clause_trap).
        return "exit poll, projection or survey"
    if _SEAT_SHARING.search(sentence):
        return "seat sharing"
    front = _FRONT_YEAR.match(sentence)
    if front and str(contest_year) not in front.group(0):
        return "another election"
    return None


def fronted_past(sentence: str, pos: int) -> str | None:
    """A reason when a fronted "Last time," / "पिछली बार" still governs the text at ``pos``."""
    front = _FRONT_PAST.match(sentence)
    if front is None or pos < front.end():
        return None
    if _BACK_TO_NOW.search(sentence[front.end() : pos]):
        return None
    return "previous election"


def exit_poll_sentence(sentence: str) -> bool:
    """True for an exit-poll sentence, whose figures often continue into the next one."""
    return bool(_EXIT_POLL.search(sentence))


def clause_trap(context: str, contest_year: int | None) -> str | None:
    """A reason when a number's own context speaks of another election or a claim.

    ``context`` is the text around one number, cut at the neighbouring seat numbers.
    """
    for match in _YEAR.finditer(context):
        year = int(match.group(0))
        if _YARDSTICK_BEFORE.search(context[: match.start()]) or _YARDSTICK_AFTER.match(
            context[match.end() :]
        ):
            continue
        if contest_year is None or year != contest_year:
            return f"another election ({year})"
    if _EXIT_POLL.search(context):
        return "exit poll, projection or survey"
    if _PAST.search(context):
        return "previous election"
    if _LOCAL_BODY.search(context):
        return "local-body or council poll"
    if _CLAIM.search(context):
        return "claim or forecast"
    if _CONTESTED.search(context):
        return "seats contested"
    return None


def number_trap(
    sentence: str, start: int, end: int, neighbours: list[tuple[int, int]]
) -> str | None:
    """A reason when the number at ``[start, end)`` is not a seat count by its own wording.

    ``neighbours`` are the spans of the other numbers in the sentence (for ranges).
    """
    before = sentence[max(0, start - 40) : start]
    after = sentence[end : end + 40]
    unit = _UNITS_NOT_SEATS.match(after)
    if unit:
        kind = next(k for k, v in unit.groupdict().items() if v)
        return {"votes": "vote count", "percent": "percentage", "rounds": "counting rounds",
                "size": "house size", "time": "date or duration", "other": "not seats"}[kind]  # fmt: skip
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
        return "date"
    if _APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after):
        return "approximate figure"
    if _MAJORITY_BEFORE.search(before) or _MAJORITY_AFTER.match(after):
        return "majority mark"
    if _DENOMINATOR_BEFORE.search(before) or _DENOMINATOR_AFTER.match(after):
        return "house size or denominator"
    for n_start, n_end in neighbours:
        if n_end <= start and _RANGE_LINK.match(sentence[n_end:start]):
            return "range"
        if n_start >= end and _RANGE_LINK.match(sentence[end:n_start]):
            return "range"
        and_after = n_start >= end and re.match(r"^\s*and\s*$", sentence[end:n_start], re.I)
        if and_after and _RANGE_BETWEEN.search(before):
            return "range"
        and_before = n_end <= start and re.match(r"^\s*and\s*$", sentence[n_end:start], re.I)
        if and_before and _RANGE_BETWEEN.search(sentence[max(0, n_start - 20) : n_start]):
            return "range"
    return None


# "The TDP had won only 23 seats", "झामुमो ने 30 सीटों पर जीत दर्ज की थी": the past perfect
# usually reports an earlier election, but live copy uses it too, so it only lowers confidence.
_PAST_PERFECT = _cue(
    r"had (?:won|bagged|secured|got|garnered|clinched|picked up|managed|emerged)",
    r"(?:की|किया|जीती|जीते|जीता|मिली|मिले|मिला|हासिल की|दर्ज की|कब्जा किया|सिमट गई|सिमट गए)\s+(?:थी|थीं|थे|था)",
)
_SCOPE_REGION = _cue(
    r"(?:in|of) (?:the )?[A-Z][a-z]+ (?:division|region|belt|zone|district)s?", r"region-wise",
    r"\w+ (?:संभाग|अंचल|इलाके|इलाक़े|क्षेत्र|जिले|ज़िले) (?:में|की|के)",
)  # fmt: skip


def past_hints(sentence: str, context: str, contest_year: int | None) -> list[str]:
    """Soft signs that a number is not today's (see :mod:`.confidence`): a past perfect in
    its clause, another year anywhere in its sentence, a sub-state region as its scope."""
    hints = []
    if _PAST_PERFECT.search(context):
        hints.append("time:past-perfect")
    for match in _YEAR.finditer(sentence):
        year = int(match.group(0))
        if _YARDSTICK_BEFORE.search(sentence[: match.start()]) or _YARDSTICK_AFTER.match(
            sentence[match.end() :]
        ):
            continue
        if contest_year is not None and year < contest_year:
            hints.append("time:other-year")
            break
    fronted = _SCOPE_REGION.search(sentence)
    if _SCOPE_REGION.search(context) or (fronted is not None and fronted.start() <= 3):
        # "In the tribal division, the BJP took nine and the Congress three": a region put
        # first is the scope of every clause after it
        hints.append("scope:region")
    return hints
