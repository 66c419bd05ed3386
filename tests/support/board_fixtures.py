"""The shared board fixtures: events in, boards, seats, change log and corrections out.

Each file in ``tests/fixtures/boards`` is one case: batches of tally events (each with the
Kafka offset its script call carries) and what the reference rules (``streams/state_log.py``)
say they leave. The Python reference, ``upsert.lua`` on real Redis, ``web/state_model.py`` and
the dashboard's reducer in Chromium are all checked against the same files, so no copy of a
rule can drift. ``python -m tests.support.board_fixtures`` rewrites the files from the cases
below; a rule change then shows up as a diff to review.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from streams.counting import IST, update_for
from streams.state_log import StateLog
from tally.changes import decode_board, decode_seat
from tally.events import (
    AllianceTally,
    Contest,
    PartyTally,
    SeatResult,
    Source,
    TallyEvent,
    decode_event,
    encode_event,
    make_event,
)
from tests.support.sample_events import alliance_tally, party_tally, seat_result

__all__ = ["FIXTURES", "Fixture", "load_fixtures", "reference_output"]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "boards"
THRESHOLD = 3


@dataclass(frozen=True)
class Fixture:
    name: str
    about: str
    state: str
    threshold: int
    batches: list[tuple[int, list[TallyEvent]]]
    """(Kafka offset of the batch, its events in arrival order)."""
    expected: dict[str, Any]

    def changes(self) -> list[dict[str, Any]]:
        return self.expected["changes"]


def reference_output(
    state: str, threshold: int, batches: Sequence[tuple[int, Sequence[TallyEvent]]]
) -> dict[str, Any]:
    """What the reference rules leave for these batches, as JSON-ready data."""
    log = StateLog(threshold)
    for offset, events in batches:
        updates = [u for u in map(update_for, events) if u is not None]
        log.apply([u for u in updates if u.state == state], offset)
    contests = {
        code: {
            "board": msgspec.to_builtins(decode_board(log.boards[code])),
            "seats": {
                key: msgspec.to_builtins(decode_seat(value))
                for key, value in sorted(
                    (name.removeprefix("seat/"), value)
                    for name, (_, value) in log.registers[code].items()
                    if name.startswith("seat/")
                )
            },
        }
        for code in sorted(log.boards)
    }
    changes = [msgspec.to_builtins(c) for c in log.changes]
    corrections = [
        {k: c.get(k) for k in ("contest", "scope", "key", "field", "old", "new")}
        for c in changes
        if c.get("correction")
    ]
    return {"contests": contests, "changes": changes, "corrections": corrections}


def load_fixtures() -> list[Fixture]:
    fixtures = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        batches = [
            (b["offset"], [decode_event(json.dumps(e).encode()) for e in b["events"]])
            for b in data["batches"]
        ]
        fixtures.append(
            Fixture(
                name=path.stem,
                about=data["about"],
                state=data["state"],
                threshold=data["threshold"],
                batches=batches,
                expected=data["expected"],
            )
        )
    return fixtures


# ---------------------------------------------------------------- the cases

JK = Contest(house="assembly", state="JK", year=2024)
JK_DAY = datetime(2024, 10, 8, tzinfo=IST)


def _jk(payload: PartyTally | AllianceTally | SeatResult, sentence: str) -> TallyEvent:
    """A fact from a date-only Jammu and Kashmir article (invented wording)."""
    return make_event(
        contest=JK,
        payload=payload,
        source=Source(kind="article", outlet="Example Daily", sentence=sentence),
        event_time=JK_DAY,
        ingest_time=JK_DAY,
        date_only=True,
    )


def _reported_headline() -> list[tuple[int, list[TallyEvent]]]:
    return [
        (
            3,
            [
                _jk(PartyTally(party="AAP", status="won", seats=1), "AAP won its first seat."),
                _jk(
                    SeatResult(constituency="Doda", ac_no=52, party="AAP", status="won"),
                    "The AAP candidate won Doda.",
                ),
                _jk(PartyTally(party="BJP", status="won", seats=29), "The BJP won 29 seats."),
                _jk(
                    AllianceTally(parties=["JKNC", "INC"], status="won", seats=49),
                    "The NC-Congress alliance won 49 seats.",
                ),
            ],
        )
    ]


def _count_takes_over() -> list[tuple[int, list[TallyEvent]]]:
    reports = [party_tally("BJP", "leading", 3, 5), party_tally("AAP", "leading", 1, 5)]
    first = [seat_result(1, "BJP", "leading", 1, 10), seat_result(2, "AAP", "leading", 1, 10)]
    more = [seat_result(3, "BJP", "leading", 1, 20), seat_result(4, "INC", "leading", 1, 20)]
    return [(1, reports), (3, first), (5, more)]


def _corrections() -> list[tuple[int, list[TallyEvent]]]:
    return [
        (0, [party_tally("BJP", "won", 38, 10), party_tally("BJP", "leading", 40, 10)]),
        (2, [seat_result(7, "BJP", "won", 12, 30)]),
        (
            5,
            [
                party_tally("BJP", "won", 35, 40),
                party_tally("BJP", "leading", 30, 40),
                seat_result(7, "AAP", "won", 13, 50),
            ],
        ),
    ]


def _disorder_and_duplicates() -> list[tuple[int, list[TallyEvent]]]:
    late = seat_result(5, "AAP", "leading", 6, 60)
    early = seat_result(5, "BJP", "leading", 5, 70)
    report = party_tally("AAP", "leading", 1, 30)
    stale = party_tally("AAP", "leading", 9, 10)
    return [(1, [late, report]), (3, [early, stale, late]), (3, [early, stale]), (4, [report])]


def _disagreement() -> list[tuple[int, list[TallyEvent]]]:
    seats = [seat_result(n, "BJP", "leading", 2, 30) for n in range(1, 37)]
    return [
        (35, seats),
        (36, [party_tally("BJP", "leading", 40, 40)]),
        (37, [party_tally("BJP", "leading", 38, 50)]),
    ]


def _alliance_figures() -> list[tuple[int, list[TallyEvent]]]:
    return [
        (
            3,
            [
                alliance_tally("NDA", "leading", 40, 20),
                party_tally("AAP", "leading", 20, 20),
                party_tally("AAP", "total", 22, 25),
                seat_result(9, "AAP", "leading", 1, 30),
            ],
        ),
        (4, [party_tally("AAP", "won", 2, 40, date_only=False)]),
    ]


CASES: dict[str, tuple[str, str, Callable[[], list[tuple[int, list[TallyEvent]]]]]] = {
    "reported_headline": (
        "JK",
        "One seat counted, reports accounting for 79: the reported layer heads the board "
        "with the source's own alliance figure (JKNC+INC 49) and BJP 29; a date-only source "
        "shows its day.",
        _reported_headline,
    ),
    "count_takes_over": (
        "DL",
        "Reports account for 4 seats; the count heads the board once 4 seats are counted, "
        "and the change log says the layer moved.",
        _count_takes_over,
    ),
    "corrections": (
        "DL",
        "A lower reported won is a correction, fewer leads are not; a declared seat that "
        "changes hands lowers its party's won, which is a correction too.",
        _corrections,
    ),
    "disorder_and_duplicates": (
        "DL",
        "A higher round wins whatever its clock, an older report never overwrites a newer "
        "one, and a replayed batch (same offset) changes nothing.",
        _disorder_and_duplicates,
    ),
    "disagreement": (
        "DL",
        "Once the count heads the board (half the house counted), a party whose reported "
        "and counted totals differ by more than the threshold is flagged, and the flag "
        "clears when they come close again.",
        _disagreement,
    ),
    "alliance_figures": (
        "DL",
        "A source's alliance figure is kept as given; a stale total gives way to fresher "
        "won and leading numbers.",
        _alliance_figures,
    ),
}


def write_fixtures(out: Path = FIXTURES) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (state, about, build) in CASES.items():
        batches = build()
        data = {
            "about": about,
            "state": state,
            "threshold": THRESHOLD,
            "batches": [
                {"offset": offset, "events": [json.loads(encode_event(e)) for e in events]}
                for offset, events in batches
            ],
            "expected": reference_output(state, THRESHOLD, batches),
        }
        path = out / f"{name}.json"
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.board_fixtures",
        description="Rewrite the shared board fixtures from the cases in this module and the "
        "reference rules; review the diff before committing it.",
    )
    parser.add_argument(
        "--out", type=Path, default=FIXTURES, help=f"directory to write (default {FIXTURES})"
    )
    args = parser.parse_args(argv)
    for path in write_fixtures(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
