"""The counting rules: which counter an event moves, which event wins, and the board they add up to.

Pure: values in, values out; no I/O and no clock. Every event claims one *register*: a seat, or
one reported ``(party or alliance, status)`` line of a contest. A register keeps the claim with
the greatest version, so the final state never depends on order or on duplicates:

- reported lines: version ``(event_time, event_id)``;
- seats: version ``(round, event_time, event_id)`` (no round sorts below round 0).

Versions are fixed-width strings compared byte by byte, which is how ``upsert.lua`` compares them
too; ``tests/streams/test_lua_agreement.py`` checks on real Redis that the two agree. Boards are a
function of the registers alone (:func:`build_board`), and the change log records what moved
(:func:`item_change`, :func:`derived_changes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Literal

import msgspec

from tally.changes import AllianceRow, Board, Change, Headline, Layer, PartyRow, SeatRow
from tally.events import AllianceTally, PartyTally, SeatResult, Source, TallyEvent
from tally.reference import alliances_for, contest_info

__all__ = [
    "ContestModel",
    "ReportedLine",
    "Update",
    "board_change",
    "build_board",
    "choose_headline",
    "derived_changes",
    "derived_lines",
    "fold",
    "item_change",
    "seat_key",
    "update_for",
    "wins",
]

IST = timezone(timedelta(hours=5, minutes=30))
"""Counting-day clock of every contest the tracker knows; times shown to readers use it."""

RegisterKind = Literal["seat", "reported"]

COUNTED_SHARE = 0.5
"""Share of the house whose seats, once counted, head the board whatever reports say."""

SEAT_CONTENT = (
    "constituency",
    "ac_no",
    "leader",
    "party",
    "margin",
    "votes",
    "round",
    "total_rounds",
    "status",
    "runner_up",
    "runner_up_party",
)
"""Seat fields whose movement is a change; a newer event repeating them refreshes provenance."""

_encoder = msgspec.json.Encoder()


class ReportedLine(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The newest number an article gave for one (party or alliance, status) line."""

    line: str
    """A party code, or ``alliance:CODE`` for an alliance (``alliance:A+B`` when unnamed)."""
    status: str
    seats: int
    event_id: str
    event_time: str
    """The event's time in IST, to the second: orders a line's statuses."""
    shown_time: str | None = None
    """What readers see: ``event_time``, or the date alone when the source gave no time."""
    as_of: str | None = None
    source: Source | None = None
    parties: list[str] = []
    """Member parties an alliance report listed."""


_line_decoder = msgspec.json.Decoder(ReportedLine)
_seat_decoder = msgspec.json.Decoder(SeatRow)


@dataclass(frozen=True, slots=True)
class Update:
    """An event's claim on one register, ready for the table and for ``upsert.lua``."""

    state: str
    contest: str
    kind: RegisterKind
    name: str
    """Seat key, or a reported line and status such as ``BJP|won``."""
    version: str
    value: str
    """The register's JSON, stored byte for byte."""
    event_id: str
    event_time: str
    note: str = ""
    """Suffix of a reported change's note, e.g. ``" (source updated 11:42)"``."""

    @property
    def register(self) -> str:
        """The register's name within its contest, e.g. ``seat/42`` or ``reported/BJP|won``."""
        return f"{self.kind}/{self.name}"


def wins(version: str, current: str | None) -> bool:
    """True when a claim with ``version`` replaces the register's ``current`` one."""
    return current is None or version.encode() > current.encode()


def utc_stamp(moment: datetime) -> str:
    """Fixed-width UTC time that sorts as the instants do."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def ist_time(moment: datetime) -> str:
    """The counting-day clock reading shown to readers, e.g. ``2024-11-23T11:42:00+05:30``."""
    return moment.astimezone(IST).isoformat(timespec="seconds")


def shown_time(event: TallyEvent) -> str:
    """When an event's fact held, as readers see it: the IST time, or the day alone
    (``2024-10-08``) when the source gave no clock time."""
    if event.date_only:
        return event.event_time.astimezone(IST).date().isoformat()
    return ist_time(event.event_time)


def feed_entry(event: TallyEvent) -> bytes:
    """An event as the feed shows it: as published, except that a date-only source's
    ``event_time`` is the day alone, so no reader sees its ordering midnight."""
    if not event.date_only:
        return _encoder.encode(event)
    fields = msgspec.to_builtins(event)
    fields["event_time"] = shown_time(event)
    return _encoder.encode(fields)


def seat_key(seat: SeatResult) -> str:
    """A constituency's key: its AC number when given, else its name in capitals."""
    if seat.ac_no is not None:
        return str(seat.ac_no)
    return " ".join(seat.constituency.split()).upper()


def alliance_line(tally: AllianceTally) -> str | None:
    """``alliance:NDA``, or ``alliance:A+B`` for an unnamed bloc; None when it names nobody."""
    if tally.alliance:
        return f"alliance:{tally.alliance}"
    if tally.parties:
        return "alliance:" + "+".join(sorted(set(tally.parties)))
    return None


def update_for(event: TallyEvent) -> Update | None:
    """The register an event claims, or None when it moves no counter.

    A fact held for review (``review: true``) waits for an editor and moves nothing. A
    ``trailing`` or ``lost`` seat result names no leader, so it moves no seat; an alliance
    report naming neither a bloc nor its parties has no line to sit on.
    """
    if event.review:
        return None
    state = event.contest.state
    contest = event.contest.code
    payload = event.payload
    stamp = utc_stamp(event.event_time)
    when = shown_time(event)
    if isinstance(payload, SeatResult):
        if payload.status not in ("leading", "won"):
            return None
        key = seat_key(payload)
        row = SeatRow(
            key=key,
            constituency=payload.constituency,
            ac_no=payload.ac_no,
            leader=payload.candidate,
            party=payload.party,
            margin=payload.margin,
            votes=payload.votes,
            round=payload.round,
            total_rounds=payload.total_rounds,
            status="declared" if payload.status == "won" else "counting",
            runner_up=payload.runner_up,
            runner_up_party=payload.runner_up_party,
            updated_at=when,
            event_id=event.event_id,
        )
        rank = 0 if payload.round is None else payload.round + 1
        return Update(
            state=state,
            contest=contest,
            kind="seat",
            name=key,
            version=f"{rank:03d}|{stamp}|{event.event_id}",
            value=_encoder.encode(row).decode(),
            event_id=event.event_id,
            event_time=when,
        )
    if isinstance(payload, PartyTally):
        line = str(payload.party)
        parties: list[str] = []
    elif isinstance(payload, AllianceTally):
        found = alliance_line(payload)
        if found is None:
            return None
        line, parties = found, sorted(set(payload.parties))
    else:  # pragma: no cover - the payload union is closed
        raise TypeError(f"unknown payload {type(payload).__name__}")
    reported = ReportedLine(
        line=line,
        status=payload.status,
        seats=payload.seats,
        event_id=event.event_id,
        event_time=ist_time(event.event_time),
        shown_time=when if event.date_only else None,
        as_of=event.as_of,
        source=event.source,
        parties=parties,
    )
    if event.as_of:
        note = f" (source updated {event.as_of})"
    elif event.date_only:
        note = f" (source dated {when})"
    else:
        note = f" (source updated {event.event_time.astimezone(IST):%H:%M})"
    return Update(
        state=state,
        contest=contest,
        kind="reported",
        name=f"{line}|{payload.status}",
        version=f"{stamp}|{event.event_id}",
        value=_encoder.encode(reported).decode(),
        event_id=event.event_id,
        event_time=when,
        note=note,
    )


@dataclass(slots=True)
class ContestModel:
    """One contest's registers: the source the board is computed from."""

    code: str
    registers: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Register name -> (version, JSON)."""
    seats: dict[str, SeatRow] = field(default_factory=dict)
    reported: dict[str, ReportedLine] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return self.code.split("-")[0]

    def offer(self, update: Update) -> bool:
        """Keep the update if it wins its register; say whether it did."""
        current = self.registers.get(update.register)
        if not wins(update.version, current[0] if current else None):
            return False
        self.load(update.register, update.version, update.value)
        return True

    def load(self, register: str, version: str, value: str) -> None:
        """Set a register as stored (used when recovering from the table)."""
        self.registers[register] = (version, value)
        kind, name = register.split("/", 1)
        if kind == "seat":
            self.seats[name] = _seat_decoder.decode(value)
        else:
            self.reported[name] = _line_decoder.decode(value)


def fold(events: Iterable[TallyEvent]) -> dict[str, ContestModel]:
    """Contest code -> registers after every event: the reference result of a replay."""
    models: dict[str, ContestModel] = {}
    for event in events:
        update = update_for(event)
        if update is not None:
            models.setdefault(update.contest, ContestModel(update.contest)).offer(update)
    return models


def _row_order(row: PartyRow) -> tuple[int, int, str]:
    return (-row.total, -row.won, row.party)


def _counted_rows(seats: Iterable[SeatRow]) -> list[PartyRow]:
    """Party lines from the seats; each carries the time and event of its newest seat."""
    won: dict[str, int] = {}
    leading: dict[str, int] = {}
    newest: dict[str, tuple[str, str]] = {}
    for seat in seats:
        if seat.party is None:
            continue
        tally = won if seat.status == "declared" else leading
        tally[seat.party] = tally.get(seat.party, 0) + 1
        stamp = (seat.updated_at or "", seat.event_id or "")
        newest[seat.party] = max(newest.get(seat.party, stamp), stamp)
    rows = [
        PartyRow(
            party=party,
            won=won.get(party, 0),
            leading=leading.get(party, 0),
            total=won.get(party, 0) + leading.get(party, 0),
            updated_at=newest[party][0] or None,
            event_id=newest[party][1] or None,
        )
        for party in set(won) | set(leading)
    ]
    return sorted(rows, key=_row_order)


def _reported_numbers(lines: Mapping[str, ReportedLine]) -> tuple[int, int, int, ReportedLine]:
    """won, leading and total of one line's statuses, and its newest report.

    ``total`` is the reported total when no won or leading report is newer than it; otherwise
    won + leading, so that a stale total never outlives fresher numbers.
    """
    stamps = {status: (line.event_time, line.event_id) for status, line in lines.items()}
    newest = lines[max(stamps, key=lambda status: stamps[status])]
    won = lines["won"].seats if "won" in lines else 0
    leading = lines["leading"].seats if "leading" in lines else 0
    total_line = lines.get("total")
    if total_line is not None and all(
        stamps["total"] >= stamps[s] for s in ("won", "leading") if s in stamps
    ):
        total = total_line.seats
    else:
        total = won + leading
    return won, leading, total, newest


def _group(
    reported: Mapping[str, ReportedLine], alliances: bool
) -> dict[str, dict[str, ReportedLine]]:
    grouped: dict[str, dict[str, ReportedLine]] = {}
    for line in reported.values():
        if line.line.startswith("alliance:") == alliances:
            grouped.setdefault(line.line, {})[line.status] = line
    return grouped


def _reported_rows(reported: Mapping[str, ReportedLine]) -> list[PartyRow]:
    rows = []
    for party, lines in _group(reported, alliances=False).items():
        won, leading, total, newest = _reported_numbers(lines)
        rows.append(
            PartyRow(
                party=party,
                won=won,
                leading=leading,
                total=total,
                updated_at=newest.shown_time or newest.event_time,
                event_id=newest.event_id,
                source=newest.source,
            )
        )
    return sorted(rows, key=_row_order)


def _alliance_order(row: AllianceRow) -> tuple[int, int, str]:
    return (-row.total, -row.won, row.alliance)


def _summed_alliance(
    code: str, members: Sequence[str], rows: Mapping[str, PartyRow], majority: int | None
) -> AllianceRow:
    found = [rows[p] for p in members if p in rows]
    return AllianceRow(
        alliance=code,
        parties=list(members),
        won=sum(r.won for r in found),
        leading=sum(r.leading for r in found),
        total=sum(r.total for r in found),
        majority=majority,
    )


def _reported_alliance_rows(
    reported: Mapping[str, ReportedLine],
    known: Mapping[str, tuple[str, ...]],
    party_rows: Sequence[PartyRow],
    majority: int | None,
) -> list[AllianceRow]:
    """The sources' own alliance figures, then each alliance in force that no figure speaks
    for (none of its parties in a figure), summed over its reported parties; zero sums are
    left out, since no source said anything about that alliance."""
    rows = []
    covered: set[str] = set()
    for line, lines in _group(reported, alliances=True).items():
        won, leading, total, newest = _reported_numbers(lines)
        code = line.removeprefix("alliance:")
        listed = sorted({party for x in lines.values() for party in x.parties})
        members = list(known.get(code, ())) or listed
        covered |= set(members)
        rows.append(
            AllianceRow(
                alliance=code,
                parties=members,
                won=won,
                leading=leading,
                total=total,
                majority=majority,
                updated_at=newest.shown_time or newest.event_time,
                event_id=newest.event_id,
                source=newest.source,
            )
        )
    by_party = {row.party: row for row in party_rows}
    own = {row.alliance for row in rows}
    for code, members in known.items():
        if code in own or covered & set(members):
            continue
        summed = _summed_alliance(code, members, by_party, majority)
        if summed.total or summed.won or summed.leading:
            rows.append(summed)
    return sorted(rows, key=_alliance_order)


def seats_reported(parties: Sequence[PartyRow], alliances: Sequence[AllianceRow]) -> int:
    """Seats the reported layer accounts for: its party totals, or its alliance figures plus
    the parties outside them, whichever is more."""
    by_parties = sum(row.total for row in parties)
    figures = [row for row in alliances if row.source is not None]
    inside = {party for row in figures for party in row.parties}
    by_alliances = sum(row.total for row in figures) + sum(
        row.total for row in parties if row.party not in inside
    )
    return max(by_parties, by_alliances)


def choose_headline(
    *,
    house_seats: int | None,
    seats_counted: int,
    counted: tuple[list[PartyRow], list[AllianceRow]],
    reported: tuple[list[PartyRow], list[AllianceRow]],
) -> Headline:
    """Which layer heads the board: the rule every reader applies as stated, never re-derives.

    The counted layer, once its seats cover at least what the reported layer accounts for, or
    at least :data:`COUNTED_SHARE` of the house; the reported layer until then. A contest with
    no report at all is headed by its count, even an empty one.
    """
    accounted = seats_reported(*reported)
    if house_seats:
        accounted = min(accounted, house_seats)
    house = f" of {house_seats}" if house_seats else ""
    has_reports = bool(reported[0] or reported[1])
    share = house_seats is not None and seats_counted >= COUNTED_SHARE * house_seats > 0
    if not has_reports or (seats_counted and (seats_counted >= accounted or share)):
        if not seats_counted:
            why = "No seat counted and nothing reported yet"
        elif has_reports:
            why = f"{seats_counted}{house} seats counted; news reports account for {accounted}"
        else:
            why = f"{seats_counted}{house} seats counted"
        layer: Layer = "counted"
        parties, alliances = counted
    else:
        counted_part = (
            f"{seats_counted}{house} seats counted" if seats_counted else "No seat counted"
        )
        why = f"{counted_part}; news reports account for {accounted}"
        layer = "reported"
        parties, alliances = reported
    return Headline(
        layer=layer,
        why=why,
        parties=parties,
        alliances=alliances,
        seats_counted=seats_counted,
        seats_reported=accounted,
    )


def contest_parts(code: str) -> tuple[str, str, int]:
    """``MH-assembly-2024`` -> ``("MH", "assembly", 2024)``; a by-election's code
    (``UP-assembly-2024-bypoll``) names the same house and year."""
    state, house, year = code.split("-")[:3]
    return state, house, int(year)


def build_board(model: ContestModel, threshold: int) -> Board:
    """The scoreboard of one contest, from its registers alone.

    Both layers in full (counted: derived from seats; reported: from articles), the headline
    :func:`choose_headline` picks, and ``disagreement``: once the count heads the board,
    parties whose reported total differs from the counted one by more than ``threshold``
    seats. While reports head it, the count is known to be partial, so no flag is raised.
    """
    state, house, year = contest_parts(model.code)
    info = contest_info(state, house, year)
    majority = info.majority if info else None
    counting_day = info.counting_day if info else date(year, 12, 31)
    known = {code: a.parties for code, a in sorted(alliances_for(state, counting_day).items())}
    counted = _counted_rows(model.seats.values())
    by_party = {row.party: row for row in counted}
    counted_alliances = [
        _summed_alliance(code, members, by_party, majority) for code, members in known.items()
    ]
    reported = _reported_rows(model.reported)
    reported_alliances = _reported_alliance_rows(model.reported, known, reported, majority)
    headline = choose_headline(
        house_seats=info.seats if info else None,
        seats_counted=len(model.seats),
        counted=(counted, counted_alliances),
        reported=(reported, reported_alliances),
    )
    disagreement = []
    if model.seats and headline.layer == "counted":
        counted_total = {row.party: row.total for row in counted}
        disagreement = sorted(
            row.party
            for row in reported
            if abs(row.total - counted_total.get(row.party, 0)) > threshold
        )
    times = [seat.updated_at for seat in model.seats.values() if seat.updated_at]
    times += [line.shown_time or line.event_time for line in model.reported.values()]
    return Board(
        contest=model.code,
        state=state,
        house=house,
        year=year,
        seats=info.seats if info else None,
        majority=majority,
        layer=headline.layer,
        headline=headline,
        parties=counted,
        alliances=counted_alliances,
        reported=reported,
        reported_alliances=reported_alliances,
        seats_counted=len(model.seats),
        seats_declared=sum(1 for seat in model.seats.values() if seat.status == "declared"),
        disagreement=disagreement,
        disagreement_threshold=threshold,
        updated_at=max(times) if times else None,
    )


def board_change(board: Board, note: str | None = None) -> Change:
    """The change that states a contest's whole board: readers replace theirs with ``new``.

    Logged whenever the board moves, so no reader computes a number: the board is small (one
    line per party and alliance), and seats travel one by one as ``seat`` changes.
    """
    return Change(
        contest=board.contest,
        scope="board",
        key=board.contest,
        new=msgspec.to_builtins(board),
        note=note,
    )


def derived_lines(board: Board) -> dict[str, int | str]:
    """The board's numbers as flat fields (``party|BJP|won`` -> 45), zeros omitted.

    ``upsert.lua`` diffs them against the fields it stored last and logs what moved.
    """
    lines: dict[str, int | str] = {f"board|{board.contest}|layer": board.layer}
    for scope, rows in (("party", board.parties), ("alliance", board.alliances)):
        for row in rows:
            key = row.party if isinstance(row, PartyRow) else row.alliance
            for name in ("won", "leading", "total"):
                value = getattr(row, name)
                if value:
                    lines[f"{scope}|{key}|{name}"] = value
    if board.disagreement:
        counted = {row.party: row.total for row in board.parties}
        reported = {row.party: row.total for row in board.reported}
        for party in board.disagreement:
            lines[f"flag|{party}|disagreement"] = (
                f"reported {reported.get(party, 0)}, counted {counted.get(party, 0)}"
            )
    return lines


def item_change(contest: str, update: Update, old_value: str | None) -> Change | None:
    """The change log entry for a register moving from ``old_value`` to ``update.value``.

    None when only provenance moved. A lower ``won`` is a *correction*: declared seats are never
    taken back in a real count, so a lower number means the source corrected itself.
    """
    if update.kind == "seat":
        new_seat = msgspec.json.decode(update.value)
        old_seat = msgspec.json.decode(old_value) if old_value is not None else None
        if old_seat is not None and all(old_seat.get(f) == new_seat.get(f) for f in SEAT_CONTENT):
            return None
        return Change(
            contest=contest,
            scope="seat",
            key=update.name,
            old=old_seat,
            new=new_seat,
            event_id=update.event_id,
            event_time=update.event_time,
        )
    new_line = _line_decoder.decode(update.value)
    old_seats = _line_decoder.decode(old_value).seats if old_value is not None else None
    if old_seats == new_line.seats:
        return None
    if old_seats is None:
        note = f"{new_line.seats}{update.note}"
    else:
        note = f"{old_seats} → {new_line.seats}{update.note}"
    return Change(
        contest=contest,
        scope="reported",
        key=new_line.line,
        field=new_line.status,
        old=old_seats,
        new=new_line.seats,
        correction=(
            new_line.status == "won" and old_seats is not None and new_line.seats < old_seats
        ),
        event_id=update.event_id,
        event_time=update.event_time,
        note=note,
    )


def derived_changes(
    contest: str, old: Mapping[str, str], new: Mapping[str, int | str]
) -> list[Change]:
    """What moved between the stored derived fields and the new ones, in field order.

    ``old`` holds strings as Redis returns them; a missing number is zero.
    """
    changes = []
    for name in sorted(set(old) | set(new), key=str.encode):
        scope, key, field_name = _split_derived(name)
        if scope in ("party", "alliance"):
            before, after = int(old.get(name, 0)), int(new.get(name, 0))
            if before != after:
                changes.append(
                    Change(
                        contest=contest,
                        scope=scope,  # type: ignore[arg-type]
                        key=key,
                        field=field_name,
                        old=before,
                        new=after,
                        correction=field_name == "won" and after < before,
                    )
                )
        else:
            was = old.get(name)
            now = str(new[name]) if name in new else None
            if was != now:
                changes.append(
                    Change(
                        contest=contest,
                        scope=scope,  # type: ignore[arg-type]
                        key=key,
                        field=field_name,
                        old=was,
                        new=now,
                    )
                )
    return changes


def _split_derived(name: str) -> tuple[str, str, str]:
    scope, rest = name.split("|", 1)
    key, field_name = rest.rsplit("|", 1)
    return scope, key, field_name
