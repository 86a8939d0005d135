"""L2 regularisation (course 2, week 1) for the L-layer network of :mod:`dlsnotes.model`.

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

import numbers

import numpy as np

from ._validation import check_parameters, check_positive_int

__all__ = [
    "check_lambd",
    "l2_penalty",
    "compute_cost_with_regularization",
    "L_model_backward_with_regularization",
]


def check_lambd(lambd) -> float:
    """``lambd`` as a float >= 0, or a ValueError/TypeError saying what is allowed."""
    if isinstance(lambd, bool) or not isinstance(lambd, numbers.Real):
        raise TypeError(
            f"lambd (the L2 strength λ) must be a number >= 0; got {lambd!r} "
            f"({type(lambd).__name__}). Use e.g. lambd=0.7 (the course) or 0 for no penalty."
        )
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(
            f"lambd (the L2 strength λ) must be a finite number >= 0; got {lambd!r}. "
            "Use 0 for no penalty, or a small positive value such as 0.01 to 0.7."
        )
    return float(lambd)


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
    return _penalty(parameters, lambd, m)


def _penalty(parameters, lambd, m) -> float:
    if lambd == 0.0:
        return 0.0
    total = sum(float(np.sum(np.square(v))) for k, v in parameters.items() if k[0] == "W")
    return lambd / (2.0 * m) * total


def compute_cost_with_regularization(AL, Y, parameters, lambd, *, loss="bce", m=None):
    r"""``J = compute_cost(AL, Y) + λ/(2m) Σ_l ‖W[l]‖²``.

    Parameters
    ----------
    AL, Y : ndarray, ``(n_y, m_batch)``
    parameters : dict
    lambd : float, >= 0
    loss : {"bce", "mse", "cce"}
    m : int, optional
        The ``m`` of the penalty; default ``AL.shape[1]`` (the course, full batch).

    Returns
    -------
    float

    .. math:: J = \frac{1}{m}\sum_{i} L(a^{(i)}, y^{(i)}) + \frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2
    """
    from .model import compute_cost  # model imports this module lazily; no cycle at import

    data_cost = compute_cost(AL, Y, loss=loss)
    m = AL.shape[1] if m is None else m
    return data_cost + l2_penalty(parameters, lambd, m)


def L_model_backward_with_regularization(AL, Y, caches, lambd, *, loss="bce", hidden=None,
                                         output=None, m=None):
    r""":func:`~dlsnotes.model.L_model_backward`, then ``dW[l] += (λ/m) W[l]``.

    ``W[l]`` is read from the caches (``caches[l-1][0][1]``). Biases get no penalty, so
    ``db`` and ``dA`` are unchanged.

    Parameters
    ----------
    AL, Y, caches, loss, hidden, output
        As for :func:`~dlsnotes.model.L_model_backward`.
    lambd : float, >= 0
    m : int, optional
        The ``m`` of the penalty; default the examples in the caches.

    Returns
    -------
    grads : dict

    .. math:: dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]\top} + \frac{\lambda}{m} W^{[l]}
    """
    from .model import L_model_backward

    lambd = check_lambd(lambd)
    grads = L_model_backward(AL, Y, caches, loss=loss, hidden=hidden, output=output)
    m = AL.shape[1] if m is None else check_positive_int(m, "m")
    add_l2_gradients(grads, {f"W{l}": cache[0][1] for l, cache in enumerate(caches, start=1)},
                     lambd, m)
    return grads


def add_l2_gradients(grads, parameters, lambd, m):
    """``grads["dW{l}"] += (lambd / m) * W{l}`` in place (a new array: the caller's is kept)."""
    if lambd == 0.0:
        return grads
    factor = lambd / m
    for k, W in parameters.items():
        if k[0] == "W":
            grads["d" + k] = grads["d" + k] + factor * W
    return grads
