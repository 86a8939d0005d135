"""The inputs the checker tries for each course function, and the known mistakes.

For every function of :mod:`~dlsnotes.course.w3a1`, :mod:`~dlsnotes.course.w4a1` and
:mod:`~dlsnotes.course.w4a2` a :class:`Spec` lists :class:`Case` s: the course's own test
inputs (same seeds and shapes) and random, consistent ones. A case may carry *variants*:
what a known mistake (``W = dW``, ``g'`` of another activation, a misplaced parenthesis in
``dAL``, ...) would return on it, with the explanation the report then gives.

The concepts the notebooks check too (``relu_backward``, ``sigmoid_backward``,
``linear_backward``, ``update_parameters``, the cross-entropy ``compute_cost``) take their
cases from :mod:`dlsnotes.checking`, so both give the same verdict.

Some mistakes cannot be told from one return value and are named by a further check
(``Spec.extra``): an initialiser's seed, scale and draw order (found by redrawing with
the seeds and scales learners use); W3A1's ``type(cost) == float``; a prediction threshold
other than 0.5; ``grads`` keys shifted by one; a costs list with every iteration. The
models are tried with the course's inputs and others (``nn_model`` with ``n_h`` = 3, 4
and 5), and their known slips are what the course's loop gives with that slip.
"""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..activations import get_activation
from ..checking import (Case, Mistake, bce_cost_cases, describe, linear_backward_cases, point_at,
                        relu_backward_cases, run,
                        sigmoid_backward_cases, update_parameters_cases)
from ..gradcheck import central_differences, dictionary_to_vector, relative_difference, vector_to_dictionary
from . import w3a1, w4a1, w4a2

__all__ = ["Spec", "SPECS", "CHECKABLE", "infer_hidden_w3"]

_THRESHOLD = 1e-7

# g'(z) of each hidden activation, as a learner writes it with A1 (or Z1) in the planar network.
_DERIVATIVE_TEXT = {
    "tanh": "1 - A1**2",
    "relu": "(A1 > 0)",
    "leaky_relu": "np.where(Z1 > 0, 1, 0.01)",
    "sigmoid": "A1 * (1 - A1)",
    "linear": "1 (no factor at all)",
}


def _case(label, args, ref_kwargs=None, **options):
    """A :class:`dlsnotes.checking.Case` for the course: ``ref_kwargs`` go to the reference only."""
    return Case(args=args, label=label, ref_kwargs=ref_kwargs or {},
                variants=options.pop("variants", []), **options)


@dataclass
class Spec:
    name: str
    assignment: str
    reference: Callable
    cases: Callable  # (options) -> list of Case
    outputs: tuple = ()  # names of the top-level outputs when the function returns a tuple
    single: str | None = None  # name of a single (non-tuple) output
    extra: Callable | None = None  # (learner, options, report) -> None: further checks
    version: str = ""  # which version of the assignment, when it has several ("the older ...")


def _named(text, key):
    """A known mistake's explanation with its stable key (see dlsnotes.checking.Mistake)."""
    return Mistake(text, key)


def _tell(report, learner, key, text, first=True):
    """Add a mistake found by a further check: its key, and its sentence with the learner's line."""
    report.mistakes.append(key)
    text = text + point_at(learner, Mistake(text, key))
    if first:
        report.problems.insert(0, text)
    else:
        report.problems.append(text)


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


def _w3_grads(P, cache, X, Y, gprime, dZ2=None, m=None, dW1_input=None):
    """The planar gradients with a learner's slip: another ``g'``, ``dZ2`` or ``m``."""
    m = X.shape[1] if m is None else m
    A1, A2 = cache["A1"], cache["A2"]
    Y = np.asarray(Y, dtype=float)
    dZ2 = A2 - Y if dZ2 is None else dZ2
    dZ1 = (P["W2"].T @ dZ2) * gprime
    dW1 = dZ1 @ (X if dW1_input is None else dW1_input).T / m
    return {"dW1": dW1, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}


def _w3_backward_variants(parameters, cache, X, Y, hidden):
    out = []
    A1, A2, Z1 = cache["A1"], cache["A2"], cache.get("Z1")
    right = w3a1._hidden_derivative(cache, hidden)
    Yf = np.asarray(Y, dtype=float)

    def grads(**slip):
        return _w3_grads(parameters, cache, X, Y, slip.pop("gprime", right), **slip)

    for other, text in _DERIVATIVE_TEXT.items():
        if other == hidden:
            continue
        wrong = w3a1.backward_propagation(parameters, cache, X, Y, hidden=other)
        if other == "linear":
            why = _named("dZ1 lacks the hidden activation's derivative: dZ1 = np.dot(W2.T, dZ2) * "
                         f"g'(Z1), here * {_DERIVATIVE_TEXT[hidden]} ({hidden}).", "backward:no_g_prime")
        else:
            why = _named(f"dZ1 uses {text}, the derivative of {other}, but the forward pass uses "
                         f"{hidden}: write dZ1 = np.dot(W2.T, dZ2) * {_DERIVATIVE_TEXT[hidden]}. "
                         "Changing the activation means changing both passes.",
                         f"backward:g_prime_of_{other}")
        out.append((why, wrong))
    with np.errstate(all="ignore"):
        if hidden == "tanh":
            out.append((_named("tanh's derivative is 1 - A1², squared: (1 - A1) is missing the "
                               "square, write 1 - np.power(A1, 2).",
                               "backward:tanh_prime_without_square"), grads(gprime=1 - A1)))
            if Z1 is not None:
                out.append((_named("g' was written with Z1 where the course writes A1: tanh's "
                                   "derivative is 1 - tanh(Z1)² = 1 - A1², not 1 - Z1².",
                                   "backward:g_prime_of_Z_not_A"), grads(gprime=1 - Z1 ** 2)))
                out.append((_named(
                    "tanh's derivative is recomputed from Z1 (1 - np.tanh(Z1)**2). The maths is "
                    "right, but the course's test case gives a cache whose A1 is not tanh(Z1), and "
                    "the course writes g' with the cached A1: 1 - np.power(A1, 2).",
                    "backward:A1_from_Z1"), grads(gprime=1 - np.tanh(Z1) ** 2)))
        out.append((_named("dZ2 = (A2 - Y) * A2 * (1 - A2) multiplies by σ'(Z2) once too often: "
                           "with the cross-entropy loss, dL/dA2 · σ'(Z2) simplifies to A2 - Y, "
                           "so σ' is already inside it. dZ2 = A2 - Y (the (a - y)·f'(z) form "
                           "belongs to the squared-error loss).", "backward:dZ2_times_sigmoid_prime"),
                    grads(dZ2=(A2 - Yf) * A2 * (1 - A2))))
        out.append((_named("dZ2 is dA2, the derivative of the loss with respect to A2: the "
                           "sigmoid's derivative still has to multiply it, and the two together "
                           "give dZ2 = A2 - Y.", "backward:dZ2_bce_dA"),
                    grads(dZ2=-(Yf / A2 - (1 - Yf) / (1 - A2)))))
        if X.shape[0] != X.shape[1]:
            out.append((_named(f"every gradient is scaled by the wrong m: m is the number of "
                               f"examples, the columns of X, m = X.shape[1] (here {X.shape[1]}, "
                               f"not {X.shape[0]}).", "backward:m_from_rows"),
                        grads(m=X.shape[0])))
        if A1.shape[0] != X.shape[0]:
            out.append((_named("dW1 multiplies dZ1 by A1ᵀ; the input of layer 1 is X: "
                               "dW1 = (1/m) np.dot(dZ1, X.T).", "backward:dW1_with_A1"),
                        grads(dW1_input=A1)))
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
    cases = [_case("the course's test case", (X, course), {"hidden": hidden}),
             _case("a random case", (rs.randn(3, 6), P), {"hidden": hidden})]
    for case in cases:
        case.variants += _w3_forward_variants(*case.args, hidden)
    return cases


def _w3_forward(X, P, hidden="tanh", output="sigmoid", b1=True, b2=True):
    """The planar forward pass with a learner's slip: another activation, a missing ``+ b``."""
    Z1 = P["W1"] @ X + (P["b1"] if b1 else 0)
    A1 = get_activation(hidden).function(Z1)
    Z2 = P["W2"] @ A1 + (P["b2"] if b2 else 0)
    A2 = get_activation(output).function(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _w3_forward_variants(X, P, hidden):
    out = []
    for other in ("tanh", "relu", "leaky_relu", "sigmoid"):
        if other != hidden:
            out.append((_named(f"A1 is {other}(Z1), but the hidden layer here uses {hidden}: "
                               f"A1 = {'np.tanh(Z1)' if hidden == 'tanh' else hidden + '(Z1)'}.",
                               f"forward:hidden_{other}"), _w3_forward(X, P, hidden=other)))
    for output, key, said in (("tanh", "forward:output_tanh", "tanh(Z2)"),
                              ("linear", "forward:no_output_activation", "Z2 itself"),
                              ("relu", "forward:relu_output", "relu(Z2)")):
        out.append((_named(f"A2 is {said}: the output layer of this classifier is a sigmoid, "
                           "A2 = sigmoid(Z2), a probability between 0 and 1.", key),
                    _w3_forward(X, P, hidden=hidden, output=output)))
    for layer in (1, 2):
        out.append((_named(f"Z{layer} lacks its bias: Z{layer} = np.dot(W{layer}, "
                           f"{'X' if layer == 1 else 'A1'}) + b{layer}.", f"forward:no_b{layer}"),
                    _w3_forward(X, P, hidden=hidden, b1=layer != 1, b2=layer != 2)))
    A2, cache = _w3_forward(X, P, hidden=hidden)
    out.append((_named("the cache holds Z1 under 'A1' and A1 under 'Z1': the backward pass reads "
                       "cache['A1'] for g'(Z1), so keep each under its own name.",
                       "forward:cache_swapped"),
                (A2, {**cache, "Z1": cache["A1"], "A1": cache["Z1"]})))
    out.append((_named("the cache's 'A1' is Z1, before the activation: store A1 = g(Z1), which "
                       "backward_propagation needs for dW2 = dZ2·A1ᵀ and g'(Z1).",
                       "forward:cache_A1_is_Z1"), (A2, {**cache, "A1": cache["Z1"]})))
    return out


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
        cases.append(_case("the course's test case", (P, cache, X, Y), {"hidden": hidden}, m=7))
    for seed in (21, 22):
        rs = _rs(seed)
        X, Y = rs.randn(3, 6), _labels(rs, 6)
        P = _params(rs, [3, 5, 1])
        forward = opts.get("forward")
        if forward is not None:
            ran = run(forward, (X, P))
            if ran.error is not None:
                continue  # reported by the forward check
            cache = ran.value[1]
        else:
            cache = w3a1.forward_propagation(X, P, hidden=hidden)[1]
        cases.append(_case("a random consistent case", (P, cache, X, Y), {"hidden": hidden}, m=6))
    for case in cases:
        case.variants += _w3_backward_variants(*case.args, hidden)
    return cases


def _update_cases(default_rate):
    """The shared update_parameters inputs (dlsnotes.checking), plus a call without the
    learning rate for the version that has a default (W3A1's 1.2, the last shared case's)."""
    def cases(opts):
        out = update_parameters_cases()
        for case in [c for c in out if default_rate is not None and c.args[2] == default_rate]:
            params, grads = case.args[:2]
            variants = dict(case.variants)
            for rate in (0.0075, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0):
                variants[_named(f"the default learning_rate is {rate}; the course's is "
                                f"{default_rate}: def update_parameters(parameters, grads, "
                                f"learning_rate={default_rate}).", "update_parameters:default_rate")] = {
                    k: v - rate * grads["d" + k] for k, v in params.items()}
            out.append(Case(args=case.args[:2], variants=variants,
                            label="the default learning_rate"))
        return out
    return cases


def _cost_cases(opts):
    return bce_cost_cases()


def _w3_cost_type(learner, opts, report):
    """The current W3A1's test asserts ``type(cost) == float``: np.float64 and arrays fail it."""
    if report.failed_tests:
        return  # the values are wrong: that comes first
    A2, Y = bce_cost_cases()[0].args
    ran = run(learner, (A2, Y))
    if ran.error is None and type(ran.value) is not float:
        _tell(report, learner, "cost:not_float",
              f"compute_cost returns {describe(ran.value)} ({type(ran.value).__module__}."
              f"{type(ran.value).__name__}); the current W3A1 asserts type(cost) == float, a Python "
              "float: end with cost = float(np.squeeze(cost)).")


def _w3_old_cost_cases(opts):
    """The older W3A1's compute_cost(A2, Y, parameters): the same cases, with a parameters dict."""
    P = _params(_rs(7), [2, 4, 1])
    out = []
    for case in bce_cost_cases():
        case.args = (*case.args, P)
        out.append(case)
    return out


def _w3_old_cost_type(learner, opts, report):
    """The older W3A1 asserts isinstance(cost, float): np.float64 passes, an array does not."""
    if report.failed_tests:
        return
    case = _w3_old_cost_cases(opts)[0]
    ran = run(learner, case.args)
    if ran.error is None and not isinstance(ran.value, float):
        _tell(report, learner, "cost:not_float",
              f"compute_cost returns {describe(ran.value)}; the older W3A1 asserts "
              "isinstance(cost, float): end with cost = float(np.squeeze(cost)).")


def _w3_train(X, Y, n_h, iterations, hidden="tanh", seed=3, rate=1.2, update=True):
    """The course's nn_model loop with a learner's slip (no seed, another rate, no update)."""
    np.random.seed(0 if seed is None else seed)  # seed_before of the case is 0
    P = w3a1.initialize_parameters(X.shape[0], n_h, Y.shape[0])
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            A2, cache = w3a1.forward_propagation(X, P, hidden=hidden)
            grads = w3a1.backward_propagation(P, cache, X, Y, hidden=hidden)
            new = w3a1.update_parameters(P, grads, rate)
            P = new if update else P
    return P


def _w3_nn_model_cases(opts):
    """The course's test inputs (n_h = 4), and n_h = 3 and 5: a loop that ignores n_h shows."""
    hidden = _w3_hidden(opts)
    out = []
    for case, variants in zip(*_w3_nn_model_cases_of(hidden)):
        out.append(_case(case.label, case.args, case.ref_kwargs, seed_before=case.seed_before,
                         variants=list(variants)))
    return out


@functools.lru_cache(maxsize=8)
def _w3_nn_model_cases_of(hidden):
    """The cases and their known mistakes' values, computed once (they train networks)."""
    rs = _rs(1)
    X, Y = rs.randn(2, 3), _labels(rs, 3)
    rs = _rs(71)
    X2, Y2 = rs.randn(2, 8), _labels(rs, 8)
    out = [_case("the course's test inputs, 1000 iterations", (X, Y, 4, 1000, False), {"hidden": hidden},
                 seed_before=0),
           _case("n_h = 3, 50 iterations", (X2, Y2, 3, 50, False), {"hidden": hidden}, seed_before=0),
           _case("n_h = 5, 50 iterations", (X2, Y2, 5, 50, False), {"hidden": hidden}, seed_before=0)]
    state = np.random.get_state()
    try:
        for case in out:
            X_, Y_, n_h, its = case.args[:4]
            Yf = Y_.astype(float)
            case.variants = [
                (_named("the hidden layer has 4 units whatever n_h is: pass n_h on, "
                        "initialize_parameters(n_x, n_h, n_y), and take only n_x and n_y from "
                        "layer_sizes (its n_h is always 4).", "nn_model:ignores_n_h"),
                 _w3_train(X_, Yf, 4, its, hidden)),
                (_named("the parameters never change: update_parameters returns the new ones "
                        "(W3A1's works on copies), so write parameters = update_parameters("
                        "parameters, grads).", "nn_model:no_update"),
                 _w3_train(X_, Yf, n_h, its, hidden, update=False)),
                (_named("the starting values are not the course's: nn_model calls "
                        "np.random.seed(3) before initialize_parameters.", "nn_model:no_seed"),
                 _w3_train(X_, Yf, n_h, its, hidden, seed=None)),
            ]
            # 10000 (the course's default, for a loop that ignores num_iterations) once
            for its_wrong in [its - 1, its + 1] + ([10000] if case is out[0] else []):
                case.variants.append((_named(
                    "the loop runs another number of iterations than num_iterations: "
                    "for i in range(0, num_iterations).", "nn_model:iterations"),
                    _w3_train(X_, Yf, n_h, its_wrong, hidden)))
            for rate in (0.01, 0.1, 0.5, 1.0, 0.0075):
                case.variants.append((_named(
                    f"the step uses learning_rate={rate}; the course's nn_model keeps "
                    "update_parameters' default, 1.2.", "nn_model:learning_rate"),
                    _w3_train(X_, Yf, n_h, its, hidden, rate=rate)))
    finally:
        np.random.set_state(state)
    return out, [tuple(case.variants) for case in out]


def _predict_variants(A, name):
    return [(_named(f"predict returns the probabilities {name}; the predictions are "
                    f"{name} > 0.5 (1 or True where the probability exceeds one half).",
                    "predict:probabilities"), A),
            (_named(f"the predictions are inverted: 1 where {name} > 0.5, 0 elsewhere.",
                    "predict:inverted"), (A < 0.5).astype(float)),
            (_named(f"the predictions are inverted: 1 where {name} > 0.5, 0 elsewhere.",
                    "predict:inverted"), (A <= 0.5).astype(float))]


def _predict_threshold(make_cases, name):
    """Name a threshold other than 0.5, from which probabilities the learner calls 1."""
    def extra(learner, opts, report):
        if not report.failed_tests or any(k.startswith("predict:") for k in report.mistakes):
            return
        for case in make_cases(opts):
            ran = run(learner, case.args)
            A = case.variants[0][1]
            try:
                got = np.asarray(ran.value, dtype=float).reshape(A.shape)
            except Exception:  # noqa: BLE001
                return
            ones, zeros = A[got == 1], A[got == 0]
            if ones.size + zeros.size == A.size and (not ones.size or not zeros.size
                                                      or ones.min() > zeros.max()):
                _tell(report, learner, "predict:threshold",
                      f"the threshold is not 0.5: the predictions are 1 where {name} > 0.5.")
                return
    return extra


def _w3_predict_cases(opts):
    out = []
    for seed in (1, 41):
        rs = _rs(seed)
        X = rs.randn(2, 5)
        P = _params(rs, [2, 4, 1], 0.5)
        A2 = w3a1.forward_propagation(X, P, hidden=_w3_hidden(opts))[0]
        out.append(_case("a test case", (P, X), {"hidden": _w3_hidden(opts)},
                         variants=_predict_variants(A2, "A2")))
    return out


def _init_cases(seed, scale, deep):
    def cases(opts):
        out = []
        for dims in ([5, 4, 3], [4, 3, 2]) if deep else ([3, 5, 2], [2, 4, 1]):
            args = (list(dims),) if deep else tuple(dims)
            before = 0 if seed is not None else 2
            out.append(_case(f"layer sizes {dims}", args, seed_before=before))
        return out
    return cases


#: W's scale in each initialiser a learner may write: (name, factor of randn(n_l, n_prev)).
_INIT_SCALES = {
    "small": lambda n, n_prev: 0.01,
    "xavier": lambda n, n_prev: 1 / np.sqrt(n_prev),
    "none": lambda n, n_prev: 1.0,
    "tenth": lambda n, n_prev: 0.1,
    "xavier_of_wrong_layer": lambda n, n_prev: 1 / np.sqrt(n),
}


def _init_drawn(dims, seed, scale, reverse=False, uniform=False):
    """The Ws an initialiser draws after ``np.random.seed(seed)`` (RandomState: same numbers)."""
    rs = np.random.RandomState(seed)
    layers = list(range(1, len(dims)))
    out = {}
    for l in (reversed(layers) if reverse else layers):
        draw = rs.rand if uniform else rs.randn
        out[f"W{l}"] = draw(dims[l], dims[l - 1]) * _INIT_SCALES[scale](dims[l], dims[l - 1])
    return out


def _init_why(key, seed, scale, found_seed=None):
    course = {"small": "np.random.randn(n_l, n_prev) * 0.01",
              "xavier": "np.random.randn(n_l, n_prev) / np.sqrt(layer_dims[l - 1])"}[scale]
    texts = {
        "init:no_seed": f"the values are not the course's: call np.random.seed({seed}) at the top of "
                        "the function, as the course does, so the grader's numbers come out.",
        "init:wrong_seed": (f"the function seeds np.random.seed({found_seed}); " + (
            f"the course seeds {seed}: np.random.seed({seed})." if seed is not None else
            "this version of the course seeds outside the function (np.random.seed(2) before "
            "the call): remove the seed from the function.")),
        "init:xavier": "W is divided by np.sqrt(n_prev): that is W4A2's initialiser (dnn_app_utils). "
                       f"This assignment's is {course}.",
        "init:small_scale": "W is scaled by 0.01: that is W4A1's initialiser. W4A2's deep network "
                            f"uses {course} (0.01 makes the signal vanish over 4 layers).",
        "init:not_scaled": f"W is not scaled: multiply np.random.randn(...) as the course does, {course}.",
        "init:scale": f"W has another scale than the course's: {course}.",
        "init:xavier_of_wrong_layer": "W is divided by the square root of the layer's own size; it is "
                                      f"the previous layer's, {course}.",
        "init:draw_order": "the values are the course's but drawn in another order: draw W1 first, "
                           "then W2 (each np.random.randn call takes the next numbers).",
        "init:rand_uniform": "np.random.rand draws uniformly from [0, 1), all positive; the course "
                             f"draws from a normal distribution with np.random.randn: {course}.",
        "init:zeros": "W is all zeros: every unit of a layer then computes the same thing and gets "
                      "the same gradient, so they never differ (symmetry). Draw W at random, "
                      f"{course}; only b starts at zeros.",
        "init:b_random": "b is drawn at random: the course starts the biases at zeros, "
                         "np.zeros((n_l, 1)) (and each extra np.random call shifts the Ws that follow).",
    }
    return texts[key]


def _init_diagnosis(seed, scale):
    """Name an initialiser's mistake from what it returns on the first case: seed, scale, order."""
    def extra(learner, opts, report):
        if not report.failed_tests:
            return
        deep = report.function.endswith("_deep")
        dims = [5, 4, 3] if deep else [3, 5, 2]
        args = (list(dims),) if deep else tuple(dims)
        before = 0 if seed is not None else 2
        ran = run(learner, args, before)
        got = ran.value if ran.error is None and isinstance(ran.value, dict) else None
        if got is None:
            return
        try:
            Ws = {k: np.asarray(got[k], dtype=float) for k in got if str(k).startswith("W")}
            bs = [np.asarray(got[k], dtype=float) for k in got if str(k).startswith("b")]
        except Exception:  # noqa: BLE001 - strange values are described by the tests
            return
        key, found_seed = None, None
        right_seed = seed if seed is not None else before
        if Ws and all(not np.any(W) for W in Ws.values()):
            key = "init:zeros"
        elif Ws and all(np.all(W >= 0) for W in Ws.values()) and any(W.size > 3 for W in Ws.values()):
            key = "init:rand_uniform"
        else:
            def same(candidate):
                return set(candidate) == set(Ws) and all(
                    candidate[k].shape == Ws[k].shape and np.allclose(candidate[k], Ws[k]) for k in Ws)
            for s in [right_seed] + [s for s in range(11) if s != right_seed]:
                for name in [scale] + [n for n in _INIT_SCALES if n != scale]:
                    for reverse in (False, True):
                        if same(_init_drawn(dims, s, name, reverse)):
                            if name != scale:
                                key = {"small": "init:small_scale", "xavier": "init:xavier",
                                       "none": "init:not_scaled", "tenth": "init:scale"}.get(name, f"init:{name}")
                            elif s != right_seed:
                                key = "init:no_seed" if (seed is not None and s == before) else "init:wrong_seed"
                                found_seed = s
                            elif reverse:
                                key = "init:draw_order"
                            break
                    if key:
                        break
                if key:
                    break
        if key is None:  # one W scaled otherwise, the draws right
            drawn = _init_drawn(dims, right_seed, scale)
            for k, W in Ws.items():
                if k in drawn and W.shape == drawn[k].shape and W.size and np.all(drawn[k] != 0):
                    ratio = W / drawn[k]
                    if np.allclose(ratio, ratio.flat[0]) and not np.isclose(ratio.flat[0], 1):
                        unscaled = np.isclose(ratio.flat[0] * _INIT_SCALES[scale](*drawn[k].shape), 1)
                        key = "init:not_scaled" if unscaled else "init:scale"
                        break
        if key is None and any(b.size and np.any(b) for b in bs):
            key = "init:b_random"
        if key is not None:
            # the values that differ follow from it: the one cause is said instead of them
            report.problems[:] = [p for p in report.problems
                                  if " differs: at index" not in p and "times the expected one" not in p]
            _tell(report, learner, key, _init_why(key, seed, scale, found_seed))
    return extra


# --------------------------------------------------------------------------- W4A1 specs
def _activation_forward_cases(opts, name=None):
    Z = _rs(7).randn(3, 4)
    cases = [_case("a random Z", (Z,)), _case("Z = [[-2, 0, 3]]", (np.array([[-2.0, 0.0, 3.0]]),))]
    if name is None:
        return cases
    for case in cases:
        Z = case.args[0]
        A = get_activation(name).function(Z)
        case.variants = [(_named("the cache is A; the course's cache is Z, the input of the "
                                 "activation (relu_backward and sigmoid_backward read Z from it): "
                                 "return A, Z.", "activation:cache_is_A"), (A, A))]
        if name == "relu":
            case.variants.append((_named("this is Leaky ReLU, max(0.01 Z, Z); ReLU is max(0, Z): "
                                         "A = np.maximum(0, Z).", "activation:leaky"),
                                  (np.maximum(0.01 * Z, Z), Z)))
        if name == "sigmoid":
            case.variants.append((_named("this is σ(-Z) = 1/(1 + exp(Z)): the minus sign of the "
                                         "exponent is missing, A = 1 / (1 + np.exp(-Z)).",
                                         "activation:sigmoid_of_minus_Z"),
                                  (1 / (1 + np.exp(Z)), Z)))
    return cases


def _shared(make):
    """A spec's cases from dlsnotes.checking's shared set (the same as the notebooks')."""
    return lambda opts: make()


def _linear_forward_cases(opts):
    rs = _rs(1)
    A, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
    rs = _rs(51)
    A2, W2, b2 = rs.randn(4, 5), rs.randn(3, 4), rs.randn(3, 1)
    out = []
    for label, (a, w, bb) in (("the course's test case", (A, W, b)), ("a random case", (A2, W2, b2))):
        Z = w @ a + bb
        out.append(_case(label, (a, w, bb), variants=[
            (_named("the cache must be (A, W, b) in this order, as linear_backward unpacks it.",
                    "linear_forward:cache_order"), (Z, (w, a, bb))),
            (_named("Z lacks the bias: Z = np.dot(W, A) + b.", "linear_forward:no_b"),
             (w @ a, (a, w, bb))),
            (_named("b is subtracted: Z = np.dot(W, A) + b.", "linear_forward:minus_b"),
             (w @ a - bb, (a, w, bb))),
            (_named("np.sum(b) adds every unit's bias to every unit: each unit has its own, "
                    "Z = np.dot(W, A) + b (b of shape (n_l, 1) broadcasts over the examples).",
                    "linear_forward:b_summed"), (w @ a + np.sum(bb), (a, w, bb)))]))
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
            Z = cache[1]
            g = get_activation(act).function
            out.append(_case(f"{label}, activation='{act}'", (*args, act), variants=[
                (_named(f"activation='{act}' computed {other}: check which branch runs for each "
                        "name.", "linear_activation_forward:swapped"),
                 w4a1.linear_activation_forward(*args, other)),
                (_named("the activation cache must be Z (what sigmoid/relu return as their "
                        "cache), not A.", "activation:cache_is_A"), (A_out, (cache[0], A_out))),
                (_named("Z lacks the bias: Z = np.dot(W, A_prev) + b (linear_forward adds it).",
                        "linear_activation_forward:no_b"),
                 (g(Z - args[2]), (cache[0], Z - args[2])))]
                + ([(_named("activation='relu' computed Leaky ReLU, max(0.01 Z, Z); ReLU is "
                            "max(0, Z).", "linear_activation_forward:leaky"),
                     (np.maximum(0.01 * Z, Z), cache))] if act == "relu" else [])))
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
        caches = w4a1.L_model_forward(x, p)[1]
        out.append(_case(label, (x, p), variants=[
            (_named("the last layer must use sigmoid (LINEAR -> SIGMOID), the others relu.",
                    "L_model_forward:output_relu"), w4a1.L_model_forward(x, p, output="relu")),
            (_named("the hidden layers must use relu; only the last one uses sigmoid.",
                    "L_model_forward:hidden_sigmoid"), w4a1.L_model_forward(x, p, hidden="sigmoid")),
            (_named("the hidden layers must use relu; only the last one uses sigmoid.",
                    "L_model_forward:hidden_sigmoid"),
             w4a1.L_model_forward(x, p, hidden="sigmoid", output="relu")),
            (_named("AL is X: return the last layer's output, AL (the A that comes out of the "
                    "sigmoid layer).", "L_model_forward:returns_X"), (x, caches)),
        ]))
    return out


def _linear_activation_backward_cases(opts):
    rs = _rs(2)
    dA, A, W, b, Z = rs.randn(1, 2), rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
    rs = _rs(91)
    dA2, A2, W2, b2, Z2 = rs.randn(3, 5), rs.randn(4, 5), rs.randn(3, 4), rs.randn(3, 1), rs.randn(3, 5)
    Z3 = Z2.copy()
    Z3[0, 1] = Z3[2, 3] = 0.0  # exact zeros: relu's g'(0) is 0 in the course
    out = []
    for label, (d, cache) in (("the course's test case", (dA, ((A, W, b), Z))),
                              ("a random case", (dA2, ((A2, W2, b2), Z2))),
                              ("zeros in Z", (dA2, ((A2, W2, b2), Z3)))):
        for act, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
            if label == "zeros in Z" and act == "sigmoid":
                continue
            right = w4a1.linear_activation_backward(d, cache, act)
            variants = [
                (_named(f"activation='{act}' used the derivative of {other}: call {act}_backward "
                        f"for '{act}'.", "linear_activation_backward:swapped"),
                 w4a1.linear_activation_backward(d, cache, other)),
                (_named("dZ = dA: the activation's derivative is missing; call relu_backward / "
                        "sigmoid_backward before linear_backward.",
                        "linear_activation_backward:no_g_prime"), w4a1.linear_backward(d, cache[0])),
                (_named("the three gradients come back in another order: the course returns "
                        "(dA_prev, dW, db).", "linear_activation_backward:return_order"),
                 (right[1], right[2], right[0]))]
            if act == "relu" and np.any(cache[1] == 0):
                variants.append((_named(
                    "the gradient passes where Z is exactly 0 (Z >= 0): the course's "
                    "relu_backward sets dZ[Z <= 0] = 0, ReLU's slope at 0 taken as 0.",
                    "linear_activation_backward:slope_at_zero"),
                    w4a1.linear_backward(d * (cache[1] >= 0), cache[0])))
            out.append(_case(f"{label}, activation='{act}'", (d, cache, act), m=d.shape[1],
                             variants=variants))
    return out


def _dAL_variants():
    return [
        (_named("dAL: the minus sign covers only the first term — a parenthesis closes too early. "
                "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)).", "dAL:parenthesis"),
         lambda AL, Y: -(Y / AL) - (1 - Y) / (1 - AL)),
        (_named("dAL has the wrong sign: dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)).",
                "dAL:sign"),
         lambda AL, Y: Y / AL - (1 - Y) / (1 - AL)),
        (_named("dAL = AL - Y is dZ[L], not dAL: sigmoid_backward would then multiply by σ'(Z) a "
                "second time. Start from dAL = -(Y/AL - (1 - Y)/(1 - AL)).", "dAL:is_dZ"),
         lambda AL, Y: AL - Y),
        (_named("dAL has a 1/m: dAL is the derivative of the loss L of each example, not of the "
                "cost J; the 1/m belongs to dW and db only.", "dAL:over_m"),
         lambda AL, Y: (-(Y / AL - (1 - Y) / (1 - AL))) / AL.shape[1]),
        (_named("dAL = 2(AL - Y) is the derivative of the squared error (AL - Y)²; this network's "
                "loss is the cross-entropy, whose derivative is dAL = -(Y/AL - (1 - Y)/(1 - AL)).",
                "dAL:mse"),
         lambda AL, Y: 2 * (AL - Y)),
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
        out.append((_named("the hidden layers used sigmoid's derivative; they are relu layers.",
                           "L_model_backward:hidden_sigmoid"),
                    w4a1.L_model_backward(AL, Y, caches, hidden="sigmoid")))
        out.append((_named("the output layer used relu's derivative; it is the sigmoid layer.",
                           "L_model_backward:output_relu"),
                    w4a1.L_model_backward(AL, Y, caches, output="relu")))
        out.append((_named("the output layer used relu's derivative; it is the sigmoid layer.",
                           "L_model_backward:output_relu"),
                    w4a1.L_model_backward(AL, Y, caches, output="relu", hidden="sigmoid")))
    return out


def _l_backward_cases(opts):
    cases = []
    if opts.get("forward") is None:
        rs = _rs(3)
        AL, Y = rs.randn(1, 2), np.array([[1, 0]])
        A1, W1, b1, Z1 = rs.randn(4, 2), rs.randn(3, 4), rs.randn(3, 1), rs.randn(3, 2)
        A2, W2, b2, Z2 = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
        caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))
        cases.append(_case("the course's test case", (AL, Y, caches), m=2))
    for seed in (101, 102):
        rs = _rs(seed)
        X, Y = rs.randn(4, 5), _labels(rs, 5).astype(int)
        P = _params(rs, [4, 3, 2, 1], 0.8)
        forward = opts.get("forward")
        if forward is not None:
            ran = run(forward, (X, P))
            if ran.error is not None:
                continue
            AL, caches = ran.value
        else:
            AL, caches = w4a1.L_model_forward(X, P)
        cases.append(_case("a random consistent case", (AL, Y, caches), m=5))
    for case in cases:
        try:
            case.variants = _l_backward_variants(*case.args)
        except Exception:  # noqa: BLE001 - a learner's caches the reference cannot read
            case.variants = []
    return cases


def _l_backward_keys(learner, opts, report):
    """Name grads keys shifted by one (dA1..dAL for dA0..dA(L-1)), a common indexing slip."""
    if "return:missing_keys" not in report.mistakes:
        return
    case = _l_backward_cases({})[-1]
    ran = run(learner, case.args)
    L = len(case.args[2])
    if ran.error is None and isinstance(ran.value, dict) and f"dA{L}" in ran.value \
            and "dA0" not in ran.value:
        _tell(report, learner, "L_model_backward:key_off_by_one", (
            f"grads has dA{L} but no dA0: the dA keys are shifted by one. The gradient that "
            "linear_activation_backward returns for layer l is dA_prev, so it is stored as "
            "grads['dA' + str(l - 1)]: dA0 ... dA(L-1), next to dW1..dWL and db1..dbL."))


# --------------------------------------------------------------------------- W4A2 specs
_DA2 = {
    "course": lambda A, Y: -(np.divide(Y, A) - np.divide(1 - Y, 1 - A)),
    "dAL:sign": lambda A, Y: np.divide(Y, A) - np.divide(1 - Y, 1 - A),
    "dAL:is_dZ": lambda A, Y: A - Y,
    "dAL:parenthesis": lambda A, Y: -np.divide(Y, A) - np.divide(1 - Y, 1 - A),
}


def _two_layer_train(X, Y, dims, rate, iterations, dA2="course", forward1="relu", backward1="relu",
                     stale=False):
    """The course's two_layer_model loop with a learner's slip (W4A2's helpers)."""
    np.random.seed(1)
    P = w4a2.initialize_parameters(*dims)
    W1, b1, W2, b2 = P["W1"], P["b1"], P["W2"], P["b2"]
    costs = []
    with np.errstate(all="ignore"):
        for i in range(iterations):
            A1, cache1 = w4a2.linear_activation_forward(X, W1, b1, forward1)
            A2, cache2 = w4a2.linear_activation_forward(A1, W2, b2, "sigmoid")
            cost = w4a2.compute_cost(A2, Y)
            dA1, dW2, db2 = w4a2.linear_activation_backward(_DA2[dA2](A2, Y), cache2, "sigmoid")
            _, dW1, db1 = w4a2.linear_activation_backward(dA1, cache1, backward1)
            P = w4a2.update_parameters(P, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, rate)
            if not stale:
                W1, b1, W2, b2 = P["W1"], P["b1"], P["W2"], P["b2"]
            if i % 100 == 0:
                costs.append(cost)
    return P, costs


def _model_variants(train, X, Y, dims, rate, iterations):
    out = []
    for other in (0.0075, 0.01, 0.1) if rate not in (0.0075,) else ():
        out.append((_named(f"the update uses learning_rate={other}, not the learning_rate the "
                           "model is given: update_parameters(parameters, grads, learning_rate).",
                           "model:learning_rate"), train(X, Y, dims, other, iterations)))
    for other in (iterations - 1, iterations + 1):
        out.append((_named("the loop runs another number of iterations than num_iterations: "
                           "for i in range(0, num_iterations).", "model:iterations"),
                    train(X, Y, dims, rate, other)))
    return out


def _two_layer_cases(opts):
    rs = _rs(1)
    X, Y = rs.randn(10, 10), rs.randn(1, 10)
    out = [_case("the course's test case (2 iterations)", (X, Y, (10, 4, 1), 0.0075, 2, False)),
           _case("learning_rate=0.1, 3 iterations", (X, Y, (10, 4, 1), 0.1, 3, False))]
    state = np.random.get_state()
    try:
        for case in out:
            X_, Y_, dims, rate, its = case.args[:5]
            case.variants = _model_variants(_two_layer_train, X_, Y_, dims, rate, its)
            for key in ("dAL:sign", "dAL:is_dZ", "dAL:parenthesis"):
                why = dict((k.key, k) for k, _ in _dAL_variants())[key]
                case.variants.append((_named("dA2: " + why, key),
                                      _two_layer_train(X_, Y_, dims, rate, its, dA2=key)))
            case.variants += [
                (_named("the updated W1, b1, W2, b2 are never read back from parameters: after "
                        "update_parameters, set W1 = parameters['W1'] (and b1, W2, b2), or the "
                        "forward pass keeps using the first weights.", "model:stale_weights"),
                 _two_layer_train(X_, Y_, dims, rate, its, stale=True)),
                (_named("the first layer is LINEAR -> RELU and the second LINEAR -> SIGMOID: "
                        "linear_activation_forward(X, W1, b1, 'relu') and the backward step "
                        "with 'relu' too.", "model:activations_swapped"),
                 _two_layer_train(X_, Y_, dims, rate, its, forward1="sigmoid", backward1="sigmoid")),
                (_named("the first layer's backward step uses another activation than its "
                        "forward step: both are 'relu'.", "model:backward_activation"),
                 _two_layer_train(X_, Y_, dims, rate, its, backward1="sigmoid")),
            ]
    finally:
        np.random.set_state(state)
    return out


def _l_layer_train(X, Y, dims, rate, iterations):
    with contextlib.redirect_stdout(io.StringIO()):
        return w4a2.L_layer_model(X, Y, dims, rate, iterations)


def _l_layer_cases(opts):
    rs = _rs(1)
    X, Y = rs.randn(10, 10), np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    out = [_case("the course's test case (2 iterations)", (X, Y, (10, 5, 6, 1), 0.0075, 2, False)),
           _case("learning_rate=0.02, 3 iterations", (X, Y, (10, 5, 6, 1), 0.02, 3, False)),
           _case("150 iterations (costs at 0 and 100)", (X, Y, (10, 5, 6, 1), 0.0075, 150, False))]
    state = np.random.get_state()
    try:
        for case in out[:2]:
            case.variants = _model_variants(_l_layer_train, *case.args[:5])
    finally:
        np.random.set_state(state)
    return out


def _costs_every_iteration(learner, opts, report):
    """Name a costs list with one entry per iteration (the course records every 100th)."""
    if "return:length" not in report.mistakes:
        return
    spec_cases = _two_layer_cases if report.function == "two_layer_model" else _l_layer_cases
    case = spec_cases(opts)[1]
    ran = run(learner, case.args)
    try:
        n = len(ran.value[1])
    except Exception:  # noqa: BLE001
        return
    if n == case.args[4]:
        _tell(report, learner, "model:costs_every_iteration", "costs holds the cost of every iteration; the course records "
                                  "it every 100 iterations: if i % 100 == 0: costs.append(cost).")


def _w4a2_predict_cases(opts):
    rs = _rs(111)
    X, Y = rs.randn(4, 8), (rs.randn(1, 8) > 0).astype(int)
    P = _params(rs, [4, 3, 1], 1.0)
    AL = w4a1.L_model_forward(X, P)[0]
    return [_case("a random case", (X, Y, P), variants=_predict_variants(AL, "AL"))]


def _layer_sizes_cases(opts):
    rs = _rs(1)
    return [_case("the course's test case", (rs.randn(5, 3), rs.randn(2, 3))),
            _case("a second case", (rs.randn(7, 5), rs.randn(5, 5)))]


def _sigmoid_w3_cases(opts):
    return [_case("x = [0, 2]", (np.array([0.0, 2.0]),)), _case("a random x", (_rs(9).randn(3, 4),))]


SPECS = [
    # W3A1
    Spec("layer_sizes", "W3A1", w3a1.layer_sizes, _layer_sizes_cases, ("n_x", "n_h", "n_y")),
    Spec("initialize_parameters", "W3A1", w3a1.initialize_parameters,
         _init_cases(None, "small", deep=False), single="parameters",
         extra=_init_diagnosis(None, "small")),
    Spec("forward_propagation", "W3A1", w3a1.forward_propagation, _w3_cases_forward, ("A2", "cache")),
    Spec("compute_cost", "W3A1", w3a1.compute_cost, _cost_cases, single="cost", extra=_w3_cost_type),
    Spec("compute_cost", "W3A1", w3a1.compute_cost, _w3_old_cost_cases, single="cost",
         extra=_w3_old_cost_type, version="the older W3A1, compute_cost(A2, Y, parameters)"),
    Spec("backward_propagation", "W3A1", w3a1.backward_propagation, _w3_cases_backward,
         single="grads", extra=lambda f, o, r: _gradcheck_w3(f, o, r)),
    Spec("update_parameters", "W3A1", w3a1.update_parameters, _update_cases(1.2),
         single="parameters"),
    Spec("nn_model", "W3A1", w3a1.nn_model, _w3_nn_model_cases, single="parameters"),
    Spec("predict", "W3A1", w3a1.predict, _w3_predict_cases, single="predictions",
         extra=_predict_threshold(_w3_predict_cases, "A2")),
    Spec("sigmoid", "W3A1", w3a1.sigmoid, _sigmoid_w3_cases, single="s"),
    # W4A1
    Spec("sigmoid", "W4A1", w4a1.sigmoid, lambda o: _activation_forward_cases(o, "sigmoid"), ("A", "cache")),
    Spec("relu", "W4A1", w4a1.relu, lambda o: _activation_forward_cases(o, "relu"), ("A", "cache")),
    Spec("sigmoid_backward", "W4A1", w4a1.sigmoid_backward, _shared(sigmoid_backward_cases), single="dZ"),
    Spec("relu_backward", "W4A1", w4a1.relu_backward, _shared(relu_backward_cases), single="dZ"),
    Spec("initialize_parameters", "W4A1", w4a1.initialize_parameters,
         _init_cases(1, "small", deep=False), single="parameters", extra=_init_diagnosis(1, "small")),
    Spec("initialize_parameters_deep", "W4A1", w4a1.initialize_parameters_deep,
         _init_cases(3, "small", deep=True), single="parameters", extra=_init_diagnosis(3, "small")),
    Spec("linear_forward", "W4A1", w4a1.linear_forward, _linear_forward_cases, ("Z", "cache")),
    Spec("linear_activation_forward", "W4A1", w4a1.linear_activation_forward,
         _linear_activation_forward_cases, ("A", "cache")),
    Spec("L_model_forward", "W4A1", w4a1.L_model_forward, _l_forward_cases, ("AL", "caches")),
    Spec("compute_cost", "W4A1", w4a1.compute_cost, _cost_cases, single="cost"),
    Spec("linear_backward", "W4A1", w4a1.linear_backward, _shared(linear_backward_cases),
         ("dA_prev", "dW", "db")),
    Spec("linear_activation_backward", "W4A1", w4a1.linear_activation_backward,
         _linear_activation_backward_cases, ("dA_prev", "dW", "db")),
    Spec("L_model_backward", "W4A1", w4a1.L_model_backward, _l_backward_cases, single="grads",
         extra=lambda f, o, r: (_l_backward_keys(f, o, r), _gradcheck_w4(f, o, r))),
    Spec("update_parameters", "W4A1", w4a1.update_parameters, _update_cases(None), single="parameters"),
    # W4A2
    Spec("initialize_parameters_deep", "W4A2", w4a2.initialize_parameters_deep,
         _init_cases(1, "xavier", deep=True), single="parameters", extra=_init_diagnosis(1, "xavier")),
    Spec("two_layer_model", "W4A2", w4a2.two_layer_model, _two_layer_cases, ("parameters", "costs"),
         extra=_costs_every_iteration),
    Spec("L_layer_model", "W4A2", w4a2.L_layer_model, _l_layer_cases, ("parameters", "costs"),
         extra=_costs_every_iteration),
    Spec("predict", "W4A2", w4a2.predict, _w4a2_predict_cases, single="p",
         extra=_predict_threshold(_w4a2_predict_cases, "AL")),
    Spec("update_parameters", "W4A2", w4a2.update_parameters, _update_cases(None), single="parameters",
         version="W4A2's dnn_app_utils version (in place)"),
]

#: Every function :func:`check` knows, by name, with the assignments that define it.
CHECKABLE = {}
for _spec in SPECS:
    if _spec.assignment not in CHECKABLE.setdefault(_spec.name, []):
        CHECKABLE[_spec.name].append(_spec.assignment)


# --------------------------------------------------------------------------- gradient checks
def _numeric_grads(cost, parameters, eps=1e-6):
    theta, _ = dictionary_to_vector(parameters)
    approx = central_differences(lambda t: cost(vector_to_dictionary(t, parameters)), theta, eps)
    return vector_to_dictionary(approx, parameters)


def _gradcheck(report, forward, backward, cost_of, X, Y, P, who):
    ran = run(forward, (X, P))
    if ran.error is not None:
        report.problems.append(f"gradient check: the forward pass failed: {ran.error}")
        return
    out = run(backward, (*_backward_args(report, ran.value, X, Y, P),))
    if out.error is not None or not isinstance(out.value, dict):
        return  # already reported by the tests
    keys = [k for k in P]
    missing = [k for k in keys if f"d{k}" not in out.value]
    if missing:
        return

    def cost(theta):
        r = run(forward, (X, theta))
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
    report.mistakes.append("gradient_check")
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
    ran = run(forward, (X, P))
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
