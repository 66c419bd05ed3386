"""Split an article into sentences that remember where they sit in the text.

Hindi ends sentences with "।" or ".", English with ".", "?" or "!"; a line break always ends
one (headlines and live-blog lines carry no full stop). A blank line or a line break starts
a new paragraph, which bounds how far a stated time ("as of 11 am") is carried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# Abbreviations and initials whose full stop does not end a sentence ("Mr. Modi", "K. C. Padavi").
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sh|Smt|Shri|St|Jr|Sr|Lt|Col|Gen|Capt|Maj|No|vs|Rs|Adv|Engg"
    r"|approx|est|Govt|Cantt|Ltd|Inc)|\b[A-Z])\.$"
)
_BOUNDARY = re.compile(r"[।॥!?]+[\"'”’)]*\s*|\.[\"'”’)]*(?=\s)\s*|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and its offset in the article text."""

    text: str
    start: int
    index: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in order, stripped, with their start offsets; empty pieces are dropped."""
    out: list[Sentence] = []
    paragraph = 0
    piece_start = 0

    def emit(end: int) -> None:
        raw = text[piece_start:end]
        stripped = raw.strip()
        if stripped:
            offset = piece_start + (len(raw) - len(raw.lstrip()))
            out.append(Sentence(stripped, offset, len(out), paragraph))

    for match in _BOUNDARY.finditer(text):
        head = text[piece_start : match.start() + 1]
        if match.group(0).startswith(".") and _NO_BREAK_BEFORE.search(head):
            continue
        emit(match.end())
        if "\n" in match.group(0):
            paragraph += 1
        piece_start = match.end()
    emit(len(text))
    return out
