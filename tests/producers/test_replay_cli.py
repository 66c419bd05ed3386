"""The replay command line without a broker: --check, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from producers.replay import main

HEADER = {
    "type": "day",
    "format": 1,
    "name": "T",
    "date": "2025-02-08",
    "contests": ["DL-assembly-2025"],
}


def test_check_validates_a_bundled_day_and_shows_the_board_at_until(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["DL-2025", "--check", "--until", "23:59"]) == 0
    out = capsys.readouterr().out
    assert "DL-assembly-2025: BJP 48 won 0 leading, AAP 22 won 0 leading" in out
    assert main(["DL-2025", "--check", "--until", "12:00"]) == 0
    assert "board at 12:00:00" in capsys.readouterr().out


def test_check_finds_an_article_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = tmp_path / "day.jsonl"
    article = {"type": "article", "at": "10:00:00", "article": "missing-article-id"}
    day.write_text(json.dumps(HEADER) + "\n" + json.dumps(article) + "\n")
    assert main([str(day), "--check"]) == 1
    assert "missing-article-id" in capsys.readouterr().err


def test_a_bad_day_file_is_refused_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = tmp_path / "day.jsonl"
    day.write_text(json.dumps(HEADER) + '\n{"type": "seat", "at": "10:00:00"}\n')
    # No broker is running on this address: the file is refused before any connection.
    assert main([str(day), "--speed", "max", "--bootstrap", "127.0.0.1:1"]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "missing required field" in err


def test_an_unknown_day_lists_the_bundled_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["XX-1999", "--check"]) == 2
    assert "MH-JH-2024" in capsys.readouterr().err


@pytest.mark.parametrize("speed", ["0", "-3", "fast"])
def test_a_bad_speed_is_refused(speed: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["DL-2025", "--speed", speed, "--check"])
    assert exited.value.code == 2
