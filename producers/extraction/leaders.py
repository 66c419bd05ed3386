"""Leaders that counting-day copy names without their party ("Narendra Modi retained his
Varanasi constituency"), from ``data/leaders.json``: the party each stood for on a given day.

The seat-result reader asks only when no candidate in the sentence has a stated party, so a
leader who merely comments on someone else's win never becomes its subject.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tally.reference import parties

from .gazetteer import Mention

__all__ = ["LeaderMention", "find_leaders", "with_factions"]

_DATA = Path(__file__).with_name("data") / "leaders.json"


@dataclass(frozen=True, slots=True)
class LeaderMention:
    name: str
    party: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Leader:
    name: str
    parties: tuple[tuple[str, date | None], ...]
    """``(party, last day)`` in order; the last entry has no last day."""

    def party_on(self, day: date | None) -> str:
        if day is not None:
            for party, until in self.parties:
                if until is None or day <= until:
                    return party
        return self.parties[-1][0]


@cache
def _index() -> tuple[re.Pattern[str], dict[str, _Leader]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    by_alias: dict[str, _Leader] = {}
    for entry in data["leaders"]:
        leader = _Leader(
            entry["name"],
            tuple(
                (p["party"], date.fromisoformat(p["until"]) if p.get("until") else None)
                for p in entry["parties"]
            ),
        )
        for alias in (*entry["aliases"], *entry.get("aliases_hi", ())):
            by_alias[alias] = leader
    # longest first, so "Priyanka Gandhi Vadra" wins over "Priyanka Gandhi"
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w\u0900-\u097f])(?:{alternation})(?![\w\u0900-\u097f])")
    return pattern, by_alias


def find_leaders(text: str, day: date | None) -> list[LeaderMention]:
    """Every listed leader named in ``text``, with the party they stood for on ``day``."""
    pattern, by_alias = _index()
    return [
        LeaderMention(by_alias[m.group(0)].name, by_alias[m.group(0)].party_on(day), *m.span())
        for m in pattern.finditer(text)
    ]


# "<party>, led by <the split's leader>", "<party> – <leader> faction"
_LED_BY = re.compile(r"^\s*,?\s*(?:led|headed)\s+by\s+$|^\s*(?P<dash>[–—-])\s*$")
_FACTION_AFTER = re.compile(r"^\s*(?:faction|camp|group)\b", re.I)


def with_factions(text: str, actors: list[Mention], day: date | None) -> list[Mention]:
    """Read a party named with the leader of one of its splits as that split: "Shiv Sena, led
    by Uddhav Thackeray" in 2024 is the SS(UBT), which split from the Shiv Sena
    (``until_formed`` in ``parties.json``). A leader of the party itself changes nothing."""
    leaders = find_leaders(text, day)
    out = []
    for a in actors:
        code = a.code
        for leader in leaders:
            joined = _LED_BY.match(text[a.end : leader.start]) if leader.start >= a.end else None
            if joined is None:
                continue
            if joined.group("dash") and not _FACTION_AFTER.match(text[leader.end :]):
                continue  # "BJP – Narendra Modi" is no faction; "NCP – Sharad Pawar faction" is
            info = parties().get(leader.party)
            if a.kind == "party" and info is not None and info.until_formed == a.code:
                code = leader.party
            break
        out.append(a if code == a.code else Mention(a.kind, code, a.start, a.end, a.parties))
    return out
