"""Helpers for ``notebooks/01_notation_and_shapes.ipynb``: shape tables and linear collapse.

* :func:`shape_rules` — the shape every array of an L-layer network must have, as a rule
  in the course's notation (``(n_l, n_{l-1})``) and as numbers;
* :func:`shape_table` — the shapes of the *real* arrays in ``X``, ``Y``, the parameters,
  the forward caches and the gradients, next to the rule they must follow;
* :func:`output_and_hidden_dZ` — the ``dZ[l]`` arrays, which ``L_model_backward`` uses but
  does not return;
* :func:`collapse_linear_network` — ``W_eff``, ``b_eff`` of a network whose layers are all
  linear.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import check_layer_dims
from ..losses import output_delta

__all__ = [
    "ShapeRow",
    "shape_rules",
    "shape_table",
    "format_shape_table",
    "output_and_hidden_dZ",
    "collapse_linear_network",
]


class ShapeRow(NamedTuple):
    """One line of a shape table."""

    name: str
    shape: tuple
    rule: str
    expected: tuple

    @property
    def ok(self) -> bool:
        return tuple(self.shape) == tuple(self.expected)


def _rule(name, l, L):
    """The course's shape rule of array ``name`` in layer ``l`` (as text)."""
    prev = "n_x" if l == 1 else f"n_{l - 1}"
    n_l = f"n_{l}"
    rules = {
        "W": f"({n_l}, {prev})", "dW": f"({n_l}, {prev})  like W{l}",
        "b": f"({n_l}, 1)", "db": f"({n_l}, 1)  like b{l}",
        "Z": f"({n_l}, m)", "A": f"({n_l}, m)",
        "dZ": f"({n_l}, m)  like Z{l}", "dA": f"({n_l}, m)  like A{l}",
    }
    return rules[name]


def shape_rules(layer_dims, m):
    """Every array's expected shape for a network ``layer_dims`` and ``m`` examples.

    Parameters
    ----------
    layer_dims : list of int, ``[n_x, n_1, ..., n_L]``
    m : int
        Number of examples (columns of ``X``).

    Returns
    -------
    dict of str to (str, tuple)
        ``name -> (rule, shape)``, e.g. ``"W2" -> ("(n_2, n_1)", (3, 4))``. Names are
        ``X``, then for each layer ``W, b, Z, A``, then ``Y``, then the gradients from the
        last layer down (``dA{L}, dZ{L}, dW{L}, db{L}, dA{L-1}, ...``) and finally ``dA0``.

    .. math::
        W^{[l]} \\in \\mathbb{R}^{n_l \\times n_{l-1}},\\quad
        b^{[l]} \\in \\mathbb{R}^{n_l \\times 1},\\quad
        Z^{[l]}, A^{[l]}, dZ^{[l]}, dA^{[l]} \\in \\mathbb{R}^{n_l \\times m}
    """
    dims = check_layer_dims(layer_dims)
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m must be a positive int (the number of examples); got {m!r}.")
    L = len(dims) - 1
    rules = {"X": ("(n_x, m)", (dims[0], m))}
    for l in range(1, L + 1):
        rules[f"W{l}"] = (_rule("W", l, L), (dims[l], dims[l - 1]))
        rules[f"b{l}"] = (_rule("b", l, L), (dims[l], 1))
        rules[f"Z{l}"] = (_rule("Z", l, L), (dims[l], m))
        rules[f"A{l}"] = (_rule("A", l, L), (dims[l], m))
    rules["Y"] = (f"(n_{L}, m)  like A{L}", (dims[L], m))
    for l in range(L, 0, -1):
        rules[f"dA{l}"] = (_rule("dA", l, L), (dims[l], m))
        rules[f"dZ{l}"] = (_rule("dZ", l, L), (dims[l], m))
        rules[f"dW{l}"] = (_rule("dW", l, L), (dims[l], dims[l - 1]))
        rules[f"db{l}"] = (_rule("db", l, L), (dims[l], 1))
    rules["dA0"] = ("(n_x, m)  like X", (dims[0], m))
    return rules


def output_and_hidden_dZ(AL, Y, caches, grads, loss="bce"):
    """``dZ[l]`` for every layer, rebuilt from the caches and ``grads``.

    ``dZ[L]`` comes from ``AL``, ``Y`` and the output activation; for ``l < L``
    ``dZ[l] = dA[l] * g'(Z[l])`` with ``dA[l] = grads["dA{l}"]``.

    Returns
    -------
    dict of str to ndarray
        ``"dZ{l}"`` of shape ``(n_l, m)``.
    """
    L = len(caches)
    out = caches[-1]
    dZ = {f"dZ{L}": output_delta(AL, Y, out.activation_cache, out.activation, loss)}
    for l in range(1, L):
        cache = caches[l - 1]
        dZ[f"dZ{l}"] = cache.activation.backward(grads[f"dA{l}"], cache.activation_cache)
    return dZ


def shape_table(X, Y, parameters, caches, grads, loss="bce"):
    """Shapes of the real arrays of one forward and backward pass, with their rules.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_L, m)``
    parameters : dict
        ``W{l}``, ``b{l}``.
    caches : list of LayerCache
        From :func:`~dlsnotes.model.L_model_forward`.
    grads : dict
        From :func:`~dlsnotes.model.L_model_backward`.
    loss : str
        The loss used for ``grads`` (needed to rebuild ``dZ[L]``).

    Returns
    -------
    list of ShapeRow
        In the order of :func:`shape_rules`; ``row.ok`` says whether the array follows its rule.
    """
    L = len(caches)
    AL = caches[-1].activation.function(caches[-1].activation_cache)
    arrays = {"X": X, "Y": Y, "dA0": grads["dA0"]}
    for l in range(1, L + 1):
        arrays[f"W{l}"], arrays[f"b{l}"] = parameters[f"W{l}"], parameters[f"b{l}"]
        arrays[f"Z{l}"] = caches[l - 1].activation_cache
        # A[l] is the input of layer l + 1, kept in its linear cache; A[L] is the output.
        arrays[f"A{l}"] = caches[l].linear_cache[0] if l < L else AL
        arrays[f"dW{l}"], arrays[f"db{l}"] = grads[f"dW{l}"], grads[f"db{l}"]
        arrays[f"dA{l}"] = grads[f"dA{l}"] if l < L else None
    arrays.update(output_and_hidden_dZ(AL, Y, caches, grads, loss))
    dims = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
    rows = []
    for name, (rule, expected) in shape_rules(dims, X.shape[1]).items():
        if arrays.get(name) is None:
            continue  # dA[L] is not part of grads: the backward pass starts from dZ[L]
        rows.append(ShapeRow(name, tuple(arrays[name].shape), rule, expected))
    return rows


def format_shape_table(rows):
    """The rows as an aligned text table ``name | shape | rule | ok``."""
    lines = [f"{'name':<5} | {'shape':<9} | {'rule':<24} | ok", "-" * 48]
    for row in rows:
        shape = "(" + ", ".join(str(n) for n in row.shape) + ")"
        lines.append(f"{row.name:<5} | {shape:<9} | {row.rule:<24} | {'✓' if row.ok else '✗'}")
    return "\n".join(lines)


def collapse_linear_network(parameters):
    r"""``W_eff``, ``b_eff`` of a network whose every layer is linear (``g(z) = z``).

    Parameters
    ----------
    parameters : dict
        ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)`` for ``l = 1..L``.

    Returns
    -------
    W_eff : ndarray, ``(n_L, n_x)``
    b_eff : ndarray, ``(n_L, 1)``
        With ``A[L] = W_eff X + b_eff`` for every ``X``.

    .. math::
        W_{\text{eff}} = W^{[L]} \cdots W^{[2]} W^{[1]},\quad
        b_{\text{eff}} = \sum_{l=1}^{L} W^{[L]} \cdots W^{[l+1]} b^{[l]}

    Derived in ``notebooks/01_notation_and_shapes.ipynb``.
    """
    if not isinstance(parameters, dict) or "W1" not in parameters:
        raise TypeError("parameters must be a dict with keys 'W1', 'b1', 'W2', ...; "
                        f"got {type(parameters).__name__}.")
    L = len(parameters) // 2
    W_eff = np.eye(parameters["W1"].shape[1])
    b_eff = np.zeros((parameters["W1"].shape[1], 1))
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        # One more linear layer: W (W_eff x + b_eff) + b.
        W_eff, b_eff = W @ W_eff, W @ b_eff + b
    return W_eff, b_eff
