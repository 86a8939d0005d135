# Two entry points for a fresh machine with Python 3.11 and git:
#   make lab   - set up .venv and open the notebooks in JupyterLab
#   make test  - set up .venv and run every test (unit, notebooks with nbval, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# matplotlib's font cache lives with the venv: a cache written by another installation (in
# ~/.cache) can list font files that are gone, and every figure then warns "findfont".
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig

.PHONY: lab test playground bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Extra options for JupyterLab, e.g. `make lab LAB_ARGS="--no-browser --port=8890"`;
# tests/test_make_lab.py starts this very recipe that way.
LAB_ARGS ?=

# --allow-root, always: JupyterLab refuses to start for root ("Running as root is not
# recommended"), and root is who runs `make` in a container or on a CI machine, where `make
# test` passes. The option is read only by that check, so for any other user it changes
# nothing, and an `id -u` test would add a branch without adding safety. What keeps a root
# server private is unchanged: it listens on localhost only and asks for its token. To reach
# it from outside a container, pass LAB_ARGS="--ip=0.0.0.0" (the ip is not fixed here, as
# JupyterLab refuses an option given twice). Voila (`make playground`) has no root check.
lab: $(STAMP)
	$(BIN)/jupyter lab --allow-root $(LAB_ARGS) notebooks/

# The playground app: the widget alone (app/playground.ipynb; the lesson around it is
# notebooks/06_playground.ipynb). app/voila.py shuts a kernel down when its tab closes and
# culls a kernel left without a tab after 10 idle minutes. Extra options, e.g.
# `make playground VOILA_ARGS="--no-browser --port=8867"`.
VOILA_ARGS ?=

playground: $(STAMP)
	$(BIN)/voila --Voila.config_file_paths=app $(VOILA_ARGS) app/playground.ipynb

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests --nbval-lax --nbval-sanitize-with tests/sanitize.cfg notebooks

# OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds) slow the
# current kernels: unset for the benchmarks only; bench_planar.py prints the kernel it runs.
bench: $(STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/bench_planar.py
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/bench_playground.py

clean:
	rm -rf $(VENV)
