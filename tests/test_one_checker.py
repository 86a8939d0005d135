"""One checker core: the same function gets the same verdict in every notebook and in course.check.

Each concept (dAL of the MSE loss, relu_backward, sigmoid_backward, linear_backward,
update_parameters) has one set of inputs and one set of named mistakes in
:mod:`dlsnotes.checking`. Here the same right and wrong functions go through every checker
of a concept — the notebooks' ``check_*`` and :func:`dlsnotes.course.check` — and must get
the same verdict: pass/fail and the same named mistakes (``Mistake.key``).
"""

from __future__ import annotations

import pathlib
import re

import numpy as np
import pytest

from dlsnotes import checking
from dlsnotes.course import check
from dlsnotes.exercises import derivatives, regression, shapes


def _course(name, **options):
    def run(fn):
        return check(fn, name, **options)
    run.__name__ = f"course.check(name={name!r})"
    return run


def _verdicts(checkers, fn):
    """``[(checker, passed, mistake keys)]`` of ``fn`` through each checker."""
    out = []
    for checker in checkers:
        result = checker(fn)
        out.append((checker.__name__, bool(result.passed), set(result.mistakes), str(result)))
    return out


def _assert_same_verdict(checkers, fn, expected_key):
    verdicts = _verdicts(checkers, fn)
    for name, passed, keys, text in verdicts:
        if expected_key is None:
            assert passed and not keys, f"{name} rejects a right function:\n{text}"
        else:
            assert not passed and expected_key in keys, f"{name}: {keys}\n{text}"
    first = verdicts[0]
    for other in verdicts[1:]:
        assert (other[1], other[2]) == (first[1], first[2]), (
            f"{first[0]} says {first[2]}, {other[0]} says {other[2]}:\n{first[3]}\n---\n{other[3]}")


# ----------------------------------------------------------------------------- dAL for MSE
DAL_CHECKERS = [derivatives.check_dAL_mse, regression.check_regression_dAL]


@pytest.mark.parametrize("fn, key", [
    (lambda AL, Y: AL - Y, None),
    (lambda AL, Y: (AL - Y) * (AL > 0), "dAL_mse:masked"),  # notebook 02 used to accept it
    (lambda AL, Y: Y - AL, "dAL_mse:sign"),
    (lambda AL, Y: (AL - Y) / AL.shape[1], "dAL_mse:over_m"),
    (lambda AL, Y: np.sum(AL - Y, axis=1, keepdims=True) / AL.shape[1], "shape:summed_over_examples"),
    (lambda AL, Y: 2 * (AL - Y) / AL.shape[1], "dAL_mse:times_2_over_m"),
    (lambda AL, Y: -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)), "dAL_mse:bce"),
    (lambda AL, Y: 3 * (AL - Y), "value:factor"),
], ids=["right", "masked", "sign", "1/m", "summed", "keras", "bce", "factor"])
def test_dAL_of_mse_gets_one_verdict_in_notebooks_02_and_03(fn, key):
    _assert_same_verdict(DAL_CHECKERS, fn, key)


def test_every_dAL_case_has_relu_zeros_so_the_mask_is_always_visible():
    for case in checking.dAL_mse_cases():
        AL, _ = case.args
        assert np.any(AL == 0) and np.any(AL > 0)


# ----------------------------------------------------------------------------- relu_backward
RELU_CHECKERS = [regression.check_relu_backward, _course("relu_backward")]


def _relu_course(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ


def _relu_in_place(dA, cache):
    dA[cache <= 0] = 0  # writes into the caller's dA: the course copies on purpose
    return dA


@pytest.mark.parametrize("fn, key", [
    (_relu_course, None),
    (lambda dA, Z: dA * (Z > 0), None),
    (lambda dA, Z: dA * (Z >= 0), "relu_backward:slope_at_zero"),  # one case has zeros in Z
    (_relu_in_place, "relu_backward:in_place"),
    (lambda dA, Z: -dA * (Z > 0), "relu_backward:sign"),
    (lambda dA, Z: dA * (Z > 0) / Z.shape[1], "relu_backward:over_m"),
    (lambda dA, Z: dA, "relu_backward:returns_dA"),
    (lambda dA, Z: dA * (dA > 0), "relu_backward:mask_on_dA"),
    (lambda dA, Z: (dA * (Z > 0)).T, "shape:transposed"),
    (lambda dA, Z: 2 * dA * (Z > 0), "value:factor"),
], ids=["right", "mask", "ge", "in-place", "sign", "1/m", "dA", "mask-dA", "transposed", "factor"])
def test_relu_backward_gets_one_verdict_in_notebook_03_and_course_check(fn, key):
    _assert_same_verdict(RELU_CHECKERS, fn, key)


# ----------------------------------------------------------------------------- sigmoid_backward
SIGMOID_CHECKERS = [derivatives.check_sigmoid_backward, _course("sigmoid_backward")]


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


@pytest.mark.parametrize("fn, key", [
    (lambda dA, Z: dA * _sigmoid(Z) * (1 - _sigmoid(Z)), None),
    (lambda dA, Z: -dA * _sigmoid(Z) * (1 - _sigmoid(Z)), "sigmoid_backward:sign"),
    (lambda dA, Z: dA * _sigmoid(Z), "sigmoid_backward:times_A"),
    (lambda dA, Z: dA * Z * (1 - Z), "sigmoid_backward:used_Z"),
    (lambda dA, Z: dA * _sigmoid(Z) * (1 - _sigmoid(Z)) / Z.shape[1], "sigmoid_backward:over_m"),
], ids=["right", "sign", "times-A", "used-Z", "1/m"])
def test_sigmoid_backward_gets_one_verdict_in_notebook_02_and_course_check(fn, key):
    _assert_same_verdict(SIGMOID_CHECKERS, fn, key)


# ----------------------------------------------------------------------------- linear_backward
LINEAR_CHECKERS = [shapes.check_linear_backward, _course("linear_backward")]


def _linear_backward(dA=None, dW=None, db=None):
    """The course's linear_backward with one part replaced by a learner's version."""
    def linear_backward(dZ, cache):
        A_prev, W, _ = cache
        m = A_prev.shape[1]
        right = {"dA": W.T @ dZ, "dW": dZ @ A_prev.T / m, "db": np.sum(dZ, axis=1, keepdims=True) / m}
        for part, f in (("dA", dA), ("dW", dW), ("db", db)):
            if f is not None:
                right[part] = f(dZ, A_prev, W, m)
        return right["dA"], right["dW"], right["db"]
    return linear_backward


@pytest.mark.parametrize("fn, key", [
    (_linear_backward(), None),
    (_linear_backward(dW=lambda dZ, A, W, m: dZ @ A.T), "linear_backward:dW_no_1/m"),
    (_linear_backward(dW=lambda dZ, A, W, m: A @ dZ.T / m), "linear_backward:dW_transposed"),
    (_linear_backward(db=lambda dZ, A, W, m: np.sum(dZ, axis=1) / m), "linear_backward:db_no_keepdims"),
    (_linear_backward(db=lambda dZ, A, W, m: np.sum(dZ, axis=1, keepdims=True)), "linear_backward:db_no_1/m"),
    (_linear_backward(dA=lambda dZ, A, W, m: W.T @ dZ / m), "linear_backward:dA_over_m"),
    (_linear_backward(dA=lambda dZ, A, W, m: -(W.T @ dZ)), "value:sign"),
], ids=["right", "dW-1/m", "dW-T", "db-keepdims", "db-1/m", "dA-1/m", "dA-sign"])
def test_linear_backward_gets_one_verdict_in_notebook_01_and_course_check(fn, key):
    _assert_same_verdict(LINEAR_CHECKERS, fn, key)


# ----------------------------------------------------------------------------- update_parameters
UPDATE_CHECKERS = [regression.check_update_parameters, _course("update_parameters", assignment="W4A1")]


def _update(rule):
    def update_parameters(parameters, grads, learning_rate):
        return {k: rule(v, grads["d" + k], learning_rate) for k, v in parameters.items()}
    return update_parameters


@pytest.mark.parametrize("fn, key", [
    (_update(lambda p, g, lr: p - lr * g), None),
    (_update(lambda p, g, lr: p + lr * g), "update_parameters:plus"),
    (_update(lambda p, g, lr: g), "update_parameters:replaced"),
    (_update(lambda p, g, lr: p - g), "update_parameters:no_lr"),
    (_update(lambda p, g, lr: lr * g), "update_parameters:forgets_W"),
    (_update(lambda p, g, lr: p), "update_parameters:not_assigned"),
], ids=["right", "sign", "W=dW", "no-lr", "forgets-W", "not-assigned"])
def test_update_parameters_gets_one_verdict_in_notebook_03_and_course_check(fn, key):
    _assert_same_verdict(UPDATE_CHECKERS, fn, key)


# ----------------------------------------------------------------------------- one of each
def test_an_exception_reads_the_same_in_a_notebook_and_in_course_check():
    def relu_backward(dA, cache):
        return dA @ (cache > 0)  # a matrix product where an element-wise one belongs

    notebook = regression.check_relu_backward(relu_backward).messages[0]
    course = str(check(relu_backward))
    sentence = "raised ValueError at line 2 of relu_backward: `return dA @ (cache > 0)"
    assert sentence in notebook and sentence in course
    assert "check which factor is transposed" in notebook and "check which factor is transposed" in course


PACKAGE = pathlib.Path(checking.__file__).parent


def test_one_numerical_gradient_routine():
    """Only dlsnotes/gradcheck.py divides a difference of costs by 2·epsilon."""
    pattern = re.compile(r"/\s*\(\s*2\s*\*\s*(eps|epsilon)\b")
    found = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text())}
    # Not a gradient of a cost: a learner's mistake the exercise checker simulates (perturbing
    # every entry at once).
    found -= {"exercises/gradcheck.py"}
    assert found == {"gradcheck.py"}
    from dlsnotes.course import _cases
    from dlsnotes.exercises import gradcheck as exercise
    from dlsnotes.gradcheck import central_differences
    assert exercise.reference_gradient_approx is not None
    assert _cases.central_differences is central_differences

    def J(theta):
        return float(np.sum(np.sin(theta) * theta ** 2))

    theta = np.random.RandomState(0).randn(5, 1)
    exact = np.sin(theta) * 2 * theta + np.cos(theta) * theta ** 2
    np.testing.assert_allclose(exercise.reference_gradient_approx(J, theta, 1e-6), exact, rtol=1e-7, atol=1e-9)


def test_one_checker_core():
    """Every checker module runs on dlsnotes.checking; no second engine remains."""
    assert not (PACKAGE / "exercises" / "_core.py").exists()
    assert not (PACKAGE / "course" / "_running.py").exists()
    users = [PACKAGE / "course" / "checker.py", PACKAGE / "course" / "_cases.py"] + \
        [p for p in (PACKAGE / "exercises").glob("*.py") if p.name != "__init__.py"]
    for path in users:
        text = path.read_text()
        assert "from ..checking import" in text, path
        assert "def explain_exception" not in text and "def diagnose" not in text, path
