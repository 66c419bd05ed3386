"""Who a number belongs to: parties, named blocs and alliances written as their members.

"The National Conference-Congress alliance" is one actor with parties (JKNC, INC);
"नेशनल कॉन्फ्रेंस एवं कांग्रेस का गठबंधन" likewise; "BJP-led NDA" is the NDA.
"""

from __future__ import annotations

import re

from .gazetteer import Mention, find_alliance_names, find_parties
from .grammar import Grammar

__all__ = ["find_actors"]

_HYPHEN_ONLY = re.compile(r"^\s*[-–/]\s*$|^[-–/]$")
_NUMBER_NEXT = re.compile(r"^\s*\d")
_LED = re.compile(r"^\s*-?\s*led\s+|^\s*के नेतृत्व (?:वाले|वाली|में)\s+", re.I)


def find_actors(sentence: str, grammars: tuple[Grammar, ...]) -> list[Mention]:
    """Parties and alliances in order; members of a written-out alliance become one actor."""
    named = find_alliance_names(sentence)
    parties = [p for p in find_parties(sentence) if not any(_overlaps(p, a) for a in named)]
    actors: list[Mention] = list(named)
    i = 0
    while i < len(parties):
        group = [parties[i]]
        hyphen_only = True
        while i + 1 < len(parties):
            gap = sentence[group[-1].end : parties[i + 1].start]
            if not any(g.party_joiner.match(gap) for g in grammars):
                break
            hyphen_only = hyphen_only and bool(_HYPHEN_ONLY.match(gap))
            group.append(parties[i + 1])
            i += 1
        i += 1
        tail = sentence[group[-1].end :]
        led = _LED.match(tail)
        if led and any(
            a.start >= group[-1].end and a.start - group[-1].end <= led.end() for a in named
        ):
            continue  # "BJP-led NDA": the bloc speaks for itself
        is_alliance = any(g.alliance_word.match(tail) for g in grammars)
        if len(group) >= 2 and (is_alliance or hyphen_only):
            end = group[-1].end
            for g in grammars:
                m = g.alliance_word.match(tail)
                if m:
                    end = group[-1].end + m.end()
                    break
            codes = tuple(dict.fromkeys(p.code for p in group if p.code))
            actors.append(Mention("alliance", None, group[0].start, end, codes))
        elif len(group) == 1 and is_alliance:
            # "the Congress-led alliance": a bloc known only by its leader
            actors.append(
                Mention("alliance", "?led", group[0].start, group[0].end, (group[0].code or "",))
            )
        else:
            actors.extend(group)
    return _side_by_side(sentence, sorted(actors, key=lambda m: m.start))


def _side_by_side(sentence: str, actors: list[Mention]) -> list[Mention]:
    """Two parties written side by side before a number ("भाजपा 40, सपा कांग्रेस 12",
    "SP+Congress 12") are one alliance's line; apart, the first would have no number."""
    out: list[Mention] = []
    for a in actors:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == a.kind == "party"
            and prev.code
            and a.code
            and sentence[prev.end : a.start].strip() in ("", "+")
            and _NUMBER_NEXT.match(sentence[a.end :])
        ):
            out[-1] = Mention("alliance", None, prev.start, a.end, (prev.code, a.code))
            continue
        out.append(a)
    return out


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
