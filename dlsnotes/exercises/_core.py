"""Checkers for learners' exercises that explain *what* is wrong.

A checker runs the learner's function on a few inputs and compares with the reference.
When they differ it looks for the usual mistakes — wrong shape, summed or averaged over
the examples, off by ``1/m``, sign flipped, or equal to a known wrong variant (such as
``dA`` returned without the activation's derivative) — and says which one it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["CheckResult", "Case", "run_checks", "diagnose"]


@dataclass
class Case:
    """One input to try: ``args`` for the learner's function and the reference answer.

    ``variants`` maps an explanation to the array a known mistake would return.
    """

    args: tuple
    expected: np.ndarray
    variants: dict = field(default_factory=dict)
    m: int | None = None  # number of examples, to recognise a stray 1/m


@dataclass
class CheckResult:
    """Verdict of a checker; prints as a short report."""

    name: str
    passed: bool
    messages: list

    def __str__(self):
        if self.passed:
            return f"✔ {self.name}: all tests passed."
        return f"✘ {self.name}: " + "\n  ".join(self.messages)

    def __bool__(self):
        return self.passed

    _repr_pretty_ = lambda self, p, cycle: p.text(str(self))  # noqa: E731


def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-10)


def diagnose(got, expected, variants=None, m=None) -> str | None:
    """``None`` when ``got`` equals ``expected``; otherwise the most specific explanation."""
    if got is None:
        return "the function returned None: did you forget the `return` statement?"
    if not isinstance(got, np.ndarray):
        if np.isscalar(got):
            got = np.asarray(got, dtype=float)
        else:
            return f"expected a numpy array of shape {expected.shape}, got a {type(got).__name__}."
    if _close(got, expected):
        return None
    for explanation, wrong in (variants or {}).items():
        if _close(got, np.asarray(wrong, dtype=float)):
            return explanation
    if got.shape != expected.shape:
        if expected.ndim == 2 and got.size in (1, expected.shape[0]) and expected.shape[1] > 1:
            return (f"shape {got.shape} instead of {expected.shape}: the result was summed or "
                    "averaged over the examples. Keep one column per example: no np.sum over "
                    "axis=1 here (the sum and 1/m belong to dW and db only).")
        return f"wrong shape: expected {expected.shape}, got {got.shape}."
    if m and _close(got * m, expected):
        return "off by a factor 1/m: this quantity has no 1/m (only dW and db do)."
    if m and _close(got / m, expected):
        return "missing a factor 1/m: average over the m examples."
    if _close(-got, expected):
        return "the sign is flipped."
    worst = np.unravel_index(np.argmax(np.abs(got - expected)), expected.shape)
    return (f"values differ: at index {tuple(int(i) for i in worst)} expected "
            f"{expected[worst]:.6g}, got {got[worst]:.6g}.")


def run_checks(name, fn, cases, pick=None) -> CheckResult:
    """Run ``fn(*case.args)`` for each case; ``pick`` selects the array to compare from the return value."""
    messages = []
    for i, case in enumerate(cases, start=1):
        try:
            got = fn(*case.args)
        except Exception as exc:  # the learner's code: report, do not crash the notebook
            messages.append(f"test {i}: raised {type(exc).__name__}: {exc}")
            continue
        if pick is not None and got is not None:
            try:
                got = pick(got)
            except Exception:
                messages.append(f"test {i}: unexpected return value {got!r}.")
                continue
        problem = diagnose(got, case.expected, case.variants, case.m)
        if problem:
            messages.append(f"test {i}: {problem}")
    return CheckResult(name, not messages, messages)
