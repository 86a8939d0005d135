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

from .losses import get_loss
from .model import L_model_backward, L_model_forward

__all__ = [
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "relative_difference",
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


@dataclass
class GradCheckReport:
    """Outcome of :func:`gradient_check`."""

    difference: float
    per_parameter: dict  #: name -> ||g_p - g_approx_p|| / (||g|| + ||g_approx||)
    threshold: float
    worst_entry: str

    @property
    def passed(self) -> bool:
        return self.difference < self.threshold

    @property
    def worst(self) -> str:
        """The parameter whose gradient disagrees most."""
        return max(self.per_parameter, key=self.per_parameter.get)

    def __str__(self):
        # Below the threshold a difference is rounding noise whose digits change with the CPU and
        # BLAS, so it is shown as "< threshold"; above it, the bug dominates and the digits are stable.
        lines = [f"{'parameter':<10} share of the difference"]
        for name, d in self.per_parameter.items():
            lines.append(f"{name:<10} {self._format(d)}  {'ok' if d < self.threshold else 'WRONG'}")
        verdict = (
            f"Backward propagation works: overall difference < {self.threshold:.0e}."
            if self.passed else
            f"There is a mistake in backward propagation: overall difference {self.difference:.2e} "
            f">= {self.threshold:.0e}. The gradient of {self.worst} is the most wrong "
            f"(largest gap at {self.worst_entry})."
        )
        return "\n".join(lines + [verdict])

    def _format(self, d):
        return f"< {self.threshold:.0e}" if d < self.threshold else f"{d:.2e}"

    _repr_pretty_ = lambda self, p, cycle: p.text(str(self))  # noqa: E731


def _cost(X, Y, parameters, hidden, output, loss):
    AL, _ = L_model_forward(X, parameters, hidden, output)
    return loss.cost(AL, Y)


def gradient_check(parameters, X, Y, hidden="relu", output="sigmoid", loss="bce",
                   grads=None, epsilon=1e-6, threshold=1e-7):
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
        Gradients to check (for instance from your own backward pass); by default
        :func:`L_model_backward`'s.
    epsilon : float
        Step of the central difference. ``1e-6`` balances the ``O(epsilon**2)`` truncation
        error against float64 rounding (``~1e-16 / epsilon``).
    threshold : float
        Differences below it pass.

    Returns
    -------
    GradCheckReport
    """
    lss = get_loss(loss)
    if grads is None:
        AL, caches = L_model_forward(X, parameters, hidden, output)
        grads = L_model_backward(AL, Y, caches, lss)
    theta, keys = dictionary_to_vector(parameters)
    grad = gradients_to_vector(grads, parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = epsilon
        plus = _cost(X, Y, vector_to_dictionary(theta + step, parameters), hidden, output, lss)
        minus = _cost(X, Y, vector_to_dictionary(theta - step, parameters), hidden, output, lss)
        approx[i] = (plus - minus) / (2 * epsilon)
    scale = np.linalg.norm(grad) + np.linalg.norm(approx)
    gaps = np.abs(grad - approx)
    per_parameter, worst_in, start = {}, {}, 0
    for name in _param_keys(parameters):
        part = slice(start, start + parameters[name].size)
        per_parameter[name] = float(np.linalg.norm(gaps[part]) / scale) if scale else 0.0
        worst_in[name] = keys[start + int(np.argmax(gaps[part]))]
        start += parameters[name].size
    worst = max(per_parameter, key=per_parameter.get)
    return GradCheckReport(relative_difference(grad, approx), per_parameter, threshold, worst_in[worst])
