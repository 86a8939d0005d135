"""Checkers for the exercises of ``notebooks/04_relu_forward_only_nan.ipynb`` (``dZ1``) and
``notebooks/04b_relu_leaky_tanh_compared.ipynb`` (``leaky_relu_backward``).

* :func:`check_leaky_relu_backward` — ``leaky_relu_backward(dA, cache, slope)``, where
  ``cache`` is ``Z`` (the course's ``activation_cache``);
* :func:`check_dZ1` — ``backward_dZ1(W2, dZ2, Z1, activation)``, the hidden layer's
  ``dZ1`` of the planar 2-layer network for ``"tanh"``, ``"relu"`` and ``"leaky_relu"``
  (slope 0.01).

Each one recognises the mistakes learners make when they swap tanh for (Leaky) ReLU,
above all keeping tanh's ``1 - A**2`` in the backward pass.
"""

from __future__ import annotations

import functools

import numpy as np

from .._validation import check_activation_backward
from ..checking import Case, CheckResult, checker, run_checks

__all__ = [
    "CHECKER_SEED",
    "check_leaky_relu_backward",
    "check_dZ1",
    "reference_leaky_relu_backward",
    "reference_dZ1",
]

#: Seed of the inputs the checkers generate (fixed, so a verdict is reproducible).
CHECKER_SEED = 4

_HIDDEN = ("tanh", "relu", "leaky_relu")
_COURSE_SLOPE = 0.01


# --------------------------------------------------------------------------- references
def _leaky(Z, slope):
    return np.where(Z > 0, Z, slope * Z)


def reference_leaky_relu_backward(dA, cache, slope=_COURSE_SLOPE):
    r"""``dZ = dA * g'(Z)`` for Leaky ReLU, ``cache = Z``; shape ``(n, m)``.

    .. math:: g'(z) = \begin{cases} 1 & z > 0 \\ s & z \le 0 \end{cases}
    """
    dA = check_activation_backward(dA, cache)  # never broadcast a dA of another shape
    return dA * np.where(cache > 0, 1.0, slope)


def _g(Z1, activation):
    if activation == "tanh":
        return np.tanh(Z1)
    if activation == "relu":
        return np.maximum(Z1, 0.0)
    return _leaky(Z1, _COURSE_SLOPE)


def _g_prime(Z1, activation):
    if activation == "tanh":
        return 1.0 - np.tanh(Z1) ** 2
    if activation == "relu":
        return (Z1 > 0).astype(float)
    return np.where(Z1 > 0, 1.0, _COURSE_SLOPE)


def reference_dZ1(W2, dZ2, Z1, activation):
    r"""``dZ1 = W2.T @ dZ2 * g'(Z1)`` of the planar network; shape ``(n_h, m)``.

    .. math:: dZ^{[1]} = W^{[2]\top} dZ^{[2]} \odot g^{[1]\prime}(Z^{[1]})

    Derived in ``notebooks/04_relu_forward_only_nan.ipynb``.
    """
    if activation not in _HIDDEN:
        raise ValueError(f"activation must be one of {_HIDDEN}; got {activation!r}.")
    return (W2.T @ dZ2) * _g_prime(Z1, activation)


# --------------------------------------------------------------------------- leaky backward
_UNCHANGED = ("dZ equals dA: the function returned dA unchanged. dZ = dA * g'(Z): multiply "
              "by Leaky ReLU's derivative, 1 where Z > 0 and slope where Z <= 0.")
_POSITIVE_SIDE = ("the slope is applied on the wrong side: Leaky ReLU keeps Z where Z > 0 "
                  "(derivative 1) and multiplies by slope where Z <= 0, so dZ = dA where Z > 0 "
                  "and slope * dA where Z <= 0.")
_DERIVATIVE_ONLY = ("you returned g'(Z) = np.where(Z > 0, 1, slope) itself: multiply it by dA "
                    "(chain rule, dZ = dA * g'(Z)).")
_TANH_DERIVATIVE = ("this is tanh's derivative 1 - A**2 with A = leaky_relu(Z): the backward "
                    "pass still uses the formula of the activation you replaced. Leaky ReLU's "
                    "derivative is 1 where Z > 0 and slope where Z <= 0 (for A > 1 the old "
                    "formula is negative and the weights blow up).")
_RELU_DERIVATIVE = ("dZ is 0 where Z <= 0: that is ReLU's derivative. Leaky ReLU lets slope * dA "
                    "through there.")
_HARD_CODED = ("the slope argument is ignored: the result matches slope = 0.01. Use the slope "
               "passed to the function.")
_ACTIVATION_NOT_DERIVATIVE = ("you multiplied dA by leaky_relu(Z), the activation itself; the "
                              "chain rule needs its derivative: 1 where Z > 0, slope where Z <= 0.")


def _leaky_case(seed, shape, slope):
    rng = np.random.RandomState(seed)
    dA = rng.randn(*shape)
    Z = 2.0 * rng.randn(*shape)  # |Z| > 1 occurs, so 1 - A**2 differs from every derivative
    variants = {
        _UNCHANGED: dA,
        _POSITIVE_SIDE: np.where(Z > 0, slope * dA, dA),
        _DERIVATIVE_ONLY: np.where(Z > 0, 1.0, slope),
        _TANH_DERIVATIVE: dA * (1.0 - _leaky(Z, slope) ** 2),
        _RELU_DERIVATIVE: dA * (Z > 0),
        _ACTIVATION_NOT_DERIVATIVE: dA * _leaky(Z, slope),
    }
    if slope != _COURSE_SLOPE:
        variants[_HARD_CODED] = reference_leaky_relu_backward(dA, Z, _COURSE_SLOPE)
    return Case((dA, Z, slope), reference_leaky_relu_backward(dA, Z, slope), variants)


def _changed_input(name):
    return (f"the function changed its input {name} in place (as `dZ = dA` followed by "
            f"`dZ[Z <= 0] *= slope` does: both names point at one array). Start from a copy: "
            "dZ = np.array(dA, copy=True).")


@checker("leaky_relu_backward")
def check_leaky_relu_backward(fn) -> CheckResult:
    """Check ``fn(dA, cache, slope) -> dZ`` for Leaky ReLU, with ``cache = Z``.

    Parameters
    ----------
    fn : callable
        The learner's ``leaky_relu_backward``.

    Returns
    -------
    CheckResult
        Prints ``✔`` or, per failing test, which mistake the answer matches.
    """
    cases = [
        _leaky_case(CHECKER_SEED, (3, 5), 0.01),
        _leaky_case(CHECKER_SEED + 1, (4, 6), 0.1),
        _leaky_case(CHECKER_SEED + 2, (2, 7), 0.2),
    ]
    return run_checks("leaky_relu_backward", fn, cases,
                      keep_inputs={0: _changed_input("dA"), 1: _changed_input("cache")})


# --------------------------------------------------------------------------- dZ1
def _tanh_with_A(activation):
    return (f"this is tanh's derivative 1 - A1**2 with A1 = {activation}(Z1): the learner's bug "
            f"(the forward pass was changed, the backward pass was not). Use {activation}'s "
            "derivative, g'(Z1): " + ("1 where Z1 > 0, else 0." if activation == "relu"
                                      else "1 where Z1 > 0, else 0.01."))


def _tanh_with_Z(activation):
    return (f"this is tanh's derivative written with Z1, 1 - np.tanh(Z1)**2, after a {activation} "
            "forward pass. It stays between 0 and 1, so nothing blows up, but it is still the "
            f"derivative of the wrong function: the forward pass computed {activation}(Z1), so "
            f"the backward pass needs {activation}'s derivative, g'(Z1): "
            + ("1 where Z1 > 0, else 0." if activation == "relu" else "1 where Z1 > 0, else 0.01."))


_DERIVATIVE_MISSING = ("dZ1 equals W2.T @ dZ2: the factor g'(Z1) is missing. "
                       "dZ1 = W2.T @ dZ2 * g'(Z1) (element-wise product).")
_ONLY_G_PRIME = ("you returned g'(Z1) alone: multiply it element-wise by W2.T @ dZ2, the "
                 "gradient arriving from the output layer.")
_G_NOT_G_PRIME = ("you multiplied by g(Z1) = A1, the activation, instead of its derivative g'(Z1).")
_RELU_FOR_LEAKY = ("dZ1 is 0 where Z1 <= 0: that is ReLU's derivative; Leaky ReLU's is 0.01 there.")
_SLOPE_POSITIVE = ("the slope 0.01 is on the wrong side: Leaky ReLU's derivative is 1 where "
                   "Z1 > 0 and 0.01 where Z1 <= 0.")
_ONE_MINUS_Z_SQUARED = ("you used 1 - Z1**2: tanh's derivative is 1 - A1**2 with A1 = tanh(Z1), "
                        "i.e. 1 - np.tanh(Z1)**2, not 1 - Z1**2.")
_SQUARE_FORGOTTEN = "tanh's derivative is 1 - tanh(Z1)**2: the square is missing."
_TRANSPOSED = ("the result is transposed: dZ1 must have the shape of Z1, (n_h, m), one column "
               "per example. Compute W2.T @ dZ2 (n_h, m) rather than dZ2.T @ W2 (m, n_h).")


def _dZ1_case(seed, n_h, m, activation):
    rng = np.random.RandomState(seed)
    W2 = rng.randn(1, n_h)
    dZ2 = rng.randn(1, m)
    Z1 = 2.0 * rng.randn(n_h, m)
    back = W2.T @ dZ2
    expected = reference_dZ1(W2, dZ2, Z1, activation)
    variants = {
        _DERIVATIVE_MISSING: back,
        _ONLY_G_PRIME: _g_prime(Z1, activation),
        _G_NOT_G_PRIME: back * _g(Z1, activation),
        _TRANSPOSED: expected.T,
    }
    if activation == "tanh":
        variants[_ONE_MINUS_Z_SQUARED] = back * (1.0 - Z1 ** 2)
        variants[_SQUARE_FORGOTTEN] = back * (1.0 - np.tanh(Z1))
    else:
        variants[_tanh_with_A(activation)] = back * (1.0 - _g(Z1, activation) ** 2)
        variants[_tanh_with_Z(activation)] = back * (1.0 - np.tanh(Z1) ** 2)
    if activation == "leaky_relu":
        variants[_RELU_FOR_LEAKY] = back * (Z1 > 0)
        variants[_SLOPE_POSITIVE] = back * np.where(Z1 > 0, _COURSE_SLOPE, 1.0)
    return Case((W2, dZ2, Z1, activation), expected, variants)


def _is_shape_error(exc):
    text = str(exc)
    return any(word in text for word in ("align", "matmul", "broadcast", "mismatch", "shape"))


def _explain_shape_errors(fn):
    """Turn numpy's shape complaint into the likely cause: ``W2`` used without ``.T``."""

    @functools.wraps(fn)
    def explained(W2, dZ2, Z1, activation):
        try:
            return fn(W2, dZ2, Z1, activation)
        except ValueError as exc:
            if not _is_shape_error(exc):
                raise
            n_y, n_h = W2.shape
            raise ValueError(
                f"{exc}. The shapes do not line up, most likely because W2 was used without "
                f"transposing it: W2 is (n_y, n_h) = {W2.shape} and dZ2 is (n_y, m) = "
                f"{dZ2.shape}, so W2 @ dZ2 (or np.dot(W2, dZ2)) cannot be formed. "
                f"W2.T @ dZ2 is ({n_h}, {n_y}) @ {dZ2.shape} -> {Z1.shape}, the shape of Z1."
            ) from None

    return explained


@checker("backward_dZ1")
def check_dZ1(fn) -> CheckResult:
    """Check ``fn(W2, dZ2, Z1, activation) -> dZ1`` for the planar network.

    Parameters
    ----------
    fn : callable
        The learner's ``backward_dZ1``; ``activation`` is ``"tanh"``, ``"relu"`` or
        ``"leaky_relu"`` (slope 0.01). ``W2`` has shape ``(1, n_h)``, ``dZ2`` ``(1, m)``,
        ``Z1`` ``(n_h, m)``.

    Returns
    -------
    CheckResult
    """
    cases = [
        _dZ1_case(CHECKER_SEED, 4, 5, "relu"),
        _dZ1_case(CHECKER_SEED + 1, 3, 6, "leaky_relu"),
        _dZ1_case(CHECKER_SEED + 2, 4, 7, "tanh"),
    ]
    return run_checks("backward_dZ1", _explain_shape_errors(fn), cases)
