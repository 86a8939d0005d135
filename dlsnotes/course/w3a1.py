"""Course 1, week 3: "Planar data classification with one hidden layer" (W3A1).

The assignment's graded functions and the helpers its notebook imports, with the
course's names, signatures, defaults, return values and random seeding, so that a
learner's notebook with only its import lines changed gives the course's numbers::

    from dlsnotes.course.w3a1 import (layer_sizes, initialize_parameters, forward_propagation,
                                      compute_cost, backward_propagation, update_parameters,
                                      nn_model, predict, sigmoid, load_planar_dataset)

The network is ``LINEAR -> TANH -> LINEAR -> SIGMOID``; ``cache`` is the course's dict
``{"Z1", "A1", "Z2", "A2"}`` and ``grads`` the dict ``{"dW1", "db1", "dW2", "db2"}``.
The maths is the core's (:mod:`dlsnotes.activations`, :mod:`dlsnotes.losses`,
:mod:`dlsnotes.model`); this module only arranges it the way the assignment does.

Extensions, all keyword-only: ``hidden="relu"`` (or ``"leaky_relu"``, ``"sigmoid"``, ...)
swaps the hidden activation in the forward *and* backward pass; ``nn_model(...,
hidden="relu", backward_hidden="tanh")`` reproduces the forum question of a forward pass
switched to ReLU whose backward pass still uses tanh's ``1 - A1**2``.

These functions are references for checking one's own work: write yours first, then
compare (:func:`dlsnotes.course.check`).
"""

from __future__ import annotations

import numpy as np

from .. import datasets as _datasets
from ..activations import get_activation
from ..losses import get_loss, output_delta
from ..model import linear_backward as _linear_backward
from ..model import linear_forward as _linear_forward
from ..model import update_parameters as _update
from ._common import as_labels, as_matrix, check_rate, global_randn_parameters, need_parameters

__all__ = [
    "sigmoid",
    "load_planar_dataset",
    "load_extra_datasets",
    "plot_decision_boundary",
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
]

_KEYS = ("W1", "b1", "W2", "b2")
_SIGMOID = get_activation("sigmoid")
_BCE = get_loss("bce")


# --------------------------------------------------------------------------- helpers
def sigmoid(x):
    r"""The planar notebook's ``sigmoid``: returns ``1 / (1 + e^{-x})`` only (no cache).

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}
    """
    return _SIGMOID.function(np.asarray(x, dtype=float))


def load_planar_dataset():
    """The course's "flower": ``X`` of shape ``(2, 400)``, ``Y`` of shape ``(1, 400)``.

    Same points as the course (see :func:`dlsnotes.datasets.load_planar_dataset`).
    """
    return _datasets.load_planar_dataset()


def load_extra_datasets():
    """The five extra data sets, as the course returns them: ``(X, y)`` with examples as *rows*.

    Returns ``noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure``, each
    ``(X, y)`` with ``X`` of shape ``(200, 2)`` and ``y`` of shape ``(200,)``, so the course's
    ``X, Y = X.T, Y.reshape(1, Y.shape[0])`` applies. (Seeded here, unlike the course.)
    """
    names = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")
    out = []
    for name in names:
        X, Y = _datasets.load_extra_dataset(name)
        out.append((X.T.copy(), Y.ravel().astype(int)))
    return tuple(out)


def plot_decision_boundary(model, X, y):
    """Course-style call: ``plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)``.

    As in the course, ``model`` receives the grid points as *rows*, shape ``(k, 2)``.
    """
    from ..plotting import plot_decision_boundary as _plot

    return _plot(lambda grid: model(grid.T), X, np.asarray(y, dtype=float).reshape(1, -1))


# --------------------------------------------------------------------------- graded functions
def layer_sizes(X, Y):
    """``(n_x, n_h, n_y)``: the sizes of the input, hidden and output layers, ``n_h = 4``.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``

    Returns
    -------
    tuple of int
    """
    X, Y = as_matrix(X, "X"), as_matrix(Y, "Y")
    return (X.shape[0], 4, Y.shape[0])


def initialize_parameters(n_x, n_h, n_y):
    """``W1, W2 = randn * 0.01`` and zero ``b1, b2``, drawn from numpy's global random state.

    As in the current version of the assignment the function does not seed: the notebook
    calls ``np.random.seed(2)`` before it, and :func:`nn_model` calls ``np.random.seed(3)``.
    (An older version seeded 2 inside; call ``np.random.seed(2)`` first to get its numbers.)

    Returns
    -------
    parameters : dict
        ``W1`` ``(n_h, n_x)``, ``b1`` ``(n_h, 1)``, ``W2`` ``(n_y, n_h)``, ``b2`` ``(n_y, 1)``.
    """
    return global_randn_parameters([n_x, n_h, n_y], "small")


def forward_propagation(X, parameters, *, hidden="tanh"):
    r"""``A2`` and the cache dict ``{"Z1", "A1", "Z2", "A2"}``.

    .. math:: Z^{[1]} = W^{[1]}X + b^{[1]},\ A^{[1]} = \tanh(Z^{[1]}),\
              Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]},\ A^{[2]} = \sigma(Z^{[2]})

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict with ``W1, b1, W2, b2``
    hidden : str, keyword-only
        The hidden activation (the course's is ``"tanh"``).

    Returns
    -------
    A2 : ndarray, ``(1, m)``
    cache : dict
    """
    X = as_matrix(X, "X")
    need_parameters(parameters, _KEYS)
    act = get_activation(hidden)
    Z1, _ = _linear_forward(X, parameters["W1"], parameters["b1"])
    A1, _ = act(Z1)
    Z2, _ = _linear_forward(A1, parameters["W2"], parameters["b2"])
    A2, _ = _SIGMOID(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y, parameters=None):
    r"""The cross-entropy cost ``J`` as a Python float.

    ``parameters`` is accepted and ignored, for notebooks of the older version of the
    assignment that pass it.

    .. math:: J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[2](i)}
              + (1 - y^{(i)})\log(1 - a^{[2](i)})\right)
    """
    A2 = as_matrix(A2, "A2")
    return float(_BCE.cost(A2, as_labels(Y, A2)))


def _hidden_dZ(dA1, cache, act):
    # The course writes g' with A1 (tanh: 1 - A1**2); every activation that allows it does so here.
    if act.output_derivative is not None:
        return dA1 * act.output_derivative(cache["A1"])
    return act.backward(dA1, cache["Z1"])


def backward_propagation(parameters, cache, X, Y, *, hidden="tanh"):
    r"""Gradients of the cost: the dict ``{"dW1", "db1", "dW2", "db2"}``.

    .. math::
        dZ^{[2]} = A^{[2]} - Y,\quad
        dZ^{[1]} = W^{[2]\top}dZ^{[2]} \odot g^{[1]\prime}(Z^{[1]}),\quad
        dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]\top},\quad
        db^{[l]} = \tfrac{1}{m}\textstyle\sum_i dZ^{[l](i)}

    with :math:`g^{[1]\prime} = 1 - (A^{[1]})^2` for tanh, written with ``A1`` as the course
    does (``hidden`` picks another activation's derivative).
    """
    X = as_matrix(X, "X")
    need_parameters(parameters, _KEYS)
    if not isinstance(cache, dict) or not {"A1", "A2"} <= set(cache):
        raise TypeError(
            "cache must be the dict returned by forward_propagation, with keys 'Z1', 'A1', "
            f"'Z2', 'A2'; got {type(cache).__name__}."
        )
    act = get_activation(hidden)
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = output_delta(A2, as_labels(Y, A2), cache.get("Z2"), "sigmoid", "bce")
    dA1, dW2, db2 = _linear_backward(dZ2, (A1, parameters["W2"], parameters["b2"]))
    dZ1 = _hidden_dZ(dA1, cache, act)
    _, dW1, db1 = _linear_backward(dZ1, (X, parameters["W1"], parameters["b1"]))
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    r"""One gradient-descent step, ``W := W - learning_rate * dW``; returns a new dict.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}
    """
    need_parameters(parameters, _KEYS)
    return _update(parameters, grads, check_rate(learning_rate))


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, *, hidden="tanh",
             backward_hidden=None, learning_rate=1.2):
    """Train the planar network; returns ``parameters``.

    Seeds ``np.random.seed(3)`` first as the course does, then runs ``num_iterations``
    steps of forward pass, cost, backward pass and update (rate 1.2); with ``print_cost``
    prints ``Cost after iteration i: J`` every 1000 iterations.

    Keyword-only extensions: ``hidden`` (forward and backward activation),
    ``backward_hidden`` (a *different* activation for the backward pass only, to reproduce
    the bug of changing just the forward pass) and ``learning_rate``.
    """
    X = as_matrix(X, "X")
    Y = as_matrix(Y, "Y").astype(float, copy=False)
    if Y.shape[1] != X.shape[1]:
        raise ValueError(
            f"X and Y must have one column per example, the same m; got X {X.shape} and Y {Y.shape}."
        )
    lr = check_rate(learning_rate)
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    back = hidden if backward_hidden is None else backward_hidden
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(num_iterations):
            A2, cache = forward_propagation(X, parameters, hidden=hidden)
            cost = compute_cost(A2, Y)
            grads = backward_propagation(parameters, cache, X, Y, hidden=back)
            parameters = update_parameters(parameters, grads, lr)
            if print_cost and i % 1000 == 0:
                print("Cost after iteration %i: %f" % (i, cost))
    return parameters


def predict(parameters, X, *, hidden="tanh"):
    """Class predictions ``A2 > 0.5`` (booleans), shape ``(1, m)``."""
    A2, _ = forward_propagation(X, parameters, hidden=hidden)
    return A2 > 0.5
