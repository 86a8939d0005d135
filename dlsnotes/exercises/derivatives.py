"""Checkers for the exercises of ``notebooks/02_why_dz_is_a_minus_y.ipynb``.

Three functions a learner writes when moving the course's network to another loss:

* ``dAL_mse(AL, Y)`` — ``dAL = ∂L/∂A[L]`` for the loss ``L = ½(A − Y)²``;
* ``sigmoid_backward(dA, cache)`` — ``dZ = dA * σ'(Z)`` with ``cache = Z``;
* ``dZL_sigmoid_bce(AL, Y, cache)`` — the output delta for sigmoid + cross-entropy.

Each checker runs the learner's function on a few fixed inputs and, when the answer is
wrong, recognises the usual mistakes (a sum or a ``1/m`` that belongs to ``dW``/``db``,
the derivative of the activation instead of the loss, a flipped sign, a missing or wrong
factor) and names the one it found.
"""

from __future__ import annotations

import numpy as np

# The mistakes these checkers name, re-exported here (derivatives.SB_SIGN, MSE_SIGN, ...).
from ..checking import (DAL_BCE, DAL_LOSS, DAL_OVER_M, DAL_RELU_DERIVATIVE, DAL_SIGMOID_DERIVATIVE,
                        DAL_SIGN, DAL_SUMMED, DAL_SUMMED_OVER_M, DAL_TIMES_2, DAL_TIMES_2_OVER_M,
                        DAL_TIMES_2_SUMMED_OVER_M, DAL_TIMES_AL, DAL_TIMES_AL_SUMMED, SB_DERIVATIVE_ONLY,
                        SB_DIVIDED, SB_OVER_M, SB_RELU, SB_RETURNS_DA, SB_SIGN, SB_TANH, SB_TIMES_A,
                        SB_TIMES_ONE_MINUS_A, SB_USED_Z, Case, CheckResult, checker, dAL_mse_cases,
                        run_checks, sigmoid_backward_cases)  # noqa: F401

__all__ = ["check_dAL_mse", "check_sigmoid_backward", "check_dZ_sigmoid_bce",
           "dAL_mse_cases", "sigmoid_backward_cases", "dZ_sigmoid_bce_cases"]

_SEED = 2  # the dZ[L] inputs are drawn from RandomState(_SEED + 20 + case number)


def _sigmoid(Z):
    return 1.0 / (1.0 + np.exp(-Z))


# --------------------------------------------------------------------------- dAL for MSE
# The inputs and the named mistakes are dlsnotes.checking's, shared with notebook 03's
# check_regression_dAL, so a dAL gets the same verdict in both notebooks. Old names:
MSE_SUMMED, MSE_SUMMED_OVER_M, MSE_TIMES_AL_SUMMED = DAL_SUMMED, DAL_SUMMED_OVER_M, DAL_TIMES_AL_SUMMED
MSE_TIMES_AL, MSE_OVER_M, MSE_SIGN, MSE_TIMES_2 = DAL_TIMES_AL, DAL_OVER_M, DAL_SIGN, DAL_TIMES_2
MSE_TWICE_OVER_M, MSE_TWICE_SUMMED_OVER_M = DAL_TIMES_2_OVER_M, DAL_TIMES_2_SUMMED_OVER_M
MSE_LOSS_ITSELF, MSE_RELU_DERIVATIVE, MSE_BCE = DAL_LOSS, DAL_RELU_DERIVATIVE, DAL_BCE
MSE_SIGMOID_DERIVATIVE = DAL_SIGMOID_DERIVATIVE


@checker("dAL_mse")
def check_dAL_mse(fn) -> CheckResult:
    r"""Check ``fn(AL, Y)`` returns ``dAL = ∂L/∂A[L]`` for ``L = ½(A − Y)²``.

    .. math:: dA^{[L]} = A^{[L]} - Y \quad\text{shape } (n_y, m),\ \text{no } 1/m

    Parameters
    ----------
    fn : callable ``(AL, Y) -> ndarray (n_y, m)``

    Returns
    -------
    CheckResult
        Prints "✔ dAL_mse: all tests passed." or names the mistake.
    """
    return run_checks("dAL_mse", fn, dAL_mse_cases())


# --------------------------------------------------------------------------- sigmoid_backward
# Inputs and mistakes shared with course.check(sigmoid_backward), from dlsnotes.checking.


@checker("sigmoid_backward")
def check_sigmoid_backward(fn) -> CheckResult:
    r"""Check ``fn(dA, cache)`` returns ``dZ = dA * σ'(Z)`` with ``Z = cache``.

    .. math:: dZ = dA \odot A(1 - A),\quad A = \sigma(Z)

    Parameters
    ----------
    fn : callable ``(dA (n, m), cache = Z (n, m)) -> ndarray (n, m)``

    Returns
    -------
    CheckResult
    """
    return run_checks("sigmoid_backward", fn, sigmoid_backward_cases())


# --------------------------------------------------------------------------- dZ[L] for sigmoid + bce
DZ_RETURNS_DAL = (
    "returned dAL = -(Y/AL - (1 - Y)/(1 - AL)): the step through the sigmoid is missing. "
    "dZ[L] = sigmoid_backward(dAL, cache), which simplifies to AL - Y."
)
DZ_EXTRA_SIGMOID_FACTOR = (
    "multiplied AL - Y by A(1 - A) once more: that is the output delta of sigmoid + MSE. With "
    "cross-entropy the factor A(1 - A) has already cancelled against the denominator of "
    "dAL = (A - Y)/(A(1 - A)), so dZ[L] = AL - Y."
)
DZ_SIGN = (
    "the sign is flipped: dZ[L] = AL - Y (for Y = 1 a larger z lowers the loss, so dL/dz < 0 "
    "there)."
)
DZ_OVER_M = (
    "divided by m: dZ[L] = ∂L/∂Z[L] is per example, with no 1/m; the 1/m enters in "
    "dW[L] = (1/m) dZ[L] A[L-1]ᵀ and db[L]."
)
DZ_SUMMED_OVER_M = (
    "np.sum(AL - Y) / m is db[L] (the bias gradient, averaged over the examples), not dZ[L]: "
    "keep one column per example, dZ[L] = AL - Y."
)
DZ_SUMMED = (
    "summed over the examples: dZ[L] keeps one column per example, dZ[L] = AL - Y; sums over "
    "examples appear only in db (and, through the matrix product, in dW)."
)
DZ_DERIVATIVE_ONLY = (
    "returned σ'(Z) = A(1 - A), the derivative of the activation alone: multiply it by dAL "
    "(chain rule), which leaves AL - Y."
)
DZ_DAL_TIMES_A = (
    "multiplied dAL by A only: the sigmoid's derivative is A(1 - A), and with it the product "
    "simplifies to AL - Y."
)
DZ_USED_Z = (
    "used Z[L] (the cache) where A[L] belongs: dZ[L] = AL - Y, with AL = σ(Z[L])."
)


def _dZ_case(case_number, shape):
    rng = np.random.RandomState(_SEED + 20 + case_number)
    Z = rng.uniform(0.3, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    A = _sigmoid(Z)
    Y = (rng.rand(*shape) > 0.5).astype(float)
    Y[0, :2] = [0.0, 1.0]  # both labels in every case
    dAL = -(Y / A - (1 - Y) / (1 - A))
    m = shape[1]
    variants = {
        DZ_RETURNS_DAL: dAL,
        DZ_EXTRA_SIGMOID_FACTOR: (A - Y) * A * (1 - A),
        DZ_SIGN: Y - A,
        DZ_OVER_M: (A - Y) / m,
        DZ_SUMMED_OVER_M: np.sum(A - Y) / m,
        DZ_SUMMED: np.sum(A - Y),
        DZ_DERIVATIVE_ONLY: A * (1 - A),
        DZ_DAL_TIMES_A: dAL * A,
        DZ_USED_Z: Z - Y,
    }
    return Case(args=(A, Y, Z), expected=A - Y, variants=variants, m=m)


def dZ_sigmoid_bce_cases():
    """The inputs :func:`check_dZ_sigmoid_bce` tries: shapes (1, 4), (1, 6) and (1, 9)."""
    return [_dZ_case(i, (1, m)) for i, m in enumerate([4, 6, 9], start=1)]


@checker("dZ_sigmoid_bce")
def check_dZ_sigmoid_bce(fn) -> CheckResult:
    r"""Check ``fn(AL, Y, cache)`` returns ``dZ[L]`` for a sigmoid output with cross-entropy.

    .. math:: dZ^{[L]} = dA^{[L]} \odot A^{[L]}(1 - A^{[L]}) = A^{[L]} - Y

    Either form passes: ``sigmoid_backward(dAL, cache)`` or the simplified ``AL - Y``.

    Parameters
    ----------
    fn : callable ``(AL (1, m), Y (1, m), cache = ZL (1, m)) -> ndarray (1, m)``

    Returns
    -------
    CheckResult
    """
    return run_checks("dZ_sigmoid_bce", fn, dZ_sigmoid_bce_cases())
