"""Checkers for the exercises of ``notebooks/05_gradient_checking.ipynb``.

* :func:`check_gradient_approx` — ``gradient_approx(J, theta, epsilon)``: the central
  difference of ``J`` for every entry of ``theta``, one entry at a time. Recognises the
  one-sided difference, a missing 2 in ``2 * epsilon``, perturbing all entries at once,
  ``theta_plus``/``theta_minus`` that are not copies, and changing ``theta`` in place.
* :func:`check_relative_difference` — ``relative_difference(grad, gradapprox)``: the
  course's ``||g - g_approx|| / (||g|| + ||g_approx||)``. Recognises a missing denominator,
  squared norms, the norm of the sum in the denominator and an element-wise result.
"""

from __future__ import annotations

import numpy as np

from ..checking import Case, CheckResult, checker, run_checks
from ..gradcheck import central_differences

__all__ = [
    "reference_gradient_approx",
    "reference_relative_difference",
    "check_gradient_approx",
    "check_relative_difference",
]


def reference_gradient_approx(J, theta, epsilon):
    r"""Central differences of ``J`` at ``theta``, one entry at a time.

    Parameters
    ----------
    J : callable, ``(n, 1) -> float``
    theta : ndarray, ``(n, 1)``
    epsilon : float

    Returns
    -------
    gradapprox : ndarray, ``(n, 1)``

    .. math:: \text{gradapprox}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}
    """
    return central_differences(J, theta, epsilon)


def reference_relative_difference(grad, gradapprox):
    r"""The course's relative difference (a float).

    .. math:: \frac{\lVert g - g_{approx}\rVert_2}{\lVert g\rVert_2 + \lVert g_{approx}\rVert_2}
    """
    return float(np.linalg.norm(grad - gradapprox)
                 / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


# --------------------------------------------------------------------------- gradient_approx
def _cost_function(seed):
    """A smooth, clearly non-quadratic ``J(theta)`` with ``theta`` of shape ``(4, 1)``.

    The cubic and exponential terms make a one-sided difference differ from the central one
    by far more than the checker's tolerance, and the product term couples the entries so
    perturbing all of them together gives a different answer.
    """
    rng = np.random.RandomState(seed)
    a = rng.randn(4, 1)

    def J(theta):
        t = np.asarray(theta, dtype=float).ravel()
        return float(np.sum(a.ravel() * t ** 3) + np.exp(t[0] * t[1]) + np.sin(t[2] - 2 * t[3]))

    theta = rng.randn(4, 1)
    return J, theta


def _one_sided(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus = theta.copy()
        plus[i] += epsilon
        g[i] = (J(plus) - J(theta)) / epsilon
    return g


def _all_at_once(J, theta, epsilon):
    value = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)
    return np.full_like(theta, value)


_ONE_SIDED = ("one-sided difference (J(theta + eps) - J(theta)) / eps: its error shrinks only "
              "like eps. Use the central difference (J(theta + eps) - J(theta - eps)) / (2 eps), "
              "whose error shrinks like eps**2.")
_NO_TWO = ("twice the right value: the central difference spans 2 * epsilon, from theta - eps "
           "to theta + eps, so divide by (2 * epsilon), not by epsilon.")
_ALL_AT_ONCE = ("every entry got the same value: all entries of theta were perturbed at once "
                "(theta + epsilon). Perturb only entry i in iteration i: copy theta, then add "
                "epsilon to theta_plus[i] alone.")
_ALIASED = ("all zeros: theta_plus and theta_minus are the same array as theta (`theta_plus = "
            "theta` does not copy), so the + epsilon and - epsilon cancel before J is called. "
            "Use theta_plus = np.copy(theta).")


@checker("gradient_approx")
def check_gradient_approx(fn) -> CheckResult:
    """Check ``gradient_approx(J, theta, epsilon) -> gradapprox`` of shape ``(n, 1)``.

    Also fails when ``fn`` changes ``theta`` in place.
    """
    cases = []
    for seed, epsilon in ((0, 1e-2), (1, 1e-3), (2, 1e-2)):
        J, theta = _cost_function(seed)
        variants = {
            _ONE_SIDED: _one_sided(J, theta, epsilon),
            _NO_TWO: 2 * reference_gradient_approx(J, theta, epsilon),
            _ALL_AT_ONCE: _all_at_once(J, theta, epsilon),
            _ALIASED: np.zeros_like(theta),
        }
        cases.append(Case(args=(J, theta, epsilon),
                          expected=reference_gradient_approx(J, theta, epsilon), variants=variants))
    changed = ("theta was changed in place. Perturb a copy (np.copy(theta)), so the caller's "
               "parameters stay as they were.")
    return run_checks("gradient_approx", fn, cases, keep_inputs={1: changed})


# --------------------------------------------------------------------------- relative_difference
def _gradient_pairs():
    """``(grad, gradapprox)`` pairs: nearly equal, clearly different, and of large norm."""
    rng = np.random.RandomState(5)
    g = rng.randn(6, 1)
    yield g, g + 1e-3 * rng.randn(6, 1)
    g = 3 * rng.randn(8, 1)
    yield g, g + 0.5 * rng.randn(8, 1)
    g = 10 * rng.randn(5, 1)
    yield g, 1.1 * g + 0.3 * rng.randn(5, 1)


@checker("relative_difference")
def check_relative_difference(fn) -> CheckResult:
    """Check ``relative_difference(grad, gradapprox) -> float``."""
    cases = []
    for grad, approx in _gradient_pairs():
        diff = np.linalg.norm(grad - approx)
        ng, na = np.linalg.norm(grad), np.linalg.norm(approx)
        variants = {
            "the denominator is missing: ||grad - gradapprox|| alone depends on how large the "
            "gradients are. Divide by ||grad|| + ||gradapprox||.": np.asarray(diff),
            "the norms are squared: use np.linalg.norm (the square root of the sum of squares) "
            "in numerator and denominator, not the sum of squares.":
                np.asarray(diff ** 2 / (ng ** 2 + na ** 2)),
            "the numerator is squared but not the denominator: take np.linalg.norm of the "
            "difference.": np.asarray(diff ** 2 / (ng + na)),
            "the denominator is ||grad + gradapprox||: it should be ||grad|| + ||gradapprox||, "
            "the sum of the two norms.": np.asarray(diff / np.linalg.norm(grad + approx)),
            "the brackets around the denominator are missing: a / b + c divides by b only, "
            "then adds c. Write np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) "
            "+ np.linalg.norm(gradapprox)).": np.asarray(diff / ng + na),
            "the result is an array: take norms so that the answer is one number, "
            "||grad - gradapprox|| / (||grad|| + ||gradapprox||).":
                np.abs(grad - approx) / (np.abs(grad) + np.abs(approx)),
        }
        cases.append(Case(args=(grad, approx),
                          expected=np.asarray(reference_relative_difference(grad, approx)),
                          variants=variants))
    return run_checks("relative_difference", fn, cases)
