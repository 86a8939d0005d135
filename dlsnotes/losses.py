"""Losses: per-example loss ``L``, cost ``J`` and ``dAL = ∂L/∂A[L]``.

The course keeps three things apart, and so does this module:

* the loss ``L(a, y)`` of **one** example (``loss.loss`` returns one value per column),
* the cost ``J = (1/m) Σ L`` over the training set (``loss.cost``),
* ``dAL = ∂L/∂A[L]`` — the derivative of the **loss**, not of the cost and not of the
  activation: no sum over examples and no ``1/m``. The ``1/m`` enters only in
  ``dW = (1/m) dZ A_prevᵀ`` and ``db``.

Derivations: ``notebooks/02_why_dz_is_a_minus_y.ipynb``.

:data:`LOSSES` is the registry the model, the trace, the playground's menu and the
pairing table read; :func:`register_loss` adds an entry.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import numpy as np

from ._validation import PairingWarning, unsupported_name
from .activations import Activation, get_activation

__all__ = ["Loss", "LOSSES", "get_loss", "loss_names", "register_loss", "unregister_loss",
           "Pairing", "pairing", "CANONICAL_PAIRS", "check_pairing", "output_delta"]

# log(0) is avoided by clipping probabilities; 1e-15 keeps ``L`` finite (at most ~34.5)
# while changing nothing for outputs a trained net produces.
_EPS = 1e-15
# 1 - 1e-15 rounds to 1.0 in float32, which would let log(1 - a) be log(0): there the clip
# stops at the largest float32 below 1 instead (L at most ~16.6).
_BCE_UPPER = {np.dtype(np.float32): np.nextafter(np.float32(1), np.float32(0))}


def _bce_loss(A, Y):
    upper = _BCE_UPPER.get(A.dtype, 1 - _EPS)
    A = np.minimum(np.maximum(A, _EPS), upper)  # np.clip, without its Python overhead
    return -(Y * np.log(A) + (1 - Y) * np.log(1 - A))


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
    needs_probabilities : bool
        Takes ``log(a)``: only outputs in (0, 1) and targets in [0, 1] make sense.
    label : str, optional
        The name a menu shows; defaults to ``name``.
    formula, dA_text : str, optional
        The loss of one output unit and its ``∂L/∂a`` in plain text (``"½(A - Y)²"``,
        ``"A - Y"``), what :func:`dlsnotes.trace.trace` prints. Without them the trace
        refuses the loss.
    formula_numbers, dA_numbers : str, optional
        The same with the numbers put in: :meth:`str.format` templates over ``{a}``,
        ``{y}``, ``{one_minus_a}`` and ``{one_minus_y}`` (``{a:()}`` brackets a negative
        number). Default: ``L({a}, {y})`` and ``∂L/∂a({a}, {y})``.
    """

    name: str
    per_example: Callable = field(repr=False)
    dA: Callable = field(repr=False)
    latex: str = field(repr=False, default="")
    latex_dA: str = field(repr=False, default="")
    needs_probabilities: bool = field(repr=False, default=False)
    label: str = field(repr=False, default="")
    formula: str = field(repr=False, default="")
    formula_numbers: str = field(repr=False, default="")
    dA_text: str = field(repr=False, default="")
    dA_numbers: str = field(repr=False, default="")

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", self.name)

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
    label="BCE (binary cross-entropy)",
    formula="-(Y log(A) + (1 - Y) log(1 - A))",
    formula_numbers="-({y}×log({a}) + {one_minus_y}×log({one_minus_a}))",
    dA_text="-Y/A + (1-Y)/(1-A)",
    dA_numbers="-{y}/{a} + {one_minus_y}/{one_minus_a}",
)
MSE = Loss(
    "mse", lambda A, Y: 0.5 * (A - Y) ** 2, lambda A, Y: A - Y,
    latex=r"L = \tfrac{1}{2}(a - y)^2",
    latex_dA=r"\left(A^{[L]} - Y\right)",
    label="MSE (½ squared error)",
    formula="½(A - Y)²",
    formula_numbers="½({a} - {y})²",
    dA_text="A - Y",
    dA_numbers="{a} - {y}",
)
CCE = Loss(
    "cce", _cce_loss, _cce_dA,
    latex=r"L = -\sum_k y_k \log a_k",
    latex_dA=r"\left(-\frac{Y}{A^{[L]}}\right)",
    needs_probabilities=True,
    label="CCE (categorical cross-entropy)",
    formula="-Y log(A)",
    formula_numbers="-{y}×log({a})",
    dA_text="-Y/A",
    dA_numbers="-{y}/{a}",
)

#: Every loss by name, in the order the menus list them. Add one with :func:`register_loss`.
LOSSES = {loss.name: loss for loss in (BCE, MSE, CCE)}
_BUILT_IN = frozenset(LOSSES)


def loss_names() -> tuple:
    """The registered loss names, in registry order (what the playground's menu offers)."""
    return tuple(LOSSES)

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


# ------------------------------------------------------------------------- registering
def _refuse(name, problem, fix):
    return ValueError(f"The loss {name!r} cannot be registered: {problem}. {fix}")


def _check_new_loss(loss):
    """Every field the registry's readers rely on, checked once, at registration."""
    if not isinstance(loss, Loss):
        raise TypeError(f"register_loss takes a Loss; got {type(loss).__name__}. Build one with "
                        "Loss(name, per_example, dA, latex=..., latex_dA=...).")
    name = loss.name
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"A loss's name must be a plain word such as 'huber' (letters, digits, _); "
                         f"got {name!r}.")
    if name in LOSSES:
        raise _refuse(name, "that name is already registered",
                      f"Give it another name, or call unregister_loss({name!r}) first.")
    for field_name, args in (("per_example", "A, Y"), ("dA", "A, Y")):
        if not callable(getattr(loss, field_name)):
            raise _refuse(name, f"its {field_name} is {getattr(loss, field_name)!r}, not a function",
                          f"Give {field_name}=lambda {args}: ... returning an array shaped like A.")
    if not loss.latex or not loss.latex_dA:
        raise _refuse(name, "it has no LaTeX for L or ∂L/∂A",
                      "Give latex=... and latex_dA=... (the pairing table shows them).")
    _check_dA(loss)


def _check_dA(loss):
    """``loss.dA`` against central differences of the per-example loss (float64)."""
    rng = np.random.default_rng(0)
    A = rng.uniform(0.1, 0.9, (2, 4))  # inside (0, 1): defined for the probability losses too
    Y = np.array([[1.0, 0.0, 0.25, 0.6], [0.0, 1.0, 0.75, 0.4]])
    h = 1e-6
    with np.errstate(all="ignore"):
        L = np.asarray(loss.loss(A, Y), dtype=float)
        if L.shape != (1, A.shape[1]) or not np.all(np.isfinite(L)):
            raise _refuse(loss.name, f"per_example(A, Y) must give finite values, one row per unit "
                          f"or one per example; got shape {np.shape(loss.per_example(A, Y))}",
                          "Write it element-wise, e.g. 0.5 * (A - Y) ** 2.")
        analytic = np.asarray(loss.dAL(A, Y), dtype=float)
        numeric = np.zeros_like(A)
        for idx in np.ndindex(A.shape):
            step = np.zeros_like(A)
            step[idx] = h
            numeric[idx] = (loss.loss(A + step, Y)[0, idx[1]] - loss.loss(A - step, Y)[0, idx[1]]) / (2 * h)
    if analytic.shape != A.shape:
        raise _refuse(loss.name, f"dA(A, Y) must be shaped like A {A.shape}; got {analytic.shape}",
                      "Return ∂L/∂a for every output unit and example, without the 1/m.")
    gap = np.abs(analytic - numeric) / np.maximum(1.0, np.abs(numeric))
    if not gap.max() < 1e-6:
        idx = np.unravel_index(int(np.argmax(gap)), A.shape)
        raise _refuse(loss.name, f"its dA disagrees with the loss: at a = {A[idx]:.3g}, y = {Y[idx]:g} "
                      f"dA gives {analytic[idx]:.8g}, central differences of the loss give "
                      f"{numeric[idx]:.8g}", "Check dA (∂L/∂a of one example: no sum, no 1/m).")


def register_loss(loss: Loss) -> Loss:
    r"""Add a loss to :data:`LOSSES`, so that every part of the package offers it.

    Parameters
    ----------
    loss : Loss
        With a new ``name``, ``per_example`` and ``dA`` (checked here against central
        differences of the loss), ``latex`` and ``latex_dA``; give ``formula`` and
        ``dA_text`` (and their ``*_numbers`` templates) for :func:`dlsnotes.trace.trace`.

    Returns
    -------
    Loss

    Raises
    ------
    ValueError
        For a name already registered, a missing LaTeX or a ``dA`` that disagrees with
        the loss.
    """
    _check_new_loss(loss)
    LOSSES[loss.name] = loss
    return loss


def unregister_loss(name: str) -> Loss:
    """Remove a loss added with :func:`register_loss`; returns it. Built-in ones stay."""
    if name in _BUILT_IN:
        raise ValueError(f"{name!r} is built in and stays registered; only losses added with "
                         "register_loss can be removed.")
    if name not in LOSSES:
        raise ValueError(f"No loss {name!r} is registered; registered ones are {sorted(LOSSES)}.")
    return LOSSES.pop(name)


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
    elif act.latex_derivative == "1":  # the identity: g' = 1 leaves dL/dA alone
        latex = lss.latex_dA
    elif not act.elementwise:  # softmax: the Jacobian-vector product
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
