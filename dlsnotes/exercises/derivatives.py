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

from ._core import Case, CheckResult, checker, run_checks

__all__ = ["check_dAL_mse", "check_sigmoid_backward", "check_dZ_sigmoid_bce"]

_SEED = 2  # every input below is drawn from RandomState(_SEED + case number)


def _sigmoid(Z):
    return 1.0 / (1.0 + np.exp(-Z))


# --------------------------------------------------------------------------- dAL for MSE
MSE_SUMMED = (
    "the result was summed over the examples (np.sum(AL - Y)). dAL = ∂L/∂A[L] is the "
    "derivative of each example's loss, so it keeps one column per example, shape (n_y, m); "
    "sums over examples appear only in dW and db."
)
MSE_SUMMED_OVER_M = (
    "np.sum(AL - Y) / m is a single number: the derivative of the cost J, summed over the "
    "examples (for a linear output it is db[L]). dAL is the derivative of the loss L of each "
    "example: no sum and no 1/m. Return AL - Y."
)
MSE_TIMES_AL_SUMMED = (
    "np.sum((AL - Y) * AL) / m multiplies by AL, then sums and divides by m. Multiplying by "
    "AL is neither dL/dA (the derivative of ½(A - Y)² with respect to A is just A - Y) nor "
    "part of dW (dW multiplies dZ by the layer's input A_prev, not by its output); and the "
    "sum with 1/m belongs to dW and db only. Return AL - Y."
)
MSE_TIMES_AL = (
    "multiplied by AL: the derivative of ½(A - Y)² with respect to A is A - Y, with no "
    "factor A (the chain rule multiplies by the layer's input A_prev only later, in dW)."
)
MSE_OVER_M = (
    "divided by m: (AL - Y) / m is ∂J/∂A[L], the derivative of the cost. dAL is ∂L/∂A[L], "
    "the derivative of the loss of one example, without 1/m; the 1/m enters in dW and db."
)
MSE_SIGN = (
    "the sign is flipped: d/dA ½(A - Y)² = A - Y, positive when the prediction is too large. "
    "Use AL - Y, not Y - AL."
)
MSE_TIMES_2 = (
    "a factor 2 too many: 2(AL - Y) is the derivative of (A - Y)². The course's MSE loss is "
    "L = ½(A - Y)² (cost J = (1/2m) Σ (A - Y)²), so the 2 cancels the ½: dAL = AL - Y."
)
MSE_TWICE_OVER_M = (
    "2(AL - Y)/m is the derivative of the cost J = (1/m) Σ (A - Y)², the mean squared error "
    "without ½ (as Keras and PyTorch define it), with respect to A. Two things differ from the "
    "course's dAL: its loss is L = ½(A - Y)², whose ½ cancels the 2, and dAL is the derivative "
    "of the loss L of each example, not of the cost J, so it has no 1/m (that enters in dW and "
    "db). Return AL - Y."
)
MSE_TWICE_SUMMED_OVER_M = (
    "np.sum(2 * (AL - Y)) / m is a single number, the summed derivative of the mean squared "
    "error without ½. dAL keeps one column per example, has no sum and no 1/m, and the "
    "course's loss L = ½(A - Y)² has the ½ that cancels the 2: dAL = AL - Y."
)
MSE_LOSS_ITSELF = (
    "this is the loss ½(AL - Y)² itself, not its derivative. Differentiate with respect to "
    "A: dAL = AL - Y."
)
MSE_RELU_DERIVATIVE = (
    "this is the derivative of ReLU, 1{A > 0}: the derivative of the activation, not of the "
    "loss. dAL is ∂L/∂A[L] = AL - Y; the activation's derivative is applied afterwards, by "
    "relu_backward inside linear_activation_backward."
)
MSE_SIGMOID_DERIVATIVE = (
    "this is the derivative of the sigmoid, A(1 - A): the derivative of the activation, not "
    "of the loss. dAL is ∂L/∂A[L] = AL - Y; sigmoid_backward multiplies by A(1 - A) later."
)
MSE_BCE = (
    "this is dAL of binary cross-entropy, -(Y/AL - (1 - Y)/(1 - AL)). With the MSE loss "
    "L = ½(A - Y)² the derivative is dAL = AL - Y."
)


def _dAL_mse_case(case_number, shape):
    rng = np.random.RandomState(_SEED + case_number)
    AL = rng.uniform(0.05, 1.5, size=shape)  # outputs of a ReLU/sigmoid-like unit, never 0 or 1
    Y = rng.uniform(-1.0, 2.0, size=shape)
    m = shape[1]
    variants = {
        MSE_SUMMED: np.sum(AL - Y),
        MSE_SUMMED_OVER_M: np.sum(AL - Y) / m,
        MSE_TIMES_AL_SUMMED: np.sum((AL - Y) * AL) / m,
        MSE_TIMES_AL: (AL - Y) * AL,
        MSE_OVER_M: (AL - Y) / m,
        MSE_SIGN: Y - AL,
        MSE_TIMES_2: 2 * (AL - Y),
        MSE_TWICE_OVER_M: 2 * (AL - Y) / m,
        MSE_TWICE_SUMMED_OVER_M: np.sum(2 * (AL - Y)) / m,
        MSE_LOSS_ITSELF: 0.5 * (AL - Y) ** 2,
        MSE_RELU_DERIVATIVE: (AL > 0).astype(float),
        MSE_SIGMOID_DERIVATIVE: AL * (1 - AL),
        MSE_BCE: -(Y / AL - (1 - Y) / (1 - AL)),
    }
    return Case(args=(AL, Y), expected=AL - Y, variants=variants, m=m)


def dAL_mse_cases():
    """The inputs :func:`check_dAL_mse` tries: shapes (1, 5), (1, 8) and (2, 4)."""
    return [_dAL_mse_case(i, shape) for i, shape in enumerate([(1, 5), (1, 8), (2, 4)], start=1)]


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
SB_RETURNS_DA = (
    "returned dA unchanged: the derivative of the sigmoid is missing. The chain rule gives "
    "dZ = dA * σ'(Z) with σ'(Z) = A(1 - A), where A = 1/(1 + exp(-Z)) and Z = cache."
)
SB_TIMES_A = (
    "multiplied dA by A only: the sigmoid's derivative is A(1 - A), so dZ = dA * A * (1 - A)."
)
SB_TIMES_ONE_MINUS_A = (
    "multiplied dA by (1 - A) only: the sigmoid's derivative is A(1 - A), so "
    "dZ = dA * A * (1 - A)."
)
SB_DERIVATIVE_ONLY = (
    "returned σ'(Z) = A(1 - A) alone: multiply it by the incoming gradient dA (chain rule), "
    "dZ = dA * A * (1 - A)."
)
SB_USED_Z = (
    "used Z where A belongs: cache holds Z, so first compute A = 1/(1 + exp(-Z)), then "
    "dZ = dA * A * (1 - A)."
)
SB_RELU = (
    "multiplied by 1{Z > 0}, the derivative of ReLU: sigmoid_backward needs the sigmoid's "
    "derivative A(1 - A)."
)
SB_TANH = (
    "multiplied by 1 - A², the derivative of tanh: sigmoid_backward needs the sigmoid's "
    "derivative A(1 - A)."
)
SB_DIVIDED = (
    "divided dA by A(1 - A) instead of multiplying: dZ = dA * A * (1 - A)."
)
SB_OVER_M = (
    "divided by m: dZ has one column per example and no 1/m; the 1/m enters in dW and db."
)
SB_SIGN = (
    "the sign is flipped: σ'(Z) = A(1 - A) is positive, so dZ has the sign of dA."
)


def _sigmoid_backward_case(case_number, shape):
    rng = np.random.RandomState(_SEED + 10 + case_number)
    Z = rng.uniform(0.3, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    dA = rng.randn(*shape)
    A = _sigmoid(Z)
    variants = {
        SB_RETURNS_DA: dA,
        SB_TIMES_A: dA * A,
        SB_TIMES_ONE_MINUS_A: dA * (1 - A),
        SB_DERIVATIVE_ONLY: A * (1 - A),
        SB_USED_Z: dA * Z * (1 - Z),
        SB_RELU: dA * (Z > 0),
        SB_TANH: dA * (1 - A ** 2),
        SB_DIVIDED: dA / (A * (1 - A)),
        SB_OVER_M: dA * A * (1 - A) / shape[1],
        SB_SIGN: -dA * A * (1 - A),
    }
    return Case(args=(dA, Z), expected=dA * A * (1 - A), variants=variants, m=shape[1])


def sigmoid_backward_cases():
    """The inputs :func:`check_sigmoid_backward` tries: shapes (1, 5), (3, 4) and (2, 7)."""
    return [_sigmoid_backward_case(i, shape)
            for i, shape in enumerate([(1, 5), (3, 4), (2, 7)], start=1)]


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
