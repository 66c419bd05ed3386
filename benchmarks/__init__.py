"""Benchmarks: ``python -m benchmarks NAME|all``. Each module prints its figures and the command
that reproduces them; BENCHMARKS.md records a run."""
