# Two entry points: `make demo` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-slow lint bench browser vendor clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/referatgraf demo --out out

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not slow"

# The long runs: 10,000-case fuzzing of parser and extractor (about 10 minutes).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

# Headless Chromium for the browser tests (Debian packages; needs root, else tests skip).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "could not install chromium: browser tests will be skipped"; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; \
	fi
	@# DejaVu fonts (æøå) for the PDF tests, which write real PDFs with fpdf2.
	@if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null) \
	      || echo "could not install fonts-dejavu-core: PDF tests will be skipped"; \
	  else echo "fonts-dejavu-core missing and not root: PDF tests will be skipped"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every benchmark with its default sizes (long: about an hour); numbers in docs/benchmarks.md.
bench: $(STAMP)
	set -e; for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script; done

# Refresh the vendored YASGUI (viz/vendor/yasgui, committed) from npm at the version in package.json.
vendor:
	npm install --no-audit --no-fund --silent
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css viz/vendor/yasgui/

clean:
	rm -rf out .pytest_cache test-artifacts
