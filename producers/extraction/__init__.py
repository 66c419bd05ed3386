"""Counting-day news -> tally facts, each with the sentence and span it came from.

Reading order: ``sentences`` -> ``numerals`` / ``clock`` -> ``english`` / ``hindi``
(grammars) -> ``gazetteer`` / ``actors`` -> ``traps`` -> ``tallies`` and ``seats``. This
module walks an article sentence by sentence, carries context between them
(:mod:`.context`) and wraps each fact as a :class:`tally.events.TallyEvent`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

import msgspec

from tally.events import Check, Contest, Payload, Source, TallyEvent, make_event
from tally.reference import parties

from ..articles import IST, Article
from .actors import find_actors
from .clock import find_times
from .confidence import Candidate, assess, min_confidence
from .context import (
    ArticleContext,
    as_datetime,
    contest_year,
    counting_day,
    find_house,
    general_cue,
    names_bypoll,
    names_several_states,
)
from .english import ENGLISH
from .gazetteer import Mention, find_parties, find_states
from .hindi import HINDI
from .leaders import with_factions
from .normalise import normalise
from .numerals import find_numbers
from .seats import find_seat_results
from .sentences import split_sentences
from .tallies import clause_spans, find_tallies
from .traps import RESULT_CUE, clause_trap, exit_poll_sentence, sentence_trap

__all__ = ["Fact", "extract_events", "extract_facts"]

_GRAMMARS = (ENGLISH, HINDI)
_YEAR = re.compile(r"(?<![\d,])(?:19[5-9]\d|20\d\d)(?![\d,])")


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted fact before it is wrapped in an event envelope."""

    house: str
    state: str
    year: int | None
    payload: Payload
    sentence: str
    span: tuple[int, int]
    as_of: str | None
    bypoll: bool = False
    notes: tuple[str, ...] = ()
    """Weaker readings the grammar used; :mod:`.confidence` weighs them."""
    confidence: float = 1.0
    checks: tuple[Check, ...] = ()
    review: bool = False


_DEVANAGARI = re.compile("[\u0900-\u097f]")
_LATIN = re.compile("[A-Za-z]")


def _grammar_for(sentence: str) -> object:
    deva = len(_DEVANAGARI.findall(sentence))
    return HINDI if deva >= len(_LATIN.findall(sentence)) else ENGLISH


def extract_facts(article: Article, *, threshold: float | None = None) -> list[Fact]:
    """Every tally and seat result the article states, in text order.

    Exit polls, past results, party claims, dates and vote counts are skipped (see
    :mod:`.traps`); a fact repeated in one sentence is kept once. Each fact carries its
    confidence and checks; those below ``threshold`` (``TALLY_MIN_CONFIDENCE`` when None)
    are marked ``review``.
    """
    text = normalise(article.text)
    named_states = [m.code for m in find_states(text) if m.code]
    main_state, main_note = _main_state(named_states), "state:article"
    if main_state is None:
        main_state, main_note = _home_of_parties(text), "state:parties"
    facts = _read_facts(article, text, main_state, main_note)
    limit = min_confidence() if threshold is None else threshold
    judged = assess(
        Candidate(f.state, f.house, f.payload, f.as_of, f.notes, f.year, f.bypoll) for f in facts
    )
    return [
        replace(f, confidence=a.confidence, checks=a.checks, review=a.confidence < limit)
        for f, a in zip(facts, judged, strict=True)
    ]


def _read_facts(article: Article, text: str, main_state: str | None, main_note: str) -> list[Fact]:
    published = article.published.astimezone(IST).date() if article.published else None
    text_years = tuple(sorted({int(y) for y in _YEAR.findall(article.text)}))
    ctx = ArticleContext(
        published=published, text_years=text_years, main_state=main_state, main_note=main_note
    )
    ctx.house = _main_house(text)
    ctx.states_named = len({m.code for m in find_states(text) if m.code})
    facts: list[Fact] = []
    for sentence in split_sentences(text):
        facts.extend(_sentence_facts(sentence.text, sentence.paragraph, ctx))
    return facts


def _sentence_facts(text: str, paragraph: int, ctx: ArticleContext) -> list[Fact]:
    ctx.new_paragraph(paragraph)
    grammar = _grammar_for(text)
    states = find_states(text)
    houses = dict(find_house(text))
    actors = with_factions(text, find_actors(text, _GRAMMARS), ctx.published)
    times = find_times(text)
    clock_spans = [(t.start, t.end) for t in times]
    numbers = [n for n in find_numbers(text) if not any(s <= n.start < e for s, e in clock_spans)]
    stated = next((t for t in times if t.cutoff), times[0] if times else None)
    as_of = stated.hhmm if stated else ctx.as_of

    def year_for(state: str, house: str) -> int | None:
        return contest_year(state, house, ctx.published, ctx.text_years)

    if names_several_states(text):
        ctx.several_states = True
    elif states:
        ctx.several_states = False  # the copy has turned to one state
    if names_bypoll(text):
        ctx.bypoll = True
    elif general_cue(text):
        ctx.bypoll = ctx.lede_bypoll = False
    bypoll = ctx.bypoll
    shadow = ctx.exit_poll_shadow and not RESULT_CUE.search(text)
    years_here = {y for y in (year_for(st.code, h) for st in states for h in ("assembly",)) if y}
    trapped = (
        sentence_trap(text, max(years_here) if years_here else _default_year(ctx)) is not None
        or shadow
    )
    out: list[Fact] = []
    if not trapped:
        spans = clause_spans(text, _GRAMMARS)
        for t in find_tallies(
            text,
            spans=spans,
            grammar=grammar,  # type: ignore[arg-type]
            grammars=_GRAMMARS,
            numbers=numbers,
            actors=actors,
            sentence_states=states,
            house_at=houses,
            ctx=ctx,
            year_for=year_for,
        ):
            out.append(
                Fact(t.house, t.state, t.year, t.payload, text, t.span, as_of, bypoll, t.notes)
            )
        seat_state = states[-1].code if states else ctx.state or ctx.main_state
        seat_notes: tuple[str, ...] = ()
        if not states:
            seat_notes = ("state:earlier-sentence",) if ctx.state else (ctx.main_note,)
            if ctx.state and ctx.main_state and ctx.state != ctx.main_state:
                seat_notes += ("state:not-main",)

        def seat_trapped(clause: str, state: str) -> bool:
            return clause_trap(clause, year_for(state, "assembly")) is not None

        for s in find_seat_results(
            text,
            numbers=numbers,
            actors=actors,
            state=seat_state,
            ctx=ctx,
            clause_spans=spans,
            is_trapped=seat_trapped,
        ):
            year = year_for(s.state, s.house)
            notes = s.notes + (seat_notes if s.state == seat_state else ())
            if (
                not states
                and s.house == "lok_sabha"
                and "seat:not-in-gazetteer" in notes
                and ctx.states_named >= _MANY_STATES
            ):
                # a national story's line: the state last named may be another item's
                notes += ("state:carried-across-states",)
            out.append(
                Fact(
                    s.house,
                    s.state,
                    year,
                    s.payload,
                    text,
                    s.span,
                    as_of,
                    bypoll,
                    notes,
                )
            )
    # "In 2019 the house was hung, the BJP taking 40. The Congress took 31 ...": an undated
    # line goes on telling of the year its paragraph named.
    undated = not _YEAR.search(text) and not times
    if ctx.other_year_told and undated:
        out = [replace(f, notes=(*f.notes, "time:after-other-year")) for f in out]
    told = any("time:other-year" in f.notes for f in out)
    ctx.other_year_told = told or (ctx.other_year_told and undated)
    # Carry what this sentence established to the next ones.
    if states and _sets_the_state(text, states, out):
        ctx.state = states[-1].code
    carried = {
        pos: house
        for pos, house in houses.items()
        if not _names_other_year(text[max(0, pos - 12) : pos], ctx.published)
    }
    if carried:
        ctx.house = sorted(carried.items())[-1][1]
    if stated and stated.cutoff:
        ctx.as_of = stated.hhmm
    ctx.exit_poll_shadow = exit_poll_sentence(text) or shadow
    subjects = [a for a in actors if a.kind in ("party", "alliance")]
    if subjects:
        ctx.last_actor = subjects[0]
    unique: list[Fact] = []
    for f in out:
        key = (f.house, f.state, msgspec.json.encode(f.payload), f.sentence, f.span)
        if key not in ctx.seen:
            ctx.seen.add(key)
            unique.append(f)
    return unique


def _main_state(named: list[str]) -> str | None:
    """The state an article names most often; the first named wins a tie."""
    if not named:
        return None
    counts = Counter(named)
    return max(dict.fromkeys(named), key=lambda code: counts[code])


_MANY_STATES = 4
"""A story naming this many states is national: a Lok Sabha seat's state is not carried."""

# "like the government it runs, led by its chief minister in Delhi", "a coalition headed by
# a regional leader in Kerala": a state named to say where someone else governs
_GOVERNED_BY_BEFORE = re.compile(r"\b(?:led|headed|run|ruled)\s+by\b[^.;,]{0,40}\b(?:in|of)\s+$")


def _sets_the_state(text: str, states: list[Mention], facts: list[Fact]) -> bool:
    """Whether the sentence moves the story to the last state it names: not when it only says
    where someone else governs and reads no fact there (in a Punjab story, "its second
    government, after one led by its chief in Delhi" leaves Punjab the state)."""
    last = states[-1]
    if any(f.state == last.code for f in facts):
        return True
    return not _GOVERNED_BY_BEFORE.search(text[: last.start])


def _main_house(text: str) -> str | None:
    """The house an article speaks of most, for its lines before any house is named (a
    Rajya Sabha story's headline "गुजरात की तीनों सीटें भाजपा को"); None leaves assembly."""
    counts = Counter(house for _, house in find_house(text))
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    return best if not rest or n > rest[0][1] else None


def _home_of_parties(text: str) -> str | None:
    """An article that names no state but mostly regional parties of one state ("the Apna
    Dal (S)", "the SBSP") is about that state; parties of several states in like measure
    say nothing."""
    homes = Counter(
        info.states[0]
        for m in find_parties(text)
        if m.code
        and (info := parties().get(m.code)) is not None
        and info.states is not None
        and len(info.states) == 1
    )
    if not homes:
        return None
    (best, n), *rest = homes.most_common()
    return best if not rest or n >= 2 * rest[0][1] else None


def _names_other_year(before: str, published: date | None) -> bool:
    """ "the 2019 Lok Sabha election" in a 2018 story: a house cue for another election,
    which must not become the house of the sentences that follow."""
    years = [int(y) for y in _YEAR.findall(before)]
    return bool(years) and (published is None or years[-1] != published.year)


def _default_year(ctx: ArticleContext) -> int | None:
    if ctx.published is not None:
        return ctx.published.year
    return max(ctx.text_years) if ctx.text_years else None


def event_time_for(fact: Fact, article: Article, ingest_time: datetime) -> tuple[datetime, bool]:
    """When the fact held, and whether only its day is known.

    The publication day at the stated time, else the publication datetime; an undated
    article uses the contest's counting day, else the ingest time. The day alone is known when
    the text states no clock time and the source gave a date without one.
    """
    if article.published is not None:
        day = article.published.astimezone(IST).date()
        if fact.as_of:
            return as_datetime(day, fact.as_of, IST), False
        return article.published, article.date_only
    known: date | None = counting_day(fact.state, fact.house, fact.year) if fact.year else None
    if known is not None:
        return as_datetime(known, fact.as_of, IST), not fact.as_of
    return ingest_time, False


def extract_events(
    article: Article, *, ingest_time: datetime, threshold: float | None = None
) -> list[TallyEvent]:
    """Every fact of the article as a :class:`TallyEvent` with a deterministic ``event_id``.

    Facts whose contest year cannot be told (an undated article naming no year) are dropped:
    a fact filed under the wrong contest would move the wrong counter.
    """
    published = None
    if article.published is not None:
        published = (
            article.published.date().isoformat()
            if article.date_only
            else article.published.isoformat()
        )
    events: list[TallyEvent] = []
    for fact in extract_facts(article, threshold=threshold):
        if fact.year is None or not (1951 <= fact.year <= 2100):
            continue
        source = Source(
            kind="article",
            outlet=article.outlet,
            url=article.url,
            lang=article.lang,
            sentence=fact.sentence,
            span=fact.span,
            published=published,
        )
        event_time, date_only = event_time_for(fact, article, ingest_time)
        events.append(
            make_event(
                contest=Contest(
                    house=fact.house,  # type: ignore[arg-type]
                    state=fact.state,
                    year=fact.year,
                    bypoll=fact.bypoll,
                ),
                payload=fact.payload,
                source=source,
                event_time=event_time,
                ingest_time=ingest_time,
                as_of=fact.as_of,
                date_only=date_only,
                confidence=fact.confidence,
                checks=list(fact.checks),
                review=fact.review,
            )
        )
    return events
