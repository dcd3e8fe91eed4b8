# letstalk: `make run` opens the app, `make test` runs the tests. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-installed
ARGS ?=

.PHONY: run test soak bench lint clean
SEEDS ?= 1 2 3
# Test processes: the Pilot tests spend much of their time waiting for the app to go idle, so
# four processes keep two cores busy (make test JOBS=0 runs everything in this one process).
JOBS ?= 4
EVENTS ?= 2000

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,lint]'
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/letstalk $(ARGS)

test: $(STAMP)
	@$(BIN)/python -m pytest -n $(JOBS) --dist worksteal

# The monkey for as long as asked: make soak SEEDS="7 8" EVENTS=10000 (a failure names its seed and event).
soak: $(STAMP)
	@MONKEY_SEEDS="$(SEEDS)" MONKEY_EVENTS="$(EVENTS)" $(BIN)/python -m pytest tests/tui/test_monkey.py -p no:cacheprovider

bench: $(STAMP)
	@$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	@$(BIN)/ruff check src tests benchmarks tools
	@$(BIN)/ruff format --check src tests benchmarks tools
	@$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist
