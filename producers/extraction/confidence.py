"""How sure the extractor is of a fact, and which checks it passed or failed.

A fact starts at 1.0. Each weaker reading the grammar had to use (an owner from an earlier
clause, a state carried from an earlier sentence, ...) and each failed check against what
the project knows of the contest (the house's size, the parties that contest the state)
multiplies it by a factor from ``data/confidence.json``. Facts below the threshold are
still emitted, with ``review: true``: an editor decides, and the worker never counts them.

The threshold is ``TALLY_MIN_CONFIDENCE`` (default :data:`DEFAULT_MIN_CONFIDENCE`).
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tally.events import AllianceTally, Check, PartyTally, SeatResult
from tally.reference import house_seats, parties

from .gazetteer import SeatInfo, constituencies, gazetteer_year, match_candidate
from .translit import name_similarity

__all__ = [
    "DATA_PATH",
    "DEFAULT_MIN_CONFIDENCE",
    "Assessed",
    "assess",
    "min_confidence",
]

DEFAULT_MIN_CONFIDENCE = 0.65
"""Published from here up; below it a fact waits for an editor."""

DATA_PATH = Path(__file__).with_name("data") / "confidence.json"


@cache
def _table() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return {**data["notes"], **data["checks"]}


@cache
def _base() -> float:
    """The chance that a fact with no failed note is right, fitted on the corpus."""
    return float(json.loads(DATA_PATH.read_text(encoding="utf-8")).get("base", 1.0))


def min_confidence(environ: dict[str, str] | None = None) -> float:
    """The publication threshold from ``TALLY_MIN_CONFIDENCE``.

    Raises:
        ValueError: the variable is set to something that is not a number in [0, 1].
    """
    raw = (os.environ if environ is None else environ).get("TALLY_MIN_CONFIDENCE", "")
    if raw.strip() == "":
        return DEFAULT_MIN_CONFIDENCE
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"TALLY_MIN_CONFIDENCE={raw!r} is not a number in [0, 1]") from None
    if not 0.0 <= value <= 1.0 or math.isnan(value):
        raise ValueError(f"TALLY_MIN_CONFIDENCE={raw!r} is not a number in [0, 1]")
    return value


@dataclass(frozen=True, slots=True)
class Candidate:
    """What :func:`assess` needs of one fact."""

    state: str
    house: str
    payload: Any
    as_of: str | None
    notes: tuple[str, ...]
    year: int | None = None
    bypoll: bool = False


@dataclass(frozen=True, slots=True)
class Assessed:
    confidence: float
    checks: tuple[Check, ...]


def _check(name: str, passed: bool) -> Check:
    return Check(name=name, passed=passed, says=None if passed else _table()[name]["says"])


def _sum_failures(facts: list[Candidate]) -> set[int]:
    """Indexes of party tallies whose article-wide sum for one state, house, status and
    stated time is more than the house has seats."""
    groups: dict[tuple[str, str, str, str | None], list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        if isinstance(f.payload, PartyTally):
            groups[(f.state, f.house, f.payload.status, f.as_of)].append(i)
    failed: set[int] = set()
    for (state, house, _, _), members in groups.items():
        size = house_seats(state, house)
        # one number per party: a party's repeated figure is not a second share of the house
        by_party = {facts[i].payload.party: facts[i].payload.seats for i in members}
        if size is not None and sum(by_party.values()) > size:
            failed.update(members)
    return failed


def _seat_checks(f: Candidate) -> list[Check]:
    """A seat result against the article and the election's candidate list."""
    payload: SeatResult = f.payload
    checks: list[Check] = []
    seats = {s.ac_no: s for s in constituencies().get(f.state, ())}
    seat = seats.get(payload.ac_no) if payload.ac_no else None
    listed = seat is not None and not f.bypoll and gazetteer_year(f.state) == f.year
    if listed and payload.candidate:
        checks.append(_check("candidate_on_list", _agrees_with_list(payload, seat)))
    return checks


def _agrees_with_list(payload: SeatResult, seat: SeatInfo) -> bool:
    """False only on evidence against: the named person stood for another party there, the
    party fielded no one there, or its candidate there has a wholly different name. A name
    the list spells otherwise ("Parvesh Verma" for "Parvesh Sahib Singh") is no evidence either
    way."""
    hit = match_candidate(payload.candidate or "", seat.state, seat)
    if hit is not None:
        return hit[0].party is None or hit[0].party == payload.party
    own = [c for c in seat.candidates if c.party == payload.party]
    if not own:
        return False  # the party fielded no one there
    return max(name_similarity(payload.candidate or "", c.name) for c in own) >= 0.35


def assess(facts: Iterable[Candidate]) -> list[Assessed]:
    """Confidence and checks of every fact of one article, in the order given."""
    facts = list(facts)
    over_sum = _sum_failures(facts)
    out: list[Assessed] = []
    table = _table()
    for i, f in enumerate(facts):
        checks = [
            Check(name=note, passed=False, says=table[note]["says"])
            for note in f.notes
            if note in table
        ]
        if isinstance(f.payload, PartyTally | AllianceTally):
            size = house_seats(f.state, f.house)
            if size is not None:
                checks.append(_check("within_house", f.payload.seats <= size))
                checks.append(_check("sum_within_house", i not in over_sum))
        if isinstance(f.payload, AllianceTally) and f.payload.alliance:
            # a named bloc with no members on the day is not in force in this state then
            checks.append(_check("alliance_in_force", bool(f.payload.parties)))
        if isinstance(f.payload, SeatResult):
            checks.extend(_seat_checks(f))
        if isinstance(f.payload, PartyTally):
            info = parties().get(f.payload.party)
            if info is not None and f.state != "IN":
                checks.append(_check("party_contests_state", info.contests_in(f.state)))
        confidence = _base()
        for c in checks:
            if not c.passed:
                confidence *= float(table[c.name]["factor"])
        out.append(Assessed(round(confidence, 3), tuple(checks)))
    return out
