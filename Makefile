# dprkwatch — run `make help` for the targets. Everything lives in .venv (created on demand).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := help
.PHONY: help setup system reports ledger test test-fast lint format bench score lab strip clean

help: ## show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv with the package and the dev tools

system: ## install Debian packages for reports and browser tests (fonts, chromium; needs root)
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  need=""; for p in chromium fonts-noto-core fonts-noto-cjk; do dpkg -s $$p >/dev/null 2>&1 || need="$$need $$p"; done; \
	  if [ -n "$$need" ]; then { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; } \
	    || echo "warning: could not install$$need; reports still build, browser tests will skip"; fi; \
	else echo "skipping system packages (not root or no apt-get): install chromium and Noto fonts yourself"; fi

reports: setup system ## build the claims ledger and every HTML report from seeds/ into reports/
	$(BIN)/dprkwatch extract seeds --out reports/ledger.csv --no-progress
	$(BIN)/dprkwatch reports --corpus seeds --out reports --jobs $(JOBS)

ledger: setup ## write the claims ledger of seeds/ to reports/ledger.csv
	@mkdir -p reports
	$(BIN)/dprkwatch extract seeds --out reports/ledger.csv

test: setup system ## run the whole test suite (lint, unit, notebooks, browser)
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks
	$(BIN)/pytest -q -n $(JOBS) --dist loadfile

test-fast: setup ## unit tests only (no notebooks, no browser)
	$(BIN)/pytest -q -m "not slow"

lint: setup ## ruff lint and format check
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

format: setup ## format the code with ruff
	$(BIN)/ruff format lib tests benchmarks
	$(BIN)/ruff check --fix lib tests benchmarks

bench: setup ## benchmarks: extraction throughput (vs quantulum3) and report regeneration times
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_reports.py

score: setup ## score extraction against the hand-annotated gold files (seeds, test docs, devcorpus)
	$(BIN)/python benchmarks/score.py

lab: setup ## open the notebooks in JupyterLab with the project's kernel (registered as "dprkwatch")
	$(BIN)/python -m ipykernel install --user --name dprkwatch --display-name "Python (dprkwatch)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=notebooks

strip: setup ## strip outputs from the notebooks before committing
	$(BIN)/nbstripout notebooks/*.ipynb

clean: ## remove generated reports and caches (keeps .venv)
	rm -rf reports .pytest_cache .ruff_cache .hypothesis
