"""The inputs the checker tries for each course function, and the known mistakes.

For every function of :mod:`~dlsnotes.course.w3a1`, :mod:`~dlsnotes.course.w4a1` and
:mod:`~dlsnotes.course.w4a2` a :class:`Spec` lists :class:`Case` s: the course's own test
inputs (same seeds and shapes) and random, consistent ones. A case may carry *variants*:
what a known mistake (``W = dW``, ``g'`` of another activation, a misplaced parenthesis in
``dAL``, ...) would return on it, with the explanation the report then gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..activations import get_activation
from ..gradcheck import dictionary_to_vector, relative_difference, vector_to_dictionary
from . import w3a1, w4a1, w4a2
from ._common import global_randn_parameters
from ._running import describe as _describe
from ._running import run as _run

__all__ = ["Case", "Spec", "SPECS", "CHECKABLE", "infer_hidden_w3"]

_THRESHOLD = 1e-7

# g'(z) of each hidden activation, as a learner writes it with A1 (or Z1) in the planar network.
_DERIVATIVE_TEXT = {
    "tanh": "1 - A1**2",
    "relu": "(A1 > 0)",
    "leaky_relu": "np.where(Z1 > 0, 1, 0.01)",
    "sigmoid": "A1 * (1 - A1)",
    "linear": "1 (no factor at all)",
}


@dataclass
class Case:
    """One call: ``args`` for the learner's function; ``ref_kwargs`` only for the reference."""

    label: str
    args: tuple
    ref_kwargs: dict = field(default_factory=dict)
    seed_before: int | None = 0
    m: int | None = None
    variants: list = field(default_factory=list)  # (explanation, output a known mistake gives)


@dataclass
class Spec:
    name: str
    assignment: str
    reference: Callable
    cases: Callable  # (options) -> list of Case
    outputs: tuple = ()  # names of the top-level outputs when the function returns a tuple
    single: str | None = None  # name of a single (non-tuple) output
    extra: Callable | None = None  # (learner, options, report) -> None: further checks


def _rs(seed):
    """Draws identical to ``np.random.seed(seed); np.random.randn(...)``, without touching numpy's state."""
    return np.random.RandomState(seed)


def _params(rs, dims, scale=0.5):
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rs.randn(dims[l], dims[l - 1]) * scale
        p[f"b{l}"] = rs.randn(dims[l], 1) * 0.1
    return p


def _labels(rs, m):
    return rs.randn(1, m) > 0


# --------------------------------------------------------------------------- W3A1 specs
def _w3_hidden(opts):
    return opts.get("hidden") or "tanh"


def _w3_backward_variants(parameters, cache, X, Y, hidden):
    out = []
    for other, text in _DERIVATIVE_TEXT.items():
        if other == hidden:
            continue
        wrong = w3a1.backward_propagation(parameters, cache, X, Y, hidden=other)
        if other == "linear":
            why = ("dZ1 lacks the hidden activation's derivative: dZ1 = np.dot(W2.T, dZ2) * g'(Z1), "
                   f"here * {_DERIVATIVE_TEXT[hidden]} ({hidden}).")
        else:
            why = (f"dZ1 uses {text}, the derivative of {other}, but the forward pass uses "
                   f"{hidden}: write dZ1 = np.dot(W2.T, dZ2) * {_DERIVATIVE_TEXT[hidden]}. "
                   "Changing the activation means changing both passes.")
        out.append((why, wrong))
    return out


def _w3_cases_forward(opts):
    hidden = _w3_hidden(opts)
    rs = _rs(1)
    X, b1 = rs.randn(2, 3), rs.randn(4, 1)
    rs2 = _rs(2)
    course = {"W1": rs2.randn(4, 2) * 0.01, "W2": rs2.randn(1, 4) * 0.01, "b1": b1,
              "b2": np.array([[-1.3]])}
    rs = _rs(11)
    P = _params(rs, [3, 5, 1])
    cases = [Case("the course's test case", (X, course), {"hidden": hidden}),
             Case("a random case", (rs.randn(3, 6), P), {"hidden": hidden})]
    for case in cases:
        A2, cache = w3a1.forward_propagation(*case.args, hidden=hidden)
        for other in ("tanh", "relu", "sigmoid"):
            if other != hidden:
                case.variants.append((
                    f"A1 is {other}(Z1), but the hidden layer here uses {hidden}.",
                    w3a1.forward_propagation(*case.args, hidden=other)))
        case.variants.append(("A2 must be sigmoid(Z2), the output layer's activation.",
                              (np.tanh(cache["Z2"]), {**cache, "A2": np.tanh(cache["Z2"])})))
    return cases


def _w3_cases_backward(opts):
    hidden = _w3_hidden(opts)
    cases = []
    if hidden == "tanh" and opts.get("forward") is None:
        rs = _rs(1)
        X, Y = rs.randn(3, 7), _labels(rs, 7)
        P = {"W1": rs.randn(9, 3), "W2": rs.randn(1, 9), "b1": np.zeros((9, 1)),
             "b2": np.zeros((1, 1))}
        cache = {"A1": rs.randn(9, 7), "A2": rs.randn(1, 7), "Z1": rs.randn(9, 7),
                 "Z2": rs.randn(1, 7)}
        cases.append(Case("the course's test case", (P, cache, X, Y), {"hidden": hidden}, m=7))
    for seed in (21, 22):
        rs = _rs(seed)
        X, Y = rs.randn(3, 6), _labels(rs, 6)
        P = _params(rs, [3, 5, 1])
        forward = opts.get("forward")
        if forward is not None:
            ran = _run(forward, (X, P))
            if ran.error is not None:
                continue  # reported by the forward check
            cache = ran.value[1]
        else:
            cache = w3a1.forward_propagation(X, P, hidden=hidden)[1]
        cases.append(Case("a random consistent case", (P, cache, X, Y), {"hidden": hidden}, m=6))
    for case in cases:
        case.variants += _w3_backward_variants(*case.args, hidden)
    return cases


def _update_variants(parameters, grads, rate):
    keys = [k for k in parameters if f"d{k}" in grads]
    make = lambda f: {k: f(parameters[k], grads[f"d{k}"]) for k in keys}  # noqa: E731
    return [
        ("W = dW: the parameter was replaced by its gradient. The update subtracts a step: "
         "W = W - learning_rate * dW.", make(lambda W, dW: dW)),
        ("the learning rate is missing: W = W - learning_rate * dW.", make(lambda W, dW: W - dW)),
        ("the step goes uphill: W = W + learning_rate * dW has the wrong sign; use W - "
         "learning_rate * dW.", make(lambda W, dW: W + rate * dW)),
        ("W = learning_rate * dW forgets W itself: W = W - learning_rate * dW.",
         make(lambda W, dW: rate * dW)),
    ]


def _update_cases(default_rate):
    def cases(opts):
        out = []
        for seed, dims, rate in ((2, [4, 3, 1], 0.1), (5, [2, 4, 1], 1.2)):
            rs = _rs(seed)
            P = _params(rs, dims, 1.0)
            G = {f"d{k}": rs.randn(*v.shape) for k, v in P.items()}
            out.append(Case(f"learning_rate={rate}", (P, G, rate),
                            variants=_update_variants(P, G, rate)))
        if default_rate is not None:
            P, G = out[-1].args[:2]
            out.append(Case("the default learning_rate", (P, G),
                            variants=_update_variants(P, G, default_rate)))
        return out
    return cases


def _w3_cost_cases(opts):
    rs = _rs(1)
    Y = rs.randn(1, 5) > 0
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    rs = _rs(31)
    A2r, Yr = rs.uniform(0.05, 0.95, (1, 7)), _labels(rs, 7)
    return [Case("the course's test case", (A2, Y), m=5, variants=_cost_variants(A2, Y)),
            Case("a random case", (A2r, Yr), m=7, variants=_cost_variants(A2r, Yr))]


def _cost_variants(AL, Y):
    Y = np.asarray(Y, dtype=float)
    loss = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return [
        ("the cost is missing the minus sign: J = -(1/m) Σ (y log a + (1 - y) log(1 - a)).",
         -loss.mean()),
        ("only the y·log(a) term is there: add (1 - y)·log(1 - a).",
         float(np.mean(-(Y * np.log(AL))))),
    ]


def _w3_cost_type(learner, opts, report):
    A2, Y = _w3_cost_cases(opts)[0].args
    ran = _run(learner, (A2, Y))
    if ran.error is None and isinstance(ran.value, np.ndarray):
        report.problems.append(
            f"compute_cost returns {_describe(ran.value)}; the course's test wants a Python "
            "float: return float(np.squeeze(cost)).")


def _w3_nn_model_cases(opts):
    rs = _rs(1)
    X, Y = rs.randn(2, 3), _labels(rs, 3)
    return [Case("the course's test inputs, 1000 iterations", (X, Y, 4, 1000, False),
                 {"hidden": _w3_hidden(opts)}, seed_before=0)]


def _w3_predict_cases(opts):
    out = []
    for seed in (1, 41):
        rs = _rs(seed)
        X = rs.randn(2, 5)
        P = _params(rs, [2, 4, 1], 0.5)
        A2 = w3a1.forward_propagation(X, P, hidden=_w3_hidden(opts))[0]
        out.append(Case("a test case", (P, X), {"hidden": _w3_hidden(opts)}, variants=[
            ("predict returns the probabilities A2; the predictions are A2 > 0.5.", A2)]))
    return out


def _init_variants(seed, module_scale, dims):
    """Known mistakes of an initialisation that seeds ``seed`` inside (or None)."""
    out = []
    if seed is not None:
        np.random.seed(0)
        out.append((f"the values are not the course's: call np.random.seed({seed}) at the top "
                    "of the function, as the course does, so the grader's numbers come out.",
                    global_randn_parameters(dims, module_scale)))
        np.random.seed(seed)
    else:
        np.random.seed(2)
    unscaled = global_randn_parameters(dims, "xavier")
    for k in unscaled:
        if k.startswith("W"):
            unscaled[k] = unscaled[k] * np.sqrt(int(unscaled[k].shape[1]))
    other = "0.01" if module_scale == "small" else "1 / np.sqrt(layer_dims[l - 1])"
    out.append((f"W is not scaled: multiply np.random.randn(...) by {other}.", unscaled))
    return out


def _init_cases(seed, scale, deep):
    def cases(opts):
        out = []
        for dims in ([5, 4, 3], [4, 3, 2]) if deep else ([3, 5, 2], [2, 4, 1]):
            args = (list(dims),) if deep else tuple(dims)
            before = 0 if seed is not None else 2
            out.append(Case(f"layer sizes {dims}", args, seed_before=before,
                            variants=_init_variants(seed, scale, dims)))
        return out
    return cases


# --------------------------------------------------------------------------- W4A1 specs
def _activation_cases(kind):
    def cases(opts):
        rs = _rs(7)
        Z = rs.randn(3, 4)
        if kind == "forward":
            return [Case("a random Z", (Z,)), Case("Z = [[-2, 0, 3]]", (np.array([[-2.0, 0.0, 3.0]]),))]
        dA = rs.randn(3, 4)
        out = []
        pairs = (("a random case", (dA, Z)), ("another random case", (rs.randn(2, 5), rs.randn(2, 5))))
        for label, (d, z) in pairs:
            v = [("dZ equals dA: multiply by the activation's derivative at Z (the cache).", d)]
            if kind == "relu":
                v.append(("the mask comes from dA; it must come from Z (the cache): dZ[Z <= 0] = 0.",
                          d * (d > 0)))
            else:
                s = 1 / (1 + np.exp(-z))
                v.append(("the factor (1 - s) is missing: dZ = dA * s * (1 - s).", d * s))
                v.append(("sigmoid's derivative is s * (1 - s) with s = sigmoid(Z), not Z * (1 - Z).",
                          d * z * (1 - z)))
            out.append(Case(label, (d, z), variants=v))
        return out
    return cases


def _linear_forward_cases(opts):
    rs = _rs(1)
    A, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
    rs = _rs(51)
    A2, W2, b2 = rs.randn(4, 5), rs.randn(3, 4), rs.randn(3, 1)
    out = []
    for label, (a, w, bb) in (("the course's test case", (A, W, b)), ("a random case", (A2, W2, b2))):
        out.append(Case(label, (a, w, bb), variants=[
            ("the cache must be (A, W, b) in this order, as linear_backward unpacks it.",
             (w @ a + bb, (w, a, bb)))]))
    return out


def _linear_activation_forward_cases(opts):
    rs = _rs(2)
    A, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
    rs = _rs(52)
    A2, W2, b2 = rs.randn(4, 5), rs.randn(3, 4), rs.randn(3, 1)
    out = []
    for label, args in (("the course's test case", (A, W, b)), ("a random case", (A2, W2, b2))):
        for act, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
            A_out, cache = w4a1.linear_activation_forward(*args, act)
            out.append(Case(f"{label}, activation='{act}'", (*args, act), variants=[
                (f"activation='{act}' computed {other}: check which branch runs for each name.",
                 w4a1.linear_activation_forward(*args, other)),
                ("the activation cache must be Z (what sigmoid/relu return as their cache), not A.",
                 (A_out, (cache[0], A_out)))]))
    return out


def _course_l_forward_params():
    rs = _rs(6)
    X = rs.randn(5, 4)
    P = {}
    for l, (n, n_prev) in enumerate(((4, 5), (3, 4), (1, 3)), start=1):
        P[f"W{l}"], P[f"b{l}"] = rs.randn(n, n_prev), rs.randn(n, 1)
    return X, P


def _l_forward_cases(opts):
    X, P = _course_l_forward_params()
    rs = _rs(61)
    X2, P2 = rs.randn(4, 6), _params(rs, [4, 5, 3, 2, 1])
    out = []
    for label, (x, p) in (("the course's test case", (X, P)), ("a random 4-layer case", (X2, P2))):
        out.append(Case(label, (x, p), variants=[
            ("the last layer must use sigmoid (LINEAR -> SIGMOID), the others relu.",
             w4a1.L_model_forward(x, p, output="relu")),
            ("the hidden layers must use relu; only the last one uses sigmoid.",
             w4a1.L_model_forward(x, p, hidden="sigmoid")),
        ]))
    return out


def _w4_cost_cases(opts):
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])
    rs = _rs(71)
    A2, Y2 = rs.uniform(0.05, 0.95, (1, 6)), (rs.randn(1, 6) > 0).astype(int)
    return [Case("the course's test case", (AL, Y), m=3, variants=_cost_variants(AL, Y)),
            Case("a random case", (A2, Y2), m=6, variants=_cost_variants(A2, Y2))]


def _linear_backward_cases(opts):
    rs = _rs(1)
    dZ, A, W, b = rs.randn(3, 4), rs.randn(5, 4), rs.randn(3, 5), rs.randn(3, 1)
    rs = _rs(81)
    dZ2, A2, W2, b2 = rs.randn(2, 6), rs.randn(4, 6), rs.randn(2, 4), rs.randn(2, 1)
    return [Case("the course's test case", (dZ, (A, W, b)), m=4),
            Case("a random case", (dZ2, (A2, W2, b2)), m=6)]


def _linear_activation_backward_cases(opts):
    rs = _rs(2)
    dA, A, W, b, Z = rs.randn(1, 2), rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
    rs = _rs(91)
    dA2, A2, W2, b2, Z2 = rs.randn(3, 5), rs.randn(4, 5), rs.randn(3, 4), rs.randn(3, 1), rs.randn(3, 5)
    out = []
    for label, (d, cache) in (("the course's test case", (dA, ((A, W, b), Z))),
                              ("a random case", (dA2, ((A2, W2, b2), Z2)))):
        for act, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
            out.append(Case(f"{label}, activation='{act}'", (d, cache, act), m=d.shape[1], variants=[
                (f"activation='{act}' used the derivative of {other}: call {act}_backward for "
                 f"'{act}'.", w4a1.linear_activation_backward(d, cache, other)),
                ("dZ = dA: the activation's derivative is missing; call relu_backward / "
                 "sigmoid_backward before linear_backward.", w4a1.linear_backward(d, cache[0]))]))
    return out


def _dAL_variants():
    return [
        ("dAL: the minus sign covers only the first term — a parenthesis closes too early. "
         "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)).",
         lambda AL, Y: -(Y / AL) - (1 - Y) / (1 - AL)),
        ("dAL has the wrong sign: dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)).",
         lambda AL, Y: Y / AL - (1 - Y) / (1 - AL)),
        ("dAL = AL - Y is dZ[L], not dAL: sigmoid_backward would then multiply by σ'(Z) a "
         "second time. Start from dAL = -(Y/AL - (1 - Y)/(1 - AL)).",
         lambda AL, Y: AL - Y),
        ("dAL has a 1/m: dAL is the derivative of the loss L of each example, not of the cost "
         "J; the 1/m belongs to dW and db only.",
         lambda AL, Y: (-(Y / AL - (1 - Y) / (1 - AL))) / AL.shape[1]),
    ]


def _backward_from_dAL(dAL, caches, hidden="relu", output="sigmoid"):
    grads, dA, L = {}, dAL, len(caches)
    for l in range(L, 0, -1):
        act = output if l == L else hidden
        dA, grads[f"dW{l}"], grads[f"db{l}"] = w4a1.linear_activation_backward(dA, caches[l - 1], act)
        grads[f"dA{l - 1}"] = dA
    return grads


def _l_backward_variants(AL, Y, caches):
    Yf = np.asarray(Y, dtype=float).reshape(AL.shape)
    out = []
    with np.errstate(all="ignore"):
        for why, f in _dAL_variants():
            out.append((why, _backward_from_dAL(f(AL, Yf), caches)))
        out.append(("the hidden layers used sigmoid's derivative; they are relu layers.",
                    w4a1.L_model_backward(AL, Y, caches, hidden="sigmoid")))
        out.append(("the output layer used relu's derivative; it is the sigmoid layer.",
                    w4a1.L_model_backward(AL, Y, caches, output="relu")))
    return out


def _l_backward_cases(opts):
    cases = []
    if opts.get("forward") is None:
        rs = _rs(3)
        AL, Y = rs.randn(1, 2), np.array([[1, 0]])
        A1, W1, b1, Z1 = rs.randn(4, 2), rs.randn(3, 4), rs.randn(3, 1), rs.randn(3, 2)
        A2, W2, b2, Z2 = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
        caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))
        cases.append(Case("the course's test case", (AL, Y, caches), m=2))
    for seed in (101, 102):
        rs = _rs(seed)
        X, Y = rs.randn(4, 5), _labels(rs, 5).astype(int)
        P = _params(rs, [4, 3, 2, 1], 0.8)
        forward = opts.get("forward")
        if forward is not None:
            ran = _run(forward, (X, P))
            if ran.error is not None:
                continue
            AL, caches = ran.value
        else:
            AL, caches = w4a1.L_model_forward(X, P)
        cases.append(Case("a random consistent case", (AL, Y, caches), m=5))
    for case in cases:
        try:
            case.variants = _l_backward_variants(*case.args)
        except Exception:  # noqa: BLE001 - a learner's caches the reference cannot read
            case.variants = []
    return cases


# --------------------------------------------------------------------------- W4A2 specs
def _two_layer_cases(opts):
    rs = _rs(1)
    X, Y = rs.randn(10, 10), rs.randn(1, 10)
    return [Case("the course's test case (2 iterations)", (X, Y, (10, 4, 1), 0.0075, 2, False)),
            Case("learning_rate=0.1, 3 iterations", (X, Y, (10, 4, 1), 0.1, 3, False))]


def _l_layer_cases(opts):
    rs = _rs(1)
    X, Y = rs.randn(10, 10), np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    return [Case("the course's test case (2 iterations)", (X, Y, (10, 5, 6, 1), 0.0075, 2, False)),
            Case("learning_rate=0.02, 3 iterations", (X, Y, (10, 5, 6, 1), 0.02, 3, False)),
            Case("150 iterations (costs at 0 and 100)", (X, Y, (10, 5, 6, 1), 0.0075, 150, False))]


def _w4a2_predict_cases(opts):
    rs = _rs(111)
    X, Y = rs.randn(4, 8), (rs.randn(1, 8) > 0).astype(int)
    P = _params(rs, [4, 3, 1], 1.0)
    AL = w4a1.L_model_forward(X, P)[0]
    return [Case("a random case", (X, Y, P), variants=[
        ("predict returns the probabilities AL; the predictions are 1 where AL > 0.5, else 0.", AL)])]


def _layer_sizes_cases(opts):
    rs = _rs(1)
    return [Case("the course's test case", (rs.randn(5, 3), rs.randn(2, 3))),
            Case("a second case", (rs.randn(7, 5), rs.randn(5, 5)))]


def _sigmoid_w3_cases(opts):
    return [Case("x = [0, 2]", (np.array([0.0, 2.0]),)), Case("a random x", (_rs(9).randn(3, 4),))]


SPECS = [
    # W3A1
    Spec("layer_sizes", "W3A1", w3a1.layer_sizes, _layer_sizes_cases, ("n_x", "n_h", "n_y")),
    Spec("initialize_parameters", "W3A1", w3a1.initialize_parameters,
         _init_cases(None, "small", deep=False), single="parameters"),
    Spec("forward_propagation", "W3A1", w3a1.forward_propagation, _w3_cases_forward, ("A2", "cache")),
    Spec("compute_cost", "W3A1", w3a1.compute_cost, _w3_cost_cases, single="cost", extra=_w3_cost_type),
    Spec("backward_propagation", "W3A1", w3a1.backward_propagation, _w3_cases_backward,
         single="grads", extra=lambda f, o, r: _gradcheck_w3(f, o, r)),
    Spec("update_parameters", "W3A1", w3a1.update_parameters, _update_cases(1.2),
         single="parameters"),
    Spec("nn_model", "W3A1", w3a1.nn_model, _w3_nn_model_cases, single="parameters"),
    Spec("predict", "W3A1", w3a1.predict, _w3_predict_cases, single="predictions"),
    Spec("sigmoid", "W3A1", w3a1.sigmoid, _sigmoid_w3_cases, single="s"),
    # W4A1
    Spec("sigmoid", "W4A1", w4a1.sigmoid, _activation_cases("forward"), ("A", "cache")),
    Spec("relu", "W4A1", w4a1.relu, _activation_cases("forward"), ("A", "cache")),
    Spec("sigmoid_backward", "W4A1", w4a1.sigmoid_backward, _activation_cases("sigmoid"), single="dZ"),
    Spec("relu_backward", "W4A1", w4a1.relu_backward, _activation_cases("relu"), single="dZ"),
    Spec("initialize_parameters", "W4A1", w4a1.initialize_parameters,
         _init_cases(1, "small", deep=False), single="parameters"),
    Spec("initialize_parameters_deep", "W4A1", w4a1.initialize_parameters_deep,
         _init_cases(3, "small", deep=True), single="parameters"),
    Spec("linear_forward", "W4A1", w4a1.linear_forward, _linear_forward_cases, ("Z", "cache")),
    Spec("linear_activation_forward", "W4A1", w4a1.linear_activation_forward,
         _linear_activation_forward_cases, ("A", "cache")),
    Spec("L_model_forward", "W4A1", w4a1.L_model_forward, _l_forward_cases, ("AL", "caches")),
    Spec("compute_cost", "W4A1", w4a1.compute_cost, _w4_cost_cases, single="cost"),
    Spec("linear_backward", "W4A1", w4a1.linear_backward, _linear_backward_cases,
         ("dA_prev", "dW", "db")),
    Spec("linear_activation_backward", "W4A1", w4a1.linear_activation_backward,
         _linear_activation_backward_cases, ("dA_prev", "dW", "db")),
    Spec("L_model_backward", "W4A1", w4a1.L_model_backward, _l_backward_cases, single="grads",
         extra=lambda f, o, r: _gradcheck_w4(f, o, r)),
    Spec("update_parameters", "W4A1", w4a1.update_parameters, _update_cases(None), single="parameters"),
    # W4A2
    Spec("initialize_parameters_deep", "W4A2", w4a2.initialize_parameters_deep,
         _init_cases(1, "xavier", deep=True), single="parameters"),
    Spec("two_layer_model", "W4A2", w4a2.two_layer_model, _two_layer_cases, ("parameters", "costs")),
    Spec("L_layer_model", "W4A2", w4a2.L_layer_model, _l_layer_cases, ("parameters", "costs")),
    Spec("predict", "W4A2", w4a2.predict, _w4a2_predict_cases, single="p"),
]

#: Every function :func:`check` knows, by name, with the assignments that define it.
CHECKABLE = {}
for _spec in SPECS:
    CHECKABLE.setdefault(_spec.name, []).append(_spec.assignment)


# --------------------------------------------------------------------------- gradient checks
def _numeric_grads(cost, parameters, eps=1e-6):
    theta, _ = dictionary_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = eps
        approx[i] = (cost(vector_to_dictionary(theta + step, parameters))
                     - cost(vector_to_dictionary(theta - step, parameters))) / (2 * eps)
    return vector_to_dictionary(approx, parameters)


def _gradcheck(report, forward, backward, cost_of, X, Y, P, who):
    ran = _run(forward, (X, P))
    if ran.error is not None:
        report.problems.append(f"gradient check: the forward pass failed: {ran.error}")
        return
    out = _run(backward, (*_backward_args(report, ran.value, X, Y, P),))
    if out.error is not None or not isinstance(out.value, dict):
        return  # already reported by the tests
    keys = [k for k in P]
    missing = [k for k in keys if f"d{k}" not in out.value]
    if missing:
        return

    def cost(theta):
        r = _run(forward, (X, theta))
        try:
            return cost_of(r.value[0], Y)
        except Exception:  # noqa: BLE001 - a broken forward pass shows up as NaN
            return np.nan

    approx = _numeric_grads(cost, P)
    try:
        grad = np.concatenate([np.asarray(out.value[f"d{k}"], float).reshape(-1) for k in keys])
        appr = np.concatenate([approx[k].reshape(-1) for k in keys])
    except Exception:  # noqa: BLE001 - shapes already reported by the tests
        return
    if grad.shape != appr.shape:
        return
    diff = relative_difference(grad, appr)
    report.gradcheck_difference = diff
    if diff < _THRESHOLD:
        report.notes.append(f"gradient check of {who}: difference < 1e-07, the gradients are right.")
        return
    worst = max(keys, key=lambda k: np.linalg.norm(
        np.asarray(out.value[f"d{k}"], float).reshape(-1) - approx[k].reshape(-1)))
    report.problems.append(
        f"gradient check of {who}: difference {diff:.2g} >= 1e-07 (central differences of the "
        f"cost disagree with your gradients); d{worst} is the most wrong.")


def _backward_args(report, forward_value, X, Y, P):
    if report.assignment == "W3A1":
        return (P, forward_value[1], X, Y)
    return (forward_value[0], Y, forward_value[1])


def infer_hidden_w3(forward):
    """The hidden activation the learner's planar forward pass uses, from its cache."""
    rs = _rs(29)
    X, P = rs.randn(3, 6), _params(rs, [3, 5, 1])
    ran = _run(forward, (X, P))
    if ran.error is not None:
        return None, f"your forward pass raised an error: {ran.error}"
    try:
        cache = ran.value[1]
        Z1, A1 = np.asarray(cache["Z1"], float), np.asarray(cache["A1"], float)
    except Exception:  # noqa: BLE001
        return None, ("your forward pass should return (A2, cache) with cache a dict holding "
                      "'Z1', 'A1', 'Z2', 'A2'.")
    for name in ("tanh", "relu", "leaky_relu", "sigmoid"):
        if A1.shape == Z1.shape and np.allclose(A1, get_activation(name).function(Z1)):
            return name, None
    return None, "A1 in your forward pass's cache is not tanh, relu, leaky_relu or sigmoid of Z1."


def _gradcheck_w3(learner, opts, report):
    forward = opts.get("forward")
    hidden = _w3_hidden(opts)
    rs = _rs(33)
    X, Y, P = rs.randn(3, 5), _labels(rs, 5), _params(rs, [3, 4, 1])
    who = "your forward/backward pair" if forward is not None else \
        f"your backward pass (with the course's {hidden} forward pass)"
    fwd = forward if forward is not None else (lambda X, P: w3a1.forward_propagation(X, P, hidden=hidden))
    _gradcheck(report, fwd, learner, w3a1.compute_cost, X, Y, P, who)


def _gradcheck_w4(learner, opts, report):
    forward = opts.get("forward")
    rs = _rs(44)
    X, Y, P = rs.randn(4, 5), _labels(rs, 5).astype(int), _params(rs, [4, 3, 2, 1], 0.8)
    who = "your forward/backward pair" if forward is not None else \
        "your backward pass (with the course's forward pass)"
    fwd = forward if forward is not None else w4a1.L_model_forward
    _gradcheck(report, fwd, learner, lambda AL, Y: float(w4a1.compute_cost(AL, Y)), X, Y, P, who)
