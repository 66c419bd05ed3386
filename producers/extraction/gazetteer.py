"""Names in a sentence: parties, alliances, states and constituencies, found from the
reference data in ``tally/reference/data`` (aliases are data there, not patterns here).

Latin aliases match case-insensitively, except short all-capital acronyms ("SP", "NC",
"HAM"), which must be written in capitals so that "ham" or "sp" in prose never become a
party. Devanagari aliases match exactly. Aliases that are also ordinary words (Hindi "आप",
"you"; "हम", "we") are listed under ``ambiguous_aliases`` in ``parties.json`` and count only
when quoted or followed by a party word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from tally.reference import DATA_DIR, alliances_for, parties, states

from .translit import name_similarity, skeleton

__all__ = [
    "CandidateInfo",
    "Mention",
    "SeatInfo",
    "constituencies",
    "find_alliance_names",
    "find_parties",
    "find_states",
    "gazetteer_year",
    "led_alliance",
    "match_candidate",
    "match_constituency",
    "resolve_alliance",
    "seat_keys",
]

_LEFT = r"(?<![A-Za-z0-9\u0900-\u097f])"
_RIGHT = r"(?![A-Za-z0-9\u0900-\u097f])"


@dataclass(frozen=True, slots=True)
class Mention:
    """A named thing at ``[start, end)`` of a sentence; ``code`` is its reference code."""

    kind: str  # "party" | "alliance" | "state"
    code: str | None
    start: int
    end: int
    parties: tuple[str, ...] = ()
    """For an alliance written as its members ("NC-Congress alliance"), the member codes."""


def _alternation(names: Iterable[str]) -> str:
    unique = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in unique)


class _AliasIndex:
    """One compiled matcher per script and case rule, longest alias first."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self._lookup_exact: dict[str, str] = {}
        self._lookup_fold: dict[str, str] = {}
        exact: list[str] = []
        folded: list[str] = []
        for code, names in entries.items():
            for name in names:
                is_acronym = name.upper() == name and " " not in name and len(name) <= 6
                if re.search(r"[\u0900-\u097f]", name) or is_acronym:
                    self._lookup_exact.setdefault(name, code)
                    exact.append(name)
                else:
                    self._lookup_fold.setdefault(name.casefold(), code)
                    folded.append(name)
        alt_exact = _alternation(exact)
        alt_fold = _alternation(folded)
        self._exact = re.compile(f"{_LEFT}(?:{alt_exact}){_RIGHT}") if exact else None
        self._fold = re.compile(f"{_LEFT}(?:{alt_fold}){_RIGHT}", re.I) if folded else None

    def find(self, text: str) -> list[tuple[str, int, int]]:
        hits: list[tuple[str, int, int]] = []
        if self._fold:
            for m in self._fold.finditer(text):
                hits.append((self._lookup_fold[m.group(0).casefold()], m.start(), m.end()))
        if self._exact:
            for m in self._exact.finditer(text):
                hits.append((self._lookup_exact[m.group(0)], m.start(), m.end()))
        hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
        kept: list[tuple[str, int, int]] = []
        for hit in hits:
            if kept and hit[1] < kept[-1][2]:
                continue  # overlapped by a longer, earlier alias
            kept.append(hit)
        return kept


@cache
def _parties_raw() -> dict[str, object]:
    with (DATA_DIR / "parties.json").open(encoding="utf-8") as fh:
        data: dict[str, object] = json.load(fh)
    return data


@cache
def _party_index() -> _AliasIndex:
    ambiguous = set(_ambiguous())
    entries = {
        code: [a for a in (*p.aliases, *p.aliases_hi, p.name, p.name_hi) if a not in ambiguous]
        for code, p in parties().items()
    }
    return _AliasIndex(entries)


@cache
def _ambiguous() -> dict[str, str]:
    raw = _parties_raw().get("ambiguous_aliases", {})
    return {k: v for k, v in raw.items() if not k.startswith("_")} if isinstance(raw, dict) else {}


@cache
def _ambiguous_re() -> re.Pattern[str] | None:
    amb = _ambiguous()
    if not amb:
        return None
    # "'आप' ने", "हम (सेक्युलर)", "आप पार्टी", and in a tally list "हम 5 और रालोमो 4 सीटों पर":
    # never the pronoun "आप ने" ("you").
    party_words = (
        r"(?:पार्टी|पार्टियों|दल(?![\u0900-\u097f])|\(सेक्युलर\)|\(एस\)"
        r"|[0-9०-९]+\s*(?:,|और|सीट|पर(?![\u0900-\u097f])))"
    )
    alt = _alternation(amb)
    return re.compile(
        rf"[‘'\"“](?P<q>{alt})[’'\"”]|{_LEFT}(?P<w>{alt}){_RIGHT}(?=\s*{party_words})"
    )


def find_parties(text: str) -> list[Mention]:
    """Party mentions in order (an ambiguous alias only in a party-like setting)."""
    found = [Mention("party", code, s, e) for code, s, e in _party_index().find(text)]
    amb_re = _ambiguous_re()
    if amb_re:
        for m in amb_re.finditer(text):
            word = m.group("q") or m.group("w")
            start, end = m.span()
            if any(f.start < end and start < f.end for f in found):
                continue
            found.append(Mention("party", _ambiguous()[word], start, end))
    return sorted(found, key=lambda m: m.start)


@cache
def _alliance_index() -> _AliasIndex:
    with (DATA_DIR / "alliances.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)["alliances"]
    entries: dict[str, list[str]] = {}
    for a in raw:
        entries.setdefault(a["code"], []).extend([*a.get("aliases", []), *a.get("aliases_hi", [])])
    return _AliasIndex(entries)


def find_alliance_names(text: str) -> list[Mention]:
    """Named blocs ("NDA", "INDIA bloc", "महायुति") in order."""
    return [Mention("alliance", code, s, e) for code, s, e in _alliance_index().find(text)]


def resolve_alliance(code: str, state: str, on: date) -> tuple[str, ...]:
    """Member parties of ``code`` in force in ``state`` on ``on`` (empty when unknown)."""
    info = alliances_for(state, on).get(code)
    return info.parties if info else ()


def led_alliance(leader: str, state: str, on: date) -> str | None:
    """The bloc in force in ``state`` on ``on`` whose leading (first-listed) party is
    ``leader``: "the BJP-led alliance" is the NDA, "JMM-led alliance" Jharkhand's bloc."""
    led = [code for code, info in alliances_for(state, on).items() if info.parties[:1] == (leader,)]
    return led[0] if len(led) == 1 else None


@cache
def _state_index() -> _AliasIndex:
    entries = {
        code: [s.name, s.name_hi, *s.aliases, *s.aliases_hi]
        for code, s in states().items()
        if code != "IN"  # "India" in copy is a country or a bloc, never a state's tally
    }
    return _AliasIndex(entries)


def find_states(text: str) -> list[Mention]:
    """State and UT mentions in order."""
    return [Mention("state", code, s, e) for code, s, e in _state_index().find(text)]


@dataclass(frozen=True, slots=True)
class CandidateInfo:
    name: str
    party: str | None


@dataclass(frozen=True, slots=True)
class SeatInfo:
    """One assembly constituency from the gazetteer."""

    state: str
    ac_no: int
    name: str
    names_hi: tuple[str, ...]
    key: str
    candidates: tuple[CandidateInfo, ...]


@cache
def constituencies() -> dict[str, tuple[SeatInfo, ...]]:
    """Every state's constituencies from ``tally/reference/data/constituencies``."""
    out: dict[str, tuple[SeatInfo, ...]] = {}
    folder = DATA_DIR / "constituencies"
    for path in sorted(folder.glob("[A-Z][A-Z].json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["state"]] = tuple(
            SeatInfo(
                state=data["state"],
                ac_no=c["ac_no"],
                name=c["name"],
                names_hi=(c["name_hi"], *c.get("aliases_hi", [])),
                key=c["key"],
                candidates=tuple(CandidateInfo(p["name"], p["party"]) for p in c["candidates"]),
            )
            for c in data["constituencies"]
        )
    return out


@cache
def gazetteer_year(state: str) -> int | None:
    """The election whose candidates a state's gazetteer lists, or None without one."""
    path = DATA_DIR / "constituencies" / f"{state}.json"
    if not path.is_file():
        return None
    year: int = json.loads(path.read_text(encoding="utf-8"))["year"]
    return year


@cache
def _by_key() -> dict[str, tuple[SeatInfo, ...]]:
    index: dict[str, list[SeatInfo]] = {}
    for seats in constituencies().values():
        for seat in seats:
            for form in (seat.name.replace("-", " "), *seat.names_hi):
                index.setdefault(skeleton(form), []).append(seat)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def seat_keys() -> frozenset[str]:
    """Consonant skeletons of every constituency name, for a cheap first look-up."""
    return _seat_keys()


@cache
def _seat_keys() -> frozenset[str]:
    return frozenset(_by_key())


def _best_form_similarity(seat: SeatInfo, written: str) -> float:
    forms = (seat.name.replace("-", " "), *seat.names_hi)
    return max(name_similarity(written, form) for form in forms)


@lru_cache(maxsize=1 << 14)  # bounded, as the names in live copy are open-ended
def match_constituency(written: str, state: str | None) -> SeatInfo | None:
    """The constituency a written name ("डोडा", "Doda") means, preferring ``state``.

    A short name ("Doda") must read almost the same as the gazetteer's; with ``state``
    known, only that state's seats count ("Mansa" in a Punjab story is not Gujarat's);
    without it, a name found in one state only is that state's.
    """
    key = skeleton(written.replace("-", " "))  # "Garhi Sampla-Kiloi", as the index holds it
    if not key:
        return None
    seats = _by_key().get(key, ())
    scored = [(s, _best_form_similarity(s, written)) for s in seats]
    threshold = 0.85 if len(key.replace(" ", "")) <= 3 else 0.75
    good = [s for s, score in scored if score >= threshold]
    local = [s for s in good if s.state == state]
    if local:
        return max(local, key=lambda s: _best_form_similarity(s, written))
    if state is not None:
        return None  # a namesake in another state: the story's state decides
    other_states = {s.state for s in good}
    if len(other_states) == 1 and len(good) == 1:
        return good[0]
    return None


def match_candidate(
    written: str, state: str | None, seat: SeatInfo | None
) -> tuple[CandidateInfo, SeatInfo] | None:
    """The candidate a written name means: within ``seat`` if known, else unique in ``state``."""
    pools: list[SeatInfo] = []
    if seat is not None:
        pools = [seat]
    elif state is not None:
        pools = list(constituencies().get(state, ()))
    hits: list[tuple[float, CandidateInfo, SeatInfo]] = []
    key = skeleton(written)
    for pool in pools:
        for cand in pool.candidates:
            if skeleton(cand.name) != key and seat is None:
                continue
            score = name_similarity(written, cand.name)
            if score >= (0.75 if seat is not None else 0.85):
                hits.append((score, cand, pool))
    if not hits:
        return None
    hits.sort(key=lambda h: -h[0])
    if seat is None and len(hits) > 1 and hits[1][0] >= hits[0][0] - 0.02:
        return None  # two namesakes in the state: no guess
    return hits[0][1], hits[0][2]
