"""Candidates and constituencies named in a sentence, read against the gazetteer.

Copy often names a winner without a party ("Chief Minister Nayab Singh Saini won the Ladwa
seat") and a seat without the word "seat" ("तारापुर से भाजपा के सम्राट चौधरी …"). The gazetteer
knows who stood where, so a constituency counts when one of its own candidates is named in
the same sentence, and a named candidate brings the party they stood for. Both checks are on
names only: the gazetteer holds no results, so it can never supply a winner or a number.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .gazetteer import CandidateInfo, SeatInfo, find_states, match_constituency, seat_keys
from .translit import name_similarity, skeleton

__all__ = ["NamedCandidate", "named_candidates", "named_seats"]

_WORD = re.compile(r"[A-Za-z][A-Za-z.']*|[\u0900-\u097f]+")
# Honorifics and initials in the gazetteer's spellings ("Dr.AMEE YAJNIK", "ADV K C PADAVI").
_TITLES = {"dr", "adv", "eng", "engg", "prof", "shri", "smt", "sh", "mr", "mrs", "ms", "er"}


@dataclass(frozen=True, slots=True)
class NamedCandidate:
    """A gazetteer candidate of one seat, written at ``[start, end)`` of the sentence."""

    info: CandidateInfo
    start: int
    end: int


@cache
def _name_tokens(name: str) -> tuple[str, ...]:
    """The parts of a candidate name worth matching, with adjacent pairs joined
    ("JAI RAM" also gives "JAIRAM", written "जयराम")."""
    words = [w for w in re.split(r"[\s.()]+", name) if w]
    words = [w for w in words if w.casefold() not in _TITLES and len(w) > 1]
    joined = [a + b for a, b in itertools.pairwise(words)]
    return tuple(words + joined)


@lru_cache(maxsize=1 << 16)  # bounded: a long replay sees an open-ended vocabulary
def _skeleton(word: str) -> str:
    return skeleton(word)


@lru_cache(maxsize=1 << 16)
def _same_word(written: str, token: str) -> bool:
    a, b = _skeleton(written), _skeleton(token)
    if not a or not b or a[0] != b[0]:
        return False  # names across scripts keep their first consonant: cheap and decisive
    if a == b and len(a) >= 2:
        return True
    # Semivowels and "h" come and go between scripts: "जयराम" is JAIRAM, "jyrm" ~ "jrm".
    a_hard, b_hard = re.sub(r"[yvwh ]", "", a), re.sub(r"[yvwh ]", "", b)
    if a_hard == b_hard and len(a_hard) >= 3:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return name_similarity(written, token) >= 0.6
    if abs(len(a) - len(b)) > 1:
        return False
    return name_similarity(written, token) >= 0.8


def named_candidates(sentence: str, seat: SeatInfo) -> list[NamedCandidate]:
    """Candidates of ``seat`` named in the sentence, in text order.

    A candidate is named when two of their name parts appear within four words ("Devendra
    Fadnavis" for DEVENDRA GANGADHAR FADNAVIS), or, for a one-word name, when that word
    appears in full ("Atishi", "आतिशी").
    """
    words = list(_WORD.finditer(sentence))
    # Only words that share a first consonant with some name part are worth comparing.
    initials = {k[0] for w in words if (k := _skeleton(w.group(0)))}
    found: list[NamedCandidate] = []
    for cand in seat.candidates:
        tokens = _name_tokens(cand.name)
        if not tokens or not any(_skeleton(t)[:1] in initials for t in tokens):
            continue
        plain = [t for t in tokens if t in cand.name.split()] or list(tokens)
        single = len([w for w in re.split(r"[\s.()]+", cand.name) if len(w) > 1]) == 1
        hits = [any(_same_word(w.group(0), t) for t in tokens) for w in words]
        for i, w in enumerate(words):
            if not hits[i]:
                continue
            if single:
                if len(w.group(0)) >= 5 and name_similarity(w.group(0), plain[0]) >= 0.8:
                    found.append(NamedCandidate(cand, w.start(), w.end()))
                    break
                continue
            partner = next(
                (
                    words[j]
                    for j in range(i + 1, min(i + 4, len(words)))
                    if hits[j] and _skeleton(words[j].group(0)) != _skeleton(w.group(0))
                ),
                None,
            )
            if partner is not None:
                found.append(NamedCandidate(cand, w.start(), partner.end()))
                break
    return sorted(found, key=lambda c: c.start)


def named_seats(sentence: str, state: str | None) -> list[tuple[SeatInfo, int, int]]:
    """Constituencies written anywhere in the sentence (one to three words) whose own
    candidates are named there too; state names never count."""
    text = sentence.replace("-", " ")  # same length, so offsets hold: "सांपला-किलोई"
    words = list(_WORD.finditer(text))
    keys = [_skeleton(w.group(0)) for w in words]
    known = seat_keys()
    found: dict[tuple[str, int], tuple[SeatInfo, int, int]] = {}
    for i in range(len(words)):
        for k in (3, 2, 1):
            if i + k > len(words):
                continue
            first = words[i].group(0)
            if first.isascii() and not first[0].isupper():
                continue  # English names are capitalised
            key = " ".join(keys[i : i + k])
            if len(key.replace(" ", "")) < 2 or key not in known:
                continue  # the skeleton index rules out almost every window at once
            start, end = words[i].start(), words[i + k - 1].end()
            written = text[start:end]
            if any(m.start == 0 and m.end == len(written) for m in find_states(written)):
                continue
            seat = match_constituency(written, state)
            if seat is None or (seat.state, seat.ac_no) in found:
                continue
            named = named_candidates(sentence, seat)
            if any(not (c.start <= start < c.end) for c in named):
                found[(seat.state, seat.ac_no)] = (seat, start, end)
                break
    return sorted(found.values(), key=lambda t: t[1])
