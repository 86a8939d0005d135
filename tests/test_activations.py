"""Activations against independent references: scipy for the values, central differences
for the derivatives, and the chain rule ``dZ = dA * g'(Z)`` (softmax: ``J^T dA``)."""

import re
import warnings

import numpy as np
import pytest
from scipy.special import expit
from scipy.special import softmax as scipy_softmax

from dlsnotes import activations as acts
from dlsnotes.activations import ACTIVATIONS, get_activation

# Every test below runs over the registry, so a new built-in entry is checked like the rest
# (a registered one is checked in tests/test_registry_extension.py).
ALL = list(ACTIVATIONS)
ELEMENTWISE = [name for name in ALL if ACTIVATIONS[name].elementwise]
VECTOR = [name for name in ALL if not ACTIVATIONS[name].elementwise]  # softmax

#: Independent forward references, written without the package: one per built-in entry.
REFERENCE = {
    "sigmoid": expit,
    "tanh": np.tanh,
    "relu": lambda Z: np.maximum(Z, 0.0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "linear": lambda Z: Z.copy(),
    "swish": lambda Z: Z * expit(Z),
    "softmax": lambda Z: scipy_softmax(Z, axis=0),
}


def away_from_kinks(shape, seed, scale=3.0, gap=1e-3):
    """Random ``Z`` with no entry within ``gap`` of 0 (relu/leaky_relu have a kink there)."""
    Z = np.random.default_rng(seed).normal(scale=scale, size=shape)
    Z[np.abs(Z) < gap] += 3 * gap
    return Z


def numerical_derivative(f, Z, eps=1e-6):
    """Element-wise central difference of an element-wise function."""
    return (f(Z + eps) - f(Z - eps)) / (2 * eps)


def numerical_jacobian(f, Z, eps=1e-6):
    """``J[i, j, k] = d f(Z)[i, k] / d Z[j, k]`` by central differences (column-wise ``f``)."""
    n, m = Z.shape
    J = np.zeros((n, n, m))
    for j in range(n):
        step = np.zeros_like(Z)
        step[j, :] = eps
        J[:, j, :] = (f(Z + step) - f(Z - step)) / (2 * eps)
    return J



def relative_difference(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


# ----------------------------------------------------------------------------- forward
def test_every_registered_activation_has_an_independent_reference():
    assert set(REFERENCE) == set(ACTIVATIONS), "write a reference for the new activation"


@pytest.mark.parametrize("name", ALL)
def test_forward_matches_independent_reference(name):
    Z = away_from_kinks((4, 9), seed=0)
    A, cache = ACTIVATIONS[name](Z)
    np.testing.assert_allclose(A, REFERENCE[name](Z), rtol=1e-12, atol=1e-15)
    assert A.shape == Z.shape
    assert cache is Z, "the activation cache is Z itself, as in the course"


@pytest.mark.parametrize("name", ALL)
def test_forward_does_not_modify_Z(name):
    Z = away_from_kinks((3, 5), seed=1)
    Z_before = Z.copy()
    ACTIVATIONS[name](Z)
    ACTIVATIONS[name].derivative(Z)
    ACTIVATIONS[name].backward(np.ones_like(Z), Z)
    np.testing.assert_array_equal(Z, Z_before)


def test_softmax_columns_are_probability_distributions():
    Z = away_from_kinks((5, 12), seed=2, scale=10.0)
    A, _ = ACTIVATIONS["softmax"](Z)
    np.testing.assert_allclose(A.sum(axis=0), np.ones(12), rtol=0, atol=1e-14)
    assert np.all(A > 0) and np.all(A < 1)


def test_softmax_normalises_columns_not_rows():
    # One column of identical logits must give 1/n everywhere, whatever the other column holds.
    Z = np.array([[0.0, 5.0], [0.0, -1.0], [0.0, 2.0]])
    A, _ = ACTIVATIONS["softmax"](Z)
    np.testing.assert_allclose(A[:, 0], np.full(3, 1 / 3), rtol=1e-14)
    np.testing.assert_allclose(A[:, 1], scipy_softmax(Z[:, 1]), rtol=1e-14)


#: The course-style module names of each activation: ``A, cache = relu(Z)`` and
#: ``dZ = relu_backward(dA, cache)``; the identity's backward is not ``linear_backward``.
COURSE_NAMES = {"sigmoid": "sigmoid_backward", "tanh": "tanh_backward", "relu": "relu_backward",
                "linear": "identity_backward", "softmax": "softmax_backward", "swish": "swish_backward"}


def test_course_style_module_functions():
    Z = away_from_kinks((3, 4), seed=3)
    dA = np.random.default_rng(3).normal(size=Z.shape)
    for name, backward_name in COURSE_NAMES.items():
        forward = getattr(acts, name)
        backward = getattr(acts, backward_name)
        A, cache = forward(Z)
        np.testing.assert_allclose(A, REFERENCE[name](Z), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(backward(dA, cache), ACTIVATIONS[name].backward(dA, Z), rtol=1e-15)


def test_linear_backward_means_only_the_course_linear_backward():
    # after both star imports (activations first, as a notebook would), linear_backward is
    # still the course's linear_backward(dZ, cache) -> (dA_prev, dW, db)
    import dlsnotes
    from dlsnotes import model

    namespace = {}
    exec("from dlsnotes.activations import *\nfrom dlsnotes.model import *\n"
         "from dlsnotes.activations import *", namespace)
    assert "linear_backward" not in acts.__all__ and not hasattr(acts, "linear_backward")
    assert namespace["linear_backward"] is model.linear_backward is dlsnotes.linear_backward
    dZ, A_prev, W = np.ones((2, 3)), np.ones((4, 3)), np.ones((2, 4))
    dA_prev, dW, db = namespace["linear_backward"](dZ, (A_prev, W, np.zeros((2, 1))))
    assert dA_prev.shape == (4, 3) and dW.shape == (2, 4) and db.shape == (2, 1)


# ----------------------------------------------------------------------------- derivatives
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    # of the independent reference and of the entry's own function
    Z = away_from_kinks((4, 10), seed=4)
    analytic = ACTIVATIONS[name].derivative(Z)
    assert analytic.shape == Z.shape
    for f in (REFERENCE[name], ACTIVATIONS[name].function):
        assert relative_difference(analytic, numerical_derivative(f, Z)) < 1e-8


@pytest.mark.parametrize("name", [n for n in ELEMENTWISE if ACTIVATIONS[n].output_derivative is not None])
def test_derivative_from_the_output_agrees(name):
    # output_derivative (g' written with A, used by training) is g'(Z)
    act = ACTIVATIONS[name]
    Z = away_from_kinks((3, 8), seed=14)
    np.testing.assert_allclose(act.output_derivative(act.function(Z)), act.derivative(Z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", VECTOR)
def test_jacobian_matches_numerical_jacobian(name):
    Z = away_from_kinks((4, 6), seed=5)
    J = ACTIVATIONS[name].derivative(Z)
    assert J.shape == (4, 4, 6)
    assert relative_difference(J, numerical_jacobian(REFERENCE[name], Z)) < 1e-8
    assert relative_difference(J, numerical_jacobian(ACTIVATIONS[name].function, Z)) < 1e-8


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backward_is_dA_times_derivative(name):
    Z = away_from_kinks((3, 7), seed=6)
    dA = np.random.default_rng(6).normal(size=Z.shape)
    dZ = ACTIVATIONS[name].backward(dA, Z)
    assert dZ.shape == Z.shape
    np.testing.assert_allclose(dZ, dA * numerical_derivative(ACTIVATIONS[name].function, Z),
                               rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_backward_is_jacobian_transpose_times_dA(name):
    Z = away_from_kinks((4, 6), seed=7)
    dA = np.random.default_rng(7).normal(size=Z.shape)
    J = numerical_jacobian(ACTIVATIONS[name].function, Z)
    expected = np.einsum("ijk,ik->jk", J, dA)  # column k: J_k^T dA_k
    dZ = ACTIVATIONS[name].backward(dA, Z)
    assert dZ.shape == Z.shape
    assert relative_difference(dZ, expected) < 1e-8


def test_softmax_backward_is_not_elementwise_product_with_diagonal():
    # The diagonal-only shortcut dA * s(1 - s) is a classic mistake; it must differ.
    Z = away_from_kinks((3, 5), seed=8)
    dA = np.random.default_rng(8).normal(size=Z.shape)
    S = REFERENCE["softmax"](Z)
    assert not np.allclose(ACTIVATIONS["softmax"].backward(dA, Z), dA * S * (1 - S))


# ----------------------------------------------------------------------------- stability
EXTREME = np.array([[-1e4, -1e3, -745.0, -50.0, -1e-3, 0.0, 1e-3, 50.0, 710.0, 1e3, 1e4]])


@pytest.mark.parametrize("name", ALL)
def test_no_warning_and_finite_for_large_inputs(name):
    act = ACTIVATIONS[name]
    Z = np.vstack([EXTREME, -EXTREME, EXTREME[:, ::-1]])
    dA = np.ones_like(Z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A, _ = act(Z)
        derivative = act.derivative(Z)
        dZ = act.backward(dA, Z)
    for value in (A, derivative, dZ):
        assert np.all(np.isfinite(value)), f"{name} is not finite for |Z| up to 1e4"


LIMITS = {  # g(1e4), g(-1e4) to float64 precision
    "sigmoid": (1.0, 0.0),
    "tanh": (1.0, -1.0),
    "swish": (1e4, 0.0),
    "relu": (1e4, 0.0),
    "leaky_relu": (1e4, -100.0),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_saturated_values_are_the_limits(name):
    A, _ = ACTIVATIONS[name](np.array([[1e4, -1e4]]))
    np.testing.assert_allclose(A.ravel(), LIMITS[name], rtol=1e-15, atol=1e-300)


def test_softmax_saturates_to_one_hot():
    A, _ = ACTIVATIONS["softmax"](np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]]))
    np.testing.assert_array_equal(A, [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])


# ----------------------------------------------------------------------------- leaky relu
def test_leaky_relu_default_slope_is_0_01():
    Z = np.array([[-2.0, -0.5, 0.0, 3.0]])
    A, _ = ACTIVATIONS["leaky_relu"](Z)
    np.testing.assert_allclose(A, [[-0.02, -0.005, 0.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(ACTIVATIONS["leaky_relu"].derivative(Z), [[0.01, 0.01, 0.01, 1.0]])


@pytest.mark.parametrize("slope", [0.0, 0.1, 0.3])
def test_leaky_relu_slope_is_configurable(slope):
    Z = away_from_kinks((3, 8), seed=9)
    expected = np.where(Z > 0, Z, slope * Z)
    for act in (get_activation("leaky_relu", slope=slope), get_activation(f"leaky_relu({slope})")):
        A, _ = act(Z)
        np.testing.assert_allclose(A, expected, rtol=1e-15)
        numeric = numerical_derivative(lambda z: np.where(z > 0, z, slope * z), Z)
        np.testing.assert_allclose(act.derivative(Z), numeric, rtol=1e-7, atol=1e-9)
    A, cache = acts.leaky_relu(Z, slope)
    np.testing.assert_allclose(A, expected, rtol=1e-15)
    dA = np.ones_like(Z)
    np.testing.assert_allclose(acts.leaky_relu_backward(dA, cache, slope), np.where(Z > 0, 1.0, slope))


@pytest.mark.parametrize("slope", [-0.1, 1.0, 1.5, float("nan"), "0.1", True])
def test_leaky_relu_invalid_slope_raises(slope):
    with pytest.raises(ValueError, match=r"slope must be a number in \[0, 1\)"):
        get_activation("leaky_relu", slope=slope)


def test_leaky_relu_invalid_slope_in_name_raises():
    with pytest.raises(ValueError, match="slope"):
        get_activation("leaky_relu(2)")
    with pytest.raises(ValueError, match="not supported"):
        get_activation("leaky_relu(abc)")


# ----------------------------------------------------------------------------- names
@pytest.mark.parametrize("bad", ["x", "Relu", "soft_max", ""])
def test_unknown_activation_lists_supported_ones(bad):
    with pytest.raises(ValueError) as info:
        get_activation(bad)
    message = str(info.value)
    assert message.startswith(f"The activation {bad!r} is not supported. Supported activations are [")
    listed = re.findall(r"'(\w+)'", message.split("Supported activations are")[1])
    assert sorted(listed) == sorted(ALL)


def test_activation_must_be_a_name():
    with pytest.raises(TypeError, match="must be a name"):
        get_activation(3)


def test_registry_holds_exactly_the_course_activations():
    assert sorted(ACTIVATIONS) == ["leaky_relu", "linear", "relu", "sigmoid", "softmax", "swish", "tanh"]
    for name, act in ACTIVATIONS.items():
        assert act.name == name
        assert get_activation(name) is act
        assert act.latex and act.latex_derivative and act.derivative_text and act.label
