# The two commands of the README: `make run` and `make test`. Both create .venv if needed.
# Debian's own python3 when it is there, new enough and able to make a venv: Debian builds
# it with profile-guided and link-time optimisation, and it runs an export 15-20% faster than
# an interpreter built without them (pyenv's default build, on the same machine; see
# docs/decisions.md). Otherwise whatever python3 is first on PATH; or `make PYTHON=...`.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
                   2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshot installer installer-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/referat-desktop

# Lint and types first (seconds), then the whole suite offscreen.
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# ruff (pyflakes, pycodestyle, isort, bugbear) and mypy, as configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check src tests tests_installer bench tools
	$(BIN)/mypy

# docs/screenshot.png (shown in the README): the window on the sample meeting, under Xvfb.
screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python tools/screenshot.py docs/screenshot.png

# The one-folder app dist/Referat/ (see build_installer.spec and README for Windows).
installer: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	$(BIN)/pyinstaller --noconfirm --log-level WARN build_installer.spec

# Builds the app, then starts the built binaries: --version, and a PDF export offscreen.
installer-test: installer
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests_installer

# Speed and memory figures with their targets; writes bench/results.md. Exits non-zero if a
# target is missed (the table still says which).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
