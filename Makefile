# One entry point: `make demo` writes the example feedback pack, `make check` runs every check.
# Both create .venv when it is missing, so each works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUNTIME := $(VENV)/.installed-runtime

.PHONY: demo check lint typecheck test docs bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(RUNTIME)

# The demo needs only the runtime dependencies; the checks need the dev extras too.
$(RUNTIME): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

demo: $(RUNTIME)
	$(BIN)/behaviours demo --out out

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/behaviours

test: $(STAMP)
	$(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

check: lint typecheck test docs

bench: $(STAMP)
	$(BIN)/python benchmarks/scoring.py
	$(BIN)/python benchmarks/reports.py
	$(BIN)/python benchmarks/importing.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
