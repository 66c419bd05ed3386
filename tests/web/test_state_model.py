import pytest

from tests.support.board_fixtures import Fixture, load_fixtures
from web.state_model import StateModel


def snapshot() -> dict:
    return {
        "state": "GJ",
        "contests": {
            "GJ-assembly-2022": {
                "board": {
                    "contest": "GJ-assembly-2022",
                    "state": "GJ",
                    "house": "assembly",
                    "year": 2022,
                    "seats": 182,
                    "majority": 92,
                    "layer": "counted",
                    "parties": [{"party": "BJP", "won": 1, "leading": 2, "total": 3}],
                },
                "seats": {},
            }
        },
    }


def change(**fields) -> dict:
    return {"id": "1-0", "change": {"contest": "GJ-assembly-2022", **fields}}


def test_narrating_changes_move_no_number_and_only_marked_corrections_count():
    model = StateModel(snapshot())
    before = model.party_numbers("GJ-assembly-2022")
    model.apply(
        {
            "changes": [
                change(scope="party", key="BJP", field="leading", old=2, new=5),
                change(scope="alliance", key="NDA", field="total", old=9, new=4),
                change(scope="reported", key="BJP", field="won", old=36, new=38),
                change(scope="reported", key="BJP", field="leading", old=40, new=30),
                change(scope="reported", key="BJP", field="won", old=38, new=35, correction=True),
            ]
        }
    )
    assert model.party_numbers("GJ-assembly-2022") == before
    assert [(c["old"], c["new"]) for c in model.corrections] == [(38, 35)]


def test_seats_are_set_and_cleared_and_a_board_change_replaces_the_board():
    model = StateModel(snapshot())
    seat = {"key": "12", "constituency": "Rajkot West", "party": "BJP", "status": "declared"}
    board = dict(
        snapshot()["contests"]["GJ-assembly-2022"]["board"],
        headline={"layer": "counted", "why": "", "parties": [{"party": "BJP", "won": 1}]},
    )
    model.apply(
        {
            "changes": [
                change(scope="seat", key="12", new=seat),
                change(scope="seat", key="13", new={"key": "13", "constituency": "X"}),
                change(scope="seat", key="13"),
                change(scope="board", key="GJ-assembly-2022", field="layer", new="reported"),
                change(scope="board", key="GJ-assembly-2022", new=board),
            ]
        }
    )
    contest = model.contests["GJ-assembly-2022"]
    assert contest["seats"] == {"12": seat}
    assert contest["board"] == board
    assert model.party_numbers("GJ-assembly-2022") == {"BJP": (1, 0, 0)}


def test_a_new_contest_appears_once_its_board_arrives():
    model = StateModel(snapshot())
    seat = {"key": "4", "constituency": "Y", "party": "BJP", "status": "counting"}
    model.apply({"changes": [change(contest="GJ-lok_sabha-2024", scope="seat", key="4", new=seat)]})
    assert "GJ-lok_sabha-2024" not in model.boards()
    board = {"contest": "GJ-lok_sabha-2024", "house": "lok_sabha", "parties": []}
    model.apply(
        {"changes": [change(contest="GJ-lok_sabha-2024", scope="board", key="x", new=board)]}
    )
    assert model.boards()["GJ-lok_sabha-2024"]["house"] == "lok_sabha"
    assert model.contests["GJ-lok_sabha-2024"]["seats"] == {"4": seat}


def reduce_fixture(model: StateModel, fixture: Fixture) -> dict:
    for change in fixture.changes():
        model.apply_change(change)
    return {
        "contests": {code: c for code, c in model.contests.items()},
        "corrections": [
            {k: c.get(k) for k in ("contest", "scope", "key", "field", "old", "new")}
            for c in model.corrections
        ],
    }


@pytest.mark.parametrize("fixture", load_fixtures(), ids=lambda f: f.name)
def test_the_reducer_reaches_each_fixtures_boards_seats_and_corrections(fixture: Fixture):
    got = reduce_fixture(StateModel({"state": fixture.state}), fixture)
    assert got["contests"] == fixture.expected["contests"]
    assert got["corrections"] == fixture.expected["corrections"]


class InferringReducer(StateModel):
    """A reducer that re-derives what the log already states: any lower number is a
    correction. The fixtures must catch it."""

    def apply_change(self, change):
        super().apply_change(change)
        old, new = change.get("old"), change.get("new")
        lower = isinstance(old, int) and isinstance(new, int) and new < old
        if lower and not change.get("correction"):
            self.corrections.append(dict(change))


def test_a_reducer_that_infers_corrections_fails_the_fixtures():
    failing = [
        f.name
        for f in load_fixtures()
        if reduce_fixture(InferringReducer({"state": f.state}), f)["corrections"]
        != f.expected["corrections"]
    ]
    assert "corrections" in failing
