"""Checker for the closing exercise of ``notebooks/06_playground.ipynb``.

``output_delta_mse(AL, Y, Z, output)`` — the output delta :math:`dZ^{[L]}` of a network
trained with the squared error ``L = ½(a − y)²``, for the output activations the playground
offers with that loss. The playground's formula box shows the answer; the exercise asks the
learner to write it first: ``dZ = (AL − Y) * g'(Z)``, which is ``AL − Y`` only for a linear
output, where ``g' = 1`` and there is nothing to cancel.
"""

from __future__ import annotations

import numpy as np

from ..checking import Case, CheckResult, Mistake, checker, run_checks

__all__ = ["check_output_delta_mse", "output_delta_mse_cases", "OUTPUTS"]

#: the output activations of the exercise, each with g(Z) and g'(Z)
OUTPUTS = {
    "linear": (lambda Z: Z, lambda Z: np.ones_like(Z)),
    "sigmoid": (lambda Z: 1 / (1 + np.exp(-Z)), lambda Z: np.exp(-Z) / (1 + np.exp(-Z)) ** 2),
    "relu": (lambda Z: np.maximum(0, Z), lambda Z: (Z > 0).astype(float)),
    "leaky_relu": (lambda Z: np.where(Z > 0, Z, 0.01 * Z), lambda Z: np.where(Z > 0, 1.0, 0.01)),
}

OD_NO_G_PRIME = Mistake(
    "returned AL - Y, which is dAL, not dZ[L]. With the squared error the activation's "
    "derivative stays: dZ = (AL - Y) * g'(Z). Only a linear output (g' = 1) makes it AL - Y, "
    "and only sigmoid + cross-entropy cancels g'; sigmoid + squared error does not.",
    "output_delta:no_g_prime")
OD_G_PRIME_ONLY = Mistake(
    "returned g'(Z) alone: the chain rule multiplies it by dAL = AL - Y, the loss's "
    "derivative: dZ = (AL - Y) * g'(Z).", "output_delta:g_prime_only")
OD_SIGN = Mistake(
    "the sign is flipped: the derivative of ½(a - y)² is a - y, so dZ = (AL - Y) * g'(Z), "
    "not (Y - AL) * g'(Z).", "output_delta:sign")
OD_OVER_M = Mistake(
    "divided by m: dZ[L] keeps one column per example with no 1/m; linear_backward applies "
    "the 1/m once, in dW and db.", "output_delta:over_m")
OD_TIMES_2 = Mistake(
    "a factor 2 too many: the loss is ½(a - y)², whose derivative is a - y (the 2 of (a - y)² "
    "without ½ is Keras's and PyTorch's convention).", "output_delta:times_2")
OD_SIGMOID_OF_A = Mistake(
    "the sigmoid's derivative was applied to A instead of Z: σ(A)(1 - σ(A)) where σ'(Z) = "
    "A(1 - A) with A = σ(Z) is meant. Use A(1 - A) with the output A itself, or compute it from Z.",
    "output_delta:sigmoid_of_A")
OD_RELU_FOR_LEAKY = Mistake(
    "Leaky ReLU's slope for Z <= 0 is 0.01, not 0: g'(Z) = np.where(Z > 0, 1, 0.01). With "
    "ReLU's 0 those examples get no gradient, which is exactly what Leaky ReLU avoids.",
    "output_delta:relu_for_leaky")


def output_delta_mse_cases():
    """One case per output activation: ``(AL, Y, Z, output)`` and the right ``dZ``.

    ``Z`` avoids 0 exactly (no corner for ReLU); the sigmoid's labels are 0/1, the others'
    real targets. Shapes (1, 6), (1, 7), (2, 5), (1, 8).
    """
    cases = []
    shapes = {"linear": (1, 6), "sigmoid": (1, 7), "relu": (2, 5), "leaky_relu": (1, 8)}
    for k, (output, shape) in enumerate(shapes.items(), start=1):
        rng = np.random.RandomState(60 + k)
        Z = rng.uniform(0.2, 2.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)
        g, g_prime = OUTPUTS[output]
        AL = g(Z)
        if output == "sigmoid":
            Y = np.resize([1.0, 0.0, 0.0], Z.size).reshape(shape)
        else:
            Y = rng.uniform(-1.0, 2.0, size=shape)
        right = (AL - Y) * g_prime(Z)
        s = OUTPUTS["sigmoid"][0]
        variants = {
            OD_G_PRIME_ONLY: g_prime(Z),
            OD_SIGN: -right,
            OD_OVER_M: right / shape[1],
            OD_TIMES_2: 2 * right,
        }
        if output != "linear":  # for a linear output AL - Y *is* the answer
            variants[OD_NO_G_PRIME] = AL - Y
        if output == "sigmoid":
            variants[OD_SIGMOID_OF_A] = (AL - Y) * s(AL) * (1 - s(AL))
        if output == "leaky_relu":
            variants[OD_RELU_FOR_LEAKY] = (AL - Y) * (Z > 0)
        cases.append(Case(args=(AL, Y, Z, output), expected=right, variants=variants,
                          m=shape[1], label=f"{output} output, shape {shape}"))
    return cases


@checker("output_delta_mse")
def check_output_delta_mse(fn) -> CheckResult:
    r"""Check ``fn(AL, Y, Z, output)`` returns :math:`dZ^{[L]}` for the squared-error loss.

    .. math:: dZ^{[L]} = \frac{\partial L}{\partial A^{[L]}} \odot g'(Z^{[L]})
              = (A^{[L]} - Y) \odot g'(Z^{[L]}), \qquad L = \tfrac12 (a - y)^2

    for ``output`` in ``"linear"`` (:math:`g' = 1`: nothing to cancel, ``AL − Y``),
    ``"sigmoid"`` (:math:`g' = A(1 - A)` stays), ``"relu"`` and ``"leaky_relu"`` (slope 0.01).

    Parameters
    ----------
    fn : callable ``(AL (n_y, m), Y (n_y, m), Z (n_y, m), output str) -> ndarray (n_y, m)``

    Returns
    -------
    CheckResult
        Prints "✔ output_delta_mse: all tests passed." or names the mistake.
    """
    return run_checks("output_delta_mse", fn, output_delta_mse_cases())
