"""The L-layer network of course 1, week 4, with any activation and loss.

Names, shapes and caches follow the course so a learner recognises their own code:

* ``parameters["W{l}"]`` has shape ``(n_l, n_{l-1})``, ``parameters["b{l}"]`` ``(n_l, 1)``;
* ``caches[l-1]`` unpacks as the course's ``linear_cache, activation_cache = cache`` with
  ``linear_cache = (A_prev, W, b)`` and ``activation_cache = Z``; it also remembers, as the
  attribute ``cache.activation``, which activation the forward pass used. The course's plain
  tuples ``((A_prev, W, b), Z)`` are accepted wherever caches are taken;
* ``grads`` has keys ``dA{l-1}``, ``dW{l}``, ``db{l}``.

This is the course's code, one function per equation, and it is the reference: simple and
readable, not optimised. :func:`L_layer_model` runs the course's loop over these functions
with ``engine="reference"``; by default it hands the same arithmetic to the fast engine in
:mod:`dlsnotes._engine`, which ``tests/test_engine.py`` proves equal to this loop. Every
public function checks its inputs once (:mod:`dlsnotes._validation`).

Derivations: ``notebooks/01_notation_and_shapes.ipynb`` and ``02_why_dz_is_a_minus_y.ipynb``.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._engine import CostHistory, DivergenceWatch, train
from ._validation import (
    PairingWarning,
    check_AL,
    check_cache_shapes,
    check_grads,
    check_lambd,
    check_layer_dA,
    check_layer_dims,
    check_layer_inputs,
    check_learning_rate,
    check_parameters,
    check_positive_int,
    check_seed,
    check_X,
    check_Y,
    real_number,
    unpack_cache,
    unsupported_name,
)
from ._dtype import as_dtype, check_dtype
from .activations import ACTIVATIONS, get_activation
from .losses import CANONICAL_PAIRS, LOSSES, check_pairing, get_loss, pairing
from .minibatch import epoch_seed, random_mini_batches
from .regularization import add_l1_gradients, add_l2_gradients, l1_penalty, l2_penalty

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
    "compute_cost_with_regularization",
    "L_model_backward_with_regularization",
    "L_layer_model",
    "predict",
    "layer_activations",
]

#: How each initialisation scales a ``randn(n_l, n_{l-1})`` draw ``W`` (see :func:`scale_weights`).
INITS = {
    "small": lambda W, n_prev: W * 0.01,  # the step-by-step assignment's randn * 0.01
    "he": lambda W, n_prev: W * np.sqrt(2.0 / n_prev),
    # the application's randn / sqrt(n_prev): dividing, as it does (multiplying by
    # sqrt(1/n_prev) would differ in the last bit)
    "xavier": lambda W, n_prev: W / np.sqrt(n_prev),
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
    """``W`` drawn from ``randn`` scaled as ``init`` says, in the course's exact arithmetic."""
    return INITS[init](W, n_prev)


def _initialize(dims, init, seed, dtype=np.float64):
    rng = np.random if seed is None else np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(dims)):
        W = scale_weights(rng.randn(dims[l], dims[l - 1]), dims[l - 1], init)
        parameters[f"W{l}"] = W.astype(dtype, copy=False)  # drawn in float64, then rounded
        parameters[f"b{l}"] = np.zeros((dims[l], 1), dtype)
    return parameters


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
    A, W, b = check_layer_inputs(A, W, b)
    return W @ A + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer: ``A = g(W A_prev + b)``; returns ``(A, LayerCache)``.

    .. math:: A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})
    """
    act = get_activation(activation)
    A_prev, W, b = check_layer_inputs(A_prev, W, b, "A_prev")
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
    caches = []
    A = X
    with np.errstate(over="ignore", invalid="ignore"):
        for l, act in enumerate(acts, start=1):
            A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], act)
            caches.append(cache)
    return A, caches


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
    Y = check_Y(Y, AL.shape[1], AL.shape[0], lss.name, m_from="AL")
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
    A_prev, W, b = check_layer_inputs(*cache, "A_prev")
    dZ = check_layer_dA(dZ, W.shape[0], A_prev.shape[1], "dZ")
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
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
    linear_cache, Z, recorded = unpack_cache(cache)
    if activation is None and recorded is None:
        raise TypeError(
            "This cache is a plain tuple ((A_prev, W, b), Z) and does not record its activation: "
            "pass it, e.g. linear_activation_backward(dA, cache, 'relu')."
        )
    act = get_activation(activation if activation is not None else recorded)
    linear_cache, Z = check_cache_shapes(linear_cache, Z)
    dA = check_layer_dA(dA, *Z.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        dZ = act.backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def _output_matches_cache(AL, act, lss, ZL):
    """Whether ``dZ[L] = AL - Y`` is the exact answer: a canonical pair and ``AL = g(Z[L])``.

    Then the fused form is the chain rule with ``g'`` cancelled, and it stays finite where the
    chain divides by ``1 - AL = 0`` (a saturated sigmoid gives ``AL == 1.0`` in float64). An
    ``AL`` that is not ``g(Z[L])`` (the course's test input on purpose) keeps the exact chain,
    which is then the only answer defined by the inputs.

    Recomputing ``g(Z[L])`` costs one activation over ``(n_y, m)``, little beside the matrix
    products of the backward pass; ``g`` is deterministic, so the comparison can be exact
    (``np.array_equal``): no tolerance lets a nearly-consistent ``AL`` take the shortcut.
    """
    canonical = (act.name, lss.name) in CANONICAL_PAIRS
    # the registry's own objects: a custom Activation that merely borrows a name is not fused
    if not (canonical and ACTIVATIONS.get(act.name) is act and LOSSES.get(lss.name) is lss):
        return False
    if AL.dtype != ZL.dtype:
        return False
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.array_equal(AL, act.function(ZL)))


def _check_output_pairing(AL, Y, act, lss, n_y):
    """Refuse an output/loss pair whose ``dL/dA[L]`` is undefined at this ``AL``; its problem, else.

    A pair that training warns about (``check_pairing``) is refused, as
    :func:`~dlsnotes.gradcheck.gradient_check` refuses it, where the loss has no derivative:
    ``AL`` outside ``[0, 1]`` for a loss that takes ``log(AL)``, or ``dL/dA[L]`` infinite (a
    dead ReLU output, ``AL = 0``, against ``y = 1``). Otherwise returns the problem text (or
    None) for the caller to warn with.
    """
    problem = pairing(act, lss, n_y).problem
    if problem and lss.needs_probabilities:
        with np.errstate(divide="ignore", invalid="ignore"):
            undefined = (AL < 0) | (AL > 1) | ~np.isfinite(lss.dAL(AL, Y))
        bad = int(np.count_nonzero(undefined))
        if bad:
            raise ValueError(
                f"L_model_backward cannot differentiate output='{act.name}' with "
                f"loss='{lss.name}' here: dL/dA[L] is undefined at {bad} of the {AL.size} "
                f"output(s) (AL outside [0, 1], or AL at 0 or 1 against the other label: a "
                f"division by zero). {problem}"
            )
    return problem


def L_model_backward(AL, Y, caches, *, loss="bce", hidden=None, output=None):
    r"""Backward pass through all ``L`` layers, exactly from the ``AL`` and caches given.

    It starts from ``dAL = ∂L/∂A[L]`` (``loss.dAL``) and uses ``dZ = dA * g'(Z)`` with the
    ``Z`` of each cache, as the course's ``L_model_backward`` does. For a canonical pair
    (sigmoid + bce, softmax + cce, linear + mse) whose ``AL`` is exactly the output
    activation of the last cache's ``Z``, it starts from ``dZ[L] = AL - Y``, the same
    derivative with ``g'`` cancelled: it stays finite when a saturated sigmoid gives
    ``AL == 1.0``, where ``dAL`` divides by ``1 - AL = 0``. An ``AL`` that does not match its
    cache (the course's test input) keeps the exact chain.

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
        (``notebooks/04_relu_forward_only_nan.ipynb``).

    Returns
    -------
    grads : dict
        ``dA{l-1}`` ``(n_{l-1}, m)``, ``dW{l}`` like ``W{l}``, ``db{l}`` like ``b{l}``.

    Warns
    -----
    PairingWarning
        For an output/loss pair that cannot work (a ReLU output with bce), as training does.

    Raises
    ------
    ValueError
        For such a pair when ``dL/dA[L]`` is undefined at ``AL`` (for bce/cce an output outside
        [0, 1], or at 0 or 1 against the other label), naming the pair, as
        :func:`~dlsnotes.gradcheck.gradient_check` does.

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
        linear_cache, Z, act = unpack_cache(cache, f"caches[{l - 1}]")
        linear_cache, Z = check_cache_shapes(linear_cache, Z, f"caches[{l - 1}] (layer {l})", m)
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
    Y = check_Y(Y, m, AL.shape[0], lss.name, m_from="AL")
    problem = _check_output_pairing(AL, Y, acts[-1], lss, n_y)
    if problem:  # the PairingWarning training gives for this pair, pointing at the caller
        warnings.warn(problem, PairingWarning, stacklevel=2)
    fused = _output_matches_cache(AL, acts[-1], lss, checked[-1][1])

    grads = {}
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        dA = None if fused else lss.dAL(AL, Y)  # dAL = ∂L/∂A[L]
        for l in reversed(range(1, L + 1)):
            linear_cache, Z = checked[l - 1]
            if l == L and fused:
                dZ = AL - Y  # g'(Z[L]) cancels against dAL (see _output_matches_cache)
            else:
                dZ = acts[l - 1].backward(dA, Z)  # dZ = dA * g'(Z)
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, linear_cache)
            grads[f"dA{l - 1}"] = dA
    return grads


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


# ----------------------------------------------------------------------------- course 2: L2
def compute_cost_with_regularization(AL, Y, parameters, lambd, *, loss="bce", m=None,
                                     lambd_l1=0.0):
    r"""``J = compute_cost(AL, Y) + λ/(2m) Σ_l ‖W[l]‖²`` (and ``+ λ₁/m Σ_l Σ|W[l]|`` with L1).

    Parameters
    ----------
    AL, Y : ndarray, ``(n_y, m_batch)``
    parameters : dict
    lambd : float, >= 0
    loss : {"bce", "mse", "cce"}
    m : int, optional
        The ``m`` of the penalty; default ``AL.shape[1]`` (the course, full batch).
    lambd_l1 : float, >= 0
        L1 strength λ₁ (not in the course; TensorFlow Playground's other regulariser).

    Returns
    -------
    float

    .. math:: J = \frac{1}{m}\sum_{i} L(a^{(i)}, y^{(i)}) + \frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2
    """
    data_cost = compute_cost(AL, Y, loss=loss)
    m = AL.shape[1] if m is None else m
    cost = data_cost + l2_penalty(parameters, lambd, m)
    return cost + l1_penalty(parameters, lambd_l1, m) if lambd_l1 else cost


def L_model_backward_with_regularization(AL, Y, caches, lambd, *, loss="bce", hidden=None,
                                         output=None, m=None, lambd_l1=0.0):
    r""":func:`L_model_backward`, then ``dW[l] += (λ/m) W[l]`` (and ``+ (λ₁/m) sign(W[l])`` with L1).

    ``W[l]`` is read from the caches (``caches[l-1][0][1]``). Biases get no penalty, so
    ``db`` and ``dA`` are unchanged.

    Parameters
    ----------
    AL, Y, caches, loss, hidden, output
        As for :func:`L_model_backward`.
    lambd : float, >= 0
    m : int, optional
        The ``m`` of the penalty; default the examples in the caches.
    lambd_l1 : float, >= 0
        L1 strength λ₁; ``sign(0) = 0`` at a weight of exactly 0.

    Returns
    -------
    grads : dict

    .. math:: dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]\top} + \frac{\lambda}{m} W^{[l]}
    """
    lambd = check_lambd(lambd)
    grads = L_model_backward(AL, Y, caches, loss=loss, hidden=hidden, output=output)
    m = AL.shape[1] if m is None else check_positive_int(m, "m")
    weights = {f"W{l}": cache[0][1] for l, cache in enumerate(caches, start=1)}
    grads = add_l2_gradients(grads, weights, lambd, m)
    return add_l1_gradients(grads, weights, check_lambd(lambd_l1, "lambd_l1"), m)


# ----------------------------------------------------------------------------- training
ENGINES = ("fast", "reference")


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False,
                  *, hidden="relu", output="sigmoid", loss="bce", init="xavier", seed=1,
                  parameters=None, cost_every=100, progress=None, mini_batch_size=None,
                  lambd=0.0, lambd_l1=0.0, dtype=np.float64, engine="fast"):
    r"""Train an L-layer network by gradient descent (full batch, or mini-batches), with optional L2.

    Every iteration is the course's four steps:

    .. math::
        A^{[L]} = \text{forward}(X),\quad J = \frac{1}{m}\sum_i L(a^{[L](i)}, y^{(i)}),\quad
        \text{grads} = \text{backward},\quad W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}

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
        gets ``(λ/m) W[l]``, ``m`` the whole training set. 0 (default): no penalty.
    lambd_l1 : float, >= 0
        L1 strength λ₁ (not in the course): the cost gets ``λ₁/m Σ|W[l]|`` and every ``dW[l]``
        gets ``(λ₁/m) sign(W[l])``. 0 (default): no penalty.
    dtype : {np.float64, np.float32, "float64", "float32"}
        Precision of training: ``X``, ``Y`` and the weights are converted to it and the
        returned weights have it. float32 runs the element-wise work several times faster;
        float64 (default) is the course's and matches scikit-learn step for step. The same
        seed gives the same float32 weights (float64 draws, rounded).
    engine : {"fast", "reference"}
        ``"reference"`` runs the loop below, one call per equation, as written in the
        course; ``"fast"`` (default) runs the same arithmetic without allocating
        (:mod:`dlsnotes._engine`; ``tests/test_engine.py`` proves the two equal).

    Returns
    -------
    parameters : dict
    costs : CostHistory
        A list, as in the course (no entry after the last update), with
        ``costs.final_cost`` (the cost of the returned parameters) and ``costs.iterations``.

    Raises
    ------
    DivergenceError
        When the cost becomes NaN/inf, rises far above its start and keeps rising, stays far
        above its start without coming down (not learning), or the weights explode
        (:class:`~dlsnotes.DivergenceRules`); carries the iteration, the cost history and a
        learning-rate hint.
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
    if not isinstance(engine, str) or engine not in ENGINES:
        raise unsupported_name("engine", engine, ENGINES)
    seed = check_seed(seed)
    lambd = check_lambd(lambd)
    lambd_l1 = check_lambd(lambd_l1, "lambd_l1")
    if mini_batch_size is not None:
        mini_batch_size = check_positive_int(mini_batch_size, "mini_batch_size")
    problem = check_pairing(acts[-1], lss, dims[-1]).problem
    if parameters is None:
        parameters = _initialize(dims, init, seed, dtype)
    else:
        checked = check_parameters(parameters, dims)
        parameters = {k: np.array(v, dtype=dtype) for k, v in checked.items()}  # a copy
    watch = DivergenceWatch(parameters, lr, problem)
    if engine == "fast":
        return train(X, Y, parameters, acts, lss, lr, num_iterations, print_cost=print_cost,
                     cost_every=cost_every, progress=progress, mini_batch_size=mini_batch_size,
                     lambd=lambd, lambd_l1=lambd_l1, seed=seed, watch=watch)

    # The course's loop, one call per equation (mini-batches and L2 from course 2).
    m = X.shape[1]
    costs, recorded_at = [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(num_iterations):
            cost = 0.0  # an epoch's cost: the mean over its batches
            for X_b, Y_b in _epoch(X, Y, mini_batch_size, epoch_seed(seed, i)):
                AL, caches = L_model_forward(X_b, parameters, hidden=acts[:-1], output=acts[-1],
                                             dtype=dtype)
                batch_cost = compute_cost_with_regularization(AL, Y_b, parameters, lambd,
                                                              loss=lss, m=m, lambd_l1=lambd_l1)
                grads = L_model_backward_with_regularization(AL, Y_b, caches, lambd, loss=lss, m=m,
                                                             lambd_l1=lambd_l1)
                parameters = update_parameters(parameters, grads, lr)
                cost = batch_cost if mini_batch_size is None else cost + X_b.shape[1] / m * batch_cost
            watch.check(i, cost, parameters)
            if i % cost_every == 0:
                costs.append(cost)
                recorded_at.append(i)
            if print_cost and (i % cost_every == 0 or i == num_iterations - 1):
                unit = "iteration" if mini_batch_size is None else "epoch"
                print(f"Cost after {unit} {i}: {cost:.6f}")
        AL, _ = L_model_forward(X, parameters, hidden=acts[:-1], output=acts[-1], dtype=dtype)
        cost = compute_cost_with_regularization(AL, Y, parameters, lambd, loss=lss, m=m,
                                                lambd_l1=lambd_l1)
        watch.check(num_iterations, cost, parameters)
    return parameters, CostHistory(costs, recorded_at, cost, cost_every)


def _epoch(X, Y, mini_batch_size, seed):
    """The batches of one epoch: the whole set, or shuffled mini-batches."""
    if mini_batch_size is None:
        return [(X, Y)]
    return random_mini_batches(X, Y, mini_batch_size, seed)


def predict(X, parameters, *, hidden="relu", output="sigmoid", threshold=0.5, dtype=np.float64):
    """Predictions for ``X``: labels 0/1 for a sigmoid output (``AL > threshold``),
    one-hot class labels for softmax (``argmax``), the raw ``AL`` otherwise (regression).

    ``dtype`` (float64 or float32) is the precision of the forward pass and of the result.

    Returns
    -------
    ndarray, ``(n_y, m)``, of ``dtype``
    """
    given, threshold = threshold, real_number(threshold)
    if threshold is None or not 0 < threshold < 1:
        raise ValueError(f"threshold must be a number in (0, 1) such as 0.5; got {given!r}.")
    AL, _ = L_model_forward(X, parameters, hidden=hidden, output=output, dtype=dtype)
    name = get_activation(output).name
    if name == "sigmoid":
        return (AL > threshold).astype(AL.dtype)
    if name == "softmax":
        return np.eye(AL.shape[0], dtype=AL.dtype)[AL.argmax(axis=0)].T
    return AL
