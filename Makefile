# Two set-up commands (see README): `make corpus` and `make test`. Each installs what it needs into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install browser corpus test test-fast bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# torch is pinned here only (not in setup.cfg): 2.13.0 is a CPU build on this project's machines; letting pip
# resolve it freely would pull a multi-GB CUDA build.
$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[test,offline,dask]"
	touch $@

install: $(VENV)/.installed

corpus: install
	mkdir -p $(OUT)
	$(BIN)/quotekit extract corpora/ -o $(OUT)/quotes.jsonl --manifest $(OUT)/manifest.jsonl
	$(BIN)/quotekit report $(OUT)/quotes.jsonl --corpus corpora/ -o $(OUT)/report.html

# The report's browser test needs a headless Chromium (Debian's package; installed when missing and root).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  { echo "install Chromium for the browser test: sudo apt-get install chromium"; exit 1; }

test: install browser
	$(BIN)/python -m pytest -q

# The inner loop: everything but the browser, stanza-training and Dask-cluster tests (markers in setup.cfg).
test-fast: install
	$(BIN)/python -m pytest -q -m "not browser and not stanza_training and not dask"

# benchmarks/reuse_scaling.py: quote reuse (quotekit.measures) timed on synthetic corpora of 1,000 and 10,000
# documents (a few minutes of CPU; never part of the tests)
bench: install
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/reuse_scaling.py

clean:
	rm -rf $(VENV) $(OUT) .quotekit-cache
