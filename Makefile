# `make` builds every document into dist/; `make test` runs the tests. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all build test clean

all: build

$(BIN)/msguide: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Bytecode is compiled here because some environments (Docker images, this CI) set
# PYTHONDONTWRITEBYTECODE, and every run would otherwise recompile the package (~60 ms).
build: $(BIN)/msguide
	$(BIN)/python -m compileall -q generator
	$(BIN)/msguide build --all --out dist

test: $(BIN)/msguide
	$(BIN)/python -m pytest

clean:
	rm -rf dist
