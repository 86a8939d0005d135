"""Checkers for the exercises of ``notebooks/03_relu_output_regression.ipynb``.

Three functions a learner writes when turning the course's classifier into a regression
network with a ReLU output and the MSE loss ``L = ½(a − y)²``:

* ``dAL_fn(AL, Y)`` — the gradient that starts backward propagation, ``dAL = ∂L/∂A[L]``;
* ``relu_backward(dA, cache)`` — ``dZ = dA * 1{Z > 0}`` with ``cache = Z``;
* ``update_parameters(parameters, grads, learning_rate)`` — ``W := W − α dW`` and
  ``b := b − α db``.

Each checker runs the learner's function on fixed inputs, and when the answer is wrong it
recognises the usual mistakes and says what went wrong and what to write instead.
"""

from __future__ import annotations

import copy

import numpy as np

from ._core import Case, CheckResult, checker, run_checks

__all__ = [
    "check_regression_dAL",
    "check_relu_backward",
    "check_update_parameters",
    "regression_dAL_cases",
    "relu_backward_cases",
    "update_parameters_cases",
]

_SEED = 3  # case k of a checker draws from RandomState(_SEED + offset + k)


def _ambiguous_if(exc: Exception) -> bool:
    return isinstance(exc, ValueError) and "truth value of an array" in str(exc)


# --------------------------------------------------------------------------- dAL for ReLU + MSE
DAL_TIMES_AL_SUMMED = (
    "np.sum((AL - Y) * AL) / m is one number built from three mistakes: the factor AL (the "
    "derivative of ½(a - y)² with respect to a is a - y, nothing multiplies it), the sum over "
    "the examples and the 1/m (both belong to dW and db, never to dAL). Return AL - Y."
)
DAL_SUMMED_OVER_M = (
    "np.sum(AL - Y) / m collapses the m examples into one number: it is a derivative of the "
    "cost J, not of the loss L. dAL = ∂L/∂A[L] keeps one column per example, shape (1, m); "
    "linear_backward adds the sum and the 1/m when it forms dW and db. Return AL - Y."
)
DAL_SUMMED = (
    "np.sum(AL - Y) adds the examples together. dAL has one entry per example, shape (1, m), "
    "and no sum: return AL - Y."
)
DAL_OVER_M = (
    "(AL - Y) / m has the right shape but an extra 1/m: that is ∂J/∂A[L]. dAL is the "
    "derivative of one example's loss, AL - Y; the 1/m is applied once, in dW and db."
)
DAL_RELU_DERIVATIVE = (
    "this is 1{A > 0}, the derivative of the ReLU activation used as dAL. dAL is the "
    "derivative of the loss, AL - Y; the ReLU derivative enters afterwards, when "
    "linear_activation_backward calls relu_backward (dZ = dA * 1{Z > 0})."
)
DAL_ONES = (
    "every entry is 1: that is a derivative of an activation (ReLU where it is positive, or a "
    "linear output), not of the loss. dAL = ∂L/∂A[L] = AL - Y."
)
DAL_SCALAR_ONE = (
    "returned the single number 1, the slope of ReLU where it is positive: that is the "
    "activation's derivative, and one number for all examples. dAL is the loss's derivative, "
    "one entry per example: AL - Y."
)
DAL_MASKED = (
    "(AL - Y) * (AL > 0) already contains the ReLU derivative: that is dZ[L], not dAL. Leave "
    "the mask to relu_backward and return AL - Y (with ReLU the gradients happen to come out "
    "the same because the mask is 0 or 1, but for any other output activation the "
    "activation's derivative would be applied twice)."
)
DAL_SIGN = (
    "the sign is flipped: ½(a - y)² grows with a when a > y, so its derivative is a - y. "
    "Return AL - Y, not Y - AL."
)
DAL_TIMES_2 = (
    "a factor 2 too many: 2(AL - Y) differentiates (a - y)². Here L = ½(a - y)², "
    "J = (1/2m) Σ (a - y)², so the ½ cancels the 2 and dAL = AL - Y."
)
DAL_TIMES_2_OVER_M = (
    "2(AL - Y) / m mixes two conventions: the 2 comes from the loss (a - y)² without the ½ "
    "(the mean squared error of Keras and PyTorch), the 1/m from the cost J. Here "
    "L = ½(a - y)², so the ½ cancels the 2, and dAL = ∂L/∂A[L] has no 1/m (linear_backward "
    "applies it once, in dW and db): return AL - Y."
)
DAL_LOSS = (
    "this is the loss ½(AL - Y)² itself. dAL is its derivative with respect to AL: AL - Y."
)
DAL_BCE = (
    "this is dAL of the cross-entropy loss from the course's classifier. For the MSE loss "
    "L = ½(a - y)² the derivative is AL - Y (cross-entropy also takes log(a), which a ReLU "
    "output of 0 or more than 1 breaks)."
)
DAL_IF_ON_ARRAY = (
    "`if A > 0:` was applied to a whole array, which Python cannot turn into one True/False. "
    "More importantly, a test on A is the ReLU derivative and belongs in relu_backward; dAL "
    "needs no test at all: dAL = AL - Y."
)


def _regression_dAL_case(k, m):
    rng = np.random.RandomState(_SEED + k)
    Z = rng.uniform(0.2, 3.0, size=(1, m)) * np.where(np.arange(m) % 3 == 1, -1.0, 1.0)
    AL = np.maximum(Z, 0)                       # a ReLU output: some exact zeros
    Y = rng.uniform(0.5, 4.0, size=(1, m))      # positive targets, like 3x² + 3x for x > 0
    variants = {
        DAL_TIMES_AL_SUMMED: np.sum((AL - Y) * AL) / m,
        DAL_SUMMED_OVER_M: np.sum(AL - Y) / m,
        DAL_SUMMED: np.sum(AL - Y),
        DAL_OVER_M: (AL - Y) / m,
        DAL_RELU_DERIVATIVE: (AL > 0).astype(float),
        DAL_ONES: np.ones_like(AL),
        DAL_MASKED: (AL - Y) * (AL > 0),
        DAL_SIGN: Y - AL,
        DAL_TIMES_2: 2 * (AL - Y),
        DAL_TIMES_2_OVER_M: 2 * (AL - Y) / m,
        DAL_LOSS: 0.5 * (AL - Y) ** 2,
        DAL_SCALAR_ONE: np.float64(1.0),
    }
    # cross-entropy's dAL is infinite where AL == 0, so it is recognised by check_regression_dAL
    # on the finite entries instead of being listed here.
    return Case(args=(AL, Y), expected=AL - Y, variants=variants, m=m)


def regression_dAL_cases():
    """Inputs of :func:`check_regression_dAL`: ReLU outputs ``AL`` with zeros; 6 and 9 examples."""
    return [_regression_dAL_case(k, m) for k, m in enumerate((6, 9), start=1)]


def _bce_like(got, AL, Y):
    with np.errstate(divide="ignore", invalid="ignore"):
        bce = -(Y / AL - (1 - Y) / (1 - AL))
    finite = np.isfinite(bce)
    return (isinstance(got, np.ndarray) and got.shape == AL.shape
            and np.allclose(got[finite], bce[finite]) and finite.any())


@checker("regression_dAL")
def check_regression_dAL(fn) -> CheckResult:
    r"""Check ``fn(AL, Y)`` returns ``dAL = ∂L/∂A[L]`` for the loss ``L = ½(a − y)²``.

    .. math:: dA^{[L]} = \frac{\partial L}{\partial A^{[L]}} = A^{[L]} - Y,
              \qquad\text{shape } (1, m),\ \text{no sum, no } 1/m

    The ReLU output is irrelevant here: its derivative is applied later by
    ``relu_backward``. Derivation in ``notebooks/03_relu_output_regression.ipynb``.

    Parameters
    ----------
    fn : callable ``(AL (1, m), Y (1, m)) -> ndarray (1, m)``

    Returns
    -------
    CheckResult
        Prints "✔ regression_dAL: all tests passed." or names the mistake.
    """
    def guarded(AL, Y):
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                got = fn(AL.copy(), Y.copy())
        except ValueError as exc:
            if _ambiguous_if(exc):
                raise ValueError(DAL_IF_ON_ARRAY) from None
            raise
        if _bce_like(got, AL, Y):
            raise ValueError(DAL_BCE)
        return got

    result = run_checks("regression_dAL", guarded, regression_dAL_cases())
    # run_checks reports an exception as "raised ValueError: <text>"; our own explanations
    # are not errors of the learner's code, so show them as plain explanations.
    result.messages = [_unwrap(msg, (DAL_IF_ON_ARRAY, DAL_BCE)) for msg in result.messages]
    return result


def _unwrap(message, explanations):
    for text in explanations:
        if message.endswith(f"raised ValueError: {text}"):
            return message.split(":", 1)[0] + ": " + text
    return message


# --------------------------------------------------------------------------- relu_backward
RB_RETURNS_DA = (
    "returned dA unchanged: the ReLU derivative is missing. dZ = dA * 1{Z > 0}: keep dA where "
    "Z > 0 and set it to 0 where Z <= 0 (Z is the cache)."
)
RB_TIMES_Z = (
    "multiplied dA by Z: the derivative of ReLU is not Z but the indicator 1{Z > 0} (1 where "
    "Z > 0, else 0). Use dZ = dA * (Z > 0)."
)
RB_TIMES_A = (
    "multiplied dA by A = max(0, Z), the ReLU output: its derivative is the 0/1 indicator "
    "1{Z > 0}, not the activation itself. Use dZ = dA * (Z > 0)."
)
RB_MASK_ONLY = (
    "returned the mask 1{Z > 0} alone: multiply it by the incoming gradient dA (chain rule), "
    "dZ = dA * (Z > 0)."
)
RB_INVERTED = (
    "the mask is inverted: the gradient passes where Z > 0 (ReLU has slope 1 there) and is "
    "0 where Z <= 0. Use dZ = dA * (Z > 0)."
)
RB_MASK_ON_DA = (
    "the mask was taken on dA (dA > 0) instead of on Z: whether ReLU passes the gradient "
    "depends on the pre-activation Z stored in the cache, not on the sign of the gradient."
)
RB_OVER_M = (
    "divided by m: dZ keeps one column per example and has no 1/m; the 1/m is applied in dW "
    "and db by linear_backward."
)
RB_LEAKY = (
    "kept 0.01 * dA where Z <= 0: that is Leaky ReLU's backward. ReLU's slope is exactly 0 "
    "there, so dZ = dA * (Z > 0)."
)


def _relu_backward_case(k, shape):
    rng = np.random.RandomState(_SEED + 20 + k)
    # |Z| >= 0.1: no exact zeros, so Z > 0 and Z >= 0 give the same mask
    # about half the entries negative, in random places, but always both signs
    signs = rng.permutation(np.resize([1.0, -1.0], shape[0] * shape[1])).reshape(shape)
    Z = rng.uniform(0.1, 2.5, size=shape) * signs
    dA = rng.randn(*shape)
    mask = (Z > 0).astype(float)
    variants = {
        RB_RETURNS_DA: dA,
        RB_TIMES_Z: dA * Z,
        RB_TIMES_A: dA * np.maximum(Z, 0),
        RB_MASK_ONLY: mask,
        RB_INVERTED: dA * (1 - mask),
        RB_MASK_ON_DA: dA * (dA > 0),
        RB_OVER_M: dA * mask / shape[1],
        RB_LEAKY: dA * np.where(Z > 0, 1.0, 0.01),
    }
    return Case(args=(dA, Z), expected=dA * mask, variants=variants, m=shape[1])


def relu_backward_cases():
    """The inputs of :func:`check_relu_backward`: shapes (1, 7) and (3, 5), no ``Z`` exactly 0."""
    return [_relu_backward_case(k, shape) for k, shape in enumerate([(1, 7), (3, 5)], start=1)]


@checker("relu_backward")
def check_relu_backward(fn) -> CheckResult:
    r"""Check ``fn(dA, cache)`` returns ``dZ = dA * 1{Z > 0}`` with ``cache = Z``.

    .. math:: dZ^{[l]} = dA^{[l]} \odot \mathbb 1\{Z^{[l]} > 0\}

    The inputs avoid ``Z == 0`` exactly, so writing ``Z >= 0`` is accepted too.
    ``fn`` receives copies, so changing ``dA`` in place does not disturb the check.

    Parameters
    ----------
    fn : callable ``(dA (n, m), cache = Z (n, m)) -> ndarray (n, m)``

    Returns
    -------
    CheckResult
    """
    return run_checks("relu_backward", lambda dA, Z: fn(dA.copy(), Z.copy()), relu_backward_cases())


# --------------------------------------------------------------------------- update_parameters
UP_REPLACED = (
    "W was replaced by dW (and b by db): the gradient is a direction, not new weights. "
    "Take a small step against it: W = W - learning_rate * dW, b = b - learning_rate * db."
)
UP_PLUS = (
    "the step goes the wrong way: W + learning_rate * dW climbs the cost. dW points uphill, "
    "so subtract: W = W - learning_rate * dW (same for b)."
)
UP_NO_B = (
    "the biases were not updated: b must move too, b = b - learning_rate * db, or the "
    "network cannot shift its units (and a ReLU output cannot move its threshold)."
)
UP_NO_LR = (
    "W - dW takes a full step of size 1: the learning rate is missing. Use "
    "W = W - learning_rate * dW and b = b - learning_rate * db."
)
UP_OVER_M = (
    "divided the step by m: dW and db already contain the 1/m (from linear_backward). Use "
    "W = W - learning_rate * dW."
)
UP_ONLY_LAST = (
    "only the last layer was updated: loop over every layer l = 1..L, since "
    "L_model_backward returns dW and db for all of them."
)


def _skipped_layer(l, L):
    where = "the last" if l == L else ("the first" if l == 1 else f"layer {l}")
    return (f"layer {l} ({where} of {L}) was not updated: W{l} and b{l} came back unchanged, so "
            "the update loop skips a layer. With the course's `for l in range(L)` the keys are "
            "'W' + str(l + 1) and 'b' + str(l + 1); with `range(1, L + 1)` they are 'W' + str(l). "
            "Every layer l = 1..L must take its step.")


def _param_order(parameters):
    L = len(parameters) // 2
    return [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]


def _as_vector(parameters, keys):
    return np.concatenate([np.asarray(parameters[k], dtype=float).ravel() for k in keys])


def _update_case(k, layer_dims, lr, m=7):
    rng = np.random.RandomState(_SEED + 40 + k)
    params, grads = {}, {}
    for l in range(1, len(layer_dims)):
        shape_W, shape_b = (layer_dims[l], layer_dims[l - 1]), (layer_dims[l], 1)
        params[f"W{l}"], grads[f"dW{l}"] = rng.randn(*shape_W), rng.randn(*shape_W)
        params[f"b{l}"], grads[f"db{l}"] = rng.randn(*shape_b), rng.randn(*shape_b)
    keys = _param_order(params)
    L = len(layer_dims) - 1

    def updated(step):
        return _as_vector({key: step(key) for key in keys}, keys)

    def last_only(key):
        return params[key] - lr * grads["d" + key] if key.endswith(str(L)) else params[key]

    variants = {
        UP_REPLACED: updated(lambda key: grads["d" + key]),
        UP_PLUS: updated(lambda key: params[key] + lr * grads["d" + key]),
        UP_NO_B: updated(lambda key: params[key] - lr * grads["d" + key] if key[0] == "W"
                         else params[key]),
        UP_NO_LR: updated(lambda key: params[key] - grads["d" + key]),
        UP_OVER_M: updated(lambda key: params[key] - lr * grads["d" + key] / m),
        UP_ONLY_LAST: updated(last_only),
    }
    for skipped in range(L, 0, -1):
        wrong = updated(lambda key: params[key] if key[1:] == str(skipped)
                        else params[key] - lr * grads["d" + key])
        if not any(np.array_equal(wrong, v) for v in variants.values()):
            variants[_skipped_layer(skipped, L)] = wrong
    expected = updated(lambda key: params[key] - lr * grads["d" + key])
    return Case(args=(params, grads, lr), expected=expected, variants=variants)


def update_parameters_cases():
    """Inputs of :func:`check_update_parameters`: [2, 3, 1] at lr 0.1, [1, 4, 2, 1] at lr 0.05."""
    return [_update_case(1, [2, 3, 1], 0.1), _update_case(2, [1, 4, 2, 1], 0.05)]


class _BadReturn(Exception):
    """The learner's update_parameters returned something that is not a parameters dict."""


@checker("update_parameters")
def check_update_parameters(fn) -> CheckResult:
    r"""Check ``fn(parameters, grads, learning_rate)`` does one gradient-descent step.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    ``fn`` receives deep copies, so it may update the dict in place and return it (as the
    course's version does) or build a new one.

    Parameters
    ----------
    fn : callable ``(parameters dict, grads dict, learning_rate float) -> parameters dict``

    Returns
    -------
    CheckResult
    """
    def as_vector(parameters, grads, lr):
        keys = _param_order(parameters)
        got = fn(copy.deepcopy(parameters), copy.deepcopy(grads), lr)
        if got is None:
            return None
        if not isinstance(got, dict) or any(key not in got for key in keys):
            found = sorted(got) if isinstance(got, dict) else type(got).__name__
            raise _BadReturn(f"return the parameters dict with keys {keys}; got {found}.")
        shapes = [(key, parameters[key].shape, np.shape(got[key])) for key in keys]
        for key, want, have in shapes:
            if want != have:
                raise _BadReturn(f"parameters[{key!r}] should keep its shape {want}; got {have}.")
        return _as_vector(got, keys)

    result = run_checks("update_parameters", as_vector, update_parameters_cases())
    result.messages = [msg.replace("raised _BadReturn: ", "") for msg in result.messages]
    return result
