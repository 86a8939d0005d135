"""Run every corpus entry through ``dlsnotes.course.check`` and measure the checker.

    .venv/bin/python -m tests.corpus.measure            # the figures
    .venv/bin/python -m tests.corpus.measure -v         # and every miss, with its report

Figures: correct functions rejected (must be 0), mistakes that pass (must be 0), the share
of mistakes whose report names the expected mistake key (must be >= 90 %), and whether a
correct function's report says which course version it matches.
"""

from __future__ import annotations

import copy
import importlib
import linecache
import pathlib
import sys
from collections import Counter, defaultdict

import numpy as np

from dlsnotes.course import check, w3a1, w4a1, w4a2

MODULES = ["initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
           "update_parameters", "nn_model", "predict", "activations", "linear_forward",
           "linear_activation_forward", "L_model_forward", "linear_backward",
           "linear_activation_backward", "L_model_backward", "models", "second_batch"]

#: What a learner's notebook has defined or imported when the graded function runs: the
#: course's helpers and the assignment's earlier functions (here the references).
_HELPERS = {
    "W3A1": w3a1,
    "W4A1": w4a1,
    "W4A2": w4a2,
}


def entries():
    """Every corpus entry, module by module."""
    out = []
    for module in MODULES:
        out.extend(importlib.import_module(f"tests.corpus.{module}").ENTRIES)
    return out


def define(source: str, name: str, version: str, label: str):
    """The learner's function: ``source`` executed in a notebook-like namespace.

    The source is registered with :mod:`linecache` under a cell-like file name, so the
    checker can quote the learner's lines as it does in a notebook.
    """
    module = _HELPERS[version.split("-")[0]]
    namespace = {"np": np, "copy": copy, "__name__": "__corpus__"}
    namespace.update({k: getattr(module, k) for k in module.__all__})
    filename = f"<corpus {label}>"
    lines = source.splitlines(True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - the corpus is ours
    return namespace[name]


#: Mistake keys that only say "something differs", not what: not counted as named.
GENERIC = {"value:differs", "shape", "raised", "gradient_check", "return:type", "value:factor",
           "checker_error"}


def judge(entry, index):
    """``(report, outcome)`` of one entry: outcome is one of ``"accepted"``,
    ``"rejected-correct"``, ``"named"``, ``"flagged"`` (failed, expected key not named),
    ``"passed-mistake"``."""
    fn = define(entry.source, entry.name, entry.version, f"{entry.name} {index}")
    forward = None
    if entry.forward is not None:
        forward = define(entry.forward, "forward_propagation", entry.version, f"forward {index}")
    report = check(fn, entry.name, assignment=entry.assignment, forward=forward)
    if entry.expect is None:
        return report, "accepted" if report.passed else "rejected-correct"
    if report.passed:
        return report, "passed-mistake"
    return report, "named" if entry.expect in report.mistakes else "flagged"


def measure(verbose=False, stream=sys.stdout):
    """The figures, as a dict; prints a table (and with ``verbose`` every miss)."""
    per_function = defaultdict(Counter)
    outcomes = Counter()
    misses = []
    versions_said = 0
    corrects = 0
    for i, entry in enumerate(entries()):
        report, outcome = judge(entry, i)
        per_function[entry.name][outcome] += 1
        outcomes[outcome] += 1
        if entry.expect is None:
            corrects += 1
            versions_said += entry.assignment in str(report)
        if outcome not in ("accepted", "named"):
            misses.append((entry, outcome, report))
    mistakes = sum(outcomes[k] for k in ("named", "flagged", "passed-mistake"))
    figures = {
        "entries": sum(outcomes.values()),
        "correct": corrects,
        "mistakes": mistakes,
        "rejected_correct": outcomes["rejected-correct"],
        "passed_mistakes": outcomes["passed-mistake"],
        "named": outcomes["named"],
        "named_share": outcomes["named"] / mistakes if mistakes else 1.0,
        "version_said": versions_said,
        "per_function": {k: dict(v) for k, v in per_function.items()},
        "misses": misses,
    }
    if stream is not None:
        print(f"{'function':28} {'correct':>8} {'mistakes':>9} {'named':>6} {'rejected':>9} {'passed':>7}",
              file=stream)
        for name, c in sorted(per_function.items()):
            n_mis = c["named"] + c["flagged"] + c["passed-mistake"]
            print(f"{name:28} {c['accepted'] + c['rejected-correct']:8} {n_mis:9} {c['named']:6} "
                  f"{c['rejected-correct']:9} {c['passed-mistake']:7}", file=stream)
        print(f"\n{figures['entries']} entries: {corrects} correct, {mistakes} mistakes", file=stream)
        print(f"correct functions rejected: {figures['rejected_correct']}", file=stream)
        print(f"mistakes that pass: {figures['passed_mistakes']}", file=stream)
        print(f"mistakes named: {figures['named']} of {mistakes} = {100 * figures['named_share']:.1f} %",
              file=stream)
        print(f"correct reports saying their version: {versions_said} of {corrects}", file=stream)
        if verbose:
            for entry, outcome, report in misses:
                print(f"\n=== {outcome}: {entry.name} ({entry.version}) expect={entry.expect} {entry.why}",
                      file=stream)
                print(f"    keys: {report.mistakes}", file=stream)
                print(str(report), file=stream)
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
    measure(verbose="-v" in sys.argv)
