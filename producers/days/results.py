"""Reads the bundled ECI results in ``data/results`` into candidate vote counts per seat.

Two kinds of input: the final results (``normalized/<EL>_candidates.csv``) and, for the
recorded days, the snapshots the scraper took during counting day
(``counting_day_snapshots/<EL>_counting_day_snapshots.csv``). ``<EL>`` is an election key
such as ``MH_2024``; its state part is the ISO code the tracker uses.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tally.reference import parties

__all__ = [
    "NOTA",
    "Candidate",
    "Election",
    "Seat",
    "Snapshot",
    "load_election",
    "party_codes",
    "seats_of",
    "with_codes",
]

NOTA = "NOTA"
"""Party code of "None of the Above": counted in the votes, never a leader."""

OTHERS = "OTH"
"""Party code for a party with no ECI abbreviation in the data or the reference."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One line of a constituency's count: a candidate (or NOTA) and their votes so far."""

    name: str
    party: str
    evm: int
    postal: int

    @property
    def votes(self) -> int:
        return self.evm + self.postal


@dataclass(frozen=True, slots=True)
class Seat:
    """One assembly constituency with its candidates' counts."""

    ac_no: int
    name: str
    candidates: tuple[Candidate, ...]

    @property
    def votes(self) -> int:
        """Votes polled, NOTA included: the size that sets the number of counting rounds."""
        return sum(candidate.votes for candidate in self.candidates)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every seat's counts as the scraper saw them at one moment of counting day."""

    taken: datetime
    seats: dict[int, Seat]


@dataclass(frozen=True, slots=True)
class Election:
    """An election's final results and (possibly no) counting-day snapshots."""

    key: str
    state: str
    year: int
    final: dict[int, Seat]
    snapshots: tuple[Snapshot, ...]

    @property
    def contest(self) -> str:
        return f"{self.state}-assembly-{self.year}"


def load_election(results_dir: Path, key: str) -> Election:
    """Load ``key`` (e.g. ``"MH_2024"``) from a copy of ``data/results``."""
    state, year = key.split("_")
    final_rows = _rows(results_dir / "normalized" / f"{key}_candidates.csv")
    codes = party_codes(final_rows)
    final = seats_of(final_rows)
    names = {ac_no: seat.name for ac_no, seat in final.items()}
    snapshot_file = results_dir / "counting_day_snapshots" / f"{key}_counting_day_snapshots.csv"
    snapshots: list[Snapshot] = []
    if snapshot_file.exists():
        by_time: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(snapshot_file):
            by_time[row["snapshot_commit_time_ist"]].append(row)
        for taken, rows in sorted(by_time.items()):
            seats = seats_of(rows, names)
            snapshots.append(
                Snapshot(taken=datetime.strptime(taken, "%Y-%m-%d %H:%M:%S %z"), seats=seats)
            )
    coded_final = {ac: with_codes(seat, codes) for ac, seat in final.items()}
    coded_snapshots = tuple(
        Snapshot(
            taken=snap.taken,
            seats={ac: with_codes(seat, codes) for ac, seat in snap.seats.items()},
        )
        for snap in snapshots
    )
    return Election(
        key=key, state=state, year=int(year), final=coded_final, snapshots=coded_snapshots
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def party_codes(rows: list[dict[str, str]]) -> dict[str, str]:
    """Full ECI party name -> abbreviation, from the data first, then the reference aliases."""
    codes = {
        alias.casefold(): info.code
        for info in parties().values()
        for alias in (info.name, *info.aliases)
    }
    codes["none of the above"] = NOTA
    codes["independent"] = "IND"
    for row in rows:
        if row.get("party_abbr"):
            codes[row["party"].casefold()] = row["party_abbr"]
    return codes


def seats_of(
    rows: Iterable[dict[str, str]], names: dict[int, str] | None = None
) -> dict[int, Seat]:
    """Group candidate rows into seats, keeping ballot order; ``names`` overrides AC names."""
    grouped: dict[int, tuple[str, list[Candidate]]] = {}
    for row in rows:
        ac_no = int(row["ac_no"])
        name = names[ac_no] if names else row.get("ac_name") or row["ac_name_as_scraped"]
        candidate = Candidate(
            name=row["candidate"],
            party=row["party"],
            evm=int(row["evm_votes"]),
            postal=int(row["postal_votes"]),
        )
        grouped.setdefault(ac_no, (name, []))[1].append(candidate)
    return {
        ac_no: Seat(ac_no=ac_no, name=name, candidates=tuple(candidates))
        for ac_no, (name, candidates) in sorted(grouped.items())
    }


def with_codes(seat: Seat, codes: dict[str, str]) -> Seat:
    """Replace full party names by their codes (namesake candidates are common, so by row)."""

    def code(candidate: Candidate) -> str:
        if candidate.name == NOTA:
            return NOTA
        return codes.get(candidate.party.casefold(), OTHERS)

    return Seat(
        ac_no=seat.ac_no,
        name=seat.name,
        candidates=tuple(
            Candidate(name=c.name, party=code(c), evm=c.evm, postal=c.postal)
            for c in seat.candidates
        ),
    )
