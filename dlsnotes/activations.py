r"""Activation functions, each carrying its own local derivative.

Every activation works column-wise on ``Z`` of shape ``(n_l, m)`` and offers, in the
course's style,

* ``A, cache = act(Z)`` — the forward pass; ``cache`` is ``Z`` (the course's
  ``activation_cache``),
* ``dZ = act.backward(dA, cache)`` — the chain-rule step ``dZ = dA * g'(Z)``
  (for softmax, the Jacobian-vector product),
* ``act.derivative(Z)`` — the plain derivative ``g'(Z)``.

The module-level functions ``relu``, ``relu_backward``, ``sigmoid_backward``, ... are
the same operations under the names a learner knows from the course notebooks. (The
identity activation's backward is ``identity_backward``: ``linear_backward`` is the
course's ``linear_backward(dZ, cache)`` of :mod:`dlsnotes.model`, and only that.)
Derivations: ``notebooks/02_why_dz_is_a_minus_y.ipynb``.

:data:`ACTIVATIONS` is the registry everything reads (the model, the trace, the
playground's menus, the pairing table); :func:`register_activation` adds an entry::

    elu = Activation("elu", lambda Z: np.where(Z > 0, Z, np.expm1(Z)),
                     lambda Z: np.where(Z > 0, 1.0, np.exp(Z)),
                     latex=r"\begin{cases} z & z > 0\\ e^z - 1 & z \le 0\end{cases}",
                     latex_derivative=r"\begin{cases} 1 & Z > 0\\ A + 1 & Z \le 0\end{cases}",
                     derivative_text="1 if Z > 0 else A + 1",
                     derivative_numbers="1 if {z} > 0 else {a} + 1")
    register_activation(elu)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.special import expit

from ._validation import check_activation_backward, check_slope, unsupported_name

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "ROLES",
    "get_activation",
    "activation_names",
    "register_activation",
    "unregister_activation",
    "sigmoid", "sigmoid_backward",
    "tanh", "tanh_backward",
    "relu", "relu_backward",
    "leaky_relu", "leaky_relu_backward",
    "linear", "identity_backward",
    "softmax", "softmax_backward",
    "swish", "swish_backward",
]


def _sigmoid(Z):
    # expit never overflows and keeps full relative precision in both tails.
    return expit(Z)


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _softmax_backward(dA, cache):
    # Jacobian of softmax per column: diag(s) - s s^T, so J^T dA = s * (dA - s.dA).
    S = _softmax(cache)
    return S * (dA - np.sum(dA * S, axis=0, keepdims=True))


def _softmax_jacobian(Z):
    """Full Jacobians, shape ``(n, n, m)``: ``J[i, j, k] = dA_i / dZ_j`` for example k."""
    S = _softmax(Z)
    n = S.shape[0]
    return np.eye(n)[:, :, None] * S[None, :, :] - S[:, None, :] * S[None, :, :]


@dataclass(frozen=True)
class Activation:
    """An activation ``g`` with its derivative.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"relu"``.
    function : callable, ``(n, m) -> (n, m)``
        ``g(Z)``.
    derivative : callable, ``(n, m) -> (n, m)``
        ``g'(Z)`` element-wise (softmax: the Jacobians, ``(n, n, m)``).
    latex : str
        ``g(z)`` as LaTeX.
    latex_derivative : str
        ``g'(z)`` as LaTeX, written with ``A`` and ``Z`` of the output layer.
    output_range : tuple of float
        The open interval the outputs lie in (used to reject impossible losses).
    output_derivative : callable, optional
        ``g'`` written with the output ``A = g(Z)`` (the course's ``1 - A**2`` for
        tanh): saves recomputing ``g(Z)`` in training. ``None`` when ``A`` does not
        determine ``g'(Z)`` (swish, softmax).
    slope : float, optional
        Leaky ReLU's slope for ``z <= 0`` (None for the others).
    label : str, optional
        The name a menu shows (``"Leaky ReLU"``); defaults to ``name``.
    roles : frozenset of {"hidden", "output"}
        Where the playground's menus offer it (softmax only at the output).
    elementwise : bool
        ``True`` when unit ``j`` of ``A`` depends on unit ``j`` of ``Z`` only, so that
        ``derivative`` is ``g'(Z)`` of shape ``(n, m)``. ``False`` (softmax) needs
        ``backward_fn`` (the Jacobian-vector product).
    derivative_text : str, optional
        The rule for one unit in plain text, what :func:`dlsnotes.trace.trace` prints:
        ``g'(Z)`` written with ``Z`` and ``A`` (``"A(1 - A)"``), or for a non-element-wise
        activation the rule for ``dZ_{j}`` (``"A_{j}(dA_{j} - Σ_k A_k dA_k)"``). Without
        it the trace refuses the activation.
    derivative_numbers : str, optional
        The same rule with the numbers put in, as a :meth:`str.format` template over
        ``{z}``, ``{a}``, ``{sigma}`` (σ(z)) and ``{z_vs_0}`` (``"> 0"`` or ``"<= 0"``);
        non-element-wise: ``{a}``, ``{da}``, ``{a_dot_da}`` (Σ_k A_k dA_k) and ``{j}``.
        ``{a:()}`` puts a negative number in brackets. Defaults to ``g'({z})``.
    function_numbers : str, optional
        ``g(z)`` with the number put in, a template like ``derivative_numbers``; defaults
        to ``name({z})``.
    """

    name: str
    function: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    derivative: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    latex: str = field(repr=False, default="")
    latex_derivative: str = field(repr=False, default="")
    output_range: tuple = field(repr=False, default=(-np.inf, np.inf))
    backward_fn: Callable | None = field(repr=False, default=None)
    output_derivative: Callable | None = field(repr=False, default=None)
    slope: float | None = field(repr=False, default=None)
    label: str = field(repr=False, default="")
    roles: frozenset = field(repr=False, default=frozenset({"hidden", "output"}))
    elementwise: bool = field(repr=False, default=True)
    derivative_text: str = field(repr=False, default="")
    derivative_numbers: str = field(repr=False, default="")
    function_numbers: str = field(repr=False, default="")

    def __post_init__(self):
        # frozen: the defaults that depend on the name are filled in once, here
        if not self.label:
            object.__setattr__(self, "label", self.name)
        object.__setattr__(self, "roles", frozenset(self.roles))

    def __call__(self, Z):
        """Forward pass: ``A = g(Z)``; returns ``(A, cache)`` with ``cache = Z``."""
        return self.function(Z), Z

    def backward(self, dA, cache):
        """``dZ = dA * g'(Z)`` with ``Z = cache``; shape ``(n, m)``.

        ``dA`` must have exactly the shape of ``Z``: a ``(1, m)`` or scalar ``dA`` is refused
        with a ValueError that says how to fix it, not broadcast into a wrong ``dZ``.
        """
        dA = check_activation_backward(dA, cache)
        if self.backward_fn is not None:
            return self.backward_fn(dA, cache)
        return dA * self.derivative(cache)


def _real(Z):
    """The float dtype of a derivative of ``Z``: float32 stays float32, the rest float64."""
    return np.result_type(Z.dtype, np.float32)


def _leaky(slope: float) -> Activation:
    slope = check_slope(slope)  # any real number type (np.float32(0.1), Fraction) as a float
    return _leaky_with(slope)


@functools.lru_cache(maxsize=64)
def _leaky_with(slope: float) -> Activation:
    # one object per slope, so that the same Leaky ReLU is the same activation everywhere
    return Activation(
        name="leaky_relu" if slope == 0.01 else f"leaky_relu({slope:g})",
        # max(z, slope*z) is Leaky ReLU because 0 <= slope < 1.
        function=lambda Z: np.maximum(Z, slope * Z),
        derivative=lambda Z: np.where(Z > 0, 1.0, slope).astype(_real(Z), copy=False),
        output_derivative=lambda A: np.where(A > 0, 1.0, slope).astype(_real(A), copy=False),
        slope=slope,
        latex=rf"\max({slope:g}\,z,\ z)",
        latex_derivative=rf"\begin{{cases}}1 & Z^{{[L]}} > 0\\ {slope:g} & Z^{{[L]}} \le 0\end{{cases}}",
        label="Leaky ReLU",
        # the course's convention g'(0) = slope: the kink takes the left-hand slope
        derivative_text=f"1 if Z > 0 else {slope:g}",
        derivative_numbers="(Z = {z} {z_vs_0})",
    )


def _swish_derivative(Z):
    s = _sigmoid(Z)
    return s + Z * s * (1.0 - s)


def _sigmoid_derivative(Z):
    s = _sigmoid(Z)
    return s * (1.0 - s)


SIGMOID = Activation(
    "sigmoid", _sigmoid, _sigmoid_derivative,
    latex=r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    latex_derivative=r"A^{[L]}\left(1 - A^{[L]}\right)",
    output_range=(0.0, 1.0),
    output_derivative=lambda A: A * (1.0 - A),
    derivative_text="A(1 - A)",
    derivative_numbers="{a}×(1 - {a})",
)
TANH = Activation(
    "tanh", np.tanh, lambda Z: 1.0 - np.tanh(Z) ** 2,
    latex=r"\tanh(z)",
    latex_derivative=r"\left(1 - (A^{[L]})^2\right)",
    output_range=(-1.0, 1.0),
    output_derivative=lambda A: 1.0 - A * A,
    roles={"hidden"},
    derivative_text="1 - A²",
    derivative_numbers="1 - {a:()}²",
)
RELU = Activation(
    "relu", lambda Z: np.maximum(Z, 0.0), lambda Z: (Z > 0).astype(_real(Z)),
    latex=r"\max(0, z)",
    latex_derivative=r"\mathbb{1}\{Z^{[L]} > 0\}",
    output_range=(0.0, np.inf),
    output_derivative=lambda A: (A > 0).astype(_real(A)),
    label="ReLU",
    derivative_text="1 if Z > 0 else 0",  # g'(0) = 0, as relu_backward's dZ[Z <= 0] = 0
    derivative_numbers="(Z = {z} {z_vs_0})",
)
LEAKY_RELU = _leaky(0.01)
LINEAR = Activation(
    "linear", lambda Z: Z, np.ones_like,
    latex="z", latex_derivative="1",
    backward_fn=lambda dA, cache: dA,
    output_derivative=np.ones_like,
    derivative_text="1",
    derivative_numbers="1",
)
SOFTMAX = Activation(
    "softmax", _softmax, _softmax_jacobian,
    latex=r"\frac{e^{z_i}}{\sum_j e^{z_j}}",
    latex_derivative=r"\left(\operatorname{diag}(A^{[L]}) - A^{[L]}A^{[L]\top}\right)",
    output_range=(0.0, 1.0),
    backward_fn=_softmax_backward,
    roles={"output"},
    elementwise=False,
    derivative_text="A_{j}(dA_{j} - Σ_k A_k dA_k)",
    derivative_numbers="{a}×({da} - {a_dot_da:()})",
    function_numbers="exp({z}) / Σ_k exp(Z_k)",
)
SWISH = Activation(
    "swish", lambda Z: Z * _sigmoid(Z), _swish_derivative,
    latex=r"z\,\sigma(z)",
    latex_derivative=r"\left(\sigma(Z^{[L]}) + Z^{[L]}\sigma(Z^{[L]})(1 - \sigma(Z^{[L]}))\right)",
    output_range=(-0.279, np.inf),
    roles={"hidden"},
    derivative_text="σ(Z) + Z σ(Z)(1 - σ(Z))",
    derivative_numbers="{sigma} + {z:()}×{sigma}×(1 - {sigma})",
)

#: Every activation by name, like scikit-learn's ``ACTIVATIONS`` dict; the menus list them
#: in this order. Add one with :func:`register_activation`.
ACTIVATIONS = {a.name: a for a in (SIGMOID, TANH, LINEAR, RELU, LEAKY_RELU, SOFTMAX, SWISH)}
_BUILT_IN = frozenset(ACTIVATIONS)

#: The places an activation can be offered.
ROLES = ("hidden", "output")


def activation_names(role=None) -> tuple:
    """The registered names, in registry order; only those offered as ``role`` if given.

    Parameters
    ----------
    role : {"hidden", "output"}, optional
    """
    if role is not None and role not in ROLES:
        raise ValueError(f"role must be one of {list(ROLES)}; got {role!r}.")
    return tuple(name for name, act in ACTIVATIONS.items() if role is None or role in act.roles)


def get_activation(activation, *, slope=None) -> Activation:
    """Look an activation up by name, or pass an :class:`Activation` through.

    Parameters
    ----------
    activation : str or Activation
        One of ``ACTIVATIONS`` (``"leaky_relu"`` may also be written ``"leaky_relu(0.1)"``).
    slope : float, optional
        Leaky ReLU's slope for ``z <= 0`` (default 0.01).
    """
    if isinstance(activation, Activation):
        return activation
    if not isinstance(activation, str):
        raise TypeError(
            f"An activation must be a name (str) or an Activation; got {type(activation).__name__}. "
            f"Use one of {sorted(ACTIVATIONS)}."
        )
    if activation.startswith("leaky_relu(") and activation.endswith(")"):
        try:
            slope = float(activation[len("leaky_relu("):-1])
        except ValueError:
            raise unsupported_name("activation", activation, ACTIVATIONS) from None
        activation = "leaky_relu"
    if activation not in ACTIVATIONS:
        raise unsupported_name("activation", activation, ACTIVATIONS)
    if activation == "leaky_relu" and slope is not None:
        return _leaky(slope)
    return ACTIVATIONS[activation]


# ------------------------------------------------------------------------- registering
#: Where an added activation's derivative is compared with central differences: away
#: from 0, where a kinked activation (ReLU-like) has no derivative to compare with.
_PROBE_Z = np.array([[-2.5, -1.2, -0.45, 0.3, 0.85, 1.9]])


def _refuse(name, problem, fix):
    return ValueError(f"The activation {name!r} cannot be registered: {problem}. {fix}")


def _check_new_activation(act):
    """Every field the registry's readers rely on, checked once, at registration."""
    if not isinstance(act, Activation):
        raise TypeError(
            f"register_activation takes an Activation; got {type(act).__name__}. Build one with "
            "Activation(name, function, derivative, latex=..., latex_derivative=...)."
        )
    name = act.name
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(
            f"An activation's name must be a plain word such as 'elu' (letters, digits, _); "
            f"got {name!r}."
        )
    if name in ACTIVATIONS:
        raise _refuse(name, "that name is already registered",
                      f"Give it another name, or call unregister_activation({name!r}) first.")
    for field_name in ("function", "derivative"):
        if not callable(getattr(act, field_name)):
            raise _refuse(name, f"its {field_name} is {getattr(act, field_name)!r}, not a function of Z",
                          f"Give {field_name}=lambda Z: ... returning an array shaped like Z.")
    if not act.latex or not act.latex_derivative:
        raise _refuse(name, "it has no LaTeX for g(z) or g'(z)",
                      "Give latex=... and latex_derivative=... (the pairing table shows them).")
    if not act.roles or not set(act.roles) <= set(ROLES):
        raise _refuse(name, f"roles must be a non-empty subset of {list(ROLES)}, got {sorted(act.roles)}",
                      "Use roles={'hidden', 'output'} to offer it everywhere.")
    if not act.elementwise:
        if act.backward_fn is None:
            raise _refuse(name, "a non-element-wise activation needs backward_fn (dZ from dA and Z)",
                          "Give backward_fn=lambda dA, Z: ... .")
        return  # its derivative is a Jacobian: checked by the gradient check, not here
    _check_derivative(act)


def _check_derivative(act):
    """``act.derivative`` against central differences of ``act.function`` (float64)."""
    name, Z, h = act.name, _PROBE_Z, 1e-6
    with np.errstate(all="ignore"):
        A = np.asarray(act.function(Z), dtype=float)
        if A.shape != Z.shape or not np.all(np.isfinite(A)):
            raise _refuse(name, f"function(Z) must give finite values shaped like Z {Z.shape}; got "
                          f"shape {A.shape}", "Write the function element-wise, e.g. with np.where.")
        analytic = np.asarray(act.derivative(Z), dtype=float)
        numeric = (np.asarray(act.function(Z + h), float) - np.asarray(act.function(Z - h), float)) / (2 * h)
    if analytic.shape != Z.shape:
        raise _refuse(name, f"derivative(Z) must be g'(Z) shaped like Z {Z.shape}; got {analytic.shape}",
                      "Return one value per entry of Z.")
    gap = np.abs(analytic - numeric) / np.maximum(1.0, np.abs(numeric))
    if not gap.max() < 1e-6:
        k = int(np.argmax(gap))
        raise _refuse(
            name, f"its derivative disagrees with the function: at z = {Z.flat[k]:g} derivative gives "
            f"{analytic.flat[k]:.8g}, (g(z + h) - g(z - h)) / 2h gives {numeric.flat[k]:.8g}",
            "Check the derivative (and that both use the same g).")
    if act.output_derivative is not None:
        from_A = np.asarray(act.output_derivative(A), dtype=float)
        if from_A.shape != Z.shape or not np.allclose(from_A, analytic, rtol=1e-10, atol=1e-12):
            raise _refuse(name, "output_derivative(A) does not give derivative(Z)",
                          "Fix it, or leave output_derivative out.")


def register_activation(activation: Activation) -> Activation:
    r"""Add an activation to :data:`ACTIVATIONS`, so that every part of the package offers it.

    The model (``hidden=``/``output=``), the gradient check, the pairing table, the
    playground's menus and the trace read the registry, so one entry is enough.

    Parameters
    ----------
    activation : Activation
        With a new ``name``, ``function`` and ``derivative`` (checked here against central
        differences of ``function``), ``latex`` and ``latex_derivative``; give
        ``derivative_text`` (and ``derivative_numbers``) for :func:`dlsnotes.trace.trace`.

    Returns
    -------
    Activation
        The entry, as registered.

    Raises
    ------
    ValueError
        For a name already registered, a missing LaTeX or a derivative that disagrees
        with the function.
    """
    _check_new_activation(activation)
    ACTIVATIONS[activation.name] = activation
    return activation


def unregister_activation(name: str) -> Activation:
    """Remove an activation added with :func:`register_activation`; returns it.

    The built-in ones (:data:`ACTIVATIONS` as shipped) cannot be removed.
    """
    if name in _BUILT_IN:
        raise ValueError(f"{name!r} is built in and stays registered; only activations added with "
                         "register_activation can be removed.")
    if name not in ACTIVATIONS:
        raise ValueError(f"No activation {name!r} is registered; registered ones are "
                         f"{sorted(ACTIVATIONS)}.")
    return ACTIVATIONS.pop(name)


# Course-style names: ``A, cache = relu(Z)`` and ``dZ = relu_backward(dA, cache)``.
sigmoid, sigmoid_backward = SIGMOID, SIGMOID.backward
tanh, tanh_backward = TANH, TANH.backward
relu, relu_backward = RELU, RELU.backward
# The identity's backward is dZ = dA; it is not called linear_backward, which is the
# course's linear_backward(dZ, cache) -> (dA_prev, dW, db) in dlsnotes.model.
linear, identity_backward = LINEAR, LINEAR.backward
softmax, softmax_backward = SOFTMAX, SOFTMAX.backward
swish, swish_backward = SWISH, SWISH.backward


def leaky_relu(Z, slope=0.01):
    """Leaky ReLU forward: ``A = max(slope*Z, Z)``; returns ``(A, cache)``."""
    return _leaky(slope)(Z)


def leaky_relu_backward(dA, cache, slope=0.01):
    """Leaky ReLU backward: ``dZ = dA * (1 if Z > 0 else slope)``."""
    return _leaky(slope).backward(dA, cache)
