"""The L-layer model: caches and gradients (against an independent numpy forward pass and
central differences), the update step, training (reproducible, resumable, cost bookkeeping,
divergence), prediction, and the course's planar result."""

import warnings

import numpy as np
import pytest
from scipy.special import expit
from scipy.special import softmax as scipy_softmax

from dlsnotes import (
    DivergenceError,
    L_layer_model,
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    predict,
    update_parameters,
)
from dlsnotes.datasets import load_planar_dataset, load_quadratic
from dlsnotes.diagnostics import zero_gradient_report
from dlsnotes.gradcheck import gradient_check
from dlsnotes.model import LayerCache

# ----------------------------------------------------------------------------- references
G = {
    "sigmoid": expit,
    "tanh": np.tanh,
    "relu": lambda Z: np.maximum(Z, 0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "linear": lambda Z: Z,
    "swish": lambda Z: Z * expit(Z),
    "softmax": lambda Z: scipy_softmax(Z, axis=0),
}
J = {
    "bce": lambda A, Y: -np.mean(np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A), axis=0)),
    "mse": lambda A, Y: np.sum((A - Y) ** 2) / (2 * Y.shape[1]),
    "cce": lambda A, Y: -np.sum(Y * np.log(A)) / Y.shape[1],
}


def reference_forward(X, parameters, acts):
    """Plain numpy forward pass; returns the list ``[A0 = X, A1, ..., AL]``."""
    As = [X]
    for l, act in enumerate(acts, start=1):
        As.append(G[act](parameters[f"W{l}"] @ As[-1] + parameters[f"b{l}"]))
    return As


def reference_grads(X, Y, parameters, acts, loss, eps=1e-6):
    """Central differences of the cost, computed with the reference forward pass."""
    grads = {}
    for key, value in parameters.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            shifted = {k: v.copy() for k, v in parameters.items()}
            shifted[key][idx] += eps
            plus = J[loss](reference_forward(X, shifted, acts)[-1], Y)
            shifted[key][idx] -= 2 * eps
            minus = J[loss](reference_forward(X, shifted, acts)[-1], Y)
            g[idx] = (plus - minus) / (2 * eps)
        grads["d" + key] = g
    return grads


def rel(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def random_problem(dims, m=7, seed=0, loss="bce"):
    rng = np.random.RandomState(seed)
    parameters = initialize_parameters_deep(dims, init="xavier", seed=seed)
    for l in range(1, len(dims)):
        parameters[f"b{l}"] = rng.normal(scale=0.2, size=(dims[l], 1))
    X = rng.randn(dims[0], m)
    if loss == "bce":
        Y = rng.randint(0, 2, (dims[-1], m)).astype(float)
    elif loss == "cce":
        Y = np.eye(dims[-1])[rng.randint(0, dims[-1], m)].T
    else:
        Y = rng.randn(dims[-1], m)
    return parameters, X, Y


@pytest.fixture(scope="module")
def planar():
    return load_planar_dataset()


# ----------------------------------------------------------------------------- init
def test_initialize_parameters_deep_shapes_and_zero_biases():
    dims = [5, 4, 3, 2, 1]
    parameters = initialize_parameters_deep(dims, seed=3)
    assert sorted(parameters) == sorted(f"{p}{l}" for l in range(1, 5) for p in "Wb")
    for l in range(1, len(dims)):
        assert parameters[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert parameters[f"b{l}"].shape == (dims[l], 1)
        np.testing.assert_array_equal(parameters[f"b{l}"], 0.0)


@pytest.mark.parametrize("init,scale", [("small", lambda W, n: W * 0.01), ("he", lambda W, n: W * np.sqrt(2 / n)),
                                        ("xavier", lambda W, n: W / np.sqrt(n))])
def test_initialization_draws_the_course_random_stream(init, scale):
    dims = [4, 3, 2]
    parameters = initialize_parameters_deep(dims, init=init, seed=2)
    np.random.seed(2)  # the course's way; an int seed must not depend on the global state
    W1 = scale(np.random.randn(3, 4), 4)
    W2 = scale(np.random.randn(2, 3), 3)
    np.testing.assert_array_equal(parameters["W1"], W1)
    np.testing.assert_array_equal(parameters["W2"], W2)


def test_initialization_is_seeded_and_independent_of_global_state():
    np.random.seed(0)
    a = initialize_parameters_deep([3, 4, 1], seed=5)
    np.random.seed(99)
    b = initialize_parameters_deep([3, 4, 1], seed=5)
    c = initialize_parameters_deep([3, 4, 1], seed=6)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.allclose(a["W1"], c["W1"])


# ----------------------------------------------------------------------------- forward
def test_linear_forward():
    rng = np.random.default_rng(0)
    A, W, b = rng.normal(size=(3, 5)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    Z, cache = linear_forward(A, W, b)
    np.testing.assert_allclose(Z, np.einsum("ij,jk->ik", W, A) + b, rtol=1e-13)
    assert cache[0] is A and cache[1] is W and cache[2] is b


@pytest.mark.parametrize("act", sorted(G))
def test_linear_activation_forward(act):
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.normal(size=(3, 5)), rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
    A, cache = linear_activation_forward(A_prev, W, b, act)
    assert isinstance(cache, LayerCache)
    np.testing.assert_allclose(cache.activation_cache, W @ A_prev + b, rtol=1e-13)
    np.testing.assert_allclose(A, G[act](W @ A_prev + b), rtol=1e-12, atol=1e-15)
    assert cache.activation.name == act


@pytest.mark.parametrize("hidden,output,n_y", [("relu", "sigmoid", 1), ("tanh", "softmax", 3),
                                               (["relu", "swish", "leaky_relu"], "linear", 2)])
def test_L_model_forward_values_and_cache_shapes(hidden, output, n_y):
    dims, m = [4, 5, 3, 2, n_y], 6
    parameters, X, _ = random_problem(dims, m)
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    hidden_list = hidden if isinstance(hidden, list) else [hidden] * 3
    As = reference_forward(X, parameters, hidden_list + [output])
    np.testing.assert_allclose(AL, As[-1], rtol=1e-12, atol=1e-15)
    assert AL.shape == (n_y, m) and len(caches) == 4
    for l, cache in enumerate(caches, start=1):
        A_prev, W, b = cache.linear_cache
        assert A_prev.shape == (dims[l - 1], m)
        assert W.shape == (dims[l], dims[l - 1]) and b.shape == (dims[l], 1)
        assert cache.activation_cache.shape == (dims[l], m)
        np.testing.assert_allclose(A_prev, As[l - 1], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(cache.activation_cache, W @ A_prev + b, rtol=1e-13)
        assert cache.activation.name == (hidden_list + [output])[l - 1]
        # the course's tuple unpacking works: exactly two entries
        linear_cache, activation_cache = cache
        assert linear_cache[1] is parameters[f"W{l}"] and activation_cache is cache.activation_cache


def test_hidden_list_must_match_the_number_of_hidden_layers():
    parameters, X, _ = random_problem([3, 4, 4, 1])
    with pytest.raises(ValueError, match="hidden lists 3 activation"):
        L_model_forward(X, parameters, hidden=["relu", "tanh", "relu"])
    # a one-name hidden list differs from the per-layer list
    a, _ = L_model_forward(X, parameters, hidden=["relu", "tanh"])
    b, _ = L_model_forward(X, parameters, hidden="relu")
    assert not np.allclose(a, b)


# ----------------------------------------------------------------------------- cost
@pytest.mark.parametrize("loss,output,n_y", [("bce", "sigmoid", 1), ("mse", "linear", 2), ("cce", "softmax", 3)])
def test_compute_cost_matches_reference(loss, output, n_y):
    parameters, X, Y = random_problem([3, 4, n_y], m=9, loss=loss)
    AL, _ = L_model_forward(X, parameters, hidden="tanh", output=output)
    assert compute_cost(AL, Y, loss=loss) == pytest.approx(J[loss](AL, Y), rel=1e-13)


# ----------------------------------------------------------------------------- backward
def test_linear_backward_formulas():
    rng = np.random.default_rng(2)
    A_prev, W, b, dZ = (rng.normal(size=s) for s in [(3, 5), (2, 3), (2, 1), (2, 5)])
    dA_prev, dW, db = linear_backward(dZ, (A_prev, W, b))
    np.testing.assert_allclose(dW, sum(np.outer(dZ[:, i], A_prev[:, i]) for i in range(5)) / 5, rtol=1e-12)
    np.testing.assert_allclose(db, dZ.mean(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-12)
    assert (dA_prev.shape, dW.shape, db.shape) == (A_prev.shape, W.shape, b.shape)


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "swish"])
def test_linear_activation_backward_matches_central_differences(act):
    # Scalar function f = sum(dA * g(W A_prev + b)); its gradients are exactly what the
    # layer's backward pass returns (without the 1/m, which linear_backward adds).
    rng = np.random.default_rng(3)
    A_prev, W, b = rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    dA = rng.normal(size=(2, 4))
    _, cache = linear_activation_forward(A_prev, W, b, act)
    assert np.abs(cache.activation_cache).min() > 1e-3
    dA_prev, dW, db = linear_activation_backward(dA, cache)

    def f(A_prev, W, b):
        return np.sum(dA * G[act](W @ A_prev + b))

    eps, m = 1e-6, A_prev.shape[1]
    for array, analytic, factor in ((A_prev, dA_prev, 1.0), (W, dW, m), (b, db, m)):
        numeric = np.zeros_like(array)
        for idx in np.ndindex(array.shape):
            array[idx] += eps
            plus = f(A_prev, W, b)
            array[idx] -= 2 * eps
            minus = f(A_prev, W, b)
            array[idx] += eps
            numeric[idx] = (plus - minus) / (2 * eps)
        assert rel(analytic * factor, numeric) < 1e-8


def test_linear_activation_backward_override_uses_the_given_activation():
    rng = np.random.default_rng(4)
    _, cache = linear_activation_forward(rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), np.zeros((2, 1)), "relu")
    dA = rng.normal(size=(2, 4))
    recorded = linear_activation_backward(dA, cache)
    overridden = linear_activation_backward(dA, cache, "tanh")
    Z = cache.activation_cache
    np.testing.assert_allclose(overridden[1], (dA * (1 - np.tanh(Z) ** 2)) @ cache.linear_cache[0].T / 4)
    assert not np.allclose(recorded[1], overridden[1])


@pytest.mark.parametrize("hidden,output,loss,n_y", [
    ("tanh", "sigmoid", "bce", 1), ("sigmoid", "linear", "mse", 2), ("swish", "softmax", "cce", 3),
    (["tanh", "sigmoid"], "sigmoid", "mse", 2), ("tanh", "softmax", "mse", 3),
])
def test_L_model_backward_matches_independent_central_differences(hidden, output, loss, n_y):
    dims = [3, 4, 3, n_y]
    parameters, X, Y = random_problem(dims, m=5, seed=5, loss=loss)
    hidden_list = hidden if isinstance(hidden, list) else [hidden] * 2
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    expected = reference_grads(X, Y, parameters, hidden_list + [output], loss)
    for key in expected:
        assert np.linalg.norm(expected[key]) > 1e-6
        assert rel(grads[key], expected[key]) < 1e-7, key
    assert gradient_check(parameters, X, Y, hidden, output, loss, grads=grads).difference < 1e-7


def test_grads_keys_and_shapes():
    dims, m = [4, 5, 3, 2], 6
    parameters, X, Y = random_problem(dims, m, loss="bce")
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)
    L = len(dims) - 1
    assert set(grads) == {f"dA{l}" for l in range(L)} | {f"dW{l}" for l in range(1, L + 1)} | {
        f"db{l}" for l in range(1, L + 1)}
    for l in range(1, L + 1):
        assert grads[f"dW{l}"].shape == parameters[f"W{l}"].shape
        assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape
        assert grads[f"dA{l - 1}"].shape == caches[l - 1].linear_cache[0].shape


def test_backward_overrides_change_the_gradients():
    parameters, X, Y = random_problem([3, 4, 1], loss="bce")
    AL, caches = L_model_forward(X, parameters, hidden="relu", output="sigmoid")
    right = L_model_backward(AL, Y, caches, loss="bce")
    wrong = L_model_backward(AL, Y, caches, loss="bce", hidden="tanh")
    np.testing.assert_array_equal(right["dW2"], wrong["dW2"])
    assert not np.allclose(right["dW1"], wrong["dW1"])


# ----------------------------------------------------------------------------- update
def test_update_parameters_returns_new_dict_and_subtracts():
    parameters, X, Y = random_problem([3, 4, 1], loss="bce")
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)
    before = {k: v.copy() for k, v in parameters.items()}
    new = update_parameters(parameters, grads, 0.1)
    assert new is not parameters
    for k in parameters:
        np.testing.assert_array_equal(parameters[k], before[k])  # input untouched
        assert new[k] is not parameters[k]
        np.testing.assert_allclose(new[k], before[k] - 0.1 * grads["d" + k], rtol=1e-15)


def test_update_parameters_needs_every_gradient():
    parameters = initialize_parameters_deep([2, 2, 1], seed=0)
    grads = {"d" + k: np.zeros_like(v) for k, v in parameters.items()}
    del grads["db2"]
    with pytest.raises(KeyError, match="db2"):
        update_parameters(parameters, grads, 0.1)


def test_one_training_step_decreases_the_cost():
    parameters, X, Y = random_problem([3, 4, 1], loss="bce")
    AL, caches = L_model_forward(X, parameters, hidden="tanh")
    new = update_parameters(parameters, L_model_backward(AL, Y, caches), 0.05)
    assert compute_cost(L_model_forward(X, new, hidden="tanh")[0], Y) < compute_cost(AL, Y)


# ----------------------------------------------------------------------------- training
def small_training(planar, **kw):
    X, Y = planar
    args = dict(hidden="tanh", learning_rate=0.5, num_iterations=300, init="he", seed=2, progress=False)
    args.update(kw)
    return L_layer_model(X[:, ::4], Y[:, ::4], [2, 4, 3, 1], **args)


def test_training_matches_manual_gradient_descent(planar):
    X, Y = planar[0][:, ::4], planar[1][:, ::4]
    parameters, costs = small_training(planar, num_iterations=5, cost_every=1)
    manual = initialize_parameters_deep([2, 4, 3, 1], init="he", seed=2)
    manual_costs = []
    for _ in range(5):
        AL, caches = L_model_forward(X, manual, hidden="tanh")
        manual_costs.append(J["bce"](AL, Y))
        manual = update_parameters(manual, L_model_backward(AL, Y, caches), 0.5)
    final = J["bce"](L_model_forward(X, manual, hidden="tanh")[0], Y)
    np.testing.assert_allclose(costs, manual_costs, rtol=1e-12)
    assert costs.final_cost == pytest.approx(final, rel=1e-12)
    for k in manual:
        np.testing.assert_allclose(parameters[k], manual[k], rtol=1e-12, atol=1e-15)


def test_training_is_reproducible(planar):
    p1, c1 = small_training(planar)
    p2, c2 = small_training(planar)
    p3, c3 = small_training(planar, seed=3)
    assert c1 == c2
    for k in p1:
        np.testing.assert_array_equal(p1[k], p2[k])
    assert c1 != c3 and not np.allclose(p1["W1"], p3["W1"])


def test_continuing_training_equals_training_in_one_go(planar):
    p_once, c_once = small_training(planar, num_iterations=500)
    p_200, c_200 = small_training(planar, num_iterations=200)
    start = {k: v.copy() for k, v in p_200.items()}
    p_more, c_more = small_training(planar, num_iterations=300, parameters=p_200)
    for k in p_once:
        np.testing.assert_allclose(p_more[k], p_once[k], rtol=0, atol=1e-12)
        np.testing.assert_array_equal(p_200[k], start[k])  # the passed dict is not modified
    assert c_more[0] == pytest.approx(c_200.final_cost, rel=1e-15)
    assert c_more.final_cost == pytest.approx(c_once.final_cost, rel=1e-12)
    assert p_once["W1"] is not p_200["W1"]


def test_costs_every_cost_every_before_the_update_as_the_course(planar):
    # The course appends the cost at i % 100 == 0 for i in range(num_iterations), before
    # that iteration's update, and nothing after the last update.
    _, costs = small_training(planar, num_iterations=250, cost_every=100)
    assert len(costs) == 3 and costs.iterations == [0, 100, 200]
    for i, n in enumerate([0, 100, 200, 250]):
        _, shorter = small_training(planar, num_iterations=n, cost_every=1000)
        expected = costs[i] if i < 3 else costs.final_cost
        assert expected == pytest.approx(shorter.final_cost, rel=1e-13)
    _, exact = small_training(planar, num_iterations=200, cost_every=100)
    assert len(exact) == 2  # iteration 200 does not exist: 0..199
    _, none = small_training(planar, num_iterations=0)
    assert len(none) == 0 and none.final_cost == pytest.approx(costs[0], rel=1e-15)
    _, dense = small_training(planar, num_iterations=3, cost_every=1)
    assert len(dense) == 3 and dense[0] > dense[-1] > dense.final_cost


def test_course_positional_call_and_default_init(planar):
    # L_layer_model(X, Y, layers_dims, learning_rate, num_iterations): the course's call;
    # its default init is the application's randn / sqrt(n_prev), seeded with 1.
    X, Y = planar[0][:, ::4], planar[1][:, ::4]
    parameters, costs = L_layer_model(X, Y, [2, 4, 1], 0.0075, 2)
    assert len(costs) == 1
    rng = np.random.RandomState(1)
    W1 = rng.randn(4, 2) / np.sqrt(2)
    W2 = rng.randn(1, 4) / np.sqrt(4)
    start = {"W1": W1, "b1": np.zeros((4, 1)), "W2": W2, "b2": np.zeros((1, 1))}
    again, _ = L_layer_model(X, Y, [2, 4, 1], 0.0075, 2, parameters=start)
    for k in parameters:
        np.testing.assert_array_equal(parameters[k], again[k])
    with pytest.raises(ValueError, match="learning_rate"):
        L_layer_model(X, Y, [2, 4, 1], "tanh")  # the 4th parameter is the learning rate


def test_print_cost(planar, capsys):
    small_training(planar, num_iterations=200, print_cost=True, cost_every=100)
    lines = capsys.readouterr().out.splitlines()
    # as the course: every 100 iterations and the last iteration (199)
    assert [line.split(":")[0] for line in lines] == [f"Cost after iteration {i}" for i in (0, 100, 199)]


def test_progress_false_prints_nothing(planar, capsys):
    small_training(planar, num_iterations=300, progress=False)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_progress_true_shows_a_bar(planar, capsys):
    small_training(planar, num_iterations=300, progress=True)
    assert "training" in capsys.readouterr().err


def test_course_planar_result(planar):
    X, Y = planar
    parameters, costs = L_layer_model(X, Y, [2, 4, 1], hidden="tanh", output="sigmoid", loss="bce",
                                      learning_rate=1.2, num_iterations=10_000, init="small", seed=1,
                                      progress=False)
    AL = reference_forward(X, parameters, ["tanh", "sigmoid"])[-1]
    accuracy = np.mean((AL > 0.5) == (Y == 1))
    assert 0.885 <= accuracy <= 0.915
    assert np.mean(predict(X, parameters, hidden="tanh") == Y) == accuracy
    assert len(costs) == 100 and costs[-1] < 0.5 * costs[0]


# ----------------------------------------------------------------------------- divergence
@pytest.mark.parametrize("hidden", ["leaky_relu", "linear"])
def test_divergence_error_names_iteration_cost_and_learning_rate(hidden):
    # Unscaled y = 3x^2 + 3x (y up to 1140) with a step that is far too large.
    X, Y = load_quadratic()
    kw = dict(hidden=hidden, output="linear", loss="mse", learning_rate=0.01, init="he", seed=1, progress=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(DivergenceError) as info:
            L_layer_model(X, Y, [1, 8, 1], num_iterations=1000, **kw)
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)], [str(w.message) for w in caught]
    error = info.value
    message = str(error)
    assert error.iteration >= 1 and np.isfinite(error.last_finite_cost)
    assert f"iteration {error.iteration}" in message
    assert f"{error.last_finite_cost:.6g}" in message
    assert "learning rate 0.01" in message and "0.001" in message  # names it and suggests a smaller one
    assert error.learning_rate == 0.01
    # independently: stopping one iteration earlier is fine and ends at that last finite cost
    _, costs = L_layer_model(X, Y, [1, 8, 1], num_iterations=error.iteration - 1, **kw)
    assert costs.final_cost == error.last_finite_cost
    # and a learning rate small enough does not diverge
    L_layer_model(X, Y, [1, 8, 1], num_iterations=error.iteration + 50, **{**kw, "learning_rate": 1e-5})


# ----------------------------------------------------------------------------- predict
def test_predict_sigmoid_labels():
    parameters, X, _ = random_problem([3, 4, 1], m=40, seed=7)
    AL = reference_forward(X, parameters, ["relu", "sigmoid"])[-1]
    labels = predict(X, parameters)
    np.testing.assert_array_equal(labels, (AL > 0.5).astype(float))
    assert 0 < labels.mean() < 1  # both classes occur, so the comparison means something
    np.testing.assert_array_equal(predict(X, parameters, threshold=0.3), (AL > 0.3).astype(float))


def test_predict_softmax_one_hot_argmax():
    parameters, X, _ = random_problem([3, 4, 3], m=30, seed=8)
    AL = reference_forward(X, parameters, ["tanh", "softmax"])[-1]
    P = predict(X, parameters, hidden="tanh", output="softmax")
    assert P.shape == (3, 30)
    np.testing.assert_array_equal(P.sum(axis=0), 1.0)
    np.testing.assert_array_equal(P.argmax(axis=0), AL.argmax(axis=0))


def test_predict_regression_returns_AL():
    parameters, X, _ = random_problem([3, 4, 2], m=10, seed=9)
    np.testing.assert_allclose(predict(X, parameters, hidden="relu", output="linear"),
                               reference_forward(X, parameters, ["relu", "linear"])[-1], rtol=1e-13)


# ----------------------------------------------------------------------------- diagnostics
def test_zero_gradient_report_finds_dead_units_and_stuck_examples():
    X = np.array([[1.0, 2.0, 3.0, 4.0]])
    parameters = {
        "W1": np.array([[1.0], [-1.0], [1.0]]), "b1": np.array([[0.0], [-0.5], [-2.5]]),
        "W2": np.array([[1.0, 1.0, -1.0]]), "b2": np.array([[-1.5]]),
    }
    # unit 1 (index 1) is dead on every example; unit 2 is active only for x = 3, 4
    report = zero_gradient_report(X, parameters, hidden="relu", output="relu")
    np.testing.assert_array_equal(report.dead_units[1], [1])
    assert report.dead_unit_fraction == pytest.approx(1 / 3)
    assert report.zero_grad_fraction == pytest.approx((4 + 2) / 12)
    # Z2 = x - max(x - 2.5, 0) - 1.5 = [-0.5, 0.5, 1, 1]: only the first example is stuck at 0
    Z2 = parameters["W2"] @ np.maximum(parameters["W1"] @ X + parameters["b1"], 0) + parameters["b2"]
    np.testing.assert_allclose(Z2, [[-0.5, 0.5, 1.0, 1.0]])
    np.testing.assert_array_equal(report.stuck_examples, [0])
    assert "examples stuck at 0" in str(report) and report.output_is_relu


def test_zero_gradient_report_tanh_has_no_dead_units():
    parameters, X, _ = random_problem([3, 4, 1], m=10)
    report = zero_gradient_report(X, parameters, hidden="tanh", output="sigmoid")
    assert report.dead_unit_fraction == 0 and report.zero_grad_fraction == 0
    assert len(report.stuck_examples) == 0 and "stuck" not in str(report)


# ============================================================================= issue 8, part 2
import copy  # noqa: E402
import pickle  # noqa: E402

from dlsnotes.model import CostHistory  # noqa: E402


def inconsistent_caches(seed=3):
    """Caches as a course-style test builds them: every array drawn independently, so AL is
    not sigmoid(Z2) and A1 is not relu(Z1). Shapes: [4, 3, 1], m = 2."""
    rng = np.random.RandomState(seed)
    AL = rng.rand(1, 2) * 0.8 + 0.1
    Y = np.array([[1.0, 0.0]])
    A0, W1, b1, Z1 = rng.randn(4, 2), rng.randn(3, 4), rng.randn(3, 1), rng.randn(3, 2)
    A1, W2, b2, Z2 = rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1), rng.randn(1, 2)
    return AL, Y, [((A0, W1, b1), Z1), ((A1, W2, b2), Z2)]


def test_L_model_backward_is_exact_from_the_given_AL_and_cached_Z():
    AL, Y, caches = inconsistent_caches()
    (A0, W1, _), Z1 = caches[0]
    (A1, W2, _), Z2 = caches[1]
    m = 2
    # by hand, the course's formulas
    dAL = -(Y / AL) + (1 - Y) / (1 - AL)
    s = expit(Z2)
    dZ2 = dAL * s * (1 - s)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    expected = {"dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m, "dA1": dA1,
                "dW1": dZ1 @ A0.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m, "dA0": W1.T @ dZ1}
    grads = L_model_backward(AL, Y, caches)  # plain tuples: relu hidden, sigmoid output
    assert set(grads) == set(expected)
    for k in expected:
        np.testing.assert_allclose(grads[k], expected[k], rtol=1e-13, atol=1e-15, err_msg=k)
    # the shortcut AL - Y would have given something else on this input
    assert not np.allclose(grads["dW2"], (AL - Y) @ A1.T / m)


def test_plain_tuple_caches_take_activations_from_the_arguments():
    AL, Y, caches = inconsistent_caches(4)
    tanh = L_model_backward(AL, Y, caches, hidden="tanh", output="sigmoid", loss="bce")
    relu = L_model_backward(AL, Y, caches)
    np.testing.assert_array_equal(tanh["dW2"], relu["dW2"])  # output layer unchanged
    (_, W2, _), _ = caches[1]
    dZ2 = (L_model_backward(AL, Y, caches)["dA1"])
    Z1 = caches[0][1]
    np.testing.assert_allclose(tanh["dW1"], (dZ2 * (1 - np.tanh(Z1) ** 2)) @ caches[0][0][0].T / 2, rtol=1e-13)
    # linear_activation_backward: the course's call with a plain cache and a named activation
    dA = np.ones((1, 2))
    dA_prev, dW, db = linear_activation_backward(dA, caches[1], "sigmoid")
    s = expit(caches[1][1])
    np.testing.assert_allclose(dW, (s * (1 - s)) @ caches[1][0][0].T / 2, rtol=1e-13)


def test_layer_cache_is_a_two_tuple_that_remembers_its_activation():
    _, cache = linear_activation_forward(np.ones((2, 3)), np.ones((4, 2)), np.zeros((4, 1)), "tanh")
    assert isinstance(cache, tuple) and len(cache) == 2
    linear_cache, activation_cache = cache
    assert linear_cache is cache.linear_cache and activation_cache is cache.activation_cache
    assert cache.activation.name == "tanh" and "tanh" in repr(cache)
    for clone in (pickle.loads(pickle.dumps(cache)), copy.deepcopy(cache)):
        assert isinstance(clone, LayerCache) and clone.activation.name == "tanh"
        np.testing.assert_array_equal(clone.activation_cache, activation_cache)


@pytest.mark.parametrize("hidden,output,loss,n_y", [
    ("tanh", "sigmoid", "bce", 1), ("relu", "sigmoid", "bce", 1), ("leaky_relu", "linear", "mse", 2),
    ("swish", "softmax", "cce", 3), ("sigmoid", "sigmoid", "mse", 2), (["relu", "tanh"], "softmax", "cce", 3),
])
def test_training_shortcuts_match_the_exact_backward_pass(hidden, output, loss, n_y):
    # one step of the default (fast) training loop against the course's update with the
    # exact L_model_backward, through the public names only
    parameters, X, Y = random_problem([3, 5, 4, n_y], m=9, seed=11, loss=loss)
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    exact = update_parameters(parameters, L_model_backward(AL, Y, caches, loss=loss), 0.1)
    fast, _ = L_layer_model(X, Y, [3, 5, 4, n_y], 0.1, 1, hidden=hidden, output=output, loss=loss,
                            parameters=parameters, progress=False)
    for k in exact:
        np.testing.assert_allclose(fast[k], exact[k], rtol=1e-12, atol=1e-14, err_msg=k)
    assert not np.allclose(fast["W1"], parameters["W1"])  # the step moved the weights


def test_training_loop_equals_exact_backward_steps(planar):
    # L_layer_model (private shortcuts) against gradient descent with the public, exact
    # L_model_backward: the same weights to ~1e-12 after 50 steps
    X, Y = planar[0][:, ::4], planar[1][:, ::4]
    trained, _ = L_layer_model(X, Y, [2, 4, 3, 1], 0.5, 50, hidden="tanh", init="he", seed=2, progress=False)
    manual = initialize_parameters_deep([2, 4, 3, 1], init="he", seed=2)
    for _ in range(50):
        AL, caches = L_model_forward(X, manual, hidden="tanh")
        manual = update_parameters(manual, L_model_backward(AL, Y, caches), 0.5)
    for k in manual:
        np.testing.assert_allclose(trained[k], manual[k], rtol=1e-10, atol=1e-12)


def test_bce_dAL_of_a_saturated_correct_output_is_finite():
    # AL == 1.0 exactly with y == 1: -y/a + (1-y)/(1-a) is -1 + 0/0 in plain numpy; the
    # zero-weighted term is skipped, so the gradient is the true one
    Z = np.array([[40.0, -40.0]])
    AL = expit(Z)
    assert AL[0, 0] == 1.0
    caches = [((np.ones((1, 2)), np.ones((1, 1)), np.zeros((1, 1))), Z)]
    grads = L_model_backward(AL, np.array([[1.0, 0.0]]), caches, output="sigmoid")
    assert all(np.all(np.isfinite(v)) for v in grads.values())


def test_seed_none_uses_the_global_random_state():
    np.random.seed(3)
    a = initialize_parameters_deep([5, 4, 3])
    np.random.seed(3)
    W1 = np.random.randn(4, 5) * 0.01
    np.testing.assert_array_equal(a["W1"], W1)
    np.random.seed(3)
    b = initialize_parameters_deep([5, 4, 3])
    c = initialize_parameters_deep([5, 4, 3])  # the global state moved on
    np.testing.assert_array_equal(a["W2"], b["W2"])
    assert not np.allclose(b["W1"], c["W1"])
    # an int seed leaves the global state alone
    np.random.seed(7)
    initialize_parameters_deep([5, 4, 3], seed=1)
    after = np.random.rand()
    np.random.seed(7)
    assert np.random.rand() == after


def test_L_layer_model_seed_none_follows_np_random_seed(planar):
    X, Y = planar[0][:, ::8], planar[1][:, ::8]
    np.random.seed(5)
    p1, _ = L_layer_model(X, Y, [2, 3, 1], 0.1, 3, seed=None, progress=False)
    p2, _ = L_layer_model(X, Y, [2, 3, 1], 0.1, 3, seed=5, progress=False)
    for k in p1:
        np.testing.assert_array_equal(p1[k], p2[k])


def test_cost_history_is_a_plain_list_with_extras():
    c = CostHistory([0.7, 0.5], [0, 100], 0.4, 100)
    assert c == [0.7, 0.5] and isinstance(c, list)
    assert c.final_cost == 0.4 and c.iterations == [0, 100] and c.cost_every == 100


# ============================================================================= issue 7, part 3
def xor_softmax_data():
    X, Y = load_planar_dataset()
    return X, np.eye(2)[Y[0].astype(int)].T


@pytest.mark.parametrize("case", ["tanh lr 1e6", "softmax lr 1e4"])
def test_finite_blow_ups_are_caught(planar, case):
    X, Y = planar
    if case == "tanh lr 1e6":
        call = dict(X=X, Y=Y, layers_dims=[2, 4, 1], learning_rate=1e6, hidden="tanh")
    else:
        X, Y = xor_softmax_data()
        call = dict(X=X, Y=Y, layers_dims=[2, 4, 2], learning_rate=1e4, hidden="tanh",
                    output="softmax", loss="cce")
    with pytest.raises(DivergenceError) as info:
        L_layer_model(num_iterations=3000, progress=False, **call)
    error = info.value
    assert error.reason in ("rising", "weights") and np.isfinite(error.cost)
    assert error.iteration < 100
    assert len(error.costs) == error.iteration + 1 and error.costs[-1] == error.cost
    assert error.cost > 5 * error.costs[0]
    assert f"iteration {error.iteration}" in str(error) and "learning rate" in str(error)
    assert error.hint in str(error) and f"try {error.learning_rate / 10:g}" in error.hint
    # the history is the real one: a run stopped just before reproduces it
    _, costs = L_layer_model(num_iterations=error.iteration - 1, cost_every=1, progress=False, **call)
    np.testing.assert_allclose([*costs, costs.final_cost], error.costs[:-1], rtol=1e-12)


def test_rising_cost_is_caught_with_finite_weights(planar):
    X, Y = xor_softmax_data()
    with pytest.raises(DivergenceError, match=r"the cost rose from 0\.69\d* to [0-9.]+ and kept rising") as info:
        L_layer_model(X, Y, [2, 4, 2], 1e4, 3000, hidden="tanh", output="softmax", loss="cce", progress=False)
    assert info.value.reason == "rising" and info.value.max_weight < 1e4


def test_exploding_weights_are_caught(planar):
    X, Y = planar
    with pytest.raises(DivergenceError, match=r"the weights exploded \(largest \|W\| [0-9.e+]+\)") as info:
        L_layer_model(X, Y, [2, 4, 1], 1e6, 3000, hidden="tanh", progress=False)
    assert info.value.reason == "weights" and info.value.max_weight > 1e4


@pytest.mark.parametrize("hidden,learning_rate,n_h,num_iterations", [
    # ordinary settings whose cost rises for a while before it falls (measured: up to 3.2x start)
    ("relu", 1.2, 20, 4300), ("leaky_relu", 1.2, 20, 2300), ("relu", 2.0, 20, 5200),
    ("leaky_relu(0.1)", 2.0, 50, 600), ("relu", 0.6, 20, 7100),
])
def test_ordinary_planar_runs_are_not_called_divergent(planar, hidden, learning_rate, n_h, num_iterations):
    X, Y = planar
    _, costs = L_layer_model(X, Y, [2, n_h, 1], learning_rate, num_iterations, hidden=hidden,
                             init="small", cost_every=1, progress=False)
    assert max(costs) > 1.2 * costs[0]  # the cost did rise: the rule was tested, not idle
    assert costs.final_cost < max(costs)


def test_inputs_are_validated_once_not_in_the_training_loop(planar, monkeypatch):
    # the default engine checks once; the reference loop checks at every call, as it may
    import dlsnotes.model as model

    calls = {}
    for name in ("check_parameters", "check_X", "check_Y", "check_AL", "check_grads",
                 "check_layer_inputs"):
        original = getattr(model, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(model, name, counting)
    X, Y = planar[0][:, ::4], planar[1][:, ::4]
    start = initialize_parameters_deep([2, 4, 1], seed=1)
    L_layer_model(X, Y, [2, 4, 1], 0.1, 200, parameters=start, progress=False)
    assert calls == {"check_parameters": 1, "check_X": 1, "check_Y": 1}
