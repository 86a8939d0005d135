"""The helpers behind notebook 03 (ReLU output for regression) do what the notebook says."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlsnotes import L_layer_model, L_model_backward, L_model_forward  # noqa: E402
from dlsnotes.datasets import load_quadratic  # noqa: E402
from dlsnotes.lessons import relu_regression as rr  # noqa: E402

REPORTED = dict(output="relu", init="small", learning_rate=1e-4)


def package_train(X, Y, layer_dims, *, output, init, learning_rate, num_iterations, seed,
                  parameters=None):
    """The training loop the helpers expect, here the package's own L_layer_model."""
    params, costs = L_layer_model(X, Y, layer_dims, hidden="relu", output=output, loss="mse",
                                  learning_rate=learning_rate, num_iterations=num_iterations,
                                  init=init, seed=1 if seed is None else seed,
                                  parameters=parameters, progress=False)
    return params, rr.full_costs(costs)


@pytest.fixture(scope="module")
def data():
    return load_quadratic(kind="reported")


@pytest.fixture(scope="module")
def reported_fit(data):
    X, Y = data
    return rr.train_regression(package_train, X, Y, [1, 4, 1], seed=1, num_iterations=5000,
                               **REPORTED)


# ----------------------------------------------------------------------------- scaling
def test_scaling_standardises_and_round_trips(data):
    X, Y = data
    s = rr.fit_scaling(X, Y)
    Xs, Ys = s.inputs(X), s.targets(Y)
    assert np.allclose(Xs.mean(axis=1), 0) and np.allclose(Xs.std(axis=1), 1)
    assert np.max(np.abs(Ys)) == pytest.approx(1.0)
    assert np.allclose(s.predictions(Ys), Y)


def test_no_scaling_is_identity(data):
    X, Y = data
    assert np.array_equal(rr.NO_SCALING.inputs(X), X)
    assert np.array_equal(rr.NO_SCALING.predictions(rr.NO_SCALING.targets(Y)), Y)


@pytest.mark.parametrize("X, Y, words", [
    (np.ones((1, 5)), np.arange(5.0).reshape(1, -1), "constant"),
    (np.arange(5.0).reshape(1, -1), np.zeros((1, 5)), "Every target is 0"),
    (np.arange(5.0), np.arange(5.0), "2-D"),
])
def test_scaling_rejects_bad_input_with_a_reason(X, Y, words):
    with pytest.raises(ValueError, match=words):
        rr.fit_scaling(X, Y)


# ----------------------------------------------------------------------------- metrics
def test_r_squared_known_values():
    Y = np.array([[1.0, 2.0, 3.0]])
    assert rr.r_squared(Y, Y) == 1.0
    assert rr.r_squared(Y, np.full_like(Y, 2.0)) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="same shape"):
        rr.r_squared(Y, Y.T)
    with pytest.raises(ValueError, match="undefined"):
        rr.r_squared(np.ones((1, 3)), np.ones((1, 3)))


# ----------------------------------------------------------------------------- the reproduction
def test_reported_settings_reproduce_the_stuck_block(data, reported_fit):
    X, Y = data
    AL, caches = reported_fit.forward(X)
    stuck = rr.stuck_examples(reported_fit, X, Y)
    assert X[0, stuck].tolist() == [1, 2, 3, 4, 5]
    assert np.all(AL[0, stuck] == 0)
    # the others lie on a line close to the parabola: within 15 % from x = 8 on
    rest = X[0] >= 8
    assert np.all(np.abs(AL[0, rest] - Y[0, rest]) <= 0.15 * Y[0, rest])


def test_stuck_examples_send_exactly_zero_gradient(data, reported_fit):
    X, Y = data
    AL, caches = reported_fit.forward(X)
    stuck = rr.stuck_examples(reported_fit, X, Y)
    ZL = caches[-1].activation_cache
    assert np.all(ZL[0, stuck] <= 0)
    # dropping the stuck columns leaves every gradient unchanged, up to the 1/m factor
    grads = L_model_backward(AL, Y, caches, loss="mse")
    keep = np.setdiff1d(np.arange(X.shape[1]), stuck)
    AL_k, caches_k = L_model_forward(X[:, keep], reported_fit.parameters, hidden="relu", output="relu")
    grads_k = L_model_backward(AL_k, Y[:, keep], caches_k, loss="mse")
    m, m_k = X.shape[1], keep.size
    for key in ("dW1", "db1", "dW2", "db2"):
        assert np.allclose(grads[key] * m, grads_k[key] * m_k)


def test_x_zero_is_not_counted_as_stuck(data, reported_fit):
    X, Y = data
    assert 0 not in rr.stuck_examples(reported_fit, X, Y).tolist()


def test_summary_matches_the_fit(data, reported_fit):
    X, Y = data
    s = rr.summarize_fit(reported_fit, X, Y)
    assert s.dead_units == 3 and s.n_hidden == 4
    assert len(s.stuck) == 5
    assert s.cost == pytest.approx(np.mean((reported_fit.predict(X) - Y) ** 2) / 2)
    assert 0.9 < s.r2 < 0.99


def test_stuck_history_is_stable_and_does_not_modify_the_fit(data, reported_fit):
    X, Y = data
    before = {k: v.copy() for k, v in reported_fit.parameters.items()}
    history = rr.stuck_history(package_train, reported_fit, X, Y, [6000, 8000])
    assert [c.iteration for c in history] == [5000, 6000, 8000]
    assert all(X[0, c.stuck].tolist() == [1, 2, 3, 4, 5] for c in history)
    assert history[-1].cost <= history[0].cost
    assert all(np.array_equal(before[k], reported_fit.parameters[k]) for k in before)
    text = rr.format_stuck_history(history, X)
    assert "[1, 2, 3, 4, 5]" in text and "8000" in text


def test_stuck_history_rejects_non_increasing_checkpoints(data, reported_fit):
    X, Y = data
    with pytest.raises(ValueError, match="increase"):
        rr.stuck_history(package_train, reported_fit, X, Y, [4000])


def test_seed_survey_reports_each_seed(data):
    X, Y = data
    survey = rr.seed_survey(package_train, X, Y, [1, 4, 1], [1, 2], num_iterations=300,
                            **REPORTED)
    assert [s for s, _ in survey] == [1, 2]
    # seed 2: the output is dead at initialisation, so nothing is learned at all
    assert len(survey[1][1].stuck) == 19
    assert survey[1][1].cost == pytest.approx(np.mean(Y ** 2) / 2)
    assert "seed" in rr.format_seed_survey(survey, X)


def test_train_must_be_a_function(data):
    X, Y = data
    with pytest.raises(TypeError, match="train must be the training function"):
        rr.train_regression("L_layer_model", X, Y, [1, 4, 1], seed=1, num_iterations=5,
                            **REPORTED)


# ----------------------------------------------------------------------------- fixes
def test_compare_fixes_and_table(data):
    X, Y = data
    fixes = {"as reported": REPORTED,
             "scaled + linear": dict(output="linear", init="he", learning_rate=0.1, scale=True)}
    fits = rr.compare_fixes(package_train, X, Y, [1, 4, 1], fixes, seed=1, num_iterations=2000)
    assert list(fits) == ["as reported", "scaled + linear"]
    assert fits["scaled + linear"].scaling is not rr.NO_SCALING
    before, after = (rr.summarize_fit(f, X, Y) for f in fits.values())
    assert after.cost < before.cost and len(after.stuck) == 0 and len(before.stuck) > 0
    table = rr.format_fixes_table(fits, X, Y).splitlines()
    assert table[0].split()[:2] == ["fix", "lr"]
    assert len(table) == 3 and "scaled + linear" in table[2]


def test_region_table_counts_zero_predictions_where_y_is_negative():
    X, Y = load_quadratic(kind="negative")
    fits = rr.compare_fixes(
        package_train, X, Y, [1, 8, 1],
        {"relu": dict(output="relu", init="small", learning_rate=0.3, scale=True),
         "linear": dict(output="linear", init="small", learning_rate=0.3, scale=True)},
        seed=1, num_iterations=1500)
    inside = (X[0] > -1) & (X[0] < 0)
    assert np.all(fits["relu"].predict(X)[0, inside] >= 0)
    assert fits["linear"].predict(X)[0, inside].min() < 0
    lines = rr.format_region_table(fits, X, Y, -1, 0).splitlines()
    assert len(lines) == 3
    with pytest.raises(ValueError, match="No example"):
        rr.format_region_table(fits, X, Y, 10, 11)


# ----------------------------------------------------------------------------- picture
def test_plot_preactivations_draws_one_line_per_unit(data, reported_fit):
    X, Y = data
    fig, ax = plt.subplots()
    out = rr.plot_preactivations(reported_fit, X, np.linspace(0, 19, 50).reshape(1, -1), ax=ax)
    assert out is ax
    assert len(ax.lines) == 4 + 1 + 1  # hidden units, Z[L], the zero line
    plt.close(fig)


def test_regression_fit_rings_can_be_small(data):
    from dlsnotes.plotting import plot_regression_fit

    X, Y = data
    fig, ax = plt.subplots()
    plot_regression_fit(X, Y, ax=ax, highlight=Y > 500, highlight_size=20)
    rings = ax.collections[-1]
    assert np.allclose(rings.get_sizes(), 20) and len(rings.get_offsets()) == int((Y > 500).sum())
    with pytest.raises(ValueError, match="highlight_size"):
        plot_regression_fit(X, Y, highlight=Y > 500, highlight_size=0)
    plt.close(fig)
