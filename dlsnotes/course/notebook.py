"""Check a whole course assignment notebook (``.ipynb``) in one call.

::

    from dlsnotes.course import check_notebook
    print(check_notebook("My_W4A1.ipynb"))

    $ python -m dlsnotes.course check My_W4A1.ipynb

The graded functions are found by the course's ``# GRADED FUNCTION: name`` lines (also
``#GRADED FUNCTION:name``, or below an import), or, where a learner deleted or edited that
line, by the cell's nbgrader metadata (``grade_id`` naming the function, or a ``solution``
cell defining a course function). They are *defined* without running the notebook: only
the notebook's import lines run, with the course's own files that are not here replaced
(``planar_utils``, ``dnn_utils``, ``dnn_app_utils_v3`` by :mod:`dlsnotes.course`'s
versions of their helpers; ``testCases_v2``, ``public_tests``, ``test_utils``, ... by empty
stand-ins), then the graded cells' ``def`` s — the graded function and the learner's own
helpers in the same cell (their own ``sigmoid`` is the one used), magics such as
``%matplotlib inline`` left out. No data file, test module or training run is needed.

Each function then gets :func:`dlsnotes.course.check`'s verdict, in the assignment's order,
with the cell it came from. A cell with a syntax error gives that function its own verdict
(the line and the message) and never stops the others; a function graded in two cells is
checked in its later version (the one a top-to-bottom run keeps), and the report says so.
A backward pass is judged on the course's inputs, so a broken forward pass of the learner
does not hide or cause its verdict. Older versions of the assignments (W3A1's
``compute_cost(A2, Y, parameters)``, W4A1's ``grads`` keys ``dA1 ... dAL``, W4A2's models
returning ``parameters`` only) are judged for their version: the notebook's imports tell which one it is (the current notebooks import
``public_tests``).
"""

from __future__ import annotations

import ast
import builtins
import difflib
import dis
import functools
import inspect
import json
import linecache
import re
import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..checking import run
from . import w3a1, w4a1, w4a2
from ._cases import CHECKABLE, SPECS
from .checker import CheckReport, check

__all__ = ["check_notebook", "NotebookReport", "FunctionVerdict", "graded_cells", "write_notebook"]

# --------------------------------------------------------------------------- the course's files
#: The course's helper files, and what each holds, taken from dlsnotes.course's modules (never
#: a graded function: a learner's missing definition must not be filled in by a reference).
_HELPER_FILES = {
    "planar_utils": (w3a1, ("sigmoid", "load_planar_dataset", "load_extra_datasets",
                            "plot_decision_boundary")),
    "dnn_utils": (w4a1, ("sigmoid", "sigmoid_backward", "relu", "relu_backward")),
    "dnn_app_utils": (w4a2, tuple(n for n in w4a2.__all__
                                  if n not in ("two_layer_model", "L_layer_model"))),
}
_HELPER_ALIASES = {"dnn_utils_v2": "dnn_utils", "dnn_app_utils_v2": "dnn_app_utils",
                   "dnn_app_utils_v3": "dnn_app_utils"}
#: The course's test files: not needed to define a function, replaced by empty stand-ins.
_TEST_FILES = re.compile(r"(testCases\w*|public_tests|test_utils|outputs|lr_utils)$")

_MARKER = re.compile(r"^[ \t]*#+[ \t]*GRADED[ \t_]*FUNCTION\b[ \t]*:?[ \t]*([A-Za-z_]\w*)?",
                     re.IGNORECASE | re.MULTILINE)
_BACKWARD = {"backward_propagation": "forward_propagation", "L_model_backward": "L_model_forward"}

# Where each course function sits in its assignment (the order of the report).
_ORDER = {}
for _i, _spec in enumerate(SPECS):
    _ORDER.setdefault(_spec.assignment, {}).setdefault(_spec.name, _i)

# Names that give an assignment away (shared names such as compute_cost do not).
_SIGNS = {
    "W3A1": {"layer_sizes", "forward_propagation", "backward_propagation", "nn_model", "planar_utils"},
    "W4A1": {"initialize_parameters_deep", "linear_forward", "linear_activation_forward",
             "L_model_forward", "linear_backward", "linear_activation_backward", "L_model_backward",
             "dnn_utils", "dnn_utils_v2"},
    "W4A2": {"two_layer_model", "L_layer_model", "dnn_app_utils_v3", "dnn_app_utils_v2",
             "dnn_app_utils"},
}


class _Missing:
    """Whatever a course test file would have provided: harmless until called."""

    def __init__(self, module, name):
        self._where = f"{name} (from the course file {module})"

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"{self._where} is not available here: check_notebook defines "
                           "your functions without the course's test files.")

    def __repr__(self):
        return f"<{self._where}: not available>"


def _stand_in(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__all__ = []  # `from public_tests import *` imports nothing
    module.__getattr__ = lambda attr: _Missing(name, attr)  # `from test_utils import single_test`
    return module


def _helper_module(name: str) -> types.ModuleType:
    source, names = _HELPER_FILES[_HELPER_ALIASES.get(name, name)]
    module = types.ModuleType(name, f"the course's {name}, from {source.__name__}")
    for attr in names:
        setattr(module, attr, getattr(source, attr))
    module.__all__ = list(names)
    # the course file's other helpers (print_mislabeled_images, ...): harmless until called
    module.__getattr__ = lambda attr: _Missing(name, attr)
    return module


def _namespace(notes: list) -> dict:
    """A fresh global namespace whose ``import`` finds the course's files here."""
    real_import = builtins.__import__
    made = {}

    def course_import(name, globals=None, locals=None, fromlist=(), level=0):
        top = name.partition(".")[0]
        if level == 0 and (top in _HELPER_FILES or top in _HELPER_ALIASES):
            return made.setdefault(top, _helper_module(top))
        if level == 0 and _TEST_FILES.match(top):
            return made.setdefault(top, _stand_in(top))
        try:
            return real_import(name, globals, locals, fromlist, level)
        except ImportError:
            if top not in made:
                notes.append(f"`import {name}` failed here (not installed); a stand-in was used.")
            return made.setdefault(top, _stand_in(top))

    own_builtins = dict(vars(builtins))
    own_builtins["__import__"] = course_import
    return {"__builtins__": own_builtins, "__name__": "__notebook__"}


# --------------------------------------------------------------------------- reading the cells
def _strip_magics(source: str) -> str:
    """The cell as Python: IPython lines (``%matplotlib inline``, ``!pip``, ``%%time``) become
    blank lines, so line numbers stay those of the notebook."""
    lines = source.split("\n")
    out = [("" if re.match(r"\s*[%!]", line) else line) for line in lines]
    return "\n".join(out)


def _cell_source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _defined(tree) -> list:
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _defined_by_text(source) -> list:
    return re.findall(r"^def[ \t]+([A-Za-z_]\w*)", source, re.MULTILINE)


def _metadata_names(cell) -> list:
    """Course functions the cell's nbgrader metadata names (``grade_id``)."""
    grade_id = str((cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id", ""))
    found = []
    for name in sorted(CHECKABLE, key=len, reverse=True):
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", grade_id) \
                and not any(name in f for f in found):
            found.append(name)
    return found


def _is_solution_cell(cell) -> bool:
    return bool((cell.get("metadata", {}).get("nbgrader") or {}).get("solution"))


@dataclass
class _Graded:
    index: int  # 0-based position in the notebook
    names: list  # the graded functions it defines
    source: str
    tree: ast.Module | None
    syntax_error: SyntaxError | None
    how: str = ""  # how the cell was recognised when not by its marker
    execution_count: int | None = None


def graded_cells(cells) -> list:
    """The graded cells of a notebook's ``cells`` (dicts as in the ``.ipynb``), in order.

    A cell is graded when it has a ``# GRADED FUNCTION: name`` line; or, with that line
    deleted or edited, when its nbgrader metadata names a course function it defines (or
    marks it a solution cell defining one). With no graded cell at all, every code cell
    defining a course function is taken.
    """
    found = []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        source = _strip_magics(_cell_source(cell))
        markers = _MARKER.findall(source)
        meta = _metadata_names(cell)
        if not markers and not meta and not _is_solution_cell(cell):
            continue
        try:
            tree, error = ast.parse(source), None
            defined = _defined(tree)
        except SyntaxError as exc:
            tree, error, defined = None, exc, _defined_by_text(source)
        course_defs = [n for n in defined if n in CHECKABLE]
        named = [n for n in markers if n and n in defined]
        how = ""
        if named:
            names = named
        elif [n for n in meta if n in defined]:
            names = [n for n in meta if n in defined]
            how = ("found by the cell's nbgrader metadata: its '# GRADED FUNCTION: "
                   f"{names[0]}' line is " + ("edited" if markers else "missing"))
        elif course_defs and (markers or _is_solution_cell(cell)):
            said = next((m for m in markers if m), None)
            # an edited line: the course function it is closest to, else the cell's last one
            # (a learner's own helpers, such as sigmoid, come before the graded function)
            names = (difflib.get_close_matches(said or "", course_defs, n=1, cutoff=0.5)
                     or course_defs[-1:]) if markers else course_defs
            how = (f"the cell's GRADED FUNCTION line names {said!r}, but the cell defines "
                   f"{names[0]}" if said else
                   "found by the cell's nbgrader metadata (a solution cell)" if not markers else
                   "the cell's GRADED FUNCTION line names no function")
        elif markers and error is not None:
            names = [n for n in markers if n] or defined[:1]
        else:
            continue
        if not names:
            continue
        found.append(_Graded(index, names, source, tree, error, how, cell.get("execution_count")))
    if not found:  # no markers and no metadata: every course function the notebook defines
        for index, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            source = _strip_magics(_cell_source(cell))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            names = [n for n in _defined(tree) if n in CHECKABLE]
            if names:
                found.append(_Graded(index, names, source, tree, None,
                                     "no GRADED FUNCTION lines in the notebook: every course "
                                     "function it defines is checked", cell.get("execution_count")))
    return found


# --------------------------------------------------------------------------- the report
@dataclass
class FunctionVerdict:
    """One graded function's verdict, with the cell it came from (1-based, as counted in
    the notebook from the top, markdown cells included)."""

    name: str
    cell: int
    passed: bool
    report: CheckReport | None = None
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    execution_count: int | None = None

    @property
    def where(self):
        run_as = f", In [{self.execution_count}]" if self.execution_count else ""
        return f"cell {self.cell}{run_as}"

    def __bool__(self):
        return self.passed

    def __str__(self):
        if self.report is not None:
            lines = str(self.report).split("\n")
            if not self.passed and self.report.passed:  # failed for a reason found here
                lines[0] = f"✘ {self.name}" + (f" ({self.report.assignment})"
                                               if self.report.assignment else "") + ":"
        else:
            lines = [f"✘ {self.name}: could not be checked."]
        lines[0] = f"{self.where}: {lines[0]}"
        lines += [f"  - {p}" for p in self.problems] + [f"  · {n}" for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__


@dataclass
class NotebookReport:
    """All graded functions of one notebook, in the assignment's order."""

    path: str
    assignment: str | None
    version: str | None  # "current", "older" or None (not told by the imports)
    functions: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.functions) and all(f.passed for f in self.functions)

    def __bool__(self):
        return self.passed

    def __getitem__(self, name) -> FunctionVerdict:
        for verdict in self.functions:
            if verdict.name == name:
                return verdict
        raise KeyError(f"{name} is not among the graded functions found: "
                       f"{', '.join(f.name for f in self.functions) or 'none'}.")

    def __str__(self):
        version = {"current": "the current version (it imports public_tests)",
                   "older": "an older version (it imports the test cases, not public_tests)"}
        head = f"{Path(self.path).name}: " + (f"{self.assignment}, " if self.assignment else "")
        head += version.get(self.version, "version not told by its imports")
        head += f"; {len(self.functions)} graded function{'s' * (len(self.functions) != 1)}."
        lines = [head] + [f"  · {n}" for n in self.notes] + [""]
        lines += [str(f) for f in self.functions]
        good = sum(f.passed for f in self.functions)
        lines += ["", f"{good} of {len(self.functions)} agree with the course."
                  if self.functions else "No graded function found: is this a course assignment "
                  "notebook (cells with '# GRADED FUNCTION: name')?"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


# --------------------------------------------------------------------------- defining
def _keep(node) -> bool:
    """The statements of a graded cell that define things, and never run the learner's code
    (imports, ``def``, ``class``, and names bound to a literal or a lambda)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import,
                         ast.ImportFrom)):
        return True
    if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
        if isinstance(node.value, ast.Lambda):
            return True
        try:
            ast.literal_eval(node.value)
            return True
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
    return False


def _exec(nodes, source, filename, namespace):
    """Run ``nodes`` of a cell whose text is ``source``; tracebacks and the checker's
    messages then quote the learner's own lines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    code = compile(ast.Module(body=nodes, type_ignores=[]), filename, "exec")
    exec(code, namespace)  # noqa: S102 - definitions only: imports, def, class, literals


def _imports(tree):
    return [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]


def _imported_modules(cells) -> set:
    names = set()
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_strip_magics(_cell_source(cell)))
        except SyntaxError:
            continue
        for node in _imports(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.partition(".")[0])
            elif isinstance(node, ast.Import):
                names.update(a.name.partition(".")[0] for a in node.names)
    return names


def _version(modules) -> str | None:
    if "public_tests" in modules:
        return "current"
    if any(re.fullmatch(r"testCases\w*", m) for m in modules):
        return "older"
    return None


def _assignment(graded, modules) -> str | None:
    seen = {n for g in graded for n in g.names} | modules
    scores = {a: len(seen & signs) for a, signs in _SIGNS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def _referenced(fn) -> set:
    """Global names a function (and the functions nested in it) reads: the other functions it
    calls, never an attribute such as ``.shape``."""
    names, stack = set(), [getattr(fn, "__code__", None)]
    while stack:
        code = stack.pop()
        if code is None:
            continue
        names.update(i.argval for i in dis.get_instructions(code)
                     if i.opname in ("LOAD_GLOBAL", "LOAD_NAME"))
        stack += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return names


# --------------------------------------------------------------------------- older versions
def _required_positional(fn) -> list:
    try:
        return [p.name for p in inspect.signature(fn).parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    except (TypeError, ValueError):
        return []


_UNUSED_PARAMETERS = {"W1": np.zeros((4, 2)), "b1": np.zeros((4, 1)), "W2": np.zeros((1, 4)),
                      "b2": np.zeros((1, 1))}


def _old_compute_cost(fn):
    @functools.wraps(fn)
    def compute_cost(A2, Y):
        return fn(A2, Y, {k: v.copy() for k, v in _UNUSED_PARAMETERS.items()})
    return compute_cost


def _uses_old_dA_keys(fn) -> bool:
    """Whether ``L_model_backward`` stores ``dA`` under ``dA1 ... dAL`` (the older course)."""
    rs = np.random.RandomState(7)
    X, Y = rs.randn(3, 4), (rs.randn(1, 4) > 0).astype(int)
    P = {"W1": rs.randn(2, 3), "b1": rs.randn(2, 1), "W2": rs.randn(1, 2), "b2": rs.randn(1, 1)}
    AL, caches = w4a1.L_model_forward(X, P)
    ran = run(fn, (AL, Y, caches))
    keys = ran.value.keys() if ran.error is None and isinstance(ran.value, dict) else ()
    return "dA2" in keys and "dA0" not in keys


def _old_L_model_backward(fn):
    @functools.wraps(fn)
    def L_model_backward(AL, Y, caches):
        grads = fn(AL, Y, caches)
        if not isinstance(grads, dict):
            return grads
        shifted = {k: v for k, v in grads.items() if not re.fullmatch(r"dA\d+", k)}
        for l in range(1, len(caches) + 1):
            if f"dA{l}" in grads:
                shifted[f"dA{l - 1}"] = grads[f"dA{l}"]
        return shifted
    return L_model_backward


def _returns_parameters_only(name, fn) -> bool:
    """Whether a W4A2 model returns ``parameters`` alone (the older W4A2, which plotted the
    costs instead of returning them)."""
    rs = np.random.RandomState(5)
    dims = (6, 3, 1) if name == "two_layer_model" else (6, 4, 3, 1)
    X, Y = rs.randn(6, 8), (rs.randn(1, 8) > 0).astype(int)
    ran = run(fn, (X, Y, dims, 0.0075, 2, False))
    return ran.error is None and isinstance(ran.value, dict)


def _old_model(name, fn):
    reference = getattr(w4a2, name)

    @functools.wraps(fn)
    def model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        parameters = fn(X, Y, layers_dims, learning_rate, num_iterations, print_cost)
        if not isinstance(parameters, dict):
            return parameters
        # The costs this version did not return: the course's, so that only the parameters
        # (where every mistake of the loop shows) decide.
        state = np.random.get_state()
        costs = reference(X, Y, layers_dims, learning_rate, num_iterations, False)[1]
        np.random.set_state(state)
        return parameters, costs
    return model


def _for_version(name, fn, version, assignment):
    """``(function to check, problems, notes)`` for an older course version's function."""
    if name == "compute_cost" and len(_required_positional(fn)) == 3:
        said = "compute_cost(A2, Y, parameters) is the older W3A1's signature"
        if version == "current":
            return fn, [f"{said}; this notebook is the current version, whose tests call "
                        "compute_cost(A2, Y): remove the parameters argument."], []
        return _old_compute_cost(fn), [], [f"{said} (parameters unused): judged as that version."]
    if name == "L_model_backward" and _uses_old_dA_keys(fn):
        said = ("grads holds dA under 'dA1' ... 'dAL' (grads['dA' + str(l)] is dA of layer "
                "l - 1), the older W4A1's keys")
        if version == "current":
            return fn, [f"{said}; this notebook is the current version, whose tests want "
                        "'dA0' ... 'dA{L-1}': grads['dA' + str(l)] = dA_prev of layer l + 1."], []
        return _old_L_model_backward(fn), [], [f"{said}: judged as that version."]
    if name in ("two_layer_model", "L_layer_model") and _returns_parameters_only(name, fn):
        said = (f"{name} returns parameters only, as the older W4A2 did (it plotted the costs); "
                "the current version returns (parameters, costs)")
        if version == "current":
            return fn, [f"{said}, and this notebook is the current version: return parameters, costs."], []
        return _old_model(name, fn), [], [f"{said}: judged as the older version, on the parameters."]
    return fn, [], []


# --------------------------------------------------------------------------- the entry point
def write_notebook(path, sources) -> Path:
    """Write code cells (one string each) as a minimal ``.ipynb`` (nbformat 4), to try
    :func:`check_notebook` on a few functions of your own; returns the path."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}", "metadata": {},
              "outputs": [], "source": str(text)} for i, text in enumerate(sources, start=1)]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    Path(path).write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return Path(path)


def _read(path):
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"No notebook at {str(path)!r}: give the path of your downloaded "
                                "assignment, e.g. check_notebook('My_W4A1.ipynb').")
    if p.is_dir():
        raise ValueError(f"{str(path)!r} is a folder: give the .ipynb file inside it, e.g. "
                         f"{str(p / 'My_W4A1.ipynb')!r}.")
    try:
        nb = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{p.name} is not a Jupyter notebook (.ipynb is JSON; this file is not: "
                         f"{exc}). Download it from the course with File > Download.") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", nb.get("worksheets")), list):
        raise ValueError(f"{p.name} has no cells: it is not a Jupyter notebook in format 4.")
    if "cells" not in nb:  # format 3: cells inside worksheets, code under "input"
        nb = {"cells": [dict(c, source=c.get("input", c.get("source", "")))
                        for w in nb["worksheets"] for c in w.get("cells", [])]}
    return nb["cells"]


def check_notebook(path, *, assignment=None) -> NotebookReport:
    """Check every graded function of a course assignment notebook, without running it.

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` as downloaded from the course (``File > Download``).
    assignment : {"W3A1", "W4A1", "W4A2"}, optional
        Which assignment it is; by default read from the graded functions and the imports.

    Returns
    -------
    NotebookReport
        One :class:`FunctionVerdict` per graded function, in the assignment's order; truthy
        when all agree with the course. ``str(report)`` is the printed report.
    """
    cells = _read(path)
    state = np.random.get_state()  # the learner's functions seed numpy; the caller's state stays
    try:
        return _check_cells(cells, path, assignment)
    finally:
        np.random.set_state(state)


def _check_cells(cells, path, assignment) -> NotebookReport:
    notes = []
    graded = graded_cells(cells)
    modules = _imported_modules(cells)
    if assignment is not None:
        assignment = str(assignment).upper()
        if assignment not in _ORDER:
            raise ValueError(f"assignment must be one of {', '.join(_ORDER)}; got {assignment!r}.")
    else:
        assignment = _assignment(graded, modules)
    version = _version(modules)
    report = NotebookReport(str(path), assignment, version, notes=notes)
    namespace = _namespace(notes)
    where = {}  # name -> the _Graded cell that defines it last
    verdicts = {}
    graded_at = {g.index: g for g in graded}
    name = Path(path).name
    skipped_magic = any(re.match(r"\s*%", line) for c in cells if c.get("cell_type") == "code"
                        for line in _cell_source(c).split("\n"))
    if skipped_magic:
        notes.append("IPython magics (%matplotlib inline, ...) are left out; only imports and the "
                     "graded cells' definitions run.")
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        filename = f"<{name} cell {index + 1}>"
        g = graded_at.get(index)
        if g is None:  # another cell: its imports only
            _run_imports(_strip_magics(_cell_source(cell)), filename, namespace, notes, index)
            continue
        for fn_name in g.names:
            if fn_name in where:
                earlier = where[fn_name].index + 1
                verdicts.setdefault(fn_name, {}).setdefault("notes", []).append(
                    f"also graded in cell {earlier}; the later cell {index + 1} is the one "
                    "checked, as a top-to-bottom run keeps it.")
            where[fn_name] = g
        if g.syntax_error is not None:
            continue
        try:
            _exec([n for n in g.tree.body if _keep(n)], g.source, filename, namespace)
        except Exception as exc:  # noqa: BLE001 - a definition that fails (a default argument, ...)
            for fn_name in g.names:
                verdicts.setdefault(fn_name, {})["error"] = (
                    f"defining it failed: {type(exc).__name__}: {exc}")
    helpers = {n: g for g in graded for n in (_defined(g.tree) if g.tree else [])
               if n not in g.names}
    order = _ORDER.get(assignment, {})
    names = sorted(where, key=lambda n: (order.get(n, len(SPECS)), where[n].index))
    for fn_name in names:
        report.functions.append(_verdict(fn_name, where[fn_name], namespace, verdicts.get(fn_name, {}),
                                         assignment, version, helpers))
    _explain_dependencies(report, namespace, where)
    unmarked = _unmarked(cells, set(where), order)
    if unmarked:
        notes.append("not checked, defined without a GRADED FUNCTION line: " + ", ".join(
            f"{n} (cell {i + 1})" for n, i in unmarked) + ". Put the line back above it to check it.")
    return report


def _unmarked(cells, graded, course_names):
    """Course functions of this assignment that a code cell defines outside any graded cell."""
    found = {}
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        for n in _defined_by_text(_strip_magics(_cell_source(cell))):
            if n in course_names and n not in graded:
                found[n] = index
    return sorted(found.items(), key=lambda item: item[1])


def _run_imports(source, filename, namespace, notes, index):
    """The import lines of a cell that is not graded (one by one if the cell does not parse)."""
    try:
        statements = [(_imports(ast.parse(source)), source)]
    except SyntaxError:
        statements = []
        for line in source.split("\n"):
            if re.match(r"(import|from)\s+\w", line):
                try:
                    statements.append((_imports(ast.parse(line)), line))
                except SyntaxError:
                    continue
    for nodes, text in statements:
        for node in nodes:  # one at a time: a failing import never blocks the next one
            try:
                _exec([node], text, filename, namespace)
            except Exception as exc:  # noqa: BLE001 - an import that fails at import time
                notes.append(f"an import of cell {index + 1} failed ({type(exc).__name__}: {exc}).")


def _syntax_problem(g: _Graded) -> str:
    exc = g.syntax_error
    line = (exc.text or "").strip()
    quoted = f": `{line}`" if line else ""
    return (f"cell {g.index + 1} has a syntax error at line {exc.lineno}{quoted} — {exc.msg}. "
            "Nothing in that cell could be defined; fix the line, then check again.")


def _verdict(name, g, namespace, extra, assignment, version, helpers) -> FunctionVerdict:
    verdict = FunctionVerdict(name, g.index + 1, False, execution_count=g.execution_count,
                              notes=list(extra.get("notes", [])))
    if g.how:
        verdict.notes.insert(0, g.how + ".")
    if g.syntax_error is not None:
        verdict.problems.append(_syntax_problem(g))
        return verdict
    if "error" in extra:
        verdict.problems.append(extra["error"])
        return verdict
    fn = namespace.get(name)
    if not callable(fn):
        verdict.problems.append(f"{name} is not defined by cell {g.index + 1}.")
        return verdict
    if name not in CHECKABLE:
        verdict.problems.append(f"{name} is not one of the functions dlsnotes.course knows (those of "
                                "W3A1, W4A1 and W4A2), so it is not checked.")
        return verdict
    try:
        asg = assignment if assignment in CHECKABLE.get(name, []) else None
        to_check, problems, notes = _for_version(name, fn, version, asg)
        report = check(to_check, name=name, assignment=asg)
    except Exception as exc:  # noqa: BLE001 - one function's trouble never stops the others
        verdict.problems.append(f"the check could not run ({type(exc).__name__}: {exc}); please "
                                "report this.")
        return verdict
    verdict.report = report
    verdict.problems += problems
    verdict.notes += notes
    verdict.passed = report.passed and not problems
    own = sorted(n for n in _referenced(fn) if n in helpers)
    if own:
        verdict.notes.append("uses your own " + ", ".join(
            f"{n} (cell {helpers[n].index + 1})" for n in own) + ".")
    if name in _BACKWARD:
        verdict.notes.append(f"judged on the course's inputs (the course's forward pass), so "
                             f"your {_BACKWARD[name]} does not decide this verdict.")
    return verdict


#: The import line of each assignment's first code cell that brings the course's helpers.
_COURSE_IMPORT = {"W3A1": ("planar_utils", "from planar_utils import plot_decision_boundary, sigmoid, "
                                           "load_planar_dataset, load_extra_datasets"),
                  "W4A1": ("dnn_utils", "from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward"),
                  "W4A2": ("dnn_app_utils", "from dnn_app_utils_v3 import *")}


def _missing_names_note(missing, assignment):
    names = ", ".join(missing)
    verb = "are" if len(missing) > 1 else "is"
    if assignment in _COURSE_IMPORT:
        helper, line = _COURSE_IMPORT[assignment]
        if set(missing) <= set(_HELPER_FILES[helper][1]):
            return (f"{names} {verb} not defined: the course's notebook imports {'them' if len(missing) > 1 else 'it'} "
                    f"in its first code cell with `{line}`, a line this notebook lacks. Put it back.")
    return (f"{names} {verb} not defined by the notebook's imports or graded cells, the only cells "
            "that run here: define it in the graded cell that uses it.")


def _explain_dependencies(report, namespace, where):
    """A failing function that calls another failing graded function: say which to fix first."""
    failed = {v.name: v for v in report.functions if not v.passed}
    for verdict in report.functions:
        if verdict.passed:
            continue
        fn = namespace.get(verdict.name)
        calls = _referenced(fn) if callable(fn) else set()
        for other in sorted(calls & set(failed) - {verdict.name}):
            g = where[other]
            if g.syntax_error is not None:
                verdict.notes.append(f"it calls your {other}, which could not be defined (the "
                                     f"syntax error in cell {g.index + 1}).")
            else:
                verdict.notes.append(f"it calls your {other}, which fails its own check: fix "
                                     f"{other} first, then check again.")
        if callable(fn) and verdict.report is not None and "NameError" in str(verdict.report):
            missing = sorted(n for n in calls if n not in namespace and n not in failed
                             and n not in vars(builtins))
            if missing:
                verdict.notes.append(_missing_names_note(missing, report.assignment))
