"""L2 regularisation (course 2, week 1): the penalty and its gradient.

The course's ``compute_cost_with_regularization`` and ``backward_propagation_with_regularization``
are :func:`dlsnotes.model.compute_cost_with_regularization` and
:func:`dlsnotes.model.L_model_backward_with_regularization`; they use these pieces.

The regularised cost adds the squared Frobenius norm of every weight matrix (not the
biases) to the cost of :func:`~dlsnotes.model.compute_cost`; its gradient adds
``(lambd / m) W`` to every ``dW``. ``lambd`` is spelled as in the course (``lambda`` is a
Python keyword).

With mini-batches :func:`~dlsnotes.model.L_layer_model` keeps ``m`` = the size of the whole
training set in the penalty, so that one mini-batch's gradient estimates the gradient of
the full cost ``J`` below (the mean over the batches of their data gradients plus the same
``(lambd / m) W``).
"""

from __future__ import annotations

import numpy as np

from ._validation import check_lambd, check_parameters, check_positive_int

__all__ = [
    "check_lambd",
    "l2_penalty",
    "l2_cost",
    "add_l2_gradients",
    "l1_penalty",
    "l1_cost",
    "add_l1_gradients",
]


def l2_penalty(parameters, lambd, m) -> float:
    r"""The L2 term of the cost, ``λ/(2m) Σ_l ‖W[l]‖²_F`` (biases are not penalised).

    Parameters
    ----------
    parameters : dict
        ``W{l}``, ``b{l}``.
    lambd : float, >= 0
    m : int
        Examples in the training set.

    .. math:: \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2
    """
    lambd = check_lambd(lambd)
    m = check_positive_int(m, "m")
    parameters = check_parameters(parameters)
    return l2_cost([v for k, v in parameters.items() if k[0] == "W"], lambd, m)


def l2_cost(weights, lambd, m) -> float:
    """:func:`l2_penalty` of the list of weight matrices ``weights``, without input checks
    (for training loops, which checked their inputs once)."""
    if lambd == 0.0:
        return 0.0
    return lambd / (2.0 * m) * sum(float(np.sum(np.square(W))) for W in weights)


def add_l2_gradients(grads, parameters, lambd, m):
    """``grads["dW{l}"] += (lambd / m) * W{l}`` in place (a new array: the caller's is kept)."""
    if lambd == 0.0:
        return grads
    factor = lambd / m
    for k, W in parameters.items():
        if k[0] == "W":
            grads["d" + k] = grads["d" + k] + factor * W
    return grads


# ----------------------------------------------------------------------------- L1
# Not in the course; TensorFlow Playground offers it beside L2. |w| has no derivative at 0:
# the subgradient sign(0) = 0 is used, so a weight at exactly 0 stays there.
def l1_penalty(parameters, lambd_l1, m) -> float:
    r"""The L1 term of the cost, ``λ₁/m Σ_l Σ |W[l]|`` (biases are not penalised).

    .. math:: \frac{\lambda_1}{m} \sum_{l=1}^{L} \sum_{j,k} \lvert W^{[l]}_{jk} \rvert
    """
    lambd_l1 = check_lambd(lambd_l1, "lambd_l1")
    m = check_positive_int(m, "m")
    parameters = check_parameters(parameters)
    return l1_cost([v for k, v in parameters.items() if k[0] == "W"], lambd_l1, m)


def l1_cost(weights, lambd_l1, m) -> float:
    """:func:`l1_penalty` of the list of weight matrices ``weights``, without input checks."""
    if lambd_l1 == 0.0:
        return 0.0
    return lambd_l1 / m * sum(float(np.sum(np.abs(W))) for W in weights)


def add_l1_gradients(grads, parameters, lambd_l1, m):
    """``grads["dW{l}"] += (lambd_l1 / m) * sign(W{l})`` (a new array: the caller's is kept)."""
    if lambd_l1 == 0.0:
        return grads
    factor = lambd_l1 / m
    for k, W in parameters.items():
        if k[0] == "W":
            grads["d" + k] = grads["d" + k] + factor * np.sign(W)
    return grads
