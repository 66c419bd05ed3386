"""Score the extractor on the real gold-annotated corpus in ``../shared/corpus``.

The corpus is read where it lies (its texts are never copied into the repository) and
scored by the matching rules of its README:

- a *tally* matches when state, status and seats agree and the party is the same ECI code
  (gold's "Others", "NC", "PDP", "Congress" read as OTH, JKNC, JKPDP, INC) or, for an
  alliance, the same label or the same set of member parties ("JKNC+INC");
- a *seat result* matches when state and status agree, the party agrees where gold has one,
  the constituency or the candidate agrees (lower-cased, without spaces, punctuation and
  "(SC)"/"(ST)"), and the margin agrees where both give one;
- where gold names a house (or a by-election), the fact's contest must agree.

Recall counts required gold facts; precision counts every *published* fact (a fact held
for review is neither right nor wrong: it is a question to an editor).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tally.reference import alliances_for, states

from .articles import Article, parse_published

__all__ = [
    "CORPUS_DIR",
    "CorpusArticle",
    "CorpusScore",
    "load_corpus",
    "load_record",
    "score_corpus",
]

CORPUS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
"""Where a checkout finds the corpus: ``shared/`` beside the project root."""

_GOLD_PARTY = {"OTHERS": "OTH", "NC": "JKNC", "PDP": "JKPDP", "CONGRESS": "INC"}
_TALLY_OPTIONAL = ("ambiguous", "approx", "implied")


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One corpus record: the article and its gold facts."""

    id: str
    article: Article
    tallies: list[dict[str, Any]]
    seats: list[dict[str, Any]]


@dataclass(slots=True)
class KindScore:
    published: int = 0
    correct: int = 0
    required: int = 0
    found: int = 0
    held: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.published if self.published else None

    @property
    def recall(self) -> float | None:
        return self.found / self.required if self.required else None


@dataclass(slots=True)
class CorpusScore:
    """Per-kind counts over the corpus and the list of misses and wrong facts."""

    tallies: KindScore = field(default_factory=KindScore)
    seats: KindScore = field(default_factory=KindScore)
    failures: list[str] = field(default_factory=list)


def load_record(article_id: str, directory: Path = CORPUS_DIR) -> CorpusArticle:
    """One corpus article by its id.

    Raises:
        FileNotFoundError: no such article in the corpus.
    """
    path = directory / "articles" / f"{article_id}.json"
    return _record(json.loads(path.read_text(encoding="utf-8")))


def _record(record: dict[str, Any]) -> CorpusArticle:
    article = Article(
        id=record["id"],
        lang=record["lang"],
        text=record["text"],
        published=parse_published(record.get("published")),
        url=record.get("url"),
    )
    gold = record["gold"]
    return CorpusArticle(record["id"], article, gold["tallies"], gold["seats"])


def load_corpus(directory: Path = CORPUS_DIR) -> list[CorpusArticle]:
    """Every article listed in the corpus index, in index order.

    Raises:
        FileNotFoundError: the directory has no ``articles/index.json``.
    """
    index = directory / "articles" / "index.json"
    out = []
    for entry in json.loads(index.read_text(encoding="utf-8")):
        path = directory / "articles" / entry["file"]
        out.append(_record(json.loads(path.read_text(encoding="utf-8"))))
    return out


@cache
def _state_codes() -> dict[str, str]:
    names: dict[str, str] = {"india": "IN"}
    for info in states().values():
        for name in (info.code, info.name, *info.aliases):
            names[_key(name)] = info.code
    return names


def state_code(name: str | None) -> str | None:
    """ISO code of a gold state name ("Jammu and Kashmir" -> "JK"); None for a gold fact
    that names no state, which no fact matches."""
    return _state_codes().get(_key(name)) if name else None


def _key(text: str) -> str:
    """Lower-cased, without spaces, punctuation and a reserved-seat suffix."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"\((?:sc|st)\)", "", text)
    return "".join(ch for ch in text if ch.isalnum())


def _gold_party(code: str) -> str:
    return _GOLD_PARTY.get(code.upper(), code.upper())


def _house_ok(fact: dict[str, Any], gold: dict[str, Any]) -> bool:
    house = gold.get("house")
    if house is None and "Lok Sabha" in gold.get("election", ""):
        house = "lok_sabha"
    if house is not None and fact["house"] != house:
        return False
    return bool(fact.get("bypoll", False)) == bool(gold.get("bypoll", False))


def _alliance_members(fact: dict[str, Any]) -> set[str]:
    members = set(fact.get("parties") or ())
    if not members and fact.get("alliance") and fact.get("on"):
        info = alliances_for(fact["state"], fact["on"]).get(fact["alliance"])
        members = set(info.parties) if info else set()
    return members


def tally_matches(fact: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A party or alliance tally against one gold tally (see the module docstring)."""
    if state_code(gold["state"]) != fact["state"] or not _house_ok(fact, gold):
        return False
    if fact["status"] != gold["status"] or fact["seats"] != gold["seats"]:
        return False
    label = gold["party"]
    if fact["kind"] == "party_tally":
        return gold.get("level") != "alliance" and fact["party"] == _gold_party(label)
    if fact.get("alliance") and _key(fact["alliance"]) == _key(label):
        return True
    parts = {_gold_party(p) for p in label.split("+") if p}
    if len(parts) == 1 and fact.get("on"):
        # A bloc's label ("Mahagathbandhan") stands for its members on the day.
        known = {
            _key(code): info for code, info in alliances_for(fact["state"], fact["on"]).items()
        }
        info = known.get(_key(label))
        parts = set(info.parties) if info else parts
    return len(parts) > 1 and parts == _alliance_members(fact)


def seat_matches(fact: dict[str, Any], gold: dict[str, Any]) -> bool:
    """A seat result against one gold seat fact (see the module docstring)."""
    if state_code(gold["state"]) != fact["state"] or not _house_ok(fact, gold):
        return False
    if fact["status"] != gold["status"]:
        return False
    if gold.get("party") and fact.get("party") != _gold_party(gold["party"]):
        return False
    same_seat = bool(gold.get("constituency")) and _key(gold["constituency"]) == _key(
        fact.get("constituency") or ""
    )
    same_person = bool(gold.get("candidate")) and _key(gold["candidate"]) == _key(
        fact.get("candidate") or ""
    )
    if not (same_seat or same_person):
        return False
    return gold.get("margin") is None or fact.get("margin") in (None, gold["margin"])


def tally_required(gold: dict[str, Any]) -> bool:
    return not any(gold.get(k) for k in _TALLY_OPTIONAL)


def seat_required(gold: dict[str, Any]) -> bool:
    return (
        gold["status"] in ("won", "leading")
        and not gold.get("margin_derived")
        and bool(gold.get("constituency"))
    )


def score_corpus(records: Iterable[CorpusArticle], facts_of: Any) -> CorpusScore:
    """Score ``facts_of(article) -> [fact dict]`` on the corpus.

    Each fact dict carries ``kind``, ``house``, ``state``, ``bypoll``, ``review`` and the
    payload's fields.
    """
    score = CorpusScore()
    for record in records:
        facts = list(facts_of(record.article))
        for kind, gold_list, matcher, required, counts in _kinds(record, score):
            mine = [f for f in facts if f["kind"] in kind]
            for fact in mine:
                if fact.get("review"):
                    counts.held += 1
                    continue
                if kind == ("seat_result",) and fact["status"] not in ("won", "leading"):
                    continue
                counts.published += 1
                if any(matcher(fact, g) for g in gold_list):
                    counts.correct += 1
                else:
                    score.failures.append(f"{record.id} wrong: {_show(fact)}")
            published = [f for f in mine if not f.get("review")]
            for gold in gold_list:
                if not required(gold):
                    continue
                counts.required += 1
                if any(matcher(f, gold) for f in published):
                    counts.found += 1
                else:
                    score.failures.append(f"{record.id} missed: {_show(gold)}")
    return score


def _kinds(record: CorpusArticle, score: CorpusScore) -> Iterator[tuple[Any, ...]]:
    yield (
        ("party_tally", "alliance_tally"),
        record.tallies,
        tally_matches,
        tally_required,
        score.tallies,
    )
    yield ("seat_result",), record.seats, seat_matches, seat_required, score.seats


def _show(fact: dict[str, Any]) -> str:
    hidden = {"as_written", "on", "sentence"}
    return json.dumps({k: v for k, v in fact.items() if k not in hidden}, ensure_ascii=False)
