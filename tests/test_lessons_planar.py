"""Helpers of notebooks/04_relu_forward_only_nan.ipynb and notebooks/04b_relu_leaky_tanh_compared.ipynb."""

import numpy as np
import pytest

from dlsnotes import L_layer_model, L_model_backward, L_model_forward, initialize_parameters_deep
from dlsnotes.activations import get_activation
from dlsnotes.datasets import load_extra_dataset, load_planar_dataset
from dlsnotes.gradcheck import gradient_check
from dlsnotes.lessons.planar import (
    CheckpointRun,
    SeedRuns,
    accuracy,
    accuracy_table,
    across_seeds,
    check_backward_passes,
    dataset_table,
    derivative_from_A,
    format_accuracy_table,
    format_gradcheck_table,
    hidden_derivative,
    init_table,
    planar_backward,
    planar_forward,
    format_reach_table,
    iterations_to_reach,
    largest_drop,
    one_blas_thread,
    reached_at,
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
def _learners_loop(X, Y, n_h, num_iterations, seed=1, learning_rate=1.2):
    """ReLU forward, tanh's 1 - A1**2 backward (the notebook writes this loop out in numpy)."""
    parameters = initialize_parameters_deep([X.shape[0], n_h, 1], init="small", seed=seed)
    for _ in range(num_iterations):
        _, cache = planar_forward(X, parameters, "relu")
        grads = planar_backward(parameters, cache, X, Y, "tanh", derivative_from="A")
        parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    return parameters


def test_learners_bug_turns_the_tanh_factor_negative(flower):
    X, Y = flower
    at_30 = _learners_loop(X, Y, 4, 30)
    _, cache = planar_forward(X, at_30, "relu")
    assert hidden_derivative("tanh", cache["Z1"], cache["A1"], "A").min() < 0
    assert hidden_derivative("tanh", cache["Z1"], cache["A1"], "Z").min() > 0


# --------------------------------------------------------------------------- gradient-check table
def test_check_backward_passes_flags_the_mismatch_and_names_W1(flower):
    X, Y = flower
    at_30 = _learners_loop(X, Y, 4, 30)
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


def test_reported_rows_follow_the_reproduced_ones(flower):
    X, Y = flower
    runs = accuracy_table(X, Y, ["relu"], [(3, 1.2), (5, 0.3)], checkpoints=(10,), seed=1)
    lines = format_accuracy_table(runs, reported={"reported": {(5, 0.3): "85"}}).splitlines()
    assert lines[-1].split() == ["reported", "-", "85"]
    with pytest.raises(ValueError, match="columns"):
        format_accuracy_table(runs, reported={"reported": {(40, 0.6): "85"}})


def test_iterations_to_reach(flower):
    X, Y = flower
    runs = iterations_to_reach(X, Y, "tanh", [(4, 1.2), (4, 0.01)], target=0.8,
                               max_iterations=600, every=200, seed=1)
    fast, slow = runs[(4, 1.2)], runs[(4, 0.01)]
    it = reached_at(fast, 0.8)
    assert it is not None and fast.accuracies[it] >= 0.8
    assert list(fast.accuracies)[-1] == it            # training stopped once it got there
    assert all(a < 0.8 for k, a in fast.accuracies.items() if k < it)
    assert list(slow.accuracies) == [200, 400, 600]
    assert reached_at(slow, 0.8) is None  # lr 0.01 barely moves in 600 iterations
    lines = format_reach_table(runs, 0.8).splitlines()
    assert lines[0] == "iterations to reach 80 % training accuracy"
    assert lines[2].split() == ["4", str(it), ">", "600"]
    with pytest.raises(ValueError, match="target"):
        iterations_to_reach(X, Y, "tanh", [(4, 1.2)], target=85, max_iterations=10)


# --------------------------------------------------------------------------- across seeds
def fake_run(accuracies, diverged_at=None):
    return CheckpointRun("relu", 4, 0.6, dict(accuracies), None, diverged_at,
                         np.array([]), np.array([]))


def test_across_seeds_groups_the_runs_of_each_cell_by_seed(flower):
    X, Y = flower
    table = across_seeds(accuracy_table, [1, 2, 3], X, Y, ["tanh", "relu"], [(3, 1.2)],
                         checkpoints=(20, 40))
    assert list(table) == [("tanh", (3, 1.2)), ("relu", (3, 1.2))]
    for (hidden, (n_h, lr)), runs in table.items():
        assert isinstance(runs, SeedRuns) and list(runs.runs) == [1, 2, 3]
        for seed, run in runs.runs.items():   # each is the run of that seed, not a copy of one
            alone = train_with_checkpoints(X, Y, n_h, hidden, lr, checkpoints=(20, 40), seed=seed)
            assert run.accuracies == alone.accuracies
        finals = [run.final_accuracy for run in runs.runs.values()]
        assert runs.finals.tolist() == finals
        assert (runs.low, runs.median, runs.high) == (min(finals), float(np.median(finals)),
                                                      max(finals))


def test_across_seeds_works_for_every_table_function(flower):
    X, Y = flower
    inits = across_seeds(init_table, [1, 2], X, Y, "relu", [(3, 0.5)], inits=("small", "he"),
                         checkpoints=(10,))
    assert list(inits) == [("relu, init=small", (3, 0.5)), ("relu, init=he", (3, 0.5))]
    data = {"moons": load_extra_dataset("noisy_moons", seed=1)}
    sets = across_seeds(dataset_table, [4, 5], data, ["tanh"], n_h=3, learning_rate=0.5,
                        checkpoints=(10,))
    assert list(sets[("tanh", "moons")].runs) == [4, 5]


@pytest.mark.parametrize("seeds", [[1], [], [2, 2]])
def test_across_seeds_needs_two_different_seeds(flower, seeds):
    X, Y = flower
    with pytest.raises(ValueError, match="at least two different seeds"):
        across_seeds(accuracy_table, seeds, X, Y, ["tanh"], [(3, 1.2)], checkpoints=(10,))


def test_across_seeds_refuses_a_seed_argument(flower):
    X, Y = flower
    with pytest.raises(ValueError, match="sets seed= itself"):
        across_seeds(accuracy_table, [1, 2], X, Y, ["tanh"], [(3, 1.2)], checkpoints=(10,),
                     seed=3)


def test_a_seed_cell_prints_median_and_range_in_whole_percent():
    runs = SeedRuns({1: fake_run({10: 0.8525}), 2: fake_run({10: 0.61}),
                     3: fake_run({10: 0.7049})})
    text = format_accuracy_table({("relu", (4, 0.6)): runs},
                                 reported={"reported": {(4, 0.6): "71"}}).splitlines()
    assert text[1].split() == ["relu", "70", "(61-85)"]
    assert text[2].split() == ["reported", "71"]


def test_a_seed_cell_counts_diverged_runs():
    runs = SeedRuns({1: fake_run({10: 0.8}), 2: fake_run({10: np.nan}, diverged_at=7)})
    assert runs.diverged == 1
    assert "1/2 div." in format_accuracy_table({("relu", (4, 0.6)): runs})


def test_largest_drop_measures_the_fall_below_the_best_checkpoint_so_far():
    assert largest_drop(fake_run({1: 0.5, 2: 0.8, 3: 0.7, 4: 0.9, 5: 0.85})) == pytest.approx(0.1)
    assert largest_drop(fake_run({1: 0.5, 2: 0.6, 3: 0.7})) == 0.0
    assert largest_drop(fake_run({1: 0.9, 2: 0.6, 3: np.nan})) == pytest.approx(0.3)
    assert np.isnan(largest_drop(fake_run({1: np.nan})))


def test_one_blas_thread_limits_blas_inside_and_restores_it_after():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads():
        return [p["num_threads"] for p in threadpoolctl.threadpool_info()
                if p["user_api"] == "blas"]

    # Start from two threads, so that the limit has something to change even where the
    # tests run with OPENBLAS_NUM_THREADS=1.
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        assert before and all(n == 2 for n in before)
        with one_blas_thread():
            assert all(n == 1 for n in blas_threads())
        assert blas_threads() == before


# --------------------------------------------------------------------------- figure options
def test_decision_boundary_line_and_small_points(flower):
    import matplotlib

    matplotlib.use("Agg")
    from dlsnotes.plotting import plot_decision_boundary

    X, Y = flower
    ax = plot_decision_boundary(lambda g: (g[0:1] > 0).astype(float), X, Y, resolution=20,
                                point_size=6, point_alpha=0.5, boundary=True)
    points = ax.collections[-2] if len(ax.collections) > 2 else ax.collections[1]
    assert np.allclose(points.get_sizes(), 6) and points.get_alpha() == 0.5
    assert len(ax.collections) >= 3   # regions, points and the boundary line above them
    with pytest.raises(ValueError, match="point_alpha"):
        plot_decision_boundary(lambda g: g[0:1] > 0, X, Y, point_alpha=0)
    with pytest.raises(ValueError, match="point_size"):
        plot_decision_boundary(lambda g: g[0:1] > 0, X, Y, point_size=-1)
