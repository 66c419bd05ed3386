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


def test_party_alliance_and_reported_lines_take_the_new_value():
    model = StateModel(snapshot())
    model.apply(
        {
            "changes": [
                change(scope="party", key="BJP", field="leading", old=2, new=5),
                change(scope="party", key="INC", field="won", new=4),
                change(scope="alliance", key="NDA", field="total", new=9),
                change(scope="reported", key="BJP", field="won", old=36, new=38, correction=True),
                change(scope="reported", key="alliance:NDA", field="total", new=90),
            ]
        }
    )
    assert model.party_numbers("GJ-assembly-2022") == {"BJP": (1, 5, 3), "INC": (4, 0, 0)}
    board = model.contests["GJ-assembly-2022"]["board"]
    assert board["alliances"] == [{"alliance": "NDA", "parties": [], "total": 9}]
    assert board["reported"] == [{"party": "BJP", "won": 38}]
    assert board["reported_alliances"] == [{"alliance": "NDA", "parties": [], "total": 90}]
    assert [(c["old"], c["new"]) for c in model.corrections] == [(36, 38)]


def test_seats_flags_and_board_changes():
    model = StateModel(snapshot())
    seat = {"key": "12", "constituency": "Rajkot West", "party": "BJP", "status": "declared"}
    model.apply(
        {
            "changes": [
                change(scope="seat", key="12", new=seat, event_time="2022-12-08T11:42:00+05:30"),
                change(scope="seat", key="13", new={"key": "13", "constituency": "X"}),
                change(scope="flag", key="BJP", field="disagreement", new="reported 150"),
                change(scope="board", key="GJ-assembly-2022", field="layer", new="reported"),
            ]
        }
    )
    contest = model.contests["GJ-assembly-2022"]
    assert contest["seats"]["12"] == seat
    assert (contest["board"]["seats_counted"], contest["board"]["seats_declared"]) == (2, 1)
    assert contest["board"]["disagreement"] == ["BJP"]
    assert contest["board"]["layer"] == "reported"
    assert contest["board"]["updated_at"] == "2022-12-08T11:42:00+05:30"
    model.apply({"changes": [change(scope="flag", key="BJP", field="disagreement")]})
    assert contest["board"]["disagreement"] == []


def test_a_rebuilt_board_replaces_the_old_one_and_new_contests_appear():
    model = StateModel(snapshot())
    rebuilt = dict(snapshot()["contests"]["GJ-assembly-2022"]["board"], parties=[])
    model.apply({"changes": [change(scope="board", key="GJ-assembly-2022", new=rebuilt)]})
    assert model.party_numbers("GJ-assembly-2022") == {}
    model.apply(
        {
            "changes": [
                {
                    "id": "2-0",
                    "change": {
                        "contest": "GJ-lok_sabha-2024",
                        "scope": "party",
                        "key": "BJP",
                        "field": "won",
                        "new": 25,
                    },
                }
            ]
        }
    )
    assert model.contests["GJ-lok_sabha-2024"]["board"]["house"] == "lok_sabha"
    assert model.party_numbers("GJ-lok_sabha-2024") == {"BJP": (25, 0, 0)}
