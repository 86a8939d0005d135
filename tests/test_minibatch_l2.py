"""Mini-batch gradient descent and L2 regularisation in the core (issue 10, item 4).

Every gradient here is checked against central differences of the cost in float64
(relative difference < 1e-7), including the gradient the training loop itself applies
(read back from one update: ``(W_before - W_after) / learning_rate``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlsnotes._validation import DivergenceError
from dlsnotes.datasets import load_multiclass, load_planar_dataset, load_quadratic
from dlsnotes.gradcheck import (dictionary_to_vector, gradient_check, gradients_to_vector,
                                relative_difference, vector_to_dictionary)
from dlsnotes.minibatch import random_mini_batches
from dlsnotes.model import (L_layer_model, L_model_backward_with_regularization,
                            L_model_forward, compute_cost, compute_cost_with_regularization,
                            initialize_parameters_deep)
from dlsnotes.regularization import l2_penalty

EPS = 1e-6


def numeric_gradient(cost_of, parameters):
    """Central differences of ``cost_of(parameters)`` for every entry, as one vector."""
    theta, _ = dictionary_to_vector(parameters)
    theta = theta.ravel()
    approx = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += EPS
        minus[i] -= EPS
        approx[i] = (cost_of(vector_to_dictionary(plus[:, None], parameters))
                     - cost_of(vector_to_dictionary(minus[:, None], parameters))) / (2 * EPS)
    return approx


def as_vector(grads, parameters):
    return gradients_to_vector(grads, parameters).ravel()


CASES = [  # (data, dims, hidden, output, loss)
    ("planar", [2, 5, 3, 1], "tanh", "sigmoid", "bce"),
    ("quadratic", [1, 4, 1], "sigmoid", "linear", "mse"),
    ("multiclass", [2, 6, 3], "tanh", "softmax", "cce"),
]


def data(name, k=12):
    if name == "planar":
        X, Y = load_planar_dataset()
        return X[:, ::400 // k][:, :k], Y[:, ::400 // k][:, :k]
    if name == "quadratic":
        X, Y = load_quadratic(np.linspace(-1, 1, k))
        return X, Y / 6.0
    X, Y = load_multiclass(n_per_class=k // 3)
    return X, Y


# ============================================================================ gradient checks
@pytest.mark.parametrize("name, dims, hidden, output, loss", CASES)
@pytest.mark.parametrize("lambd", [0.7, 5.0])
def test_l2_backward_matches_central_differences_of_the_regularised_cost(name, dims, hidden,
                                                                         output, loss, lambd):
    X, Y = data(name)
    p = initialize_parameters_deep(dims, init="xavier", seed=4)

    def cost_of(params):
        AL, _ = L_model_forward(X, params, hidden=hidden, output=output)
        return compute_cost_with_regularization(AL, Y, params, lambd, loss=loss)

    AL, caches = L_model_forward(X, p, hidden=hidden, output=output)
    grads = L_model_backward_with_regularization(AL, Y, caches, lambd, loss=loss)
    difference = relative_difference(as_vector(grads, p), numeric_gradient(cost_of, p))
    assert difference < 1e-7
    # The penalty really is in the gradient: without it the check fails.
    plain = L_model_backward_with_regularization(AL, Y, caches, 0.0, loss=loss)
    assert relative_difference(as_vector(plain, p), numeric_gradient(cost_of, p)) > 1e-4


@pytest.mark.parametrize("name, dims, hidden, output, loss", CASES)
def test_the_training_loop_applies_the_gradient_of_the_regularised_cost(name, dims, hidden,
                                                                        output, loss):
    X, Y = data(name)
    lambd, lr = 0.9, 0.05
    p0 = initialize_parameters_deep(dims, init="xavier", seed=2)
    p1, costs = L_layer_model(X, Y, dims, lr, 1, hidden=hidden, output=output, loss=loss,
                              parameters=p0, lambd=lambd)
    applied = np.concatenate([((p0[k] - p1[k]) / lr).ravel() for k in p0])

    def cost_of(params):
        AL, _ = L_model_forward(X, params, hidden=hidden, output=output)
        return compute_cost_with_regularization(AL, Y, params, lambd, loss=loss)

    assert relative_difference(applied, numeric_gradient(cost_of, p0)) < 1e-7
    assert costs[0] == pytest.approx(cost_of(p0), rel=1e-12)
    assert costs.final_cost == pytest.approx(cost_of(p1), rel=1e-12)


def test_a_mini_batch_step_applies_the_batch_gradient_with_the_full_m_penalty():
    # One epoch with one batch holding every example (shuffled): the gradient is the full one.
    X, Y = data("planar", k=16)
    dims, lambd, lr = [2, 4, 1], 1.5, 0.1
    p0 = initialize_parameters_deep(dims, init="xavier", seed=5)
    p1, _ = L_layer_model(X, Y, dims, lr, 1, hidden="tanh", parameters=p0, lambd=lambd,
                          mini_batch_size=64, seed=9)
    applied = np.concatenate([((p0[k] - p1[k]) / lr).ravel() for k in p0])

    def cost_of(params):
        AL, _ = L_model_forward(X, params, hidden="tanh", output="sigmoid")
        return compute_cost_with_regularization(AL, Y, params, lambd)

    assert relative_difference(applied, numeric_gradient(cost_of, p0)) < 1e-7


def test_one_batch_gradient_is_the_gradient_of_its_own_cost_with_the_full_m():
    X, Y = data("planar", k=16)
    X_b, Y_b = X[:, :5], Y[:, :5]
    p = initialize_parameters_deep([2, 3, 1], init="xavier", seed=1)
    lambd, m = 2.0, X.shape[1]

    def cost_of(params):
        AL, _ = L_model_forward(X_b, params, hidden="relu", output="sigmoid")
        return compute_cost_with_regularization(AL, Y_b, params, lambd, m=m)

    AL, caches = L_model_forward(X_b, p, hidden="relu", output="sigmoid")
    grads = L_model_backward_with_regularization(AL, Y_b, caches, lambd, m=m)
    assert relative_difference(as_vector(grads, p), numeric_gradient(cost_of, p)) < 1e-7


def test_penalty_is_lambda_over_2m_times_the_squared_weights_not_the_biases():
    p = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[100.0]]),
         "W2": np.array([[3.0]]), "b2": np.array([[-50.0]])}
    assert l2_penalty(p, 0.5, 4) == pytest.approx(0.5 / 8 * (1 + 4 + 9))
    AL, Y = np.array([[0.8, 0.3]]), np.array([[1.0, 0.0]])
    assert compute_cost_with_regularization(AL, Y, p, 0.5) == pytest.approx(
        compute_cost(AL, Y) + 0.5 / 4 * 14)


# ============================================================================ mini-batches
def test_random_mini_batches_cut_a_seeded_permutation():
    X = np.arange(20.0).reshape(2, 10)
    Y = (np.arange(10.0) % 2).reshape(1, 10)
    batches = random_mini_batches(X, Y, 4, seed=3)
    assert [b[0].shape[1] for b in batches] == [4, 4, 2]
    order = np.random.RandomState(3).permutation(10)
    assert np.array_equal(np.hstack([b[0] for b in batches]), X[:, order])
    assert np.array_equal(np.hstack([b[1] for b in batches]), Y[:, order])
    again = random_mini_batches(X, Y, 4, seed=3)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(batches, again))
    other = random_mini_batches(X, Y, 4, seed=4)
    assert not np.array_equal(other[0][0], batches[0][0])


def test_an_epoch_is_the_course_loop_over_the_shuffled_batches():
    X, Y = load_planar_dataset()
    dims, lr, size, lambd, seed = [2, 4, 1], 0.5, 50, 0.3, 7
    p, costs = L_layer_model(X, Y, dims, lr, 1, hidden="tanh", init="small", seed=seed,
                             mini_batch_size=size, lambd=lambd)
    by_hand = initialize_parameters_deep(dims, init="small", seed=seed)
    total = 0.0
    for X_b, Y_b in random_mini_batches(X, Y, size, seed=seed + 1):  # course: seed + 1
        AL, caches = L_model_forward(X_b, by_hand, hidden="tanh", output="sigmoid")
        total += X_b.shape[1] * compute_cost_with_regularization(AL, Y_b, by_hand, lambd, m=400)
        grads = L_model_backward_with_regularization(AL, Y_b, caches, lambd, m=400)
        by_hand = {k: v - lr * grads["d" + k] for k, v in by_hand.items()}
    assert len(costs) == 1 and costs[0] == pytest.approx(total / 400, rel=1e-12)
    for k in p:
        np.testing.assert_allclose(p[k], by_hand[k], rtol=1e-10, atol=1e-13)


def test_mini_batch_costs_are_one_per_recorded_epoch_and_fall():
    X, Y = load_planar_dataset()
    p, costs = L_layer_model(X, Y, [2, 4, 1], 0.3, 60, hidden="tanh", init="small",
                             mini_batch_size=32, cost_every=5)
    assert len(costs) == math.ceil(60 / 5) and costs.iterations == list(range(0, 60, 5))
    assert costs[-1] < costs[0] - 0.05
    AL, _ = L_model_forward(X, p, hidden="tanh", output="sigmoid")
    assert costs.final_cost == pytest.approx(compute_cost(AL, Y), rel=1e-12)


def test_mini_batch_training_is_reproducible_and_chunks_repeat_one_long_call():
    X, Y = load_planar_dataset()
    kw = dict(hidden="tanh", init="small", mini_batch_size=64)
    a, ca = L_layer_model(X, Y, [2, 4, 1], 0.3, 30, seed=3, **kw)
    b, cb = L_layer_model(X, Y, [2, 4, 1], 0.3, 30, seed=3, **kw)
    assert all(np.array_equal(a[k], b[k]) for k in a) and list(ca) == list(cb)
    first, _ = L_layer_model(X, Y, [2, 4, 1], 0.3, 12, seed=3, **kw)
    rest, _ = L_layer_model(X, Y, [2, 4, 1], 0.3, 18, seed=3 + 12, parameters=first, **kw)
    assert all(np.array_equal(a[k], rest[k]) for k in a)
    # The shuffling seed matters: another seed, other batches, other weights.
    init = initialize_parameters_deep([2, 4, 1], init="small", seed=3)
    c, _ = L_layer_model(X, Y, [2, 4, 1], 0.3, 30, seed=4, parameters=init, **kw)
    assert not np.array_equal(a["W1"], c["W1"])


def test_l2_shrinks_the_weights():
    X, Y = load_planar_dataset()
    kw = dict(hidden="tanh", init="small", seed=1)
    plain, _ = L_layer_model(X, Y, [2, 8, 1], 1.2, 1500, **kw)
    decayed, _ = L_layer_model(X, Y, [2, 8, 1], 1.2, 1500, lambd=20.0, **kw)
    norm = lambda p: sum(np.sum(p[k] ** 2) for k in p if k[0] == "W")  # noqa: E731
    assert norm(decayed) < 0.5 * norm(plain)


def test_a_diverging_mini_batch_run_raises_divergence_error():
    X, Y = load_planar_dataset()
    with pytest.raises(DivergenceError, match="Training diverged at iteration"):
        L_layer_model(X, Y, [2, 4, 1], 1e6, 200, hidden="tanh", mini_batch_size=16)


@pytest.mark.parametrize("kw, error, fragment", [
    (dict(lambd=-1.0), ValueError, r"lambd .* must be a finite number >= 0; got -1.0"),
    (dict(lambd=float("nan")), ValueError, "lambd"),
    (dict(lambd="0.1"), TypeError, r"lambd .* must be a number >= 0; got '0.1'"),
    (dict(lambd=True), TypeError, "lambd"),
    (dict(mini_batch_size=0), ValueError, "mini_batch_size must be a positive int; got 0"),
    (dict(mini_batch_size=2.5), ValueError, "mini_batch_size must be a positive int"),
    (dict(mini_batch_size=True), ValueError, "mini_batch_size must be a positive int"),
])
def test_bad_mini_batch_or_lambd_values_are_explained(kw, error, fragment):
    X, Y = data("planar")
    with pytest.raises(error, match=fragment):
        L_layer_model(X, Y, [2, 3, 1], 0.1, 5, **kw)


def test_course_defaults_unchanged():
    X, Y = load_planar_dataset()
    a, ca = L_layer_model(X, Y, [2, 4, 1], 1.2, 200, hidden="tanh")
    b, cb = L_layer_model(X, Y, [2, 4, 1], 1.2, 200, hidden="tanh", mini_batch_size=None,
                          lambd=0.0)
    assert all(np.array_equal(a[k], b[k]) for k in a) and list(ca) == list(cb)


@pytest.mark.parametrize("name, dims, hidden, output, loss", CASES)
def test_gradient_check_with_lambd_checks_the_regularised_cost(name, dims, hidden, output, loss):
    from dlsnotes.model import L_model_backward

    X, Y = data(name)
    p = initialize_parameters_deep(dims, init="xavier", seed=4)
    report = gradient_check(p, X, Y, hidden, output, loss, lambd=2.0)
    assert report.passed and report.difference < 1e-7
    # Gradients without the (λ/m) W term fail the regularised check, in the W's only.
    AL, caches = L_model_forward(X, p, hidden=hidden, output=output)
    plain = L_model_backward(AL, Y, caches, loss=loss)
    wrong = gradient_check(p, X, Y, hidden, output, loss, grads=plain, lambd=2.0)
    assert not wrong.passed and wrong.worst.startswith("W")
    assert gradient_check(p, X, Y, hidden, output, loss).difference < 1e-7  # λ = 0 as before
    with pytest.raises(ValueError, match="lambd"):
        gradient_check(p, X, Y, hidden, output, loss, lambd=-1.0)


def test_the_playground_badge_checks_the_regularised_gradient():
    from dlsnotes.playground import PlaygroundModel, build_playground

    model = PlaygroundModel(lambd=3.0, iterations=100)
    model.run()
    report = model.gradient_check()
    assert report.passed and report.difference < 1e-7
    pg = build_playground(lambd=3.0, iterations=100)
    assert "gradient check passed" in pg.badge.value and "J + L2 term" in pg.badge.value


# ----------------------------------------------------------------------------- L1
def test_l1_gradient_matches_central_differences_of_the_penalised_cost():
    """L1 (TensorFlow Playground's other regulariser): J + λ₁/m Σ|W| and dW + (λ₁/m) sign(W)."""
    X, Y = load_planar_dataset()
    X, Y = X[:, :30], Y[:, :30]
    parameters = initialize_parameters_deep([2, 4, 3, 1], init="xavier", seed=2)
    assert min(np.abs(v).min() for k, v in parameters.items() if k[0] == "W") > 1e-3  # off the kink
    AL, caches = L_model_forward(X, parameters, hidden="tanh")
    grads = L_model_backward_with_regularization(AL, Y, caches, 0.0, lambd_l1=0.8)
    report = gradient_check(parameters, X, Y, "tanh", "sigmoid", "bce", grads=grads, lambd_l1=0.8)
    assert report.difference < 1e-7, str(report)
    plain = L_model_backward_with_regularization(AL, Y, caches, 0.0)
    np.testing.assert_allclose(grads["dW1"] - plain["dW1"], 0.8 / 30 * np.sign(parameters["W1"]))
    np.testing.assert_array_equal(grads["db1"], plain["db1"])  # biases are not penalised
    cost = compute_cost_with_regularization(AL, Y, parameters, 0.0, lambd_l1=0.8)
    penalty = 0.8 / 30 * sum(np.abs(parameters[k]).sum() for k in parameters if k[0] == "W")
    assert cost == pytest.approx(compute_cost(AL, Y) + penalty, rel=1e-12)


def test_l1_drives_weights_to_zero_more_than_l2_of_the_same_cost():
    X, Y = load_planar_dataset()
    kw = dict(hidden="tanh", init="small", seed=1, progress=False)
    plain, _ = L_layer_model(X, Y, [2, 8, 1], 1.2, 1500, **kw)
    sparse, _ = L_layer_model(X, Y, [2, 8, 1], 1.2, 1500, lambd_l1=2.0, **kw)
    l1 = lambda p: sum(np.abs(p[k]).sum() for k in p if k[0] == "W")  # noqa: E731
    assert l1(sparse) < 0.5 * l1(plain)
