# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing-app briefs

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff format --check briefing_app tests benchmarks
	$(BIN)/ruff check briefing_app tests benchmarks
	$(BIN)/mypy
	$(BIN)/vulture

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/load.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/startup.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m bench tests/hostile
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/hostile.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/import_table.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/scale.py

clean:
	rm -rf $(VENV) build dist *.egg-info
