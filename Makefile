# Tactful: `make serve` runs the server on 127.0.0.1:8765, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8765

.PHONY: serve test test-python test-extension bench bench-load train eval install install-test chromium firefox clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The install stamps depend on pyproject.toml so a changed dependency list reinstalls.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

serve: install
	$(BIN)/tactful serve --host $(HOST) --port $(PORT)

test: test-python test-extension

test-python: install-test
	$(BIN)/python -m pytest

# Debian's Chromium drives the extension's end-to-end tests; no browser is downloaded.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Chromium from Debian's packages"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's Firefox ESR runs the extension's Firefox end-to-end tests (over WebDriver BiDi).
firefox:
	@command -v firefox-esr >/dev/null 2>&1 || { \
	  echo "installing Firefox ESR from Debian's packages"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq firefox-esr >/dev/null; }

test-extension: install-test chromium firefox
	cd extension && npm ci --no-audit --no-fund --loglevel=error && npm test
	cd extension && TACTFUL_BIN=$(CURDIR)/$(BIN)/tactful FIREFOX_PATH=$$(command -v firefox-esr) npm run e2e
	cd extension && npm run build

# The learned detector: rebuild its weights from data/ (seeded, offline), and measure rules alone and
# rules plus the detector on drafts nothing was trained or tuned on.
SHARED ?= ../shared/eval
$(VENV)/.installed-train: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[train]'
	touch $@

train: $(VENV)/.installed-train
	$(BIN)/python -m tactful.detector.train --data data --out server/tactful/detector

eval: install
	$(BIN)/python -m tactful.detector.evaluate \
	  --corpus validation.jsonl=$(SHARED)/validation.jsonl \
	  --corpus 'own-validation=data/batches/v*.jsonl' \
	  --corpus dev.jsonl=$(SHARED)/dev.jsonl \
	  --external $(SHARED)/external/agent_replies.jsonl --read 30
	$(BIN)/python -m tactful.evaluation.rewrites score --judged data/rewrites.jsonl \
	  --corpus validation.jsonl=$(SHARED)/validation.jsonl \
	  --corpus 'own-validation=data/batches/v*.jsonl'

bench: install-test
	$(BIN)/python bench/engine_bench.py

bench-load: install
	bash bench/load.sh

clean:
	rm -rf $(VENV) build dist *.egg-info extension/node_modules extension/dist
