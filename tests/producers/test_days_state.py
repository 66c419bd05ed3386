"""The expected board: higher round wins, then the later line, as the worker counts."""

from __future__ import annotations

import json

from producers.days.format import parse_day
from producers.days.state import PartyCount, party_counts, seats_at


def seat(at: str, ac_no: int, party: str, round_no: int, status: str = "leading") -> str:
    return json.dumps(
        {
            "type": "seat",
            "at": at,
            "contest": "HP-assembly-2022",
            "source": "simulation",
            "ac_no": ac_no,
            "constituency": f"SEAT {ac_no}",
            "candidate": party.lower(),
            "party": party,
            "votes": 100,
            "margin": 5,
            "round": round_no,
            "total_rounds": 4,
            "status": status,
        }
    )


HEADER = json.dumps(
    {
        "type": "day",
        "format": 1,
        "name": "T",
        "date": "2022-12-08",
        "contests": ["HP-assembly-2022"],
    }
)


def test_the_higher_round_wins_and_then_the_later_line() -> None:
    day = parse_day(
        [
            HEADER,
            seat("09:00:00", 1, "BJP", 1),
            seat("09:00:00", 2, "INC", 2),
            seat("10:00:00", 1, "INC", 2),
            seat("10:30:00", 1, "BJP", 2),
            seat("11:00:00", 2, "INC", 4, "won"),
        ]
    )
    assert {k: v.party for k, v in seats_at(day).items()} == {
        ("HP-assembly-2022", 1): "BJP",
        ("HP-assembly-2022", 2): "INC",
    }
    assert party_counts(seats_at(day))["HP-assembly-2022"] == {
        "BJP": PartyCount(leading=1),
        "INC": PartyCount(won=1),
    }
    early = party_counts(seats_at(day, until="10:00:00"))["HP-assembly-2022"]
    assert early == {"INC": PartyCount(leading=2)}
    assert seats_at(day, until="08:59:59") == {}
    assert seats_at(day, contest="GJ") == {}
