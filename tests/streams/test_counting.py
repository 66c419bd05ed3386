"""The counting rules, pure: which event wins, what the board shows, what the change log says."""

from __future__ import annotations

import random

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.counting import (
    ContestModel,
    build_board,
    derived_changes,
    derived_lines,
    feed_entry,
    fold,
    item_change,
    update_for,
    wins,
)
from tally.events import TallyEvent, decode_event, encode_event
from tests.support.sample_events import alliance_tally, party_tally, seat_result

DL = "DL-assembly-2025"


def board_of(events: list[TallyEvent], threshold: int = 3):
    return build_board(fold(events)[DL], threshold)


def test_an_older_report_never_overwrites_a_newer_one() -> None:
    newer, older = party_tally("BJP", "leading", 40, 50), party_tally("BJP", "leading", 30, 20)
    for order in ([newer, older], [older, newer]):
        (row,) = board_of(order).reported
        assert (row.party, row.leading, row.event_id) == ("BJP", 40, newer.event_id)


def test_equal_times_are_broken_by_event_id_whatever_the_order() -> None:
    a = party_tally("BJP", "won", 10, 30, outlet="PTI")
    b = party_tally("BJP", "won", 12, 30, outlet="ANI")
    winner = max((a, b), key=lambda e: e.event_id)
    assert board_of([a, b]).reported[0].won == board_of([b, a]).reported[0].won
    assert board_of([a, b]).reported[0].event_id == winner.event_id


def test_a_higher_round_wins_a_seat_even_when_its_clock_is_earlier() -> None:
    round_5 = seat_result(7, "AAP", "leading", 5, minute=30)
    round_4_later = seat_result(7, "BJP", "leading", 4, minute=60)
    for order in ([round_5, round_4_later], [round_4_later, round_5]):
        model = fold(order)[DL]
        assert model.seats["7"].party == "AAP"
        assert model.seats["7"].round == 5


def test_in_one_round_the_later_clock_wins() -> None:
    early, late = seat_result(7, "AAP", "leading", 3, 30), seat_result(7, "BJP", "leading", 3, 31)
    assert fold([late, early])[DL].seats["7"].party == "BJP"


def test_trailing_and_lost_results_move_no_seat() -> None:
    assert update_for(seat_result(7, "AAP", "trailing", 3, 30)) is None
    assert update_for(seat_result(7, "AAP", "lost", 10, 30)) is None


def test_both_layers_are_kept_in_full_counted_from_seats_reported_from_articles() -> None:
    board = board_of(
        [
            party_tally("BJP", "leading", 40, 20),
            seat_result(1, "BJP", "won", 10, 90),
            seat_result(2, "BJP", "leading", 4, 40),
            seat_result(3, "AAP", "leading", 4, 40),
        ]
    )
    assert [(r.party, r.won, r.leading, r.total) for r in board.parties] == [
        ("BJP", 1, 1, 2),
        ("AAP", 0, 1, 1),
    ]
    assert [(r.party, r.leading) for r in board.reported] == [("BJP", 40)]
    assert (board.seats, board.majority, board.seats_counted, board.seats_declared) == (
        70,
        36,
        3,
        1,
    )


def test_reports_head_the_board_until_the_count_covers_what_they_account_for() -> None:
    reports = [party_tally("BJP", "leading", 30, 20), party_tally("AAP", "leading", 10, 20)]
    few = board_of([*reports, *(seat_result(n, "BJP", "leading", 2, 30) for n in range(1, 4))])
    assert few.headline is not None and few.layer == few.headline.layer == "reported"
    assert few.headline.why == "3 of 70 seats counted; news reports account for 40"
    assert [(r.party, r.total) for r in few.headline.parties] == [("BJP", 30), ("AAP", 10)]
    assert (few.headline.seats_counted, few.headline.seats_reported) == (3, 40)
    enough = board_of([*reports, *(seat_result(n, "BJP", "leading", 2, 30) for n in range(1, 41))])
    assert enough.headline is not None and enough.headline.layer == "counted"
    assert [(r.party, r.total) for r in enough.headline.parties] == [("BJP", 40)]


def test_half_the_house_counted_heads_the_board_whatever_reports_say() -> None:
    reports = [party_tally("BJP", "leading", 70, 20)]
    below = board_of([*reports, *(seat_result(n, "AAP", "leading", 2, 30) for n in range(1, 35))])
    half = board_of([*reports, *(seat_result(n, "AAP", "leading", 2, 30) for n in range(1, 36))])
    assert below.layer == "reported"
    assert half.layer == "counted"


def test_with_no_report_the_count_heads_the_board_from_its_first_seat() -> None:
    assert board_of([seat_result(1, "AAP", "won", 10, 30)]).layer == "counted"
    assert board_of([party_tally("BJP", "won", 3, 20)]).layer == "reported"


def test_a_reported_headline_gives_the_sources_alliance_figure_and_sums_the_rest() -> None:
    board = board_of(
        [
            alliance_tally(None, "won", 40, 20, parties=["AAP", "INC"]),
            party_tally("BJP", "won", 25, 20),
            party_tally("JD(U)", "won", 2, 20),
            party_tally("AAP", "won", 33, 20),
        ]
    )
    assert board.headline is not None
    lines = [(a.alliance, a.total, a.source is not None) for a in board.headline.alliances]
    # INDIA is not summed: the source's own AAP+INC figure speaks for its parties.
    assert lines == [("AAP+INC", 40, True), ("NDA", 27, False)]
    assert board.headline.seats_reported == 67


def test_a_date_only_source_shows_its_day_and_never_a_midnight_clock() -> None:
    board = board_of([party_tally("BJP", "won", 3, 0, date_only=True)])
    assert board.updated_at == "2025-02-08"
    assert board.reported[0].updated_at == "2025-02-08"
    update = update_for(party_tally("BJP", "won", 3, 0, date_only=True))
    assert update is not None and update.event_time == "2025-02-08"
    assert update.note == " (source dated 2025-02-08)"
    timed = update_for(party_tally("BJP", "won", 3, 42))
    assert timed is not None and timed.event_time == "2025-02-08T08:42:00+05:30"


def test_the_feed_shows_a_date_only_event_with_its_day_and_a_timed_one_as_published() -> None:
    dated = party_tally("BJP", "won", 3, 0, date_only=True)
    shown = msgspec.json.decode(feed_entry(dated))
    assert shown["event_time"] == "2025-02-08"
    assert shown["date_only"] is True
    assert {k: v for k, v in shown.items() if k != "event_time"} == {
        k: v for k, v in msgspec.to_builtins(dated).items() if k != "event_time"
    }
    timed = party_tally("BJP", "won", 3, 42)
    assert feed_entry(timed) == encode_event(timed)
    assert decode_event(feed_entry(timed)) == timed


def test_disagreement_is_flagged_only_beyond_the_threshold() -> None:
    seats = [seat_result(n, "BJP", "leading", 2, 30) for n in range(1, 36)]
    close = board_of([*seats, party_tally("BJP", "leading", 38, 40)], threshold=3)
    far = board_of([*seats, party_tally("BJP", "leading", 39, 40)], threshold=3)
    assert close.disagreement == []
    assert far.disagreement == ["BJP"]
    assert derived_lines(far)["flag|BJP|disagreement"] == "reported 39, counted 35"


def test_no_disagreement_is_flagged_while_reports_head_the_board() -> None:
    seats = [seat_result(n, "BJP", "leading", 2, 30) for n in range(1, 6)]
    board = board_of([*seats, party_tally("BJP", "leading", 20, 40)], threshold=3)
    assert board.layer == "reported"
    assert board.disagreement == []


def test_alliances_sum_their_members_against_the_majority_mark() -> None:
    board = board_of(
        [seat_result(1, "BJP", "won", 10, 90), seat_result(2, "JD(U)", "leading", 4, 40)]
    )
    nda = next(a for a in board.alliances if a.alliance == "NDA")
    assert (nda.won, nda.leading, nda.total, nda.majority) == (1, 1, 2, 36)
    india = next(a for a in board.alliances if a.alliance == "INDIA")
    assert india.total == 0


def test_reported_alliance_numbers_are_kept_as_given() -> None:
    board = board_of([alliance_tally("NDA", "leading", 40, 30)])
    (row,) = board.reported_alliances
    assert (row.alliance, row.leading, row.total) == ("NDA", 40, 40)
    assert "BJP" in row.parties


def test_a_stale_reported_total_gives_way_to_fresher_won_and_leading() -> None:
    total_first = [
        party_tally("BJP", "total", 50, 10),
        party_tally("BJP", "won", 20, 20),
        party_tally("BJP", "leading", 25, 20),
    ]
    assert board_of(total_first).reported[0].total == 45
    total_last = [*total_first, party_tally("BJP", "total", 47, 30)]
    assert board_of(total_last).reported[0].total == 47


def test_an_empty_contest_board_shows_every_seat_at_zero() -> None:
    board = build_board(ContestModel(DL), 3)
    assert (board.seats, board.majority, board.seats_counted, board.parties) == (70, 36, 0, [])
    assert {a.alliance for a in board.alliances} >= {"NDA", "INDIA"}
    assert all(a.total == 0 for a in board.alliances)


def test_a_lower_won_number_is_logged_as_a_correction() -> None:
    first = update_for(party_tally("BJP", "won", 38, 30))
    lower = update_for(party_tally("BJP", "won", 36, 42))
    assert first is not None and lower is not None
    change = item_change(DL, lower, first.value)
    assert change is not None
    assert change.correction is True
    assert change.note == "38 → 36 (source updated 08:42)"
    assert (change.old, change.new, change.field, change.key) == (38, 36, "won", "BJP")


def test_fewer_leads_are_play_not_a_correction() -> None:
    first = update_for(party_tally("BJP", "leading", 38, 30))
    lower = update_for(party_tally("BJP", "leading", 36, 42))
    assert first is not None and lower is not None
    change = item_change(DL, lower, first.value)
    assert change is not None and change.correction is False


def test_a_restated_number_logs_no_change() -> None:
    first = update_for(party_tally("BJP", "leading", 38, 30, outlet="PTI"))
    again = update_for(party_tally("BJP", "leading", 38, 35, outlet="ANI"))
    assert first is not None and again is not None
    assert item_change(DL, again, first.value) is None


def test_derived_changes_report_what_moved_with_missing_numbers_as_zero() -> None:
    changes = derived_changes(
        DL,
        {"party|BJP|won": "3", "party|AAP|leading": "2", "flag|BJP|disagreement": "x"},
        {"party|BJP|won": 2, "party|INC|leading": 1},
    )
    assert [(c.scope, c.key, c.field, c.old, c.new, c.correction) for c in changes] == [
        ("flag", "BJP", "disagreement", "x", None, False),
        ("party", "AAP", "leading", 2, 0, False),
        ("party", "BJP", "won", 3, 2, True),
        ("party", "INC", "leading", 0, 1, False),
    ]


def test_versions_compare_byte_by_byte() -> None:
    assert wins("b", "a") and not wins("a", "a") and not wins("a", "b") and wins("a", None)
    assert wins("ab", "a")


parties = st.sampled_from(["BJP", "AAP", "INC"])
minutes = st.integers(0, 60)
reports = st.builds(
    party_tally, parties, st.sampled_from(["won", "leading", "total"]), st.integers(0, 70), minutes
)
seat_events = st.builds(
    seat_result,
    st.integers(1, 8),
    parties,
    st.sampled_from(["leading", "won", "trailing"]),
    st.one_of(st.none(), st.integers(0, 4)),
    minutes,
)
event_sets = st.lists(st.one_of(reports, seat_events), max_size=30)


def snapshot(events: list[TallyEvent]) -> dict[str, object]:
    return {
        code: (model.registers, msgspec.json.encode(build_board(model, 2)))
        for code, model in fold(events).items()
    }


@settings(max_examples=150, deadline=None)
@given(event_sets, st.randoms(use_true_random=False))
def test_any_order_and_any_duplicates_give_the_sorted_deduplicated_result(
    events: list[TallyEvent], rng: random.Random
) -> None:
    replayed = events + [rng.choice(events) for _ in range(len(events) // 2)] if events else []
    rng.shuffle(replayed)
    unique = sorted({e.event_id: e for e in events}.values(), key=lambda e: e.event_time)
    assert snapshot(replayed) == snapshot(unique)


def test_counted_lines_carry_their_newest_seat_time_and_event() -> None:
    early, late = seat_result(1, "BJP", "leading", 2, 20), seat_result(2, "BJP", "won", 9, 70)
    (row,) = board_of([late, early]).parties
    assert (row.updated_at, row.event_id) == ("2025-02-08T09:10:00+05:30", late.event_id)
