import json

from tally.changes import AllianceRow, Board, PartyRow, encode
from web.national import (
    NationalUpdate,
    format_cursor,
    national_data,
    national_epoch,
    parse_cursor,
    state_summary,
)
from web.resume import ZERO, StreamId


def board(contest="GJ-assembly-2022", state="GJ", house="assembly") -> Board:
    return Board(
        contest=contest,
        state=state,
        house=house,
        year=2022,
        seats=182,
        majority=92,
        layer="counted",
        parties=[
            PartyRow(party="INC", won=5, leading=12, total=17, source=None),
            PartyRow(party="BJP", won=100, leading=56, total=156),
            PartyRow(party="AAP", won=5, leading=12, total=17),
        ],
        alliances=[AllianceRow(alliance="NDA", parties=["BJP"], total=156, majority=92)],
        reported=[PartyRow(party="BJP", total=150)],
    )


def test_summary_orders_parties_and_drops_the_reported_layer():
    summary = state_summary({"GJ-assembly-2022": encode(board())})
    line = summary.contests["GJ-assembly-2022"]
    assert [p.party for p in line.parties] == ["BJP", "AAP", "INC"]
    assert not hasattr(line, "reported")
    assert line.alliances[0].alliance == "NDA"


def test_lok_sabha_totals_come_from_the_india_entry():
    ls = state_summary({"IN-lok_sabha-2024": encode(board("IN-lok_sabha-2024", "IN", "lok_sabha"))})
    data = national_data({"IN": ls, "GJ": state_summary({"GJ-assembly-2022": encode(board())})})
    assert list(data["states"]) == ["GJ", "IN"]
    assert list(data["lok_sabha"]) == ["IN-lok_sabha-2024"]
    assert national_data({})["lok_sabha"] is None


def test_cursor_round_trips_and_ignores_unwritten_logs():
    cursor = {"MH": StreamId(5, 1), "GJ": StreamId(3, 0), "DL": ZERO}
    text = format_cursor(cursor)
    assert text == "GJ=3-0;MH=5-1"
    assert parse_cursor(text) == {"GJ": StreamId(3, 0), "MH": StreamId(5, 1)}
    assert parse_cursor("") == {}


def test_epoch_depends_on_every_written_state():
    base = national_epoch({"GJ": "a", "MH": "b", "DL": "0"})
    assert base == national_epoch({"MH": "b", "GJ": "a"})
    assert base != national_epoch({"GJ": "a", "MH": "c"})


def test_update_after_a_cursor_keeps_only_states_that_moved_past_it():
    summary = state_summary({"GJ-assembly-2022": encode(board())})
    cursor = {"GJ": StreamId(9, 0), "MH": StreamId(4, 0)}
    update = NationalUpdate(
        "ep", cursor, {"GJ": (StreamId(9, 0), summary), "MH": (StreamId(4, 0), summary)}
    )
    assert update.after({"GJ": StreamId(9, 0), "MH": StreamId(2, 0)}).states.keys() == {"MH"}
    assert update.after({"GJ": StreamId(9, 0), "MH": StreamId(4, 0)}) is None
    message = json.loads(update.encoded)
    assert message["offset"] == "GJ=9-0;MH=4-0" and set(message["data"]["states"]) == {"GJ", "MH"}
