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

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

playground: $(STAMP)
	$(BIN)/voila notebooks/06_playground.ipynb

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests --nbval-lax --nbval-sanitize-with tests/sanitize.cfg notebooks

# OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds) slow the
# current kernels: unset for the benchmarks only; bench_planar.py prints the kernel it runs.
bench: $(STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/bench_planar.py
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/bench_playground.py

clean:
	rm -rf $(VENV)
