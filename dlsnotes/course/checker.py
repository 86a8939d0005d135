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

Running, comparing and naming mistakes is :mod:`dlsnotes.checking`'s, the core the
notebooks' exercise checkers use too, with the same inputs for the concepts they share
(``relu_backward``, ``sigmoid_backward``, ``linear_backward``, ``update_parameters``,
``compute_cost``): a function gets the same verdict here and in the notebooks
(``CheckReport.mistakes`` holds the named mistakes' keys).

It never lets an exception out: an error inside the learner's function is reported as
"raised X at line n of f: `source line` — message", with a hint. A named mistake quotes the
learner's line it is about ("Your line 4: `dZ[Z < 0] = 0`"), and is said once for all the
test cases it appears in.

Versions: a name several assignments (or versions of one) define is tried against each;
the report says which version the function matches (W3A1's ``sigmoid`` returning only
``s``, the older W3A1's ``compute_cost(A2, Y, parameters)``), and, when no ``assignment=``
was given, for which others it would not pass. With ``assignment=`` only that one counts:
W3A1's ``sigmoid`` checked for W4A1 is named as a sigmoid without its cache.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import re
from dataclasses import dataclass, field

import numpy as np

from ..checking import compare, describe, point_at, run
from ._cases import CHECKABLE, SPECS, infer_hidden_w3

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
    mistakes: list = field(default_factory=list)  #: keys of the named mistakes (dlsnotes.checking)
    version: str = ""  #: the version of the assignment, when it has several

    def __str__(self):
        where = f" ({self.assignment})" if self.assignment else ""
        if self.passed:
            head = f"✔ {self.function}{where}: all {self.tests} tests agree with the course."
        elif self.tests and not self.failed_tests:
            head = f"✘ {self.function}{where}: the values agree with the course's, but:"
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
    report = CheckReport(spec.name, spec.assignment, False, version=spec.version)
    grouped = {}  # one line per mistake: the cases it was seen in, the outputs it concerns

    def said(mistake, label):
        entry = grouped.setdefault(_group_key(str(mistake)), (mistake, [], [], []))
        entry[1].append(label)
        return entry

    for case in spec.cases(opts):
        ran = run(fn, case.args, case.seed_before)
        report.tests += 1
        if ran.error is not None:
            said(ran.error, case.label)
            report.failed_tests += 1
            report.mistakes += ["raised", getattr(ran.error, "key", "raised")]
            continue
        failed = False
        for position in ran.changed:  # maybe a right value, but the caller's array was overwritten
            if position in case.keep_inputs:
                said(case.keep_inputs[position], case.label)
                report.mistakes += ["changed_input", case.keep_inputs[position].key]
                failed = True
        np.random.seed(case.seed_before if case.seed_before is not None else 0)
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
            expected = spec.reference(*copy.deepcopy(case.args), **case.ref_kwargs)
        problems = compare(ran.value, expected, spec.outputs, spec.single or "the result",
                           variants=case.variants, m=case.m, returns=case.returns)
        report.failed_tests += bool(problems) or failed
        for p in problems:
            report.mistakes.append(p.key)
            # A known mistake is said once for all the outputs it concerns ("dW1, db1: why").
            named = p.output and (p.prefixed or p.whole)
            entry = said(p, case.label)
            if named:
                entry[2].extend(p.output.split(", "))
                if getattr(p, "gap", None) is not None:
                    entry[3].append(p.gap)
    for mistake, labels, outputs, gaps in grouped.values():
        cases = "; ".join(dict.fromkeys(labels))
        problem = str(mistake)
        if outputs:
            problem = f"{', '.join(dict.fromkeys(outputs))}: {problem}"
        if "Your line" not in problem and not problem.startswith("raised"):
            problem = problem.rstrip() + point_at(fn, mistake)
        if gaps:  # how far off, in the outputs' own units
            cases = f"largest gap {max(gaps):.2g}; {cases}"
        report.problems.append(f"{problem} ({cases})")
    report.mistakes = list(dict.fromkeys(report.mistakes))
    if spec.extra is not None:
        spec.extra(fn, opts, report)
    report.passed = not report.problems and report.failed_tests == 0
    return report


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
                           problems=[f"check expects your function itself; got {describe(fn)}. "
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
    # The first passing version; else the first whose signature the function has (a version
    # it cannot even be called as says nothing about the mistake).
    best = next((r for r in reports if r.passed), None) or next(
        (r for r in reports if "raised:signature" not in r.mistakes), reports[0])
    version = getattr(best, "version", "") or f"{best.assignment}'s version"
    if best.passed and (len(reports) > 1 or len(CHECKABLE[course_name]) > 1):
        notes.append(f"matches {version} of {course_name}.")
        others = [r for r in reports if not r.passed and r.assignment != best.assignment]
        if others and assignment is None:
            notes.append("for " + ", ".join(dict.fromkeys(r.assignment for r in others))
                         + " it would not pass: check(..., assignment=...) says why.")
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
