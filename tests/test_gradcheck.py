"""Gradient checking: every hidden activation x every (output, loss) pairing on small deep
nets, non-vacuous (gradients are non-zero, no ReLU kink within reach of the central
difference), and planted bugs that the report must catch and name."""

import numpy as np
import pytest

from dlsnotes import ACTIVATIONS, LOSSES, L_model_backward, L_model_forward, initialize_parameters_deep, pairing
from dlsnotes.gradcheck import (
    dictionary_to_vector,
    gradient_check,
    gradients_to_vector,
    relative_difference,
    vector_to_dictionary,
)


def g_prime(name, z):
    return float(ACTIVATIONS[name].derivative(np.array([[z]]))[0, 0])


def n_outputs(output, loss):
    """A vector activation (softmax) over 3 units; one unit for a probability loss, else 2."""
    return 3 if not ACTIVATIONS[output].elementwise else (1 if LOSSES[loss].needs_probabilities else 2)


# Everything below is read from the registries, so a new activation or loss is checked too.
HIDDEN = [name for name, act in ACTIVATIONS.items() if act.elementwise]
PAIRINGS = [(output, loss) for output in ACTIVATIONS for loss in LOSSES
            if pairing(output, loss, n_outputs(output, loss)).problem is None]
#: g' jumps at 0: central differences must not straddle the kink.
KINKED = {name for name in HIDDEN if g_prime(name, -1e-9) != g_prime(name, 1e-9)}
#: g' is 0 for every z < 0 (ReLU): an output unit there learns nothing.
DEAD_BELOW_ZERO = {name for name in HIDDEN if g_prime(name, -1.0) == 0 and g_prime(name, -3.0) == 0}
KINK_GAP = 1e-3  # central differences move Z by ~1e-6; stay far from the kink at 0


def test_the_lists_read_from_the_registries_cover_the_course():
    assert {"relu", "leaky_relu"} <= KINKED and "tanh" not in KINKED and DEAD_BELOW_ZERO == {"relu"}
    assert {("sigmoid", "bce"), ("linear", "mse"), ("softmax", "cce"), ("relu", "mse")} <= set(PAIRINGS)
    assert ("relu", "bce") not in PAIRINGS  # log of a ReLU output: refused by the pairing table


def targets(output, loss, n_y, m, rng):
    if not ACTIVATIONS[output].elementwise or (LOSSES[loss].needs_probabilities and n_y > 1):
        return np.eye(n_y)[rng.randint(0, n_y, m)].T
    if LOSSES[loss].needs_probabilities:
        return rng.randint(0, 2, (n_y, m)).astype(float)
    if output in DEAD_BELOW_ZERO:
        return rng.uniform(0.0, 2.0, (n_y, m))
    return rng.uniform(-1.0, 1.0, (n_y, m))


def kink_free_problem(layer_dims, hidden, output, loss, seed=0, m=6):
    """``(parameters, X, Y)`` for a random net whose gradient check is meaningful.

    Biases are random too (zero biases would be a special case). Seeds are tried in turn until
    no ReLU-type ``Z`` lies within ``KINK_GAP`` of 0, every ReLU-type layer has active units,
    and a ReLU output is positive on at least half of the examples (else ``dZ[L]`` is mostly 0).
    """
    hidden_list = hidden if isinstance(hidden, list) else [hidden] * (len(layer_dims) - 2)
    layer_acts = [getattr(h, "name", h).split("(")[0] for h in hidden_list] + [output]
    for attempt in range(500):
        s = 1000 * seed + attempt
        rng = np.random.RandomState(s)
        parameters = initialize_parameters_deep(layer_dims, init="xavier", seed=s)
        for l in range(1, len(layer_dims)):
            parameters[f"b{l}"] = rng.normal(scale=0.3, size=(layer_dims[l], 1))
        if output in DEAD_BELOW_ZERO:
            parameters[f"b{len(layer_dims) - 1}"] += 0.5
        X = rng.randn(layer_dims[0], m)
        Y = targets(output, loss, layer_dims[-1], m, rng)
        _, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
        ok = True
        for act, cache in zip(layer_acts, caches):
            Z = cache.activation_cache
            if act in KINKED and (np.abs(Z).min() < KINK_GAP or not (Z > 0).any()):
                ok = False
        if output in DEAD_BELOW_ZERO and (caches[-1].activation_cache > 0).mean() < 0.5:
            ok = False
        if ok:
            return parameters, X, Y
    raise AssertionError("no kink-free seed found")  # pragma: no cover


def assert_non_vacuous(grads, parameters):
    for key in parameters:
        assert np.linalg.norm(grads["d" + key]) > 1e-6, f"d{key} is (almost) zero: the check would be vacuous"


@pytest.mark.parametrize("output,loss", PAIRINGS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_gradient_check_deep_net(hidden, output, loss):
    dims = [3, 5, 4, n_outputs(output, loss)]
    parameters, X, Y = kink_free_problem(dims, hidden, output, loss, seed=HIDDEN.index(hidden))
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    assert_non_vacuous(grads, parameters)
    report = gradient_check(parameters, X, Y, hidden, output, loss)
    assert report.difference < 1e-7, str(report)
    assert report.passed
    assert all(d < 1e-7 for d in report.per_parameter.values()), str(report)


@pytest.mark.parametrize("output,loss", PAIRINGS)
def test_gradient_check_mixed_hidden_list(output, loss):
    hidden = ["relu", "tanh"]
    dims = [3, 5, 4, n_outputs(output, loss)]
    parameters, X, Y = kink_free_problem(dims, hidden, output, loss, seed=11)
    AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
    assert [c.activation.name for c in caches] == ["relu", "tanh", output]
    assert_non_vacuous(L_model_backward(AL, Y, caches, loss=loss), parameters)
    report = gradient_check(parameters, X, Y, hidden, output, loss)
    assert report.difference < 1e-7, str(report)


def test_gradient_check_three_hidden_layers_and_custom_leaky_slope():
    hidden = ["leaky_relu(0.2)", "swish", "sigmoid"]
    parameters, X, Y = kink_free_problem([4, 6, 5, 3, 1], hidden, "sigmoid", "bce", seed=12, m=8)
    report = gradient_check(parameters, X, Y, hidden, "sigmoid", "bce")
    assert report.difference < 1e-7, str(report)


# ----------------------------------------------------------------------------- planted bugs
@pytest.fixture
def relu_net():
    parameters, X, Y = kink_free_problem([3, 5, 4, 1], "relu", "sigmoid", "bce", seed=13)
    AL, caches = L_model_forward(X, parameters, hidden="relu", output="sigmoid")
    return parameters, X, Y, AL, caches


def test_scaled_dW2_is_caught_and_named(relu_net):
    parameters, X, Y, AL, caches = relu_net
    grads = L_model_backward(AL, Y, caches, loss="bce")
    grads["dW2"] = grads["dW2"] * 1.1
    report = gradient_check(parameters, X, Y, "relu", "sigmoid", "bce", grads=grads)
    text = str(report)
    assert not report.passed and report.difference >= 1e-7
    assert report.worst == "W2"
    assert report.worst_entry.startswith("W2[")
    assert "WRONG" in text and "mistake" in text
    lines = {line.split()[0]: line for line in text.splitlines()[1:-1]}
    assert lines["W2"].endswith("WRONG")
    for name in ("W1", "b1", "b2", "W3", "b3"):
        assert lines[name].endswith("ok"), text
    # W2's share: its 10 % error measured against the whole network's gradient norms
    true = L_model_backward(AL, Y, caches, loss="bce")
    norm = lambda g: np.sqrt(sum(np.sum(g[f"d{k}"] ** 2) for k in parameters))  # noqa: E731
    share = 0.1 * np.linalg.norm(true["dW2"]) / (norm(grads) + norm(true))
    assert report.per_parameter["W2"] == pytest.approx(share, rel=1e-3)


def test_zeroed_db1_is_named(relu_net):
    parameters, X, Y, AL, caches = relu_net
    grads = L_model_backward(AL, Y, caches, loss="bce")
    grads["db1"] = np.zeros_like(grads["db1"])
    report = gradient_check(parameters, X, Y, "relu", "sigmoid", "bce", grads=grads)
    assert not report.passed and report.worst == "b1"
    # a zeroed db1 leaves the whole true db1 as the gap: ||db1|| / (||g_zeroed|| + ||g||)
    true = L_model_backward(AL, Y, caches, loss="bce")
    norm = lambda g: np.sqrt(sum(np.sum(g[f"d{k}"] ** 2) for k in parameters))  # noqa: E731
    share = np.linalg.norm(true["db1"]) / (norm(grads) + norm(true))
    assert report.per_parameter["b1"] == pytest.approx(share, rel=1e-3)


def test_backward_with_the_wrong_hidden_activation_fails(relu_net):
    # Forward with relu, backward with tanh's derivative: the "changed only the forward pass" bug.
    parameters, X, Y, AL, caches = relu_net
    wrong = L_model_backward(AL, Y, caches, loss="bce", hidden="tanh")
    report = gradient_check(parameters, X, Y, "relu", "sigmoid", "bce", grads=wrong)
    assert not report.passed, str(report)
    assert "WRONG" in str(report)
    assert report.worst in {"W1", "b1", "W2", "b2"}
    # the output layer's gradients do not involve the hidden derivative and stay right
    assert report.per_parameter["W3"] < 1e-7 and report.per_parameter["b3"] < 1e-7


def test_backward_with_wrong_output_activation_fails():
    parameters, X, Y = kink_free_problem([3, 5, 4, 2], "tanh", "sigmoid", "mse", seed=14)
    AL, caches = L_model_forward(X, parameters, hidden="tanh", output="sigmoid")
    wrong = L_model_backward(AL, Y, caches, loss="mse", output="linear")  # drops sigmoid'(Z)
    report = gradient_check(parameters, X, Y, "tanh", "sigmoid", "mse", grads=wrong)
    assert not report.passed and report.per_parameter["W3"] > 1e-3


def test_report_for_a_correct_backward_pass():
    parameters, X, Y = kink_free_problem([2, 3, 1], "tanh", "sigmoid", "bce", seed=15)
    report = gradient_check(parameters, X, Y, "tanh", "sigmoid", "bce")
    assert report.passed and "WRONG" not in str(report)
    assert "Backward propagation works" in str(report)
    assert list(report.per_parameter) == ["W1", "b1", "W2", "b2"]
    assert report.threshold == 1e-7


def test_explicit_grads_equal_default_grads():
    parameters, X, Y = kink_free_problem([2, 3, 1], "tanh", "sigmoid", "bce", seed=16)
    AL, caches = L_model_forward(X, parameters, hidden="tanh", output="sigmoid")
    grads = L_model_backward(AL, Y, caches, loss="bce")
    a = gradient_check(parameters, X, Y, "tanh", "sigmoid", "bce")
    b = gradient_check(parameters, X, Y, "tanh", "sigmoid", "bce", grads=grads)
    assert a.difference == b.difference


def test_gradient_check_does_not_modify_parameters():
    parameters, X, Y = kink_free_problem([2, 3, 1], "relu", "sigmoid", "bce", seed=17)
    before = {k: v.copy() for k, v in parameters.items()}
    gradient_check(parameters, X, Y, "relu", "sigmoid", "bce")
    for k in before:
        np.testing.assert_array_equal(parameters[k], before[k])


# ----------------------------------------------------------------------------- helpers
def test_dictionary_vector_round_trip_and_keys():
    parameters = initialize_parameters_deep([3, 2, 1], init="he", seed=3)
    parameters["b1"] = np.array([[0.5], [-0.5]])
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (3 * 2 + 2 + 2 * 1 + 1, 1)
    assert keys[0] == "W1[0, 0]" and keys[5] == "W1[1, 2]" and keys[6] == "b1[0, 0]"
    assert keys[-1] == "b2[0, 0]"
    assert theta[6, 0] == 0.5 and theta[3, 0] == parameters["W1"][1, 0]  # row-major W
    back = vector_to_dictionary(theta, parameters)
    assert list(back) == ["W1", "b1", "W2", "b2"]
    for k in parameters:
        np.testing.assert_array_equal(back[k], parameters[k])
    with pytest.raises(ValueError, match="entries"):
        vector_to_dictionary(np.zeros((theta.shape[0] + 1, 1)), parameters)


def test_gradients_to_vector_uses_the_parameter_order():
    parameters = initialize_parameters_deep([2, 2, 1], seed=0)
    grads = {"d" + k: np.full(v.shape, i, dtype=float) for i, (k, v) in enumerate(parameters.items())}
    grads["dA0"] = np.full((2, 5), 99.0)  # not a parameter gradient: must be left out
    vec = gradients_to_vector(grads, parameters)
    np.testing.assert_array_equal(vec.ravel(), [0, 0, 0, 0, 1, 1, 2, 2, 3])


def test_relative_difference():
    g = np.array([[3.0], [4.0]])
    assert relative_difference(g, g) == 0.0
    assert relative_difference(g, -g) == pytest.approx(1.0)
    assert relative_difference(g, 2 * g) == pytest.approx(5 / 15)
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
