"""Seat counts of parties and alliances: a number, whose it is, what it counts, and where.

A number becomes a tally only when all of these hold:

1. it counts seats (a seat word follows it, a tally verb governs it, or it stands right after
   a party in a list such as "AAP 4 और अन्य 4 सीटों पर आगे");
2. a party or alliance owns it (the nearest one before it in its clause, else the subject
   of an earlier clause of the sentence, else, for "it"/"पार्टी", the last one named);
3. a status word says won / leading / total, on the side the language puts its verb;
4. no trap in :mod:`traps` claims it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from tally.events import AllianceTally, PartyTally
from tally.reference import house_seats, party_on

from .context import ArticleContext, counting_day, names_several_states
from .gazetteer import Mention, led_alliance, resolve_alliance
from .grammar import Grammar, StatusWord, find_statuses
from .numerals import Number
from .tables import TableCell, read_table
from .traps import clause_trap, fronted_past, number_trap, past_hints

__all__ = ["TallyCandidate", "clause_spans", "find_tallies"]

# "BJP 48", "the JD(U) in 83", "reducing the Congress to 18 and the Akali Dal to three"
_PARTY_LIST_GAP = re.compile(r"^\s*(?:[:\-–—=]|in|on|at|with|to|के|की|का|ने|को)?\s*$", re.I)
# "इनेलो को छोड़कर बाकी दल खाता खोलने में नाकाम रहे": the excepted party owns nothing.
_EXCEPT_AFTER = re.compile(r"^\s*(?:को छोड़कर|को छोड़|के अलावा|के सिवा)")
_EXCEPT_BEFORE = re.compile(
    r"(?:except|apart from|barring|besides|other than)\s+(?:the\s+)?$", re.I
)
# "NPP, an ally of the BJP, won six": the ally named in apposition does not own the number;
# nor does the party a sentence's subject defeated ("dethroned the BJP ... winning 99").
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:ally|allies|partner|partners|constituent|constituents) of|\b(?:backed|supported) by"
    r"|\b(?:against|than|dethrone[sd]?|oust(?:ed|s)?|defeat(?:ed|ing|s)?|beat(?:ing|s)?|"
    r"trounc(?:ed|ing))(?:\s+the)?(?:\s+ruling)?)\s*(?:the\s+)?$",
    re.I,
)
# "BJP's Vasundhara Raje": the party names a person, not the subject of the tally.
# "BJP's Vasundhara Raje", "the Left's Northeast bastion": a possessive names something of
# the party's, not the subject of the tally, unless it is the party's own count.
_POSSESSIVE_AFTER = re.compile(
    r"^'s?\s+(?!\d|(?:(?:lone|only|sole|single|final|overall|total)\s+)?"
    r"(?:tally|count|seats?|number|strength|share)\b)\w",
    re.I,
)
# "The RLD, which contested the polls along with the SP, has won four seats": parties
# inside a relative or appositive clause do not own the number that follows it.
_ASIDE = re.compile(
    r",\s*(?:which|who|whose|that|an?\s+(?:ally|partner|constituent)\s+of|both|along with"
    r"|led by|जो|जिसने|जिसके)\b[^,]*?,",
    re.I,
)
# "15 seats out of 28 in Bengaluru", "65 of the 118 seats that it contested": a count of
# part of the house (a region, the seats contested) when the denominator is smaller.
_OUT_OF_AFTER = re.compile(
    r"^\s*(?:seats?\s+)?(?:out of|of)\s+(?:the\s+)?(?:total\s+(?:of\s+)?)?"
    r"(?:[A-Z][\w&]*'s?\s+)?(?P<n>\d[\d,]*)(?![\d,])"
)
# "The BJP and its ally Apna Dal(S) won 64": the ally's name fronts the pair's number.
_ALLY_BEFORE = re.compile(r"(?:and|with)\s+(?:its|their)\s+(?:ally|allies|partner)\s*$", re.I)
# "the INDIA bloc of Congress and JMM leading in 43", "The Mahayuti alliance—BJP, NCP and
# Shiv Sena—leads in 215": members listed after a bloc leave the number to the bloc.
_BLOC_LIST_GAP = re.compile(
    r"^\s*(?:alliance|bloc|front|combine|coalition|गठबंधन)?\s*"
    r"(?:of|comprising|including|—|–|\(|:|में शामिल)\s*[^\d.;!?]{0,90}$",
    re.I,
)
# "20 seats won by Shiv Sena", "three seats were won by the BJP": the owner follows.
_BY_PARTY_GAP = re.compile(
    r"^\s*(?:seats?\s+)?(?:(?:were|was|have been|has been)\s+)?"
    r"(?:won|secured|bagged|taken|claimed|went to)\s+(?:by\s+)?(?:the\s+)?$",
    re.I,
)
_WITH_ALLIES_AFTER = re.compile(
    r"^\s*(?:and|with|\+)\s+(?:its|their)\s+(?:allies|ally)|^\s*(?:और|तथा|व)\s+(?:उसके|उसकी)?\s*सहयोगी|^\s*\+",
    re.I,
)
# "315 पर बीजेपी गठबंधन, 66 पर एसपी-कांग्रेस गठबंधन": the number names its seats first.
_NUMBER_FIRST_GAP = re.compile(r"^\s*(?:सीट\S*\s+)?(?:पर|में)\s+$")
# "दो सीटें आजसू के खाते में": the party whose account the seats went to owns them
_SEATS_GAP_HI = re.compile(r"^\s*सीट\S*\s+$")
_INTO_ACCOUNT_HI = re.compile(r"^\s*(?:के\s+खाते|की\s+झोली)\s+में")
# "the Trinamool Congress and the YSRCP with 22 each", "एक-एक सीट": one number, several owners.
_EACH_AFTER = re.compile(r"^\s*(?:seats?\s+)?each\b|^\s*-\s*(?:एक|दो|तीन|चार|पांच|पाँच)\b", re.I)
_HINDI_AGENT = re.compile(r"^\s*(?:ने|को)(?![\u0900-\u097f])")
_ITEM_END = re.compile(r"\s*(?:[.,;।]|$)")
_LIST_LINK = re.compile(r"^\s*(?:,|और|and|एवं|तथा|&)\s*$", re.I)
_RESPECTIVELY = re.compile(r"respectively|क्रमशः|क्रमश:", re.I)
_FORWARD_PARTY = re.compile(
    r"^\s*seats?\s+(?:that\s+|which\s+)?(?:the\s+)?$|^\s*seats?\s+(?:went|go|going)\s+to\s+(?:the\s+)?$",
    re.I,
)
_NATIONAL = re.compile(
    r"\b(?:nationally|nationwide|across the country|all over the country|in the country|"
    r"of the 543|543-member|543 seats|lower house)\b|देशभर|देश भर|पूरे देश|देश में|543",
    re.I,
)
# "16 of the state's 25 Lok Sabha seats", "राज्य की 40 लोकसभा सीटों": the article's state.
_THE_STATE = re.compile(
    r"\bthe state(?:'s)?\b|\bin the state\b|राज्य की|राज्य में|राज्य के|प्रदेश की", re.I
)
_ALLIANCE_WORD = re.compile(
    r"\b(?:alliance|combine|bloc|front|coalition|grouping)\b|गठबंधन|गठजोड़|महागठबंधन|मोर्चा", re.I
)
_FORWARD_VERB = re.compile(
    r"^(?:'s)?\s*(?:has\s+|had\s+|have\s+)?(?:won|bagged|secured|clinched|got)\b", re.I
)


@dataclass(frozen=True, slots=True)
class TallyCandidate:
    """A tally found in one sentence, before contest and time are attached."""

    payload: PartyTally | AllianceTally
    state: str
    house: str
    year: int | None
    span: tuple[int, int]
    notes: tuple[str, ...] = ()
    """The weaker rules that read this number (see :mod:`.confidence`)."""


def clause_spans(sentence: str, grammars: tuple[Grammar, ...]) -> list[tuple[int, int]]:
    """The sentence cut at clause breaks of any of the grammars."""
    cuts = {0, len(sentence)}
    for g in grammars:
        for m in g.clause_break.finditer(sentence):
            cuts.add(m.start())
            cuts.add(m.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return 0, 0


# "90 सीटों की मतगणना में", "50 सीटों के रुझान आए हैं", "trends for 104
# seats": how many seats are being counted or reported, which no party holds.
_SEATS_UNDER_COUNT_AFTER = re.compile(
    r"\s*(?:सीटों|सीट)\s+(?:की\s+मतगणना|के\s+(?:\S+\s+)?(?:रुझान|नतीजे)|पर\s+(?:\S+\s+)?(?:मतगणना|रुझान))"
    r"|\s*seats?\s+(?:are|were|have been|being)\s+(?:still\s+)?counted",
    re.I,
)
_SEATS_UNDER_COUNT_BEFORE = re.compile(
    r"\b(?:trends|results|counting)\s+(?:are\s+|is\s+)?(?:available\s+|in\s+|out\s+)?"
    r"(?:for|of)\s+(?:all\s+)?$",
    re.I,
)


def _is_seat_number(
    sentence: str, n: Number, actors: list[Mention], grammars: tuple[Grammar, ...], seat_talk: bool
) -> bool:
    if n.ordinal or n.decimal or n.as_int is None or n.as_int > 600:
        return False
    if _SEATS_UNDER_COUNT_AFTER.match(sentence, n.end) or _SEATS_UNDER_COUNT_BEFORE.search(
        sentence[max(0, n.start - 40) : n.start]
    ):
        return False
    if any(g.seat_unit.match(sentence, n.end) for g in grammars):
        return True
    if n.is_word and n.value <= 1:
        # "एक", "one" are articles unless a seat word follows, or they close a list item
        # ("the Congress won three seats and the BJP one.")
        closes_item = seat_talk and _ITEM_END.match(sentence, n.end)
        after_party = any(
            a.end <= n.start and _PARTY_LIST_GAP.match(sentence[a.end : n.start]) for a in actors
        )
        return bool(closes_item and after_party)
    before = sentence[max(0, n.start - 40) : n.start]
    if any(g.governed_by_verb.search(before) for g in grammars):
        return True
    if any(g.governs_after.match(sentence, n.end) for g in grammars):
        return True
    if seat_talk:
        for a in actors:
            if a.end <= n.start and _PARTY_LIST_GAP.match(sentence[a.end : n.start]):
                return True
            if a.start >= n.end and _NUMBER_FIRST_GAP.match(sentence[n.end : a.start]):
                return True
    return False


def _split_point(
    sentence: str, left: Number, right: Number, actors: list[Mention], verb_side: str
) -> int:
    """Where the gap between two seat numbers stops belonging to the left one."""
    for a in actors:
        if left.end <= a.start < right.start:
            return a.start
    return right.start if verb_side == "after" else left.end


def _owner(
    sentence: str,
    n: Number,
    clause: tuple[int, int],
    actors: list[Mention],
    grammar: Grammar,
    ctx: ArticleContext,
) -> tuple[Mention | None, str | None]:
    """The owner of a number and, when it is not the plain case, the weaker rule that chose it."""
    actors = [
        a
        for a in actors
        if not _EXCEPT_AFTER.match(sentence[a.end :])
        and not _EXCEPT_BEFORE.search(sentence[: a.start])
        and not _NOT_SUBJECT_BEFORE.search(sentence[max(0, a.start - 40) : a.start])
    ]
    # A possessive party yields to any other actor, but stands in when it is the only one.
    plain = [a for a in actors if not _POSSESSIVE_AFTER.match(sentence[a.end :])]
    actors = plain or actors
    asides = [m.span() for m in _ASIDE.finditer(sentence) if m.end() <= n.start]
    actors = [a for a in actors if not any(lo <= a.start < hi for lo, hi in asides)]
    for a in actors:
        if a.start >= n.end and _BY_PARTY_GAP.match(sentence[n.end : a.start]):
            return a, None
    for a in actors:
        if a.start >= n.end and _NUMBER_FIRST_GAP.match(sentence[n.end : a.start]):
            return a, None
        if (
            a.start >= n.end
            and _SEATS_GAP_HI.match(sentence[n.end : a.start])
            and _INTO_ACCOUNT_HI.match(sentence[a.end :])
        ):
            return a, None
    in_clause = [a for a in actors if clause[0] <= a.start and a.end <= n.start]
    before = [a for a in actors if a.end <= n.start]
    if before and before[-1].kind == "party":
        blocs = [a for a in before if a.kind == "alliance" and a.code != "?led"]
        if blocs and _BLOC_LIST_GAP.match(sentence[blocs[-1].end : before[-1].start]):
            between = [a for a in before if blocs[-1].end <= a.start]
            if all(a.kind == "party" for a in between):
                return blocs[-1], "owner:bloc-of-list"
    if in_clause:
        return in_clause[-1], None
    # Hindi object-first order: "37 सीटों पर सपा ने जीत दर्ज की"
    if grammar.verb_side == "after":
        for a in actors:
            if n.end <= a.start < clause[1] and _HINDI_AGENT.match(sentence[a.end :]):
                return a, None
    # English "the 29 seats the saffron party won", "12 seats went to the Congress"
    for a in actors:
        if a.start >= n.end and a.start < clause[1] + 60:
            if _FORWARD_PARTY.match(sentence[n.end : a.start]) and (
                "went" in sentence[n.end : a.start] or _FORWARD_VERB.match(sentence[a.end :])
            ):
                return a, "owner:after-number"
            break
    earlier = [a for a in actors if a.end <= n.start]
    if earlier:
        return earlier[-1], "owner:earlier-clause"
    clause_text = sentence[clause[0] : n.start]
    if grammar.anaphor.search(clause_text) or grammar.anaphor.search(sentence[: n.start]):
        return ctx.last_actor, "owner:earlier-sentence"
    return None, None


def _status(
    n_start: int, n_end: int, clause: tuple[int, int], words: list[StatusWord], grammar: Grammar
) -> tuple[StatusWord | None, str | None]:
    """The status word of a number and, when it comes from another clause, a note saying so."""
    in_clause = [w for w in words if clause[0] <= w.start < clause[1]]
    after = [w for w in in_clause if w.start >= n_end]
    before = [w for w in in_clause if w.end <= n_start]
    order = [after[:1], before[-1:]] if grammar.verb_side == "after" else [before[-1:], after[:1]]
    for pick in order:
        if pick:
            return pick[0], None
    # The verb of a neighbouring clause ("BJP won 48, Congress 37")
    after_all = [w for w in words if w.start >= n_end]
    before_all = [w for w in words if w.end <= n_start]
    order = (
        [after_all[:1], before_all[-1:]]
        if grammar.verb_side == "after"
        else [before_all[-1:], after_all[:1]]
    )
    for pick in order:
        if pick:
            return pick[0], "status:other-clause"
    return None, None


def _state_for(
    sentence: str,
    sentence_states: list[Mention],
    clause: tuple[int, int],
    pos: int,
    ctx: ArticleContext,
    house: str,
    seats: int,
) -> tuple[str | None, str | None]:
    """The state a number is filed under and, when it is not named in its clause, how it
    was chosen. A Lok Sabha number that fits the article's state is that state's share."""
    in_clause = [s for s in sentence_states if clause[0] <= s.start < clause[1]]
    if in_clause:
        return min(in_clause, key=lambda s: abs(s.start - pos)).code, None
    before = [s for s in sentence_states if s.end <= pos]
    if before:
        return before[-1].code, "state:earlier-clause"
    if names_several_states(sentence):
        return "IN", "state:several"
    if sentence_states:
        return sentence_states[0].code, "state:later-clause"
    if house == "lok_sabha":
        carried = ctx.state or ctx.main_state
        own = house_seats(carried, house) if carried else None
        in_state = bool(_THE_STATE.search(sentence))
        if own is not None and seats <= own and (in_state or not _NATIONAL.search(sentence)):
            return carried, "state:earlier-sentence" if ctx.state else ctx.main_note
        return "IN", "state:national"
    if ctx.several_states:
        return "IN", "state:several"
    if ctx.state is None and ctx.main_state is not None:
        return ctx.main_state, ctx.main_note
    return ctx.state, "state:earlier-sentence"


def _membership_day(ctx: ArticleContext, state: str, house: str, year: int | None) -> date | None:
    """The day a bloc's members are read on: the publication date, else the counting day
    of the contest the fact belongs to. Never today: the same article must give the same
    facts whenever it is read."""
    if ctx.published is not None:
        return ctx.published
    return counting_day(state, house, year) if year is not None else None


def _payload(
    actor: Mention, status: str, seats: int, state: str, on: date | None
) -> PartyTally | AllianceTally | None:
    if actor.kind == "party" and actor.code:
        party = party_on(actor.code, on)
        return PartyTally(party=party, status=status, seats=seats)  # type: ignore[arg-type]
    if actor.kind != "alliance":
        return None
    if actor.code == "?led":
        # "the Congress-led alliance", "बीजेपी गठबंधन": the bloc in force that this party leads
        led = led_alliance(actor.parties[0], state, on) if on and actor.parties else None
        if led is None:
            return None  # members unknown, so no number is safe
        members = resolve_alliance(led, state, on)  # type: ignore[arg-type]
        return AllianceTally(alliance=led, parties=list(members), status=status, seats=seats)  # type: ignore[arg-type]
    if actor.code is None:
        return AllianceTally(alliance=None, parties=list(actor.parties), status=status, seats=seats)  # type: ignore[arg-type]
    if on is None:
        return None  # no date to read the bloc's membership on: no number is safe
    members = resolve_alliance(actor.code, state, on)
    return AllianceTally(alliance=actor.code, parties=list(members), status=status, seats=seats)  # type: ignore[arg-type]


def find_tallies(
    sentence: str,
    *,
    spans: list[tuple[int, int]] | None = None,
    grammar: Grammar,
    grammars: tuple[Grammar, ...],
    numbers: list[Number],
    actors: list[Mention],
    sentence_states: list[Mention],
    house_at: dict[int, str],
    ctx: ArticleContext,
    year_for: object,
) -> list[TallyCandidate]:
    """Every party and alliance tally the sentence states (see the module docstring)."""
    spans = clause_spans(sentence, grammars) if spans is None else spans
    words = find_statuses(grammar, sentence)
    for status, rx in grammar.weak_statuses:
        m = rx.search(sentence)
        if m:
            ctx.paragraph_status = status
            if not words:
                words = [StatusWord(status, m.start(), m.end())]
            break
    numbers = _fold_reduplicated(sentence, numbers)
    table = read_table(sentence, numbers, actors)
    if table:
        return _table_tallies(table, sentence, sentence_states, house_at, ctx, year_for)
    seat_talk = bool(words) or any(g.seat_unit.search(sentence) for g in grammars)
    unstated = carried = False
    if not words and _list_pairs(sentence, numbers, actors) >= 2:
        # "BJP at 44, Congress at 21, Independent at 3": a standings line that does not
        # split won from leading gives each party's total, or what its paragraph's "trends"
        # ("रुझानों में ... भाजपा 40, सपा 12") said they are.
        end = len(sentence)
        carried = ctx.paragraph_status is not None
        words = [StatusWord(ctx.paragraph_status or "total", end, end)]
        seat_talk, unstated = True, not carried
    seat_numbers = [n for n in numbers if _is_seat_number(sentence, n, actors, grammars, seat_talk)]
    out: list[TallyCandidate] = []
    all_spans = [(n.start, n.end) for n in numbers]

    respectively = _RESPECTIVELY.search(sentence)
    zipped: dict[int, Mention] = {}
    if respectively:
        owners = [a for a in actors if a.end <= seat_numbers[0].start] if seat_numbers else []
        if len(owners) >= len(seat_numbers) > 1:
            zipped = {
                id(n): a for n, a in zip(seat_numbers, owners[-len(seat_numbers) :], strict=False)
            }

    for i, n in enumerate(seat_numbers):
        clause = _clause_of(spans, n.start)
        lo = clause[0]
        hi = clause[1]
        if i > 0 and seat_numbers[i - 1].start >= clause[0]:
            lo = _split_point(sentence, seat_numbers[i - 1], n, actors, grammar.verb_side)
        if i + 1 < len(seat_numbers) and seat_numbers[i + 1].start < clause[1]:
            hi = _split_point(sentence, n, seat_numbers[i + 1], actors, grammar.verb_side)
        if id(n) in zipped:
            actor, owner_note = zipped[id(n)], "owner:respectively"
        else:
            actor, owner_note = _owner(sentence, n, clause, actors, grammar, ctx)
        status, status_note = _status(n.start, n.end, clause, words, grammar)
        if actor is None or status is None:
            continue
        house = _house_at(house_at, n.start, ctx)
        state, state_note = _state_for(
            sentence, sentence_states, clause, n.start, ctx, house, int(n.value)
        )
        if state is None:
            continue
        status_note = "status:unstated" if unstated else status_note
        if carried:
            status_note = "status:earlier-sentence"
        notes = [owner_note, status_note, state_note]
        if not any(g.seat_unit.match(sentence, n.end) for g in grammars):
            notes.append("seats:no-seat-word")
        if _WITH_ALLIES_AFTER.match(sentence[actor.end :]) or _ALLY_BEFORE.search(
            sentence[max(0, actor.start - 30) : actor.start]
        ):
            notes.append("owner:with-allies")
        if actor.kind == "party" and actor.end <= n.start:
            between = sentence[actor.end : n.start]
            if _ALLIANCE_WORD.search(between) or re.match(r"^\s*[-–+/]\s*\w", between):
                notes.append("owner:alliance-member")
        year = year_for(state, house)  # type: ignore[operator]
        others = [s for s in all_spans if s != (n.start, n.end)]
        if number_trap(sentence, n.start, n.end, others):
            continue
        if clause_trap(sentence[lo:hi], year) or fronted_past(sentence, n.start):
            continue
        notes.extend(past_hints(sentence, sentence[lo:hi], year))
        notes.append(_part_of_house(sentence, n, state, house))
        on = _membership_day(ctx, state, house, year)
        owners = [actor]
        if _EACH_AFTER.match(sentence[n.end :]) or "-" in n.text:
            since = seat_numbers[i - 1].end if i > 0 else 0
            owners = [a for a in actors if since <= a.start and a.end <= n.start] or owners
        for owner in owners:
            payload = _payload(owner, status.status, int(n.value), state, on)
            if payload is not None:
                kept = tuple(x for x in notes if x)
                out.append(TallyCandidate(payload, state, house, year, (n.start, n.end), kept))
    out.extend(
        _zero_idioms(
            sentence, grammar, grammars, spans, actors, sentence_states, house_at, ctx, year_for
        )
    )
    return out


def _table_tallies(
    cells: list[TableCell],
    sentence: str,
    sentence_states: list[Mention],
    house_at: dict[int, str],
    ctx: ArticleContext,
    year_for: object,
) -> list[TallyCandidate]:
    """One tally per cell of a results table (see :mod:`.tables`)."""
    out: list[TallyCandidate] = []
    for actor, status, n in cells:
        house = _house_at(house_at, n.start, ctx)
        whole = (0, len(sentence))
        state, state_note = _state_for(
            sentence, sentence_states, whole, n.start, ctx, house, int(n.value)
        )
        if state is None:
            continue
        year = year_for(state, house)  # type: ignore[operator]
        payload = _payload(
            actor, status, int(n.value), state, _membership_day(ctx, state, house, year)
        )
        if payload is not None:
            notes = (state_note,) if state_note else ()
            out.append(TallyCandidate(payload, state, house, year, (n.start, n.end), notes))
    return out


def _part_of_house(sentence: str, n: Number, state: str, house: str) -> str | None:
    """The note for "N of M seats" where M is less than the house has (see _OUT_OF_AFTER)."""
    m = _OUT_OF_AFTER.match(sentence[n.end :])
    size = house_seats(state, house)
    if m is None or size is None:
        return None
    return "scope:part-of-house" if int(m.group("n").replace(",", "")) < size else None


def _list_pairs(sentence: str, numbers: list[Number], actors: list[Mention]) -> int:
    """How many "party number" items ("BJP 48", "Congress at 21") the sentence lists."""
    pairs = 0
    for n in numbers:
        if n.ordinal or n.decimal:
            continue
        if any(
            a.end <= n.start and _PARTY_LIST_GAP.match(sentence[a.end : n.start]) for a in actors
        ):
            pairs += 1
    return pairs


def _fold_reduplicated(sentence: str, numbers: list[Number]) -> list[Number]:
    """ "एक-एक", "दो-दो" (one each, two each) become one number whose text keeps the hyphen."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.is_word
            and prev.text == n.text
            and sentence[prev.end : n.start] == "-"
        ):
            out[-1] = Number(prev.value, prev.start, n.end, f"{prev.text}-{n.text}", True)
            continue
        out.append(n)
    return out


def _house_at(house_at: dict[int, str], pos: int, ctx: ArticleContext) -> str:
    before = [h for p, h in sorted(house_at.items()) if p <= pos]
    if before:
        return before[-1]
    if house_at:
        return next(iter(sorted(house_at.items())))[1]
    return ctx.house or "assembly"


def _zero_idioms(
    sentence: str,
    grammar: Grammar,
    grammars: tuple[Grammar, ...],
    spans: list[tuple[int, int]],
    actors: list[Mention],
    sentence_states: list[Mention],
    house_at: dict[int, str],
    ctx: ArticleContext,
    year_for: object,
) -> list[TallyCandidate]:
    """ "blanked", "खाता नहीं खुला", "एक भी सीट जीतने में सफल नहीं": a count of zero."""
    out: list[TallyCandidate] = []
    for g in grammars:
        for status, rx in g.zero_idioms:
            for m in rx.finditer(sentence):
                clause = _clause_of(spans, m.start())
                fake = Number(0, m.start(), m.end(), m.group(0))
                actor, owner_note = _owner(sentence, fake, clause, actors, grammar, ctx)
                if actor is None:
                    continue
                house = _house_at(house_at, m.start(), ctx)
                state, state_note = _state_for(
                    sentence, sentence_states, clause, m.start(), ctx, house, 0
                )
                if state is None:
                    continue
                year = year_for(state, house)  # type: ignore[operator]
                if clause_trap(sentence[clause[0] : clause[1]], year):
                    continue
                if fronted_past(sentence, m.start()):
                    continue
                on = _membership_day(ctx, state, house, year)
                payload = _payload(actor, status, 0, state, on)
                if payload is not None:
                    notes = tuple(x for x in (owner_note, state_note) if x)
                    span = (m.start(), m.end())
                    out.append(TallyCandidate(payload, state, house, year, span, notes))
    return out
