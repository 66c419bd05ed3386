"""Run one benchmark module or all of them: ``python -m benchmarks [NAME ...|all]``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    """Every module in this package that defines ``main(argv)``."""
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = argv or ["all"]
    if names == ["all"]:
        names = available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available())}")
        return 2
    status = 0
    for name in names:
        print(f"\n=== benchmark: {name}  (reproduce: make bench, or python -m benchmarks {name})")
        module = importlib.import_module(f"benchmarks.{name}")
        status |= int(module.main([]) or 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
