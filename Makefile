# `make` builds every document into dist/; `make test` runs the tests. Both create .venv when missing,
# installing exactly what requirements.lock pins (versions and hashes). `make lock` refreshes the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VENV := .venv-lock
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11 --custom-compile-command "make lock"

.PHONY: all build test lock bench clean

all: build

# The venv is made from the lock alone: pip checks every hash and resolves nothing (--no-deps), and
# msguide itself is installed in place with the locked setuptools (no build isolation, so nothing
# unlocked is downloaded to build it).
$(BIN)/msguide: requirements.lock pyproject.toml
	@echo "Creating $(VENV) from requirements.lock (first run: about a minute) ..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off --require-hashes --no-deps \
		-r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation --quiet -e .
	@echo "$(VENV) is ready."
	touch $@

# Bytecode is compiled here because some environments (Docker images, this CI) set
# PYTHONDONTWRITEBYTECODE, and every run would otherwise recompile the package (~60 ms).
build: $(BIN)/msguide
	$(BIN)/python -m compileall -q generator
	$(BIN)/msguide build --all --out dist

test: $(BIN)/msguide
	$(BIN)/python -m pytest

# Refresh requirements.lock after changing dependencies in pyproject.toml (or to take new releases):
# uv, itself pinned in requirements/uv.txt, resolves for every platform and writes every hash.
lock:
	test -x $(UV_VENV)/bin/uv || { $(PYTHON) -m venv $(UV_VENV) && \
		$(UV_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/uv.txt; }
	$(UV_VENV)/bin/uv pip compile pyproject.toml requirements/build.in --extra test $(LOCK_FLAGS) \
		-o requirements.lock
	$(UV_VENV)/bin/uv pip compile requirements/uv.in $(LOCK_FLAGS) -o requirements/uv.txt
	$(UV_VENV)/bin/uv pip compile requirements/bench.in $(LOCK_FLAGS) -o requirements/bench.txt

# Figures for the README: msguide against Typst on the same content (Typst in a venv of its own).
bench: $(BIN)/msguide
	test -x .venv-bench/bin/python || { $(PYTHON) -m venv .venv-bench && \
		.venv-bench/bin/python -m pip install --quiet --require-hashes -r requirements/bench.txt; }
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf dist
