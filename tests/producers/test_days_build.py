"""The bundled counting days: current, official at the end, and counted in ECI's rhythm."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from producers.days.build import DAYS, SEEDS, build_day, build_seeds_day
from producers.days.catalogue import DAYS_DIR, RESULTS_DIR, SEEDS_DIR, bundled, resolve
from producers.days.format import ArticleLine, Day, SeatLine, clock_seconds, dump_day, read_day
from producers.days.rounds import total_rounds
from producers.days.state import party_counts, seats_at

RECORDED = {"DL-2025": ("DL_2025",), "MH-JH-2024": ("MH_2024", "JH_2024")}
RECONSTRUCTED = {"GJ-HP-2022": ("GJ_2022", "HP_2022"), "HR-JK-2024": ("HR_2024", "JK_2024")}
ELECTIONS = {**RECORDED, **RECONSTRUCTED}


@cache
def day(name: str) -> Day:
    return read_day(DAYS_DIR / f"{name}.jsonl")


def contest(key: str) -> str:
    state, year = key.split("_")
    return f"{state}-assembly-{year}"


def summary_rows(key: str) -> list[dict[str, str]]:
    with (RESULTS_DIR / "normalized" / f"{key}_summary.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seat_lines(name: str) -> dict[tuple[str, int], list[SeatLine]]:
    by_seat: dict[tuple[str, int], list[SeatLine]] = defaultdict(list)
    for line in day(name).lines:
        if isinstance(line, SeatLine):
            by_seat[(line.contest, line.ac_no)].append(line)
    return by_seat


def test_the_four_counting_days_and_the_seeds_are_bundled() -> None:
    assert set(bundled()) == {*ELECTIONS, SEEDS} and set(DAYS) == set(ELECTIONS)


def test_the_seeds_day_is_what_the_builder_makes_and_names_every_seed() -> None:
    built = build_seeds_day(SEEDS_DIR)
    assert dump_day(built) == (DAYS_DIR / "seeds.jsonl").read_bytes()
    seeds = {path.stem for path in SEEDS_DIR.glob("*.txt")}
    assert len(seeds) == 5
    assert {line.article for line in built.lines if isinstance(line, ArticleLine)} == seeds
    assert all(isinstance(line, ArticleLine) and not line.retime for line in built.lines)


@pytest.mark.parametrize("name", sorted(DAYS))
def test_bundled_files_are_what_the_builder_makes(name: str) -> None:
    """The committed file is current and the build is deterministic (fixed seed)."""
    built = build_day(DAYS[name], RESULTS_DIR)
    assert dump_day(built) == (DAYS_DIR / f"{name}.jsonl").read_bytes()


@pytest.mark.parametrize("name", sorted(ELECTIONS))
def test_every_seat_ends_at_its_official_result(name: str) -> None:
    final = seats_at(day(name))
    for key in ELECTIONS[name]:
        rows = summary_rows(key)
        assert len([k for k in final if k[0] == contest(key)]) == len(rows)
        for row in rows:
            line = final[(contest(key), int(row["ac_no"]))]
            assert (line.candidate, line.party, line.votes, line.margin) == (
                row["winner"],
                row["winner_party_abbr"],
                int(row["winner_votes"]),
                int(row["margin"]),
            )
            assert (line.runner_up, line.status) == (row["runner_up"], "won")
            assert line.round == line.total_rounds


@pytest.mark.parametrize("name", sorted(ELECTIONS))
def test_party_seat_totals_equal_the_official_ones(name: str) -> None:
    official = json.loads((RESULTS_DIR / "normalized" / "party_seat_totals.json").read_text())
    counts = party_counts(seats_at(day(name)))
    for key in ELECTIONS[name]:
        board = counts[contest(key)]
        assert {party: c.won for party, c in board.items()} == official[key]["seats_won"]
        assert all(c.leading == 0 for c in board.values())


def test_maharashtra_ends_with_the_numbers_readers_know() -> None:
    board = party_counts(seats_at(day("MH-JH-2024")))["MH-assembly-2024"]
    assert (board["BJP"].won, board["SHS"].won, board["NCP"].won) == (132, 57, 41)


@pytest.mark.parametrize("name", sorted(ELECTIONS))
def test_rounds_only_move_forward_and_postal_ballots_come_first(name: str) -> None:
    for lines in seat_lines(name).values():
        rounds = [line.round for line in lines]
        assert rounds == sorted(rounds)
        assert [line.at for line in lines] == sorted(line.at for line in lines)
        assert lines[-1].status == "won" and all(ln.status == "leading" for ln in lines[:-1])
        first = lines[0]
        assert first.at >= "08:00:00"
        if first.round == 0:
            # Round 0 is the postal ballots, counted from 08:00 before the EVMs at 08:30.
            assert first.at < "08:45:00"
            assert all(ln.at >= "08:30:00" for ln in lines[1:])


@pytest.mark.parametrize("name", sorted(RECONSTRUCTED))
def test_reconstructed_days_count_every_round_by_simulation(name: str) -> None:
    for lines in seat_lines(name).values():
        assert {line.source for line in lines} == {"simulation"}
        assert [line.round for line in lines] == list(
            range(lines[0].round, lines[0].total_rounds + 1)
        )


def snapshot_times(key: str) -> list[str]:
    path = RESULTS_DIR / "counting_day_snapshots" / "snapshots_index.csv"
    with path.open(encoding="utf-8") as handle:
        stamps = [
            row["commit_time_ist"] for row in csv.DictReader(handle) if row["election"] == key
        ]
    return sorted(datetime.strptime(s, "%Y-%m-%d %H:%M:%S %z").strftime("%H:%M:%S") for s in stamps)


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_recorded_days_are_simulation_before_the_first_snapshot_and_feed_after(name: str) -> None:
    for key in RECORDED[name]:
        first = snapshot_times(key)[0]
        lines = [
            ln for ln in day(name).lines if isinstance(ln, SeatLine) and ln.contest == contest(key)
        ]
        assert all(ln.source == "simulation" for ln in lines if ln.at < first)
        assert all(ln.source == "feed" for ln in lines if ln.at >= first)
        feed_times = {ln.at for ln in lines if ln.source == "feed"}
        last = snapshot_times(key)[-1]
        # Feed lines sit at snapshot times, bar a final result filed just after the last one.
        assert {t for t in feed_times if t <= last} <= set(snapshot_times(key))


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_the_morning_leads_exactly_into_the_first_snapshot(name: str) -> None:
    """Each seat's first feed line carries the first snapshot's leader and votes."""
    for key in RECORDED[name]:
        path = RESULTS_DIR / "counting_day_snapshots" / f"{key}_counting_day_snapshots.csv"
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        first = min(row["snapshot_commit_time_ist"] for row in rows)
        votes: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for row in rows:
            if row["snapshot_commit_time_ist"] == first and row["candidate"] != "NOTA":
                votes[int(row["ac_no"])].append((int(row["total_votes"]), row["candidate"]))
        for (code, ac_no), lines in seat_lines(name).items():
            if code != contest(key):
                continue
            feed = next(ln for ln in lines if ln.source == "feed")
            ranked = sorted(votes[ac_no], reverse=True)
            assert (feed.votes, feed.margin) == (ranked[0][0], ranked[0][0] - ranked[1][0])
            morning = [ln for ln in lines if ln.source == "simulation"]
            assert morning and morning[-1].round < feed.round


def test_rounds_follow_the_size_of_the_seat() -> None:
    sizes = [20_000, 70_000, 150_000, 250_000, 400_000]
    rounds = [total_rounds(size) for size in sizes]
    assert rounds == sorted(rounds) and rounds[0] >= 6 and rounds[-1] <= 40
    doda = seat_lines("HR-JK-2024")[("JK-assembly-2024", 52)]
    assert doda[-1].total_rounds == 13  # "after the scheduled 13 rounds of counting"


def test_articles_follow_what_they_report() -> None:
    gj_hp = day("GJ-HP-2022")
    placed = {
        ln.article: ln.at
        for d in ("GJ-HP-2022", "HR-JK-2024")
        for ln in day(d).lines
        if not isinstance(ln, SeatLine)
    }
    assert set(placed) == {"001_57928f56173db05d", "000_34f894e9e395c5b1", "002_f128998d87634a34"}
    # Himachal: "कांग्रेस ने 22 सीटों पर जीत दर्ज कर ली है" (Congress has won 22 seats).
    hp = party_counts(seats_at(gj_hp, until=placed["001_57928f56173db05d"]))["HP-assembly-2022"]
    assert hp["INC"].won >= 22
    # J&K: both articles report Doda (AC 52) won by AAP's Mehraj Malik.
    doda_won = seat_lines("HR-JK-2024")[("JK-assembly-2024", 52)][-1]
    assert doda_won.party == "AAP" and doda_won.candidate == "MEHRAJ MALIK"
    for ref in ("000_34f894e9e395c5b1", "002_f128998d87634a34"):
        assert clock_seconds(placed[ref]) > clock_seconds(doda_won.at)


@pytest.mark.parametrize(("alias", "name"), [("MH-2024", "MH-JH-2024"), ("jk-2024", "HR-JK-2024")])
def test_a_contest_names_its_bundled_day(alias: str, name: str) -> None:
    assert resolve(alias) == DAYS_DIR / f"{name}.jsonl"


def test_an_unknown_day_names_the_bundled_ones(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="DL-2025"):
        resolve(str(tmp_path / "nothing.jsonl"))
