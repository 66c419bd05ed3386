"""Precision and recall of the extractor, per fact kind, on the seeds, dev and held-out sets.

    python -m producers.evaluate [--gold FILE] [--devset FILE] [--heldout FILE] [--unseen FILE]
                                 [--verbose]

The untuned held-out file (``--unseen``) is reported but never fails the run: it exists to
measure text the extractor was not tuned on, and its misses are expected.

A fact *matches* a gold fact when kind, house and state agree and every field both give is
equal (parties as sets; candidate names after transliteration). Recall counts required gold
facts matched; precision counts extracted facts that match a required or optional gold fact.
A gold "forbidden" number that turns up as seats or margin counts as a wrong fact.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .articles import IST, Article, load_article, parse_published
from .corpus import CORPUS_DIR, CorpusScore, load_corpus, score_corpus
from .extraction import extract_facts
from .extraction.translit import name_similarity

__all__ = ["Case", "Score", "evaluate", "fact_dict", "load_devset", "load_gold", "main"]

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("party_tally", "alliance_tally", "seat_result")
_HOUSES = {"as": "assembly", "ls": "lok_sabha", "rs": "rajya_sabha"}


@dataclass(frozen=True, slots=True)
class Case:
    """An article with the facts a careful reader takes from it."""

    id: str
    article: Article
    required: list[dict[str, Any]]
    optional: list[dict[str, Any]] = field(default_factory=list)
    forbidden: list[int] = field(default_factory=list)
    label: str = ""


@dataclass(slots=True)
class Score:
    extracted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    required: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    forbidden_hits: int = 0
    failures: list[str] = field(default_factory=list)

    def precision(self, kind: str) -> float | None:
        n = self.extracted[kind]
        return self.correct[kind] / n if n else None

    def recall(self, kind: str) -> float | None:
        n = self.required[kind]
        return self.found[kind] / n if n else None


def fact_dict(house: str, state: str, payload: object) -> dict[str, Any]:
    """A fact flattened the way the gold file writes it."""
    body = msgspec.to_builtins(payload)
    return {"house": house, "state": state, **body}


def _same(field_name: str, got: Any, want: Any) -> bool:
    if field_name == "parties":
        return set(got) == set(want)
    if field_name in ("candidate", "runner_up"):
        return _same_person(str(got), str(want))
    return bool(got == want)


def _same_person(got: str, want: str) -> bool:
    """Same name, allowing the middle names and initials that copy drops: the gazetteer's
    "Devendra Gangadhar Fadnavis" is the "Devendra Fadnavis" of the text."""
    if name_similarity(got, want) >= 0.8:
        return True
    short, long = sorted((got.split(), want.split()), key=len)
    if len(short) < 2 and len(long) > 1:
        # ECI records some people by one name ("VINESH" for Vinesh Phogat): the first name.
        return name_similarity(short[0], long[0]) >= 0.8
    return all(any(name_similarity(s, w) >= 0.8 for w in long) for s in short)


def matches(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """True when every field both facts give agrees (see the module docstring)."""
    for key in ("kind", "house", "state"):
        if got.get(key) != want.get(key):
            return False
    return all(_same(k, got[k], v) for k, v in want.items() if k in got and got[k] is not None)


def _covers(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """The extracted fact carries every field the gold fact gives, with equal values."""
    return all(k in got and _same(k, got[k], v) for k, v in want.items())


def evaluate(cases: Iterable[Case], *, published_only: bool = False) -> Score:
    """Score the extractor's reading of ``cases``.

    With ``published_only`` a fact held for review counts as not extracted (the seeds are
    scored so). The dev and held-out sets are single sentences without an article around
    them, which by design lowers confidence (no state named, a national default): they
    score what the grammar reads, held or not, and the real corpus scores publication.
    """
    score = Score()
    for case in cases:
        facts = [
            fact_dict(f.house, f.state, f.payload)
            for f in extract_facts(case.article)
            if not (published_only and f.review)
        ]
        gold = case.required + case.optional
        for fact in facts:
            kind = fact["kind"]
            score.extracted[kind] += 1
            bad_number = fact.get("seats") in case.forbidden or fact.get("margin") in case.forbidden
            if bad_number:
                score.forbidden_hits += 1
            if not bad_number and any(matches(fact, g) for g in gold):
                score.correct[kind] += 1
            else:
                score.failures.append(f"{case.id} [{case.label}] wrong: {fact}")
        for want in case.required:
            score.required[want["kind"]] += 1
            if any(_covers(f, want) for f in facts):
                score.found[want["kind"]] += 1
            else:
                score.failures.append(f"{case.id} [{case.label}] missed: {want}")
    return score


def load_gold(path: Path, seeds: Path) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8"))["articles"]
    cases = []
    for name, entry in data.items():
        article = load_article(
            seeds / name, published=parse_published(entry["published"]), lang=entry["lang"]
        )
        cases.append(
            Case(
                id=name,
                article=article,
                required=entry["required"],
                optional=entry.get("optional", []),
                forbidden=[f["number"] for f in entry.get("forbidden", [])],
                label="seed",
            )
        )
    return cases


def _parse_fact(spec: str) -> dict[str, Any]:
    parts = spec.split()
    if parts[0] == "P":
        _, state, house, party, status, seats = parts
        return {"kind": "party_tally", "house": _HOUSES[house], "state": state, "party": party,
                "status": status, "seats": int(seats)}  # fmt: skip
    if parts[0] == "A":
        # "*" as the member list leaves the parties to the alliance gazetteer.
        _, state, house, alliance, members, status, seats = parts
        fact = {"kind": "alliance_tally", "house": _HOUSES[house], "state": state,
                "alliance": None if alliance == "-" else alliance, "parties": members.split("+"),
                "status": status, "seats": int(seats)}  # fmt: skip
        if members == "*":
            del fact["parties"]
        return fact
    if parts[0] == "S":
        # S <state> <constituency words...> <party> <status> [key=value ...]; a candidate
        # name (spaces allowed) comes last.
        first_kv = next((i for i, p in enumerate(parts) if "=" in p), len(parts))
        head, tail = parts[:first_kv], " ".join(parts[first_kv:])
        extras: dict[str, Any] = {}
        for m in re.finditer(r"(\w+)=(.*?)(?=\s+\w+=|$)", tail):
            value = m.group(2).strip()
            extras[m.group(1)] = int(value) if value.isdigit() else value
        return {"kind": "seat_result", "house": "assembly", "state": head[1],
                "constituency": " ".join(head[2:-2]), "party": head[-2], "status": head[-1],
                **extras}  # fmt: skip
    raise ValueError(f"unknown fact spec {spec!r}")


def load_devset(path: Path) -> list[Case]:
    cases = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            case_id, lang, published, label, sentence, expected = (
                p.strip() for p in line.split(" | ")
            )
            specs = [] if expected == "-" else [s.strip() for s in expected.split(";")]
            # A fact prefixed "?" is optional: correct when extracted, not missed when absent.
            required = [_parse_fact(s) for s in specs if not s.startswith("?")]
            optional = [_parse_fact(s[1:].strip()) for s in specs if s.startswith("?")]
        except ValueError as exc:
            raise ValueError(f"{path}:{lineno}: {exc}") from None
        article = Article(
            id=case_id, lang=lang, text=sentence, published=parse_published(published)
        )  # type: ignore[arg-type]
        cases.append(
            Case(id=case_id, article=article, required=required, optional=optional, label=label)
        )
    return cases


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{value * 100:5.1f}%"


def report(name: str, score: Score) -> str:
    lines = [
        f"{name}",
        f"  {'kind':<16}{'precision':>10}{'recall':>9}{'extracted':>11}{'required':>10}",
    ]
    for kind in KINDS:
        lines.append(
            f"  {kind:<16}{_pct(score.precision(kind)):>10}{_pct(score.recall(kind)):>9}"
            f"{score.extracted[kind]:>11}{score.required[kind]:>10}"
        )
    lines.append(f"  forbidden numbers extracted: {score.forbidden_hits}")
    return "\n".join(lines)


def corpus_facts(article: Article) -> list[dict[str, Any]]:
    """The extractor's facts on one article, flattened for :func:`score_corpus`."""
    on = article.published.astimezone(IST).date() if article.published else None
    return [
        {
            **fact_dict(f.house, f.state, f.payload),
            "bypoll": f.bypoll,
            "review": f.review,
            "confidence": f.confidence,
            "on": on,
        }
        for f in extract_facts(article)
    ]


def corpus_report(name: str, score: CorpusScore) -> str:
    lines = [
        name,
        f"  {'kind':<16}{'precision':>10}{'recall':>9}{'published':>11}{'held':>6}{'required':>10}",
    ]
    for kind, counts in (("tallies", score.tallies), ("seat results", score.seats)):
        lines.append(
            f"  {kind:<16}{_pct(counts.precision):>10}{_pct(counts.recall):>9}"
            f"{counts.published:>11}{counts.held:>6}{counts.required:>10}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m producers.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--gold", type=Path, default=ROOT / "data/seeds/gold.json")
    parser.add_argument("--seeds", type=Path, default=ROOT / "data/seeds")
    parser.add_argument("--devset", type=Path, default=ROOT / "data/devset/cases.txt")
    parser.add_argument("--heldout", type=Path, default=ROOT / "data/heldout/cases.txt")
    parser.add_argument("--unseen", type=Path, default=ROOT / "data/heldout/unseen.txt")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS_DIR, help="the real gold corpus (reported only)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss and wrong fact")
    args = parser.parse_args(argv)
    status = 0
    if (args.corpus / "articles" / "index.json").is_file():
        records = load_corpus(args.corpus)
        corpus_score = score_corpus(records, corpus_facts)
        print(corpus_report(f"real corpus ({args.corpus}): {len(records)} articles", corpus_score))
        if args.verbose:
            for failure in corpus_score.failures:
                print("   ", failure)
    else:
        print(f"real corpus: not found at {args.corpus}; pass --corpus DIR")
    blocks = (
        (f"gold seeds ({args.gold.name})", load_gold(args.gold, args.seeds), True),
        (f"dev set ({args.devset.name})", load_devset(args.devset), True),
        (f"held-out set ({args.heldout.name})", load_devset(args.heldout), True),
        (
            f"untuned held-out set ({args.unseen.name}; reported only)",
            load_devset(args.unseen),
            False,
        ),
    )
    for name, cases, must_pass in blocks:
        score = evaluate(cases, published_only=name.startswith("gold seeds"))
        print(report(f"{name}: {len(cases)} cases", score))
        if args.verbose:
            for failure in score.failures:
                print("   ", failure)
        if must_pass and score.failures:
            status = 1
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader went away ("| head"): stop quietly, and keep the final flush quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
