"""Pieces of a sentence read as sentences of their own: list items that share one verb.

"अ से सपा के क, ब से भाजपा के ख और स से रालोद की ग ने जीत दर्ज की" names three winners (क, ख,
ग at seats अ, ब, स) and one verb. Read whole,
the sentence gives one result; read as items, each with the shared verb phrase ("ने जीत दर्ज की
है") after it, it gives four. Each item is a view of the sentence: a piece of it followed by
the verb phrase, with a map back to the sentence's own offsets, so every span still points
into the text the reader saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .gazetteer import Mention
from .numerals import Number

__all__ = ["SentenceView", "list_items", "rest_of"]

# The Hindi agent marker before the verb phrase all items share.
_SHARED_VERB_HI = re.compile(r"\s+ने\s+(?=\S)")
_ITEM_BREAK_HI = re.compile(r"\s*,\s*|\s+और\s+|\s+तथा\s+")
_SEAT_MARK_HI = re.compile(r"(?<![\u0900-\u097f])(?:से|पर)\s")


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A piece of a sentence read as a sentence of its own: ``text`` is ``[start, end)``
    followed by the sentence from ``tail`` on (a list item and its shared verb phrase; or,
    with ``tail`` at the end, just the piece)."""

    text: str
    start: int
    end: int
    tail: int
    """Where the shared verb phrase starts in the sentence."""

    def to_sentence(self, pos: int) -> int:
        """The sentence offset of ``pos`` in :attr:`text`."""
        width = self.end - self.start
        return self.start + pos if pos < width else self.tail + (pos - width)

    def to_item(self, pos: int) -> int | None:
        """The :attr:`text` offset of sentence offset ``pos``, or None outside the item."""
        if self.start <= pos < self.end:
            return pos - self.start
        if pos >= self.tail:
            return (self.end - self.start) + (pos - self.tail)
        return None

    def numbers(self, numbers: list[Number]) -> list[Number]:
        return [
            replace(n, start=s, end=s + (n.end - n.start))
            for n in numbers
            if (s := self.to_item(n.start)) is not None
        ]

    def actors(self, actors: list[Mention]) -> list[Mention]:
        return [
            replace(a, start=s, end=s + (a.end - a.start))
            for a in actors
            if (s := self.to_item(a.start)) is not None
        ]


def rest_of(sentence: str, start: int) -> SentenceView:
    """The sentence from ``start`` to its end, as a view."""
    return SentenceView(sentence[start:], start, len(sentence), len(sentence))


def list_items(sentence: str) -> list[SentenceView]:
    """The items of a Hindi list of results sharing one "... ने <verb>" phrase; [] if the
    sentence is not such a list (fewer than two items that each name a seat)."""
    verbs = list(_SHARED_VERB_HI.finditer(sentence))
    if len(verbs) != 1:
        return []
    tail = verbs[0].start()
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _ITEM_BREAK_HI.finditer(sentence, 0, tail):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, tail))
    items = [(s, e) for s, e in pieces if _SEAT_MARK_HI.search(sentence, s, e)]
    if len(items) < 2:
        return []
    return [SentenceView(sentence[s:e] + sentence[tail:], s, e, tail) for s, e in items]
