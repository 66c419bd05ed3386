"""Build the per-state constituency gazetteer from the normalized ECI result files.

Reads ``data/results/normalized/<STATE>_<YEAR>_summary.csv`` (AC numbers and names) and
``..._candidates.csv`` (who stood where) and writes
``tally/reference/data/constituencies/<STATE>.json``.
Only names are copied: no votes, ranks or winners, so the extractor cannot learn a result
from its own gazetteer. Candidates are sorted by name for the same reason.

Usage: python scripts/build_constituencies.py [--results DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from producers.extraction.translit import skeleton, to_devanagari  # noqa: E402

STATE_CODES = {
    "Bihar": "BR",
    "Delhi": "DL",
    "Gujarat": "GJ",
    "Himachal Pradesh": "HP",
    "Haryana": "HR",
    "Jharkhand": "JH",
    "Jammu & Kashmir": "JK",
    "Maharashtra": "MH",
}
_KEEP_UPPER = {"SC", "ST", "II", "III", "IV"}


def display_name(raw: str) -> tuple[str, str | None]:
    """ECI's "GUREZ(ST)" -> ("Gurez", "ST"); "WAGOORA - KREERI" -> ("Wagoora-Kreeri", None)."""
    reserved = None
    match = re.search(r"\(\s*(SC|ST)\s*\)\s*$", raw, re.IGNORECASE)
    if match:
        reserved = match.group(1).upper()
        raw = raw[: match.start()]
    raw = re.sub(r"\s*-\s*", "-", raw.strip())
    raw = re.sub(r"\s+", " ", raw)
    return title_case(raw), reserved


def title_case(raw: str) -> str:
    """Title-case an ECI upper-case name, keeping already mixed-case names as they are."""
    if raw != raw.upper():
        return raw

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in _KEEP_UPPER else word.capitalize()

    return re.sub(r"[A-Za-z]+", fix, raw)


def build_state(summary: Path, candidates: Path, hindi: dict[str, list[str]]) -> dict[str, object]:
    """One state's gazetteer as a JSON-ready dict."""
    by_ac: dict[int, list[dict[str, str | None]]] = {}
    with candidates.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["result"] == "NOTA":
                continue
            entry = {
                "name": title_case(row["candidate"].strip()),
                "party": row["party_abbr"] or None,
            }
            by_ac.setdefault(int(row["ac_no"]), []).append(entry)
    seats = []
    with summary.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        ac_no = int(row["ac_no"])
        name, reserved = display_name(row["ac_name"])
        forms = hindi.get(str(ac_no)) or [to_devanagari(name.replace("-", " "))]
        people = sorted(by_ac.get(ac_no, []), key=lambda c: (c["name"] or "", c["party"] or ""))
        seats.append(
            {
                "ac_no": ac_no,
                "name": name,
                "reserved": reserved,
                "name_hi": forms[0],
                "aliases_hi": forms[1:],
                "name_hi_checked": str(ac_no) in hindi,
                "key": skeleton(name.replace("-", " ")),
                "candidates": people,
            }
        )
    first = rows[0]
    return {
        "_about": (
            "Assembly constituencies with ECI AC numbers and names, Devanagari forms "
            "(name_hi_checked false means machine-transliterated) and the candidates who "
            "stood, from data/results/normalized. Built by scripts/build_constituencies.py."
        ),
        "state": STATE_CODES[first["state"]],
        "year": int(first["year"]),
        "constituencies": seats,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "data/results/normalized")
    parser.add_argument("--out", type=Path, default=ROOT / "tally/reference/data/constituencies")
    args = parser.parse_args(argv)
    hindi_file = args.out / "hindi_names.json"
    hindi = (
        json.loads(hindi_file.read_text(encoding="utf-8"))["names"] if hindi_file.exists() else {}
    )
    summaries = sorted(args.results.glob("*_summary.csv"))
    if not summaries:
        print(f"no *_summary.csv under {args.results}", file=sys.stderr)
        return 1
    for summary in summaries:
        candidates = summary.with_name(summary.name.replace("_summary", "_candidates"))
        code = summary.name.split("_")[0]
        data = build_state(summary, candidates, hindi.get(code, {}))
        target = args.out / f"{data['state']}.json"
        with target.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(f"{target.relative_to(ROOT)}: {len(data['constituencies'])} constituencies")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
