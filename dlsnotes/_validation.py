"""Input checks with messages that say what was expected, what arrived and how to fix it.

Every public function of the core calls these once, at its boundary; the training loop
itself never does (it works on inputs that were checked when training started).
"""

from __future__ import annotations

import decimal
import math
import numbers
import re

import numpy as np

__all__ = [
    "as_matrix",
    "as_labels",
    "need_parameters",
    "num_layers",
    "check_linear",
    "check_grads_shapes",
    "check_layer_inputs",
    "check_activations",
    "check_layer_dA",
    "unpack_cache",
    "check_cache_shapes",
    "DivergenceError",
    "MissingGradientError",
    "PairingWarning",
    "unsupported_name",
    "check_array",
    "check_layer_dims",
    "check_learning_rate",
    "check_positive_int",
    "check_seed",
    "check_X",
    "check_Y",
    "check_AL",
    "check_parameters",
    "check_grads",
    "check_layer",
    "check_positive_float",
    "check_lambd",
    "check_slope",
    "check_dA",
    "check_activation_backward",
    "real_number",
]


# ----------------------------------------------------------------------------- exceptions
class DivergenceError(FloatingPointError):
    """Training diverged or is not learning (see :class:`dlsnotes.DivergenceRules`).

    Attributes
    ----------
    iteration : int
        Iteration at which it was seen (counted from the start of the run).
    cost : float
        The cost at that iteration (finite when ``reason`` is not ``"nan"``).
    last_finite_cost : float or None
    learning_rate : float
    costs : list of float
        The cost of every iteration of the run up to ``iteration``.
    reason : {"nan", "rising", "stuck", "weights"}
    max_weight : float
        The largest ``|W|`` at that iteration.
    detail : str
        What happened, in one sentence (no hint).
    hint : str
        What to try.
    """

    def __init__(self, *, iteration, cost, last_finite_cost, learning_rate, costs=(),
                 reason="nan", max_weight=float("nan"), pairing_problem=None, window=200):
        self.iteration = iteration
        self.cost = cost
        self.last_finite_cost = last_finite_cost
        self.learning_rate = learning_rate
        self.costs = list(costs)
        self.reason = reason
        self.max_weight = max_weight
        if pairing_problem:
            self.hint = f"The output/loss pairing is the likely cause: {pairing_problem}"
        else:
            course = (" (the course uses 1.2 for the planar network and 0.0075 for the deep ones)"
                      if learning_rate > 10 else "")
            self.hint = (
                f"The learning rate {learning_rate:g} is probably too large for this network: "
                f"try {learning_rate / 10:g} or smaller{course}, scale the inputs/targets, or check "
                "that the backward pass uses the derivative of the activation the forward pass "
                "used (a gradient check will tell)."
            )
        last = "none" if last_finite_cost is None else f"{last_finite_cost:.6g}"
        start = f"{self.costs[0]:.3g}" if self.costs else "none"
        if reason == "rising":
            self.detail = f"the cost rose from {start} to {cost:.3g} and kept rising"
        elif reason == "stuck":
            self.detail = (f"the network is not learning: for {window} iterations the cost has "
                           f"stayed far above its start ({start}), now {cost:.3g}, and is not "
                           "coming down")
        elif reason == "weights":
            self.detail = (f"the weights exploded (largest |W| {max_weight:.3g}) while the cost "
                           f"went from {start} to {cost:.3g}")
        else:
            self.detail = f"the cost became {cost} (last finite cost: {last})"
        super().__init__(f"Training diverged at iteration {iteration}: {self.detail}. {self.hint}")


class MissingGradientError(KeyError, ValueError):
    """``grads`` lacks the gradient of a parameter (both a KeyError and a ValueError)."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


class PairingWarning(UserWarning):
    """An output activation and loss that do not suit each other."""


def unsupported_name(kind: str, name, supported) -> ValueError:
    plural = kind + ("es" if kind.endswith("s") else "s")
    return ValueError(
        f"The {kind} {name!r} is not supported. Supported {plural} are {sorted(supported)}."
    )


# ----------------------------------------------------------------------------- arrays
def _kind(a) -> str:
    if np.isscalar(a) or isinstance(a, numbers.Number):
        return f"a scalar ({type(a).__name__})"
    return f"a {type(a).__name__}"


def _require_ndarray(a, name: str, what: str):
    if isinstance(a, np.ndarray):
        return
    if isinstance(a, (list, tuple)) or np.isscalar(a):
        raise TypeError(
            f"{name} must be {what}; got {_kind(a)}. Convert it with np.array({name}, dtype=float)."
        )
    raise TypeError(f"{name} must be {what}; got {type(a).__name__}.")


def _require_real(a: np.ndarray, name: str):
    if a.dtype == bool:
        raise TypeError(
            f"{name} holds booleans; the maths needs numbers. Use {name}.astype(float)."
        )
    if not np.issubdtype(a.dtype, np.number) or np.issubdtype(a.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers; got dtype {a.dtype}.")


def _count_bad(a) -> int:
    return int(np.size(a) - np.count_nonzero(np.isfinite(a)))


def _as_float(a: np.ndarray) -> np.ndarray:
    """Integers become float64 (so ``Z += b`` cannot fail); floats are kept as they are."""
    return a if np.issubdtype(a.dtype, np.floating) else a.astype(np.float64)


def check_array(a, name: str) -> np.ndarray:
    """A finite 2-D real array (integers cast to float64), or a clear error."""
    _require_ndarray(a, name, "a 2-D numpy array with one column per example")
    if a.ndim != 2:
        fix = f"{name}.reshape(1, -1)" if a.ndim == 1 else f"{name}.reshape({name}.shape[0], -1)"
        raise ValueError(
            f"{name} must be 2-D with shape (features, examples); got shape {a.shape}. "
            f"For one feature per example use {fix}."
        )
    _require_real(a, name)
    if not np.all(np.isfinite(a)):
        raise ValueError(
            f"{name} contains {_count_bad(a)} NaN or infinite value(s). Remove or impute them first "
            f"(e.g. np.isfinite({name}).all(axis=0) selects the clean examples)."
        )
    return _as_float(a)


def _check_m(m: int, name: str, shape):
    if m == 0:
        raise ValueError(
            f"{name} must have at least one example (column); got shape {shape}, so m = 0. The "
            "cost averages over the m examples, and an average of nothing is undefined."
        )


def check_X(X, n_x: int | None = None) -> np.ndarray:
    """``X`` of shape ``(n_x, m)`` with ``m >= 1``; suggests ``X.T`` when rows look like examples."""
    X = check_array(X, "X")
    if n_x is not None and X.shape[0] != n_x:
        hint = " Did you pass examples as rows? Use X.T." if X.shape[1] == n_x else ""
        raise ValueError(
            f"X must have shape (n_x, m) = ({n_x}, m), one column per example; got {X.shape}.{hint}"
        )
    _check_m(X.shape[1], "X", X.shape)
    return X


def _examples_mismatch(Y_shape, m: int, n_y: int, m_from: str) -> str:
    """Y has another number of examples than ``m_from``: say so in those words, and the fix."""
    m_Y = Y_shape[1]
    rows = (f" (and {Y_shape[0]} rows where the output layer has {n_y} unit(s))"
            if Y_shape[0] != n_y else "")
    return (
        f"Y has {m_Y} example{'s' if m_Y != 1 else ''} (columns) but {m_from} has {m}{rows}: Y "
        f"must have one label column per example of {m_from} (column i of Y labels column i of "
        f"{m_from}); got Y of shape {tuple(Y_shape)}. Pass the labels of exactly those examples; "
        "when you select or split examples, index X and Y together, e.g. X[:, idx] and Y[:, idx]."
    )


def check_Y(Y, m: int, n_y: int, loss: str | None = None, m_from: str = "X") -> np.ndarray:
    """``Y`` of shape ``(n_y, m)`` with labels that make sense for ``loss``; booleans become 0./1.

    ``m_from`` names where ``m`` comes from (``"X"``, ``"AL"``) for the message when ``Y`` has
    another number of examples.
    """
    if isinstance(Y, np.ndarray) and Y.dtype == bool:
        Y = Y.astype(np.float64)  # the planar assignment makes its labels with a comparison
    Y = check_array(Y, "Y")
    if Y.shape != (n_y, m):
        if Y.shape == (m, n_y):
            raise ValueError(f"Y must have shape (n_y, m) = ({n_y}, {m}); got {Y.shape}. Use Y.T.")
        if Y.shape[1] != m:
            raise ValueError(_examples_mismatch(Y.shape, m, n_y, m_from))
        hint = ""
        if Y.shape[0] == 1 and n_y > 1 and loss == "cce":
            hint = " For softmax + cce, Y must be one-hot: one row per class."
        raise ValueError(
            f"Y must have shape (n_y, m) = ({n_y}, {m}): one row per output unit; got "
            f"{Y.shape}, {Y.shape[0]} row(s) for {n_y} output unit(s).{hint}"
        )
    _check_m(m, "Y", Y.shape)
    if loss == "bce" and not np.all((Y == 0) | (Y == 1)):
        bad = np.unique(Y[(Y != 0) & (Y != 1)])[:5]
        raise ValueError(
            f"Binary cross-entropy needs labels in {{0, 1}}; Y contains {bad.tolist()}. "
            "For a regression target use loss='mse'; for classes 1..K use one-hot Y with "
            "output='softmax' and loss='cce'."
        )
    if loss == "cce":
        one_hot = np.all((Y == 0) | (Y == 1)) and np.all(Y.sum(axis=0) == 1)
        if not one_hot:
            raise ValueError(
                "Categorical cross-entropy needs one-hot Y: each column all zeros but a single 1. "
                "Build it with np.eye(n_classes)[labels].T."
            )
    return Y


def check_AL(AL, loss: str | None = None, n_y: int | None = None, m: int | None = None) -> np.ndarray:
    """The network output ``AL``, shape ``(n_y, m)``, in the range ``loss`` needs."""
    _require_ndarray(AL, "AL", "the 2-D numpy array (n_y, m) returned by L_model_forward")
    expected = f"({'n_y' if n_y is None else n_y}, {'m' if m is None else m})"
    if AL.ndim != 2:
        raise ValueError(
            f"AL must be 2-D with shape (n_y, m) = {expected}, one column per example, as "
            f"L_model_forward returns it; got shape {AL.shape}. Use AL.reshape(1, -1) for one "
            "output unit."
        )
    if (n_y is not None and AL.shape[0] != n_y) or (m is not None and AL.shape[1] != m):
        raise ValueError(f"AL must have shape (n_y, m) = {expected}; got {AL.shape}.")
    _require_real(AL, "AL")
    _check_m(AL.shape[1], "AL", AL.shape)
    if AL.shape[0] == 0:
        raise ValueError(f"AL must have one row per output unit, at least one; got shape {AL.shape}.")
    if not np.all(np.isfinite(AL)):
        raise ValueError(
            f"AL contains {_count_bad(AL)} NaN or infinite value(s), so the cost is undefined. "
            "The forward pass overflowed: check the weights (are they finite and not huge?) and "
            "the learning rate that produced them."
        )
    if loss in ("bce", "cce") and (AL.min() < 0 or AL.max() > 1):
        fix = "output='sigmoid'" if loss == "bce" else "output='softmax'"
        raise ValueError(
            f"{loss} takes log(AL) and needs probabilities, AL in [0, 1]; got values from "
            f"{AL.min():.4g} to {AL.max():.4g}. The output layer must be a {fix[8:-1]} ({fix}); "
            "for a regression target use loss='mse'."
        )
    if loss == "cce":
        sums = AL.sum(axis=0)
        if not np.allclose(sums, 1.0, rtol=0, atol=1e-6):
            raise ValueError(
                "cce needs every column of AL to be a probability distribution summing to 1 (a "
                f"softmax output); the column sums range from {sums.min():.4g} to {sums.max():.4g}. "
                "Use output='softmax'."
            )
    return _as_float(AL)


# ----------------------------------------------------------------------------- backward inputs
_WHY = {
    "dA": "dZ = dA * g'(Z) pairs them entry by entry",
    "dZ": "dW = dZ A_prev.T / m and db need one value per unit and example",
}


def _shape_fix(got: tuple, shape: tuple, name: str, like: str) -> str:
    """How to fix a ``dA``/``dZ`` of shape ``got`` where ``shape`` was expected."""
    if got == ():
        return "A scalar is not spread over the examples: compute one value per unit and example."
    if len(shape) == 2 and got == shape[::-1]:
        return f"It is transposed: use {name}.T."
    if math.prod(got) == math.prod(shape):
        return f"It holds the right number of values: use {name}.reshape{shape}."
    if len(got) == 2 and len(shape) == 2 and got[0] == shape[0]:
        return (f"It has {got[1]} examples (columns) where {like} has {shape[1]}: pass the {name} "
                "and the cache of the same forward pass.")
    if name == "dZ":
        return "Pass the dZ of the layer whose linear cache (A_prev, W, b) this is."
    return ("Pass this layer's own dA with this layer's cache: dAL for the output layer, or the "
            "dA_prev that the backward step of the layer above returned.")


def check_dA(dA, shape: tuple, name: str = "dA", like: str = "Z") -> np.ndarray:
    """``dA`` (or ``dZ``) with exactly ``shape``, the shape of ``Z``: never broadcast.

    numpy would broadcast a ``(1, m)`` or scalar ``dA`` against ``Z`` without a word and
    return a wrong ``dZ``; this says what was expected, what came and how to fix it.
    """
    shape = tuple(shape)
    expected = f"(n_l, m) = {shape}" if len(shape) == 2 else f"{shape}"
    if not isinstance(dA, np.ndarray):
        if real_number(dA) is not None:
            dA = np.asarray(dA)  # a scalar: refused below with the shape message
        else:
            fix = (f" Convert it with np.array({name}, dtype=float)."
                   if isinstance(dA, (list, tuple)) else "")
            raise TypeError(
                f"{name} must be a numpy array with the shape of {like}, {expected}; got "
                f"{_kind(dA)}.{fix}"
            )
    if dA.shape != shape:
        try:
            silent = np.broadcast_shapes(dA.shape, shape) == shape
        except ValueError:
            silent = False
        raise ValueError(
            f"{name} must have shape {expected}, the shape of {like}: {_WHY.get(name, _WHY['dA'])}; "
            f"got {dA.shape}. {_shape_fix(dA.shape, shape, name, like)}"
            + (" (numpy would broadcast it into a wrong result without a word.)" if silent else "")
        )
    _require_real(dA, name)
    return dA


def check_activation_backward(dA, cache) -> np.ndarray:
    """``dA`` and ``cache = Z`` of an activation's backward step: ``Z`` an array, ``dA`` of its shape."""
    if (type(dA) is np.ndarray and type(cache) is np.ndarray and dA.shape == cache.shape
            and dA.dtype.kind == "f"):
        return dA  # the common case, cheaply: the training loop passes through here
    if not isinstance(cache, np.ndarray):
        if isinstance(cache, tuple) and len(cache) == 2:
            fix = (" This looks like a whole layer cache: take its second entry, "
                   "linear_cache, activation_cache = cache.")
        elif isinstance(cache, list):
            fix = " Convert it with np.array(cache, dtype=float)."
        else:
            fix = ""
        raise TypeError(
            "cache must be Z, the activation_cache the forward pass returned (a numpy array of "
            f"shape (n_l, m)); got {_kind(cache)}.{fix}"
        )
    return check_dA(dA, cache.shape, "dA", "Z (the cache)")


# ----------------------------------------------------------------------------- parameters
_PARAM_KEY = re.compile(r"^([Wb])([1-9][0-9]*)$")


def _param_description(key: str) -> str:
    kind, l = key[0], key[1:]
    if kind == "W":
        return f"(n_{l}, n_{int(l) - 1}): one row per unit of layer {l}, one column per input"
    return f"(n_{l}, 1): one bias per unit of layer {l}, as a column"


def check_parameters(parameters, layer_dims=None, name: str = "parameters") -> dict:
    """The ``{"W1", "b1", ..., "WL", "bL"}`` dict, consistent shapes, finite real values.

    Returns a dict with the same arrays (integer arrays cast to float64). ``layer_dims``,
    when given, fixes the shapes.
    """
    if not isinstance(parameters, dict):
        extra = ""
        if isinstance(parameters, (list, tuple)):
            extra = (" For a list of (W, b) pairs build the dict: "
                     "{f'W{l}': W for l, (W, b) in enumerate(pairs, 1)} and the same for b.")
        raise TypeError(
            f"{name} must be the dict {{'W1': W1, 'b1': b1, ...}} made by initialize_parameters_deep; "
            f"got {_kind(parameters)}.{extra}"
        )
    layers = {}
    unexpected = []
    for key in parameters:
        match = _PARAM_KEY.match(key) if isinstance(key, str) else None
        if match is None:
            unexpected.append(key)
        else:
            layers.setdefault(int(match.group(2)), set()).add(match.group(1))
    L = max(layers) if layers else 0
    if unexpected:
        hint = (" Keys starting with 'd' are gradients: pass the parameters dict, not grads."
                if any(isinstance(k, str) and k.startswith("d") for k in unexpected) else
                " Keep only the weights and biases in it.")
        raise ValueError(
            f"{name} must hold exactly W1, b1, ..., WL, bL; got unexpected key(s) "
            f"{sorted(map(str, unexpected))}.{hint}"
        )
    if L == 0:
        raise ValueError(f"{name} must hold W1, b1, ..., WL, bL; got an empty dict.")
    if layer_dims is not None and L != len(layer_dims) - 1:
        raise ValueError(
            f"{name} has {L} layer(s) but layer_dims {list(layer_dims)} describes "
            f"{len(layer_dims) - 1}. Initialise with initialize_parameters_deep(layer_dims)."
        )
    missing = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb" if p not in layers.get(l, ())]
    if missing:
        raise ValueError(
            f"{name} lacks {missing}: every layer l = 1..{L} needs W{{l}} of shape "
            f"(n_l, n_(l-1)) and b{{l}} of shape (n_l, 1). Add the bias as np.zeros((n_l, 1))."
        )
    out = {}
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            value = parameters[key]
            label = f"{name}[{key!r}]"
            _require_ndarray(value, label, f"a 2-D numpy array of shape {_param_description(key)}")
            _require_real(value, label)
            out[key] = _as_float(value)
        W, b = out[f"W{l}"], out[f"b{l}"]
        if W.ndim != 2:
            raise ValueError(
                f"{name}['W{l}'] must be 2-D with shape {_param_description(f'W{l}')}; got shape "
                f"{W.shape}."
            )
        n_l = W.shape[0]
        if layer_dims is not None:
            expected_W = (layer_dims[l], layer_dims[l - 1])
            if W.shape != expected_W:
                raise ValueError(
                    f"{name}['W{l}'] must have shape {expected_W} for layer_dims "
                    f"{list(layer_dims)}; got {W.shape}."
                )
        elif l > 1 and W.shape[1] != out[f"W{l - 1}"].shape[0]:
            prev = out[f"W{l - 1}"].shape[0]
            raise ValueError(
                f"{name}['W{l}'] must have shape (n_{l}, n_{l - 1}) = ({n_l}, {prev}): its columns "
                f"take the {prev} units of layer {l - 1} (W{l - 1} has shape "
                f"{out[f'W{l - 1}'].shape}); got {W.shape}."
            )
        if b.shape != (n_l, 1):
            fix = f" Use b{l}.reshape(-1, 1)." if b.shape in ((n_l,), (1, n_l)) else ""
            raise ValueError(
                f"{name}['b{l}'] must have shape (n_{l}, 1) = ({n_l}, 1): one bias per unit of "
                f"layer {l}, as a column (W{l} has {n_l} rows); got {b.shape}.{fix}"
            )
        for key, value in ((f"W{l}", W), (f"b{l}", b)):
            if not np.all(np.isfinite(value)):
                raise ValueError(
                    f"{name}[{key!r}] contains {_count_bad(value)} NaN or infinite value(s): the "
                    "weights you passed are broken (this is not about the learning rate of the "
                    "next run). Start again from initialize_parameters_deep, or from the last "
                    "weights that were still finite."
                )
    return out


def check_layer(W, b):
    """``W`` of shape ``(n_l, n_prev)`` and ``b`` of shape ``(n_l, 1)`` of one layer, as floats."""
    _require_ndarray(W, "W", "a 2-D numpy array of shape (n_l, n_prev)")
    _require_real(W, "W")
    if W.ndim != 2:
        raise ValueError(
            f"W must be 2-D with shape (n_l, n_prev): one row per unit, one column per input; "
            f"got shape {W.shape}."
        )
    n_l = W.shape[0]
    _require_ndarray(b, "b", f"a numpy array of shape (n_l, 1) = ({n_l}, 1)")
    _require_real(b, "b")
    if b.shape != (n_l, 1):
        fix = " Use b.reshape(-1, 1)." if b.shape in ((n_l,), (1, n_l)) else ""
        raise ValueError(
            f"b must have shape (n_l, 1) = ({n_l}, 1): one bias per unit, as a column (W has "
            f"{n_l} rows); got {b.shape}.{fix}"
        )
    for name, value in (("W", W), ("b", b)):
        if not np.all(np.isfinite(value)):
            raise ValueError(
                f"{name} contains {_count_bad(value)} NaN or infinite value(s): the weights are "
                "broken. Start again from initialised weights."
            )
    return _as_float(W), _as_float(b)


def check_grads(grads, parameters: dict, name: str = "grads") -> None:
    """Every ``d{key}`` of ``parameters`` present, with the parameter's exact shape, finite."""
    if not isinstance(grads, dict):
        raise TypeError(
            f"{name} must be the dict returned by L_model_backward, with keys 'dW1', 'db1', ...; "
            f"got {_kind(grads)}."
        )
    missing = [f"d{k}" for k in parameters if f"d{k}" not in grads]
    if missing:
        raise MissingGradientError(
            f"{name} lacks {missing}: every parameter needs its gradient (W1 -> dW1, b1 -> db1). "
            "Pass the dict returned by L_model_backward."
        )
    for key, value in parameters.items():
        g, dkey = grads[f"d{key}"], f"d{key}"
        shape = value.shape
        if key[0] == "W":
            what = (f"{dkey} must have the shape of {key}, {shape}: one value per weight, "
                    f"dW = dZ A_prev.T / m")
        else:
            what = (f"{dkey} must have the shape of {key}, {shape}: one value per unit, averaged "
                    "over the m examples")
        if not isinstance(g, np.ndarray) or g.ndim == 0:
            if isinstance(g, np.ndarray) or np.isscalar(g) or isinstance(g, numbers.Number):
                raise ValueError(
                    f"{what}; got a scalar. A scalar would be subtracted from every entry alike: "
                    "compute the full array."
                )
            _require_ndarray(g, f"{name}[{dkey!r}]", f"a numpy array of shape {shape}")
        if g.shape != shape:
            fix = ""
            if key[0] == "b" and g.ndim == 2 and g.shape[0] == shape[0]:
                fix = (" It has one column per example: take the mean over the examples, "
                       "np.sum(dZ, axis=1, keepdims=True) / m.")
            elif key[0] == "b" and g.shape == (shape[0],):
                fix = " Keep it a column: np.sum(dZ, axis=1, keepdims=True) / m."
            elif g.shape == shape[::-1]:
                fix = " It is transposed: dW = dZ @ A_prev.T / m."
            raise ValueError(f"{what}; got {g.shape}.{fix}")
        _require_real(g, f"{name}[{dkey!r}]")
        if not np.all(np.isfinite(g)):
            raise ValueError(
                f"{name}[{dkey!r}] contains {_count_bad(g)} NaN or infinite value(s); the backward "
                "pass that produced it overflowed or divided by zero. A gradient check will "
                "show where."
            )


# ----------------------------------------------------------------------------- scalars
def check_layer_dims(layer_dims) -> list[int]:
    """Layer sizes ``[n_x, n_1, ..., n_L]``: at least two positive ints."""
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(
            f"layer_dims must be a list of layer sizes such as [2, 4, 1]; got {layer_dims!r}."
        )
    dims = list(layer_dims)
    bad = [d for d in dims if not isinstance(d, numbers.Integral) or isinstance(d, bool) or d <= 0]
    if len(dims) < 2 or bad:
        raise ValueError(
            "layer_dims must list at least two positive integers [n_x, n_1, ..., n_L]; "
            f"got {dims!r}" + (f" (not positive ints: {bad!r})" if bad else "") + "."
        )
    return [int(d) for d in dims]


def real_number(value) -> float | None:
    """``value`` as a Python float if it is a real number, else ``None``.

    Every real type counts: Python and numpy ints and floats (``np.float32(0.1)``,
    ``np.int64(3)``), ``fractions.Fraction`` and ``decimal.Decimal`` (which is not a
    ``numbers.Real``, but is a number to a learner). Booleans are not numbers here: ``True`` as
    a learning rate is a mistake, not 1.0. NaN and infinities are returned as such; the
    callers refuse them with their own message.
    """
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, decimal.Decimal):
        # float() raises on a signalling NaN; it is not finite either way
        return float(value) if not value.is_snan() else math.nan
    if isinstance(value, numbers.Real):
        return float(value)  # Fraction, numpy scalars: one Python float from here on
    return None


def _whole_hint(value, name: str) -> str:
    """``" Use name=3."`` for a real number that is whole (``3.0``, ``Fraction(3)``)."""
    x = real_number(value)
    if x is not None and math.isfinite(x) and x.is_integer():
        return f" Use {name}={int(x)}."
    return ""


def check_positive_int(value, name: str, allow_zero: bool = False) -> int:
    """A positive (or non-negative) int that is not a bool; numpy ints are ints."""
    ok = isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    if not ok or value < (0 if allow_zero else 1):
        kind = "non-negative" if allow_zero else "positive"
        hint = _whole_hint(value, name) if not ok else ""
        raise ValueError(f"{name} must be a {kind} int; got {value!r}.{hint}")
    return int(value)


def check_positive_float(value, name: str, example: str) -> float:
    """A positive finite real number (any real type, see :func:`real_number`), as a float."""
    x = real_number(value)
    if x is None or not math.isfinite(x) or x <= 0:
        raise ValueError(f"{name} must be a positive finite number such as {example}; got {value!r}.")
    return x


def check_learning_rate(learning_rate) -> float:
    """A positive finite learning rate (any real type, see :func:`real_number`), as a float."""
    lr = real_number(learning_rate)
    if lr is None or not math.isfinite(lr) or lr <= 0:
        raise ValueError(
            f"learning_rate must be a positive finite number; got {learning_rate!r}. "
            "The course uses values such as 0.0075 (deep nets) and 1.2 (the planar net)."
        )
    return lr


def check_lambd(lambd, name="lambd") -> float:
    """A penalty strength (``lambd`` for L2, ``lambd_l1`` for L1) as a float >= 0, or a
    TypeError/ValueError saying what is allowed."""
    what = "the L1 strength λ₁" if name == "lambd_l1" else "the L2 strength λ"
    example = "0.001" if name == "lambd_l1" else "0.7 (the course)"
    x = real_number(lambd)
    if x is None:
        raise TypeError(
            f"{name} ({what}) must be a number >= 0; got {lambd!r} "
            f"({type(lambd).__name__}). Use e.g. {name}={example} or 0 for no penalty."
        )
    if not math.isfinite(x) or x < 0:
        raise ValueError(
            f"{name} ({what}) must be a finite number >= 0; got {lambd!r}. "
            "Use 0 for no penalty, or a small positive value such as 0.01 to 0.7."
        )
    return x


def check_slope(slope) -> float:
    """Leaky ReLU's slope for ``z <= 0``: a number in ``[0, 1)``, as a float."""
    x = real_number(slope)
    if x is None or not 0 <= x < 1:  # NaN fails the comparison too
        raise ValueError(
            f"The Leaky ReLU slope must be a number in [0, 1); got {slope!r}. "
            "Typical values are 0.01 to 0.2."
        )
    return x


_SEED_MAX = 2**32 - 1


def check_seed(seed):
    """``None`` (numpy's global random state) or an int in ``[0, 2**32 - 1]``."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"seed must be None (use numpy's global random state, as np.random.seed does) or an "
            f"int in [0, 2**32 - 1]; got {seed!r} ({type(seed).__name__}). Use e.g. seed=1."
        )
    if not 0 <= seed <= _SEED_MAX:
        raise ValueError(
            f"seed must be an int in [0, 2**32 - 1] (numpy's legacy seeds); got {seed}. "
            "Use e.g. seed=1."
        )
    return int(seed)


# ----------------------------------------------------------------------------- layers and caches
def check_layer_inputs(A, W, b, A_name="A"):
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
    A = check_X(A, W.shape[1]) if A_name == "X" else check_activations(A, A_name)
    return A, W, b


def check_activations(A, name):
    if A.dtype == bool or not np.issubdtype(A.dtype, np.number) or np.iscomplexobj(A):
        raise TypeError(f"{name} must hold real numbers; got dtype {A.dtype}. Use {name}.astype(float).")
    if A.shape[1] == 0:
        raise ValueError(f"{name} must have at least one example (column); got shape {A.shape}, so m = 0.")
    return A if np.issubdtype(A.dtype, np.floating) else A.astype(np.float64)


def check_layer_dA(dA, n, m, name="dA"):
    """``dA`` (or ``dZ``) of exactly this layer's shape ``(n, m)``, as floats; never broadcast."""
    dA = check_dA(dA, (n, m), name, "this layer's Z")
    return check_activations(dA, name)


def unpack_cache(cache, where="cache"):
    """``((A_prev, W, b), Z, activation or None)`` of a LayerCache or a course 2-tuple."""
    if isinstance(cache, tuple) and hasattr(cache, "activation"):  # a LayerCache
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


def check_cache_shapes(linear_cache, Z, where="cache", m=None):
    A_prev, W, b = linear_cache
    A_prev, W, b = check_layer_inputs(A_prev, W, b, "A_prev")
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
    return (A_prev, W, b), check_activations(Z, "Z")


# ----------------------------------------------------------------------------- the course modules
# Lighter checks for dlsnotes.course.*: they accept exactly what the course's notebooks pass
# and check shapes and types, never values (a run that overflows gives the course's inf/nan).
def as_matrix(a, name: str) -> np.ndarray:
    """A 2-D real array (examples as columns), or a TypeError/ValueError saying how to fix it."""
    if not isinstance(a, np.ndarray):
        raise TypeError(
            f"{name} must be a 2-D numpy array with one column per example; got a "
            f"{type(a).__name__}. Convert it with np.array({name}, dtype=float)."
        )
    if a.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with one column per example; got shape {a.shape}. "
            f"For a single row use {name}.reshape(1, -1)."
        )
    if a.dtype == bool:
        return a.astype(float)
    if not np.issubdtype(a.dtype, np.number) or np.issubdtype(a.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers; got dtype {a.dtype}.")
    return a


def as_labels(Y, like: np.ndarray, name: str = "Y", m_from: str = "AL") -> np.ndarray:
    """``Y`` as floats with the shape of ``like`` (``AL`` or ``A2``); booleans become 0.0/1.0.

    A 1-D ``Y`` of the right length is reshaped, as the course's ``Y.reshape(AL.shape)``.
    """
    if not isinstance(Y, np.ndarray):
        raise TypeError(
            f"{name} must be a numpy array of shape {like.shape}; got a {type(Y).__name__}."
        )
    if Y.shape != like.shape:
        if Y.size == like.size and Y.ndim <= 1:
            Y = Y.reshape(like.shape)
        elif Y.ndim == 2 and like.ndim == 2 and Y.shape[1] != like.shape[1] \
                and Y.shape != like.shape[::-1]:
            # "Y has 40 examples (columns) but X has 50", not two shapes to compare: the
            # package's one message for it, raised by check_Y
            check_Y(Y, like.shape[1], like.shape[0], m_from=m_from)
            raise ValueError(f"{name} must have the shape of the output, {like.shape}; got {Y.shape}.")
        else:
            hint = f" Use {name}.T." if Y.shape == like.shape[::-1] else ""
            raise ValueError(
                f"{name} must have the shape of the output, {like.shape}; got {Y.shape}.{hint}"
            )
    return as_matrix(Y, name).astype(float, copy=False)


def need_parameters(parameters, keys, name: str = "parameters",
                    made_by: str = "initialize_parameters") -> None:
    """Raise a clear error when ``parameters`` (or ``grads``) is not a dict holding ``keys``."""
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{name} must be the dict made by {made_by}, with keys {list(keys)}; got a "
            f"{type(parameters).__name__}."
        )
    missing = [k for k in keys if k not in parameters]
    if missing:
        raise KeyError(
            f"{name} lacks {missing}; it must hold {list(keys)} as made by {made_by}."
        )


def num_layers(parameters) -> int:
    """``L`` from a parameters dict ``W1, b1, ..., WL, bL``."""
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(
            "parameters must be the dict made by initialize_parameters_deep, with keys "
            f"'W1', 'b1', ...; got {type(parameters).__name__}."
        )
    L = len(parameters) // 2
    need_parameters(parameters, [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")],
                    made_by="initialize_parameters_deep")
    return L


def check_linear(A, W, b, l="") -> None:
    """Shapes that fit ``Z = W A + b``, or a ValueError naming the layer (never a broadcast)."""
    if W.shape[1] != A.shape[0] or b.shape != (W.shape[0], 1):
        A_name = "X" if l == 1 else "A_prev" if l == "" else f"A{l - 1}"
        raise ValueError(
            f"Shapes do not fit Z{l} = W{l} {A_name} + b{l}: W{l} {W.shape} needs {A_name} with "
            f"{W.shape[1]} rows and b{l} of shape ({W.shape[0]}, 1); got {A_name} {A.shape} and "
            f"b{l} {b.shape}."
        )


def check_grads_shapes(grads, parameters) -> None:
    """Every ``d{key}`` present with its parameter's shape: ``W - rate * dW`` must not broadcast."""
    need_parameters(grads, [f"d{k}" for k in parameters], "grads",
                    made_by="the backward pass")
    for key, value in parameters.items():
        g = np.asarray(grads[f"d{key}"])
        if g.shape != value.shape:
            raise ValueError(
                f"grads['d{key}'] must have the shape of {key}, {value.shape}; got {g.shape}. "
                "Subtracting it would broadcast instead of updating each entry once."
            )
