"""Course 1, week 4: "Building your Deep Neural Network: Step by Step" (W4A1).

The assignment's graded functions and the helpers its notebook imports (``sigmoid``,
``relu``, ``sigmoid_backward``, ``relu_backward`` from its ``dnn_utils``), with the course's
names, signatures, defaults, return values, cache layout and seeding::

    from dlsnotes.course.w4a1 import (initialize_parameters, initialize_parameters_deep,
                                      linear_forward, linear_activation_forward, L_model_forward,
                                      compute_cost, linear_backward, linear_activation_backward,
                                      L_model_backward, update_parameters,
                                      sigmoid, sigmoid_backward, relu, relu_backward)

* a layer's cache is the course's plain 2-tuple ``((A_prev, W, b), Z)``, so
  ``linear_cache, activation_cache = cache`` works and the course's graders accept it;
* ``initialize_parameters`` calls ``np.random.seed(1)`` and ``initialize_parameters_deep``
  ``np.random.seed(3)`` on numpy's global state, as the course does;
* ``L_model_backward`` starts from ``dAL = -(Y/AL - (1 - Y)/(1 - AL))`` and takes every
  ``g'(Z)`` from the cached ``Z``: it computes exactly from the ``AL`` and caches it is
  given, so the course's test case (an ``AL`` that is not ``sigmoid(Z[L])``) gives the
  course's numbers.

* ``update_parameters(params, grads, learning_rate)`` works on ``copy.deepcopy(params)``
  and leaves the given dict unchanged, as the current W4A1 does. (The older W4A1,
  ``update_parameters(parameters, grads, learning_rate)``, and the ``dnn_app_utils`` that
  W4A2 imports update the given dict in place: that one is
  :func:`dlsnotes.course.w4a2.update_parameters`.)

Each function is written as the course writes it, in plain numpy (``np.dot(W, A) + b``,
``-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))``, ...); the activations and their
derivatives come from :mod:`dlsnotes.activations`, the package's one registry, and
``loss="mse"`` from :mod:`dlsnotes.losses`. Keyword-only extensions: ``hidden=``/``output=``
activations and ``loss=`` (``"bce"`` or ``"mse"``) on the forward, cost and backward
functions.

These functions are references for checking one's own work: write yours first, then
compare (:func:`dlsnotes.course.check`).
"""

from __future__ import annotations

import copy

import numpy as np

from ..activations import get_activation
from ..losses import get_loss
from .._validation import (check_activation_backward, check_dA, check_layer_dims,
                           check_learning_rate)
from ._common import (as_labels, as_matrix, check_grads_shapes, check_linear,
                      global_randn_parameters, num_layers)

__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "relu",
    "relu_backward",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
]


# --------------------------------------------------------------------------- dnn_utils
def sigmoid(Z):
    """``A = 1 / (1 + exp(-Z))``; returns ``(A, cache)`` with ``cache = Z``."""
    return get_activation("sigmoid")(np.asarray(Z, dtype=float))


def relu(Z):
    """``A = max(0, Z)``; returns ``(A, cache)`` with ``cache = Z``."""
    return get_activation("relu")(np.asarray(Z, dtype=float))


def sigmoid_backward(dA, cache):
    r"""``dZ = dA * s (1 - s)`` with ``s = sigmoid(Z)``, ``Z = cache``.

    .. math:: dZ = dA \odot \sigma(Z)\,(1 - \sigma(Z))
    """
    dA = check_activation_backward(dA, cache)
    Z = cache
    s = sigmoid(Z)[0]
    dZ = dA * s * (1 - s)
    return dZ


def relu_backward(dA, cache):
    r"""``dZ = dA`` where ``Z > 0`` and ``0`` elsewhere, ``Z = cache``; ``dA`` is not changed.

    .. math:: dZ = dA \odot \mathbb{1}\{Z > 0\}

    As the course's ``dnn_utils``: a copy of ``dA`` with the entries where ``Z <= 0`` set to
    ``0`` (exactly ``0.0``, even where ``dA`` is negative or infinite; ``dA * (Z > 0)``
    would give ``-0.0`` or ``nan`` there).
    """
    dA = check_activation_backward(dA, cache)
    Z = cache
    dZ = np.array(dA, copy=True)  # a copy: the caller's dA is left as it was
    dZ[Z <= 0] = 0
    return dZ


# --------------------------------------------------------------------------- initialisation
def initialize_parameters(n_x, n_h, n_y):
    """The 2-layer network's ``W1, W2 = randn * 0.01`` and zero ``b1, b2``, after ``np.random.seed(1)``.

    Returns
    -------
    parameters : dict
        ``W1`` ``(n_h, n_x)``, ``b1`` ``(n_h, 1)``, ``W2`` ``(n_y, n_h)``, ``b2`` ``(n_y, 1)``.
    """
    np.random.seed(1)
    return global_randn_parameters([n_x, n_h, n_y], "small")


def initialize_parameters_deep(layer_dims):
    """``W[l] = randn(n_l, n_{l-1}) * 0.01`` and zero ``b[l]``, after ``np.random.seed(3)``.

    Parameters
    ----------
    layer_dims : list of int, ``[n_x, n_1, ..., n_L]``

    Returns
    -------
    parameters : dict
        ``W{l}`` ``(n_l, n_{l-1})``, ``b{l}`` ``(n_l, 1)``.
    """
    layer_dims = check_layer_dims(layer_dims)
    np.random.seed(3)
    return global_randn_parameters(layer_dims, "small")


# --------------------------------------------------------------------------- forward
def linear_forward(A, W, b):
    r"""``Z = W A + b``; returns ``(Z, cache)`` with ``cache = (A, W, b)``.

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
    """
    A, W, b = as_matrix(A, "A"), as_matrix(W, "W"), as_matrix(b, "b")
    check_linear(A, W, b)
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer ``A = g(W A_prev + b)``; returns ``(A, cache)``, ``cache = ((A_prev, W, b), Z)``.

    .. math:: A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})

    ``activation`` is ``"sigmoid"`` or ``"relu"`` in the course; any name in
    :data:`dlsnotes.activations.ACTIVATIONS` works.
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = get_activation(activation)(Z)
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters, *, hidden="relu", output="sigmoid"):
    """``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``; returns ``(AL, caches)``.

    ``caches`` is a list of the ``L`` layer caches ``((A_prev, W, b), Z)``.
    """
    caches = []
    A = as_matrix(X, "X")
    L = num_layers(parameters)
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                             parameters["b" + str(l)], hidden)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)],
                                          output)
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y, *, loss="bce"):
    r"""The cost ``J`` as the course returns it: a 0-d numpy array (``np.squeeze`` of it).

    .. math:: J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[L](i)}
              + (1 - y^{(i)})\log(1 - a^{[L](i)})\right)

    The course's formula, unclipped: a saturated ``AL`` gives ``inf`` or ``nan`` as in the
    course. ``loss="mse"`` gives :math:`J = \frac{1}{2m}\sum_i (a^{(i)} - y^{(i)})^2` instead.
    """
    AL = as_matrix(AL, "AL")
    Y = as_labels(Y, AL)
    if loss != "bce":
        return np.squeeze(np.asarray(get_loss(loss).cost(AL, Y)))
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0): the value says it
        cost = -(1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    # np.squeeze makes sure the cost is what the course expects (e.g. [[17]] -> 17), a 0-d array
    cost = np.squeeze(np.asarray(cost))
    return cost


# --------------------------------------------------------------------------- backward
def linear_backward(dZ, cache):
    r"""Gradients of one linear step; returns ``(dA_prev, dW, db)``.

    .. math:: dW = \tfrac{1}{m} dZ A_{prev}^\top,\quad
              db = \tfrac{1}{m}\textstyle\sum_i dZ^{(i)},\quad dA_{prev} = W^\top dZ
    """
    A_prev, W, b = _linear_cache(cache)
    # the package's one check: a dZ of another shape would broadcast into a wrong dW
    dZ = check_dA(dZ, (W.shape[0], A_prev.shape[1]), "dZ", "this layer's Z")
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def _linear_cache(cache):
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(
            "a linear cache must be the tuple (A_prev, W, b) returned by linear_forward; got "
            + (f"a tuple of {len(cache)} items." if isinstance(cache, tuple) else
               f"a {type(cache).__name__}.")
        )
    return cache


def _layer_cache(cache):
    if isinstance(cache, tuple) and len(cache) == 2:
        return cache
    if hasattr(cache, "linear_cache") and hasattr(cache, "activation_cache"):
        return cache.linear_cache, cache.activation_cache
    raise TypeError(
        "a layer's cache must be (linear_cache, activation_cache) = ((A_prev, W, b), Z), as "
        "returned by linear_activation_forward; got "
        + (f"a tuple of {len(cache)} items." if isinstance(cache, tuple) else
           f"a {type(cache).__name__}.")
    )


def linear_activation_backward(dA, cache, activation):
    r"""One layer backward: ``dZ = dA * g'(Z)``, then :func:`linear_backward`.

    Returns ``(dA_prev, dW, db)``. ``activation="relu"`` is :func:`relu_backward`,
    ``"sigmoid"`` :func:`sigmoid_backward`.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})
    """
    linear_cache, activation_cache = _layer_cache(cache)
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:  # an extension: any other activation of the registry
        dZ = get_activation(activation).backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches, *, hidden="relu", output="sigmoid", loss="bce"):
    r"""Gradients of all ``L`` layers; returns ``grads`` with ``dA{l-1}``, ``dW{l}``, ``db{l}``.

    Starts from the derivative of the loss, not of the cost (no ``1/m``):

    .. math:: dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)

    then goes through ``linear_activation_backward`` with ``sigmoid`` for layer ``L`` and
    ``relu`` for the others, each ``g'`` evaluated at the cached ``Z``. The keys come in the
    course's order: ``dA{L-1}, dW{L}, db{L}, dA{L-2}, ...``.
    """
    AL = as_matrix(AL, "AL")
    if not isinstance(caches, (list, tuple)) or not caches:
        raise TypeError(
            f"caches must be the list returned by L_model_forward; got {type(caches).__name__}."
        )
    grads = {}
    L = len(caches)
    Y = as_labels(Y, AL)  # the course's Y.reshape(AL.shape)
    # the course's dAL, unclipped: AL == 1 with y == 1 gives its 0/0 = nan
    with np.errstate(divide="ignore", invalid="ignore"):
        if loss == "bce":
            dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        else:
            dAL = get_loss(loss).dAL(AL, Y)
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, output)
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, hidden)
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(params, grads, learning_rate):
    r"""One gradient-descent step on ``copy.deepcopy(params)``; returns the new dict.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    As in the current W4A1, ``params`` is left unchanged: use the returned dict. (W4A2's
    ``dnn_app_utils`` version updates the given dict in place:
    :func:`dlsnotes.course.w4a2.update_parameters`.)
    """
    L = num_layers(params)
    learning_rate = check_learning_rate(learning_rate)
    check_grads_shapes(grads, params)
    parameters = copy.deepcopy(params)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
