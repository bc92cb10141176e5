# One entry point: `make demo` writes the example feedback pack, `make check` runs every check.
# Both create .venv when it is missing, so each works on a fresh clone, and both install exactly
# the versions in the committed uv.lock (`uv sync --frozen`): what CI tested is what you get.
# `make check-latest` runs the same checks against the newest releases the library's own
# (wide) ranges allow, in .venv-latest, so drift is seen on purpose.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
UV := $(TOOLS)/bin/uv
LATEST := .venv-latest
STAMP := $(VENV)/.installed-dev
RUNTIME := $(VENV)/.installed-runtime
LATEST_STAMP := $(LATEST)/.installed-latest

# uv must never fetch an interpreter of its own: the machine's $(PYTHON) is the one tested.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo check check-latest lint typecheck test docs bench lock clean

$(UV): uv-requirements.txt
	test -d $(TOOLS) || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --require-hashes --no-deps -r uv-requirements.txt
	touch $(UV)

$(STAMP): pyproject.toml uv.lock $(UV)
	$(UV) sync --quiet --frozen --extra dev --python $(PYTHON)
	touch $(STAMP) $(RUNTIME)

# The demo needs only the runtime dependencies (--inexact keeps dev tools already there).
$(RUNTIME): pyproject.toml uv.lock $(UV)
	$(UV) sync --quiet --frozen --inexact --python $(PYTHON)
	touch $(RUNTIME)

$(LATEST_STAMP): pyproject.toml $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(LATEST)
	VIRTUAL_ENV=$(LATEST) $(UV) pip install --quiet --upgrade --reinstall-package behaviours -e '.[dev]'
	touch $(LATEST_STAMP)

demo: $(RUNTIME)
	$(BIN)/behaviours demo --out out

# Each check takes the environment's bin folder, so check-latest runs the very same commands.
define lint_in
	$(1)/ruff check src tests benchmarks scripts
	$(1)/ruff format --check src tests benchmarks scripts
endef
define typecheck_in
	$(1)/mypy --strict src/behaviours
endef
define test_in
	$(1)/pytest -q
endef
define docs_in
	$(1)/mkdocs build --strict --site-dir build/site
endef

# The lock must be the resolution of pyproject.toml's ranges: a change to either without
# the other fails here, not on a newcomer's machine.
lint: $(STAMP)
	$(UV) lock --check --python $(PYTHON)
	$(call lint_in,$(BIN))

typecheck: $(STAMP)
	$(call typecheck_in,$(BIN))

test: $(STAMP)
	$(call test_in,$(BIN))

docs: $(STAMP)
	$(call docs_in,$(BIN))

check: lint typecheck test docs

# Newest releases of every dependency (not the lock): run it before `make lock`.
check-latest: $(LATEST_STAMP)
	$(LATEST)/bin/python -m pip list --format=freeze 2>/dev/null || VIRTUAL_ENV=$(LATEST) $(UV) pip list
	$(call lint_in,$(LATEST)/bin)
	$(call typecheck_in,$(LATEST)/bin)
	$(call test_in,$(LATEST)/bin)
	$(call docs_in,$(LATEST)/bin)

# Move the lock to the newest releases (then `make check` and commit uv.lock).
lock: $(UV)
	$(UV) lock --upgrade --python $(PYTHON)

bench: $(STAMP)
	$(BIN)/python benchmarks/scoring.py
	$(BIN)/python benchmarks/reports.py
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/importing.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/comparing.py

clean:
	rm -rf $(VENV) $(LATEST) $(TOOLS) out build dist .pytest_cache .mypy_cache .ruff_cache
