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

The maths is the core's (:mod:`dlsnotes.activations`, :mod:`dlsnotes.losses`,
:mod:`dlsnotes.model`). Keyword-only extensions: ``hidden=``/``output=`` activations and
``loss=`` (``"bce"`` or ``"mse"``) on the forward, cost and backward functions.

These functions are references for checking one's own work: write yours first, then
compare (:func:`dlsnotes.course.check`).
"""

from __future__ import annotations

import numpy as np

from ..activations import get_activation
from ..losses import get_loss
from ..model import linear_backward as _core_linear_backward
from ..model import linear_forward as _core_linear_forward
from ..model import update_parameters as _core_update
from ._common import as_labels, as_matrix, check_rate, global_randn_parameters, num_layers

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

_SIGMOID = get_activation("sigmoid")
_RELU = get_activation("relu")


# --------------------------------------------------------------------------- dnn_utils
def sigmoid(Z):
    """``A = 1 / (1 + exp(-Z))``; returns ``(A, cache)`` with ``cache = Z``."""
    return _SIGMOID(np.asarray(Z, dtype=float))


def relu(Z):
    """``A = max(0, Z)``; returns ``(A, cache)`` with ``cache = Z``."""
    return _RELU(np.asarray(Z, dtype=float))


def sigmoid_backward(dA, cache):
    r"""``dZ = dA * s (1 - s)`` with ``s = sigmoid(Z)``, ``Z = cache``.

    .. math:: dZ = dA \odot \sigma(Z)\,(1 - \sigma(Z))
    """
    return _SIGMOID.backward(dA, cache)


def relu_backward(dA, cache):
    r"""``dZ = dA`` where ``Z > 0`` and ``0`` elsewhere, ``Z = cache``.

    .. math:: dZ = dA \odot \mathbb{1}\{Z > 0\}
    """
    return _RELU.backward(dA, cache)


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
    np.random.seed(3)
    return global_randn_parameters(_dims(layer_dims), "small")


def _dims(layer_dims):
    from .._validation import check_layer_dims

    return check_layer_dims(layer_dims)


# --------------------------------------------------------------------------- forward
def linear_forward(A, W, b):
    r"""``Z = W A + b``; returns ``(Z, cache)`` with ``cache = (A, W, b)``.

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
    """
    A, W, b = as_matrix(A, "A"), as_matrix(W, "W"), as_matrix(b, "b")
    if W.shape[1] != A.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(
            f"Shapes do not fit Z = W A + b: W {W.shape} needs A with {W.shape[1]} rows and b of "
            f"shape ({W.shape[0]}, 1); got A {A.shape} and b {b.shape}."
        )
    return _core_linear_forward(A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer ``A = g(W A_prev + b)``; returns ``(A, cache)``, ``cache = ((A_prev, W, b), Z)``.

    .. math:: A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})

    ``activation`` is ``"sigmoid"`` or ``"relu"`` in the course; any name in
    :data:`dlsnotes.activations.ACTIVATIONS` works.
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = get_activation(activation)(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters, *, hidden="relu", output="sigmoid"):
    """``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``; returns ``(AL, caches)``.

    ``caches`` is a list of the ``L`` layer caches ``((A_prev, W, b), Z)``.
    """
    L = num_layers(parameters)
    A, caches = as_matrix(X, "X"), []
    for l in range(1, L + 1):
        act = hidden if l < L else output
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], act)
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y, *, loss="bce"):
    r"""The cost ``J`` as the course returns it: a 0-d numpy array (``np.squeeze`` of it).

    .. math:: J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[L](i)}
              + (1 - y^{(i)})\log(1 - a^{[L](i)})\right)

    ``loss="mse"`` gives :math:`J = \frac{1}{2m}\sum_i (a^{(i)} - y^{(i)})^2` instead.
    """
    AL = as_matrix(AL, "AL")
    return np.squeeze(np.asarray(get_loss(loss).cost(AL, as_labels(Y, AL))))


# --------------------------------------------------------------------------- backward
def linear_backward(dZ, cache):
    r"""Gradients of one linear step; returns ``(dA_prev, dW, db)``.

    .. math:: dW = \tfrac{1}{m} dZ A_{prev}^\top,\quad
              db = \tfrac{1}{m}\textstyle\sum_i dZ^{(i)},\quad dA_{prev} = W^\top dZ
    """
    A_prev, W, b = _linear_cache(cache)
    dZ = as_matrix(dZ, "dZ")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(
            f"dZ must have shape (n_l, m) = {(W.shape[0], A_prev.shape[1])} to match W {W.shape} "
            f"and A_prev {A_prev.shape}; got {dZ.shape}."
        )
    return _core_linear_backward(dZ, (A_prev, W, b))


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

    Returns ``(dA_prev, dW, db)``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})
    """
    linear_cache, activation_cache = _layer_cache(cache)
    dZ = get_activation(activation).backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches, *, hidden="relu", output="sigmoid", loss="bce"):
    r"""Gradients of all ``L`` layers; returns ``grads`` with ``dA{l-1}``, ``dW{l}``, ``db{l}``.

    Starts from the derivative of the loss, not of the cost (no ``1/m``):

    .. math:: dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)

    then goes through ``linear_activation_backward`` with ``sigmoid`` for layer ``L`` and
    ``relu`` for the others, each ``g'`` evaluated at the cached ``Z``.
    """
    AL = as_matrix(AL, "AL")
    Y = as_labels(Y, AL)
    if not isinstance(caches, (list, tuple)) or not caches:
        raise TypeError(
            f"caches must be the list returned by L_model_forward; got {type(caches).__name__}."
        )
    L = len(caches)
    grads = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        dA = get_loss(loss).dAL(AL, Y)
    for l in range(L, 0, -1):
        act = output if l == L else hidden
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], act)
        grads[f"dA{l - 1}"] = dA
    return {k: grads[k] for k in _course_order(L)}


def _course_order(L):
    # The course fills grads as dA{L-1}, dW{L}, db{L}, dA{L-2}, ...; keep that order.
    return [k for l in range(L, 0, -1) for k in (f"dA{l - 1}", f"dW{l}", f"db{l}")]


def update_parameters(params, grads, learning_rate):
    r"""One gradient-descent step on a copy of ``params``; returns the new dict.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}
    """
    num_layers(params)
    return _core_update(params, grads, check_rate(learning_rate))
