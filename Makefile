# dprkwatch — run `make help` for the targets. Everything lives in .venv (created on demand).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := help
.PHONY: help setup lock system hooks reports ledger test test-fast lint format bench bench-scale score lab strip clean

help: ## show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

# The venv is built from the lock file only (exact versions, hashes checked), then the package
# itself without dependency resolution or build isolation: what CI tests is what users install.
$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@if git rev-parse --git-dir >/dev/null 2>&1; then $(BIN)/nbstripout --install --attributes .gitattributes; fi
	touch $(STAMP)

setup: $(STAMP) ## create .venv from requirements.lock (package, dev tools, nbstripout git filter)

lock: ## refresh requirements.lock from pyproject.toml (needs the network; commit the result)
	@test -x $(BIN)/uv || { $(PY) -m venv $(VENV) && $(BIN)/python -m pip install --quiet "uv>=0.4"; }
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
	  --generate-hashes --no-header -o requirements.lock

system: ## install Debian packages for reports and browser tests (fonts, chromium; needs root)
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  need=""; for p in chromium fonts-noto-core fonts-noto-cjk; do dpkg -s $$p >/dev/null 2>&1 || need="$$need $$p"; done; \
	  if [ -n "$$need" ]; then { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; } \
	    || echo "warning: could not install$$need; reports still build, browser tests will skip"; fi; \
	else echo "skipping system packages (not root or no apt-get): install chromium and Noto fonts yourself"; fi

reports: setup system ## update the ledger store from seeds/ and build every report, the index and reports/ledger.csv
	$(BIN)/dprkwatch reports --out reports --jobs $(JOBS)

ledger: setup ## write the claims ledger of seeds/ to reports/ledger.csv
	@mkdir -p reports
	$(BIN)/dprkwatch extract seeds --out reports/ledger.csv

test: lint ## run the whole test suite (lint, types, unit, notebooks, browser); never installs system packages
	$(BIN)/pytest -q -n $(JOBS) --dist loadfile

test-fast: setup ## unit tests only (no notebooks, no browser)
	$(BIN)/pytest -q -m "not slow"

lint: setup ## ruff lint (complexity <= 15) and format check, mypy over lib/
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks
	$(BIN)/mypy

hooks: setup ## install the pre-commit hooks (ruff, nbstripout, YAML, mypy; all run from .venv)
	$(BIN)/pre-commit install

format: setup ## format the code with ruff
	$(BIN)/ruff format lib tests benchmarks
	$(BIN)/ruff check --fix lib tests benchmarks

bench: setup ## benchmarks: extraction throughput (vs quantulum3), report regeneration, reconciliation at 10k/100k claims
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_reconcile.py

bench-scale: setup ## scale benchmark: ledger store update, +100 documents, no change, ledger at 1k/10k/100k documents
	$(BIN)/python benchmarks/bench_scale.py $(if $(SIZES),--sizes $(SIZES))

score: setup ## score extraction against the hand-annotated gold files (seeds, test docs, devcorpus)
	$(BIN)/python benchmarks/score.py

# The kernel is registered inside .venv (--sys-prefix), not in the user's home where it would
# point into this one checkout; Jupyter refuses to run as root unless told to.
lab: setup ## open the notebooks in JupyterLab with the project's kernel (registered as "dprkwatch" in .venv)
	$(BIN)/python -m ipykernel install --sys-prefix --name dprkwatch --display-name "Python (dprkwatch)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=notebooks $$(test "$$(id -u)" = 0 && echo --allow-root)

strip: setup ## strip outputs from the notebooks before committing
	$(BIN)/nbstripout notebooks/*.ipynb

clean: ## remove generated reports and caches (keeps .venv)
	rm -rf reports .pytest_cache .ruff_cache .hypothesis
