"""dtype=: float64 (default) and float32 through initialisation, training, prediction,
gradient checking and the playground; the buffer-reusing training loop computes exactly
what the allocating reference loop computes."""

import numpy as np
import pytest

from dlsnotes._engine import kernels_for

from dlsnotes import L_layer_model, L_model_forward, initialize_parameters_deep, predict
from dlsnotes._dtype import check_dtype
from dlsnotes.activations import get_activation
from dlsnotes.datasets import load_planar_dataset
from dlsnotes.gradcheck import gradient_check
from dlsnotes.losses import get_loss

ALLOWED = r"dtype must be one of np\.float64, np\.float32, 'float64' or 'float32'; got "


@pytest.fixture(scope="module")
def planar():
    X, Y = load_planar_dataset()
    return X[:, ::2], Y[:, ::2]  # 200 examples


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize("given, expected", [
    (np.float64, np.float64), (np.float32, np.float32), ("float64", np.float64),
    ("float32", np.float32), (np.dtype("float32"), np.float32), (np.dtype(np.float64), np.float64),
])
def test_check_dtype_accepts_the_two_precisions(given, expected):
    assert check_dtype(given) is expected


@pytest.mark.parametrize("bad, shown", [
    (np.float16, "float16"), ("float16", "'float16'"), ("double", "'double'"), (int, "int"),
    (None, "None"), (32, "32"), (np.int32, "int32"),
])
def test_check_dtype_names_the_allowed_values(bad, shown):
    with pytest.raises(ValueError, match=ALLOWED + shown + r"\. Use np\.float64 \(the default"):
        check_dtype(bad)


def test_every_entry_point_validates_dtype(planar):
    X, Y = planar
    p = initialize_parameters_deep([2, 3, 1], seed=1)
    calls = [
        lambda: initialize_parameters_deep([2, 3, 1], seed=1, dtype="float16"),
        lambda: L_layer_model(X, Y, [2, 3, 1], num_iterations=1, progress=False, dtype="float16"),
        lambda: L_model_forward(X, p, dtype="float16"),
        lambda: predict(X, p, dtype="float16"),
        lambda: gradient_check(p, X[:, :5], Y[:, :5], dtype="float16"),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=ALLOWED + "'float16'"):
            call()


# ----------------------------------------------------------------------------- float32 in, float32 out
def test_initialisation_in_float32_is_the_float64_draw_rounded():
    p64 = initialize_parameters_deep([2, 5, 3, 1], init="xavier", seed=7)
    p32 = initialize_parameters_deep([2, 5, 3, 1], init="xavier", seed=7, dtype=np.float32)
    again = initialize_parameters_deep([2, 5, 3, 1], init="xavier", seed=7, dtype="float32")
    for k in p64:
        assert p64[k].dtype == np.float64 and p32[k].dtype == np.float32
        np.testing.assert_array_equal(p32[k], p64[k].astype(np.float32))
        np.testing.assert_array_equal(p32[k], again[k])


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu", "sigmoid", "swish", "linear"])
def test_float32_training_keeps_float32_everywhere(planar, hidden):
    X, Y = planar  # float64 data: converted, not refused
    p, costs = L_layer_model(X, Y, [2, 6, 1], hidden=hidden, learning_rate=0.3, num_iterations=60,
                             init="xavier", seed=2, cost_every=20, progress=False, dtype=np.float32)
    assert {v.dtype for v in p.values()} == {np.dtype(np.float32)}
    assert np.isfinite(costs.final_cost) and costs.final_cost < costs[0]
    AL, caches = L_model_forward(X, p, hidden=hidden, dtype="float32")
    assert AL.dtype == np.float32
    assert all(c.activation_cache.dtype == np.float32 for c in caches)
    labels = predict(X, p, hidden=hidden, dtype="float32")
    assert labels.dtype == np.float32 and set(np.unique(labels)) <= {0.0, 1.0}


def test_float32_training_is_reproducible_and_close_to_float64(planar):
    X, Y = planar
    kw = dict(hidden="tanh", learning_rate=1.2, num_iterations=300, init="small", seed=3,
              progress=False)
    a, costs_a = L_layer_model(X, Y, [2, 8, 1], dtype="float32", **kw)
    b, costs_b = L_layer_model(X, Y, [2, 8, 1], dtype="float32", **kw)
    c, costs_c = L_layer_model(X, Y, [2, 8, 1], **kw)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])  # same seed, same float32 weights
        assert c[k].dtype == np.float64
        np.testing.assert_allclose(a[k], c[k], rtol=1e-3, atol=1e-4)
    assert list(costs_a) == list(costs_b)
    assert abs(costs_a.final_cost - costs_c.final_cost) < 1e-4


def test_float32_continuation_does_not_touch_the_callers_weights(planar):
    X, Y = planar
    start = initialize_parameters_deep([2, 4, 1], init="xavier", seed=5)
    before = {k: v.copy() for k, v in start.items()}
    p, _ = L_layer_model(X, Y, [2, 4, 1], hidden="tanh", num_iterations=20, parameters=start,
                         progress=False, dtype="float32")
    assert p["W1"].dtype == np.float32
    for k in start:
        assert start[k].dtype == np.float64
        np.testing.assert_array_equal(start[k], before[k])


def test_mini_batch_training_in_float32(planar):
    X, Y = planar
    p, costs = L_layer_model(X, Y, [2, 5, 1], hidden="relu", learning_rate=0.1, num_iterations=5,
                             mini_batch_size=64, lambd=0.1, progress=False, dtype="float32")
    assert {v.dtype for v in p.values()} == {np.dtype(np.float32)} and np.isfinite(costs.final_cost)


def test_default_prediction_is_float64_even_for_float32_weights(planar):
    X, _ = planar
    p32 = initialize_parameters_deep([2, 3, 1], seed=1, dtype="float32")
    AL, _ = L_model_forward(X, p32, hidden="tanh")
    assert AL.dtype == np.float64
    assert predict(X, p32, hidden="tanh").dtype == np.float64


def test_a_saturated_wrong_float32_output_has_a_finite_cost():
    # In float32, 1 - 1e-15 rounds to 1: the clip must stop below 1 or log(1 - a) = -inf.
    bce = get_loss("bce")
    AL = np.array([[1.0, 0.0, 0.5]], dtype=np.float32)
    Y = np.array([[0.0, 1.0, 1.0]], dtype=np.float32)
    cost = bce.cost(AL, Y)
    assert np.isfinite(cost) and cost > 10


# ----------------------------------------------------------------------------- the buffer loop is exact
@pytest.mark.parametrize("name", ["tanh", "relu", "leaky_relu", "leaky_relu(0.2)"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_in_place_kernels_match_the_textbook_formulas(name, dtype):
    act = get_activation(name)
    forward_into, dZ_into = kernels_for(act)
    rng = np.random.RandomState(0)
    Z = rng.randn(5, 7).astype(dtype)
    Z[0, :3] = 0.0  # the kink: g'(0) as the allocating derivative has it
    out = np.empty_like(Z)
    A = forward_into(Z, out)
    assert A is out and A.dtype == dtype
    np.testing.assert_array_equal(A, act.function(Z))
    dA = rng.randn(5, 7).astype(dtype)
    expected = dA * act.output_derivative(act.function(Z)).astype(dtype)
    dZ = dZ_into(dA.copy(), A.copy())
    assert dZ.dtype == dtype
    np.testing.assert_array_equal(dZ, expected)
    # the public backward, g'(Z) in Z's precision: the same numbers and dtype
    public = act.backward(dA, Z)
    assert public.dtype == dtype
    np.testing.assert_array_equal(dZ, public)


def test_only_the_registry_activations_get_kernels():
    from dlsnotes.activations import Activation

    impostor = Activation("tanh", lambda Z: np.tanh(Z) * 2, lambda Z: 2 - 2 * np.tanh(Z) ** 2)
    assert kernels_for(impostor) == (None, None)
    assert kernels_for(get_activation("swish")) == (None, None)
    assert kernels_for(get_activation("leaky_relu", slope=0.2))[0] is not None


# ----------------------------------------------------------------------------- gradient checking
def test_gradient_check_converts_float32_to_float64_and_says_so(planar):
    X, Y = planar[0][:, :10], planar[1][:, :10]
    p32 = initialize_parameters_deep([2, 3, 1], init="xavier", seed=1, dtype="float32")
    report = gradient_check(p32, X.astype(np.float32), Y.astype(np.float32), hidden="tanh")
    assert report.precision == "float32" and report.computed_in == "float64"
    assert report.passed and report.difference < 1e-7
    text = str(report)
    assert "Checked in float64" in text and "Backward propagation works" in text
    # exactly the check of the float64 copies
    p64 = {k: v.astype(np.float64) for k, v in p32.items()}
    same = gradient_check(p64, X.astype(np.float32).astype(np.float64), Y, hidden="tanh")
    assert same.difference == report.difference and "Checked in float64" not in str(same)


def test_gradient_check_in_float32_only_on_request_and_inconclusive(planar):
    X, Y = planar[0][:, :10], planar[1][:, :10]
    p32 = initialize_parameters_deep([2, 3, 1], init="xavier", seed=1, dtype="float32")
    report = gradient_check(p32, X, Y, hidden="tanh", epsilon=1e-7, dtype=np.float32)
    assert report.computed_in == "float32" and report.difference > 1e-3
    text = str(report)
    assert text.splitlines()[-1].startswith("Inconclusive: the check ran in float32")
    assert "mistake in backward propagation" not in text


def test_gradient_check_of_float32_gradients_is_not_blamed_on_backprop(planar):
    X, Y = planar[0][:, :10], planar[1][:, :10]
    p = initialize_parameters_deep([2, 3, 1], init="xavier", seed=1)
    AL, caches = L_model_forward(X, p, hidden="tanh")
    from dlsnotes import L_model_backward
    grads = L_model_backward(AL, Y, caches)
    noisy = {k: (v * (1 + 3e-7)).astype(np.float32) for k, v in grads.items()}
    report = gradient_check(p, X, Y, hidden="tanh", grads=noisy, threshold=1e-9)
    assert report.grads_precision == "float32" and not report.passed
    assert str(report).splitlines()[-1].startswith("Inconclusive: the gradients given are float32")


# ----------------------------------------------------------------------------- playground
def test_playground_setting_trains_in_float32():
    from dlsnotes.playground import PlaygroundModel
    from dlsnotes.playground.state import Settings

    assert Settings().dtype == "float64"
    assert Settings(dtype=np.float32).dtype == "float32"
    with pytest.raises(ValueError, match=r"dtype must be one of \['float64', 'float32'\]; got 'float16'"):
        Settings(dtype="float16")
    m32, m64 = PlaygroundModel(), PlaygroundModel()
    m32.update(dtype="float32", iterations=300)
    m64.update(iterations=300)
    m32.run()
    m64.run()
    assert m32.parameters["W1"].dtype == np.float32 and m64.parameters["W1"].dtype == np.float64
    assert abs(m32.history[-1].train_metric - m64.history[-1].train_metric) <= 0.01
    assert m32.gradient_check().computed_in == "float64"
