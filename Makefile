# The guide's two commands: `make verify` (strict build + every sample against the embedded mock)
# and `make test` (everything). Each installs what it needs first, so either works on a fresh clone.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MOCK_PORT ?= 8765
SCENARIO ?= default
PYTEST_ARGS ?=
LIVE_MAX_MESSAGES ?= 4
BENCH_ARGS ?=
# JOBS: pytest-xdist workers, each with its own mock (`auto`: one per core; `make bench` measures the gain).
JOBS ?= auto
# SHARD=i/N runs the i-th of N parts of the suite (pytest-split, balanced by the committed
# .test_durations, which `make durations` refreshes), so a CI matrix of N machines runs it all.
SHARD ?=
SPLIT = $(if $(SHARD),--splits $(lastword $(subst /, ,$(SHARD))) --group $(firstword $(subst /, ,$(SHARD))))
# make verify runs no property-based tests: leaving their pytest plugins out (schemathesis's imports
# hypothesis) saves about a second in every pytest process, workers included. bench/pytest_run.py
# passes the same flags.
VERIFY_PLUGINS := -p no:schemathesis -p no:hypothesispytest
# Which lines of each sample its cases run (src/sample_harness/line_coverage.py); a shown line that
# no case runs fails the run unless tests/expectations.toml says why. Not in make verify: it costs.
COVERAGE := --sample-coverage=reports/coverage-data
# make verify's verdict cache (.cache/verify/): off with FRESH=1, and under CI=true (the plugin checks too).
FRESH ?=
CACHE = $(if $(or $(FRESH),$(filter true,$(CI))),,--verdict-cache)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install browser shell-tools serve build mock verify watch verify-live test coverage durations lint bench clean

## install: the virtualenv with the mock, the docs tools and the harness; the Node SDK; Chromium; curl
## and jq for the curl samples (idempotent)
install: $(VENV)/.installed node_modules/.installed browser shell-tools

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## browser: Debian's Chromium for the browser tests (Playwright's own download cannot work here), with
## apt where it is missing. Without it the browser tests skip, except under CI=true, where this fails.
browser:
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; } \
		|| { [ "$$CI" != true ] && echo "make: could not install chromium; the browser tests will skip" >&2; }

## shell-tools: curl and jq, which the curl samples run on, from apt where one is missing
shell-tools:
	@command -v curl >/dev/null && command -v jq >/dev/null || { apt-get update && apt-get install -y curl jq; }

## serve: preview the site on http://127.0.0.1:8000, rebuilding when docs/ or code-samples/ change
serve: install
	$(PY) -m mkdocs serve

## build: the strict build (a missing include, section or link fails)
build: install
	$(PY) -m mkdocs build --strict

## mock: the mock platform in the foreground on 127.0.0.1:$(MOCK_PORT); prints .env lines first
mock:
	@$(MAKE) --no-print-directory install >&2
	@$(PY) -m ringcentral_mock --port $(MOCK_PORT) --scenario $(SCENARIO)

## verify: the main job: strict build, then every documented sample in every language; a case that
## passed before, with nothing it depends on changed since, is not run again (FRESH=1 runs them all;
## so does CI=true)
verify: install
	$(PY) -m pytest -n $(JOBS) $(SPLIT) $(VERIFY_PLUGINS) $(CACHE) tests/test_samples.py $(PYTEST_ARGS)
	@# then the strict build (a warning fails it), so the notes under the samples come from the report
	@# this run just wrote
	$(PY) -m mkdocs build --strict

## watch: serve the site on http://127.0.0.1:8000 and verify again, on each save, the samples it
## touches (the page reloads with the new note under each sample)
watch: install
	$(PY) -m sample_harness.watch $(PYTEST_ARGS)

## verify-live: the same sample tests against RC_SERVER_URL with the credentials in .env; sends real
## messages (at most LIVE_MAX_MESSAGES): see docs/maintainers/live-runs.md. One at a time (-n 0).
verify-live: install
	$(PY) -m pytest --live --live-max-messages=$(LIVE_MAX_MESSAGES) -n 0 -rs tests/test_samples.py $(PYTEST_ARGS)

## test: everything (SHARD=i/N: one part of it), the samples' line coverage included
test: install
	$(PY) -m pytest -n $(JOBS) $(SPLIT) $(COVERAGE) $(PYTEST_ARGS)

## coverage: every sample's cases, measuring which shown lines no case runs (reports/coverage.json)
coverage: install
	$(PY) -m pytest -n $(JOBS) $(VERIFY_PLUGINS) $(COVERAGE) tests/test_samples.py $(PYTEST_ARGS)

## durations: time every test again into .test_durations (commit it), so shards stay balanced
durations: install
	$(PY) -m pytest -n $(JOBS) --store-durations --clean-durations $(PYTEST_ARGS)

## lint: ruff on the Python, node --check on the JavaScript, ShellCheck on the curl samples, and
## every sample within 79 columns
lint: install
	$(PY) -m ruff check src tests hooks code-samples bench
	@# SC1128: on disk a section marker sits above the shebang, which the page shows first
	$(VENV)/bin/shellcheck --exclude=SC1128 $$(git ls-files 'code-samples/*.sh')
	for f in $$(git ls-files 'code-samples/*.js' 'bench/*.js'); do node --check "$$f" || exit 1; done
	$(PY) -m pytest -q -n 0 $(VERIFY_PLUGINS) tests/test_sample_width.py

## bench: time the harness against the floor of starting each SDK; check the speed targets (reports/bench.json)
bench: install
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules site reports .pytest_cache
