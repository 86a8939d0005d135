"""Helpers of notebooks/04_planar_relu_vs_tanh.ipynb."""

import numpy as np
import pytest

from dlsnotes import L_layer_model, L_model_backward, L_model_forward, initialize_parameters_deep
from dlsnotes.activations import get_activation
from dlsnotes.datasets import load_extra_dataset, load_planar_dataset
from dlsnotes.gradcheck import gradient_check
from dlsnotes.lessons.planar import (
    accuracy,
    accuracy_table,
    check_backward_passes,
    dataset_table,
    derivative_from_A,
    format_accuracy_table,
    format_gradcheck_table,
    hidden_derivative,
    init_table,
    planar_backward,
    planar_forward,
    train_mismatched,
    train_timed,
    train_with_checkpoints,
)


@pytest.fixture(scope="module")
def flower():
    return load_planar_dataset(seed=1)


@pytest.fixture(scope="module")
def small():
    """A few flower examples and a 2-3-1 network: cheap gradient checks."""
    X, Y = load_planar_dataset(seed=1)
    cols = np.r_[0:6, 200:206]
    return X[:, cols], Y[:, cols], initialize_parameters_deep([2, 3, 1], init="he", seed=3)


# --------------------------------------------------------------------------- derivatives
@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "leaky_relu", "leaky_relu(0.2)"])
def test_derivative_from_A_equals_g_prime_for_the_same_activation(name):
    Z = np.random.RandomState(0).randn(4, 9) * 3
    act = get_activation(name)
    assert np.allclose(derivative_from_A(name, act.function(Z)), act.derivative(Z))


def test_derivative_from_A_of_a_relu_output_is_negative_above_one():
    A1 = np.array([[0.0, 0.5, 1.0, 3.0]])
    assert np.allclose(derivative_from_A("tanh", A1), [[1.0, 0.75, 0.0, -8.0]])


def test_derivative_from_A_rejects_activations_it_cannot_write_with_A():
    with pytest.raises(ValueError, match="derivative_from='Z'"):
        derivative_from_A("swish", np.ones((1, 2)))


def test_hidden_derivative_sources():
    Z1 = np.array([[-2.0, 0.5, 2.0]])
    A1 = np.maximum(Z1, 0)  # a ReLU forward pass
    assert np.allclose(hidden_derivative("tanh", Z1, A1, "A"), 1 - A1 ** 2)
    assert np.allclose(hidden_derivative("tanh", Z1, A1, "Z"), 1 - np.tanh(Z1) ** 2)
    with pytest.raises(ValueError, match="derivative_from must be 'Z'"):
        hidden_derivative("tanh", Z1, A1, "A1")


# --------------------------------------------------------------------------- forward / backward
def test_planar_forward_matches_L_model_forward(small):
    X, _, parameters = small
    for hidden in ("tanh", "relu", "leaky_relu"):
        A2, cache = planar_forward(X, parameters, hidden)
        AL, _ = L_model_forward(X, parameters, hidden=hidden)
        assert A2.shape == (1, X.shape[1]) and cache["A1"].shape == (3, X.shape[1])
        assert np.allclose(A2, AL)


def test_planar_forward_rejects_other_networks(small):
    X, _, _ = small
    with pytest.raises(ValueError, match="2-layer"):
        planar_forward(X, initialize_parameters_deep([2, 3, 3, 1], seed=0))
    with pytest.raises(ValueError, match="keys"):
        planar_forward(X, {"W1": np.ones((3, 2))})


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu", "leaky_relu(0.1)"])
def test_planar_backward_matches_L_model_backward(small, hidden):
    X, Y, parameters = small
    _, cache = planar_forward(X, parameters, hidden)
    AL, caches = L_model_forward(X, parameters, hidden=hidden)
    expected = L_model_backward(AL, Y, caches)
    for source in ("Z", "A"):
        grads = planar_backward(parameters, cache, X, Y, hidden, source)
        for key in ("dW1", "db1", "dW2", "db2"):
            assert np.allclose(grads[key], expected[key]), (key, source)


def test_mismatched_backward_from_Z_is_what_L_model_backward_override_computes(small):
    X, Y, parameters = small
    _, cache = planar_forward(X, parameters, "relu")
    AL, caches = L_model_forward(X, parameters, hidden="relu")
    expected = L_model_backward(AL, Y, caches, hidden="tanh")
    grads = planar_backward(parameters, cache, X, Y, "tanh", "Z")
    assert all(np.allclose(grads[k], expected[k]) for k in grads)


def test_correct_backward_passes_the_gradient_check(small):
    X, Y, parameters = small
    for hidden in ("tanh", "relu", "leaky_relu"):
        _, cache = planar_forward(X, parameters, hidden)
        report = gradient_check(parameters, X, Y, hidden=hidden,
                                grads=planar_backward(parameters, cache, X, Y, hidden))
        assert report.passed, (hidden, str(report))


# --------------------------------------------------------------------------- the bug
def test_learners_bug_blows_up_after_a_sign_flip(flower):
    X, Y = flower
    run = train_mismatched(X, Y, 4, "relu", "tanh", learning_rate=1.2, num_iterations=200, seed=1)
    assert run.diverged
    assert run.first_negative_derivative < run.blowup_iteration <= run.all_nan_iteration
    assert 20 <= run.blowup_iteration <= 100  # the learner saw "about 50"
    assert len(run.costs) == len(run.max_A1) == run.all_nan_iteration + 1
    assert np.all(np.isfinite(run.costs[:run.blowup_iteration]))
    assert np.isnan(run.costs[run.all_nan_iteration])
    assert run.max_A1[run.blowup_iteration - 1] > 1e100


def test_bounded_wrong_derivative_does_not_blow_up_and_does_not_learn(flower):
    X, Y = flower
    run = train_mismatched(X, Y, 4, "relu", "tanh", 1.2, 1500, seed=1, derivative_from="Z")
    assert not run.diverged and run.first_negative_derivative is None
    assert len(run.costs) == 1501
    right = train_mismatched(X, Y, 4, "relu", "relu", 1.2, 1500, seed=1)
    assert right.costs[-1] < run.costs[-1]


def test_consistent_loop_is_L_layer_model(flower):
    X, Y = flower
    run = train_mismatched(X, Y, 4, "leaky_relu", "leaky_relu", 1.2, 300, seed=2)
    expected, _ = L_layer_model(X, Y, [2, 4, 1], hidden="leaky_relu", learning_rate=1.2,
                                num_iterations=300, init="small", seed=2, progress=False)
    assert all(np.allclose(run.parameters[k], expected[k]) for k in expected)
    assert not run.diverged and run.blowup_iteration is None


@pytest.mark.parametrize("kwargs, match", [
    ({"n_h": 0}, "n_h must be a positive int"),
    ({"num_iterations": -1}, "num_iterations"),
    ({"derivative_from": "dA"}, "derivative_from"),
    ({"learning_rate": 0}, "learning_rate"),
])
def test_train_mismatched_rejects_bad_arguments(flower, kwargs, match):
    X, Y = flower
    args = {"n_h": 4, "num_iterations": 5, **kwargs}
    with pytest.raises(ValueError, match=match):
        train_mismatched(X, Y, **args)


# --------------------------------------------------------------------------- gradient-check table
def test_check_backward_passes_flags_the_mismatch_and_names_W1(flower):
    X, Y = flower
    at_30 = train_mismatched(X, Y, 4, "relu", "tanh", 1.2, 30, seed=1).parameters
    reports = check_backward_passes(at_30, X, Y, {
        "bug": ("relu", "tanh", "A"), "bounded": ("relu", "tanh", "Z"),
        "fix": ("relu", "relu", "Z")})
    assert not reports["bug"].passed and not reports["bounded"].passed
    assert reports["bug"].difference > 0.1
    assert reports["bug"].worst in ("W1", "b1")
    assert reports["fix"].passed
    lines = format_gradcheck_table(reports).splitlines()
    assert lines[0].split()[:3] == ["backward", "pass", "difference"]
    assert "WRONG" in lines[1] and lines[1].rstrip().endswith(reports["bug"].worst)
    assert "< 1e-07" in lines[3] and "passed" in lines[3]
    with pytest.raises(ValueError):
        format_gradcheck_table({})


# --------------------------------------------------------------------------- accuracy tables
def test_checkpoints_continue_one_run(flower):
    X, Y = flower
    split = train_with_checkpoints(X, Y, 4, "tanh", 1.2, checkpoints=(150, 300), seed=1)
    whole = train_with_checkpoints(X, Y, 4, "tanh", 1.2, checkpoints=(300,), seed=1)
    assert all(np.allclose(split.parameters[k], whole.parameters[k]) for k in whole.parameters)
    assert split.final_accuracy == whole.final_accuracy == accuracy(X, Y, whole.parameters, "tanh")
    assert list(split.accuracies) == [150, 300] and split.diverged_at is None
    assert split.cost_iterations.tolist() == [0, 100, 150, 250, 300]
    _, every_50 = L_layer_model(X, Y, [2, 4, 1], hidden="tanh", learning_rate=1.2,
                                num_iterations=300, init="small", seed=1, cost_every=50, progress=False)
    assert np.allclose(split.costs, np.array([*every_50, every_50.final_cost])[[0, 2, 3, 5, 6]])


def test_divergence_is_recorded_not_raised(flower):
    X, Y = flower
    run = train_with_checkpoints(X, Y, 4, "relu", 1e200, checkpoints=(5, 10), seed=1)
    assert run.diverged_at is not None and run.parameters is None
    assert np.isnan(run.final_accuracy)
    assert "div." in format_accuracy_table({("relu", (4, 1e200)): run})


@pytest.mark.parametrize("checkpoints", [(), (300, 100), (0, 10), (5, 5), (1.5,)])
def test_bad_checkpoints_are_rejected(flower, checkpoints):
    X, Y = flower
    with pytest.raises(ValueError, match="checkpoints"):
        train_with_checkpoints(X, Y, 4, "tanh", 1.2, checkpoints=checkpoints)


def test_accuracy_table_and_its_text(flower):
    X, Y = flower
    runs = accuracy_table(X, Y, ["tanh", "leaky_relu(0.1)"], [(3, 1.2), (5, 0.3)],
                          checkpoints=(20, 40), seed=1)
    assert list(runs) == [("tanh", (3, 1.2)), ("tanh", (5, 0.3)),
                          ("leaky_relu(0.1)", (3, 1.2)), ("leaky_relu(0.1)", (5, 0.3))]
    text = format_accuracy_table(runs).splitlines()
    assert text[0].split() == ["hidden", "n_h=3", "lr=1.2", "n_h=5", "lr=0.3"]
    assert text[2].startswith("leaky_relu(0.1)")
    first = runs[("tanh", (3, 1.2))].accuracies
    assert f"{100 * first[20]:.1f} / {100 * first[40]:.1f}" in text[1]
    with pytest.raises(ValueError):
        accuracy_table(X, Y, [], [(3, 1.2)])
    with pytest.raises(ValueError):
        format_accuracy_table({})


def test_init_table_and_dataset_table_labels(flower):
    X, Y = flower
    runs = init_table(X, Y, "relu", [(3, 0.5)], inits=("small", "he"), checkpoints=(10,), seed=1)
    assert list(runs) == [("relu, init=small", (3, 0.5)), ("relu, init=he", (3, 0.5))]
    data = {"moons": load_extra_dataset("noisy_moons", seed=1)}
    table = dataset_table(data, ["relu"], n_h=3, learning_rate=0.5, checkpoints=(10,), seed=1,
                          row_suffix=", n_h=3")
    assert list(table) == [("relu, n_h=3", "moons")]
    assert table[("relu, n_h=3", "moons")].hidden == "relu"
    assert format_accuracy_table(table).splitlines()[0].split() == ["hidden", "moons"]


def test_train_timed(flower):
    X, Y = flower
    run, seconds = train_timed(X, Y, 3, "tanh", 1.2, checkpoints=(10,), seed=1)
    assert seconds > 0 and list(run.accuracies) == [10]
