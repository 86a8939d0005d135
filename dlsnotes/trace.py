r"""Backprop with numbers: every value and every chain-rule factor of a small network.

:func:`trace` pushes one example (or a few) through a network of a few units per layer
and records, scalar by scalar and in course notation, every forward quantity (``Z[l]``,
``A[l]``, the loss) and every backward one (``dA[l]``, ``g'(Z[l])``, ``dZ[l]``, ``dW[l]``,
``db[l]``), each with the product or sum that gives it and the numbers put in.

It is computed here with plain Python loops over units and examples, deliberately apart
from :mod:`dlsnotes.model`, so that the two check each other (``tests/test_trace.py``
compares them to 1e-12 for every activation and loss). Worked through in
``notebooks/08_backprop_with_numbers.ipynb``.

What it writes for an activation or a loss comes from its registry entry: the rule
(``Activation.derivative_text``, ``Loss.formula`` and ``Loss.dA_text``), the same rule
with numbers (``derivative_numbers``, ``formula_numbers``, ``dA_numbers``) and the value
(``derivative``, ``per_example``, ``dA``). An entry without the rule is refused with a
``ValueError``: the trace never writes one activation's or loss's numbers as another's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validation import check_X, check_learning_rate
from .activations import ACTIVATIONS, Activation, get_activation
from .losses import CANONICAL_PAIRS, LOSSES, Loss, get_loss, pairing

__all__ = ["Entry", "Trace", "trace", "trace_problem", "traceable_activations", "traceable_losses"]

#: Networks larger than this are for the vectorised code, not for reading value by value.
MAX_UNITS, MAX_LAYERS, MAX_EXAMPLES = 6, 4, 8


@dataclass(frozen=True)
class Entry:
    """One scalar of the trace.

    ``name`` is the scalar in course notation (``dZ[2]_1`` is unit 1 of layer 2; an
    example index ``(i)`` follows when there are several), ``formula`` the rule that
    gives it, ``numbers`` the same rule with the values put in.
    """

    phase: str  #: "forward", "backward" or "update"
    quantity: str  #: "Z", "A", "L", "dA", "g'", "dZ", "dW", "db", "W", "b"
    layer: int
    index: tuple  #: (unit, example), (unit, input) for weights, (unit,) for biases
    value: float
    name: str
    formula: str
    numbers: str
    latex: str = field(repr=False, default="")

    def __str__(self):
        return f"{self.name} = {self.formula} = {self.numbers} = {_num(self.value)}"


def _num(x, digits=6):
    return f"{x + 0.0:.{digits}g}"  # + 0.0 turns -0.0 into 0.0


def _sum(terms):
    """``a + b - c`` from numbers, keeping the sign readable."""
    text = ""
    for k, t in enumerate(terms):
        if k == 0:
            text = t
        elif t.startswith("-"):
            text += f" - {t[1:]}"
        else:
            text += f" + {t}"
    return text


def _factor(x):
    s = _num(x)
    return f"({s})" if x < 0 else s


class _Number(float):
    """A value for a registry template: ``{a}`` prints it as the trace does, ``{a:()}``
    in brackets when negative (``1 - (-0.3)²``)."""

    def __format__(self, spec):
        return _factor(self) if spec == "()" else _num(self)


def _fill(template, **values):
    """``template`` with the numbers put in (see ``Activation.derivative_numbers``)."""
    return template.format(**{k: _Number(v) if isinstance(v, (float, int, np.floating)) else v
                              for k, v in values.items()})


# The placeholders each kind of template may use, with sample values to try it on.
_ELEMENTWISE_FIELDS = dict(z=0.5, a=0.5, sigma=0.5, z_vs_0="> 0")
_VECTOR_FIELDS = dict(j=1, z=0.5, a=0.5, da=0.5, a_dot_da=0.5)
_LOSS_FIELDS = dict(a=0.5, y=0.5, one_minus_a=0.5, one_minus_y=0.5)


def _template_problem(kind, name, field_name, template, fields):
    try:
        _fill(template, **fields)
    except (KeyError, IndexError, ValueError) as err:
        return (f"The trace cannot express the {kind} {name!r}: its {field_name} {template!r} does not "
                f"fill in ({type(err).__name__}: {err}). It may use "
                f"{', '.join('{' + f + '}' for f in fields)}.")
    return None


def trace_problem(entry) -> str | None:
    """Why :func:`trace` cannot write ``entry`` (an Activation or a Loss) out, or ``None``.

    An activation needs ``derivative_text``, a loss ``formula`` and ``dA_text``; their
    ``*_numbers`` templates, when given, must fill in.
    """
    if isinstance(entry, Activation):
        kind, kinds, name, known = "activation", "Activations", entry.name, traceable_activations()
        needed = [("derivative_text", "g'(Z) in plain text, e.g. \"A(1 - A)\"")]
        fields = _ELEMENTWISE_FIELDS if entry.elementwise else _VECTOR_FIELDS
        templates = [("derivative_numbers", entry.derivative_numbers, fields),
                     ("function_numbers", entry.function_numbers, fields)]
    elif isinstance(entry, Loss):
        kind, kinds, name, known = "loss", "Losses", entry.name, traceable_losses()
        needed = [("formula", "the loss of one unit in plain text, e.g. \"½(A - Y)²\""),
                  ("dA_text", "∂L/∂a in plain text, e.g. \"A - Y\"")]
        templates = [("formula_numbers", entry.formula_numbers, _LOSS_FIELDS),
                     ("dA_numbers", entry.dA_numbers, _LOSS_FIELDS)]
    else:
        raise TypeError(f"trace_problem takes an Activation or a Loss; got {type(entry).__name__}.")
    missing = [(f, what) for f, what in needed if not getattr(entry, f)]
    if missing:
        fields = " and ".join(f for f, _ in missing)
        how = ", ".join(f"{f}=... ({what})" for f, what in missing)
        return (f"The trace cannot express the {kind} {name!r}: it has no {fields}. "
                f"{kinds} it can trace are {list(known)}. Give it {how} to trace it.")
    if isinstance(entry, Activation) and not entry.elementwise:
        templates.append(("derivative_text", entry.derivative_text, {"j": 1}))
    for field_name, template, fields in templates:
        problem = template and _template_problem(kind, name, field_name, template, fields)
        if problem:
            return problem
    return None


def traceable_activations() -> tuple:
    """The names in :data:`~dlsnotes.activations.ACTIVATIONS` the trace can write out."""
    return tuple(n for n, a in ACTIVATIONS.items() if a.derivative_text)


def traceable_losses() -> tuple:
    """The names in :data:`~dlsnotes.losses.LOSSES` the trace can write out."""
    return tuple(n for n, loss in LOSSES.items() if loss.formula and loss.dA_text)


def _one(fn, *values):
    """``fn`` of 1×1 arrays, as a float: a registry function applied to one scalar."""
    return float(np.asarray(fn(*(np.array([[v]], dtype=float) for v in values)))[0, 0])


class Trace:
    """The values of one forward and backward pass; see :func:`trace`."""

    def __init__(self, X, Y, parameters, activations, loss, learning_rate):
        self.X, self.Y = X, Y
        self.parameters = parameters
        self.activations = activations
        self.loss = loss
        self.learning_rate = learning_rate
        self.L = len(activations)
        self.m = X.shape[1]
        self.values: dict[str, np.ndarray] = {"A0": X}
        self.entries: list[Entry] = []
        self._forward()
        self._backward()
        if learning_rate is not None:
            self._update()

    # -- names ---------------------------------------------------------------------------
    def _ex(self, i):
        return f"({i + 1})" if self.m > 1 else ""

    def _name(self, q, l, j, i=None, k=None):
        sub = f"{j + 1}" if k is None else f"{j + 1}{k + 1}"
        return f"{q}[{l}]_{sub}" + ("" if i is None else self._ex(i))

    def _add(self, phase, q, l, index, value, name, formula, numbers, latex=""):
        self.entries.append(Entry(phase, q, l, index, float(value), name, formula, numbers, latex))
        return float(value)

    # -- forward -------------------------------------------------------------------------
    def _forward(self):
        for l, act in enumerate(self.activations, start=1):
            W, b, A_prev = self.parameters[f"W{l}"], self.parameters[f"b{l}"], self.values[f"A{l-1}"]
            n, n_prev = W.shape
            Z, A = np.zeros((n, self.m)), np.zeros((n, self.m))
            for i in range(self.m):
                for j in range(n):
                    Z[j, i] = self._linear_entry(l, j, i, W, b, A_prev)
                for j in range(n):
                    A[j, i] = self._activation_entry(l, j, i, act, Z[:, i])
            self.values[f"Z{l}"], self.values[f"A{l}"] = Z, A
        self._loss_entries()

    def _linear_entry(self, l, j, i, W, b, A_prev):
        prev = "X" if l == 1 else f"A[{l - 1}]"
        terms = [f"{_num(W[j, k])}×{_factor(A_prev[k, i])}" for k in range(W.shape[1])]
        value = sum(W[j, k] * A_prev[k, i] for k in range(W.shape[1])) + b[j, 0]
        return self._add(
            "forward", "Z", l, (j, i), value, self._name("Z", l, j, i),
            f"Σ_k W[{l}]_{j + 1}k {prev}_k + b[{l}]_{j + 1}", _sum(terms + [_num(b[j, 0])]),
            rf"Z^{{[{l}]}}_{{{j + 1}}} = \sum_k W^{{[{l}]}}_{{{j + 1}k}} A^{{[{l - 1}]}}_k + b^{{[{l}]}}_{{{j + 1}}}",
        )

    def _activation_entry(self, l, j, i, act, z):
        name = self._name("A", l, j, i)
        template = act.function_numbers or act.name + "({z})"
        if not act.elementwise:  # softmax: unit j depends on the whole column
            value = act.function(z[:, None])[j, 0]
            numbers = _fill(template, j=j + 1, z=z[j], a=value, da=0.0, a_dot_da=0.0)
            return self._add("forward", "A", l, (j, i), value, name, f"{act.name}(Z[{l}])_{j + 1}",
                             numbers, rf"A^{{[{l}]}}_{{{j + 1}}} = \mathrm{{{act.name}}}")
        value = _one(act.function, z[j])
        numbers = _fill(template, z=z[j], a=value, sigma=_sigmoid(z[j]), z_vs_0=_vs_0(z[j]))
        return self._add("forward", "A", l, (j, i), value, name, f"{act.name}(Z[{l}]_{j + 1})",
                         numbers, rf"A^{{[{l}]}}_{{{j + 1}}} = g(Z^{{[{l}]}}_{{{j + 1}}})")

    def _loss_entries(self):
        AL, L = self.values[f"A{self.L}"], self.L
        per_example = np.zeros((1, self.m))
        for i in range(self.m):
            terms, total = [], 0.0
            for j in range(AL.shape[0]):
                a, y = AL[j, i], self.Y[j, i]
                text, value = self._loss_term(a, y)
                terms.append(text)
                total += value
            per_example[0, i] = self._add("forward", "L", L, (i,), total, "L" + self._ex(i),
                                          self.loss.name, _sum(terms), self.loss.latex)
        self.values["L"] = per_example
        if self.m > 1:
            cost = per_example.mean()
            self._add("forward", "J", L, (), cost, "J", "(1/m) Σ_i L(i)",
                      f"(1/{self.m})×({_sum([_num(v) for v in per_example[0]])})")

    def _loss_term(self, a, y):
        """The loss of one output unit: its numbers and its value, from the registry entry."""
        lss = self.loss
        value = float(lss.loss(np.array([[a]]), np.array([[y]]))[0, 0])
        return _fill(lss.formula_numbers or "L({a}, {y})", **_loss_fields(a, y)), value

    # -- backward ------------------------------------------------------------------------
    def _backward(self):
        L = self.L
        self.values[f"dA{L}"] = self._dAL_entries()
        for l in range(L, 0, -1):
            act = self.activations[l - 1]
            dZ = self._dZ_entries(l, act)
            self.values[f"dZ{l}"] = dZ
            self._weight_gradient_entries(l, dZ)
            if l > 1:
                self.values[f"dA{l - 1}"] = self._dA_prev_entries(l, dZ)

    def _dAL_entries(self):
        AL, L = self.values[f"A{self.L}"], self.L
        dA = np.zeros_like(AL)
        for i in range(self.m):
            for j in range(AL.shape[0]):
                a, y = AL[j, i], self.Y[j, i]
                formula, numbers, value = _loss_derivative_text(self.loss, a, y)
                dA[j, i] = self._add("backward", "dA", L, (j, i), value, self._name("dA", L, j, i),
                                     f"∂L/∂A[{L}]_{j + 1} = " + formula, numbers, self.loss.latex_dA)
        return dA

    def _dZ_entries(self, l, act):
        Z, A, dA = self.values[f"Z{l}"], self.values[f"A{l}"], self.values[f"dA{l}"]
        dZ = np.zeros_like(Z)
        cancels = l == self.L and (act.name, self.loss.name) in CANONICAL_PAIRS
        for i in range(self.m):
            if not act.elementwise:  # a Jacobian-vector product per column (softmax)
                s = sum(A[k, i] * dA[k, i] for k in range(A.shape[0]))
                column = act.backward(dA[:, i:i + 1], Z[:, i:i + 1])[:, 0]
            for j in range(Z.shape[0]):
                name = self._name("dZ", l, j, i)
                if not act.elementwise:
                    value = column[j]
                    fields = dict(j=j + 1, z=Z[j, i], a=A[j, i], da=dA[j, i], a_dot_da=s)
                    formula = act.derivative_text.format(j=j + 1)
                    numbers = _fill(act.derivative_numbers or f"(J^T dA)_{j + 1}", **fields)
                else:
                    g = self._derivative_entry(l, j, i, act, Z[j, i], A[j, i])
                    value = dA[j, i] * g
                    formula = f"dA[{l}]_{j + 1} × g'(Z[{l}]_{j + 1})"
                    numbers = f"{_factor(dA[j, i])}×{_factor(g)}"
                if cancels:
                    formula += f" = A[{l}]_{j + 1} - Y_{j + 1}  (g' cancels)"
                    numbers += f" = {_num(A[j, i])} - {_num(self.Y[j, i])}"
                dZ[j, i] = self._add("backward", "dZ", l, (j, i), value, name, formula, numbers,
                                     rf"dZ^{{[{l}]}}_{{{j + 1}}}")
        return dZ

    def _derivative_entry(self, l, j, i, act, z, a):
        formula, numbers, value = _derivative_text(act, z, a)
        return self._add("backward", "g'", l, (j, i), value, f"g'(Z[{l}]_{j + 1}{self._ex(i)})",
                         formula, numbers, act.latex_derivative)

    def _weight_gradient_entries(self, l, dZ):
        A_prev, m = self.values[f"A{l - 1}"], self.m
        prev = "X" if l == 1 else f"A[{l - 1}]"
        # With one example the 1/m and the sum over examples are the identity: leave them out.
        scale, mean = ("", "") if m == 1 else (f"(1/{m})×", "(1/m) Σ_i ")
        for j in range(dZ.shape[0]):
            for k in range(A_prev.shape[0]):
                value = sum(dZ[j, i] * A_prev[k, i] for i in range(m)) / m
                terms = [f"{_factor(dZ[j, i])}×{_factor(A_prev[k, i])}" for i in range(m)]
                self._add("backward", "dW", l, (j, k), value, self._name("dW", l, j, k=k),
                          f"{mean}dZ[{l}]_{j + 1} × {prev}_{k + 1}",
                          scale + (f"({_sum(terms)})" if m > 1 else terms[0]),
                          rf"dW^{{[{l}]}}_{{{j + 1}{k + 1}}}")
        for j in range(dZ.shape[0]):
            value = sum(dZ[j, i] for i in range(m)) / m
            self._add("backward", "db", l, (j,), value, self._name("db", l, j),
                      f"{mean}dZ[{l}]_{j + 1}",
                      scale + _sum([_num(dZ[j, i]) for i in range(m)]), rf"db^{{[{l}]}}_{{{j + 1}}}")

    def _dA_prev_entries(self, l, dZ):
        W = self.parameters[f"W{l}"]
        dA = np.zeros((W.shape[1], self.m))
        for i in range(self.m):
            for k in range(W.shape[1]):
                terms = [f"{_num(W[j, k])}×{_factor(dZ[j, i])}" for j in range(W.shape[0])]
                value = sum(W[j, k] * dZ[j, i] for j in range(W.shape[0]))
                dA[k, i] = self._add("backward", "dA", l - 1, (k, i), value,
                                     self._name("dA", l - 1, k, i),
                                     f"Σ_j W[{l}]_j{k + 1} dZ[{l}]_j", _sum(terms),
                                     rf"dA^{{[{l - 1}]}}_{{{k + 1}}}")
        return dA

    def _update(self):
        lr, grads = self.learning_rate, self.gradients()
        self.updated = {}
        for l in range(1, self.L + 1):
            for key in (f"W{l}", f"b{l}"):
                old, grad = self.parameters[key], grads[f"d{key}"]
                new = old - lr * grad
                self.updated[key] = new
                for idx in np.ndindex(old.shape):
                    j, k = idx
                    name = self._name(key[0], l, j, k=k if key[0] == "W" else None)
                    self._add("update", key[0], l, idx if key[0] == "W" else (j,), new[idx], name + " (new)",
                              f"{name} - α d{name}", f"{_num(old[idx])} - {_num(lr)}×{_factor(grad[idx])}")

    # -- views ---------------------------------------------------------------------------
    def gradients(self):
        """``dW{l}``, ``db{l}`` and ``dA{l}`` as arrays, keyed as ``L_model_backward`` keys them."""
        grads = {}
        for e in self.entries:
            if e.phase == "backward" and e.quantity in ("dW", "db"):
                shape = self.parameters[f"{e.quantity[1]}{e.layer}"].shape
                grads.setdefault(f"{e.quantity}{e.layer}", np.zeros(shape))[
                    e.index if e.quantity == "dW" else (e.index[0], 0)] = e.value
        for l in range(self.L):
            if f"dA{l}" in self.values:
                grads[f"dA{l}"] = self.values[f"dA{l}"]
        return grads

    @property
    def cost(self) -> float:
        """``J``: the mean of the per-example losses (the loss itself when ``m == 1``)."""
        return float(self.values["L"].mean())

    def select(self, phase=None, quantity=None, layer=None):
        """The entries of one phase, quantity and/or layer, in the order they were computed."""
        return [e for e in self.entries
                if (phase is None or e.phase == phase)
                and (quantity is None or e.quantity == quantity)
                and (layer is None or e.layer == layer)]

    def table(self, phase=None, digits=6):
        """The trace as text, one line per scalar: name, rule, numbers put in, value."""
        rows = [(e.name, e.formula, e.numbers, _num(e.value, digits)) for e in self.select(phase)]
        widths = [max(len(r[c]) for r in rows) for c in range(3)]
        return "\n".join(f"{n:<{widths[0]}}  =  {f:<{widths[1]}}  =  {x:<{widths[2]}}  =  {v}"
                         for n, f, x, v in rows)

    def __repr__(self):
        dims = [self.X.shape[0]] + [self.parameters[f"W{l}"].shape[0] for l in range(1, self.L + 1)]
        names = ", ".join(a.name for a in self.activations)
        return (f"Trace(layers={dims}, activations=[{names}], loss={self.loss.name!r}, "
                f"m={self.m}, cost={self.cost:.6g}, {len(self.entries)} values)")


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z)) if z >= 0 else np.exp(z) / (1.0 + np.exp(z))


def _vs_0(z):
    return "> 0" if z > 0 else "<= 0"


def _loss_fields(a, y):
    return dict(a=a, y=y, one_minus_a=1 - a, one_minus_y=1 - y)


def _loss_derivative_text(loss, a, y):
    """``(formula, numbers, value)`` of ``dA = ∂L/∂a`` for one output unit, from the entry."""
    numbers = _fill(loss.dA_numbers or "∂L/∂a({a}, {y})", **_loss_fields(a, y))
    return loss.dA_text, numbers, _one(loss.dAL, a, y)


def _derivative_text(act, z, a):
    """``(formula, numbers, value)`` of ``g'(z)`` for an element-wise activation, from the entry."""
    numbers = _fill(act.derivative_numbers or "g'({z})", z=z, a=a, sigma=_sigmoid(z), z_vs_0=_vs_0(z))
    return act.derivative_text, numbers, _one(act.derivative, z)


def _as_matrix(a, name, shape, rule):
    arr = np.array(a, dtype=float)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, {rule}; got {arr.shape}.")
    return arr


def trace(X, Y, parameters, activations, loss="mse", *, learning_rate=None):
    r"""Every forward and backward value of a small network, scalar by scalar.

    Parameters
    ----------
    X : array_like, ``(n_x, m)``
        One example per column; ``m`` up to 8.
    Y : array_like, ``(n_y, m)``
    parameters : dict
        ``W{l}`` ``(n_l, n_{l-1})`` and ``b{l}`` ``(n_l, 1)``, up to 4 layers of up to 6 units.
    activations : list of str or Activation
        The activation of every layer, output last, e.g. ``["sigmoid", "sigmoid"]``; each
        one of :func:`traceable_activations` (or a ``leaky_relu(slope)``).
    loss : str or Loss
        One of :func:`traceable_losses` (``"mse"``, ``"bce"``, ``"cce"`` and any registered
        loss with a ``formula`` and ``dA_text``). ``mse`` is
        :math:`L = \sum_k \tfrac12 (a_k - y_k)^2` (the ½ of the course and of Mazur's
        worked example).
    learning_rate : float, optional
        Also record one gradient-descent update, :math:`W := W - \alpha\, dW`.

    Raises
    ------
    ValueError
        For an activation or loss whose registry entry has no plain-text rule (see
        :func:`trace_problem`), and for inputs of the wrong shape or size.

    Returns
    -------
    Trace
        ``.entries (every scalar with its rule and numbers), ``.table()``,
        ``.gradients()`` (as :func:`~dlsnotes.model.L_model_backward` returns them),
        ``.values`` (the arrays ``Z{l}``, ``A{l}``, ``dZ{l}``, ...), ``.updated``.

    .. math::
        dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]}),\quad
        dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]\top},\quad
        dA^{[l-1]} = W^{[l]\top} dZ^{[l]}
    """
    if isinstance(activations, str) or not isinstance(activations, (list, tuple)):
        raise TypeError(f"activations must be a list with one name per layer, e.g. ['relu', 'sigmoid']; "
                        f"got {activations!r}.")
    acts = [get_activation(a) for a in activations]
    for act in acts:
        problem = trace_problem(act)
        if problem:
            raise ValueError(problem)
    L = len(acts)
    if not 1 <= L <= MAX_LAYERS:
        raise ValueError(f"trace reads a network value by value: 1 to {MAX_LAYERS} layers; got {L}.")
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict with keys 'W1', 'b1', ...; got {type(parameters).__name__}.")
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if set(parameters) != expected:
        raise ValueError(f"{L} activations need parameters {sorted(expected)}; got {sorted(parameters)}. "
                         "Give one activation per layer.")
    X = check_X(np.asarray(X, dtype=float))
    params, n_prev = {}, X.shape[0]
    for l in range(1, L + 1):
        n = np.shape(parameters[f"W{l}"])[0] if np.ndim(parameters[f"W{l}"]) == 2 else None
        if n is None:
            raise ValueError(f"W{l} must be 2-D, (n_{l}, n_{l - 1}); got shape {np.shape(parameters[f'W{l}'])}.")
        if n > MAX_UNITS:
            raise ValueError(f"trace reads a network value by value: up to {MAX_UNITS} units per layer; "
                             f"layer {l} has {n}.")
        params[f"W{l}"] = _as_matrix(parameters[f"W{l}"], f"W{l}", (n, n_prev),
                                     f"(n_{l}, n_{l - 1}): one row per unit, one column per input")
        params[f"b{l}"] = _as_matrix(parameters[f"b{l}"], f"b{l}", (n, 1), "one value per unit")
        n_prev = n
    if X.shape[1] > MAX_EXAMPLES:
        raise ValueError(f"trace follows a few examples: up to {MAX_EXAMPLES} columns; X has {X.shape[1]}.")
    lss = get_loss(loss)
    problem = trace_problem(lss) or pairing(acts[-1], lss, n_prev).problem
    if problem:  # a loss that can be undefined has no numbers to show
        raise ValueError(problem)
    Y = _as_matrix(Y, "Y", (n_prev, X.shape[1]), "(n_y, m): one column per example, like X")
    if lss.needs_probabilities and not np.all((Y >= 0) & (Y <= 1)):
        raise ValueError(f"{lss.name} needs targets in [0, 1]; Y holds {Y.ravel().tolist()}. "
                         "For targets outside [0, 1] use loss='mse'.")
    if lss.name == "cce" and not np.allclose(Y.sum(axis=0), 1.0):
        raise ValueError(f"cce needs each column of Y to sum to 1 (one-hot, or probabilities); column sums "
                         f"are {Y.sum(axis=0).round(6).tolist()}.")
    lr = None if learning_rate is None else check_learning_rate(learning_rate)
    return Trace(X, Y, params, acts, lss, lr)
