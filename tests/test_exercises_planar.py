"""The planar checkers accept the reference and name each known mistake."""

import itertools

import numpy as np
import pytest

from dlsnotes.activations import leaky_relu_backward
from dlsnotes.exercises import planar
from dlsnotes.exercises.planar import (
    check_dZ1,
    check_leaky_relu_backward,
    reference_dZ1,
    reference_leaky_relu_backward,
)


def _leaky(Z, slope):
    return np.where(Z > 0, Z, slope * Z)


def _messages(result):
    return "\n".join(result.messages)


def _tests(result):
    """The numbers of the tests the messages name ("tests 1, 3: ..." names 1 and 3)."""
    import re
    return {int(n) for m in result.messages
            for n in re.match(r"tests? ([\d, ]+):", m).group(1).split(",")}


# --------------------------------------------------------------------------- leaky_relu_backward
def test_leaky_reference_passes():
    result = check_leaky_relu_backward(reference_leaky_relu_backward)
    assert result.passed
    assert str(result) == "✔ leaky_relu_backward: all tests passed."


def test_leaky_package_function_passes():
    assert check_leaky_relu_backward(leaky_relu_backward).passed


def test_leaky_course_style_copy_passes():
    def course_style(dA, cache, slope):
        dZ = np.array(dA, copy=True)
        dZ[cache <= 0] *= slope
        return dZ

    assert check_leaky_relu_backward(course_style).passed


LEAKY_MISTAKES = {
    "returned dA unchanged": (lambda dA, Z, s: dA, "returned dA unchanged"),
    "slope on the positive side": (
        lambda dA, Z, s: np.where(Z > 0, s * dA, dA), "applied on the wrong side"),
    "derivative without dA": (
        lambda dA, Z, s: np.where(Z > 0, 1, s), "multiply it by dA"),
    "tanh's 1 - A**2": (
        lambda dA, Z, s: dA * (1 - _leaky(Z, s) ** 2), "tanh's derivative 1 - A**2"),
    "relu's derivative": (lambda dA, Z, s: dA * (Z > 0), "that is ReLU's derivative"),
    "activation instead of derivative": (
        lambda dA, Z, s: dA * _leaky(Z, s), "the activation itself"),
}


@pytest.mark.parametrize("mistake", sorted(LEAKY_MISTAKES))
def test_leaky_mistake_is_named_in_every_test(mistake):
    fn, phrase = LEAKY_MISTAKES[mistake]
    result = check_leaky_relu_backward(fn)
    assert not result.passed
    assert _tests(result) == {1, 2, 3}
    assert all(phrase in message for message in result.messages), _messages(result)


def test_leaky_hard_coded_slope_is_caught_where_slope_differs():
    result = check_leaky_relu_backward(lambda dA, Z, s: dA * np.where(Z > 0, 1, 0.01))
    assert not result.passed
    text = _messages(result)
    assert "test 1" not in text  # slope 0.01 there: the answer is right
    assert "tests 2, 3: the slope argument is ignored" in text


def test_leaky_in_place_change_of_dA_is_explained():
    def in_place(dA, cache, slope):
        dZ = dA
        dZ[cache <= 0] *= slope
        return dZ

    result = check_leaky_relu_backward(in_place)
    assert not result.passed
    assert "changed its input dA in place" in _messages(result)
    assert "np.array(dA, copy=True)" in _messages(result)


def test_leaky_missing_return_and_summing_are_named():
    no_return = check_leaky_relu_backward(lambda dA, Z, s: None)
    assert "forget the `return` statement" in _messages(no_return)
    summed = check_leaky_relu_backward(
        lambda dA, Z, s: np.sum(reference_leaky_relu_backward(dA, Z, s), axis=1, keepdims=True))
    assert "summed or averaged over the examples" in _messages(summed)


# --------------------------------------------------------------------------- dZ1
def _g(Z1, activation):
    return {"tanh": np.tanh(Z1), "relu": np.maximum(Z1, 0),
            "leaky_relu": _leaky(Z1, 0.01)}[activation]


def _g_prime(Z1, activation):
    return {"tanh": 1 - np.tanh(Z1) ** 2, "relu": (Z1 > 0) * 1.0,
            "leaky_relu": np.where(Z1 > 0, 1, 0.01)}[activation]


def test_dZ1_reference_passes():
    result = check_dZ1(reference_dZ1)
    assert result.passed
    assert str(result) == "✔ backward_dZ1: all tests passed."


def test_dZ1_learner_fix_from_the_thread_passes():
    def learner(W2, dZ2, Z1, activation):
        if activation == "leaky_relu":
            return np.dot(W2.T, dZ2) * np.where(Z1 > 0, 1, 0.01)
        if activation == "relu":
            return np.dot(W2.T, dZ2) * np.where(Z1 > 0, 1, 0)
        return np.dot(W2.T, dZ2) * (1 - np.power(np.tanh(Z1), 2))

    assert check_dZ1(learner).passed


def test_dZ1_tanh_derivative_with_relu_output_is_the_learners_bug():
    def kept_tanh_backward(W2, dZ2, Z1, activation):
        A1 = _g(Z1, activation)
        return np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))

    result = check_dZ1(kept_tanh_backward)
    text = _messages(result)
    assert not result.passed
    assert "test 1: this is tanh's derivative 1 - A1**2 with A1 = relu(Z1)" in text
    assert "test 2: this is tanh's derivative 1 - A1**2 with A1 = leaky_relu(Z1)" in text
    assert "test 3" not in text  # for tanh the course formula is right


def test_dZ1_tanh_derivative_from_Z1_under_a_relu_forward_pass_is_named():
    def tanh_from_Z(W2, dZ2, Z1, activation):
        return np.dot(W2.T, dZ2) * (1 - np.tanh(Z1) ** 2)   # whatever the activation

    result = check_dZ1(tanh_from_Z)
    text = str(result)
    assert not result.passed
    assert "test 1: this is tanh's derivative written with Z1" in text and "relu forward" in text
    assert "test 2: this is tanh's derivative written with Z1" in text and "leaky_relu" in text
    assert "test 3" not in text   # for tanh itself it is the right answer


def test_dZ1_untransposed_W2_gets_a_shape_explanation():
    result = check_dZ1(lambda W2, dZ2, Z1, a: np.dot(W2, dZ2) * _g_prime(Z1, a))
    assert not result.passed
    assert len(result.messages) == 3
    for message in result.messages:
        assert "raised ValueError" in message
        assert "W2 was used without transposing it" in message
        assert "W2.T @ dZ2" in message


def test_dZ1_unrelated_errors_are_not_blamed_on_W2():
    def broken(W2, dZ2, Z1, activation):
        raise ValueError("something else entirely")

    text = _messages(check_dZ1(broken))
    assert "something else entirely" in text
    assert "transposing" not in text


DZ1_MISTAKES = {
    "derivative missing": (lambda W2, dZ2, Z1, a: W2.T @ dZ2, "the factor g'(Z1) is missing", 3),
    "g' alone": (lambda W2, dZ2, Z1, a: _g_prime(Z1, a), "you returned g'(Z1) alone", 3),
    "g instead of g'": (
        lambda W2, dZ2, Z1, a: (W2.T @ dZ2) * _g(Z1, a), "instead of its derivative", 3),
    "transposed": (
        lambda W2, dZ2, Z1, a: (dZ2.T @ W2) * _g_prime(Z1, a).T, "the result is transposed", 3),
}


@pytest.mark.parametrize("mistake", sorted(DZ1_MISTAKES))
def test_dZ1_mistake_is_named(mistake):
    fn, phrase, n_failing = DZ1_MISTAKES[mistake]
    result = check_dZ1(fn)
    assert not result.passed
    assert len(_tests(result)) == n_failing
    assert all(phrase in message for message in result.messages), _messages(result)


def test_dZ1_leaky_specific_mistakes():
    relu_for_leaky = check_dZ1(
        lambda W2, dZ2, Z1, a: (W2.T @ dZ2) * _g_prime(Z1, "relu" if a == "leaky_relu" else a))
    assert _messages(relu_for_leaky).startswith("test 2: dZ1 is 0 where Z1 <= 0")
    positive_side = check_dZ1(
        lambda W2, dZ2, Z1, a: (W2.T @ dZ2) * (np.where(Z1 > 0, 0.01, 1) if a == "leaky_relu"
                                              else _g_prime(Z1, a)))
    assert _messages(positive_side).startswith("test 2: the slope 0.01 is on the wrong side")


def test_dZ1_tanh_specific_mistakes():
    one_minus_z2 = check_dZ1(
        lambda W2, dZ2, Z1, a: (W2.T @ dZ2) * (1 - Z1 ** 2 if a == "tanh" else _g_prime(Z1, a)))
    assert _messages(one_minus_z2).startswith("test 3: you used 1 - Z1**2")
    no_square = check_dZ1(
        lambda W2, dZ2, Z1, a: (W2.T @ dZ2) * (1 - np.tanh(Z1) if a == "tanh" else _g_prime(Z1, a)))
    assert _messages(no_square).startswith("test 3: tanh's derivative is 1 - tanh(Z1)**2")


def test_reference_dZ1_rejects_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of"):
        reference_dZ1(np.ones((1, 2)), np.ones((1, 3)), np.ones((2, 3)), "sigmoid")


# --------------------------------------------------------------------------- the cases themselves
def _all_cases():
    leaky = [planar._leaky_case(planar.CHECKER_SEED + i, shape, slope)
             for i, (shape, slope) in enumerate([((3, 5), 0.01), ((4, 6), 0.1), ((2, 7), 0.2)])]
    dz1 = [planar._dZ1_case(planar.CHECKER_SEED + i, n_h, m, a)
           for i, (n_h, m, a) in enumerate([(4, 5, "relu"), (3, 6, "leaky_relu"), (4, 7, "tanh")])]
    return leaky + dz1


@pytest.mark.parametrize("case", _all_cases())
def test_every_variant_differs_from_the_answer_and_from_each_other(case):
    arrays = [case.expected] + [np.asarray(v, dtype=float) for v in case.variants.values()]
    for a, b in itertools.combinations(arrays, 2):
        assert a.shape != b.shape or not np.allclose(a, b, rtol=1e-7, atol=1e-10)


def test_checkers_use_the_same_inputs_every_time():
    first = check_dZ1(lambda W2, dZ2, Z1, a: W2.T @ dZ2 * 0.5)
    second = check_dZ1(lambda W2, dZ2, Z1, a: W2.T @ dZ2 * 0.5)
    assert first.messages == second.messages
