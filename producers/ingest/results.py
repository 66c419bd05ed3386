"""Official results polls: a constituency table, re-published every few minutes, as seat results.

Two formats are read:

- **CSV** in the format of ``data/results/counting_day_snapshots``: one row per candidate
  (``election, snapshot_commit_time_ist, ac_no, ac_name_as_scraped, candidate, party,
  evm_votes, postal_votes, total_votes``). A table may hold several snapshots; the newest one
  of each election is read. Optional columns ``status`` (``leading``/``won``), ``round`` and
  ``total_rounds`` are taken when present; without ``status`` a seat is ``leading``.
- **JSON**, the project's own: ``{"contest": "DL-assembly-2025", "as_of": "<ISO time>",
  "seats": [<SeatResult>, ...]}`` with the fields of ``tally.events.SeatResult``.

Each seat's state of play (round, leader, margin, status) is kept in the store, so a poll
publishes ``seat_result`` events (source kind ``feed``) only for seats that changed since the
last poll, across restarts too. The event time is the table's own time.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import msgspec

from producers.days.results import Candidate, Seat, party_codes, with_codes
from producers.days.rounds import standing
from producers.ingest.fetch import fetch
from producers.ingest.service import Ingestor
from tally.events import Contest, SeatResult, Source, TallyEvent, make_event
from tally.reference import contest_info

__all__ = ["ResultsError", "ResultsPoll", "ResultsTable", "parse_table"]

log = logging.getLogger(__name__)


class ResultsError(ValueError):
    """The table cannot be read; the message names the row or field."""


class ResultsTable(msgspec.Struct, kw_only=True):
    """The project's JSON results table: one contest's seats as of one moment."""

    contest: str
    as_of: datetime
    seats: list[SeatResult]


_table_decoder = msgspec.json.Decoder(ResultsTable)
CSV_TIME = "%Y-%m-%d %H:%M:%S %z"


def _contest(code: str) -> Contest:
    try:
        state, house, year = code.split("-")
        contest = Contest(state=state, house=house, year=int(year))  # type: ignore[arg-type]
    except (ValueError, TypeError, msgspec.ValidationError):
        raise ResultsError(f"contest {code[:40]!r} is not like 'DL-assembly-2025'") from None
    if contest_info(contest.state, contest.house, contest.year) is None:
        raise ResultsError(f"unknown contest {code!r}")
    return contest


def _column(rows: list[dict[str, str]], name: str) -> str | None:
    return next((row[name].strip() for row in rows if (row.get(name) or "").strip()), None)


def _seat_result(ac_no: int, rows: list[dict[str, str]], codes: dict[str, str]) -> SeatResult:
    name = (rows[0].get("ac_name") or rows[0].get("ac_name_as_scraped") or "").strip()
    name = name.split(" (")[0].strip() or f"AC {ac_no}"
    try:
        candidates = tuple(
            Candidate(
                name=row["candidate"],
                party=row["party"],
                evm=int(row["evm_votes"] or 0),
                postal=int(row["postal_votes"] or 0),
            )
            for row in rows
        )
    except (KeyError, ValueError) as exc:
        raise ResultsError(f"AC {ac_no}: bad vote count ({exc})") from None
    seat = with_codes(Seat(ac_no=ac_no, name=name, candidates=candidates), codes)
    lead = standing(seat.candidates)
    if lead is None:
        raise ResultsError(f"AC {ac_no}: no votes counted yet")
    status = _column(rows, "status") or "leading"
    rounds = [_column(rows, "round"), _column(rows, "total_rounds")]
    try:
        return msgspec.convert(
            {
                "constituency": name.title(),
                "ac_no": ac_no,
                "candidate": lead.candidate,
                "party": lead.party,
                "status": status,
                "margin": lead.margin,
                "votes": lead.votes,
                "round": int(rounds[0]) if rounds[0] else None,
                "total_rounds": int(rounds[1]) if rounds[1] else None,
                "runner_up": lead.runner_up,
                "runner_up_party": lead.runner_up_party,
            },
            SeatResult,
        )
    except (ValueError, msgspec.ValidationError) as exc:
        raise ResultsError(f"AC {ac_no}: {exc}") from None


def _csv_tables(text: str) -> list[tuple[Contest, datetime, list[SeatResult]]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        return []
    missing = {"election", "snapshot_commit_time_ist", "ac_no", "candidate", "party"} - set(rows[0])
    if missing:
        raise ResultsError(f"CSV lacks the columns {sorted(missing)}")
    by_election: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_election[row["election"]].append(row)
    tables = []
    for election, election_rows in sorted(by_election.items()):
        state, _, year = election.partition("_")
        house = _column(election_rows, "house") or "assembly"
        contest = _contest(f"{state}-{house}-{year}")
        newest = max(row["snapshot_commit_time_ist"] for row in election_rows)
        try:
            as_of = datetime.strptime(newest, CSV_TIME)
        except ValueError:
            raise ResultsError(f"snapshot time {newest!r} is not like {CSV_TIME}") from None
        current = [row for row in election_rows if row["snapshot_commit_time_ist"] == newest]
        codes = party_codes(current)
        seats: dict[int, list[dict[str, str]]] = defaultdict(list)
        for row in current:
            try:
                seats[int(row["ac_no"])].append(row)
            except ValueError:
                raise ResultsError(f"ac_no {row['ac_no'][:10]!r} is not a number") from None
        tables.append(
            (contest, as_of, [_seat_result(n, rs, codes) for n, rs in sorted(seats.items())])
        )
    return tables


def parse_table(body: bytes) -> list[tuple[Contest, datetime, list[SeatResult]]]:
    """Each contest in the table with its time and its seats; :class:`ResultsError` if unread."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResultsError("the table is not UTF-8") from None
    if text.lstrip().startswith("{"):
        try:
            table = _table_decoder.decode(text)
        except msgspec.DecodeError as exc:
            raise ResultsError(f"JSON table: {exc}") from None
        if table.as_of.tzinfo is None:
            raise ResultsError("JSON table: as_of must carry a timezone offset")
        return [(_contest(table.contest), table.as_of, table.seats)]
    return _csv_tables(text)


def _state_of_play(seat: SeatResult) -> str:
    """What a change is: a new round, leader, margin or status."""
    return msgspec.json.encode([seat.round, seat.candidate, seat.party, seat.margin, seat.status])


class ResultsPoll:
    """Polls one official table and publishes the seats that changed since the last poll."""

    def __init__(self, source: str, ingestor: Ingestor) -> None:
        self.source = source
        self.ingestor = ingestor
        self.name = "results"
        parsed = urlparse(source)
        self.outlet = parsed.hostname or Path(parsed.path or source).name
        self.url = source if parsed.scheme in ("http", "https") else None

    def poll(self) -> int:
        """One poll; returns how many seat results were published. Raises on a bad source."""
        store = self.ingestor.store
        etag, modified = (
            store.mark("results-etag", self.source),
            store.mark("results-modified", self.source),
        )
        got = fetch(self.source, etag=etag, modified=modified)
        if got.body is None:
            return 0
        events: list[TallyEvent] = []
        marks: list[tuple[str, str]] = []
        received = self.ingestor.clock()
        for contest, as_of, seats in parse_table(got.body):
            for seat in seats:
                key = f"{contest.code}/{seat.ac_no or seat.constituency.upper()}"
                now = _state_of_play(seat)
                if store.mark("result", key) == now:
                    continue
                source = Source(kind="feed", outlet=self.outlet, url=self.url)
                events.append(
                    make_event(
                        contest=contest,
                        payload=seat,
                        source=source,
                        event_time=as_of,
                        ingest_time=received,
                    )
                )
                marks.append((key, now))
        self.ingestor.publish(events)
        for key, now in marks:
            store.set_mark("result", key, now)
        if got.etag:
            store.set_mark("results-etag", self.source, got.etag)
        if got.modified:
            store.set_mark("results-modified", self.source, got.modified)
        self.ingestor.metrics.seat_results.inc(len(events))
        if events:
            log.info("results %s: %d seats changed", self.outlet, len(events))
        return len(events)
