"""Where the gradient is zero: dead hidden units and outputs stuck at 0.

With a ReLU output, an example whose ``Z[L] <= 0`` is predicted as exactly 0 and sends
back ``dZ[L] = dA[L] * 1{Z[L] > 0} = 0``: nothing it could teach reaches the weights,
so it stays at 0. ``notebooks/03_relu_output_regression.ipynb`` shows this on
``y = 3x² + 3x``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .model import L_model_forward

__all__ = ["ZeroGradientReport", "zero_gradient_report"]


class ZeroGradientReport(NamedTuple):
    """Fractions of hidden units / examples that pass no gradient back."""

    dead_units: dict           #: layer l -> indices of hidden units with Z <= 0 on every example
    dead_unit_fraction: float  #: dead hidden units / all hidden units
    zero_grad_fraction: float  #: (unit, example) pairs of hidden layers with g'(Z) == 0
    stuck_examples: np.ndarray  #: indices of examples whose output Z[L] <= 0 (ReLU output: AL == 0)
    output_is_relu: bool

    def __str__(self):
        n_dead = sum(len(v) for v in self.dead_units.values())
        text = (f"dead hidden units: {n_dead} ({self.dead_unit_fraction:.0%}); "
                f"zero-gradient (unit, example) pairs: {self.zero_grad_fraction:.0%}")
        if self.output_is_relu:
            text += f"; examples stuck at 0: {self.stuck_examples.tolist()}"
        return text


def zero_gradient_report(X, parameters, hidden="relu", output="sigmoid") -> ZeroGradientReport:
    """Which hidden units are dead and which examples get no output gradient.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict
    hidden, output : activations, as in :func:`~dlsnotes.model.L_model_forward`

    Returns
    -------
    ZeroGradientReport
    """
    _, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    dead, n_units, zero_pairs, n_pairs = {}, 0, 0, 0
    for l, cache in enumerate(caches[:-1], start=1):
        Z = cache.activation_cache
        flat = cache.activation.derivative(Z) == 0
        dead[l] = np.flatnonzero(flat.all(axis=1))
        n_units += Z.shape[0]
        zero_pairs += int(flat.sum())
        n_pairs += flat.size
    ZL = caches[-1].activation_cache
    output_is_relu = caches[-1].activation.name == "relu"
    stuck = np.flatnonzero((ZL <= 0).any(axis=0)) if output_is_relu else np.array([], dtype=int)
    return ZeroGradientReport(
        dead_units=dead,
        dead_unit_fraction=sum(len(v) for v in dead.values()) / n_units if n_units else 0.0,
        zero_grad_fraction=zero_pairs / n_pairs if n_pairs else 0.0,
        stuck_examples=stuck,
        output_is_relu=output_is_relu,
    )
