"""The L-layer network of course 1, week 4, with any activation and loss.

Names, shapes and caches follow the course so a learner recognises their own code:

* ``parameters["W{l}"]`` has shape ``(n_l, n_{l-1})``, ``parameters["b{l}"]`` ``(n_l, 1)``;
* ``caches[l-1]`` unpacks as the course's ``linear_cache, activation_cache = cache`` with
  ``linear_cache = (A_prev, W, b)`` and ``activation_cache = Z``; it also remembers, as the
  attribute ``cache.activation``, which activation the forward pass used. The course's plain
  tuples ``((A_prev, W, b), Z)`` are accepted wherever caches are taken;
* ``grads`` has keys ``dA{l-1}``, ``dW{l}``, ``db{l}``.

Every public function checks its inputs once (:mod:`dlsnotes._validation`); the training
loop of :func:`L_layer_model` works on private, unchecked helpers.

Derivations: ``notebooks/01_notation_and_shapes.ipynb`` and ``02_why_dz_is_a_minus_y.ipynb``.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from scipy.linalg import blas

from ._validation import (
    DivergenceError,
    check_AL,
    check_grads,
    check_layer,
    check_layer_dims,
    check_learning_rate,
    check_parameters,
    check_positive_int,
    check_seed,
    check_X,
    check_Y,
    unsupported_name,
)
from ._dtype import as_dtype, check_dtype
from .activations import ACTIVATIONS, get_activation
from .losses import CANONICAL_PAIRS, check_pairing, get_loss

__all__ = [
    "INITS",
    "LayerCache",
    "CostHistory",
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

#: Initialisation scale for ``W[l]`` given ``n_{l-1}`` (see :func:`scale_weights`).
INITS = {
    "small": lambda n_prev: 0.01,  # the step-by-step assignment's randn * 0.01
    "he": lambda n_prev: np.sqrt(2.0 / n_prev),
    "xavier": lambda n_prev: np.sqrt(1.0 / n_prev),  # the application's randn / sqrt(n_prev)
}

#: The course's activations when a plain-tuple cache does not say which one was used.
COURSE_HIDDEN, COURSE_OUTPUT = "relu", "sigmoid"


class LayerCache(tuple):
    """What the forward pass of one layer keeps: ``(linear_cache, activation_cache)``.

    A 2-tuple, so the course's ``linear_cache, activation_cache = cache`` works; the
    attribute ``activation`` records the activation the forward pass used.
    """

    def __new__(cls, linear_cache, activation_cache, activation=None):
        self = tuple.__new__(cls, (linear_cache, activation_cache))
        self.activation = activation
        return self

    @property
    def linear_cache(self):
        """``(A_prev, W, b)``."""
        return self[0]

    @property
    def activation_cache(self):
        """``Z``."""
        return self[1]

    def __reduce__(self):
        # registry activations travel by name (their functions are lambdas, not picklable)
        act = self.activation
        name = getattr(act, "name", None)
        if name in ACTIVATIONS and ACTIVATIONS[name] is act:
            return (_cache_with_named_activation, (self[0], self[1], name))
        return (LayerCache, (self[0], self[1], act))

    def __repr__(self):
        name = getattr(self.activation, "name", self.activation)
        shapes = tuple(getattr(a, "shape", None) for a in self[0])
        return f"LayerCache(linear_cache shapes={shapes}, Z shape={self[1].shape}, activation={name!r})"


def _cache_with_named_activation(linear_cache, activation_cache, name):
    return LayerCache(linear_cache, activation_cache, get_activation(name))


class CostHistory(list):
    """The costs recorded by :func:`L_layer_model`, as a list (the course's ``costs``).

    Attributes
    ----------
    final_cost : float
        The cost of the returned parameters, after the last update.
    iterations : list of int
        The iteration of each entry (``0, cost_every, 2 * cost_every, ...``).
    cost_every : int
    """

    def __init__(self, costs=(), iterations=(), final_cost=float("nan"), cost_every=100):
        super().__init__(costs)
        self.iterations = list(iterations)
        self.final_cost = final_cost
        self.cost_every = cost_every


# ----------------------------------------------------------------------------- init
def initialize_parameters_deep(layer_dims, *, init="small", seed=None, dtype=np.float64):
    r"""Random ``W[l]`` and zero ``b[l]`` for every layer.

    Parameters
    ----------
    layer_dims : list of int, ``[n_x, n_1, ..., n_L]``
    init : {"small", "he", "xavier"}
        ``W[l] = randn(n_l, n_{l-1}) * scale`` with scale ``0.01`` (the step-by-step
        assignment), :math:`\sqrt{2/n_{l-1}}` (He) or :math:`\sqrt{1/n_{l-1}}` (Xavier, the
        application's ``randn / sqrt(n_prev)``).
    seed : int in ``[0, 2**32 - 1]`` or None
        ``None`` draws from numpy's global random state, so ``np.random.seed(s)`` before the
        call works as in the course. An int seeds a private legacy ``RandomState``: the same
        draws as ``np.random.seed(seed)`` would give, without touching the global state.
    dtype : {np.float64, np.float32, "float64", "float32"}
        Precision of the returned arrays. The draws are made in float64 and then rounded,
        so a float32 network from a seed is the float64 one from that seed, rounded.

    Returns
    -------
    parameters : dict of str to ndarray
        ``W{l}`` of shape ``(n_l, n_{l-1})`` and ``b{l}`` of shape ``(n_l, 1)``.
    """
    dims = check_layer_dims(layer_dims)
    if not isinstance(init, str) or init not in INITS:
        raise unsupported_name("init", init, INITS)
    seed = check_seed(seed)
    return _initialize(dims, init, seed, check_dtype(dtype))


def scale_weights(W, n_prev, init):
    """``W`` drawn from ``randn`` scaled as ``init`` says, in the course's exact arithmetic.

    ``"xavier"`` divides by ``sqrt(n_prev)`` as the application assignment does (multiplying
    by ``sqrt(1/n_prev)`` would differ in the last bit).
    """
    if init == "xavier":
        return W / np.sqrt(n_prev)
    return W * INITS[init](n_prev)


def _initialize(dims, init, seed, dtype=np.float64):
    rng = np.random if seed is None else np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(dims)):
        W = scale_weights(rng.randn(dims[l], dims[l - 1]), dims[l - 1], init)
        parameters[f"W{l}"] = W.astype(dtype, copy=False)  # drawn in float64, then rounded
        parameters[f"b{l}"] = np.zeros((dims[l], 1), dtype)
    return parameters


# ----------------------------------------------------------------------------- shared checks
def _check_layer_inputs(A, W, b, A_name="A"):
    """``W (n_l, n_prev)``, ``b (n_l, 1)``, ``A (n_prev, m)`` of one layer; returns float arrays."""
    W, b = check_layer(W, b)
    if not isinstance(A, np.ndarray):
        raise TypeError(
            f"{A_name} must be a 2-D numpy array of shape (n_prev, m) = ({W.shape[1]}, m); got "
            f"{type(A).__name__}. Convert it with np.array({A_name}, dtype=float)."
        )
    if A.ndim != 2 or A.shape[0] != W.shape[1]:
        hint = f" Use {A_name}.T." if A.ndim == 2 and A.shape[1] == W.shape[1] else ""
        raise ValueError(
            f"{A_name} must have shape (n_prev, m) = ({W.shape[1]}, m): one row per column of W "
            f"{W.shape}, one column per example; got {A.shape}.{hint}"
        )
    A = check_X(A, W.shape[1]) if A_name == "X" else _checked_activations(A, A_name)
    return A, W, b


def _checked_activations(A, name):
    if A.dtype == bool or not np.issubdtype(A.dtype, np.number) or np.iscomplexobj(A):
        raise TypeError(f"{name} must hold real numbers; got dtype {A.dtype}. Use {name}.astype(float).")
    if A.shape[1] == 0:
        raise ValueError(f"{name} must have at least one example (column); got shape {A.shape}, so m = 0.")
    return A if np.issubdtype(A.dtype, np.floating) else A.astype(np.float64)


def _check_dA(dA, n, m, name="dA"):
    if isinstance(dA, numbers.Number) and not isinstance(dA, bool):
        dA = np.asarray(dA)  # a scalar: refused below with the shape message
    if not isinstance(dA, np.ndarray):
        raise TypeError(f"{name} must be a numpy array of shape (n_l, m) = ({n}, {m}); got "
                        f"{type(dA).__name__}.")
    if dA.shape != (n, m):
        like = "A" if name == "dA" else "Z"
        raise ValueError(
            f"{name} must have the shape of this layer's {like}, (n_l, m) = ({n}, {m}): one "
            f"value per unit and example; got {getattr(dA, 'shape', ())}."
            + (" A scalar is not spread over the examples: compute one value per example."
               if dA.ndim == 0 else "")
        )
    _checked_activations(dA, name)
    return dA if np.issubdtype(dA.dtype, np.floating) else dA.astype(np.float64)


def _unpack_cache(cache, where="cache"):
    """``((A_prev, W, b), Z, activation or None)`` of a LayerCache or a course 2-tuple."""
    if isinstance(cache, LayerCache):
        return cache[0], cache[1], cache.activation
    ok = (isinstance(cache, (tuple, list)) and len(cache) == 2
          and isinstance(cache[0], (tuple, list)) and len(cache[0]) == 3)
    if not ok:
        got = f"a {type(cache).__name__}"
        if isinstance(cache, (tuple, list)):
            got += f" of length {len(cache)}"
        raise TypeError(
            f"{where} must be a cache from the forward pass: ((A_prev, W, b), Z) as "
            f"linear_activation_forward returns it; got {got}."
        )
    return tuple(cache[0]), cache[1], None


def _check_cache_shapes(linear_cache, Z, where="cache", m=None):
    A_prev, W, b = linear_cache
    A_prev, W, b = _check_layer_inputs(A_prev, W, b, "A_prev")
    m_here = A_prev.shape[1]
    if not isinstance(Z, np.ndarray) or Z.shape != (W.shape[0], m_here):
        raise ValueError(
            f"{where}: Z (the activation_cache) must have shape (n_l, m) = ({W.shape[0]}, "
            f"{m_here}) to match W {W.shape} and A_prev {A_prev.shape}; got "
            f"{getattr(Z, 'shape', type(Z).__name__)}."
        )
    if m is not None and m_here != m:
        raise ValueError(
            f"{where} must come from the same m = {m} examples as the caches before it; got "
            f"m = {m_here}. Pass the caches of one L_model_forward call."
        )
    return (A_prev, W, b), _checked_activations(Z, "Z")


# ----------------------------------------------------------------------------- forward
def linear_forward(A, W, b):
    r"""``Z = W A + b``; returns ``(Z, (A, W, b))``.

    Parameters
    ----------
    A : ndarray, ``(n_{l-1}, m)``
    W : ndarray, ``(n_l, n_{l-1})``
    b : ndarray, ``(n_l, 1)`` — broadcast over the ``m`` columns.

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
    """
    A, W, b = _check_layer_inputs(A, W, b)
    return W @ A + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer: ``A = g(W A_prev + b)``; returns ``(A, LayerCache)``.

    .. math:: A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})
    """
    act = get_activation(activation)
    A_prev, W, b = _check_layer_inputs(A_prev, W, b, "A_prev")
    Z = W @ A_prev + b
    A, activation_cache = act(Z)
    return A, LayerCache((A_prev, W, b), activation_cache, act)


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


def _forward(X, parameters, acts, record=True):
    """The forward pass; ``record=False`` keeps plain ``((A_prev, W, b), Z)`` tuples (training)."""
    caches = []
    A = X
    for l, act in enumerate(acts, start=1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A
        Z += b  # in place: one temporary fewer per layer and iteration
        A_next = act.function(Z)
        caches.append(LayerCache((A, W, b), Z, act) if record else ((A, W, b), Z))
        A = A_next
    return A, caches


def L_model_forward(X, parameters, *, hidden="relu", output="sigmoid", dtype=np.float64):
    """Forward pass ``[LINEAR -> hidden] * (L-1) -> LINEAR -> output``.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    parameters : dict
        From :func:`initialize_parameters_deep`.
    hidden : str, Activation or list of them
        One activation for every hidden layer, or one per hidden layer.
    output : str or Activation
    dtype : {np.float64, np.float32, "float64", "float32"}
        Precision of the computation: ``X`` and the parameters are converted to it.

    Returns
    -------
    AL : ndarray, ``(n_L, m)``, of ``dtype``
    caches : list of LayerCache, one per layer
    """
    dtype = check_dtype(dtype)
    parameters = as_dtype(check_parameters(parameters), dtype)
    acts = layer_activations(len(parameters) // 2, hidden, output)
    X = check_X(X, parameters["W1"].shape[1]).astype(dtype, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        return _forward(X, parameters, acts)


def compute_cost(AL, Y, *, loss="bce"):
    r"""Cost ``J``: the mean over the ``m`` examples of the per-example loss.

    Parameters
    ----------
    AL : ndarray, ``(n_y, m)``
        For ``bce``/``cce`` probabilities in ``[0, 1]`` (``cce``: columns summing to 1).
    Y : ndarray, ``(n_y, m)``
    loss : {"bce", "mse", "cce"} or Loss

    Returns
    -------
    float

    .. math:: J = \frac{1}{m} \sum_{i=1}^{m} L(a^{[L](i)}, y^{(i)})
    """
    lss = get_loss(loss)
    AL = check_AL(AL, lss.name)
    Y = check_Y(Y, AL.shape[1], AL.shape[0], lss.name)
    return lss.cost(AL, Y)


# ----------------------------------------------------------------------------- backward
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
    if not (isinstance(cache, (tuple, list)) and len(cache) == 3):
        raise TypeError(
            "cache must be the linear cache (A_prev, W, b) that linear_forward returns; got "
            f"{type(cache).__name__}" + (f" of length {len(cache)}" if isinstance(cache, (tuple, list)) else "")
            + ". From a layer cache take its first entry: linear_cache, activation_cache = cache."
        )
    A_prev, W, b = _check_layer_inputs(*cache, "A_prev")
    dZ = _check_dA(dZ, W.shape[0], A_prev.shape[1], "dZ")
    return _linear_grads(dZ, (A_prev, W, b), need_dA_prev=True)


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

    Parameters
    ----------
    dA : ndarray, ``(n_l, m)``
    cache : LayerCache or tuple ``((A_prev, W, b), Z)``
    activation : str or Activation, optional
        Defaults to the one a LayerCache recorded; required for a plain tuple.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})
    """
    linear_cache, Z, recorded = _unpack_cache(cache)
    if activation is None and recorded is None:
        raise TypeError(
            "This cache is a plain tuple ((A_prev, W, b), Z) and does not record its activation: "
            "pass it, e.g. linear_activation_backward(dA, cache, 'relu')."
        )
    act = get_activation(activation if activation is not None else recorded)
    linear_cache, Z = _check_cache_shapes(linear_cache, Z)
    dA = _check_dA(dA, *Z.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        dZ = act.backward(dA, Z)
    return _linear_grads(dZ, linear_cache, need_dA_prev=True)


def _exact_backward(AL, Y, caches, lss, acts):
    """The course's backward pass: ``dAL = ∂L/∂A[L]``, then ``dZ = dA * g'(Z)`` layer by layer."""
    grads = {}
    dA = lss.dAL(AL, Y)
    for l in range(len(caches), 0, -1):
        linear_cache, Z = caches[l - 1][0], caches[l - 1][1]
        dZ = acts[l - 1].backward(dA, Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _linear_grads(dZ, linear_cache, need_dA_prev=True)
        grads[f"dA{l - 1}"] = dA
    return grads


def _backward(AL, Y, caches, lss, acts, need_dA0=True, consistent=False):
    """The training loop's backward pass.

    Two shortcuts that are exact on a consistent forward pass (the results agree with
    :func:`_exact_backward` to rounding): ``dZ[L] = AL - Y`` for the canonical pairs, and
    ``g'`` written with the next layer's input ``A[l]`` when the activation allows it.
    ``consistent=True`` promises that ``acts`` are the forward pass's own activations.
    """
    grads = {}
    L = len(caches)
    if (acts[-1].name, lss.name) in CANONICAL_PAIRS:
        dZ = AL - Y
    else:
        dZ = acts[-1].backward(lss.dAL(AL, Y), caches[-1][1])
    for l in range(L, 0, -1):
        if l < L:
            dZ = _hidden_dZ(grads[f"dA{l}"], caches, l, acts[l - 1], consistent)
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = _linear_grads(
            dZ, caches[l - 1][0], need_dA_prev=l > 1 or need_dA0
        )
        if dA_prev is not None:
            grads[f"dA{l - 1}"] = dA_prev
    return grads


def _hidden_dZ(dA, caches, l, act, consistent=False):
    """``dZ[l] = dA[l] * g'(Z[l])``, from ``A[l]`` when the forward pass used ``act``."""
    cache = caches[l - 1]
    same = consistent or act is getattr(cache, "activation", None)
    if same and act.output_derivative is not None:
        A = caches[l][0][0]  # A[l] is the next layer's A_prev
        return dA * act.output_derivative(A)
    return act.backward(dA, cache[1])


def _fast_grads(AL, Y, caches, loss="bce"):
    """The training loop's gradients for ``caches`` from :func:`L_model_forward` (private).

    For lesson code that repeats :func:`L_layer_model`'s loop and wants its exact numbers.
    """
    lss = get_loss(loss)
    acts = [c.activation for c in caches]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _backward(AL, Y, caches, lss, acts)


def L_model_backward(AL, Y, caches, *, loss="bce", hidden=None, output=None):
    r"""Backward pass through all ``L`` layers, exactly from the ``AL`` and caches given.

    It starts from ``dAL = ∂L/∂A[L]`` (``loss.dAL``) and uses ``dZ = dA * g'(Z)`` with the
    ``Z`` of each cache, as the course's ``L_model_backward`` does. (On a consistent forward
    pass, for sigmoid + bce, ``dZ[L]`` equals ``AL - Y``; the training loop uses that form.)

    Parameters
    ----------
    AL : ndarray, ``(n_y, m)``
    Y : ndarray, ``(n_y, m)``
        Booleans are taken as 0/1.
    caches : list of LayerCache or of tuples ``((A_prev, W, b), Z)``
        From :func:`L_model_forward`, or the course's plain tuples.
    loss : {"bce", "mse", "cce"} or Loss
    hidden, output : optional
        The activations whose derivatives are used. By default the ones the forward pass
        recorded; for plain tuples the course's relu (hidden) and sigmoid (output).
        Overriding reproduces the bug of changing only the forward pass
        (``notebooks/04_planar_relu_vs_tanh.ipynb``).

    Returns
    -------
    grads : dict
        ``dA{l-1}`` ``(n_{l-1}, m)``, ``dW{l}`` like ``W{l}``, ``db{l}`` like ``b{l}``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]}),\quad
              dA^{[l-1]} = W^{[l]\top} dZ^{[l]}
    """
    lss = get_loss(loss)
    if not isinstance(caches, (list, tuple)) or isinstance(caches, LayerCache) or len(caches) == 0:
        got = "an empty list" if isinstance(caches, (list, tuple)) and len(caches) == 0 else (
            "a single layer's cache" if isinstance(caches, LayerCache) else f"a {type(caches).__name__}")
        raise TypeError(
            "caches must be the list of L caches returned by L_model_forward (one per layer, "
            f"each ((A_prev, W, b), Z)); got {got}."
        )
    L = len(caches)
    checked, recorded, m = [], [], None
    for l, cache in enumerate(caches, start=1):
        linear_cache, Z, act = _unpack_cache(cache, f"caches[{l - 1}]")
        linear_cache, Z = _check_cache_shapes(linear_cache, Z, f"caches[{l - 1}] (layer {l})", m)
        m = Z.shape[1]
        if l > 1 and linear_cache[0].shape[0] != checked[-1][1].shape[0]:
            raise ValueError(
                f"caches[{l - 1}] (layer {l}): A_prev must have one row per unit of layer {l - 1}, "
                f"{checked[-1][1].shape[0]}; got {linear_cache[0].shape[0]}. The caches are not "
                "from one forward pass, or not in layer order."
            )
        checked.append(LayerCache(linear_cache, Z, act))
        recorded.append(act)
    n_y = checked[-1][1].shape[0]
    if isinstance(AL, np.ndarray) and AL.ndim == 2 and AL.shape[1] != m:
        raise ValueError(
            f"AL must have one column per example of the caches, m = {m}; got {AL.shape[1]} "
            f"(shape {AL.shape}). Pass the AL and the caches of the same L_model_forward call."
        )
    AL = check_AL(AL, n_y=n_y, m=m)
    default_hidden = [a if a is not None else get_activation(COURSE_HIDDEN) for a in recorded[:-1]]
    acts = default_hidden + [recorded[-1] if recorded[-1] is not None else get_activation(COURSE_OUTPUT)]
    if hidden is not None:
        acts[:-1] = layer_activations(L, hidden, acts[-1])[:-1]
    if output is not None:
        acts[-1] = get_activation(output)
    Y = check_Y(Y, m, AL.shape[0], lss.name)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _exact_backward(AL, Y, checked, lss, acts)


def update_parameters(parameters, grads, learning_rate):
    r"""One gradient-descent step; returns a new dict (the input is left unchanged).

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    Note the update *subtracts* ``learning_rate * dW`` from ``W``; it does not replace
    ``W`` by ``dW``. Every gradient must have exactly its parameter's shape: nothing is
    broadcast.
    """
    parameters = check_parameters(parameters)
    lr = check_learning_rate(learning_rate)
    check_grads(grads, parameters)
    return {k: v - lr * grads[f"d{k}"] for k, v in parameters.items()}


# ----------------------------------------------------------------------------- training
def _progress_bar(total, progress):
    if progress is None:
        progress = total >= 5000
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="training", unit="it", mininterval=0.5, leave=False)


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False,
                  *, hidden="relu", output="sigmoid", loss="bce", init="xavier", seed=1,
                  parameters=None, cost_every=100, progress=None, mini_batch_size=None,
                  lambd=0.0, dtype=np.float64):
    r"""Train an L-layer network by gradient descent (full batch, or mini-batches), with optional L2.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``
        Booleans are taken as 0/1.
    layers_dims : list of int, ``[n_x, n_1, ..., n_L]``
    learning_rate : float
    num_iterations : int
    print_cost : bool
        Print the cost at every recorded iteration and at the last one.
    hidden, output : activation names (see :func:`L_model_forward`)
    loss : {"bce", "mse", "cce"}
    init : {"xavier", "small", "he"}
        ``"xavier"`` (``randn / sqrt(n_prev)``) is the application assignment's.
    seed : int or None
        Seeds the initialisation (the course seeds 1); ``None`` uses numpy's global state.
        The rest is deterministic.
    parameters : dict, optional
        Start from these weights instead (to continue training); not modified.
    cost_every : int
        Record the cost before the update of every iteration ``i`` with
        ``i % cost_every == 0`` (the course: every 100).
    progress : bool, optional
        A progress bar; by default shown for 5000 iterations or more.
    mini_batch_size : int, optional
        Mini-batch gradient descent (course 2): every epoch shuffles the examples (epoch
        ``k`` with seed ``seed + 1 + k``, see :mod:`dlsnotes.minibatch`) and updates once
        per batch of this many. ``num_iterations`` and ``cost_every`` then count epochs and
        each recorded cost is the epoch's mean cost. None (default): full batch.
    lambd : float, >= 0
        L2 strength λ (course 2): the cost gets ``λ/(2m) Σ‖W[l]‖²`` and every ``dW[l]``
        gets ``(λ/m) W[l]``, ``m`` the whole training set (see
        :mod:`dlsnotes.regularization`). 0 (default): no penalty.
    dtype : {np.float64, np.float32, "float64", "float32"}
        Precision of training: ``X``, ``Y`` and the weights are converted to it and the
        returned weights have it. float32 runs the element-wise work several times faster;
        float64 (default) is the course's and matches scikit-learn step for step. The same
        seed gives the same float32 weights (float64 draws, rounded).

    Returns
    -------
    parameters : dict
    costs : CostHistory
        A list, as in the course (no entry after the last update), with
        ``costs.final_cost`` (the cost of the returned parameters) and ``costs.iterations``.

    Raises
    ------
    DivergenceError
        When the cost becomes NaN/inf, rises far above its start and keeps rising, or the
        weights explode; carries the iteration, the cost history and a learning-rate hint.
    """
    dims = check_layer_dims(layers_dims)
    dtype = check_dtype(dtype)
    X = check_X(X, dims[0]).astype(dtype, copy=False)
    lss = get_loss(loss)
    Y = check_Y(Y, X.shape[1], dims[-1], lss.name).astype(dtype, copy=False)
    lr = check_learning_rate(learning_rate)
    num_iterations = check_positive_int(num_iterations, "num_iterations", allow_zero=True)
    cost_every = check_positive_int(cost_every, "cost_every")
    acts = layer_activations(len(dims) - 1, hidden, output)
    if not isinstance(init, str) or init not in INITS:
        raise unsupported_name("init", init, INITS)
    seed = check_seed(seed)
    problem = check_pairing(acts[-1], lss, dims[-1]).problem
    if parameters is None:
        parameters = _initialize(dims, init, seed, dtype)
    else:
        checked = check_parameters(parameters, dims)
        parameters = {k: np.array(v, dtype=dtype) for k, v in checked.items()}  # a copy
    if mini_batch_size is not None or lambd != 0.0:
        from .minibatch import _train_batches
        from .regularization import check_lambd

        lambd = check_lambd(lambd)
        if mini_batch_size is not None:
            mini_batch_size = check_positive_int(mini_batch_size, "mini_batch_size")
        return _train_batches(X, Y, parameters, acts, lss, lr, num_iterations, print_cost,
                              cost_every, progress, problem, mini_batch_size, lambd, seed)
    return _train(X, Y, parameters, acts, lss, lr, num_iterations, print_cost, cost_every,
                  progress, problem)


# Divergence with a finite cost (the losses clip, so a blow-up can stay finite):
#  * "rising": the cost is RISE_FACTOR times its start (and at least RISE_MIN above it) at
#    each of the last RISE_STREAK + 1 marks (CHECK_EVERY iterations apart) and is not lower
#    than RISE_STREAK marks ago;
#  * "weights": some |W| exceeds WEIGHT_LIMIT and is WEIGHT_GROWTH times its start.
# Both are evaluated every CHECK_EVERY iterations only, to keep the loop as fast as before.
RISE_FACTOR = 10.0
RISE_MIN = 1.0
RISE_STREAK = 3
WEIGHT_LIMIT = 1e4
WEIGHT_GROWTH = 100.0
CHECK_EVERY = 10


class _Layer:
    """One layer of the training loop: its weights, activation and preallocated arrays.

    At the course's sizes a fresh ``(n_l, m)`` temporary costs more than the arithmetic on
    it (large blocks go back to the system when freed and page-fault in again on the next
    step), so every step writes ``Z``, ``A``, ``dA``/``dZ``, ``dW`` and ``db`` into the
    same arrays. ``W`` and ``b`` are updated in place, so the references stay valid.
    """

    __slots__ = ("W", "WT", "b", "act", "Z", "A", "dA", "dW", "db", "ones", "ger")

    def __init__(self, W, b, dW, db, act, m):
        self.W, self.b, self.dW, self.db, self.act = W, b, dW, db, act
        self.WT = W.T  # a view, made once: W changes in place
        self.ones = np.ones(m, W.dtype)
        self.ger = blas.sger if W.dtype == np.float32 else blas.dger
        self.Z = np.empty((W.shape[0], m), W.dtype)
        self.A = np.empty_like(self.Z)
        self.dA = np.empty_like(self.Z)  # dA[l], then overwritten by dZ[l]


def _layers(parameters, grads, acts, m):
    return [_Layer(parameters[f"W{l}"], parameters[f"b{l}"], grads[f"dW{l}"], grads[f"db{l}"],
                   act, m) for l, act in enumerate(acts, start=1)]


def _in_one_vector(parameters):
    """``theta`` (every parameter back to back, as gradient checking stacks them) and
    ``dtheta``, with dicts of views of them shaped like ``W{l}``, ``b{l}`` / ``dW{l}``, ``db{l}``.

    With all weights in one vector the update ``theta -= lr * dtheta`` takes two numpy calls
    instead of two per parameter: at the course's small sizes calls cost more than arithmetic.
    """
    theta = np.concatenate([v.ravel() for v in parameters.values()])
    dtheta = np.empty_like(theta)
    views, grads, start = {}, {}, 0
    for k, v in parameters.items():
        views[k] = theta[start:start + v.size].reshape(v.shape)
        grads["d" + k] = dtheta[start:start + v.size].reshape(v.shape)
        start += v.size
    return theta, views, dtheta, grads


# Broadcasting a column over an (n, m) array costs numpy a loop per row. BLAS's rank-1
# update ``ger`` (a += x y^T) does the same work in one pass, two to four times faster,
# and rounds every entry exactly as numpy does (one product, exact here, and one sum).
# It updates ``a`` in place when ``a`` is in Fortran order: the transpose of our buffers.
def _add_column(Z, b, layer):
    """``Z += b``: the column ``b`` (n, 1) added to each of the ``m`` columns of ``Z``."""
    layer.ger(1.0, layer.ones, b.ravel(), a=Z.T, overwrite_a=True)


def _outer_into(w, dZ, out, layer):
    """``out = w.T * dZ`` for one-row ``w`` (1, n) and ``dZ`` (1, m): ``W.T @ dZ`` of a
    one-unit layer is an outer product."""
    out.fill(0.0)
    layer.ger(1.0, dZ.ravel(), w.ravel(), a=out.T, overwrite_a=True)


def _forward_into(X, layers):
    """:func:`_forward` writing into the layers' arrays; returns ``AL``."""
    A = X
    for layer in layers:
        Z = np.matmul(layer.W, A, out=layer.Z)
        _add_column(Z, layer.b, layer)  # Z += b
        into = layer.act.function_into
        if into is not None:
            A = into(Z, layer.A)
        else:  # softmax, swish, linear, custom activations: a new array (or Z itself)
            A = layer.A = layer.act.function(Z)
    return A


def _backward_into(X, AL, Y, layers, lss, canonical):
    """:func:`_backward` (same shortcuts, same arithmetic) writing into the layers' arrays.

    It leaves ``dW = dZ A_prev.T`` and ``db`` = row sums of ``dZ`` *without* the ``1/m``:
    the caller scales all gradients at once. ``A[l]`` serves as scratch for ``g'(Z[l])``
    once ``dW[l+1]`` has used it.
    """
    last = layers[-1]
    if canonical:  # dZ[L] = AL - Y
        dZ = np.subtract(AL, Y, out=last.dA)
    else:
        dZ = last.act.backward(lss.dAL(AL, Y), last.Z)
    for l in range(len(layers) - 1, -1, -1):
        layer = layers[l]
        A_prev = layers[l - 1].A if l else X
        np.matmul(dZ, A_prev.T, out=layer.dW)
        np.add.reduce(dZ, axis=1, keepdims=True, out=layer.db)  # dZ.sum(axis=1), unwrapped
        if l == 0:
            break  # dJ/dX is not needed for training
        below = layers[l - 1]
        if layer.W.shape[0] == 1:
            _outer_into(layer.W, dZ, below.dA, layer)
        else:
            np.matmul(layer.WT, dZ, out=below.dA)
        dZ = _hidden_dZ_into(below)


def _hidden_dZ_into(layer):
    """``dZ = dA * g'(Z)``, in ``dA``'s memory when the activation has an in-place kernel."""
    act = layer.act
    if act.output_backward_into is not None:
        return act.output_backward_into(layer.dA, layer.A)
    if act.output_derivative is not None:
        return layer.dA * act.output_derivative(layer.A)
    return act.backward(layer.dA, layer.Z)


def _max_weight(parameters, w_keys):
    return max(float(np.abs(parameters[k]).max()) for k in w_keys)


class _DivergenceWatch:
    """The training loops' divergence rules, applied to one cost per iteration (or epoch):
    a NaN/inf cost, a cost far above its start and still rising, exploding weights."""

    def __init__(self, parameters, learning_rate, pairing_problem, bar):
        self.w_keys = [k for k in parameters if k[0] == "W"]
        self.limit = max(WEIGHT_LIMIT, WEIGHT_GROWTH * _max_weight(parameters, self.w_keys))
        self.history = []  # every cost seen: the DivergenceError carries it
        self.learning_rate, self.pairing_problem, self.bar = learning_rate, pairing_problem, bar

    def check(self, i, cost, parameters, finite_rules=True):
        """Record ``cost`` of iteration ``i``; raise :class:`DivergenceError` if a rule fires."""
        if not math.isfinite(cost):  # math: a Python float, no numpy call
            raise self._error(i, cost, "nan", parameters)
        self.history.append(cost)
        if finite_rules and i % CHECK_EVERY == 0 and i:  # the finite-cost rules, once per window
            if _rising(self.history):
                raise self._error(i, cost, "rising", parameters)
            if _max_weight(parameters, self.w_keys) > self.limit:
                raise self._error(i, cost, "weights", parameters)

    def _error(self, i, cost, reason, parameters):
        if self.bar is not None:
            self.bar.close()
        finite = [c for c in self.history if np.isfinite(c)]
        return DivergenceError(
            iteration=i, cost=cost, last_finite_cost=finite[-1] if finite else None,
            learning_rate=self.learning_rate, costs=self.history, reason=reason,
            max_weight=_max_weight(parameters, self.w_keys), pairing_problem=self.pairing_problem)


def _train(X, Y, parameters, acts, lss, lr, num_iterations, print_cost, cost_every, progress,
           pairing_problem=None):
    recorded, recorded_at = [], []
    bar = _progress_bar(num_iterations, progress)
    watch = _DivergenceWatch(parameters, lr, pairing_problem, bar)
    theta, parameters, dtheta, grads = _in_one_vector(parameters)
    layers = _layers(parameters, grads, acts, X.shape[1])
    canonical = (acts[-1].name, lss.name) in CANONICAL_PAIRS
    inv_m = 1.0 / X.shape[1]

    # NaN/inf are detected from the cost and raised once, instead of numpy warning on every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(num_iterations + 1):
            AL = _forward_into(X, layers)
            cost = lss.cost(AL, Y)
            watch.check(i, cost, parameters)
            if i == num_iterations:
                break
            if i % cost_every == 0:
                recorded.append(cost)
                recorded_at.append(i)
                if print_cost:
                    print(f"Cost after iteration {i}: {cost:.6f}")
            elif print_cost and i == num_iterations - 1:
                print(f"Cost after iteration {i}: {cost:.6f}")
            _backward_into(X, AL, Y, layers, lss, canonical)
            dtheta *= inv_m  # dW = (1/m) dZ A_prev.T, db = (1/m) sum(dZ): all at once
            dtheta *= lr  # W -= lr * dW for every parameter, in dtheta's own memory
            theta -= dtheta
            if bar is not None and i % 100 == 0:
                bar.update(min(100, num_iterations - i))
    if bar is not None:
        bar.close()
    parameters = {k: v.copy() for k, v in parameters.items()}  # own arrays, not views of theta
    return parameters, CostHistory(recorded, recorded_at, cost, cost_every)


def _rising(history):
    """Far above the start for RISE_STREAK windows in a row and not coming down."""
    if len(history) <= CHECK_EVERY * RISE_STREAK:
        return False
    start = history[0]
    limit = max(RISE_FACTOR * start, start + RISE_MIN)
    marks = history[-1 - CHECK_EVERY * RISE_STREAK::CHECK_EVERY]
    return marks[-1] >= marks[0] and all(c > limit for c in marks)


def predict(X, parameters, *, hidden="relu", output="sigmoid", threshold=0.5, dtype=np.float64):
    """Predictions for ``X``: labels 0/1 for a sigmoid output (``AL > threshold``),
    one-hot class labels for softmax (``argmax``), the raw ``AL`` otherwise (regression).

    ``dtype`` (float64 or float32) is the precision of the forward pass and of the result.

    Returns
    -------
    ndarray, ``(n_y, m)``, of ``dtype``
    """
    if (not isinstance(threshold, numbers.Real) or isinstance(threshold, bool)
            or not 0 < threshold < 1):
        raise ValueError(f"threshold must be a number in (0, 1) such as 0.5; got {threshold!r}.")
    AL, _ = L_model_forward(X, parameters, hidden=hidden, output=output, dtype=dtype)
    name = get_activation(output).name
    if name == "sigmoid":
        return (AL > threshold).astype(AL.dtype)
    if name == "softmax":
        return np.eye(AL.shape[0], dtype=AL.dtype)[AL.argmax(axis=0)].T
    return AL
