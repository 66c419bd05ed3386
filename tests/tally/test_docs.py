"""The README and docs stay true: every file they link exists, every make verb they name is in
the Makefile, and every ``python -m`` command they show answers ``--help``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _links(doc: Path) -> set[str]:
    text = doc.read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text))
    return {t for t in targets if not re.match(r"[a-z]+://", t)}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_linked_file_exists(doc: Path) -> None:
    missing = [t for t in _links(doc) if not (doc.parent / t).exists()]
    assert not missing, f"{doc.name} links to missing files: {missing}"


def test_every_make_verb_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    verbs = set(re.findall(r"\bmake ([a-z-]+)", readme))
    defined = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    assert {"run", "test"} <= verbs
    assert verbs <= defined, verbs - defined


def _modules_shown() -> set[str]:
    shown: set[str] = set()
    for doc in DOCS:
        shown |= set(re.findall(r"python -m ([a-z_.]+)", doc.read_text(encoding="utf-8")))
    return shown - {"pytest", "benchmarks"}


@pytest.mark.parametrize("module", sorted(_modules_shown()))
def test_every_command_shown_answers_help(module: str) -> None:
    argv = [sys.executable, "-m", module]
    if module in {"devstack", "streams", "web", "producers.days"}:
        argv.append({"devstack": "run", "streams": "worker", "web": "serve"}.get(module, "build"))
    result = subprocess.run(
        [*argv, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage" in result.stdout.lower()
