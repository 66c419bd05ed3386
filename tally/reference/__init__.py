"""Reference data shared by every part: states, parties, alliances and contests.

The facts live as JSON in ``data/`` (see ``PROVENANCE.md``); this module only loads them,
once, into small frozen records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "AllianceInfo",
    "ContestInfo",
    "PartyInfo",
    "StateInfo",
    "alliances_for",
    "contest_info",
    "contests",
    "house_seats",
    "parties",
    "party_on",
    "states",
]

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class StateInfo:
    code: str
    name: str
    name_hi: str
    kind: str
    assembly_seats: int | None
    aliases: tuple[str, ...]
    aliases_hi: tuple[str, ...]
    lok_sabha_seats: int | None = None


@dataclass(frozen=True, slots=True)
class PartyInfo:
    code: str
    name: str
    name_hi: str
    colour: str
    aliases: tuple[str, ...]
    aliases_hi: tuple[str, ...]
    states: tuple[str, ...] | None = None
    """Where a regional party contests; None for a party that contests anywhere."""
    formed: date | None = None
    until_formed: str | None = None
    """The undivided party a mention means before ``formed`` (LJP before LJP(RV))."""

    def contests_in(self, state: str) -> bool:
        return self.states is None or state in self.states


@dataclass(frozen=True, slots=True)
class AllianceInfo:
    code: str
    name: str
    name_hi: str
    parties: tuple[str, ...]
    states: tuple[str, ...] | None
    valid_from: date
    valid_to: date | None
    aliases: tuple[str, ...]
    aliases_hi: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContestInfo:
    state: str
    house: str
    year: int
    seats: int
    majority: int | None
    counting_day: date

    @property
    def code(self) -> str:
        return f"{self.state}-{self.house}-{self.year}"


def _load(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def states() -> dict[str, StateInfo]:
    """States and UTs by ISO 3166-2:IN suffix (plus ``IN`` for the country)."""
    return {
        s["code"]: StateInfo(
            code=s["code"],
            name=s["name"],
            name_hi=s["name_hi"],
            kind=s["kind"],
            assembly_seats=s.get("assembly_seats"),
            aliases=tuple(s.get("aliases", ())),
            aliases_hi=tuple(s.get("aliases_hi", ())),
            lok_sabha_seats=s.get("lok_sabha_seats"),
        )
        for s in _load("states.json")["states"]
    }


@cache
def parties() -> dict[str, PartyInfo]:
    """Parties by ECI abbreviation."""
    return {
        p["code"]: PartyInfo(
            code=p["code"],
            name=p["name"],
            name_hi=p["name_hi"],
            colour=p["colour"],
            aliases=tuple(p.get("aliases", ())),
            aliases_hi=tuple(p.get("aliases_hi", ())),
            states=tuple(p["states"]) if p.get("states") else None,
            formed=date.fromisoformat(p["formed"]) if p.get("formed") else None,
            until_formed=p.get("until_formed"),
        )
        for p in _load("parties.json")["parties"]
    }


@cache
def _alliances() -> tuple[AllianceInfo, ...]:
    return tuple(
        AllianceInfo(
            code=a["code"],
            name=a["name"],
            name_hi=a["name_hi"],
            parties=tuple(a["parties"]),
            states=tuple(a["states"]) if a.get("states") else None,
            valid_from=date.fromisoformat(a["valid_from"]),
            valid_to=date.fromisoformat(a["valid_to"]) if a.get("valid_to") else None,
            aliases=tuple(a.get("aliases", ())),
            aliases_hi=tuple(a.get("aliases_hi", ())),
        )
        for a in _load("alliances.json")["alliances"]
    )


def alliances_for(state: str, on: date) -> dict[str, AllianceInfo]:
    """Alliances in force in ``state`` on ``on``; a state's own line-up beats the national one."""
    chosen: dict[str, AllianceInfo] = {}
    for alliance in _alliances():
        if alliance.valid_from > on or (alliance.valid_to and alliance.valid_to < on):
            continue
        if alliance.states is None:
            chosen.setdefault(alliance.code, alliance)
        elif state in alliance.states:
            chosen[alliance.code] = alliance
    return chosen


def party_on(code: str, day: date | None) -> str:
    """The party a mention of ``code`` means on ``day``: before a split or rename took
    effect, the undivided party ("LJP" in 2020 is the LJP, not the LJP(RV))."""
    info = parties().get(code)
    if day is None or info is None or info.formed is None or day >= info.formed:
        return code
    return info.until_formed or code


def house_seats(state: str, house: str) -> int | None:
    """Seats of a state's house: the assembly, its Lok Sabha share (543 for ``IN``)."""
    info = states().get(state)
    if info is None:
        return None
    if house == "assembly":
        return info.assembly_seats
    if house == "lok_sabha":
        return info.lok_sabha_seats
    return None


@cache
def contests() -> dict[str, ContestInfo]:
    """Known contests by code, e.g. ``"MH-assembly-2024"``."""
    out: dict[str, ContestInfo] = {}
    for c in _load("contests.json")["contests"]:
        info = ContestInfo(
            state=c["state"],
            house=c["house"],
            year=c["year"],
            seats=c["seats"],
            majority=c.get("majority"),
            counting_day=date.fromisoformat(c["counting_day"]),
        )
        out[info.code] = info
    return out


def contest_info(state: str, house: str, year: int) -> ContestInfo | None:
    """Seats and majority mark of a contest, or None when the tracker has no reference for it."""
    return contests().get(f"{state}-{house}-{year}")
