# Two commands: `make run` and `make test`. Both install into .venv from scratch.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
OUT    ?= build
# YASGUI, the SPARQL editor: built by npm (package.json), bundled into the package's static files.
YASGUI := node_modules/@zazuko/yasgui/build
EDITOR := src/kg_uitvoering/server/static/yasgui

.PHONY: install browser run test lint typecheck bench bench-full bench-endpoint evaluate docs clean

$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	command -v npm >/dev/null || { apt-get update && apt-get install -y npm; }
	npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(EDITOR)
	cp $(YASGUI)/yasgui.min.js $(YASGUI)/yasgui.min.css $(EDITOR)/
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium for the browser tests (tests/test_browser.py).
browser:
	command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }

run: install
	$(BIN)/kg-uitvoering extract data/letters --json $(OUT)/records.json --report $(OUT)/report.json
	$(BIN)/kg-uitvoering build data/letters --out $(OUT)/kg
	$(BIN)/kg-uitvoering load $(OUT)/kg --store $(OUT)/store
	$(BIN)/kg-uitvoering serve --store $(OUT)/store --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

test: install browser lint typecheck
	$(BIN)/python -m pytest -q

docs: install
	$(BIN)/kg-uitvoering queries --markdown docs/queries.md

evaluate: install
	$(BIN)/kg-uitvoering evaluate ../shared/corpus/dev

# Benchmarks (never part of `make test`): `make bench` is the quick run on 1k synthetic
# letters; `make bench-full` runs 1k, 10k and 100k (hours) and the endpoint comparison.
bench: install
	$(BIN)/python -m pip install --quiet matplotlib
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/report.py

bench-full: install
	$(BIN)/python -m pip install --quiet matplotlib
	KGU_BENCH_SIZES=1000,10000,100000 $(BIN)/python bench/bench_scale.py
	$(MAKE) bench-endpoint
	$(BIN)/python bench/report.py

bench-endpoint: install
	$(BIN)/python -m pip install --quiet rdflib-endpoint
	$(BIN)/python bench/bench_endpoint.py

clean:
	rm -rf $(VENV) $(OUT) node_modules $(EDITOR) .pytest_cache .mypy_cache .ruff_cache

# A synthetic corpus with gold annotations (bench/generate.py): `make corpus` writes
# build/corpus-1k; `make corpus LETTERS=100000` writes build/corpus-100k.
LETTERS ?= 1000
SEED    ?= 1
CORPUS  ?= $(OUT)/corpus-$(if $(filter %000,$(LETTERS)),$(patsubst %000,%k,$(LETTERS)),$(LETTERS))

.PHONY: corpus
corpus: install
	$(BIN)/python bench/generate.py --letters $(LETTERS) --seed $(SEED) --out $(CORPUS)
