"""Gradient checking for any architecture, activation and loss.

The analytic gradients from :func:`~dlsnotes.model.L_model_backward` are compared with
central differences of the cost ``J``,

.. math:: \\frac{\\partial J}{\\partial \\theta_i} \\approx
          \\frac{J(\\theta + \\varepsilon e_i) - J(\\theta - \\varepsilon e_i)}{2\\varepsilon},

using the course's relative difference
``||g - g_approx|| / (||g|| + ||g_approx||)``. Each parameter's share of it,
``||g_p - g_approx_p|| / (||g|| + ||g_approx||)``, names the wrong gradient: measured
against the whole network's norm, a parameter whose gradient is nearly zero (``db`` at
initialisation) is not flagged for rounding noise, and the shares add up (in squares)
to the overall difference. Walk-through: ``notebooks/05_gradient_checking.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._dtype import as_dtype, check_dtype
from ._validation import (check_grads, check_lambd, check_parameters, check_positive_float,
                          check_X, check_Y)
from .losses import get_loss, pairing
from .model import L_model_backward, L_model_forward, layer_activations
from .regularization import add_l1_gradients, add_l2_gradients, l1_penalty, l2_penalty

__all__ = [
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "relative_difference",
    "central_differences",
    "GradCheckReport",
    "gradient_check",
]


def _param_keys(parameters):
    L = len(parameters) // 2
    return [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]


def dictionary_to_vector(parameters):
    """Stack ``W1, b1, W2, ...`` into one column ``(n_params, 1)``; returns ``(theta, keys)``.

    ``keys[i]`` names the parameter entry ``theta[i]`` came from, e.g. ``"W2[0, 3]"``.
    """
    keys, pieces = [], []
    for name in _param_keys(parameters):
        value = parameters[name]
        pieces.append(value.reshape(-1, 1))
        keys += [f"{name}[{i}, {j}]" for i, j in np.ndindex(value.shape)]
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta, template):
    """The inverse of :func:`dictionary_to_vector`, with shapes taken from ``template``."""
    parameters, start = {}, 0
    for name in _param_keys(template):
        shape = template[name].shape
        size = int(np.prod(shape))
        parameters[name] = theta[start:start + size].reshape(shape)
        start += size
    if start != theta.shape[0]:
        raise ValueError(f"theta has {theta.shape[0]} entries but the template needs {start}.")
    return parameters


def gradients_to_vector(grads, parameters):
    """Stack ``dW1, db1, dW2, ...`` in the order of :func:`dictionary_to_vector`."""
    return np.concatenate([grads["d" + k].reshape(-1, 1) for k in _param_keys(parameters)])


def relative_difference(grad, gradapprox):
    r"""The course's measure, 0 when equal and 1 when unrelated.

    .. math:: \frac{\lVert g - g_{approx}\rVert_2}{\lVert g\rVert_2 + \lVert g_{approx}\rVert_2}
    """
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(grad - gradapprox) / denominator)


def central_differences(J, theta, epsilon=1e-6):
    r"""The numerical gradient of ``J`` at ``theta``, one entry at a time.

    The package's one numerical-gradient routine: :func:`gradient_check`, the course
    checker (:func:`dlsnotes.course.check`) and the answer to notebook 05's
    ``gradient_approx`` exercise all use it.

    Parameters
    ----------
    J : callable, ``(n, 1) -> float``
        The cost as a function of the stacked parameters (see :func:`dictionary_to_vector`).
    theta : ndarray, ``(n, 1)``
    epsilon : float

    Returns
    -------
    gradapprox : ndarray, ``(n, 1)``, float

    .. math:: \text{gradapprox}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}
    """
    gradapprox = np.zeros_like(theta, dtype=float)
    for i in range(theta.shape[0]):
        # Copies, so J never sees (or keeps) a change to the caller's theta.
        theta_plus, theta_minus = theta.copy(), theta.copy()
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        gradapprox[i] = (J(theta_plus) - J(theta_minus)) / (2 * epsilon)
    return gradapprox


@dataclass
class GradCheckReport:
    """Outcome of :func:`gradient_check`."""

    difference: float
    per_parameter: dict  #: name -> ||g_p - g_approx_p|| / (||g|| + ||g_approx||)
    threshold: float
    worst_entry: str
    precision: str = "float64"  #: dtype of the parameters/inputs as given
    computed_in: str = "float64"  #: dtype the costs and gradients were compared in
    grads_precision: str = "float64"  #: dtype of the gradients that were checked

    @property
    def passed(self) -> bool:
        return self.difference < self.threshold

    @property
    def worst(self) -> str:
        """The parameter whose gradient disagrees most."""
        return max(self.per_parameter, key=self.per_parameter.get)

    def __str__(self):
        lines = [f"{'parameter':<10} share of the difference"]
        for name, d in self.per_parameter.items():
            mark = "ok" if d < self.threshold else "WRONG"
            # Below the threshold a share is rounding noise whose digits change with the CPU and
            # BLAS, so it prints as "< threshold"; above it the bug dominates and the digits are stable.
            shown = f"< {self.threshold:.0e}" if d < self.threshold else f"{d:.2e}"
            lines.append(f"{name:<10} {shown}  {mark}")
        if self.computed_in != "float64":
            verdict = (
                f"Inconclusive: the check ran in {self.computed_in}, and central differences "
                f"need float64 (rounding alone gives a difference of {self.difference:.2e}). This "
                "says nothing about the backward pass: check again with dtype=np.float64 (the default)."
            )
        elif self.grads_precision != "float64" and not self.passed:
            verdict = (
                f"Inconclusive: the gradients given are {self.grads_precision}, and their own rounding "
                f"can reach the threshold (difference {self.difference:.2e}). Compute them from "
                "float64 parameters and inputs, then check again."
            )
        elif self.passed:
            verdict = f"Backward propagation works: overall difference < {self.threshold:.0e}."
        else:
            verdict = (
                f"There is a mistake in backward propagation: overall difference {self.difference:.2e} "
                f">= {self.threshold:.0e}. The gradient of {self.worst} is the most wrong "
                f"(largest gap at {self.worst_entry})."
            )
        if self.precision != "float64" and self.computed_in == "float64":
            lines.append(
                f"Checked in float64: the parameters/inputs are {self.precision} and central "
                "differences need float64, so float64 copies were checked (the formulas of the "
                "backward pass, not the rounding of a float32 run)."
            )
        return "\n".join(lines + [verdict])

    _repr_pretty_ = lambda self, p, cycle: p.text(str(self))  # noqa: E731


def _cost(X, Y, parameters, acts, loss):
    AL, _ = L_model_forward(X, parameters, hidden=acts[:-1], output=acts[-1], dtype=X.dtype)
    return loss.cost(AL, Y)


def _low_precision(parameters, X, Y):
    dtypes = [v.dtype for v in parameters.values()] + [X.dtype, Y.dtype]
    low = [d for d in dtypes if d != np.float64]
    return str(low[0]) if low else "float64"


def gradient_check(parameters, X, Y, hidden="relu", output="sigmoid", loss="bce",
                   grads=None, epsilon=1e-6, threshold=1e-7, *, dtype=np.float64, lambd=0.0,
                   lambd_l1=0.0):
    """Compare backward propagation with central differences of ``J``.

    Parameters
    ----------
    parameters : dict
        ``W{l}``, ``b{l}`` as from :func:`initialize_parameters_deep`.
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``
    hidden, output, loss :
        The network to check, as in :func:`L_layer_model`.
    grads : dict, optional
        Gradients to check (for instance from your own backward pass), with ``dW{l}`` and
        ``db{l}`` of their parameters' shapes; by default :func:`L_model_backward`'s.
    epsilon : float
        Step of the central difference. ``1e-6`` balances the ``O(epsilon**2)`` truncation
        error against float64 rounding (``~1e-16 / epsilon``).
    threshold : float
        Differences below it pass.
    dtype : {np.float64, np.float32, "float64", "float32"}
        Precision of the check. float32 parameters or inputs are converted to float64 (the
        default) and the report says so; ``dtype=np.float32`` keeps them in float32, only
        to show why that cannot work (the verdict is then "inconclusive").
    lambd : float, >= 0
        L2 strength: check the gradient of ``J + λ/(2m) Σ‖W‖²`` (course 2). The default
        gradients then include ``(λ/m) W``; given ``grads`` must include it too.
    lambd_l1 : float, >= 0
        L1 strength: the same for ``J + λ₁/m Σ|W|`` and ``(λ₁/m) sign(W)`` (a weight within
        ``epsilon`` of 0 sits on the kink of ``|w|``, where no difference can agree).

    Returns
    -------
    GradCheckReport
        ``precision`` is the dtype of the input as given, ``computed_in`` the dtype the check
        ran in. Its verdict is "inconclusive" when the check ran in float32.

    Raises
    ------
    ValueError
        For inconsistent input, and when the cost is not finite at ``parameters`` (for an
        output/loss pairing that cannot work, such as a ReLU output with bce, naming it).
    """
    lss = get_loss(loss)
    lambd = check_lambd(lambd)
    lambd_l1 = check_lambd(lambd_l1, "lambd_l1")
    dtype = check_dtype(dtype)
    checked = check_parameters(parameters)
    acts = layer_activations(len(checked) // 2, hidden, output)
    X = check_X(X, checked["W1"].shape[1])
    Y = check_Y(Y, X.shape[1], checked[f"W{len(checked) // 2}"].shape[0], lss.name)
    epsilon = check_positive_float(epsilon, "epsilon", "1e-7 (the course) or 1e-6")
    threshold = check_positive_float(threshold, "threshold", "1e-7")
    given = _low_precision(checked, X, Y)
    checked, X, Y = as_dtype(checked, dtype), X.astype(dtype, copy=False), Y.astype(dtype, copy=False)
    problem = pairing(acts[-1], lss, Y.shape[0]).problem
    with np.errstate(all="ignore"):
        AL, caches = L_model_forward(X, checked, hidden=acts[:-1], output=acts[-1], dtype=dtype)
        J = lss.cost(AL, Y)
    if not np.isfinite(J) or (lss.needs_probabilities and not np.all((AL > 0) & (AL < 1))):
        if problem:
            raise ValueError(
                f"gradient_check cannot check output='{acts[-1].name}' with loss='{lss.name}': the "
                f"cost has no derivative at these parameters. {problem}"
            )
        if not np.isfinite(J):
            raise ValueError(
                f"The cost is {J} at these parameters, so there is nothing to differentiate: "
                "the outputs overflowed or saturated. Check the weights (finite, not huge)."
            )
    if grads is None:  # after the check above: its message names gradient_check, not L_model_backward
        with np.errstate(all="ignore"):
            grads = add_l2_gradients(L_model_backward(AL, Y, caches, loss=lss), checked, lambd,
                                     X.shape[1])
            grads = add_l1_gradients(grads, checked, lambd_l1, X.shape[1])
    check_grads(grads, checked)
    grads_precision = _low_precision({k: grads["d" + k] for k in checked}, X, Y)
    theta, keys = dictionary_to_vector(checked)
    grad = gradients_to_vector(grads, checked).astype(dtype, copy=False)

    def J(vector):
        params = vector_to_dictionary(vector, checked)
        penalty = l2_penalty(params, lambd, X.shape[1]) + l1_penalty(params, lambd_l1, X.shape[1])
        return _cost(X, Y, params, acts, lss) + penalty

    with np.errstate(all="ignore"):
        approx = central_differences(J, theta, epsilon).astype(theta.dtype, copy=False)
    if not np.all(np.isfinite(approx)):
        raise ValueError(
            "The central differences are not finite: the cost overflows near these parameters"
            + (f". {problem}" if problem else "; check that the weights are finite and not huge.")
        )
    scale = np.linalg.norm(grad) + np.linalg.norm(approx)
    gaps = np.abs(grad - approx)
    per_parameter, worst_in, start = {}, {}, 0
    for name in _param_keys(checked):
        part = slice(start, start + checked[name].size)
        per_parameter[name] = float(np.linalg.norm(gaps[part]) / scale) if scale else 0.0
        worst_in[name] = keys[start + int(np.argmax(gaps[part]))]
        start += checked[name].size
    worst = max(per_parameter, key=per_parameter.get)
    return GradCheckReport(relative_difference(grad, approx), per_parameter, threshold,
                           worst_in[worst], given, np.dtype(dtype).name, grads_precision)
