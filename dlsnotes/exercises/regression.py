"""Checkers for the exercises of ``notebooks/03_relu_output_regression.ipynb``.

Three functions a learner writes when turning the course's classifier into a regression
network with a ReLU output and the MSE loss ``L = ½(a − y)²``:

* ``dAL_fn(AL, Y)`` — the gradient that starts backward propagation, ``dAL = ∂L/∂A[L]``;
* ``relu_backward(dA, cache)`` — ``dZ = dA * 1{Z > 0}`` with ``cache = Z``;
* ``update_parameters(parameters, grads, learning_rate)`` — ``W := W − α dW`` and
  ``b := b − α db``.

Each checker runs the learner's function on fixed inputs, and when the answer is wrong it
recognises the usual mistakes and says what went wrong and what to write instead.
"""

from __future__ import annotations

# The mistakes these checkers name, re-exported under this notebook's module (regression.DAL_SIGN, ...).
from ..checking import (DAL_BCE, DAL_LOSS, DAL_MASKED, DAL_ONES, DAL_OVER_M, DAL_RELU_DERIVATIVE,
                        DAL_SCALAR_ONE, DAL_SIGN, DAL_SUMMED, DAL_SUMMED_OVER_M, DAL_TIMES_2,
                        DAL_TIMES_2_OVER_M, DAL_TIMES_AL, DAL_TIMES_AL_SUMMED, RB_INVERTED, RB_LEAKY,
                        RB_MASK_ON_DA, RB_MASK_ONLY, RB_OVER_M, RB_RETURNS_DA, RB_SIGN, RB_TIMES_A,
                        RB_TIMES_Z, UP_FORGETS_W, UP_NO_B, UP_NO_LR, UP_ONLY_LAST, UP_OVER_M, UP_PLUS,
                        UP_REPLACED, CheckResult, checker, dAL_mse_cases, relu_backward_cases,
                        run_checks, update_parameters_cases)  # noqa: F401

__all__ = [
    "check_regression_dAL",
    "check_relu_backward",
    "check_update_parameters",
    "regression_dAL_cases",
    "relu_backward_cases",
    "update_parameters_cases",
]

# The inputs and named mistakes of all three checkers are dlsnotes.checking's, shared with
# notebook 02's check_dAL_mse and with course.check(relu_backward / update_parameters): the
# same function gets the same verdict in each.
regression_dAL_cases = dAL_mse_cases


@checker("regression_dAL")
def check_regression_dAL(fn) -> CheckResult:
    r"""Check ``fn(AL, Y)`` returns ``dAL = ∂L/∂A[L]`` for the loss ``L = ½(a − y)²``.

    .. math:: dA^{[L]} = \frac{\partial L}{\partial A^{[L]}} = A^{[L]} - Y,
              \qquad\text{shape } (1, m),\ \text{no sum, no } 1/m

    The ReLU output is irrelevant here: its derivative is applied later by
    ``relu_backward``. Derivation in ``notebooks/03_relu_output_regression.ipynb``.

    Parameters
    ----------
    fn : callable ``(AL (n_y, m), Y (n_y, m)) -> ndarray (n_y, m)``

    Returns
    -------
    CheckResult
        Prints "✔ regression_dAL: all tests passed." or names the mistake.
    """
    return run_checks("regression_dAL", fn, dAL_mse_cases())


@checker("relu_backward")
def check_relu_backward(fn) -> CheckResult:
    r"""Check ``fn(dA, cache)`` returns ``dZ = dA * 1{Z > 0}`` with ``cache = Z``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot \mathbb 1\{Z^{[l]} > 0\}

    The last case has exact zeros in ``Z``: the course takes ReLU's slope at 0 as 0
    (``dZ[Z <= 0] = 0``), so a mask ``Z >= 0`` is named as a mistake there.
    ``fn`` receives copies, so changing ``dA`` in place does not disturb the check.

    Parameters
    ----------
    fn : callable ``(dA (n, m), cache = Z (n, m)) -> ndarray (n, m)``

    Returns
    -------
    CheckResult
    """
    return run_checks("relu_backward", fn, relu_backward_cases())


@checker("update_parameters")
def check_update_parameters(fn) -> CheckResult:
    r"""Check ``fn(parameters, grads, learning_rate)`` does one gradient-descent step.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    ``fn`` receives deep copies, so it may update the dict in place and return it (as the
    course's version does) or build a new one.

    Parameters
    ----------
    fn : callable ``(parameters dict, grads dict, learning_rate float) -> parameters dict``

    Returns
    -------
    CheckResult
    """
    return run_checks("update_parameters", fn, update_parameters_cases(), single="parameters")
