"""Checkers for the exercises of ``notebooks/01_notation_and_shapes.ipynb``.

* :func:`check_layer_shapes` — ``layer_shapes(layer_dims, m)`` returns a dict
  ``name -> shape`` for ``X``, every ``W{l}, b{l}, Z{l}, A{l}`` and every gradient
  ``dW{l}, db{l}, dZ{l}, dA{l}``. Each wrong shape is explained: ``W`` written as
  ``(n_{l-1}, n_l)``, ``b`` as a row ``(1, n_l)`` or 1-D ``(n_l,)``, ``b`` or ``db`` with
  ``m`` columns, ``dA``/``dZ`` without their ``m`` columns, examples as rows, ...
* :func:`check_collapse_linear_network` — ``collapse_linear_network(parameters)`` returns
  ``(W_eff, b_eff)`` of an all-linear network.
* :func:`check_linear_backward` — ``linear_backward(dZ, cache)`` returns ``(dA_prev, dW, db)``;
  the traps are the ``1/m`` (in ``dW`` and ``db``, not in ``dA_prev``) and
  ``np.sum(dZ, axis=1, keepdims=True)`` for ``db``.
"""

from __future__ import annotations

import numpy as np

# The mistakes check_linear_backward names, re-exported here (shapes.LB_DW_NO_M, ...).
from ..checking import (LB_DA_OVER_M, LB_DB_ALL, LB_DB_AXIS0, LB_DB_NO_KEEPDIMS, LB_DB_NO_KEEPDIMS_NO_M,
                        LB_DB_NO_M, LB_DW_NO_M, LB_DW_TRANSPOSED, Case, CheckResult, checker, compare,
                        describe, linear_backward_cases, reference_linear_backward, run, run_checks)  # noqa: F401
from ..lessons.shapes import collapse_linear_network, shape_rules

__all__ = [
    "reference_layer_shapes",
    "check_layer_shapes",
    "check_collapse_linear_network",
    "reference_linear_backward",
    "linear_backward_cases",
    "check_linear_backward",
]

# Networks whose sizes (and m) all differ, so a swapped or confused shape cannot pass by luck.
_SHAPE_CASES = (([3, 4, 1], 5), ([5, 4, 3, 2], 7), ([2, 6, 9, 3, 1], 11))


def reference_layer_shapes(layer_dims, m):
    """The answer to the exercise: ``name -> shape`` for every array of the network."""
    rules = shape_rules(layer_dims, m)
    return {name: shape for name, (_, shape) in rules.items() if name not in ("Y", "dA0")}


def _as_shape(value):
    """``value`` as a tuple of ints, or ``None`` if it is not a shape."""
    if isinstance(value, np.ndarray):
        return None
    try:
        shape = tuple(int(n) for n in value)
    except (TypeError, ValueError):
        return None
    if any(float(n) != n for n in value):
        return None
    return shape


def _explain_shape(name, got, expected, m, n_prev):
    """Why ``got`` is the wrong shape for array ``name`` (expected ``expected``)."""
    kind = name.rstrip("0123456789")
    l = name[len(kind):]
    n_l = expected[0]
    prev = "n_x" if l == "1" else f"n_{int(l) - 1}"
    if got == (m, n_l) and kind in ("Z", "A", "dZ", "dA"):
        return (f"{name} has shape {got} = (m, n_{l}): examples as rows. In the course every "
                f"example is a column, so {name} is (n_{l}, m) = {expected}.")
    if kind in ("W", "dW") and got == (expected[1], expected[0]):
        base = "W" + l
        return (f"{name} has shape {got} = ({prev}, n_{l}): the two sizes are swapped. "
                f"W[l] is (n_l, n_{{l-1}}) so that W{l} @ A{int(l) - 1} maps {prev} inputs to "
                f"n_{l} units: {expected}." + ("" if kind == "W" else f" dW{l} always has the shape of {base}."))
    if kind in ("W", "dW") and got == (n_l, m):
        return (f"{name} has shape {got} = (n_{l}, m), but weights do not depend on the example: "
                f"(1/m) dZ{l} A{int(l) - 1}.T sums over the m examples, giving {expected}.")
    if kind in ("b", "db"):
        if got == (1, n_l):
            return (f"{name} has shape {got}: a row (1, n_{l}) instead of the column (n_{l}, 1) = "
                    f"{expected}. Only a column broadcasts over the m columns of W{l} @ A{int(l) - 1}.")
        if got == (n_l,):
            return (f"{name} has shape {got}: a rank-1 array. numpy lines it up with the last "
                    f"axis, the m examples (columns), not with the n_{l} units (rows): an error "
                    f"if m ≠ n_{l}, silently wrong if m = n_{l}. Use the column (n_{l}, 1) = {expected}.")
        if got == (n_l, m):
            what = ("the sum over the examples is missing: db = (1/m) np.sum(dZ, axis=1, "
                    "keepdims=True)" if kind == "db" else "there is one bias per unit, shared "
                    "by all m examples (broadcasting copies it to every column)")
            return f"{name} has shape {got} = (n_{l}, m): {what}; shape {expected}."
    if kind in ("Z", "A", "dZ", "dA"):
        if got in ((n_l, 1), (n_l,), (1, n_l)):
            return (f"{name} has shape {got}: the m columns are missing. {name} has one column "
                    f"per example, (n_{l}, m) = {expected}; only dW and db sum over the examples.")
        if got == (n_l, n_prev) and kind in ("dZ", "dA"):
            return (f"{name} has shape {got} = (n_{l}, {prev}), the shape of W{l}: {name} has the "
                    f"shape of {kind.lstrip('d')}{l}, (n_{l}, m) = {expected}.")
    return f"{name} has shape {got}; expected {expected}."


def _diagnose_shapes(got, layer_dims, m):
    if got is None:
        return ["the function returned None: did you forget the `return` statement?"]
    if not isinstance(got, dict):
        return [f"expected a dict name -> shape, got a {type(got).__name__}."]
    expected = reference_layer_shapes(layer_dims, m)
    missing = [name for name in expected if name not in got]
    problems = [f"missing key(s) {missing} (layer_dims={layer_dims})."] if missing else []
    rank1 = [name for name, shape in expected.items() if name[0] == "b" and name in got
             and _as_shape(got[name]) == shape[:1]]
    if len(rank1) > 1:  # the same mistake in every layer: said once, with each layer's column
        problems.append(f"{', '.join(rank1)} are rank-1 arrays "
                        f"({', '.join(str(_as_shape(got[n])) for n in rank1)}). numpy lines a "
                        "rank-1 array up with the last axis, the m examples (columns), not with "
                        "the n_l units (rows): an error if m ≠ n_l, silently wrong if m = n_l. "
                        "Use columns (n_l, 1): "
                        f"{', '.join(f'{n} {expected[n]}' for n in rank1)}.")
    for name, shape in expected.items():
        if name not in got or name in rank1 and len(rank1) > 1:
            continue
        value = _as_shape(got[name])
        if value is None:
            problems.append(f"{name}: expected a shape tuple like {shape}, got {got[name]!r}.")
        elif value != shape:
            l = int(name.lstrip("dWbZA") or 0)
            n_prev = layer_dims[l - 1] if l >= 1 else None
            problems.append(_explain_shape(name, value, shape, m, n_prev))
    return problems


@checker("layer_shapes")
def check_layer_shapes(fn) -> CheckResult:
    """Check ``layer_shapes(layer_dims, m) -> {name: shape}``.

    The keys are ``"X"`` and, for ``l = 1..L``, ``"W{l}", "b{l}", "Z{l}", "A{l}",
    "dW{l}", "db{l}", "dZ{l}", "dA{l}"``. Shapes are tuples of ints, e.g. ``(4, 3)``.
    Tried on three networks; every wrong shape is reported with the reason.
    """
    messages = []
    for i, (layer_dims, m) in enumerate(_SHAPE_CASES, start=1):
        ran = run(fn, (list(layer_dims), m))
        if ran.error is not None:
            messages.append(f"test {i}: {ran.error}")
            continue
        problems = _diagnose_shapes(ran.value, layer_dims, m)
        # The first failing network is enough: the same mistake repeats in the others.
        messages += [f"test {i} (layer_dims={layer_dims}, m={m}): {p}" for p in problems[:3]]
        if len(problems) > 3:
            messages.append(f"test {i}: ... and {len(problems) - 3} more wrong shape(s).")
        if messages:
            break
    return CheckResult("layer_shapes", not messages, messages)


# --------------------------------------------------------------------------- linear collapse
def _random_linear_net(layer_dims, seed):
    rng = np.random.RandomState(seed)
    return {k: rng.randn(*shape) for l in range(1, len(layer_dims))
            for k, shape in ((f"W{l}", (layer_dims[l], layer_dims[l - 1])),
                             (f"b{l}", (layer_dims[l], 1)))}


def _collapse_variants(parameters):
    """What the usual mistakes return, as one flat vector ``[W_eff.ravel(), b_eff.ravel()]``."""
    L = len(parameters) // 2
    W, b = collapse_linear_network(parameters)
    variants = {
        "b_eff is only the last layer's bias: the earlier biases also reach the output, "
        "multiplied by the weights of the layers after them.":
            np.concatenate([W.ravel(), parameters[f"b{L}"].ravel()]),
        "b_eff is zero: the biases do not cancel; each b[l] reaches the output through "
        "W[L] ... W[l+1].": np.concatenate([W.ravel(), np.zeros_like(b).ravel()]),
    }
    biases = [parameters[f"b{l}"] for l in range(1, L + 1)]
    if all(bias.shape == b.shape for bias in biases):  # b1 + b2 + ... only adds up when sizes agree
        variants["b_eff adds the biases b1 + b2 + ... without passing them through the later "
                 "layers: b[l] is multiplied by W[L] ... W[l+1] (b_eff = W3 W2 b1 + W3 b2 + b3 "
                 "for three layers)."] = np.concatenate([W.ravel(), sum(biases).ravel()])
    return variants


def _flat(result):
    W_eff, b_eff = result
    return np.concatenate([np.asarray(W_eff, float).ravel(), np.asarray(b_eff, float).ravel()])


def _order_problem(fn, parameters):
    """Explain a product taken in the wrong order or a wrong shape, or ``None``."""
    L = len(parameters) // 2
    try:
        W_eff, b_eff = fn(parameters)
    except Exception:
        return None
    W_ref, b_ref = collapse_linear_network(parameters)
    W_eff, b_eff = np.asarray(W_eff), np.asarray(b_eff)
    if W_eff.shape == W_ref.T.shape and W_eff.shape != W_ref.shape:
        return (f"W_eff has shape {W_eff.shape}, the transpose of (n_L, n_x) = {W_ref.shape}: "
                "multiply from the left, W_eff = W[L] @ ... @ W[1].")
    if W_eff.shape != W_ref.shape:
        return f"W_eff must have shape (n_L, n_x) = {W_ref.shape}; got {W_eff.shape}."
    if b_eff.shape != b_ref.shape:
        return f"b_eff must be a column (n_L, 1) = {b_ref.shape}; got {b_eff.shape}."
    reversed_W = parameters["W1"]
    for l in range(2, L + 1):
        if reversed_W.shape[1] != parameters[f"W{l}"].shape[0]:
            return None
        reversed_W = reversed_W @ parameters[f"W{l}"]
    if reversed_W.shape == W_eff.shape and np.allclose(W_eff, reversed_W):
        return ("W_eff multiplies the layers in the wrong order (W1 @ W2 @ W3). Layer 1 acts "
                "first, so its matrix is the rightmost: W_eff = W3 @ W2 @ W1.")
    return None


@checker("collapse_linear_network")
def check_collapse_linear_network(fn) -> CheckResult:
    """Check ``collapse_linear_network(parameters) -> (W_eff, b_eff)``.

    ``W_eff`` is ``(n_L, n_x)`` and ``b_eff`` ``(n_L, 1)`` such that a network with only
    linear activations computes ``W_eff @ X + b_eff``.
    """
    nets = [_random_linear_net(dims, seed) for seed, dims in
            enumerate(([4, 4, 4, 4], [3, 4, 2, 1], [2, 5, 3]), start=1)]
    problems = [_order_problem(fn, p) for p in nets]
    if any(problems):
        first = next(i for i, p in enumerate(problems) if p)
        return CheckResult("collapse_linear_network", False, [f"test {first + 1}: {problems[first]}"])
    cases = [Case(args=(p,), expected=_flat(collapse_linear_network(p)), variants=_collapse_variants(p),
                  returns="the tuple (W_eff, b_eff)") for p in nets]
    return run_checks("collapse_linear_network", fn, cases, pick=_flat)


# --------------------------------------------------------------------------- linear_backward
# The inputs (the course's test case first) and the named mistakes are dlsnotes.checking's,
# shared with course.check(linear_backward): the same function gets the same verdict.


def _order_of(got, expected):
    """Explain a tuple in another order than ``(dA_prev, dW, db)``, or ``None``."""
    names = ("dA_prev", "dW", "db")
    try:
        arrays = [np.asarray(g, dtype=float) for g in got]
    except (TypeError, ValueError):
        return None
    for order in ((1, 2, 0), (0, 2, 1), (1, 0, 2), (2, 1, 0), (2, 0, 1)):
        if all(a.shape == expected[k].shape and np.allclose(a, expected[k])
               for a, k in zip(arrays, order)):
            got_names = ", ".join(names[k] for k in order)
            return (f"the three arrays are right but returned as ({got_names}); the course's "
                    "order is (dA_prev, dW, db).")
    return None


@checker("linear_backward")
def check_linear_backward(fn) -> CheckResult:
    r"""Check ``linear_backward(dZ, cache) -> (dA_prev, dW, db)`` with ``cache = (A_prev, W, b)``.

    .. math::
        dW = \frac{1}{m} dZ A_{prev}^\top\ (n_l, n_{l-1}),\quad
        db = \frac{1}{m}\sum_i dZ^{(i)}\ (n_l, 1),\quad
        dA_{prev} = W^\top dZ\ (n_{l-1}, m)

    Recognises a missing ``1/m`` in ``dW`` or ``db``, a ``db`` without ``keepdims=True`` or
    summed over the wrong axis (or over everything), a transposed ``dW``, a ``1/m`` in
    ``dA_prev`` and the three arrays returned in another order.
    """
    messages, mistakes = [], []
    for i, case in enumerate(linear_backward_cases(), start=1):
        ran = run(fn, case.args)
        got = ran.value
        if ran.error is not None:
            messages.append(f"test {i}: {ran.error}")
        elif not isinstance(got, (tuple, list)) or len(got) != 3:
            hint = " Did you forget the `return` statement?" if got is None else ""
            messages.append(f"test {i}: expected the tuple (dA_prev, dW, db), got {describe(got)}.{hint}")
        elif _order_of(got, case.expected):
            messages.append(f"test {i}: {_order_of(got, case.expected)}")
        else:
            problems = compare(got, case.expected, _OUTPUTS, variants=case.variants, m=case.m)
            placeholders = [p.output for p in problems if p.key == "return:none"]
            if placeholders:  # the stub's None placeholders: one line for all of them
                wanted = ", ".join(f"{o} {np.shape(case.expected[_OUTPUTS.index(o)])}"
                                   for o in placeholders)
                are = "are" if len(placeholders) > 1 else "is"
                messages.append(f"test {i}: {', '.join(placeholders)} {are} still None — the "
                                f"stub's placeholder{'s' if len(placeholders) > 1 else ''}: compute {wanted} where it says `# your code here`.")
                mistakes.append("return:none")
            for problem in (p for p in problems if p.key != "return:none"):
                named = problem.prefixed
                messages.append(f"test {i}: {problem.output + ': ' if named else ''}{problem}")
                mistakes.append(problem.key)
        if messages:
            break  # the same mistake repeats in the other tests
    return CheckResult("linear_backward", not messages, messages, mistakes)


_OUTPUTS = ("dA_prev", "dW", "db")
