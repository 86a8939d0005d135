"""The course's random initialiser, and the input checks the course modules share.

The course modules accept exactly what the course's notebooks pass (including boolean
labels and the public tests' real-valued ``Y``); these checks (in :mod:`dlsnotes._validation`)
only turn a learner's mistake into a message in course terms instead of numpy's own error or a
silent broadcast. They check shapes and types, never values: a run that overflows gives the
course's ``inf``/``nan``, as the course's own functions do.
"""

from __future__ import annotations

import numpy as np

# The checks live with every other input check; the course modules import them from here.
from .._validation import (as_labels, as_matrix, check_grads_shapes, check_layer_dims, check_linear,
                           need_parameters, num_layers)

__all__ = ["as_matrix", "as_labels", "need_parameters", "num_layers", "check_linear",
           "check_grads_shapes", "global_randn_parameters"]


def global_randn_parameters(layer_dims, init: str) -> dict:
    """``W[l] = np.random.randn(n_l, n_{l-1})`` scaled as ``init`` says, ``b[l] = 0``.

    Drawn from numpy's *global* random state, as the course's ``np.random.seed(s)`` followed
    by ``np.random.randn`` does: the numbers and the state left behind are the course's.
    ``init="small"`` multiplies by ``0.01`` (W3A1, W4A1); ``init="xavier"`` divides by
    ``np.sqrt(n_{l-1})`` (W4A2's ``dnn_app_utils``), in that exact arithmetic.
    """
    if init not in ("small", "xavier"):
        raise ValueError(f"init must be 'small' or 'xavier'; got {init!r}.")
    layer_dims = check_layer_dims(layer_dims)
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = np.random.randn(layer_dims[l], layer_dims[l - 1])
        parameters[f"W{l}"] = W * 0.01 if init == "small" else W / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
