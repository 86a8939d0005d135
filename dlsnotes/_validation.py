"""Input checks with messages that say what was expected, what arrived and how to fix it."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "DivergenceError",
    "PairingWarning",
    "unsupported_name",
    "check_array",
    "check_layer_dims",
    "check_learning_rate",
    "check_positive_int",
    "check_X",
    "check_Y",
]


class DivergenceError(FloatingPointError):
    """Training produced a NaN or infinite cost."""

    def __init__(self, iteration, last_finite_cost, learning_rate, cost, pairing_problem=None):
        self.iteration = iteration
        self.last_finite_cost = last_finite_cost
        self.learning_rate = learning_rate
        last = "none" if last_finite_cost is None else f"{last_finite_cost:.6g}"
        if pairing_problem:
            hint = f"The output/loss pairing is the likely cause: {pairing_problem}"
        else:
            hint = (
                f"The learning rate {learning_rate:g} is probably too large for this network: "
                f"try {learning_rate / 10:g}, scale the inputs/targets, or check that the backward "
                "pass uses the derivative of the activation the forward pass used (a gradient "
                "check will tell)."
            )
        super().__init__(
            f"Training diverged at iteration {iteration}: the cost became {cost} "
            f"(last finite cost: {last}). {hint}"
        )


class PairingWarning(UserWarning):
    """An output activation and loss that do not suit each other."""


def unsupported_name(kind: str, name, supported) -> ValueError:
    plural = kind + ("es" if kind.endswith("s") else "s")
    return ValueError(
        f"The {kind} {name!r} is not supported. Supported {plural} are {sorted(supported)}."
    )


def check_array(a, name: str) -> np.ndarray:
    """A finite 2-D float array, or a clear error."""
    if not isinstance(a, np.ndarray):
        if isinstance(a, (list, tuple)) or np.isscalar(a):
            raise TypeError(
                f"{name} must be a 2-D numpy array with one column per example; got a "
                f"{type(a).__name__}. Convert it with np.array({name}, dtype=float)."
            )
        raise TypeError(f"{name} must be a 2-D numpy array; got {type(a).__name__}.")
    if a.ndim != 2:
        fix = f"{name}.reshape(1, -1)" if a.ndim == 1 else f"{name}.reshape({name}.shape[0], -1)"
        raise ValueError(
            f"{name} must be 2-D with shape (features, examples); got shape {a.shape}. "
            f"For one feature per example use {fix}."
        )
    if a.dtype == bool:
        raise TypeError(
            f"{name} holds booleans; the maths needs numbers. Use {name}.astype(float)."
        )
    if not np.issubdtype(a.dtype, np.number) or np.issubdtype(a.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers; got dtype {a.dtype}.")
    if not np.all(np.isfinite(a)):
        bad = int(np.size(a) - np.count_nonzero(np.isfinite(a)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s). Remove or impute them first "
            f"(e.g. np.isfinite({name}).all(axis=0) selects the clean examples)."
        )
    return a


def check_X(X, n_x: int | None = None) -> np.ndarray:
    """``X`` of shape ``(n_x, m)``; suggests ``X.T`` when rows look like examples."""
    X = check_array(X, "X")
    if n_x is not None and X.shape[0] != n_x:
        hint = " Did you pass examples as rows? Use X.T." if X.shape[1] == n_x else ""
        raise ValueError(
            f"X must have shape (n_x, m) = ({n_x}, m), one column per example; got {X.shape}.{hint}"
        )
    return X


def check_Y(Y, m: int, n_y: int, loss: str | None = None) -> np.ndarray:
    """``Y`` of shape ``(n_y, m)`` with labels that make sense for ``loss``."""
    Y = check_array(Y, "Y")
    if Y.shape != (n_y, m):
        hint = " Use Y.T." if Y.shape == (m, n_y) else ""
        if Y.ndim == 2 and Y.shape[0] == 1 and n_y > 1 and loss == "cce":
            hint = " For softmax + cce, Y must be one-hot: one row per class."
        raise ValueError(f"Y must have shape (n_y, m) = ({n_y}, {m}); got {Y.shape}.{hint}")
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
