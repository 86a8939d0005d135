"""Check a learner's own assignment function against the course references.

::

    from dlsnotes.course import check
    check(backward_propagation)                                   # recognised by its name
    check(my_backward, name="backward_propagation", forward=my_forward)

:func:`check` recognises the course function (by ``__name__``, or ``name=``), runs the
learner's version on the course's test inputs and on random consistent ones, compares
every output with the reference of :mod:`~dlsnotes.course.w3a1`,
:mod:`~dlsnotes.course.w4a1` or :mod:`~dlsnotes.course.w4a2`, gradient-checks a
backward pass (with the learner's own forward pass when ``forward=`` is given) and
explains each difference in course terms: which output differs, by how much, and the
likely mistake (a missing ``1/m``, ``keepdims``, ``g'`` of the wrong activation,
``W = dW``, a flipped sign, a transposed product, a misplaced parenthesis in ``dAL``).

It never lets an exception out: an error inside the learner's function is reported as
"your function raised X at line n of f: `source line`", with a hint.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import re
from dataclasses import dataclass, field

import numpy as np

from ._cases import CHECKABLE, SPECS, infer_hidden_w3
from ._running import describe as _describe
from ._running import run as _run

__all__ = ["check", "CheckReport", "CHECKABLE", "SPECS"]


# --------------------------------------------------------------------------- the report
@dataclass
class CheckReport:
    """What :func:`check` found. ``passed`` is True when every test agrees with the course.

    ``problems`` are the explanations (one string each), ``notes`` extra information
    (which assignment's version was used, the gradient check's verdict).
    """

    function: str
    assignment: str | None
    passed: bool
    tests: int = 0
    failed_tests: int = 0
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    gradcheck_difference: float | None = None

    def __str__(self):
        where = f" ({self.assignment})" if self.assignment else ""
        if self.passed:
            head = f"✔ {self.function}{where}: all {self.tests} tests agree with the course."
        elif self.tests:
            head = (f"✘ {self.function}{where}: {self.failed_tests} of {self.tests} tests "
                    "disagree with the course.")
        else:
            head = f"✘ {self.function}{where}: could not be checked."
        lines = [head] + [f"  - {p}" for p in self.problems] + [f"  · {n}" for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__

    def __bool__(self):
        return self.passed

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


# --------------------------------------------------------------------------- comparing outputs
_CACHE_PARTS = {2: ("linear_cache", "activation_cache"), 3: ("A_prev", "W", "b")}


def _child_names(name, exp):
    """Course names for the parts of a cache tuple (``caches[0].linear_cache.W``), else indices."""
    parts = _CACHE_PARTS.get(len(exp)) if isinstance(exp, tuple) and "cache" in name else None
    if parts is None or (len(exp) == 2 and name.endswith("linear_cache")):
        return [f"{name}[{i}]" for i in range(len(exp))]
    return [f"{name}.{part}" for part in parts]


def _walk(got, exp, name, leaves, problems):
    """Pair the learner's output with the reference's, leaf by leaf."""
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            problems.append(f"{name} should be a dict with keys {list(exp)}; got {_describe(got)}.")
            return
        missing = [k for k in exp if k not in got]
        if missing:
            problems.append(f"{name} lacks the key(s) {missing}; the course's has {list(exp)}.")
        for k in exp:
            if k in got:
                child = k if name in ("grads", "parameters") else f"{name}[{k!r}]"
                _walk(got[k], exp[k], child, leaves, problems)
        return
    if isinstance(exp, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            problems.append(f"{name} should be a {type(exp).__name__} of {len(exp)} items; got "
                            f"{_describe(got)}.")
            return
        if len(got) != len(exp):
            extra = (" The course's layer cache is (linear_cache, activation_cache); the graders "
                     "unpack it as `linear_cache, activation_cache = cache`."
                     if len(exp) == 2 and "cache" in name else "")
            problems.append(f"{name} has {len(got)} items; the course's has {len(exp)}.{extra}")
            return
        for child, g, e in zip(_child_names(name, exp), got, exp):
            _walk(g, e, child, leaves, problems)
        return
    leaves.append((name, got, exp))


def _leaf_map(value, name):
    leaves = []
    _walk(value, value, name, leaves, [])
    return {n: e for n, _, e in leaves}


def _as_array(value):
    if isinstance(value, (np.ndarray, int, float, np.number, bool, np.bool_)):
        return np.asarray(value, dtype=float)
    return None


def _close(g, e):
    if g.shape != e.shape:
        return False
    scale = float(np.nanmax(np.abs(e))) if e.size else 0.0
    return bool(np.allclose(g, e, rtol=1e-6, atol=1e-9 * (1.0 + scale), equal_nan=True))


def _leaf_problem(name, got, exp, m, variants):
    """``None`` when the learner's leaf equals the reference's, else an explanation."""
    if got is None:
        return f"{name} is None: did you forget the `return`, or to store it?"
    e = np.asarray(exp, dtype=float)
    g = _as_array(got)
    if g is None:
        wanted = "a number" if e.ndim == 0 else f"an array of shape {e.shape}"
        return f"{name} should be {wanted}; got {_describe(got)}."
    if e.ndim == 0:  # a cost: any single number is fine
        g = g.reshape(()) if g.size == 1 else g
    if _close(g, e):
        return None
    for why, wrong in variants:
        w = wrong.get(name) if isinstance(wrong, dict) else None
        if w is not None and _as_array(w) is not None and _close(g, np.asarray(w, dtype=float)):
            return _Named(name, why, float(np.nanmax(np.abs(g - e))) if g.shape == e.shape else None)
    if g.shape != e.shape:
        return _shape_problem(name, g, e)
    return _value_problem(name, g, e, m)


class _Named(str):
    """An explanation shared by several outputs: grouped as "dW1, db1: why" in the report."""

    def __new__(cls, name, why, gap=None):
        obj = super().__new__(cls, f"{name}: {why}")
        obj.output, obj.why, obj.gap = name, why, gap
        return obj


def _shape_problem(name, g, e):
    base = name.split(".")[-1].split("[")[0]
    if e.ndim == 2 and e.shape[1] == 1 and g.shape == (e.shape[0],):
        return (f"{name} has shape {g.shape} instead of {e.shape}: np.sum(dZ, axis=1) drops the "
                "summed axis; add keepdims=True.")
    if e.ndim == 2 and e.shape[1] == 1 and g.size == 1 and e.size > 1:
        return (f"{name} is a single number instead of shape {e.shape}: the sum ran over all "
                "entries; sum over the examples only, np.sum(dZ, axis=1, keepdims=True).")
    if e.ndim == 2 and g.shape == e.shape[::-1]:
        hint = ""
        if base.startswith("dW"):
            hint = " dW = (1/m) · dZ · A_prevᵀ: np.dot(dZ, A_prev.T)."
        elif base.startswith("dA"):
            hint = " dA_prev = Wᵀ · dZ: np.dot(W.T, dZ)."
        elif base.startswith("W"):
            hint = " W[l] has shape (n_l, n_{l-1}): np.random.randn(n_l, n_prev)."
        return f"{name} is transposed: shape {g.shape} instead of {e.shape}.{hint}"
    if e.ndim == 2 and e.shape[1] > 1 and g.shape in ((e.shape[0], 1), (e.shape[0],)):
        return (f"{name} has shape {g.shape} instead of {e.shape}: it was summed over the "
                "examples; keep one column per example.")
    return f"{name} has shape {g.shape}; the course's has shape {e.shape}."


def _value_problem(name, g, e, m):
    base = name.split(".")[-1].split("[")[0].strip("'")
    averages = base.startswith(("dW", "db", "cost")) or name in ("dW", "db", "cost")
    if m and m > 1 and _close(g, e * m):
        if averages:
            formula = ("dW = (1/m)·np.dot(dZ, A_prev.T)" if base.startswith("dW") or name == "dW"
                       else "db = (1/m)·np.sum(dZ, axis=1, keepdims=True)"
                       if base.startswith("db") or name == "db" else "J = -(1/m)·Σ L")
            return (f"{name} is m times too large (m = number of examples): the 1/m is "
                    f"missing ({formula}).")
        return f"{name} is m times too large (m = number of examples)."
    if m and m > 1 and _close(g * m, e):
        if not averages:
            return (f"{name} is divided by m (the number of examples): it has no 1/m; only dW "
                    "and db (and the cost) average over the examples.")
        return f"{name} is divided by m (the number of examples) once too often."
    if _close(-g, e):
        return f"{name} has the wrong sign."
    if e.ndim == 2 and e.shape[0] == e.shape[1] and _close(g.T, e):
        return f"{name} is transposed."
    if np.isnan(g).any() and not np.isnan(e).any():
        return f"{name} contains NaN where the course's has numbers."
    gap = np.abs(g - e)
    gap = np.where(np.isnan(gap), np.inf, gap)
    idx = np.unravel_index(int(np.argmax(gap)), e.shape) if e.ndim else ()
    at = f" at {list(int(i) for i in idx)}" if e.ndim else ""
    return (f"{name} differs{at}: yours {float(g[idx]):.4g}, the course's {float(e[idx]):.4g} "
            f"(largest gap {float(gap[idx]):.2g}).")


def _compare(spec, got, exp):
    """Problems (list of str) between a learner's output and the reference's for one case."""
    problems, leaves = [], []
    if spec.outputs:
        if not isinstance(got, (tuple, list)):
            return [f"{spec.name} should return {len(spec.outputs)} values "
                    f"({', '.join(spec.outputs)}); got {_describe(got)}."]
        if len(got) != len(spec.outputs):
            return [f"{spec.name} returns {len(got)} values; the course's returns "
                    f"{len(spec.outputs)}: ({', '.join(spec.outputs)})."]
        for name, g, e in zip(spec.outputs, got, exp):
            _walk(g, e, name, leaves, problems)
    else:
        _walk(got, exp, spec.single, leaves, problems)
    return problems, leaves


# --------------------------------------------------------------------------- the entry point
def _signature_names(fn):
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []


def _recognise(fn, name):
    given = name
    if name is None:
        name = getattr(fn, "__name__", None)
    if not isinstance(name, str):
        return None, "could not tell which course function this is: pass name='...'."
    if name in CHECKABLE:
        return name, None
    if given is None:
        # e.g. my_backward_propagation -> backward_propagation
        found = [n for n in CHECKABLE if n in name]
        if found:
            return max(found, key=len), None
    return None, (f"'{name}' is not a course function this checker knows. Pass name='...', one "
                  f"of: {', '.join(sorted(CHECKABLE))}.")


def _group_key(text):
    # The same mistake seen with other sizes (m = 4 and m = 6, shape (3,) and (2,)) is one line.
    return re.sub(r"\d+(\.\d+)?", "#", text)


def _check_spec(spec, fn, opts):
    report = CheckReport(spec.name, spec.assignment, False)
    grouped = {}
    cases = spec.cases(opts)
    for case in cases:
        ran = _run(fn, case.args, case.seed_before)
        report.tests += 1
        if ran.error is not None:
            grouped.setdefault(_group_key(ran.error), (ran.error, [], [], []))[1].append(case.label)
            report.failed_tests += 1
            continue
        np.random.seed(case.seed_before if case.seed_before is not None else 0)
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
            expected = spec.reference(*copy.deepcopy(case.args), **case.ref_kwargs)
        result = _compare(spec, ran.value, expected)
        if isinstance(result, list):
            problems = result
        else:
            problems, leaves = result
            variant_maps = [(why, _leaf_map(v, spec.single or "") if spec.single else
                             _tuple_leaf_map(spec, v)) for why, v in case.variants]
            for name, g, e in leaves:
                vs = [(why, lm) for why, lm in variant_maps]
                p = _leaf_problem(name, g, e, case.m, vs)
                if p:
                    problems.append(p)
        if problems:
            report.failed_tests += 1
        for p in problems:
            text = p.why if isinstance(p, _Named) else p
            entry = grouped.setdefault(_group_key(text), (text, [], [], []))
            entry[1].append(case.label)
            if isinstance(p, _Named):
                entry[2].append(p.output)
                if p.gap is not None:
                    entry[3].append(p.gap)
    for problem, labels, outputs, gaps in grouped.values():
        cases = "; ".join(dict.fromkeys(labels))
        if outputs:
            problem = f"{', '.join(dict.fromkeys(outputs))}: {problem}"
        if gaps:  # how far off, in the outputs' own units
            cases = f"largest gap {max(gaps):.2g}; {cases}"
        report.problems.append(f"{problem} ({cases})")
    if spec.extra is not None:
        spec.extra(fn, opts, report)
    report.passed = not report.problems and report.failed_tests == 0
    return report


def _tuple_leaf_map(spec, value):
    if not isinstance(value, (tuple, list)) or len(value) != len(spec.outputs):
        return {}
    leaves = {}
    for name, v in zip(spec.outputs, value):
        leaves.update(_leaf_map(v, name))
    return leaves


def check(fn, name=None, *, assignment=None, forward=None, hidden=None):
    """Check a learner's own course function against the reference and explain differences.

    Parameters
    ----------
    fn : callable
        Your function, e.g. ``backward_propagation``.
    name : str, optional
        The course function it implements, when its ``__name__`` is not the course's.
    assignment : {"W3A1", "W4A1", "W4A2"}, optional
        For names several assignments use (``initialize_parameters``, ``compute_cost``,
        ``update_parameters``, ``predict``, ...); by default every version is tried and the
        report says which one it matches.
    forward : callable, optional
        Your forward pass (``forward_propagation`` or ``L_model_forward``), to check a
        backward pass together with it: the hidden activation is read from its cache, and
        the pair is gradient-checked end to end.
    hidden : str, optional
        The planar network's hidden activation when it is not tanh (``"relu"``, ...).

    Returns
    -------
    CheckReport
        ``passed``, the ``problems`` in words, and a readable ``str``.
    """
    state = np.random.get_state()
    try:
        return _check(fn, name, assignment, forward, hidden)
    except Exception as exc:  # noqa: BLE001 - the checker itself must never show a traceback
        report = CheckReport(str(name or getattr(fn, "__name__", "?")), assignment, False)
        report.problems.append(
            f"the checker could not finish ({type(exc).__name__}: {exc}); please report this.")
        return report
    finally:
        np.random.set_state(state)


def _check(fn, name, assignment, forward, hidden):
    if not callable(fn):
        return CheckReport(str(name or "?"), assignment, False,
                           problems=[f"check expects your function itself; got {_describe(fn)}. "
                                     "Pass it without calling it: check(backward_propagation)."])
    course_name, problem = _recognise(fn, name)
    if course_name is None:
        return CheckReport(str(name or getattr(fn, "__name__", "?")), assignment, False,
                           problems=[problem])
    specs = [s for s in SPECS if s.name == course_name]
    if assignment is not None:
        wanted = str(assignment).upper()
        specs = [s for s in specs if s.assignment == wanted]
        if not specs:
            return CheckReport(course_name, assignment, False, problems=[
                f"{course_name} is not part of {assignment}; it is in "
                f"{', '.join(CHECKABLE[course_name])}."])
    opts = {"forward": forward, "hidden": hidden}
    notes = []
    if forward is not None and course_name not in ("backward_propagation", "L_model_backward"):
        notes.append("forward= is used only with backward_propagation and L_model_backward; "
                     "ignored here.")
    if forward is not None and course_name == "backward_propagation" and hidden is None:
        inferred, why = infer_hidden_w3(forward)
        if inferred is None:
            return CheckReport(course_name, "W3A1", False, problems=[why])
        opts["hidden"] = inferred
        notes.append(f"your forward pass uses {inferred} in the hidden layer (read from its cache).")
    if name is None and getattr(fn, "__name__", None) != course_name:
        notes.append(f"checked as the course's {course_name} (from the name {fn.__name__}).")
    reports = [_check_spec(s, fn, opts) for s in _order(specs, fn)]
    # The first passing version; else the one whose signature the learner's function has.
    best = next((r for r in reports if r.passed), reports[0])
    if len(reports) > 1 and best.passed:
        notes.append(f"matches {best.assignment}'s version of {course_name}.")
    best.notes = notes + best.notes
    return best


def _order(specs, fn):
    """Put first the assignment whose signature the learner's function has."""
    names = _signature_names(fn)

    def score(spec):
        ref = _signature_names(spec.reference)
        course = [n for n in ref if n not in ("hidden", "backward_hidden", "learning_rate",
                                                "loss", "output")] or ref
        return -sum(a == b for a, b in zip(names, course))
    return sorted(specs, key=score)
