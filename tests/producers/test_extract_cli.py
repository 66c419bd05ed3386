"""The CLI: JSON lines on stdout only, clear errors on stderr, other files still processed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from producers.articles import MAX_ARTICLE_BYTES
from tally.events import decode_event

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "producers.extract", *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )


def test_prints_one_valid_event_per_line_and_exits_zero():
    result = run("data/articles/001_57928f56173db05d.json")
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    events = [decode_event(line.encode()) for line in lines]
    assert len(events) == 9
    assert {e.contest.state for e in events} == {"GJ", "HP"}
    assert all(e.confidence is not None and e.checks and e.review is not None for e in events)
    held = sum(1 for e in events if e.review)
    summary = result.stderr.decode("utf-8")
    assert f"{9 - held} published, {held} held for review" in summary


def test_every_printed_fact_carries_confidence_checks_and_review_in_its_json():
    result = run("data/articles/001_57928f56173db05d.json")
    for line in result.stdout.decode("utf-8").splitlines():
        body = json.loads(line)
        assert {"confidence", "checks", "review"} <= body.keys()
        assert 0.0 <= body["confidence"] <= 1.0


def test_a_threshold_of_one_holds_every_fact_and_a_bad_one_is_refused():
    result = run("data/articles/001_57928f56173db05d.json", "--min-confidence", "1")
    events = [decode_event(line) for line in result.stdout.splitlines()]
    assert events and all(e.review for e in events)
    bad = run("data/articles/001_57928f56173db05d.json", "--min-confidence", "1.5")
    assert bad.returncode == 2 and b"not in [0, 1]" in bad.stderr


def test_bad_files_are_reported_and_the_rest_still_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Congress won 5 seats in Gujarat \xe9".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    result = run(str(tmp_path / "missing.txt"), str(empty), str(binary), str(latin1), str(huge),
                 "data/seeds/001_57928f56173db05d.txt", "--published", "2022-12-08")  # fmt: skip
    assert result.returncode == 1
    err = result.stderr.decode()
    for word in ("no such file", "empty file", "binary", "not UTF-8", "limit"):
        assert word in err
    facts = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(facts) == 9
    assert all(f["source"]["published"].startswith("2022-12-08") for f in facts)


def test_lang_flag_is_recorded():
    result = run("data/seeds/002_f128998d87634a34.txt", "--published", "2024-10-08", "--lang", "en")
    facts = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert facts and all(f["source"]["lang"] == "en" for f in facts)


def test_bad_published_date_is_an_error():
    result = run("data/articles/001_57928f56173db05d.json", "--published", "8/12/2022")
    assert result.returncode == 2
    assert b"YYYY-MM-DD" in result.stderr
    assert result.stdout == b""
