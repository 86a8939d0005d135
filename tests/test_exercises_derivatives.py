"""The checkers of notebook 02 accept the reference and name each listed mistake."""

import numpy as np
import pytest

from dlsnotes.activations import sigmoid_backward
from dlsnotes.exercises import derivatives as d


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _bce_dAL(AL, Y):
    return -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))


# ----------------------------------------------------------------------------- dAL for MSE
def dAL_mse_reference(AL, Y):
    return AL - Y


DAL_MSE_MISTAKES = [
    (lambda AL, Y: np.sum(AL - Y), d.MSE_SUMMED),
    (lambda AL, Y: np.sum(AL - Y) / AL.shape[1], d.MSE_SUMMED_OVER_M),
    (lambda AL, Y: np.sum((AL - Y) * AL) / AL.shape[1], d.MSE_TIMES_AL_SUMMED),
    (lambda AL, Y: (AL - Y) * AL, d.MSE_TIMES_AL),
    (lambda AL, Y: (AL - Y) / AL.shape[1], d.MSE_OVER_M),
    (lambda AL, Y: Y - AL, d.MSE_SIGN),
    (lambda AL, Y: 2 * (AL - Y), d.MSE_TIMES_2),
    (lambda AL, Y: 2 * (AL - Y) / AL.shape[1], d.MSE_TWICE_OVER_M),
    (lambda AL, Y: np.sum(2 * (AL - Y)) / AL.shape[1], d.MSE_TWICE_SUMMED_OVER_M),
    (lambda AL, Y: (AL - Y) ** 2 / 2, d.MSE_LOSS_ITSELF),
    (lambda AL, Y: np.where(AL > 0, 1.0, 0.0), d.MSE_RELU_DERIVATIVE),
    (lambda AL, Y: AL * (1 - AL), d.MSE_SIGMOID_DERIVATIVE),
    (_bce_dAL, d.MSE_BCE),
]


def test_dAL_mse_accepts_reference():
    result = d.check_dAL_mse(dAL_mse_reference)
    assert result.passed
    assert str(result) == "✔ dAL_mse: all tests passed."


@pytest.mark.parametrize("wrong, explanation", DAL_MSE_MISTAKES)
def test_dAL_mse_names_each_mistake(wrong, explanation):
    result = d.check_dAL_mse(wrong)
    assert not result.passed
    # every case catches it, and the mistake is said once for all of them
    assert result.messages == [f"tests 1, 2, 3: {explanation}"]


def test_dAL_mse_learner_first_guess_is_explained_in_words():
    message = str(d.check_dAL_mse(lambda AL, Y: np.sum((AL - Y) * AL) / AL.shape[1]))
    assert "multiplies by AL" in message
    assert "neither dL/dA" in message


def test_dAL_mse_mean_without_half_is_explained_as_the_other_convention():
    # 2(AL - Y)/m: the gradient of Keras'/PyTorch's mean squared error (no ½) w.r.t. the cost
    message = str(d.check_dAL_mse(lambda AL, Y: 2 * (AL - Y) / AL.shape[1]))
    assert "without ½" in message and "Keras and PyTorch" in message
    assert "no 1/m" in message and "Return AL - Y." in message


def test_dAL_mse_generic_mistakes_still_explained():
    summed_per_row = d.check_dAL_mse(lambda AL, Y: np.sum(AL - Y, axis=1, keepdims=True))
    assert "summed or averaged over the examples" in summed_per_row.messages[0]
    no_return = d.check_dAL_mse(lambda AL, Y: None)
    assert "forget the `return`" in no_return.messages[0]
    crashing = d.check_dAL_mse(lambda AL, Y: AL @ Y)
    assert "raised ValueError" in crashing.messages[0]


# ----------------------------------------------------------------------------- sigmoid_backward
def sigmoid_backward_reference(dA, cache):
    A = _sigmoid(cache)
    return dA * A * (1 - A)


SIGMOID_BACKWARD_MISTAKES = [
    (lambda dA, Z: dA, d.SB_RETURNS_DA),
    (lambda dA, Z: dA * _sigmoid(Z), d.SB_TIMES_A),
    (lambda dA, Z: dA * (1 - _sigmoid(Z)), d.SB_TIMES_ONE_MINUS_A),
    (lambda dA, Z: _sigmoid(Z) * (1 - _sigmoid(Z)), d.SB_DERIVATIVE_ONLY),
    (lambda dA, Z: dA * Z * (1 - Z), d.SB_USED_Z),
    (lambda dA, Z: np.where(Z > 0, dA, 0.0), d.SB_RELU),
    (lambda dA, Z: dA * (1 - _sigmoid(Z) ** 2), d.SB_TANH),
    (lambda dA, Z: dA / (_sigmoid(Z) * (1 - _sigmoid(Z))), d.SB_DIVIDED),
    (lambda dA, Z: sigmoid_backward_reference(dA, Z) / Z.shape[1], d.SB_OVER_M),
    (lambda dA, Z: -sigmoid_backward_reference(dA, Z), d.SB_SIGN),
]


@pytest.mark.parametrize("fn", [sigmoid_backward_reference, sigmoid_backward])
def test_sigmoid_backward_accepts_reference_and_package(fn):
    result = d.check_sigmoid_backward(fn)
    assert result.passed, str(result)
    assert str(result) == "✔ sigmoid_backward: all tests passed."


@pytest.mark.parametrize("wrong, explanation", SIGMOID_BACKWARD_MISTAKES)
def test_sigmoid_backward_names_each_mistake(wrong, explanation):
    result = d.check_sigmoid_backward(wrong)
    assert not result.passed
    assert result.messages == [f"tests 1, 2, 3: {explanation}"]


def test_sigmoid_backward_missing_derivative_mentions_chain_rule():
    message = str(d.check_sigmoid_backward(lambda dA, cache: dA))
    assert "derivative of the sigmoid is missing" in message
    assert "A(1 - A)" in message


def test_sigmoid_backward_wrong_derivative_says_which_factor():
    message = str(d.check_sigmoid_backward(lambda dA, cache: dA * _sigmoid(cache)))
    assert "multiplied dA by A only" in message


# ----------------------------------------------------------------------------- dZ[L], sigmoid + bce
def dZ_via_sigmoid_backward(AL, Y, cache):
    return sigmoid_backward(_bce_dAL(AL, Y), cache)


def dZ_fused(AL, Y, cache):
    return AL - Y


DZ_MISTAKES = [
    (lambda AL, Y, Z: _bce_dAL(AL, Y), d.DZ_RETURNS_DAL),
    (lambda AL, Y, Z: sigmoid_backward(AL - Y, Z), d.DZ_EXTRA_SIGMOID_FACTOR),
    (lambda AL, Y, Z: Y - AL, d.DZ_SIGN),
    (lambda AL, Y, Z: (AL - Y) / Y.shape[1], d.DZ_OVER_M),
    (lambda AL, Y, Z: np.sum(AL - Y) / Y.shape[1], d.DZ_SUMMED_OVER_M),
    (lambda AL, Y, Z: np.sum(AL - Y), d.DZ_SUMMED),
    (lambda AL, Y, Z: AL * (1 - AL), d.DZ_DERIVATIVE_ONLY),
    (lambda AL, Y, Z: _bce_dAL(AL, Y) * AL, d.DZ_DAL_TIMES_A),
    (lambda AL, Y, Z: Z - Y, d.DZ_USED_Z),
]


@pytest.mark.parametrize("fn", [dZ_via_sigmoid_backward, dZ_fused])
def test_dZ_sigmoid_bce_accepts_both_forms(fn):
    result = d.check_dZ_sigmoid_bce(fn)
    assert result.passed, str(result)
    assert str(result) == "✔ dZ_sigmoid_bce: all tests passed."


@pytest.mark.parametrize("wrong, explanation", DZ_MISTAKES)
def test_dZ_sigmoid_bce_names_each_mistake(wrong, explanation):
    result = d.check_dZ_sigmoid_bce(wrong)
    assert not result.passed
    assert result.messages == [f"tests 1, 2, 3: {explanation}"]


def test_dZ_extra_factor_is_called_the_mse_delta():
    message = str(d.check_dZ_sigmoid_bce(lambda AL, Y, Z: (AL - Y) * AL * (1 - AL)))
    assert "sigmoid + MSE" in message
    assert "already cancelled" in message


# ----------------------------------------------------------------------------- the cases themselves
@pytest.mark.parametrize("make_cases", [d.dAL_mse_cases, d.sigmoid_backward_cases,
                                        d.dZ_sigmoid_bce_cases])
def test_every_variant_differs_from_the_answer_and_from_each_other(make_cases):
    for case in make_cases():
        arrays = [np.asarray(case.expected)] + [np.asarray(v) for v in case.variants.values()]
        for i, first in enumerate(arrays):
            for second in arrays[i + 1:]:
                same = first.shape == second.shape and np.allclose(first, second)
                assert not same


def test_inputs_are_fixed():
    first, second = d.dAL_mse_cases(), d.dAL_mse_cases()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.args[0], b.args[0])
        np.testing.assert_array_equal(a.args[1], b.args[1])
