"""What a language contributes to extraction: its status words, seat units, idioms and the
side of the number its verb sits on. ``english.py`` and ``hindi.py`` each fill one in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Grammar", "StatusWord", "find_statuses"]


@dataclass(frozen=True, slots=True)
class StatusWord:
    """A word or phrase that says won / leading / total, at ``[start, end)``."""

    status: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Grammar:
    """Patterns of one language; every regex is matched against one sentence."""

    lang: Literal["en", "hi"]
    verb_side: Literal["before", "after"]
    """Where the status verb usually sits: English "won 29", Hindi "29 सीटों पर जीत"."""
    statuses: tuple[tuple[str, re.Pattern[str]], ...]
    """Checked in order ("total" first), so "won or leads" is never read as two words."""
    weak_statuses: tuple[tuple[str, re.Pattern[str]], ...]
    """Sentence-wide hints ("trends", "रुझान") used only when no status word is near."""
    zero_idioms: tuple[tuple[str, re.Pattern[str]], ...]
    seat_unit: re.Pattern[str]
    """Matched right after a number: the number counts seats."""
    governed_by_verb: re.Pattern[str]
    """Searched in the text right before a unitless number ("won 49", "leads in 34")."""
    governs_after: re.Pattern[str]
    """Matched right after a unitless number ("158 पर आगे")."""
    anaphor: re.Pattern[str]
    """A subject that points back ("it", "the party", "पार्टी ने"): the last party stands in."""
    clause_break: re.Pattern[str]
    alliance_word: re.Pattern[str]
    """Right after party names, makes them one alliance ("NC-Congress alliance")."""
    party_joiner: re.Pattern[str]
    """Between two party names that may form an alliance ("-", "and", "एवं")."""


def find_statuses(grammar: Grammar, sentence: str) -> list[StatusWord]:
    """Status words in order; an earlier-listed pattern wins an overlap."""
    found: list[StatusWord] = []
    for status, regex in grammar.statuses:
        for m in regex.finditer(sentence):
            if any(w.start < m.end() and m.start() < w.end for w in found):
                continue
            found.append(StatusWord(status, m.start(), m.end()))
    return sorted(found, key=lambda w: w.start)
