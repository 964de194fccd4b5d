# presslens: `make demo` installs and runs the main job; `make test` installs and runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck unit floors scaling bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==25.3
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,accurate]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/presslens analyze examples/republished-opinion.txt --format text
	$(BIN)/presslens analyze examples/republished-opinion.txt --format html --output brief.html
	@echo "wrote brief.html"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	bash scripts/run-tests.sh

# Accuracy floors on the real annotated data, when it is there (CI has it at ../shared/data).
floors: install
	@if [ -d "$(DATA)" ]; then \
	  $(BIN)/presslens evaluate all "$(DATA)" --floors floors.toml; \
	else echo "floors: no data directory at $(DATA); skipped (set DATA=...)"; fi

# Growth of analysis time with text length, per kind of hostile input, against prose in
# the same run (a ratio, never a wall time): fails when a family grows 1.6x faster.
scaling: install
	$(BIN)/python benchmarks/scaling.py --sizes 10000,40000 --check 1.6 --prose-max 6

test: lint typecheck unit floors scaling

bench: install
	$(BIN)/python benchmarks/throughput.py $(DATA)/news-sample

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache brief.html
