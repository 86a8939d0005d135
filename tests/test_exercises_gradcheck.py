"""check_gradient_approx and check_relative_difference accept the reference and explain mistakes."""

import numpy as np
import pytest

from dlsnotes.exercises.gradcheck import (
    check_gradient_approx,
    check_relative_difference,
    reference_gradient_approx,
    reference_relative_difference,
)
from dlsnotes.gradcheck import relative_difference


def test_reference_gradient_approx_passes():
    result = check_gradient_approx(reference_gradient_approx)
    assert result.passed, str(result)
    assert str(result) == "✔ gradient_approx: all tests passed."


def test_reference_gradient_approx_is_close_to_the_derivative():
    theta = np.array([[0.3], [-1.2]])
    J = lambda t: float(np.sum(np.sin(t)))  # noqa: E731
    np.testing.assert_allclose(reference_gradient_approx(J, theta, 1e-6), np.cos(theta), atol=1e-9)


def _one_sided(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus = theta.copy()
        plus[i] += epsilon
        g[i] = (J(plus) - J(theta)) / epsilon
    return g


def _no_two(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        g[i] = (J(plus) - J(minus)) / epsilon
    return g


def _all_at_once(J, theta, epsilon):
    return np.ones_like(theta) * (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)


def _aliased(J, theta, epsilon):
    g = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = theta
        theta_plus[i] += epsilon
        theta_minus = theta
        theta_minus[i] -= epsilon
        g[i] = (J(theta_plus) - J(theta_minus)) / (2 * epsilon)
    return g


def _mutates(J, theta, epsilon):
    g = reference_gradient_approx(J, theta, epsilon)
    theta += epsilon
    return g


def _flat(J, theta, epsilon):
    return reference_gradient_approx(J, theta, epsilon).ravel()


@pytest.mark.parametrize("fn, expected", [
    (_one_sided, "one-sided difference (J(theta + eps) - J(theta)) / eps"),
    (_no_two, "divide by (2 * epsilon), not by epsilon"),
    (_all_at_once, "all entries of theta were perturbed at once"),
    (_aliased, "`theta_plus = theta` does not copy"),
    (_mutates, "theta was changed in place"),
    (_flat, "wrong shape: the result has shape (4,) instead of (4, 1): the right numbers"),
])
def test_gradient_approx_mistakes_are_explained(fn, expected):
    result = check_gradient_approx(fn)
    assert not result.passed
    assert expected in str(result)


def test_gradient_approx_none_is_reported():
    assert "forget the `return` statement" in str(check_gradient_approx(lambda J, t, e: None))


# --------------------------------------------------------------------------- relative difference
def test_reference_relative_difference_passes_and_matches_the_package():
    result = check_relative_difference(reference_relative_difference)
    assert result.passed, str(result)
    assert check_relative_difference(relative_difference).passed
    g = np.array([[1.0], [2.0]])
    assert reference_relative_difference(g, g) == 0.0


def _no_denominator(g, a):
    return np.linalg.norm(g - a)


def _squared(g, a):
    return np.sum((g - a) ** 2) / (np.sum(g ** 2) + np.sum(a ** 2))


def _squared_numerator(g, a):
    return np.sum((g - a) ** 2) / (np.linalg.norm(g) + np.linalg.norm(a))


def _norm_of_sum(g, a):
    return np.linalg.norm(g - a) / np.linalg.norm(g + a)


def _elementwise(g, a):
    return np.abs(g - a) / (np.abs(g) + np.abs(a))


@pytest.mark.parametrize("fn, expected", [
    (_no_denominator, "the denominator is missing"),
    (_squared, "the norms are squared"),
    (_squared_numerator, "the numerator is squared but not the denominator"),
    (_norm_of_sum, "the denominator is ||grad + gradapprox||"),
    (_elementwise, "the result is an array"),
])
def test_relative_difference_mistakes_are_explained(fn, expected):
    result = check_relative_difference(fn)
    assert not result.passed
    assert expected in str(result)
