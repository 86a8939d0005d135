"""Course 1, week 3: "Planar data classification with one hidden layer" (W3A1).

The assignment's graded functions and the helpers its notebook imports, with the
course's names, signatures, defaults, return values and random seeding, so that a
learner's notebook with only its import lines changed gives the course's numbers::

    from dlsnotes.course.w3a1 import (layer_sizes, initialize_parameters, forward_propagation,
                                      compute_cost, backward_propagation, update_parameters,
                                      nn_model, predict, sigmoid, load_planar_dataset)

The network is ``LINEAR -> TANH -> LINEAR -> SIGMOID``; ``cache`` is the course's dict
``{"Z1", "A1", "Z2", "A2"}`` and ``grads`` the dict ``{"dW1", "db1", "dW2", "db2"}``.
Each function is written as the course writes it, in plain numpy (``np.dot(W1, X) + b1``,
``1 - np.power(A1, 2)``, ...), and :func:`nn_model` is the course's own loop over them:
``forward_propagation -> compute_cost -> backward_propagation -> update_parameters``.
Only the activations come from :mod:`dlsnotes.activations`, the package's one registry.

``update_parameters`` returns a *new* dict and leaves the one it is given unchanged, as
the course's W3A1 does (it rebinds ``W1 = W1 - learning_rate * dW1``): a loop that drops
its return value does not train, in the course or here.

Extensions, all keyword-only: ``hidden="relu"`` (or ``"leaky_relu"``, ``"sigmoid"``, ...)
swaps the hidden activation in the forward *and* backward pass; ``nn_model(...,
hidden="relu", backward_hidden="tanh")`` reproduces the forum question of a forward pass
switched to ReLU whose backward pass still uses tanh's ``1 - A1**2``.

These functions are references for checking one's own work: write yours first, then
compare (:func:`dlsnotes.course.check`).
"""
from __future__ import annotations

import numpy as np

from .. import datasets, plotting
from ..activations import get_activation
from .._validation import check_learning_rate
from ._common import (as_labels, as_matrix, check_grads_shapes, check_linear,
                      global_randn_parameters, need_parameters)

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


# --------------------------------------------------------------------------- helpers
def sigmoid(x):
    r"""The planar notebook's ``sigmoid``: returns ``1 / (1 + e^{-x})`` only (no cache).

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    The registry's sigmoid (``scipy.special.expit``): the course's formula without its
    overflow warning for very negative ``x``.
    """
    return get_activation("sigmoid").function(np.asarray(x, dtype=float))


def load_planar_dataset():
    """The course's "flower": ``X`` of shape ``(2, 400)``, ``Y`` of shape ``(1, 400)``.

    Same points as the course (see :func:`dlsnotes.datasets.load_planar_dataset`).
    """
    return datasets.load_planar_dataset()


def load_extra_datasets():
    """The five extra data sets, as the course returns them: ``(X, y)`` with examples as *rows*.

    Returns ``noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure``, each
    ``(X, y)`` with ``X`` of shape ``(200, 2)`` and ``y`` of shape ``(200,)``, so the course's
    ``X, Y = X.T, Y.reshape(1, Y.shape[0])`` applies. (Seeded here, unlike the course.)
    """
    names = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")
    out = []
    for name in names:
        X, Y = datasets.load_extra_dataset(name)
        out.append((X.T.copy(), Y.ravel().astype(int)))
    return tuple(out)


def plot_decision_boundary(model, X, y):
    """Course-style call: ``plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)``.

    As in the course, ``model`` receives the grid points as *rows*, shape ``(k, 2)``.
    """
    return plotting.plot_decision_boundary(lambda grid: model(grid.T), X,
                                           np.asarray(y, dtype=float).reshape(1, -1))


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
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


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
    # W1 is drawn before W2, as in the course: the same numbers from the same seed
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
        The hidden activation (the course's is ``"tanh"``, i.e. ``np.tanh``).

    Returns
    -------
    A2 : ndarray, ``(1, m)``
    cache : dict
    """
    X = as_matrix(X, "X")
    need_parameters(parameters, _KEYS)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    g = get_activation(hidden).function  # np.tanh in the course
    check_linear(X, W1, b1, 1)
    Z1 = np.dot(W1, X) + b1
    A1 = g(Z1)
    check_linear(A1, W2, b2, 2)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y, parameters=None):
    r"""The cross-entropy cost ``J`` as a Python ``float``, as the current course returns it.

    ``parameters`` is accepted and ignored, for notebooks of the older version of the
    assignment that pass it.

    .. math:: J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[2](i)}
              + (1 - y^{(i)})\log(1 - a^{[2](i)})\right)

    The course's formula, unclipped: a saturated output gives the course's ``inf`` (wrong
    class) or ``nan`` (``0 * log 0`` on an example of its own class).
    """
    A2 = as_matrix(A2, "A2")
    Y = as_labels(Y, A2)
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0): the value says it
        logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    return float(np.squeeze(cost))


def _hidden_derivative(cache, hidden):
    """``g'`` of the hidden layer, from ``A1`` where the activation allows it, as the course does."""
    if hidden == "tanh":
        return 1 - np.power(cache["A1"], 2)  # the course's line: it never reads Z1
    act = get_activation(hidden)
    from_output = getattr(act, "output_derivative", None)  # g' written with A, as 1 - A**2
    if from_output is not None:
        return from_output(cache["A1"])
    return act.derivative(cache["Z1"])


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
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    Y = as_labels(Y, A2)
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * _hidden_derivative(cache, hidden)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def update_parameters(parameters, grads, learning_rate=1.2):
    r"""One gradient-descent step; returns a *new* dict, the given one is left unchanged.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    As in the course's W3A1, ``W1 = W1 - learning_rate * dW1`` makes a new array: use the
    returned dict (``parameters = update_parameters(parameters, grads)``).
    """
    need_parameters(parameters, _KEYS)
    learning_rate = check_learning_rate(learning_rate)
    check_grads_shapes(grads, {k: parameters[k] for k in _KEYS})
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"] - learning_rate * grads["db1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"] - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, *, hidden="tanh",
             backward_hidden=None, learning_rate=1.2):
    """Train the planar network; returns ``parameters``.

    The course's loop: ``np.random.seed(3)``, :func:`initialize_parameters`, then
    ``num_iterations`` times :func:`forward_propagation`, :func:`compute_cost`,
    :func:`backward_propagation` and :func:`update_parameters` (rate 1.2); with
    ``print_cost`` it prints ``Cost after iteration i: J`` (``%f``) every 1000 iterations.

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
    learning_rate = check_learning_rate(learning_rate)
    back = hidden if backward_hidden is None else backward_hidden
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    parameters = initialize_parameters(n_x, n_h, n_y)
    # A diverging run overflows as the course's does; its nan costs say so once, not every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(0, num_iterations):
            A2, cache = forward_propagation(X, parameters, hidden=hidden)
            cost = compute_cost(A2, Y)
            grads = backward_propagation(parameters, cache, X, Y, hidden=back)
            parameters = update_parameters(parameters, grads, learning_rate)
            if print_cost and i % 1000 == 0:
                print("Cost after iteration %i: %f" % (i, cost))
    return parameters


def predict(parameters, X, *, hidden="tanh"):
    """Class predictions ``A2 > 0.5`` (booleans), shape ``(1, m)``, as the current course.

    (An older version returned ``np.round(A2)``, floats 0.0/1.0: the same classes.)
    """
    A2, cache = forward_propagation(X, parameters, hidden=hidden)
    predictions = A2 > 0.5
    return predictions
