"""Builds the bundled counting days from the ECI results in ``data/results``.

Two recipes:

* **recorded** (Delhi 2025, Maharashtra + Jharkhand 2024): the scraper's counting-day
  snapshots become seat feed lines (``source: feed``) at their commit times; the morning
  before the first snapshot is reconstructed as rounds leading exactly into it
  (``source: simulation``); seats the last snapshot left short of the final result get
  their final line just after it.
* **reconstructed** (Gujarat + Himachal 2022, Haryana + J&K 2024): every round of every
  seat is simulated from the real final candidate votes (``source: simulation``).

Either way every seat's last line is its official result, so a replayed day ends with
exactly the official seat totals. The seed articles are placed at counting-day moments
tied to what they report.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from producers.days.format import (
    FORMAT_VERSION,
    ArticleLine,
    Day,
    DayHeader,
    Line,
    SeatLine,
    clock_seconds,
    format_clock,
)
from producers.days.results import Election, Seat, load_election
from producers.days.rounds import partial_counts, round_clocks, standing, total_rounds
from producers.days.state import SeatKey, fold_seats

__all__ = ["DAYS", "SEEDS", "ArticleCue", "DayRecipe", "build_day", "build_seeds_day"]

_PROVENANCE = (
    "ECI results-website figures via data/results (see data/results/README.md): final "
    "candidate votes from normalized/*_candidates.csv"
)


@dataclass(frozen=True, slots=True)
class ArticleCue:
    """Where an article goes: ``delay`` seconds after the first moment ``when`` holds."""

    article: str
    contests: tuple[str, ...]
    when: Callable[[dict[SeatKey, SeatLine]], bool]
    delay: int
    fallback: str
    """Clock used if ``when`` never holds (it does for every bundled day)."""


@dataclass(frozen=True, slots=True)
class DayRecipe:
    """One bundled day: its elections, whether snapshots drive it, and its articles."""

    name: str
    date: date
    elections: tuple[str, ...]
    recorded: bool
    title: str
    articles: tuple[ArticleCue, ...] = ()


def _party_won(contest: str, party: str, seats: int) -> Callable[[dict[SeatKey, SeatLine]], bool]:
    def holds(board: dict[SeatKey, SeatLine]) -> bool:
        won = sum(
            1
            for (code, _), line in board.items()
            if code == contest and line.status == "won" and line.party == party
        )
        return won >= seats

    return holds


def _seat_won(contest: str, ac_no: int) -> Callable[[dict[SeatKey, SeatLine]], bool]:
    def holds(board: dict[SeatKey, SeatLine]) -> bool:
        line = board.get((contest, ac_no))
        return line is not None and line.status == "won"

    return holds


DAYS: dict[str, DayRecipe] = {
    recipe.name: recipe
    for recipe in (
        DayRecipe(
            name="DL-2025",
            date=date(2025, 2, 8),
            elections=("DL_2025",),
            recorded=True,
            title="Delhi assembly 2025: recorded counting day",
        ),
        DayRecipe(
            name="MH-JH-2024",
            date=date(2024, 11, 23),
            elections=("MH_2024", "JH_2024"),
            recorded=True,
            title="Maharashtra and Jharkhand assemblies 2024: recorded counting day",
        ),
        DayRecipe(
            name="GJ-HP-2022",
            date=date(2022, 12, 8),
            elections=("GJ_2022", "HP_2022"),
            recorded=False,
            title="Gujarat and Himachal Pradesh assemblies 2022: reconstructed counting day",
            articles=(
                # "हिमाचल प्रदेश ... कांग्रेस ने 22 सीटों पर जीत दर्ज कर ली है" — Congress has
                # won 22 seats in Himachal: the article goes out once that is true.
                ArticleCue(
                    article="001_57928f56173db05d",
                    contests=("GJ-assembly-2022", "HP-assembly-2022"),
                    when=_party_won("HP-assembly-2022", "INC", 22),
                    delay=5 * 60,
                    fallback="14:30:00",
                ),
            ),
        ),
        DayRecipe(
            name="HR-JK-2024",
            date=date(2024, 10, 8),
            elections=("HR_2024", "JK_2024"),
            recorded=False,
            title="Haryana and Jammu & Kashmir assemblies 2024: reconstructed counting day",
            articles=(
                # Both report AAP's Mehraj Malik winning Doda (AC 52) "after the scheduled
                # 13 rounds of counting": they follow the seat's declaration.
                ArticleCue(
                    article="000_34f894e9e395c5b1",
                    contests=("JK-assembly-2024", "HR-assembly-2024"),
                    when=_seat_won("JK-assembly-2024", 52),
                    delay=15 * 60,
                    fallback="14:00:00",
                ),
                ArticleCue(
                    article="002_f128998d87634a34",
                    contests=("JK-assembly-2024",),
                    when=_seat_won("JK-assembly-2024", 52),
                    delay=40 * 60,
                    fallback="14:30:00",
                ),
            ),
        ),
    )
}


def build_day(recipe: DayRecipe, results_dir: Path) -> Day:
    """The full, validated-by-construction counting day of ``recipe``."""
    elections = [load_election(results_dir, key) for key in recipe.elections]
    seat_lines: list[SeatLine] = []
    for election in elections:
        for ac_no in sorted(election.final):
            rng = random.Random(f"{recipe.name}:{election.contest}:{ac_no}")
            if recipe.recorded:
                seat_lines.extend(_recorded_seat(election, ac_no, rng))
            else:
                seat_lines.extend(_reconstructed_seat(election, ac_no, rng))
    seat_lines.sort(key=lambda line: (line.at, line.contest, line.ac_no, line.round))
    lines = _with_articles(seat_lines, recipe.articles)
    sources = (
        "; counting-day snapshots from counting_day_snapshots/ (source feed), the morning "
        "before the first snapshot reconstructed (source simulation)"
        if recipe.recorded
        else "; every round simulated from the final votes with a fixed seed (source simulation)"
    )
    header = DayHeader(
        format=FORMAT_VERSION,
        name=recipe.name,
        date=recipe.date,
        contests=[election.contest for election in elections],
        title=recipe.title,
        provenance=_PROVENANCE + sources,
    )
    return Day(header=header, lines=tuple(lines))


def _seat_line(
    election: Election,
    seat: Seat,
    *,
    at: int,
    source: str,
    round_no: int,
    rounds: int,
    final: bool,
) -> SeatLine | None:
    lead = standing(seat.candidates)
    if lead is None:
        return None
    return SeatLine(
        at=format_clock(at),
        contest=election.contest,
        source=source,  # type: ignore[arg-type]
        ac_no=seat.ac_no,
        constituency=seat.name,
        candidate=lead.candidate,
        party=lead.party,
        votes=lead.votes,
        margin=lead.margin,
        round=round_no,
        total_rounds=rounds,
        status="won" if final else "leading",
        runner_up=lead.runner_up,
        runner_up_party=lead.runner_up_party,
    )


def _reconstructed_seat(election: Election, ac_no: int, rng: random.Random) -> Iterable[SeatLine]:
    final = election.final[ac_no]
    rounds = total_rounds(final.votes)
    counts = partial_counts(final, rounds, rng)
    clocks = round_clocks(rounds, rng)
    for round_no, (candidates, at) in enumerate(zip(counts, clocks, strict=True)):
        line = _seat_line(
            election,
            Seat(ac_no=ac_no, name=final.name, candidates=candidates),
            at=at,
            source="simulation",
            round_no=round_no,
            rounds=rounds,
            final=round_no == rounds,
        )
        if line is not None:
            yield line


def _recorded_seat(election: Election, ac_no: int, rng: random.Random) -> Iterable[SeatLine]:
    """Reconstructed morning, then the snapshots that changed the seat, then the final."""
    final = election.final[ac_no]
    rounds = total_rounds(final.votes)
    total_final = final.votes
    previous: Seat | None = None
    round_no = 0
    last_clock = 0
    declared = False
    for index, snapshot in enumerate(election.snapshots):
        seat = snapshot.seats[ac_no]
        clock = _clock_of(snapshot.taken.hour, snapshot.taken.minute, snapshot.taken.second)
        is_final = _same_counts(seat, final)
        if is_final:
            round_no = rounds
        else:
            estimate = round(rounds * seat.votes / total_final)
            round_no = max(round_no, min(rounds - 1, max(1, estimate)))
        if index == 0:
            yield from _morning(election, seat, round_no, rounds, clock, rng)
        if previous is None or not _same_counts(seat, previous):
            line = _seat_line(
                election,
                seat,
                at=clock,
                source="feed",
                round_no=round_no,
                rounds=rounds,
                final=is_final,
            )
            if line is not None:
                yield line
        previous, last_clock, declared = seat, clock, is_final
        if declared:
            break
    if not declared:
        line = _seat_line(
            election,
            final,
            at=last_clock + rng.randint(5 * 60, 25 * 60),
            source="feed",
            round_no=rounds,
            rounds=rounds,
            final=True,
        )
        if line is not None:
            yield line


def _morning(
    election: Election,
    first: Seat,
    first_round: int,
    rounds: int,
    deadline: int,
    rng: random.Random,
) -> Iterable[SeatLine]:
    """Rounds 0..``first_round - 1`` before the first snapshot, ending exactly in it."""
    counts = partial_counts(first, first_round, rng)[:first_round]
    clocks = round_clocks(first_round - 1, rng, before=deadline)
    for round_no, (candidates, at) in enumerate(zip(counts, clocks, strict=True)):
        line = _seat_line(
            election,
            Seat(ac_no=first.ac_no, name=first.name, candidates=candidates),
            at=at,
            source="simulation",
            round_no=round_no,
            rounds=rounds,
            final=False,
        )
        if line is not None:
            yield line


def _same_counts(one: Seat, other: Seat) -> bool:
    """Equal votes for every candidate, whatever order the source listed them in."""

    def key(seat: Seat) -> list[tuple[str, str, int]]:
        return sorted((c.name, c.party, c.votes) for c in seat.candidates)

    return key(one) == key(other)


def _clock_of(hour: int, minute: int, second: int) -> int:
    return hour * 3600 + minute * 60 + second


def _with_articles(seat_lines: list[SeatLine], cues: tuple[ArticleCue, ...]) -> list[Line]:
    """Merge the article lines into the seat lines at the moments their cues name."""
    placed: list[ArticleLine] = []
    for cue in cues:
        at = cue.fallback
        for clock, board in fold_seats(seat_lines):
            if cue.when(board):
                at = format_clock(clock_seconds(clock) + cue.delay)
                break
        placed.append(ArticleLine(at=at, article=cue.article, contests=list(cue.contests)))
    merged: list[Line] = [*seat_lines, *placed]
    # Stable sort: an article lands after the seat lines of the same second.
    merged.sort(key=lambda line: line.at)
    return merged


SEEDS = "seeds"
"""The day of the seed articles (``data/seeds``), one a minute, each at its own time."""


def build_seeds_day(seeds_dir: Path) -> Day:
    """Every seed article, a minute apart from 08:00, keeping its own publication time.

    The seeds come from different elections and days, so their lines are not re-timed to
    the day's clock; the header date is only the replay's schedule.
    """
    names = sorted(path.stem for path in seeds_dir.glob("*.txt"))
    lines = [
        ArticleLine(at=format_clock(8 * 3600 + 60 * index), article=name, retime=False)
        for index, name in enumerate(names)
    ]
    header = DayHeader(
        format=FORMAT_VERSION,
        name=SEEDS,
        date=date(2024, 10, 8),
        contests=[],
        title="The seed articles, each at its own publication time",
        provenance="data/seeds (real articles; see data/seeds/gold.json for what they report)",
    )
    return Day(header=header, lines=tuple(lines))
