"""Helpers for ``notebooks/01_notation_and_shapes.ipynb``: shape tables and linear collapse.

* :func:`shape_rules` — the shape every array of an L-layer network must have, as a rule
  in the course's notation (``(n_l, n_{l-1})``) and as numbers;
* :func:`shape_table` — the shapes of the *real* arrays in ``X``, ``Y``, the parameters,
  the forward caches and the gradients, next to the rule they must follow;
* :func:`output_and_hidden_dZ` — the ``dZ[l]`` arrays, which ``L_model_backward`` uses but
  does not return;
* :func:`collapse_linear_network` — ``W_eff``, ``b_eff`` of a network whose layers are all
  linear;
* :func:`activation_table`, :func:`format_activation_table`, :func:`plot_activations` — the
  activations of the course side by side: formula, derivative, range, mean output, slopes.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import check_layer_dims
from ..activations import get_activation
from ..losses import output_delta

__all__ = [
    "ShapeRow",
    "shape_rules",
    "shape_table",
    "format_shape_table",
    "output_and_hidden_dZ",
    "collapse_linear_network",
    "GALLERY",
    "ActivationRow",
    "activation_table",
    "format_activation_table",
    "plot_activations",
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


# --------------------------------------------------------------------------- activations side by side
#: The activations compared in notebook 01, section 4, in the order shown.
GALLERY = ("sigmoid", "tanh", "relu", "leaky_relu", "linear", "swish")

#: ``g(z)``, ``g'(z)`` and the output range, as text in the course's notation.
_FORMULAS = {
    "sigmoid": ("1 / (1 + e^-z)", "g(z) (1 - g(z))", "(0, 1)"),
    "tanh": ("(e^z - e^-z) / (e^z + e^-z)", "1 - g(z)^2", "(-1, 1)"),
    "relu": ("max(0, z)", "0 if z <= 0, 1 if z > 0", "[0, inf)"),
    "leaky_relu": ("max(0.01 z, z)", "0.01 if z <= 0, 1 if z > 0", "(-inf, inf)"),
    "linear": ("z", "1", "(-inf, inf)"),
    "swish": ("z sigmoid(z)", "s + z s (1 - s), s = sigmoid(z)", "[-0.28, inf)"),
}


class ActivationRow(NamedTuple):
    """One activation's properties, as measured by :func:`activation_table`."""

    name: str
    g: str
    derivative: str
    outputs: str
    mean_output: float  #: E[g(z)] for z ~ N(0, 1): 0 for a zero-centred activation
    slopes: tuple  #: g'(-5), g'(0), g'(5) as the package's backward pass computes them


def _normal_mean(function):
    """``E[g(z)]`` for ``z ~ N(0, 1)``, by quadrature on a fine symmetric grid."""
    z = np.linspace(-8.0, 8.0, 3201).reshape(1, -1)
    weights = np.exp(-z ** 2 / 2)
    return float(np.sum(weights * function(z)) / np.sum(weights))


def activation_table(names=GALLERY) -> list:
    r"""Formula, derivative, range, mean output and slopes of each activation in ``names``.

    ``mean_output`` is :math:`\mathbb{E}[g(z)]` for :math:`z \sim \mathcal{N}(0, 1)`: about 0
    for tanh (zero-centred), 0.5 for the sigmoid. ``slopes`` are :math:`g'(-5), g'(0), g'(5)`
    from the package's backward pass (``g.backward(1, Z)``): near 0 at :math:`\pm 5` where an
    activation saturates, and the convention used at ReLU's kink in the middle.

    Returns
    -------
    list of ActivationRow
    """
    rows = []
    for name in names:
        act = get_activation(name)
        Z = np.array([[-5.0, 0.0, 5.0]])
        slopes = act.backward(np.ones_like(Z), Z)[0]
        g, derivative, outputs = _FORMULAS.get(act.name, (act.latex, act.latex_derivative, "?"))
        rows.append(ActivationRow(act.name, g, derivative, outputs, _normal_mean(act.function),
                                  tuple(float(s) for s in slopes)))
    return rows


def format_activation_table(rows) -> str:
    """The rows of :func:`activation_table` as aligned text, figures rounded to 2 digits."""
    def number(x):
        return f"{round(x, 2) + 0.0:.2f}"  # + 0.0 turns a -0.0 into 0.0

    header = ("g", "outputs", "E[g(z)], z~N(0,1)", "g'(-5)", "g'(0)", "g'(5)")
    body = [(r.name, r.outputs, number(r.mean_output), *(f"{s + 0.0:.2g}" for s in r.slopes))
            for r in rows]
    widths = [max(len(line[j]) for line in (header, *body)) for j in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
             for line in (header, *body)]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def plot_activations(names=GALLERY, axes=None):
    """One panel per activation: ``g(z)`` (solid) and ``g'(z)`` (dashed) for ``z`` in [-5, 5].

    The value the backward pass uses at ``z = 0`` is marked with a dot where ``g'`` jumps
    (ReLU, Leaky ReLU).
    """
    import matplotlib.pyplot as plt


    if axes is None:
        _, axes = plt.subplots(2, (len(names) + 1) // 2, figsize=(10, 5.6), sharex=True)
    z = np.linspace(-5, 5, 401).reshape(1, -1)
    for ax, name in zip(np.ravel(axes), names):
        act = get_activation(name)
        ax.plot(z[0], act.function(z)[0], color="tab:blue", label="$g(z)$")
        ax.plot(z[0], act.backward(np.ones_like(z), z)[0], "--", color="tab:orange", label="$g'(z)$")
        if act.name in ("relu", "leaky_relu"):
            at_zero = act.backward(np.ones((1, 1)), np.zeros((1, 1)))[0, 0]
            ax.plot([0], [at_zero], "o", color="tab:orange", ms=5)
        ax.axhline(0, color="grey", lw=0.5)
        ax.axvline(0, color="grey", lw=0.5)
        ax.set(title=act.name, ylim=(-1.3, 1.8), xlabel="$z$")
    np.ravel(axes)[0].legend(loc="upper left", fontsize="small")
    return axes
