"""Activation functions, each carrying its own local derivative.

Every activation works column-wise on ``Z`` of shape ``(n_l, m)`` and offers, in the
course's style,

* ``A, cache = act(Z)`` — the forward pass; ``cache`` is ``Z`` (the course's
  ``activation_cache``),
* ``dZ = act.backward(dA, cache)`` — the chain-rule step ``dZ = dA * g'(Z)``
  (for softmax, the Jacobian-vector product),
* ``act.derivative(Z)`` — the plain derivative ``g'(Z)``.

The module-level functions ``relu``, ``relu_backward``, ``sigmoid_backward``, ... are
the same operations under the names a learner knows from the course notebooks.
Derivations: ``notebooks/02_why_dz_is_a_minus_y.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.special import expit

from ._validation import unsupported_name

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get_activation",
    "sigmoid", "sigmoid_backward",
    "tanh", "tanh_backward",
    "relu", "relu_backward",
    "leaky_relu", "leaky_relu_backward",
    "linear", "linear_backward",
    "softmax", "softmax_backward",
    "swish", "swish_backward",
]


def _sigmoid(Z):
    # expit never overflows and keeps full relative precision in both tails.
    return expit(Z)


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _elementwise_backward(derivative):
    def backward(dA, cache):
        return dA * derivative(cache)
    return backward


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
    function_into : callable, optional
        ``function_into(Z, out)`` writes ``g(Z)`` into the preallocated ``out`` (training
        loop: no fresh ``(n, m)`` array per step).
    output_backward_into : callable, optional
        ``output_backward_into(dA, A)`` turns ``dA`` into ``dZ = dA * g'(Z)`` in place,
        computing ``g'`` from ``A`` and using ``A``'s memory as scratch (``A`` is lost).
        The training loop calls it once ``A`` has served for ``dW`` of the next layer.
    """

    name: str
    function: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    derivative: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    latex: str = field(repr=False, default="")
    latex_derivative: str = field(repr=False, default="")
    output_range: tuple = field(repr=False, default=(-np.inf, np.inf))
    backward_fn: Callable | None = field(repr=False, default=None)
    output_derivative: Callable | None = field(repr=False, default=None)
    function_into: Callable | None = field(repr=False, default=None)
    output_backward_into: Callable | None = field(repr=False, default=None)

    def __call__(self, Z):
        """Forward pass: ``A = g(Z)``; returns ``(A, cache)`` with ``cache = Z``."""
        return self.function(Z), Z

    def backward(self, dA, cache):
        """``dZ = dA * g'(Z)`` with ``Z = cache``; shape ``(n, m)``."""
        if self.backward_fn is not None:
            return self.backward_fn(dA, cache)
        return dA * self.derivative(cache)


# In-place kernels for the training loop (same arithmetic, in the same order, as the
# allocating lambdas below, so the results are bit-for-bit the same).
def _tanh_into(Z, out):
    return np.tanh(Z, out=out)


def _tanh_dZ_into(dA, A):
    np.multiply(A, A, out=A)  # A**2
    np.subtract(1.0, A, out=A)  # g'(Z) = 1 - A**2
    return np.multiply(dA, A, out=dA)


def _relu_into(Z, out):
    return np.maximum(Z, 0.0, out=out)


def _relu_dZ_into(dA, A):
    np.greater(A, 0.0, out=A)  # 1{A > 0} = 1{Z > 0}, written as 1.0/0.0 over A
    return np.multiply(dA, A, out=dA)


def _leaky_kernels(slope):
    def into(Z, out):
        np.multiply(Z, slope, out=out)
        return np.maximum(Z, out, out=out)

    def dZ_into(dA, A):
        np.greater(A, 0.0, out=A)  # 1.0 where A > 0 (that is, Z > 0), else 0.0 ...
        np.maximum(A, slope, out=A)  # ... and slope instead of 0.0
        return np.multiply(dA, A, out=dA)

    return into, dZ_into


def _real(Z):
    """The float dtype of a derivative of ``Z``: float32 stays float32, the rest float64."""
    return np.result_type(Z.dtype, np.float32)


def _leaky(slope: float) -> Activation:
    if not isinstance(slope, (int, float)) or isinstance(slope, bool) or not 0 <= slope < 1:
        raise ValueError(
            f"The Leaky ReLU slope must be a number in [0, 1); got {slope!r}. "
            "Typical values are 0.01 to 0.2."
        )
    slope = float(slope)
    into, dZ_into = _leaky_kernels(slope)
    return Activation(
        name="leaky_relu" if slope == 0.01 else f"leaky_relu({slope:g})",
        # max(z, slope*z) is Leaky ReLU because 0 <= slope < 1.
        function=lambda Z: np.maximum(Z, slope * Z),
        derivative=lambda Z: np.where(Z > 0, 1.0, slope).astype(_real(Z), copy=False),
        output_derivative=lambda A: np.where(A > 0, 1.0, slope).astype(_real(A), copy=False),
        function_into=into,
        output_backward_into=dZ_into,
        latex=rf"\max({slope:g}\,z,\ z)",
        latex_derivative=rf"\begin{{cases}}1 & Z^{{[L]}} > 0\\ {slope:g} & Z^{{[L]}} \le 0\end{{cases}}",
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
    function_into=lambda Z, out: expit(Z, out=out),
)
TANH = Activation(
    "tanh", np.tanh, lambda Z: 1.0 - np.tanh(Z) ** 2,
    latex=r"\tanh(z)",
    latex_derivative=r"\left(1 - (A^{[L]})^2\right)",
    output_range=(-1.0, 1.0),
    output_derivative=lambda A: 1.0 - A * A,
    function_into=_tanh_into,
    output_backward_into=_tanh_dZ_into,
)
RELU = Activation(
    "relu", lambda Z: np.maximum(Z, 0.0), lambda Z: (Z > 0).astype(_real(Z)),
    latex=r"\max(0, z)",
    latex_derivative=r"\mathbb{1}\{Z^{[L]} > 0\}",
    output_range=(0.0, np.inf),
    output_derivative=lambda A: (A > 0).astype(_real(A)),
    function_into=_relu_into,
    output_backward_into=_relu_dZ_into,
)
LEAKY_RELU = _leaky(0.01)
LINEAR = Activation(
    "linear", lambda Z: Z, np.ones_like,
    latex="z", latex_derivative="1",
    backward_fn=lambda dA, cache: dA,
    output_derivative=np.ones_like,
)
SOFTMAX = Activation(
    "softmax", _softmax, _softmax_jacobian,
    latex=r"\frac{e^{z_i}}{\sum_j e^{z_j}}",
    latex_derivative=r"\left(\operatorname{diag}(A^{[L]}) - A^{[L]}A^{[L]\top}\right)",
    output_range=(0.0, 1.0),
    backward_fn=_softmax_backward,
)
SWISH = Activation(
    "swish", lambda Z: Z * _sigmoid(Z), _swish_derivative,
    latex=r"z\,\sigma(z)",
    latex_derivative=r"\left(\sigma(Z^{[L]}) + Z^{[L]}\sigma(Z^{[L]})(1 - \sigma(Z^{[L]}))\right)",
    output_range=(-0.279, np.inf),
)

#: Every activation by name, like scikit-learn's ``ACTIVATIONS`` dict.
ACTIVATIONS = {a.name: a for a in (SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR, SOFTMAX, SWISH)}


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


# Course-style names: ``A, cache = relu(Z)`` and ``dZ = relu_backward(dA, cache)``.
sigmoid, sigmoid_backward = SIGMOID, SIGMOID.backward
tanh, tanh_backward = TANH, TANH.backward
relu, relu_backward = RELU, RELU.backward
linear, linear_backward = LINEAR, LINEAR.backward
softmax, softmax_backward = SOFTMAX, SOFTMAX.backward
swish, swish_backward = SWISH, SWISH.backward


def leaky_relu(Z, slope=0.01):
    """Leaky ReLU forward: ``A = max(slope*Z, Z)``; returns ``(A, cache)``."""
    return _leaky(slope)(Z)


def leaky_relu_backward(dA, cache, slope=0.01):
    """Leaky ReLU backward: ``dZ = dA * (1 if Z > 0 else slope)``."""
    return _leaky(slope).backward(dA, cache)
