"""Input checks with messages that say what was expected, what arrived and how to fix it.

Every public function of the core calls these once, at its boundary; the training loop
itself never does (it works on inputs that were checked when training started).
"""

from __future__ import annotations

import numbers
import re

import numpy as np

__all__ = [
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
]


# ----------------------------------------------------------------------------- exceptions
class DivergenceError(FloatingPointError):
    """Training diverged: the cost became NaN/inf, rose far above its start, or the weights exploded.

    Attributes
    ----------
    iteration : int
        Iteration (from the start of this training call) at which it was seen.
    cost : float
        The cost at that iteration (finite when ``reason`` is not ``"nan"``).
    last_finite_cost : float or None
    learning_rate : float
    costs : list of float
        The cost of every iteration of this call up to ``iteration``.
    reason : {"nan", "rising", "weights"}
    max_weight : float
        The largest ``|W|`` at that iteration.
    hint : str
        What to try.
    """

    def __init__(self, *, iteration, cost, last_finite_cost, learning_rate, costs=(),
                 reason="nan", max_weight=float("nan"), pairing_problem=None):
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
        start = f"{self.costs[0]:.6g}" if self.costs else "none"
        if reason == "rising":
            what = (f"the cost rose from {start} to {cost:.6g} and kept rising "
                    f"(largest |W| {max_weight:.3g})")
        elif reason == "weights":
            what = (f"the weights exploded (largest |W| {max_weight:.3g}) while the cost "
                    f"went from {start} to {cost:.6g}")
        else:
            what = f"the cost became {cost} (last finite cost: {last})"
        super().__init__(f"Training diverged at iteration {iteration}: {what}. {self.hint}")


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


def check_Y(Y, m: int, n_y: int, loss: str | None = None) -> np.ndarray:
    """``Y`` of shape ``(n_y, m)`` with labels that make sense for ``loss``; booleans become 0./1."""
    if isinstance(Y, np.ndarray) and Y.dtype == bool:
        Y = Y.astype(np.float64)  # the planar assignment makes its labels with a comparison
    Y = check_array(Y, "Y")
    if Y.shape != (n_y, m):
        hint = " Use Y.T." if Y.shape == (m, n_y) else ""
        if Y.ndim == 2 and Y.shape[0] == 1 and n_y > 1 and loss == "cce":
            hint = " For softmax + cce, Y must be one-hot: one row per class."
        raise ValueError(f"Y must have shape (n_y, m) = ({n_y}, {m}); got {Y.shape}.{hint}")
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
                       f"np.sum(dZ, axis=1, keepdims=True) / m.")
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


def check_positive_int(value, name: str, allow_zero: bool = False) -> int:
    """A positive (or non-negative) int that is not a bool."""
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not ok or value < (0 if allow_zero else 1):
        kind = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be a {kind} int; got {value!r}.")
    return int(value)


def check_positive_float(value, name: str, example: str) -> float:
    """A positive finite real number that is not a bool."""
    if (
        not isinstance(value, numbers.Real)
        or isinstance(value, bool)
        or not np.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"{name} must be a positive finite number such as {example}; got {value!r}.")
    return float(value)


def check_learning_rate(learning_rate) -> float:
    if (
        not isinstance(learning_rate, numbers.Real)
        or isinstance(learning_rate, bool)
        or not np.isfinite(learning_rate)
        or learning_rate <= 0
    ):
        raise ValueError(
            f"learning_rate must be a positive finite number; got {learning_rate!r}. "
            "The course uses values such as 0.0075 (deep nets) and 1.2 (the planar net)."
        )
    return float(learning_rate)


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
