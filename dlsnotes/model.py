"""The L-layer network of course 1, week 4, with any activation and loss.

Names, shapes and caches follow the course so a learner recognises their own code:

* ``parameters["W{l}"]`` has shape ``(n_l, n_{l-1})``, ``parameters["b{l}"]`` ``(n_l, 1)``;
* ``caches[l-1] = (linear_cache, activation_cache, activation)`` with
  ``linear_cache = (A_prev, W, b)`` and ``activation_cache = Z`` (the third entry
  records which activation the forward pass used, so the backward pass cannot
  silently use another one);
* ``grads`` has keys ``dA{l-1}``, ``dW{l}``, ``db{l}``.

Derivations: ``notebooks/01_notation_and_shapes.ipynb`` and ``02_why_dz_is_a_minus_y.ipynb``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    DivergenceError,
    check_layer_dims,
    check_learning_rate,
    check_positive_int,
    check_X,
    check_Y,
    unsupported_name,
)
from .activations import Activation, get_activation
from .losses import CANONICAL_PAIRS, check_pairing, get_loss

__all__ = [
    "INITS",
    "LayerCache",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "L_layer_model",
    "predict",
    "layer_activations",
]

#: Initialisation scale for ``W[l]`` given ``n_{l-1}``.
INITS = {
    "small": lambda n_prev: 0.01,  # the course's randn * 0.01
    "he": lambda n_prev: np.sqrt(2.0 / n_prev),
    "xavier": lambda n_prev: np.sqrt(1.0 / n_prev),
}


class LayerCache(NamedTuple):
    """What the forward pass of one layer keeps for the backward pass."""

    linear_cache: tuple
    activation_cache: np.ndarray
    activation: Activation


def initialize_parameters_deep(layer_dims, init="small", seed=None):
    r"""Random ``W[l]`` and zero ``b[l]`` for every layer.

    Parameters
    ----------
    layer_dims : list of int, ``[n_x, n_1, ..., n_L]``
    init : {"small", "he", "xavier"}
        ``W[l] = randn(n_l, n_{l-1}) * scale`` with scale ``0.01`` (the course),
        :math:`\sqrt{2/n_{l-1}}` (He) or :math:`\sqrt{1/n_{l-1}}` (Xavier).
    seed : int, optional
        Seeds a legacy ``RandomState``, so ``seed=s`` draws what
        ``np.random.seed(s); np.random.randn(...)`` draws in the course.

    Returns
    -------
    parameters : dict of str to ndarray
        ``W{l}`` of shape ``(n_l, n_{l-1})`` and ``b{l}`` of shape ``(n_l, 1)``.
    """
    dims = check_layer_dims(layer_dims)
    if init not in INITS:
        raise unsupported_name("init", init, INITS)
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.randn(dims[l], dims[l - 1]) * INITS[init](dims[l - 1])
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    r"""``Z = W A + b``; returns ``(Z, (A, W, b))``.

    Parameters
    ----------
    A : ndarray, ``(n_{l-1}, m)``
    W : ndarray, ``(n_l, n_{l-1})``
    b : ndarray, ``(n_l, 1)`` — broadcast over the ``m`` columns.

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
    """
    return W @ A + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer: ``A = g(W A_prev + b)``; returns ``(A, LayerCache)``.

    .. math:: A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})
    """
    act = get_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = act(Z)
    return A, LayerCache(linear_cache, activation_cache, act)


def layer_activations(L, hidden="relu", output="sigmoid"):
    """The activation of each of the ``L`` layers: ``hidden`` (one or a list of ``L-1``), then ``output``."""
    if isinstance(hidden, (list, tuple)):
        if len(hidden) != L - 1:
            raise ValueError(
                f"hidden lists {len(hidden)} activation(s) but the network has {L - 1} hidden "
                f"layer(s). Give one name per hidden layer, or a single name for all of them."
            )
        acts = [get_activation(h) for h in hidden]
    else:
        acts = [get_activation(hidden)] * (L - 1)
    return acts + [get_activation(output)]


def _num_layers(parameters):
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(
            "parameters must be the dict made by initialize_parameters_deep, with keys "
            f"'W1', 'b1', ...; got {type(parameters).__name__}."
        )
    return len(parameters) // 2


def _forward(X, parameters, acts):
    caches = []
    A = X
    for l, act in enumerate(acts, start=1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A
        Z += b  # in place: one temporary fewer per layer and iteration
        A_next = act.function(Z)
        caches.append(LayerCache((A, W, b), Z, act))
        A = A_next
    return A, caches


def L_model_forward(X, parameters, hidden="relu", output="sigmoid"):
    """Forward pass ``[LINEAR -> hidden] * (L-1) -> LINEAR -> output``.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict
        From :func:`initialize_parameters_deep`.
    hidden : str, Activation or list of them
        One activation for every hidden layer, or one per hidden layer.
    output : str or Activation

    Returns
    -------
    AL : ndarray, ``(n_L, m)``
    caches : list of LayerCache, one per layer
    """
    L = _num_layers(parameters)
    X = check_X(X, parameters["W1"].shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        return _forward(X, parameters, layer_activations(L, hidden, output))


def compute_cost(AL, Y, loss="bce"):
    r"""Cost ``J``: the mean over the ``m`` examples of the per-example loss.

    Parameters
    ----------
    AL : ndarray, ``(n_y, m)``
    Y : ndarray, ``(n_y, m)``
    loss : {"bce", "mse", "cce"} or Loss

    Returns
    -------
    float

    .. math:: J = \frac{1}{m} \sum_{i=1}^{m} L(a^{[L](i)}, y^{(i)})
    """
    lss = get_loss(loss)
    AL = np.asarray(AL, dtype=float)
    if AL.ndim != 2:
        raise ValueError(f"AL must be 2-D (n_y, m); got shape {AL.shape}.")
    Y = check_Y(Y, AL.shape[1], AL.shape[0], lss.name)
    return lss.cost(AL, Y)


def linear_backward(dZ, cache):
    r"""Gradients of the linear step; returns ``(dA_prev, dW, db)``.

    Parameters
    ----------
    dZ : ndarray, ``(n_l, m)``
    cache : tuple ``(A_prev, W, b)``

    .. math::
        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]\top},\quad
        db^{[l]} = \frac{1}{m} \sum_{i} dZ^{[l](i)},\quad
        dA^{[l-1]} = W^{[l]\top} dZ^{[l]}

    Here, and only here, ``1/m`` enters: ``J`` averages the losses.
    """
    return _linear_grads(dZ, cache, need_dA_prev=True)


def _linear_grads(dZ, cache, need_dA_prev):
    A_prev, W, _ = cache
    inv_m = 1.0 / A_prev.shape[1]
    dW = (dZ @ A_prev.T) * inv_m
    db = dZ.sum(axis=1, keepdims=True) * inv_m
    dA_prev = None
    if need_dA_prev:
        # A one-row W makes W.T @ dZ an outer product, which broadcasting does faster.
        dA_prev = W.T * dZ if W.shape[0] == 1 else W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation=None):
    r"""One layer backward; returns ``(dA_prev, dW, db)``.

    ``activation`` defaults to the one recorded in ``cache`` by the forward pass.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})
    """
    linear_cache, activation_cache = cache[0], cache[1]
    act = get_activation(activation if activation is not None else cache[2])
    dZ = act.backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def _backward(AL, Y, caches, lss, acts, need_dA0=True):
    grads = {}
    L = len(caches)
    if (acts[-1].name, lss.name) in CANONICAL_PAIRS:
        dZ = AL - Y
    else:
        dZ = acts[-1].backward(lss.dAL(AL, Y), caches[-1].activation_cache)
    for l in range(L, 0, -1):
        if l < L:
            dZ = _hidden_dZ(grads[f"dA{l}"], caches, l, acts[l - 1])
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = _linear_grads(
            dZ, caches[l - 1].linear_cache, need_dA_prev=l > 1 or need_dA0
        )
        if dA_prev is not None:
            grads[f"dA{l - 1}"] = dA_prev
    return grads


def _hidden_dZ(dA, caches, l, act):
    """``dZ[l] = dA[l] * g'(Z[l])``, from ``A[l]`` when the forward pass used ``act``."""
    cache = caches[l - 1]
    if act is cache.activation and act.output_derivative is not None:
        A = caches[l].linear_cache[0]  # A[l] is the next layer's A_prev
        return dA * act.output_derivative(A)
    # A different activation than the forward pass used (the deliberate mismatch), or
    # one whose derivative needs Z: evaluate g'(Z) itself.
    return act.backward(dA, cache.activation_cache)


def L_model_backward(AL, Y, caches, loss="bce", hidden=None, output=None):
    r"""Backward pass through all ``L`` layers.

    For the canonical pairs (sigmoid+bce, linear+mse, softmax+cce) it starts from
    ``dZ[L] = AL - Y``; otherwise from ``dAL = ∂L/∂A[L]`` through the output
    activation's backward.

    Parameters
    ----------
    AL : ndarray, ``(n_y, m)``
    Y : ndarray, ``(n_y, m)``
    caches : list of LayerCache
        From :func:`L_model_forward`.
    loss : {"bce", "mse", "cce"} or Loss
    hidden, output : optional
        Override the activations whose derivatives are used. By default the ones the
        forward pass recorded; overriding reproduces the bug of changing only the
        forward pass (``notebooks/04_planar_relu_vs_tanh.ipynb``).

    Returns
    -------
    grads : dict
        ``dA{l-1}`` ``(n_{l-1}, m)``, ``dW{l}`` like ``W{l}``, ``db{l}`` like ``b{l}``.

    .. math:: dZ^{[L]} = dA^{[L]} \odot g^{[L]\prime}(Z^{[L]}),\quad
              dA^{[l-1]} = W^{[l]\top} dZ^{[l]}
    """
    lss = get_loss(loss)
    if not isinstance(AL, np.ndarray):
        raise TypeError(
            f"AL must be the numpy array returned by L_model_forward; got {type(AL).__name__}."
        )
    L = len(caches)
    acts = [c.activation for c in caches]
    if hidden is not None:
        acts[:-1] = layer_activations(L, hidden, acts[-1])[:-1]
    if output is not None:
        acts[-1] = get_activation(output)
    Y = check_Y(Y, AL.shape[1], AL.shape[0], lss.name)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _backward(AL, Y, caches, lss, acts)


def update_parameters(parameters, grads, learning_rate):
    r"""One gradient-descent step; returns a new dict (the input is left unchanged).

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    Note the update *subtracts* ``learning_rate * dW`` from ``W``; it does not replace
    ``W`` by ``dW``.
    """
    lr = check_learning_rate(learning_rate)
    missing = [f"d{k}" for k in parameters if f"d{k}" not in grads]
    if missing:
        raise KeyError(f"grads lacks {missing}; pass the dict returned by L_model_backward.")
    return {k: v - lr * grads[f"d{k}"] for k, v in parameters.items()}


def _check_parameters(parameters, dims):
    for l in range(1, len(dims)):
        for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            got = getattr(parameters.get(key), "shape", None)
            if got != shape:
                raise ValueError(
                    f"parameters[{key!r}] must have shape {shape} for layer_dims {dims}; got {got}."
                )


def _progress_bar(total, progress):
    if progress is None:
        progress = total >= 5000
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="training", unit="it", mininterval=0.5, leave=False)


def L_layer_model(
    X,
    Y,
    layer_dims,
    hidden="relu",
    output="sigmoid",
    loss="bce",
    learning_rate=0.0075,
    num_iterations=3000,
    init="small",
    seed=1,
    parameters=None,
    print_cost=False,
    cost_every=100,
    progress=None,
):
    r"""Train an L-layer network by full-batch gradient descent.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``
    layer_dims : list of int, ``[n_x, n_1, ..., n_L]``
    hidden, output : activation names (see :func:`L_model_forward`)
    loss : {"bce", "mse", "cce"}
    learning_rate : float
    num_iterations : int
    init : {"small", "he", "xavier"}
    seed : int
        Seeds the initialisation; the rest is deterministic.
    parameters : dict, optional
        Start from these weights instead (to continue training).
    print_cost : bool
        Print the cost every ``cost_every`` iterations.
    cost_every : int
        ``costs[k]`` is the cost before iteration ``k * cost_every``; the last entry
        is the cost after the final update.
    progress : bool, optional
        A progress bar; by default shown for 5000 iterations or more.

    Returns
    -------
    parameters : dict
    costs : list of float

    Raises
    ------
    DivergenceError
        When the cost becomes NaN or infinite; names the iteration and the last finite cost.
    """
    dims = check_layer_dims(layer_dims)
    X = check_X(X, dims[0])
    lss = get_loss(loss)
    Y = check_Y(Y, X.shape[1], dims[-1], lss.name)
    lr = check_learning_rate(learning_rate)
    num_iterations = check_positive_int(num_iterations, "num_iterations", allow_zero=True)
    cost_every = check_positive_int(cost_every, "cost_every")
    acts = layer_activations(len(dims) - 1, hidden, output)
    problem = check_pairing(acts[-1], lss, dims[-1]).problem
    if parameters is None:
        parameters = initialize_parameters_deep(dims, init, seed)
    else:
        _check_parameters(parameters, dims)
        parameters = {k: np.array(v, dtype=float) for k, v in parameters.items()}
    return _train(X, Y, parameters, acts, lss, lr, num_iterations, print_cost, cost_every,
                  progress, problem)


def _train(X, Y, parameters, acts, lss, lr, num_iterations, print_cost, cost_every, progress,
           pairing_problem=None):
    costs, last_finite = [], None
    keys = list(parameters)
    bar = _progress_bar(num_iterations, progress)
    # NaN/inf are detected from the cost and raised once, instead of numpy warning on every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(num_iterations + 1):
            AL, caches = _forward(X, parameters, acts)
            cost = lss.cost(AL, Y)
            if not np.isfinite(cost):
                if bar is not None:
                    bar.close()
                raise DivergenceError(i, last_finite, lr, cost, pairing_problem)
            last_finite = cost
            if i % cost_every == 0 or i == num_iterations:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {i}: {cost:.6f}")
            if i == num_iterations:
                break
            grads = _backward(AL, Y, caches, lss, acts, need_dA0=False)
            for k in keys:
                parameters[k] -= lr * grads["d" + k]
            if bar is not None and i % 100 == 0:
                bar.update(min(100, num_iterations - i))
    if bar is not None:
        bar.close()
    return parameters, costs


def predict(X, parameters, hidden="relu", output="sigmoid", threshold=0.5):
    """Predictions for ``X``: labels 0/1 for a sigmoid output (``AL > threshold``),
    one-hot class labels for softmax (``argmax``), the raw ``AL`` otherwise (regression).

    Returns
    -------
    ndarray, ``(n_y, m)``
    """
    AL, _ = L_model_forward(X, parameters, hidden, output)
    name = get_activation(output).name
    if name == "sigmoid":
        return (AL > threshold).astype(float)
    if name == "softmax":
        return np.eye(AL.shape[0])[AL.argmax(axis=0)].T
    return AL
