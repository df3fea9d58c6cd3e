# Two commands do all set-up on a fresh Linux machine with Python 3.11:
#   make run    installs what is needed into .venv and starts Planbord
#   make test   installs what is needed into .venv and runs the whole test suite
# Both are idempotent: the venv is (re)built only when pyproject.toml changed.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint bench mutation clean dist

$(STAMP): pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@bash scripts/check-qt-libs.sh
	$(VENV)/bin/python -m app

test: $(STAMP)
	@QT_QPA_PLATFORM=offscreen bash scripts/check-qt-libs.sh
	@bash scripts/ensure-soffice.sh
	@bash scripts/ensure-postgresql.sh
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -n auto

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/run.py

# Not part of make test: it takes long (incremental after the first run). Prints the score.
# make mutation SAMPLE=800 judges 800 random mutants instead: an estimate in minutes.
mutation: $(STAMP)
	@$(VENV)/bin/python -c "import mutmut" 2>/dev/null || \
		$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python scripts/mutation.py run $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(SEED),--seed $(SEED))

# The program in one folder for this platform (dist/Planbord), with PyInstaller from the dist
# extra; installers/README.md: how to smoke-test and install it.
DIST_STAMP := $(VENV)/.installed-dist
$(DIST_STAMP): $(STAMP)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,dist]'
	@touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	@if [ "$$(uname -s)" = Linux ]; then bash installers/linux/build-libs.sh; fi
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN installers/planbord.spec
	@du -sh dist/Planbord* | sed 's/^/Bundle size: /'

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis mutants build dist
