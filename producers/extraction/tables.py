"""Results tables flattened into text: "Party Won Leading Total Sikkim Democratic Front 15 0 15".

News sites embed the Election Commission's party-wise table; once the page is reduced to
text, the header and each row's numbers stand in one line. Each row gives one fact per
column, so the columns are read by their header, never guessed from position.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from .gazetteer import Mention
from .numerals import Number

__all__ = ["TableCell", "read_table"]

_COLUMN = {"won": "won", "wins": "won", "win": "won", "leading": "leading", "leads": "leading",
           "lead": "leading", "total": "total", "जीते": "won", "जीत": "won", "आगे": "leading",
           "बढ़त": "leading", "कुल": "total"}  # fmt: skip
_HEADER = re.compile(
    r"\b(?:Party|Parties|पार्टी|दल)\s+(?P<cols>(?:(?:Won|Wins?|Leading|Leads?|Total|जीते|जीत|आगे|बढ़त|कुल)"
    r"(?:\s+|$)){2,3})",
    re.I,
)


class TableCell(NamedTuple):
    """One cell: whose number, which column, the number."""

    actor: Mention
    status: str
    number: Number


def read_table(sentence: str, numbers: list[Number], actors: list[Mention]) -> list[TableCell]:
    """Every party row of a flattened results table in ``sentence``; empty when it has none."""
    header = _HEADER.search(sentence)
    if header is None:
        return []
    columns = [_COLUMN[w.lower()] for w in header.group("cols").split()]
    cells: list[TableCell] = []
    rows = [a for a in actors if a.start >= header.end() and a.kind in ("party", "alliance")]
    for i, actor in enumerate(rows):
        stop = rows[i + 1].start if i + 1 < len(rows) else len(sentence)
        row = [n for n in numbers if actor.end <= n.start < stop]
        gaps = [sentence[a.end : b.start] for a, b in itertools.pairwise(row)]
        if len(row) < len(columns) or any(g.strip() for g in gaps[: len(columns) - 1]):
            continue
        if sentence[actor.end : row[0].start].strip():
            continue  # words between the name and its numbers: not a table row
        for status, n in zip(columns, row, strict=False):
            cells.append(TableCell(actor, status, n))
    return cells
