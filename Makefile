# Verbs for the tally tracker. `make help` lists them. Each needs only a fresh clone:
# the `setup` step they depend on installs the venv, redis-server, chromium and the Kafka jars.
PY := .venv/bin/python
DAY ?= GJ-HP-2022
SPEED ?= 60
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup run test test-fast lint format bench eval replay up down schema clean

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: ## install venv, redis-server, chromium and Kafka jars (idempotent)
	@scripts/bootstrap.sh

run: setup ## start Kafka, Redis, worker, web and a replay of a bundled counting day
	@$(PY) -m devstack run --day $(DAY) --speed $(SPEED)

test: setup ## the whole suite on real Kafka, Redis and Chromium
	@$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup ## pure-logic tests only, no servers
	@$(PY) -m pytest -m "not servers and not browser" $(PYTEST_ARGS)

lint: setup ## ruff and the import contracts
	@.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports

format: setup ## apply ruff formatting
	@.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench: setup ## benchmarks; figures go to BENCHMARKS.md
	@$(PY) -m benchmarks all

eval: setup ## extraction precision and recall on the real corpus, the seeds, the dev and held-out sets
	@$(PY) -m producers.evaluate

replay: setup ## replay a counting day into a running stack: make replay DAY=MH-JH-2024 SPEED=60
	@$(PY) -m producers.replay $(DAY) --speed $(SPEED)

schema: setup ## regenerate docs/events.schema.json from tally/events.py
	@$(PY) -c 'import json, tally.events as e; print(json.dumps(e.json_schema(), indent=2, ensure_ascii=False))' > docs/events.schema.json

up: ## the same system under Docker Compose (needs a Docker engine)
	docker compose up --build

down: ## stop the Docker Compose system
	docker compose down -v

clean: ## remove runtime state (keeps the venv and the Kafka jar cache)
	rm -rf .run artifacts .pytest_cache .hypothesis
