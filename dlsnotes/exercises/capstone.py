"""Checkers for ``notebooks/09_build_it_yourself.ipynb``: the whole network, written by the learner.

The learner writes every piece of an L-layer network and trains it with their own loop:

* ``g(Z, name)`` and ``g_prime(Z, name)`` — an activation and its derivative, for
  ``"relu"``, ``"tanh"``, ``"sigmoid"`` and ``"linear"``;
* ``forward(X, parameters, hidden, output)`` — ``(AL, caches)``, the course's
  ``L_model_forward`` with each layer's cache ``((A_prev, W, b), Z)``;
* ``compute_cost(AL, Y, loss)`` — ``J`` for ``"mse"`` (``½ mean (a − y)²``) or ``"bce"``;
* ``compute_dAL(AL, Y, loss)`` — ``dAL = ∂L/∂A[L]`` of that loss;
* ``backward(dAL, caches, hidden, output)`` — every ``dW{l}``, ``db{l}`` (and ``dA{l-1}``);
* ``update(parameters, grads, learning_rate)`` — one gradient-descent step;
* ``train(net, X, Y, layer_dims, hidden, output, loss, learning_rate, num_iterations, init,
  seed)`` — the loop, calling the five functions through ``net``.

Each ``check_*`` runs on the one checker core, :mod:`dlsnotes.checking` (shared inputs where
the concept is shared: ``dAL`` of the MSE, the cross-entropy cost, the update), compares with
the package's course functions and names the mistake. :func:`use` and :func:`assemble` pick
the learner's function when its check passes and otherwise say (✘) that the reference is
used instead (:func:`dlsnotes.checking.use_yours_or_reference`), so Run All with a wrong stub
still runs, and says so. :func:`gradient_check_net`
checks the learner's whole chain — their cost against their backward pass — by central
differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS
from ..checking import (Case, CheckResult, Mistake, bce_cost_cases, checker, dAL_bce_cases,
                        dAL_mse_cases, describe, run, run_checks, update_parameters_cases,
                        use_yours_or_reference)
from ..gradcheck import (GradCheckReport, central_differences, dictionary_to_vector,
                         relative_difference, vector_to_dictionary)
from ..losses import LOSSES
from ..model import initialize_parameters_deep, linear_activation_backward, L_model_forward

__all__ = [
    "NAMES", "Network",
    "reference_g", "reference_g_prime", "reference_forward", "reference_compute_cost",
    "reference_compute_dAL", "reference_backward", "reference_update", "reference_train",
    "REFERENCE_NET",
    "check_g", "check_g_prime", "check_forward", "check_compute_cost", "check_compute_dAL",
    "check_backward", "check_update", "check_train", "check_cost_and_dAL_agree",
    "use", "assemble", "gradient_check_net", "r_squared", "accuracy",
]

#: The activations the learner's ``g`` and ``g_prime`` know.
NAMES = ("relu", "tanh", "sigmoid", "linear")


# =========================================================================== the references
# The package's course functions, so the checkers never depend on the notebook's solution.
def reference_g(Z, name):
    """``A = g(Z)`` for ``name`` in :data:`NAMES`; shape of ``Z``."""
    return ACTIVATIONS[name].function(Z)


def reference_g_prime(Z, name):
    r"""``g'(Z)`` element-wise, e.g. :math:`\mathbb 1\{Z > 0\}` for ReLU; shape of ``Z``."""
    return ACTIVATIONS[name].derivative(Z) * np.ones_like(Z)  # linear's g' = 1 as an array


def reference_forward(X, parameters, hidden, output):
    """``(AL, caches)`` with ``caches[l - 1] = ((A_prev, W, b), Z)`` of layer ``l``."""
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    return AL, [((c[0][0], c[0][1], c[0][2]), c[1]) for c in caches]  # plain tuples, as the course


def reference_compute_cost(AL, Y, loss):
    r"""``J`` as a float: :math:`\frac{1}{2m}\sum (a - y)^2` (mse) or the cross-entropy (bce)."""
    return float(LOSSES[loss].cost(AL, Y))


def reference_compute_dAL(AL, Y, loss):
    r"""``dAL = ∂L/∂A[L]``: ``AL − Y`` (mse), :math:`-(Y/A - (1 - Y)/(1 - A))` (bce)."""
    return LOSSES[loss].dAL(AL, Y)


def reference_backward(dAL, caches, hidden, output):
    r"""``grads`` with ``dA{l-1}``, ``dW{l}``, ``db{l}`` for ``l = L..1``, starting from ``dAL``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]}),\quad
              dW^{[l]} = \tfrac1m dZ^{[l]} A^{[l-1]\top},\quad
              db^{[l]} = \tfrac1m \textstyle\sum_i dZ^{[l](i)},\quad dA^{[l-1]} = W^{[l]\top} dZ^{[l]}
    """
    grads, dA, L = {}, dAL, len(caches)
    for l in range(L, 0, -1):
        name = output if l == L else hidden
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], name)
        grads[f"dA{l - 1}"] = dA
    return grads


def reference_update(parameters, grads, learning_rate):
    """A new dict with ``W{l} − α dW{l}`` and ``b{l} − α db{l}`` for every layer."""
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


@dataclass(frozen=True)
class Network:
    """The five functions a training loop needs, chosen by :func:`assemble`."""

    forward: object
    compute_cost: object
    compute_dAL: object
    backward: object
    update: object

    def __repr__(self):
        names = ", ".join(f"{k}={getattr(getattr(self, k), '__name__', '?')}" for k in _NET_PARTS)
        return f"Network({names})"


_NET_PARTS = ("forward", "compute_cost", "compute_dAL", "backward", "update")


def reference_train(net, X, Y, layer_dims, hidden, output, loss, learning_rate, num_iterations,
                    init="he", seed=1):
    """``(parameters, costs)``: ``num_iterations`` full-batch steps, the cost before each step."""
    parameters = initialize_parameters_deep(layer_dims, init=init, seed=seed)
    costs = []
    for _ in range(num_iterations):
        AL, caches = net.forward(X, parameters, hidden, output)
        costs.append(net.compute_cost(AL, Y, loss))
        grads = net.backward(net.compute_dAL(AL, Y, loss), caches, hidden, output)
        parameters = net.update(parameters, grads, learning_rate)
    return parameters, costs


REFERENCE_NET = Network(reference_forward, reference_compute_cost, reference_compute_dAL,
                        reference_backward, reference_update)


# =========================================================================== g and g'
G_MAX = Mistake(
    "np.max(Z, ...) returns the largest entry along an axis, not one value per entry. ReLU "
    "compares each entry with 0: np.maximum(0, Z) (two arguments, element by element).",
    "g:np_max")
G_SIGMOID_SIGN = Mistake(
    "1 / (1 + np.exp(Z)) is σ(−Z): the sigmoid has a minus in the exponent, "
    "1 / (1 + np.exp(-Z)).", "g:sigmoid_sign")
G_RELU_MASK = Mistake(
    "returned the mask (Z > 0) as numbers: that is ReLU's derivative, not ReLU. "
    "g(Z) = max(0, Z) keeps the value of Z where it is positive: np.maximum(0, Z).", "g:relu_mask")


def _activation_inputs():
    """One ``Z`` per name, no entry within 0.1 of 0 (so Z > 0 and Z >= 0 agree)."""
    out = []
    for k, (name, shape) in enumerate(zip(NAMES, [(3, 5), (2, 6), (1, 7), (4, 3)])):
        rng = np.random.RandomState(90 + k)
        out.append((name, rng.uniform(0.1, 2.5, shape) * rng.choice([-1.0, 1.0], shape)))
    return out


def g_cases():
    """``(Z, name)`` for each of :data:`NAMES`, with the known wrong ``g``."""
    cases = []
    for name, Z in _activation_inputs():
        variants = {G_MAX: np.max(Z, axis=0)} if name == "relu" else {}
        if name == "relu":
            variants[G_RELU_MASK] = (Z > 0).astype(float)
        if name == "sigmoid":
            variants[G_SIGMOID_SIGN] = 1 / (1 + np.exp(Z))
        cases.append(Case(args=(Z, name), expected=reference_g(Z, name), variants=variants,
                          label=f"{name}, Z of shape {Z.shape}"))
    return cases


GP_RELU_Z = Mistake(
    "ReLU's derivative is not Z: it is the slope of max(0, z), 1 where Z > 0 and 0 elsewhere: "
    "(Z > 0).astype(float).", "g_prime:relu_Z")
GP_RELU_A = Mistake(
    "ReLU's derivative is not A = max(0, Z) itself but its slope: 1 where Z > 0, else 0.",
    "g_prime:relu_A")
GP_TANH_FOR_RELU = Mistake(
    "1 − A² is tanh's derivative. With A = ReLU(Z) it is 1 where Z <= 0 (the flat side, "
    "slope 0) and 1 − Z² elsewhere (slope 1). The derivative must be the one of the "
    "activation the forward pass used: (Z > 0) for ReLU.", "g_prime:tanh_for_relu")
GP_RELU_ONES = Mistake(
    "every entry is 1: a test such as A >= 0 is always true, since A = max(0, Z). The slope "
    "of ReLU depends on Z: (Z > 0).astype(float).", "g_prime:relu_ones")
GP_SIGMOID_Z = Mistake(
    "Z(1 − Z) uses Z where the sigmoid's output belongs: s = 1/(1 + exp(−Z)), then "
    "g'(Z) = s(1 − s).", "g_prime:sigmoid_Z")
GP_SIGMOID_S = Mistake(
    "returned s = σ(Z) itself: the sigmoid's derivative is s(1 − s).", "g_prime:sigmoid_s")
GP_TANH_Z = Mistake(
    "1 − Z² uses Z where tanh's output belongs: g'(Z) = 1 − tanh(Z)².", "g_prime:tanh_Z")
GP_TANH_NOT_SQUARED = Mistake(
    "1 − tanh(Z) is missing the square: g'(Z) = 1 − tanh(Z)**2.", "g_prime:tanh_not_squared")
GP_LINEAR_Z = Mistake(
    "the linear activation g(z) = z has slope 1 everywhere, not z: np.ones_like(Z).",
    "g_prime:linear_Z")
GP_LINEAR_SCALAR = Mistake(
    "returned the single number 1: right value, but the derivative has one entry per unit and "
    "example, so dZ = dA * g'(Z) keeps its shape: np.ones_like(Z).", "g_prime:linear_scalar")


def g_prime_cases():
    """``(Z, name)`` for each of :data:`NAMES`, with the known wrong derivatives."""
    cases = []
    for name, Z in _activation_inputs():
        s, t, a = reference_g(Z, "sigmoid"), np.tanh(Z), np.maximum(0, Z)
        variants = {
            "relu": {GP_RELU_Z: Z, GP_RELU_A: a, GP_TANH_FOR_RELU: 1 - a ** 2,
                     GP_RELU_ONES: np.ones_like(Z)},
            "sigmoid": {GP_SIGMOID_Z: Z * (1 - Z), GP_SIGMOID_S: s},
            "tanh": {GP_TANH_Z: 1 - Z ** 2, GP_TANH_NOT_SQUARED: 1 - t},
            "linear": {GP_LINEAR_Z: Z, GP_LINEAR_SCALAR: np.float64(1.0)},
        }[name]
        cases.append(Case(args=(Z, name), expected=reference_g_prime(Z, name), variants=variants,
                          label=f"{name}, Z of shape {Z.shape}"))
    return cases


def _per_name(name, fn, cases):
    """Each activation's verdict said once, under its name ("relu: ..."), not as "test 3"."""
    messages, mistakes = [], []
    for case in cases:
        result = run_checks(name, fn, [case])
        if result.mistakes and set(result.mistakes) <= {"return:none", "raised"} & set(mistakes):
            continue  # a stub's None (or the same exception): said once, not for every name
        messages += [f"{case.args[1]}: {m.split(': ', 1)[1]}" for m in result.messages]
        mistakes += result.mistakes
    return CheckResult(name, not messages, messages, list(dict.fromkeys(mistakes)))


@checker("g")
def check_g(fn) -> CheckResult:
    """Check ``g(Z, name)`` returns the activation of ``Z`` for every name in :data:`NAMES`."""
    return _per_name("g", fn, g_cases())


@checker("g_prime")
def check_g_prime(fn) -> CheckResult:
    r"""Check ``g_prime(Z, name)`` returns :math:`g'(Z)`, one entry per entry of ``Z``."""
    return _per_name("g_prime", fn, g_prime_cases())


# =========================================================================== forward
FW_OUTPUT_AS_HIDDEN = Mistake(
    "the output layer used the hidden activation: the last layer L applies `output`, the "
    "layers 1..L−1 apply `hidden` (if l == L: ... else: ...).", "forward:output_as_hidden")
FW_HIDDEN_AS_OUTPUT = Mistake(
    "the hidden layers used the output activation: layers 1..L−1 apply `hidden`, only the "
    "last one applies `output`.", "forward:hidden_as_output")
FW_CACHE_A = Mistake(
    "each layer's cache holds A = g(Z) where the course keeps Z: backward needs g'(Z), "
    "so the cache is ((A_prev, W, b), Z).", "forward:cache_A")
FW_NO_B = Mistake(
    "the bias is missing: Z = W @ A_prev + b.", "forward:no_b")
FW_CACHE_A_OUT = Mistake(
    "the linear cache holds the layer's output A where its input A_prev belongs: "
    "dW = (1/m) dZ @ A_prev.T needs what went into the layer, ((A_prev, W, b), Z).",
    "forward:cache_A_out")

#: (layer_dims, m, hidden, output, seed) of the tries: every activation, 2 and 3 layers.
_FORWARD_NETS = (([2, 3, 1], 5, "relu", "sigmoid", 61), ([1, 4, 1], 6, "relu", "relu", 62),
                 ([3, 4, 2, 1], 7, "tanh", "linear", 63))


def _net_inputs(layer_dims, m, seed):
    rng = np.random.RandomState(seed)
    X = rng.randn(layer_dims[0], m)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1])
        params[f"b{l}"] = rng.randn(layer_dims[l], 1)
    return X, params


def _forward_with(X, params, acts, keep="Z", bias=True, a_prev_slot="in"):
    caches, A, L = [], X, len(params) // 2
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = W @ A + (b if bias else 0)
        A_new = reference_g(Z, acts[l - 1])
        caches.append(((A if a_prev_slot == "in" else A_new, W, b), Z if keep == "Z" else A_new))
        A = A_new
    return A, caches


def forward_cases():
    """``(X, parameters, hidden, output)`` of three networks; ``expected`` is ``(AL, caches)``."""
    cases = []
    for dims, m, hidden, output, seed in _FORWARD_NETS:
        X, params = _net_inputs(dims, m, seed)
        L = len(dims) - 1
        acts = [hidden] * (L - 1) + [output]
        variants = {FW_OUTPUT_AS_HIDDEN: _forward_with(X, params, [hidden] * L),
                    FW_HIDDEN_AS_OUTPUT: _forward_with(X, params, [output] * L),
                    FW_CACHE_A: _forward_with(X, params, acts, keep="A"),
                    FW_NO_B: _forward_with(X, params, acts, bias=False),
                    FW_CACHE_A_OUT: _forward_with(X, params, acts, a_prev_slot="out")}
        cases.append(Case(args=(X, params, hidden, output), expected=reference_forward(X, params, hidden, output),
                          variants=variants, m=m, label=f"{dims}, {hidden}/{output}",
                          returns="the tuple (AL, caches)"))
    return cases


@checker("forward")
def check_forward(fn) -> CheckResult:
    r"""Check ``forward(X, parameters, hidden, output)`` returns ``(AL, caches)``.

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]},\quad A^{[l]} = g^{[l]}(Z^{[l]}),\quad
              \text{cache}^{[l]} = ((A^{[l-1]}, W^{[l]}, b^{[l]}), Z^{[l]})

    ``g^{[l]}`` is ``hidden`` for ``l < L`` and ``output`` for ``l = L``. Tried on a
    ``[2, 3, 1]`` ReLU/sigmoid, a ``[1, 4, 1]`` ReLU/ReLU and a ``[3, 4, 2, 1]``
    tanh/linear network.
    """
    result = run_checks("forward", fn, forward_cases(), outputs=("AL", "caches"),
                        first_failure_only=True)
    return _dependencies_first(result, fn, {"g": check_g})


# =========================================================================== cost
COST_MSE_NO_HALF = Mistake(
    "the mean of (a − y)² without the ½: this notebook's loss is L = ½(a − y)², so "
    "J = (1/(2m)) Σ (a − y)² (the ½ makes dAL = AL − Y, with no 2).", "cost_mse:no_half")
COST_MSE_RMSE = Mistake(
    "the square root of the mean squared error (RMSE): J = (1/(2m)) Σ (a − y)², no root.",
    "cost_mse:rmse")
COST_MSE_NOT_SQUARED = Mistake(
    "(a − y) is not squared, so positive and negative errors cancel: "
    "J = (1/(2m)) Σ (a − y)².", "cost_mse:not_squared")
COST_BCE_FOR_MSE = Mistake(
    "the cross-entropy was computed although loss == 'mse': choose the formula by the "
    "loss argument.", "cost_mse:bce")


def _mse_cost_case(k, shape):
    rng = np.random.RandomState(70 + k)
    AL = rng.uniform(0.05, 0.95, shape)  # inside (0, 1) so that a cross-entropy is finite too
    Y = rng.uniform(0.0, 1.0, shape) if k == 1 else rng.uniform(-1.0, 3.0, shape)
    m, err = shape[1], AL - Y
    variants = {COST_MSE_NO_HALF: np.mean(err ** 2), COST_MSE_RMSE: np.sqrt(np.mean(err ** 2)),
                COST_MSE_NOT_SQUARED: np.sum(err) / (2 * m)}
    if k == 1:
        variants[COST_BCE_FOR_MSE] = float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
    return Case(args=(AL, Y, "mse"), expected=reference_compute_cost(AL, Y, "mse"), m=m,
                variants=variants, label=f"mse, shape {shape}", returns="the cost J, one number")


def cost_cases():
    """Two squared-error cases and the shared cross-entropy cases (:func:`bce_cost_cases`,
    whose known mistakes include the squared error used for a classifier)."""
    cases = [_mse_cost_case(1, (1, 6)), _mse_cost_case(2, (1, 9))]
    for case in bce_cost_cases():
        AL, Y = case.args
        variants = case.variants
        variants = list(variants.items()) if isinstance(variants, dict) else list(variants)
        cases.append(Case(args=(AL, Y, "bce"), expected=case.expected, m=case.m, variants=variants,
                          label=f"bce, {case.label}", returns="the cost J, one number"))
    return cases


@checker("compute_cost")
def check_compute_cost(fn) -> CheckResult:
    r"""Check ``compute_cost(AL, Y, loss)`` for ``loss`` in ``("mse", "bce")``.

    .. math:: J_{mse} = \frac{1}{2m}\sum_i (a^{(i)} - y^{(i)})^2,\qquad
              J_{bce} = -\frac1m \sum_i \big(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\big)
    """
    return run_checks("compute_cost", fn, cost_cases(), first_failure_only=True)


# =========================================================================== dAL
DAL_MSE_FOR_BCE = Mistake(
    "AL − Y was returned for loss == 'bce': that is dZ[L] of a sigmoid output with "
    "cross-entropy (the sigmoid's derivative already cancelled), not dAL. backward multiplies "
    "by g'(Z[L]) = A(1 − A) itself, so dAL must be −(Y/AL − (1 − Y)/(1 − AL)).",
    "dAL:mse_for_bce")


def dAL_cases():
    """The shared ``dAL`` inputs of both losses: :func:`dAL_mse_cases`, :func:`dAL_bce_cases`."""
    cases = []
    for loss, shared in (("mse", dAL_mse_cases()), ("bce", dAL_bce_cases())):
        for case in shared:
            AL, Y = case.args
            variants = dict(case.variants)
            if loss == "bce":
                variants = {DAL_MSE_FOR_BCE: AL - Y, **variants}
            cases.append(Case(args=(AL, Y, loss), expected=case.expected, variants=variants,
                              m=case.m, label=f"{loss}, {case.label}"))
    return cases


@checker("compute_dAL")
def check_compute_dAL(fn) -> CheckResult:
    r"""Check ``compute_dAL(AL, Y, loss)`` returns :math:`\partial L/\partial A^{[L]}`.

    .. math:: dA^{[L]}_{mse} = A^{[L]} - Y,\qquad
              dA^{[L]}_{bce} = -\Big(\frac{Y}{A^{[L]}} - \frac{1-Y}{1-A^{[L]}}\Big)

    Shape ``(n_y, m)``: no sum, no ``1/m``, no activation derivative. The mse inputs
    include ``AL`` with exact zeros (a ReLU output); ``DAL_BCE`` names the cross-entropy
    formula used with the squared error.
    """
    return run_checks("compute_dAL", fn, dAL_cases(), first_failure_only=True)


# =========================================================================== backward
BW_NO_M = Mistake(
    "dW and db are m times too large (m = number of examples): the 1/m is missing. "
    "dW = (1/m) dZ @ A_prev.T and db = (1/m) np.sum(dZ, axis=1, keepdims=True).",
    "backward:no_1/m")
BW_NO_KEEPDIMS = Mistake(
    "db has shape (n_l,) instead of (n_l, 1): np.sum(dZ, axis=1) drops the summed axis. Add "
    "keepdims=True, so db is a column like b (a rank-1 db broadcasts along the wrong axis in "
    "b − α db).", "backward:no_keepdims")
BW_TANH_HIDDEN = Mistake(
    "the hidden layers used tanh's derivative 1 − A² while the forward pass used ReLU: with "
    "A = max(0, Z) it is 1 on the flat side where ReLU's slope is 0. g' must belong to the "
    "activation the forward pass applied: g_prime(Z, hidden), (Z > 0) for ReLU.",
    "backward:tanh_hidden")
BW_OUTPUT_G_FORGOTTEN = Mistake(
    "the output layer's derivative is missing: dZ[L] = dAL * g'(Z[L]). dAL is the loss's "
    "derivative only; the output activation's (ReLU: 0 where Z[L] <= 0; sigmoid: A(1 − A)) "
    "is the next factor of the chain rule.", "backward:output_g_forgotten")
BW_HIDDEN_G_FORGOTTEN = Mistake(
    "the hidden layers' derivative is missing: dZ[l] = dA[l] * g'(Z[l]) with g = hidden.",
    "backward:hidden_g_forgotten")
BW_OUTPUT_G_EVERYWHERE = Mistake(
    "the hidden layers used the output activation's derivative: g'(Z[l]) is the derivative of "
    "`hidden` for l < L and of `output` only for l = L.", "backward:output_g_everywhere")
BW_HIDDEN_G_EVERYWHERE = Mistake(
    "the output layer used the hidden activation's derivative: for l = L it is g' of "
    "`output`.", "backward:hidden_g_everywhere")
BW_OUTPUT_G_WRONG = Mistake(
    "the output layer used the wrong derivative: dZ[L] = dAL * g_prime(Z[L], output), the "
    "derivative of `output` (sigmoid: A(1 − A)), not of `hidden`. Here the hidden activation's "
    "slope is 1 at every Z[L], so your dZ[L] is dAL alone.", "backward:output_g_wrong")
BW_G_OF_A = Mistake(
    "g' was evaluated at A = g(Z) instead of Z: the cache keeps Z, use g_prime(Z, name).",
    "backward:g_of_A")
BW_DA_OVER_M = Mistake(
    "dA_prev has a 1/m: dA_prev = W.T @ dZ keeps one column per example; only dW and db "
    "average over the examples (so the earlier layers' gradients come out m times too small).",
    "backward:dA_over_m")

#: (layer_dims, m, hidden, output, seed): a ReLU output with some Z[L] < 0, a sigmoid output,
#: a linear output behind two hidden layers, and tanh hidden units.
_BACKWARD_NETS = (([1, 4, 1], 6, "relu", "relu", 81), ([2, 3, 1], 5, "relu", "sigmoid", 82),
                  ([3, 4, 3, 1], 7, "relu", "linear", 83), ([2, 3, 2, 1], 4, "tanh", "sigmoid", 84))


def _backward_with(dAL, caches, hidden, output, *, g_of=None, no_m=False, keepdims=True,
                   dA_over_m=False, skip=()):
    """The backward loop with a planted mistake; ``g_of(l, Z, A, name)`` returns g'."""
    grads, dA, L = {}, dAL, len(caches)
    for l in range(L, 0, -1):
        (A_prev, W, b), Z = caches[l - 1]
        name = output if l == L else hidden
        gp = g_of(l, Z, name) if g_of else reference_g_prime(Z, name)
        dZ = dA if ("out" in skip and l == L) or ("hid" in skip and l < L) else dA * gp
        m = A_prev.shape[1]
        scale = 1.0 if no_m else 1.0 / m
        grads[f"dW{l}"] = dZ @ A_prev.T * scale
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=keepdims) * scale
        dA = W.T @ dZ / (m if dA_over_m else 1)
    return grads


def _same(a, b):
    """Whether two planted ``grads`` dicts hold the same numbers."""
    return a.keys() == b.keys() and all(np.allclose(a[k], b[k], rtol=1e-12, atol=1e-12) for k in a)


def _dW_db(grads):
    if not isinstance(grads, dict):
        return grads
    return {k: v for k, v in grads.items() if str(k).startswith(("dW", "db"))}


def backward_cases():
    """``(dAL, caches, hidden, output)`` of four networks; ``expected`` holds ``dW{l}, db{l}``."""
    cases = []
    for dims, m, hidden, output, seed in _BACKWARD_NETS:
        X, params = _net_inputs(dims, m, seed)
        if output == "relu":
            params["b1"], params["b2"] = np.abs(params["b1"]), np.array([[-1.0]])  # some Z[L] < 0
        AL, caches = reference_forward(X, params, hidden, output)
        Y = (np.random.RandomState(seed).rand(*AL.shape) > 0.5).astype(float)
        dAL = reference_compute_dAL(AL, Y, "bce" if output == "sigmoid" else "mse")
        args = (dAL, caches, hidden, output)

        def g_of(rule):
            return lambda l, Z, name: rule(Z, name, l)

        variants = {
            BW_NO_M: _backward_with(*args, no_m=True),
            BW_NO_KEEPDIMS: _backward_with(*args, keepdims=False),
            BW_HIDDEN_G_EVERYWHERE: _backward_with(*args, g_of=g_of(lambda Z, n, l: reference_g_prime(Z, hidden))),
            BW_OUTPUT_G_FORGOTTEN: _backward_with(*args, skip=("out",)),
            BW_HIDDEN_G_FORGOTTEN: _backward_with(*args, skip=("hid",)),
            BW_OUTPUT_G_EVERYWHERE: _backward_with(*args, g_of=g_of(lambda Z, n, l: reference_g_prime(Z, output))),
            BW_G_OF_A: _backward_with(*args, g_of=g_of(lambda Z, n, l: reference_g_prime(reference_g(Z, n), n))),
            BW_DA_OVER_M: _backward_with(*args, dA_over_m=True),
        }
        if _same(variants[BW_HIDDEN_G_EVERYWHERE], variants[BW_OUTPUT_G_FORGOTTEN]):
            # ReLU's slope is 1 where every Z[L] > 0: the hidden g' at the output and no g' at all
            # give the same numbers. Both are "the output layer's derivative is wrong", said once.
            variants[BW_OUTPUT_G_WRONG] = variants.pop(BW_HIDDEN_G_EVERYWHERE)
            del variants[BW_OUTPUT_G_FORGOTTEN]
        if hidden == "relu":
            tanh_rule = lambda Z, n, l: 1 - reference_g(Z, n) ** 2 if l < len(caches) else reference_g_prime(Z, n)  # noqa: E731
            variants = {BW_TANH_HIDDEN: _backward_with(*args, g_of=g_of(tanh_rule)), **variants}
        cases.append(Case(args=args, expected=_dW_db(reference_backward(*args)), variants=variants,
                          m=m, label=f"{dims}, {hidden}/{output}", returns="the dict grads"))
    return cases


@checker("backward")
def check_backward(fn) -> CheckResult:
    r"""Check ``backward(dAL, caches, hidden, output)`` returns ``grads`` with every ``dW{l}``, ``db{l}``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]}),\quad
              dW^{[l]} = \tfrac1m dZ^{[l]} A^{[l-1]\top},\quad
              db^{[l]} = \tfrac1m \textstyle\sum_i dZ^{[l](i)},\quad dA^{[l-1]} = W^{[l]\top} dZ^{[l]}

    Entries ``dA{l}`` may be there too (the course keeps them); they are not compared.
    """
    result = run_checks("backward", fn, backward_cases(), pick=_dW_db, single="grads",
                        first_failure_only=True)
    return _dependencies_first(result, fn, {"g_prime": check_g_prime})


def _dependencies_first(result: CheckResult, fn, checks) -> CheckResult:
    """A failed ``result`` blamed on the learner's own helper it calls, when that helper fails.

    ``backward`` calls the learner's ``g_prime`` (``forward`` their ``g``): a wrong ``g_prime``
    makes every ``dW`` differ, and those messages would hide the one real mistake. ``checks``
    maps a helper's name to its checker; the helper is the function of that name ``fn`` reads
    from its notebook (its globals), so a ``backward`` that does not call it is judged alone.
    """
    if result.passed:
        return result
    reads = set(getattr(getattr(fn, "__code__", None), "co_names", ()))
    for helper, check in checks.items():
        used = getattr(fn, "__globals__", {}).get(helper)
        if helper in reads and callable(used) and not check(used).passed:
            return CheckResult(result.name, False, [
                f"your {helper} fails its check; {result.name} uses it: fix {helper} first "
                f"(check_{helper} says how), then run this check again."], [f"uses_failing:{helper}"])
    return result


# =========================================================================== update
@checker("update")
def check_update(fn) -> CheckResult:
    r"""Check ``update(parameters, grads, learning_rate)``: the shared update cases.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}
    """
    return run_checks("update", fn, update_parameters_cases(), single="parameters",
                      first_failure_only=True)


# =========================================================================== train
TR_NOT_ASSIGNED = Mistake(
    "the parameters never change: the cost is the same at every iteration. net.update returns "
    "the updated dict, and the loop must keep it: parameters = net.update(parameters, grads, "
    "learning_rate).", "train:not_assigned")
TR_OFF_BY_ONE = Mistake(
    "the loop ran one iteration too few (range(num_iterations - 1), or range(1, "
    "num_iterations)): it must take num_iterations steps, range(num_iterations).",
    "train:off_by_one")
TR_COST_AFTER_UPDATE = Mistake(
    "each cost was recorded after the update: costs[i] is J of the forward pass that starts "
    "iteration i, before net.update changes the parameters (so costs[0] is the cost at "
    "initialisation).", "train:cost_after_update")
TR_COST_COUNT = Mistake(
    "costs must hold one cost per iteration, num_iterations numbers (J before each update); "
    "append it at every iteration, not every 100th.", "train:cost_count")
TR_INIT = Mistake(
    "the first cost already differs, so the loop did not start from the same parameters: "
    "initialise with initialize_parameters_deep(layer_dims, init=init, seed=seed), using the "
    "init and seed given to train.", "train:init")


class _Counting:
    """A :class:`Network` whose functions count their calls (to see which ones train uses)."""

    def __init__(self, net):
        self.calls = dict.fromkeys(_NET_PARTS, 0)
        for part in _NET_PARTS:
            setattr(self, part, self._counted(part, getattr(net, part)))

    def _counted(self, part, fn):
        def call(*args, **kwargs):
            self.calls[part] += 1
            return fn(*args, **kwargs)
        call.__name__ = part
        return call


#: (data, layer_dims, hidden, output, loss, learning_rate, num_iterations, init, seed)
def _train_settings():
    rng = np.random.RandomState(5)
    x = np.linspace(-1.5, 1.5, 9).reshape(1, -1)
    X2 = rng.randn(2, 12)
    Y2 = (X2[0:1] * X2[1:2] > 0).astype(float)
    return [((x, 0.3 * x ** 2 + 0.3 * x), [1, 3, 1], "relu", "linear", "mse", 0.1, 12, "he", 3),
            ((X2, Y2), [2, 4, 1], "relu", "sigmoid", "bce", 0.5, 15, "small", 2)]


@checker("train")
def check_train(fn) -> CheckResult:
    """Check ``train(net, X, Y, layer_dims, hidden, output, loss, learning_rate,
    num_iterations, init, seed)`` returns ``(parameters, costs)`` like the course's loop.

    It is run with the package's functions in ``net`` (wrapped, to see that train calls
    each of them through ``net``), on a small regression and a small classification
    problem, and compared with :func:`reference_train`: the final parameters, and the cost
    recorded before each of the ``num_iterations`` updates.
    """
    messages, mistakes = [], []
    for i, ((X, Y), dims, hidden, output, loss, lr, n, init, seed) in enumerate(_train_settings(), 1):
        counting = _Counting(REFERENCE_NET)
        args = (counting, X, Y, dims, hidden, output, loss, lr, n, init, seed)
        ran = run(fn, args)
        if ran.error is not None:
            messages.append(f"test {i}: {ran.error}")
            mistakes.append("raised")
            break
        unused = [p for p in _NET_PARTS if counting.calls[p] == 0]
        if unused and ran.value is not None:
            messages.append(f"test {i}: train never called net.{', net.'.join(unused)}: call all "
                            "five through net (net.forward(...), ...), so that the notebook can "
                            "put the reference in place of one that fails its check.")
            mistakes.append("train:not_through_net")
            break
        expected_p, expected_c = reference_train(REFERENCE_NET, X, Y, dims, hidden, output, loss,
                                                 lr, n, init, seed)
        where = f"test {i} ({dims}, {hidden}/{output}, {loss}, {n} iterations): "
        found = _train_problems(ran.value, (X, Y, dims, hidden, output, loss, lr, n, init, seed),
                                expected_p, expected_c)
        messages += [where + m for m in found.messages]
        mistakes += found.mistakes
        if messages:
            break
    return CheckResult("train", not messages, messages, list(dict.fromkeys(mistakes)))


def _train_problems(value, setting, expected_p, expected_c):
    """The verdict on one return value of the learner's train (messages without "test i: ")."""
    X, Y, dims, hidden, output, loss, lr, n, init, seed = setting
    shorter_p, shorter_c = reference_train(REFERENCE_NET, *setting[:7], n - 1, init, seed)
    final = REFERENCE_NET.compute_cost(REFERENCE_NET.forward(X, expected_p, hidden, output)[0], Y, loss)
    variants = {TR_NOT_ASSIGNED: (initialize_parameters_deep(dims, init=init, seed=seed),
                                  np.full(n, expected_c[0])),
                TR_OFF_BY_ONE: (shorter_p, np.array(shorter_c)),
                TR_COST_AFTER_UPDATE: (expected_p, np.array(expected_c[1:] + [final]))}
    case = Case(args=(), expected=(expected_p, np.array(expected_c)), variants=variants,
                returns="the tuple (parameters, costs)")
    found = run_checks("train", lambda *a: value, [case], pick=_costs_as_array,
                       outputs=("parameters", "costs"))
    messages = [m.split(": ", 1)[1] for m in found.messages]
    if found.passed or any(k.startswith("train:") for k in found.mistakes):
        return CheckResult("train", found.passed, messages, found.mistakes)
    costs = _costs_as_array(value)[1] if isinstance(value, (tuple, list)) else None
    if isinstance(costs, np.ndarray) and costs.ndim == 1 and costs.dtype.kind == "f":
        if costs.shape != (n,):
            return CheckResult("train", False, [f"{TR_COST_COUNT} Got {costs.size}, expected {n}."],
                               [TR_COST_COUNT.key])
        if not np.isclose(costs[0], expected_c[0], rtol=1e-6):
            return CheckResult("train", False, [str(TR_INIT)], [TR_INIT.key])
    return CheckResult("train", False, messages, found.mistakes)


def _costs_as_array(value):
    if isinstance(value, (tuple, list)) and len(value) == 2:
        costs = value[1]
        try:
            costs = np.array([float(c) for c in costs])
        except (TypeError, ValueError):
            pass
        return value[0], costs
    return value


# =========================================================================== your function or the reference
CHECKS = {"g": check_g, "g_prime": check_g_prime, "forward": check_forward,
          "compute_cost": check_compute_cost, "compute_dAL": check_compute_dAL,
          "backward": check_backward, "update": check_update, "train": check_train}


def use(name, yours, reference):
    """``yours`` when it passes ``check_<name>``, else ``reference`` — and a line that says which.

    The cells after an exercise call it, so a stub left unfinished (or wrong) does not stop
    the notebook: they go on with the reference and say so with a ✘
    (:func:`dlsnotes.checking.use_yours_or_reference`, shared by every notebook).
    """
    return use_yours_or_reference(CHECKS[name](yours), yours, reference)


def assemble(**pairs) -> Network:
    """A :class:`Network` of the learner's functions, each replaced by its reference if it fails.

    ``pairs`` maps each of ``forward, compute_cost, compute_dAL, backward, update`` to
    ``(yours, reference)``; one line per function says which one is used.
    """
    missing = [p for p in _NET_PARTS if p not in pairs]
    if missing:
        raise TypeError(f"assemble needs (yours, reference) for {missing}; got {sorted(pairs)}. "
                        "Pass each as name=(your_function, reference_function).")
    return Network(**{part: use(part, *pairs[part]) for part in _NET_PARTS})


# =========================================================================== the whole chain
def gradient_check_net(net, parameters, X, Y, hidden, output, loss, epsilon=1e-6, threshold=1e-7):
    r"""Central differences of ``net``'s cost against ``net``'s backward pass.

    ``J(θ) = net.compute_cost(net.forward(X, θ)[0], Y, loss)`` is differentiated numerically
    (:func:`~dlsnotes.gradcheck.central_differences`) and compared with
    ``net.backward(net.compute_dAL(AL, Y, loss), caches, hidden, output)``:

    .. math:: \frac{\lVert g - g_{approx}\rVert}{\lVert g\rVert + \lVert g_{approx}\rVert} < 10^{-7}

    Returns a :class:`~dlsnotes.gradcheck.GradCheckReport` (``passed``, ``worst``, printable).
    """
    theta, keys = dictionary_to_vector(parameters)

    def J(vector):
        AL, _ = net.forward(X, vector_to_dictionary(vector, parameters), hidden, output)
        return net.compute_cost(AL, Y, loss)

    AL, caches = net.forward(X, parameters, hidden, output)
    grads = net.backward(net.compute_dAL(AL, Y, loss), caches, hidden, output)
    approx = central_differences(J, theta, epsilon)
    names = [k for l in range(1, len(parameters) // 2 + 1) for k in (f"W{l}", f"b{l}")]
    grad = np.concatenate([np.asarray(grads["d" + k], float).reshape(-1, 1) for k in names])
    norm = np.linalg.norm(grad) + np.linalg.norm(approx)
    shares, start = {}, 0
    for k in names:
        size = parameters[k].size
        part = slice(start, start + size)
        shares[k] = float(np.linalg.norm(grad[part] - approx[part]) / norm) if norm else 0.0
        start += size
    worst = keys[int(np.argmax(np.abs(grad - approx)))]
    return GradCheckReport(relative_difference(grad, approx), shares, threshold, worst)


def r_squared(Y, Y_hat) -> float:
    r""":math:`R^2 = 1 - \sum (y - \hat y)^2 / \sum (y - \bar y)^2` (1 is a perfect fit)."""
    Y, Y_hat = np.asarray(Y, float), np.asarray(Y_hat, float)
    return float(1 - np.sum((Y - Y_hat) ** 2) / np.sum((Y - Y.mean()) ** 2))


def accuracy(Y, AL, threshold=0.5) -> float:
    """Share of examples whose prediction ``AL > threshold`` equals the label ``Y``."""
    return float(np.mean((np.asarray(AL) > threshold) == (np.asarray(Y) > 0.5)))


# =========================================================================== closing exercise
def _agree_inputs():
    rng = np.random.RandomState(7)
    X = rng.uniform(-2, 2, (1, 8))
    params = {"W1": rng.randn(4, 1), "b1": rng.randn(4, 1), "W2": rng.randn(1, 4), "b2": rng.randn(1, 1)}
    return params, X, 3 * X ** 2 + 3 * X


@checker("cost_and_dAL_agree")
def check_cost_and_dAL_agree(fn) -> CheckResult:
    r"""Check that ``fn(AL, Y)`` returns ``(J, dAL)`` where ``dAL`` is the derivative of the loss
    that ``J`` averages.

    Any convention passes (``(a − y)²`` with ``2(a − y)``, ``½(a − y)²`` with ``a − y``) as long
    as the two agree: the gradient that backward propagation computes from ``dAL`` is
    compared with central differences of ``J`` on a ``[1, 4, 1]`` tanh/linear network
    (:func:`gradient_check_net`, threshold ``1e-7``).
    """
    name = "cost_and_dAL_agree"
    params, X, Y = _agree_inputs()
    AL, _ = reference_forward(X, params, "tanh", "linear")
    ran = run(fn, (AL, Y))
    if ran.error is not None:
        return CheckResult(name, False, [ran.error], ["raised"])
    value = ran.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        return CheckResult(name, False, [
            f"expected the tuple (cost, dAL), got {describe(value)}"
            + (": did you forget the `return` statement?" if value is None else ".")],
            ["return:none" if value is None else "return:not_a_tuple"])
    missing = [what for what, v in zip(("cost", "dAL"), value) if v is None]
    if missing:
        said = " and ".join(missing) + (" are" if len(missing) > 1 else " is")
        return CheckResult(name, False, [f"{said} None: compute {'them' if len(missing) > 1 else 'it'} "
                                         "before returning (cost, dAL)."], ["return:none"])
    cost_fn, dAL_fn = (lambda AL, Y: fn(AL, Y)[0]), (lambda AL, Y: fn(AL, Y)[1])
    net = Network(reference_forward, lambda AL, Y, loss: float(np.sum(cost_fn(AL, Y))),
                  lambda AL, Y, loss: dAL_fn(AL, Y), reference_backward, reference_update)
    try:
        with np.errstate(all="ignore"):
            report = gradient_check_net(net, params, X, Y, "tanh", "linear", "mse")
    except Exception as exc:  # noqa: BLE001 - a wrong shape from dAL_fn: said in words
        return CheckResult(name, False, [f"the backward pass could not use your dAL: {exc}"], ["raised"])
    if report.passed:
        return CheckResult(name, True, [])
    exact = reference_backward(AL - Y, reference_forward(X, params, "tanh", "linear")[1], "tanh", "linear")
    theta, _ = dictionary_to_vector(params)
    J = lambda v: float(np.sum(cost_fn(reference_forward(X, vector_to_dictionary(v, params), "tanh", "linear")[0], Y)))  # noqa: E731
    numeric = central_differences(J, theta).ravel()
    exact_vector = np.concatenate([exact[f"d{k}"].ravel() for k in ("W1", "b1", "W2", "b2")])
    ratio = float(np.linalg.norm(numeric) / np.linalg.norm(exact_vector))
    # The cost is a multiple of ½(a − y)² when its gradient points the same way as that loss's.
    cosine = float(numeric @ exact_vector) / (np.linalg.norm(numeric) * np.linalg.norm(exact_vector))
    cost_is_multiple = abs(cosine - 1) < 1e-6
    dAL, exact_dAL = np.asarray(dAL_fn(AL, Y), float), AL - Y
    scale = float(np.sum(dAL * exact_dAL) / np.sum(exact_dAL ** 2))  # dAL ≈ scale (AL − Y)?
    is_multiple = dAL.shape == exact_dAL.shape and np.allclose(dAL, scale * exact_dAL, rtol=1e-6, atol=1e-12)
    yours = _times(scale, "AL − Y") if is_multiple else "not a multiple of AL − Y"
    if not cost_is_multiple:
        return CheckResult(name, False, [
            f"your dAL is not the derivative of your cost's loss (gradient-check difference "
            f"{report.difference:.1e}, worst {report.worst}). Your cost is not a multiple of (a − y)², "
            f"so dAL must be the derivative ∂L/∂a of the loss it averages; yours is {yours}."], ["disagree"])
    return CheckResult(name, False, [
        f"your dAL is not the derivative of your cost's loss (gradient-check difference "
        f"{report.difference:.1e}, worst {report.worst}). Your cost is {_cost_text(ratio)}, so dAL "
        f"must be {_times(ratio, 'AL − Y')}; yours is {yours}. Differentiate the same loss the "
        "cost averages."], ["disagree"])


def _times(k, base):
    """``k (base)`` in words: ``AL − Y``, ``2(AL − Y)``, ``0.5(AL − Y)``."""
    if abs(k - 1) < 1e-3:
        return base
    return f"{k:.3g}({base})"


def _cost_text(ratio):
    """The loss a cost averages, from its gradient measured against ½(a − y)²."""
    if abs(ratio - 1) < 1e-3:
        return "½(a − y)²"
    if abs(ratio - 2) < 1e-3:
        return "(a − y)²"
    return f"{ratio / 2:.3g}(a − y)²"
