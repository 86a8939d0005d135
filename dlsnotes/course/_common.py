"""Small input checks shared by the course modules.

The course modules accept exactly what the course's notebooks pass (including boolean
labels and the public tests' real-valued ``Y``); these checks only turn a learner's
mistake into a message in course terms instead of numpy's own error.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_matrix", "as_labels", "need_parameters", "num_layers", "check_rate",
           "global_randn_parameters"]


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


def as_labels(Y, like: np.ndarray, name: str = "Y") -> np.ndarray:
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
        else:
            hint = f" Use {name}.T." if Y.shape == like.shape[::-1] else ""
            raise ValueError(
                f"{name} must have the shape of the output, {like.shape}; got {Y.shape}.{hint}"
            )
    return as_matrix(Y, name).astype(float, copy=False)


def need_parameters(parameters, keys) -> None:
    """Raise a clear error when ``parameters`` is not a dict holding ``keys``."""
    if not isinstance(parameters, dict):
        raise TypeError(
            "parameters must be the dict made by initialize_parameters, with keys "
            f"{list(keys)}; got a {type(parameters).__name__}."
        )
    missing = [k for k in keys if k not in parameters]
    if missing:
        raise KeyError(
            f"parameters lacks {missing}; it must hold {list(keys)} as made by "
            "initialize_parameters."
        )


def num_layers(parameters) -> int:
    """``L`` from a parameters dict ``W1, b1, ..., WL, bL``."""
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError(
            "parameters must be the dict made by initialize_parameters_deep, with keys "
            f"'W1', 'b1', ...; got {type(parameters).__name__}."
        )
    L = len(parameters) // 2
    need_parameters(parameters, [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")])
    return L


def check_rate(learning_rate) -> float:
    if (not isinstance(learning_rate, numbers.Real) or isinstance(learning_rate, bool)
            or not np.isfinite(learning_rate) or learning_rate <= 0):
        raise ValueError(
            f"learning_rate must be a positive number; got {learning_rate!r}. The course uses "
            "1.2 for the planar network and 0.0075 for the deep ones."
        )
    return float(learning_rate)


def global_randn_parameters(layer_dims, init: str) -> dict:
    """``W[l] = np.random.randn(n_l, n_{l-1})`` scaled as ``init`` says, ``b[l] = 0``.

    Drawn from numpy's *global* random state (the core's ``seed=None``), as the course's
    ``np.random.seed(s)`` followed by ``np.random.randn`` does: the numbers and the state
    left behind are the course's.
    """
    from ..model import initialize_parameters_deep

    return initialize_parameters_deep(layer_dims, init=init, seed=None)
