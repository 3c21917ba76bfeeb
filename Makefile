# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-all coverage system-deps bench notebooks screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/zhaodong dashboard

system-deps:
	bash scripts/install-system-deps.sh

# The suite on two processes (pytest-xdist; each takes the next test as it finishes, so a slow
# browser test does not hold the other back): 10 minutes here instead of 13. PARALLEL= runs it in one.
PARALLEL ?= -n 2 --dist worksteal

test: system-deps $(VENV)/.installed-test
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest $(PARALLEL)
	$(MAKE) --no-print-directory coverage

# The same with ten times the examples of every property test (a long run, not CI's).
test-all: system-deps $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest $(PARALLEL)

# The dashboard's views and callbacks are tested directly, not only through a browser: at least
# 80% of dashboard/ runs under the tests that use no browser.
coverage: $(VENV)/.installed-test
	rm -f .coverage-dashboard .coverage-dashboard.*
	$(BIN)/python -m coverage run -m pytest -q -m "not browser" $(PARALLEL) tests/dashboard
	$(BIN)/python -m coverage combine --quiet
	$(BIN)/python -m coverage report --fail-under=80 --skip-covered

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/bench_parsing.py

# Re-execute every notebook on the embedded default into reports/ (git-ignored), as HTML.
notebooks: $(VENV)/.installed-test
	mkdir -p reports
	for notebook in notebooks/[0-9][0-9]-*.ipynb; do \
		name=$$(basename $$notebook .ipynb); \
		$(BIN)/papermill --cwd reports --no-progress-bar $$notebook reports/$$name.ipynb && \
		$(BIN)/jupyter nbconvert --to html reports/$$name.ipynb --output-dir reports; \
	done

# Drive the dashboard in headless Chromium and keep the README's screenshots current.
SHOTS := compare-1366:compare overview-1366:overview trends-1366:trends towns-1366:towns village-1366:village \
         sources-1366:sources town-1366:town compare-390-zh:compare-phone village-390:village-phone compare-en:compare-en
screenshots: system-deps $(VENV)/.installed-test
	CI=true $(BIN)/python -m pytest -q -m browser tests/browser
	for pair in $(SHOTS); do cp tests/browser/screenshots/$${pair%%:*}.png docs/screenshots/$${pair##*:}.png; done

clean:
	rm -rf $(VENV) build *.egg-info
