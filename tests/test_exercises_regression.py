"""The checkers of notebook 03 accept the reference and name each listed mistake."""

import numpy as np
import pytest

from dlsnotes.activations import relu_backward
from dlsnotes.exercises import regression as r
from dlsnotes.model import update_parameters


def _assert_every_case(result, explanation, n_cases):
    assert not result.passed
    # every case catches it, and the mistake is said once for all of them (then the line of
    # the learner's code it points at, when it can tell)
    said = [m.split(" Your line ")[0] for m in result.messages]
    assert said == [f"tests {', '.join(str(i) for i in range(1, n_cases + 1))}: {explanation}"]


# ----------------------------------------------------------------------------- dAL
def dAL_reference(AL, Y):
    return AL - Y


def dAL_if_on_array(AL, Y):
    # the learner's first idea, written literally
    if AL > 0:
        return 1
    return 0


def dAL_bce(AL, Y):
    return -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))


DAL_MISTAKES = [
    (lambda AL, Y: np.sum((AL - Y) * AL) / AL.shape[1], r.DAL_TIMES_AL_SUMMED),
    (lambda AL, Y: np.sum(AL - Y) / AL.shape[1], r.DAL_SUMMED_OVER_M),
    (lambda AL, Y: np.sum(AL - Y), r.DAL_SUMMED),
    (lambda AL, Y: (AL - Y) / AL.shape[1], r.DAL_OVER_M),
    (lambda AL, Y: np.where(AL > 0, 1.0, 0.0), r.DAL_RELU_DERIVATIVE),
    (lambda AL, Y: np.ones_like(AL), r.DAL_ONES),
    (lambda AL, Y: 1, r.DAL_SCALAR_ONE),
    (lambda AL, Y: (AL - Y) * (AL > 0), r.DAL_MASKED),
    (lambda AL, Y: Y - AL, r.DAL_SIGN),
    (lambda AL, Y: 2 * (AL - Y), r.DAL_TIMES_2),
    (lambda AL, Y: 2 * (AL - Y) / AL.shape[1], r.DAL_TIMES_2_OVER_M),
    (lambda AL, Y: 0.5 * (AL - Y) ** 2, r.DAL_LOSS),
    (dAL_bce, r.DAL_BCE),
]


def test_dAL_accepts_reference():
    result = r.check_regression_dAL(dAL_reference)
    assert result.passed
    assert str(result) == "✔ regression_dAL: all tests passed."


@pytest.mark.parametrize("wrong, explanation", DAL_MISTAKES)
def test_dAL_names_each_mistake(wrong, explanation):
    _assert_every_case(r.check_regression_dAL(wrong), explanation, len(r.regression_dAL_cases()))


def test_dAL_cases_contain_relu_zeros_so_mask_mistakes_are_visible():
    for case in r.regression_dAL_cases():
        AL, Y = case.args
        assert np.any(AL == 0) and np.any(AL > 0)
        assert np.all(Y > 0)


def test_dAL_explanations_are_distinct():
    texts = [explanation for _, explanation in DAL_MISTAKES]
    assert len(set(texts)) == len(texts)


def test_dAL_key_words_of_the_forum_guesses():
    summed = str(r.check_regression_dAL(lambda AL, Y: np.sum(AL - Y) / AL.shape[1]))
    assert "derivative of the cost J, not of the loss L" in summed
    times_AL = str(r.check_regression_dAL(lambda AL, Y: np.sum((AL - Y) * AL) / AL.shape[1]))
    assert "three mistakes" in times_AL
    if_version = str(r.check_regression_dAL(dAL_if_on_array))
    assert "raised ValueError at line 3 of dAL_if_on_array: `if AL > 0:`" in if_version
    assert "`if A > 0:` was applied to a whole array" in if_version
    assert "dAL needs no test at all" in if_version


def test_dAL_other_errors_are_reported_not_raised():
    def broken(AL, Y):
        raise KeyError("oops")

    result = r.check_regression_dAL(broken)
    assert not result.passed
    assert "raised KeyError" in result.messages[0]


def test_dAL_generic_shape_mistake():
    result = r.check_regression_dAL(lambda AL, Y: (AL - Y)[:, :2])
    assert "wrong shape" in result.messages[0]


def test_dAL_learner_cannot_modify_the_cases():
    def in_place(AL, Y):
        AL -= Y
        return AL

    assert r.check_regression_dAL(in_place).passed
    assert r.check_regression_dAL(dAL_reference).passed


# ----------------------------------------------------------------------------- relu_backward
def relu_backward_reference(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ


RB_MISTAKES = [
    (lambda dA, Z: dA, r.RB_RETURNS_DA),
    (lambda dA, Z: dA * Z, r.RB_TIMES_Z),
    (lambda dA, Z: dA * np.maximum(Z, 0), r.RB_TIMES_A),
    (lambda dA, Z: (Z > 0).astype(float), r.RB_MASK_ONLY),
    (lambda dA, Z: dA * (Z <= 0), r.RB_INVERTED),
    (lambda dA, Z: dA * (dA > 0), r.RB_MASK_ON_DA),
    (lambda dA, Z: dA * (Z > 0) / Z.shape[1], r.RB_OVER_M),
    (lambda dA, Z: dA * np.where(Z > 0, 1.0, 0.01), r.RB_LEAKY),
]


@pytest.mark.parametrize("fn", [relu_backward_reference, relu_backward, lambda dA, Z: dA * (Z > 0)])
def test_relu_backward_accepts_the_course_convention_at_zero(fn):
    result = r.check_relu_backward(fn)
    assert result.passed, str(result)
    assert str(result) == "✔ relu_backward: all tests passed."


def test_relu_backward_with_slope_one_at_zero_is_named():
    # the course sets dZ[Z <= 0] = 0: g'(0) = 0; a mask Z >= 0 differs only where Z == 0
    result = r.check_relu_backward(lambda dA, Z: dA * (Z >= 0))
    assert not result.passed and "relu_backward:slope_at_zero" in result.mistakes
    assert "Z >= 0" in str(result) and "dZ[Z <= 0] = 0" in str(result)


@pytest.mark.parametrize("wrong, explanation", RB_MISTAKES)
def test_relu_backward_names_each_mistake(wrong, explanation):
    _assert_every_case(r.check_relu_backward(wrong), explanation, len(r.relu_backward_cases()))


def test_relu_backward_cases_have_exact_zeros_in_one_case_only():
    zeros = []
    for case in r.relu_backward_cases():
        _, Z = case.args
        zeros.append(int(np.sum(Z == 0)))
        assert np.all((Z == 0) | (np.abs(Z) >= 0.1))
        assert np.any(Z > 0) and np.any(Z < 0)
    assert zeros[:-1] == [0] * (len(zeros) - 1) and zeros[-1] >= 1


def test_relu_backward_in_place_version_does_not_corrupt_later_cases():
    def in_place(dA, cache):
        dA[cache <= 0] = 0
        return dA

    result = r.check_relu_backward(in_place)  # the course copies dA on purpose
    assert not result.passed and "relu_backward:in_place" in result.mistakes
    assert "np.array(dA, copy=True)" in str(result)
    assert r.check_relu_backward(relu_backward_reference).passed


# ----------------------------------------------------------------------------- update_parameters
def update_reference(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def _update_each(step):
    def fn(parameters, grads, learning_rate):
        return {k: step(v, grads["d" + k], learning_rate, k) for k, v in parameters.items()}
    return fn


def _last_layer_only(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new = dict(parameters)
    new[f"W{L}"] = parameters[f"W{L}"] - learning_rate * grads[f"dW{L}"]
    new[f"b{L}"] = parameters[f"b{L}"] - learning_rate * grads[f"db{L}"]
    return new


UP_MISTAKES = [
    (_update_each(lambda p, g, lr, k: g), r.UP_REPLACED),
    (_update_each(lambda p, g, lr, k: p + lr * g), r.UP_PLUS),
    (_update_each(lambda p, g, lr, k: p - lr * g if k[0] == "W" else p), r.UP_NO_B),
    (_update_each(lambda p, g, lr, k: p - g), r.UP_NO_LR),
    (_update_each(lambda p, g, lr, k: p - lr * g / 7), r.UP_OVER_M),
    (_last_layer_only, r.UP_ONLY_LAST),
]


@pytest.mark.parametrize("fn", [update_reference, update_parameters])
def test_update_accepts_in_place_and_new_dict_versions(fn):
    result = r.check_update_parameters(fn)
    assert result.passed, str(result)
    assert str(result) == "✔ update_parameters: all tests passed."


@pytest.mark.parametrize("wrong, explanation", UP_MISTAKES)
def test_update_names_each_mistake(wrong, explanation):
    _assert_every_case(r.check_update_parameters(wrong), explanation,
                       len(r.update_parameters_cases()))


def _loop_range_1_to_L(parameters, grads, learning_rate):
    """The off-by-one: `for l in range(1, L)` never reaches the last layer."""
    L = len(parameters) // 2
    for l in range(1, L):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def test_update_loop_that_skips_the_last_layer_is_named():
    result = r.check_update_parameters(_loop_range_1_to_L)
    assert not result.passed
    assert len(result.messages) == 2  # tests 1 and 3 are 2-layer networks: one message for both
    assert "tests 1, 3: layer 2 (the last of 2) was not updated" in result.messages[0]
    assert "test 2: layer 3 (the last of 3) was not updated" in result.messages[1]
    assert all("skips a layer" in m for m in result.messages)


def test_update_loop_that_skips_a_middle_layer_is_named():
    def skip_layer_2(parameters, grads, learning_rate):
        return {k: v if k[1:] == "2" else v - learning_rate * grads["d" + k]
                for k, v in parameters.items()}

    messages = r.check_update_parameters(skip_layer_2).messages
    # in the 2-layer case skipping layer 2 leaves only layer 1 updated; in the 3-layer case
    # layer 2 is a middle layer
    assert "layer 2 (the last of 2) was not updated" in messages[0]
    assert "layer 2 (layer 2 of 3) was not updated" in messages[1]


def test_update_W_equals_dW_message_says_subtract_a_step():
    message = str(r.check_update_parameters(_update_each(lambda p, g, lr, k: g)))
    assert "W was replaced by dW" in message
    assert "W = W - learning_rate * dW" in message


def test_update_missing_keys_and_none_are_explained():
    dropped_b = r.check_update_parameters(
        lambda p, g, lr: {k: v - lr * g["d" + k] for k, v in p.items() if k[0] == "W"})
    assert "parameters lacks the key(s) ['b1', 'b2']; it should have ['W1', 'b1', 'W2', 'b2']" in \
        dropped_b.messages[0]
    assert "raised" not in dropped_b.messages[0]
    none = r.check_update_parameters(lambda p, g, lr: None)
    assert "forget the `return`" in none.messages[0]


def test_update_shape_change_is_explained():
    def transposed(parameters, grads, learning_rate):
        return {k: (v - learning_rate * grads["d" + k]).T for k, v in parameters.items()}

    message = r.check_update_parameters(transposed).messages[0]
    assert "W1 is transposed, shape (2, 3) instead of (3, 2)" in message


def test_update_learning_rates_make_variants_distinguishable():
    lrs = [case.args[2] for case in r.update_parameters_cases()]
    assert all(lr not in (0, 1) for lr in lrs)
