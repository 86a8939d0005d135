"""Losses: per-example loss ``L``, cost ``J`` and ``dAL = ∂L/∂A[L]``.

The course keeps three things apart, and so does this module:

* the loss ``L(a, y)`` of **one** example (``loss.loss`` returns one value per column),
* the cost ``J = (1/m) Σ L`` over the training set (``loss.cost``),
* ``dAL = ∂L/∂A[L]`` — the derivative of the **loss**, not of the cost and not of the
  activation: no sum over examples and no ``1/m``. The ``1/m`` enters only in
  ``dW = (1/m) dZ A_prevᵀ`` and ``db``.

Derivations: ``notebooks/02_why_dz_is_a_minus_y.ipynb``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import numpy as np

from ._validation import PairingWarning, unsupported_name
from .activations import Activation, get_activation

__all__ = ["Loss", "LOSSES", "get_loss", "Pairing", "pairing", "CANONICAL_PAIRS",
           "check_pairing", "output_delta"]

# log(0) is avoided by clipping probabilities; 1e-15 keeps ``L`` finite (at most ~34.5)
# while changing nothing for outputs a trained net produces.
_EPS = 1e-15
# 1 - 1e-15 rounds to 1.0 in float32, which would let log(1 - a) be log(0): there the clip
# stops at the largest float32 below 1 instead (L at most ~16.6).
_BCE_UPPER = {np.dtype(np.float32): np.nextafter(np.float32(1), np.float32(0))}


def _bce_loss(A, Y):
    upper = _BCE_UPPER.get(A.dtype, 1 - _EPS)
    A = np.minimum(np.maximum(A, _EPS), upper)  # np.clip, without its Python overhead
    # -(y log a + (1 - y) log(1 - a)), with the minus folded into (y - 1): one pass fewer,
    # the same bits (negation is exact)
    return (Y - 1) * np.log(1 - A) - Y * np.log(A)


def _bce_dA(A, Y):
    # Each term only where its label weight is non-zero, so a saturated output (A == 1.0
    # with y == 1) gives the true -1 instead of 0/0 = NaN; elsewhere -(Y/A) + (1-Y)/(1-A).
    pos = np.divide(Y, A, out=np.zeros(np.broadcast(A, Y).shape, np.result_type(A, Y)), where=Y != 0)
    neg = np.divide(1 - Y, 1 - A, out=np.zeros_like(pos), where=Y != 1)
    return neg - pos


def _cce_dA(A, Y):
    return -np.divide(Y, A, out=np.zeros(np.broadcast(A, Y).shape, np.result_type(A, Y)), where=Y != 0)


def _cce_loss(A, Y):
    return -np.sum(Y * np.log(np.clip(A, _EPS, 1.0)), axis=0, keepdims=True)


@dataclass(frozen=True)
class Loss:
    """A loss function ``L(A, Y)`` with ``dAL``.

    Parameters
    ----------
    name : str
    per_example : callable, ``(n_y, m), (n_y, m) -> (n_y, m) or (1, m)``
        Element-wise loss; rows are summed to get one value per example.
    dA : callable, ``(n_y, m), (n_y, m) -> (n_y, m)``
        ``∂L/∂A``.
    latex, latex_dA : str
        ``L`` and ``∂L/∂A`` as LaTeX.
    """

    name: str
    per_example: Callable = field(repr=False)
    dA: Callable = field(repr=False)
    latex: str = field(repr=False, default="")
    latex_dA: str = field(repr=False, default="")
    needs_probabilities: bool = field(repr=False, default=False)

    def loss(self, AL, Y):
        r"""Loss of each example, shape ``(1, m)``.

        .. math:: L^{(i)} = \sum_k \ell(a_k^{(i)}, y_k^{(i)})
        """
        L = self.per_example(AL, Y)
        return L if L.shape[0] == 1 else L.sum(axis=0, keepdims=True)

    def cost(self, AL, Y) -> float:
        r"""Cost ``J``: the mean loss over the ``m`` examples (columns).

        .. math:: J = \frac{1}{m}\sum_{i=1}^{m} L^{(i)}
        """
        L = self.loss(AL, Y)
        return float(np.add.reduce(L, axis=None)) / L.shape[1]  # L.sum() without its wrapper

    def dAL(self, AL, Y):
        """``∂L/∂A[L]``, shape ``(n_y, m)``: one column per example, no ``1/m``."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.dA(AL, Y)


BCE = Loss(
    "bce", _bce_loss, _bce_dA,
    latex=r"L = -\left(y\log a + (1 - y)\log(1 - a)\right)",
    latex_dA=r"\left(-\frac{Y}{A^{[L]}} + \frac{1 - Y}{1 - A^{[L]}}\right)",
    needs_probabilities=True,
)
MSE = Loss(
    "mse", lambda A, Y: 0.5 * (A - Y) ** 2, lambda A, Y: A - Y,
    latex=r"L = \tfrac{1}{2}(a - y)^2",
    latex_dA=r"\left(A^{[L]} - Y\right)",
)
CCE = Loss(
    "cce", _cce_loss, _cce_dA,
    latex=r"L = -\sum_k y_k \log a_k",
    latex_dA=r"\left(-\frac{Y}{A^{[L]}}\right)",
    needs_probabilities=True,
)

#: Every loss by name.
LOSSES = {loss.name: loss for loss in (BCE, MSE, CCE)}

# Output activation / loss pairs whose product dL/dA * g'(Z) simplifies to A - Y:
#   sigmoid + bce:  (a - y) / (a(1 - a)) * a(1 - a)        = a - y
#   linear  + mse:  (a - y) * 1                             = a - y
#   softmax + cce:  J_softmax^T (-y / a) = a * sum(y) - y   = a - y  (y one-hot)
# For these the fused form is used: it is exact and stays finite when the output
# saturates (a == 1.0 in float64 would make -y/a + (1-y)/(1-a) infinite).
# Every other pair (sigmoid + mse, relu + mse, ...) keeps the factor g'(Z).
CANONICAL_PAIRS = frozenset({("sigmoid", "bce"), ("linear", "mse"), ("softmax", "cce")})


def get_loss(loss) -> Loss:
    """Look a loss up by name, or pass a :class:`Loss` through."""
    if isinstance(loss, Loss):
        return loss
    if not isinstance(loss, str):
        raise TypeError(
            f"A loss must be a name (str) or a Loss; got {type(loss).__name__}. "
            f"Use one of {sorted(LOSSES)}."
        )
    if loss not in LOSSES:
        raise unsupported_name("loss", loss, LOSSES)
    return LOSSES[loss]


class Pairing(NamedTuple):
    """What happens to ``dZ[L]`` for one output activation and loss."""

    output: str
    loss: str
    cancels: bool
    dZL_latex: str
    problem: str | None

    def _repr_markdown_(self):
        verdict = "cancels: $dZ^{[L]} = A^{[L]} - Y$" if self.cancels else "keeps $g'(Z^{[L]})$"
        text = f"**{self.output} + {self.loss}** {verdict}\n\n$$dZ^{{[L]}} = {self.dZL_latex}$$"
        return text + (f"\n\n⚠ {self.problem}" if self.problem else "")


def _interval(lo: float, hi: float) -> str:
    left = "(-∞" if np.isneginf(lo) else f"[{lo:g}"
    right = "∞)" if np.isposinf(hi) else f"{hi:g}]"
    return f"{left}, {right}"


def _pairing_problem(act: Activation, loss: Loss, n_out: int | None) -> str | None:
    lo, hi = act.output_range
    if loss.needs_probabilities and (lo < 0 or hi > 1):
        fix = "output='sigmoid'" if loss.name == "bce" else "output='softmax'"
        return (
            f"{loss.name} takes log(a) and needs outputs in (0, 1), but the '{act.name}' output "
            f"can produce values outside (0, 1) (range {_interval(lo, hi)}), so the cost can be "
            f"undefined. Use {fix}, or loss='mse' for a regression target."
        )
    if act.name == "softmax" and n_out == 1:
        return (
            "softmax over a single output unit is always 1, so nothing can be learned. "
            "Use output='sigmoid' with loss='bce' for two classes, or give the output layer "
            "one unit per class."
        )
    if loss.name == "cce" and act.name != "softmax":
        return (
            f"cce expects the output units to be a probability distribution (columns summing to 1); "
            f"'{act.name}' does not make one. Use output='softmax'."
        )
    return None


def pairing(output, loss, n_out: int | None = None) -> Pairing:
    """Whether ``f'(z)`` cancels for this pair and the symbolic ``dZ[L]``.

    Parameters
    ----------
    output : str or Activation
        Output activation.
    loss : str or Loss
    n_out : int, optional
        Number of output units (to flag softmax over one unit).

    Returns
    -------
    Pairing
        ``cancels``, the LaTeX of ``dZ[L]`` and a ``problem`` text or ``None``.
    """
    act, lss = get_activation(output), get_loss(loss)
    cancels = (act.name, lss.name) in CANONICAL_PAIRS
    if cancels:
        latex = r"A^{[L]} - Y"
    elif act.name == "linear":
        latex = lss.latex_dA
    elif act.name == "softmax":
        latex = r"A^{[L]} \odot \left(dA^{[L]} - \mathbf{1}\mathbf{1}^\top (A^{[L]} \odot dA^{[L]})\right),\ dA^{[L]} = " + lss.latex_dA
    else:
        latex = lss.latex_dA + r" \odot " + act.latex_derivative
    return Pairing(act.name, lss.name, cancels, latex, _pairing_problem(act, lss, n_out))


def check_pairing(output, loss, n_out: int | None = None) -> Pairing:
    """Like :func:`pairing`, but issue a :class:`PairingWarning` when the pair cannot work."""
    info = pairing(output, loss, n_out)
    if info.problem:
        warnings.warn(info.problem, PairingWarning, stacklevel=3)
    return info


def output_delta(AL, Y, ZL, output, loss, fused: bool | None = None):
    r"""``dZ[L]`` for the output layer, shape ``(n_y, m)``.

    .. math:: dZ^{[L]} = \frac{\partial L}{\partial A^{[L]}} \odot g'(Z^{[L]})
              \quad (= A^{[L]} - Y \text{ for the canonical pairs})

    ``fused=None`` uses the short form exactly for :data:`CANONICAL_PAIRS`;
    ``fused=False`` forces the general path (to compare the two).
    """
    act, lss = get_activation(output), get_loss(loss)
    if fused is None:
        fused = (act.name, lss.name) in CANONICAL_PAIRS
    elif fused and (act.name, lss.name) not in CANONICAL_PAIRS:
        raise ValueError(
            f"dZ[L] = A[L] - Y holds only for {sorted(CANONICAL_PAIRS)}; "
            f"got ({act.name!r}, {lss.name!r}). Use fused=None."
        )
    if fused:
        return AL - Y
    with np.errstate(invalid="ignore", over="ignore"):
        return act.backward(lss.dAL(AL, Y), ZL)
