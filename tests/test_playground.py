"""The playground without a browser: the state class, the figure and the widgets.

Widgets are built in-process (ipywidgets needs no kernel for that); setting a control's
``value`` runs its handler synchronously, so each test sets a value and asserts what
changed in the model, the cost, the formula text and the messages.
"""

from __future__ import annotations

import gc

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dlsnotes.model import initialize_parameters_deep  # noqa: E402
from dlsnotes.playground import (  # noqa: E402
    CONTROL_NAMES,
    PlaygroundFigure,
    PlaygroundModel,
    Settings,
    build_playground,
    prepare_data,
)
from dlsnotes.playground import state as state_module  # noqa: E402
from dlsnotes.playground.state import GRADCHECK_EXAMPLES, MAX_UNITS  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def count_widgets():
    return sum(isinstance(obj, widgets.Widget) for obj in gc.get_objects())


def same_parameters(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


# ============================================================================ settings
def test_defaults_are_the_course_planar_network():
    s = Settings()
    assert (s.dataset, s.hidden, s.n_units, s.output, s.loss) == ("planar", "tanh", 4, "sigmoid", "bce")
    assert (s.learning_rate, s.iterations, s.steps_per_chunk) == (1.2, 2000, 100)


def test_unknown_setting_is_a_type_error_listing_the_known_ones():
    with pytest.raises(TypeError, match=r"Unknown playground setting\(s\) \['hiden'\].*'hidden'"):
        PlaygroundModel(hiden="relu")


@pytest.mark.parametrize("name, value, fragment", [
    ("dataset", "iris", "dataset must be one of"),
    ("hidden", "softmax", "hidden must be one of"),
    ("output", "tanh", "output must be one of"),
    ("n_units", 0, r"Units per layer \(n_units\) must be a whole number from 1 to 64"),
    ("learning_rate", -1.0, "learning_rate must be a positive"),
    ("slope", 1.5, r"slope \(slope\) must be a number from 0 to 0.99"),
    ("on_change", "keep", "on_change must be one of"),
])
def test_a_value_outside_the_choices_is_a_value_error(name, value, fragment):
    with pytest.raises(ValueError, match=fragment):
        Settings(**{name: value})


# ============================================================================ data
def test_split_is_70_30_and_fixed_whatever_the_seed():
    d = prepare_data("planar")
    assert d.X_train.shape == (2, 280) and d.X_test.shape == (2, 120)
    assert d.Y_train.shape == (1, 280)
    a, b = PlaygroundModel(seed=1).data, PlaygroundModel(seed=7).data
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.Y_test, b.Y_test)


def test_regression_scaling_standardises_x_and_divides_y_by_its_largest_magnitude():
    d = prepare_data("quadratic", scale=True, output="linear")
    assert d.task == "regression" and d.X_train.shape == (1, 140)
    assert abs(d.X_train.mean()) < 1e-12 and abs(d.X_train.std() - 1) < 1e-12
    assert np.abs(d.Y_train).max() == pytest.approx(1.0)
    assert np.allclose(d.Y_train * d.y_scale, d.Y_train_raw)
    raw = prepare_data("quadratic", scale=False, output="linear")
    assert np.array_equal(raw.X_train, raw.X_train_raw) and raw.y_scale == 1.0


def test_softmax_on_a_two_class_set_gets_two_units_and_one_hot_labels():
    m = PlaygroundModel(dataset="noisy_moons", output="softmax", loss="cce")
    assert m.layer_dims == [2, 4, 2]
    Y = m.data.Y_train
    assert Y.shape == (2, 140) and np.all(Y.sum(axis=0) == 1)
    assert any(msg.title == "Softmax on two classes" for msg in m.messages)


# ============================================================================ training
def test_run_trains_in_chunks_and_records_each():
    m = PlaygroundModel()
    assert m.iteration == 0 and len(m.history) == 1
    assert m.run() == 2000
    assert [p.iteration for p in m.history] == list(range(0, 2001, 100))
    last = m.latest
    assert last.train_metric > 0.9 and last.test_metric > 0.8
    assert last.train_cost < m.history[0].train_cost


def test_step_trains_one_chunk():
    m = PlaygroundModel(iterations=500)
    assert m.settings.steps_per_chunk == 25
    assert m.step() == 25 and m.iteration == 25 and len(m.history) == 2
    assert m.step(7) == 7 and m.iteration == 32


def test_restart_uses_the_seed_so_two_choices_start_from_the_same_weights():
    m = PlaygroundModel()
    m.run()
    result = m.update(hidden="relu")
    assert result.action == "restart" and "hidden changed" in result.reason
    assert m.iteration == 0
    assert same_parameters(m.parameters, initialize_parameters_deep([2, 4, 1], init="small", seed=1))
    other = PlaygroundModel(seed=2)
    assert not same_parameters(other.parameters, m.parameters)


def test_continue_keeps_the_weights_and_marks_the_switch():
    m = PlaygroundModel(on_change="continue")
    m.run()
    trained = {k: v.copy() for k, v in m.parameters.items()}
    result = m.update(hidden="relu", learning_rate=0.5)
    assert result.action == "continue"
    assert m.iteration == 2000 and same_parameters(m.parameters, trained)
    assert m.markers == [(2000, "hidden, learning_rate")]
    m.run(500)
    assert m.iteration == 2500 and len(m.history) == 21 + 5


@pytest.mark.parametrize("change", [{"n_units": 5}, {"dataset": "blobs"}, {"seed": 3},
                                    {"output": "softmax", "loss": "cce"}])
def test_continue_still_restarts_when_the_weights_cannot_be_kept(change):
    m = PlaygroundModel(on_change="continue")
    m.run(200)
    result = m.update(**change)
    assert result.action == "restart" and "needs new weights" in result.reason
    assert m.iteration == 0


def test_regression_metrics_are_in_original_units():
    m = PlaygroundModel(dataset="quadratic", output="linear", loss="mse")
    m.run()
    d, p = m.data, m.latest
    y_hat = m.forward(d.X_test_raw)
    assert p.test_cost == pytest.approx(0.5 * np.mean((y_hat - d.Y_test_raw) ** 2))
    r2 = 1 - np.sum((y_hat - d.Y_test_raw) ** 2) / np.sum((d.Y_test_raw - d.Y_test_raw.mean()) ** 2)
    assert p.test_metric == pytest.approx(r2) and r2 > 0.99
    assert m.metric_name == "R²"


def test_multiclass_softmax_cce_learns_the_spiral():
    m = PlaygroundModel(dataset="multiclass", output="softmax", loss="cce")
    m.run()
    assert m.layer_dims == [2, 4, 3] and m.latest.test_metric > 0.9
    assert m.predict_labels(m.data.X_test_raw).shape == (90,)


def test_leaky_slope_reaches_the_activation_and_changes_training():
    a = PlaygroundModel(hidden="leaky_relu", slope=0.01, iterations=300)
    b = PlaygroundModel(hidden="leaky_relu", slope=0.3, iterations=300)
    assert b.hidden_activation.name == "leaky_relu(0.3)"
    a.run(), b.run()
    assert a.latest.train_cost != b.latest.train_cost


# ============================================================================ explanations
@pytest.mark.parametrize("changes, title, fragment", [
    ({"output": "relu", "loss": "bce"}, "relu + bce cannot train", "(0, 1)"),
    ({"output": "linear", "loss": "bce"}, "linear + bce cannot train", "(0, 1)"),
    ({"output": "sigmoid", "loss": "cce"}, "sigmoid + cce cannot train", "Use output='softmax'"),
    ({"dataset": "quadratic", "output": "softmax", "loss": "mse"}, "softmax + mse cannot train",
     "single output unit"),
    ({"dataset": "quadratic", "output": "sigmoid", "loss": "bce"},
     "BCE cannot fit a regression target", "Choose loss MSE with a linear output"),
    ({"dataset": "quadratic", "output": "softmax", "loss": "cce"},
     "CCE cannot fit a regression target", "one-hot"),
])
def test_an_impossible_pairing_blocks_training_with_an_explanation(changes, title, fragment):
    m = PlaygroundModel(**changes)
    assert m.status == "blocked"
    first = m.messages[0]
    assert (first.kind, first.title) == ("blocked", title) and fragment in first.text
    assert m.run() == 0 and m.step() == 0
    assert m.history == [] and m.gradient_check() is None
    assert m.formula_text().endswith("(cannot train here)")


def test_a_poor_pairing_trains_with_a_note_about_f_prime():
    m = PlaygroundModel(output="sigmoid", loss="mse")
    assert m.status == "ready"
    note = m.messages[0]
    assert note.kind == "note" and "does not cancel for sigmoid + mse" in note.title
    assert "a(1 − a)" in note.text
    assert m.run() == 2000


def test_a_relu_output_on_regression_reports_the_examples_stuck_at_zero():
    m = PlaygroundModel(dataset="quadratic", output="relu", loss="mse")
    m.run()
    report = m.zero_gradients()
    assert report.output_is_relu and len(report.stuck_examples) > 0
    titles = [msg.title for msg in m.messages]
    assert "A ReLU output cannot be negative" in titles


def test_dead_relu_units_are_counted():
    m = PlaygroundModel(hidden="relu", learning_rate=5.0, n_units=8)
    m.run()
    report = m.zero_gradients()
    assert report.dead_unit_fraction > 0 and 0 < report.zero_grad_fraction <= 1
    assert PlaygroundModel().zero_gradients().dead_unit_fraction == 0


def test_divergence_stops_the_run_with_a_hint_to_scale():
    m = PlaygroundModel(dataset="quadratic", output="linear", loss="mse", scale=False)
    assert any(msg.title == "Inputs and targets are not scaled" for msg in m.messages)
    trained = m.run()
    assert m.status == "diverged" and trained < 2000
    first = m.messages[0]
    assert first.kind == "diverged" and "Tick 'scale x, y'" in first.text
    assert m.step() == 0
    assert all(np.isfinite(v).all() for v in m.parameters.values())  # the last good weights
    m.update(scale=True)
    assert m.status == "ready" and m.run() == 2000


def test_divergence_on_a_classification_set_suggests_a_lower_learning_rate():
    m = PlaygroundModel(output="linear", loss="mse", learning_rate=10.0)
    m.run()
    assert m.status == "diverged"
    assert "Lower the learning rate (try 1)" in m.messages[0].text


def test_an_exploding_learning_rate_ends_diverged_not_ready():
    # The largest learning rate the playground accepts (RANGES) diverges within a few chunks.
    m = PlaygroundModel(learning_rate=1000.0)
    assert m.run() < 2000
    assert m.status == "diverged"
    first = m.messages[0]
    assert first.kind == "diverged" and first.title.startswith("Training diverged at iteration ")
    assert "Lower the learning rate (try 100)" in first.text
    assert all(np.isfinite(v).all() for v in m.parameters.values())
    assert m.step() == 0 and m.run() == 0


def test_a_slow_blow_up_over_many_small_chunks_is_caught_across_chunks():
    # Chunks of 5 iterations are too short for any rule within one call (they need 30 or
    # 200 iterations); one watch follows the run across chunks and judges from its start.
    m = PlaygroundModel(learning_rate=100.0, chunk=5)
    m.run()
    assert m.status == "diverged" and m.iteration < 2000
    assert "from 0.693" in m.messages[0].text or "start (0.693)" in m.messages[0].text
    # seen within the chunk after the last weights kept (the ones the picture shows)
    seen = int(m.messages[0].title.removeprefix("Training diverged at iteration "))
    assert m.iteration < seen <= m.iteration + 5


@pytest.mark.parametrize("changes", [
    # lr 15, not 30: 30 diverges at iteration 200 on some CPUs (Haswell, Zen kernels)
    {}, {"learning_rate": 10.0}, {"learning_rate": 15.0}, {"hidden": "relu", "learning_rate": 5.0},
    {"dataset": "noisy_moons", "learning_rate": 3.0},
    {"dataset": "quadratic", "hidden": "relu", "output": "linear", "loss": "mse", "learning_rate": 0.1},
    {"dataset": "multiclass", "output": "softmax", "loss": "cce"},
])
@pytest.mark.parametrize("chunk", [5, None])
def test_ordinary_settings_never_trip_the_divergence_rule(changes, chunk):
    m = PlaygroundModel(chunk=chunk, **changes)
    assert m.run() == 2000 and m.status == "ready"


@pytest.mark.parametrize("changes, error, fragment", [
    ({"seed": 2**32}, ValueError, r"seed must be an int in \[0, 2\*\*32 - 1\]"),
    ({"seed": -1}, ValueError, "seed must be an int"),
    ({"seed": 1.0}, TypeError, "seed must be"),
    ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive finite number"),
    ({"learning_rate": float("inf")}, ValueError, "learning_rate must be a positive finite number"),
    ({"learning_rate": "fast"}, ValueError, "learning_rate must be"),
    ({"n_units": 0}, ValueError, r"Units per layer \(n_units\) must be a whole number from 1 to 64"),
    ({"n_units": 10**6}, ValueError, "Choose 64 or a value in between"),
    ({"n_units": 4.5}, TypeError, r"\(n_units\) must be a whole number from 1 to 64; got 4.5"),
    ({"n_units": 8.0}, TypeError, "Use n_units=8"),
    ({"n_layers": 50}, ValueError, r"Hidden layers \(n_layers\) must be a whole number from 0 to 10"),
    ({"n_layers": 2, "n_units": (4, 2, 1)}, ValueError, "lists 3 count\\(s\\) .* but there are 2 hidden layer"),
    ({"learning_rate": 1e300}, ValueError, r"Learning rate \(learning_rate\) must be from 1e-06 to 1000"),
    ({"iterations": True}, TypeError, r"\(iterations\) must be a whole number"),
    ({"hidden": "softmax"}, ValueError, "hidden must be one of"),
    ({"dataset": ["planar"]}, ValueError, "dataset must be one of"),
    ({"scale": "yes"}, TypeError, "scale must be True or False"),
    ({"slope": 1.0}, ValueError, r"slope \(slope\) must be a number from 0 to 0.99"),
    ({"hidden": "relu", "seed": 2**32}, ValueError, "seed"),  # one bad value refuses them all
])
def test_a_refused_update_changes_nothing_and_later_calls_work(changes, error, fragment):
    m = PlaygroundModel(on_change="continue")
    m.run(300)
    before = (m.settings, {k: v.copy() for k, v in m.parameters.items()}, m.iteration,
              list(m.history), list(m.markers), m.status, m.last_update)
    with pytest.raises(error, match=fragment):
        m.update(**changes)
    assert (m.settings, m.iteration, m.history, m.markers, m.status, m.last_update) == \
        (before[0],) + before[2:]
    assert same_parameters(m.parameters, before[1])
    assert m.step() == 100 and m.iteration == 400
    assert m.update(hidden="relu").action == "continue" and m.run(100) == 100


def test_an_update_that_fails_half_way_is_undone(monkeypatch):
    m = PlaygroundModel()
    m.run(200)
    before = (m.settings, m.data, {k: v.copy() for k, v in m.parameters.items()}, list(m.history))

    def broken(*args, **kwargs):
        raise MemoryError("no room for the new weights")

    # The data set is loaded (a first change), then the new weights cannot be made.
    monkeypatch.setattr(state_module, "initialize_parameters_deep", broken)
    with pytest.raises(ValueError, match="This change was refused: no room .* Nothing changed"):
        m.update(dataset="blobs")
    assert m.settings == before[0] and m.data is before[1] and m.history == before[3]
    assert same_parameters(m.parameters, before[2])
    monkeypatch.undo()
    assert m.step() == 100 and m.update(dataset="blobs").action == "restart"


def test_step_and_run_refuse_a_bad_iteration_count_without_changing_anything():
    m = PlaygroundModel()
    for bad, error in (("5", TypeError), (2.5, TypeError), (-1, ValueError), (10**9, ValueError)):
        with pytest.raises(error, match=r"Iterations \(iterations\) must be a whole number"):
            m.step(bad)
        with pytest.raises(error, match=r"Iterations \(iterations\) must be a whole number"):
            m.run(bad)
    assert m.iteration == 0 and len(m.history) == 1 and m.step(3) == 3


def test_a_settings_object_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="settings must be a Settings object"):
        PlaygroundModel({"hidden": "relu"})


_VALUES = {
    "dataset": st.sampled_from(["planar", "blobs", "quadratic", "multiclass", "iris", 3]),
    "hidden": st.sampled_from(["tanh", "relu", "softmax", None]),
    "output": st.sampled_from(["sigmoid", "linear", "relu", "softmax", "tanh"]),
    "loss": st.sampled_from(["bce", "mse", "cce", "hinge"]),
    "n_layers": st.one_of(st.integers(-2, 12), st.floats(0, 3)),
    "n_units": st.one_of(st.integers(-2, 300), st.just(4.0)),
    "learning_rate": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(0)),
    "seed": st.one_of(st.integers(-5, 2**33), st.just(1.0), st.none()),
    "slope": st.floats(-1, 2),
    "init": st.sampled_from(["small", "he", "xavier", "zeros"]),
    "scale": st.sampled_from([True, False, 1, "no"]),
    "on_change": st.sampled_from(["restart", "continue", "keep"]),
    "iterations": st.integers(-5, 200_000),
    "chunk": st.one_of(st.none(), st.integers(-1, 50)),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(sorted(_VALUES)), st.just(None), min_size=1, max_size=3)
       .flatmap(lambda keys: st.fixed_dictionaries({k: _VALUES[k] for k in keys})))
def test_after_any_update_the_model_is_either_changed_or_exactly_as_before(changes):
    m = PlaygroundModel(iterations=100, on_change="continue")
    m.step(20)
    before = (m.settings, {k: v.copy() for k, v in m.parameters.items()}, m.iteration,
              list(m.history), list(m.markers), m.status)
    try:
        m.update(**changes)
    except (ValueError, TypeError) as exc:
        assert "must" in str(exc) or "refused" in str(exc)
        assert (m.settings, m.iteration, m.history, m.markers, m.status) == \
            (before[0],) + before[2:]
        assert same_parameters(m.parameters, before[1])
    else:
        for name, value in changes.items():
            assert getattr(m.settings, name) == value
    # Whatever happened, the model keeps working.
    status = m.status
    trained = m.step(5)
    if status != "ready":
        assert trained == 0
    else:  # 0 only when this very chunk diverged
        assert trained == 5 or (trained == 0 and m.status == "diverged")


def test_forward_and_prepare_data_check_their_inputs():
    m = PlaygroundModel()
    with pytest.raises(ValueError, match=r"X must have shape \(n_x, m\) = \(2, m\).*Use X.T"):
        m.forward(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="X must be 2-D"):
        m.predict_labels(np.zeros(2))  # would broadcast against the (2, 1) scaling
    with pytest.raises(TypeError, match="X must be"):
        m.forward([[0.0], [1.0]])
    assert m.forward(np.zeros((2, 3))).shape == (1, 3)
    with pytest.raises(ValueError, match="output must be one of"):
        prepare_data("planar", output="tanh")
    with pytest.raises(TypeError, match="scale must be True or False"):
        prepare_data("quadratic", scale="no")


# ============================================================================ formula and badge
@pytest.mark.parametrize("dataset, output, loss", [
    ("planar", "sigmoid", "bce"), ("quadratic", "linear", "mse"), ("multiclass", "softmax", "cce"),
])
def test_the_canonical_pairs_cancel_f_prime(dataset, output, loss):
    m = PlaygroundModel(dataset=dataset, output=output, loss=loss)
    assert m.formula_text() == f"{output} + {loss}: f'(z) cancels: dZ[L] = A[L] - Y"
    assert m.formula_latex().endswith("= A^{[L]} - Y")


def test_a_non_canonical_pair_keeps_g_prime_in_the_formula():
    m = PlaygroundModel(output="sigmoid", loss="mse")
    assert "does not cancel" in m.formula_text()
    assert m.formula_latex() == r"dZ^{[L]} = \left(A^{[L]} - Y\right) \odot A^{[L]}\left(1 - A^{[L]}\right)"
    leaky = PlaygroundModel(dataset="quadratic", output="leaky_relu", slope=0.2, loss="mse")
    assert "0.2" in leaky.formula_latex()


def test_gradient_check_of_the_current_network_passes_on_a_few_examples():
    m = PlaygroundModel()
    m.run()
    report = m.gradient_check()
    assert report.passed and report.difference < 1e-7
    assert GRADCHECK_EXAMPLES <= 10  # cheap enough for every redraw


# ============================================================================ figure
def test_the_figure_is_reused_and_a_redraw_adds_no_artist():
    fig = PlaygroundFigure()
    m = PlaygroundModel(iterations=200)
    first = fig.render(m)
    assert first.startswith(PNG)
    count = fig.artist_count()
    for _ in range(5):
        m.step()
        assert fig.render(m) != first
        assert fig.artist_count() == count
    assert plt.get_fignums() == []


def test_the_figure_draws_every_kind_of_state():
    fig = PlaygroundFigure()
    for changes in ({"dataset": "quadratic", "output": "relu", "loss": "mse"},
                    {"dataset": "multiclass", "output": "softmax", "loss": "cce"},
                    {"output": "relu", "loss": "bce"},
                    {"dataset": "quadratic", "output": "linear", "loss": "mse", "scale": False}):
        m = PlaygroundModel(**changes)
        m.run()
        assert fig.render(m).startswith(PNG)


# ============================================================================ widgets
@pytest.fixture
def pg():
    return build_playground(iterations=400)


def test_build_playground_shows_a_trained_network_and_its_maths(pg):
    assert set(pg.controls) == set(CONTROL_NAMES)
    for name, control in pg.controls.items():
        assert control.value == getattr(pg.model.settings, name), name
    assert pg.model.iteration == 400 and pg.redraw_count == 1
    assert bytes(pg.image.value).startswith(PNG)
    assert "sigmoid + bce: f&#x27;(z) cancels" in pg.formula.value
    assert "A^{[L]} - Y" in pg.formula.value
    assert "gradient check passed" in pg.badge.value
    assert "dead hidden units" in pg.diagnostics.value
    assert "iteration 400" in pg.status.value
    assert pg.message.value == ""
    assert pg.controls["slope"].disabled and pg.controls["scale"].disabled


def test_values_outside_the_slider_ranges_are_shown_not_clipped():
    pg = build_playground(train=False, n_units=16, iterations=50, learning_rate=20.0)
    for name in ("n_units", "iterations", "learning_rate"):
        assert pg.controls[name].value == getattr(pg.model.settings, name)


def test_build_playground_can_start_untrained():
    assert build_playground(train=False).model.iteration == 0


# Each control: (name, new value, what must be true afterwards).
CONTROL_CASES = [
    ("dataset", "noisy_circles", lambda pg: pg.model.data.X_train.shape == (2, 140)),
    ("hidden", "relu", lambda pg: pg.model.hidden_activation.name == "relu"),
    ("output", "linear", lambda pg: "linear + bce cannot train" in pg.message.value),
    ("loss", "mse", lambda pg: "sigmoid + mse: f&#x27;(z) does not cancel" in pg.formula.value),
    ("n_layers", 2, lambda pg: pg.model.layer_dims == [2, 4, 4, 1]),
    ("n_units", 7, lambda pg: pg.model.layer_dims == [2, 7, 1]),
    ("learning_rate", 0.05, lambda pg: pg.model.latest.train_cost > 0.5),
    ("iterations", 600, lambda pg: pg.model.iteration == 600),
    ("init", "he", lambda pg: pg.model.settings.init == "he"),
    ("seed", 5, lambda pg: pg.model.settings.seed == 5),
]


@pytest.mark.parametrize("name, value, check", CONTROL_CASES, ids=[c[0] for c in CONTROL_CASES])
def test_each_control_changes_the_model_and_redraws(pg, name, value, check):
    before_png, before_cost = pg.image.value, pg.model.latest.train_cost
    count = pg.redraw_count
    pg.controls[name].value = value
    assert getattr(pg.model.settings, name) == value
    assert pg.redraw_count == count + 1
    assert check(pg)
    assert pg.image.value != before_png
    # The status names the change as the controls do (issue 18): "units", not "n_units".
    words = {"n_layers": "hidden layers", "n_units": "units",
             "learning_rate": "learning rate"}.get(name, name)
    assert f"{words} changed" in pg.status.value
    assert words == name or f"{name} changed" not in pg.status.value
    if pg.model.status == "ready":
        assert pg.model.latest.train_cost != before_cost


def test_slope_control_is_enabled_for_leaky_relu_and_retrains(pg):
    pg.controls["hidden"].value = "leaky_relu"
    assert not pg.controls["slope"].disabled
    cost = pg.model.latest.train_cost
    pg.controls["slope"].value = 0.2
    assert pg.model.hidden_activation.name == "leaky_relu(0.2)"
    assert pg.model.latest.train_cost != cost


def test_scale_control_on_the_regression_set(pg):
    pg.set(dataset="quadratic", output="linear", loss="mse")
    assert not pg.controls["scale"].disabled
    assert pg.model.status == "ready" and pg.model.latest.test_metric > 0.9
    assert pg.model.settings.learning_rate == 0.1 == pg.controls["learning_rate"].value
    pg.set(learning_rate=1.2)
    pg.controls["scale"].value = False
    assert pg.model.status == "diverged"
    assert "Inputs and targets are not scaled" in pg.message.value
    assert "Tick &#x27;scale x, y&#x27;" in pg.message.value


def test_on_change_toggle_continues_from_the_current_weights(pg):
    pg.controls["on_change"].value = "continue"
    assert pg.model.iteration == 400  # choosing the mode does not retrain
    pg.controls["hidden"].value = "relu"
    assert pg.model.iteration == 800 and pg.model.markers == [(400, "hidden")]
    assert "continued from the current weights at iteration 400" in pg.status.value
    pg.controls["on_change"].value = "restart"
    pg.controls["hidden"].value = "tanh"
    assert pg.model.iteration == 400 and pg.model.markers == []


def test_impossible_pairing_shows_an_explanation_not_a_traceback(pg):
    pg.controls["output"].value = "relu"
    assert pg.model.status == "blocked"
    assert "relu + bce cannot train" in pg.message.value
    assert "Traceback" not in pg.message.value
    assert "not run" in pg.badge.value
    assert "not available" in pg.diagnostics.value
    pg.step_button.click()
    assert pg.model.iteration == 0


def test_set_changes_several_controls_with_one_redraw(pg):
    count = pg.redraw_count
    pg.set(dataset="multiclass", output="softmax", loss="cce")
    assert pg.redraw_count == count + 1
    assert pg.controls["dataset"].value == "multiclass"
    assert "softmax + cce: f&#x27;(z) cancels" in pg.formula.value
    with pytest.raises(TypeError, match="Unknown playground setting"):
        pg.set(colour="red")
    assert pg.redraw_count == count + 1


def test_step_and_reset_buttons(pg):
    pg.step_button.click()
    assert pg.model.iteration == 420
    pg.reset_button.click()
    assert pg.model.iteration == 0 and "reset to the initial weights" in pg.status.value


def test_play_ticks_train_one_chunk_each_and_pause_stops(pg):
    pg.reset()
    pg.play.interval = 0  # no throttling in the test
    pg.play.playing = True
    pngs = {pg.image.value}
    for tick in range(1, 4):
        pg.play.value = tick
        pngs.add(pg.image.value)
    assert pg.model.iteration == 60 and len(pngs) == 4
    pg.play.value = 0  # the stop button rewinds the counter: no training
    assert pg.model.iteration == 60
    pg.play.playing = False
    pg.play.value = 1
    assert pg.model.iteration == 60


def test_play_drops_ticks_that_queued_while_busy(pg):
    pg.play.interval = 10_000
    pg.play.playing = True
    pg.play.value = 1
    pg.play.value = 2  # arrives right after the first frame: a backlog tick
    assert pg.model.iteration == 420


def test_a_control_change_while_playing_restarts_without_a_full_run(pg):
    pg.play.playing = True
    pg.controls["hidden"].value = "relu"
    assert pg.model.iteration == 0


def test_divergence_while_playing_stops_play(pg):
    pg.set(output="linear", loss="mse")
    pg.play.interval = 0
    pg.play.playing = True
    pg.controls["learning_rate"].value = 10.0  # playing: restarts, no run yet
    for tick in range(1, 30):
        pg.play.value = tick
        if not pg.playing:
            break
    assert pg.model.status == "diverged" and not pg.playing
    assert "Training diverged" in pg.message.value
    pg.play.playing = True  # pressing play again on a stopped run does nothing
    assert not pg.playing


def test_an_unexpected_error_becomes_a_message(pg, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(pg.model, "run", broken)
    pg.controls["hidden"].value = "swish"
    # In the learner's words: what happened, no exception name (issue 18).
    assert "Something went wrong" in pg.message.value and "boom" in pg.message.value
    assert "RuntimeError" not in pg.message.value
    assert "Traceback" not in pg.message.value


def test_redraws_reuse_one_figure_and_create_no_widgets(pg):
    figure = pg.figure.figure
    pg.step()
    artists = pg.figure.artist_count()
    n_widgets = count_widgets()
    for _ in range(10):
        pg.step()
    assert pg.figure.figure is figure
    assert pg.figure.artist_count() == artists
    assert count_widgets() == n_widgets
    assert plt.get_fignums() == []


def controls_agree(pg):
    return all(pg.controls[name].value == getattr(pg.model.settings, name) for name in CONTROL_NAMES)


def test_set_beyond_a_controls_range_widens_it_so_controls_and_model_agree():
    pg = build_playground(train=False)
    pg.set(n_units=50, learning_rate=100.0, n_layers=6, iterations=20_000, slope=0.8)
    assert pg.model.settings.n_units == 50 and pg.model.settings.learning_rate == 100.0
    assert pg.controls["n_units"].value == 50 and pg.controls["n_units"].max >= 50
    assert pg.controls["learning_rate"].value == 100.0 and pg.controls["learning_rate"].max >= 2
    assert pg.controls["n_layers"].value == 6 and pg.controls["slope"].value == 0.8
    assert controls_agree(pg)
    pg.set(learning_rate=1e-6, iterations=10)
    assert pg.controls["learning_rate"].min <= -6 and pg.controls["iterations"].min <= 10
    assert controls_agree(pg)


@pytest.mark.parametrize("changes, fragment", [
    ({"n_units": MAX_UNITS + 1}, r"Units per layer \(n_units\) must be a whole number from 1 to 64"),
    ({"learning_rate": 5000.0}, r"Learning rate \(learning_rate\) must be from 1e-06 to 1000"),
    ({"n_units": 50, "learning_rate": -1.0}, "learning_rate must be a positive finite number"),
    ({"seed": 2**32}, "seed must be an int"),
    ({"hidden": "softmax"}, "hidden must be one of"),
])
def test_set_refuses_an_impossible_value_with_a_message_in_the_widget(changes, fragment):
    pg = build_playground(iterations=200)
    before = (pg.model.settings, {k: v.copy() for k, v in pg.model.parameters.items()},
              pg.model.iteration, {n: c.value for n, c in pg.controls.items()})
    with pytest.raises((ValueError, TypeError), match=fragment):
        pg.set(**changes)
    assert "Setting refused" in pg.message.value and "Nothing changed" in pg.message.value
    assert pg.model.settings == before[0] and pg.model.iteration == before[2]
    assert same_parameters(pg.model.parameters, before[1])
    assert {n: c.value for n, c in pg.controls.items()} == before[3]
    assert controls_agree(pg)
    pg.set(hidden="relu")  # later changes work and clear the message
    assert pg.model.hidden_activation.name == "relu" and "Setting refused" not in pg.message.value


def test_a_control_change_the_model_refuses_snaps_the_control_back(monkeypatch):
    pg = build_playground(iterations=200)

    def refuse(**changes):
        raise ValueError("n_units must be an integer >= 1 and <= 256; got 7.")

    monkeypatch.setattr(pg.model, "update", refuse)
    pg.controls["n_units"].value = 7
    assert pg.controls["n_units"].value == 4 == pg.model.settings.n_units
    assert "Setting refused" in pg.message.value and "got 7" in pg.message.value
    assert "Traceback" not in pg.message.value


def test_divergence_in_the_widget_shows_the_iteration(pg):
    pg.set(learning_rate=1000.0)  # the largest the playground accepts
    assert pg.model.status == "diverged"
    assert "Training diverged at iteration" in pg.message.value
    assert pg.controls["learning_rate"].value == 1000.0 and controls_agree(pg)


def test_a_diverged_network_whose_gradients_overflow_still_draws_every_panel():
    pg = build_playground(n_units=50, learning_rate=500.0)  # diverges; last weights are huge
    assert pg.model.status == "diverged"
    assert "Training diverged at iteration" in pg.message.value
    assert bytes(pg.image.value).startswith(PNG)
    assert "gradient check" in pg.badge.value and "passed" not in pg.badge.value
    assert controls_agree(pg)


def test_a_panel_that_cannot_be_computed_says_so_and_the_rest_still_draws(pg, monkeypatch):
    def broken():
        raise FloatingPointError("overflow in the zero-gradient report")

    monkeypatch.setattr(pg.model, "zero_gradients", broken)
    pg.step()
    assert "zero-gradient report: not available" in pg.diagnostics.value
    assert "overflow" in pg.diagnostics.value and "FloatingPointError" not in pg.diagnostics.value
    assert "gradient check passed" in pg.badge.value and "iteration 420" in pg.status.value


_WIDGET_VALUES = dict(_VALUES, iterations=st.integers(-5, 300), chunk=st.just(None),
                      n_units=st.one_of(st.integers(-2, 40), st.just(4.0)),
                      n_layers=st.integers(-1, 5))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(sorted(set(_WIDGET_VALUES) - {"chunk"})), st.just(None),
                               min_size=1, max_size=3)
       .flatmap(lambda keys: st.fixed_dictionaries({k: _WIDGET_VALUES[k] for k in keys})))
def test_after_any_set_the_controls_show_exactly_what_the_model_uses(changes):
    pg = build_playground(train=False, iterations=100)
    before = pg.model.settings
    try:
        pg.set(**changes)
    except (ValueError, TypeError):
        assert pg.model.settings == before and "Setting refused" in pg.message.value
    else:
        for name, value in changes.items():
            assert getattr(pg.model.settings, name) == value
    assert controls_agree(pg)
    assert "Something went wrong" not in pg.message.value


# ============================================================================ issue 18: honest results
from dlsnotes.playground.state import RANGES, control_range  # noqa: E402
from dlsnotes.playground.settings_text import settings_from_text  # noqa: E402


def test_a_loss_change_while_continuing_restarts_the_cost_curve_at_the_same_weights():
    m = PlaygroundModel(on_change="continue", iterations=400)
    m.run()
    weights = {k: v.copy() for k, v in m.parameters.items()}
    bce = m.latest.train_cost
    result = m.update(loss="mse")
    # BCE 0.69 and MSE 0.125 are different units: no single curve through both.
    assert result.action == "continue" and "cost curve starts again here" in result.reason
    assert [p.iteration for p in m.history] == [400] and m.markers == [(400, "loss bce → mse")]
    assert same_parameters(m.parameters, weights) and m.latest.train_cost != bce
    assert m.run(200) == 200 and [p.iteration for p in m.history][0] == 400
    m.update(hidden="relu")  # other changes keep the curve and add a marker
    assert m.history[0].iteration == 400 and m.markers[-1] == (600, "hidden")


def _wrong_backward(real_check):
    """gradient_check fed a backward pass with a typical bug: dW1 10 % too large."""
    from dlsnotes.model import L_model_backward, L_model_forward

    def check(parameters, X, Y, hidden, output, loss, **kwargs):
        AL, caches = L_model_forward(X, parameters, hidden=hidden, output=output)
        grads = L_model_backward(AL, Y, caches, loss=loss)
        grads["dW1"] = grads["dW1"] * 1.1
        return real_check(parameters, X, Y, hidden, output, loss, grads=grads, **kwargs)
    return check


def test_the_gradient_check_badge_passes_correct_code_on_a_relu_network_and_fails_a_bug(monkeypatch):
    # The case: 4 x 8 ReLU in float64 (4.2e-6 showed a red "failed" before).
    for seed in (1, 2, 3, 4):
        m = PlaygroundModel(hidden="relu", n_layers=4, n_units=8, seed=seed)
        for _ in range(2):
            verdict = m.gradient_check()
            assert verdict.verdict in ("passed", "inconclusive"), verdict.reason
            assert "1e-7" in verdict.reason or "kink" in verdict.reason or "too small" in verdict.reason
            m.run()
    m = PlaygroundModel(hidden="relu", n_layers=2, n_units=8, init="he", iterations=300)
    m.run()
    assert m.gradient_check().kink_margin >= state_module.KINK_MARGIN  # away from kinks
    monkeypatch.setattr(state_module, "gradient_check", _wrong_backward(state_module.gradient_check))
    verdict = m.gradient_check()
    assert verdict.verdict == "failed" and verdict.difference > 1e-3
    assert "does not shrink with a larger step" in verdict.reason and "W1" in verdict.reason


def test_a_smooth_network_is_held_to_the_course_threshold():
    m = PlaygroundModel(iterations=400)
    m.run()
    verdict = m.gradient_check()
    assert verdict.passed and verdict.threshold == 1e-7 and list(verdict.differences) == [1e-6]
    assert "< 1e-7 in float64" in verdict.reason and verdict.examples == GRADCHECK_EXAMPLES
    m32 = PlaygroundModel(dtype="float32", iterations=400)
    m32.run()
    assert "float32 weights, checked in float64" in m32.gradient_check().reason


def test_units_at_their_kink_make_the_check_inconclusive_not_failed():
    # Small initial weights through 4 ReLU layers: every example has a unit with |z| ~ 1e-8.
    verdict = PlaygroundModel(hidden="relu", n_layers=4, n_units=8).gradient_check()
    assert verdict.kink_margin < state_module.KINK_MARGIN
    assert verdict.verdict == "inconclusive" and "cross its kink at z = 0" in verdict.reason


def test_the_verdict_tells_rounding_from_a_bug_by_how_the_difference_follows_epsilon():
    report = PlaygroundModel().gradient_check().report
    judge = state_module._judge
    inf = float("inf")
    # Rounding: the difference shrinks ten-fold per ten-fold step.
    rounding = judge(report, {1e-6: 4e-5, 1e-5: 5e-6, 1e-4: 8e-7}, inf, 8, "float64")
    assert rounding.verdict == "passed" and rounding.threshold == 1e-5
    assert "rounding dominates" in rounding.reason and "8.0e-07 at ε = 0.0001" in rounding.reason
    small = judge(report, {1e-6: 1e-1, 1e-5: 1e-2, 1e-4: 1e-3}, inf, 8, "float64")
    assert small.verdict == "inconclusive" and "too small to check" in small.reason
    # A bug: the same difference whatever the step.
    bug = judge(report, {1e-6: 3e-4, 1e-5: 3e-4, 1e-4: 3e-4}, inf, 8, "float64")
    assert bug.verdict == "failed" and "does not shrink" in bug.reason
    kink = judge(report, {1e-6: 3e-4}, 1e-6, 8, "float64")
    assert kink.verdict == "inconclusive" and "kink" in kink.reason
    flat = judge(report, {1e-6: 0.0}, inf, 8, "float64")  # all gradients 0: saturated
    assert flat.verdict == "inconclusive" and "nothing to compare" in flat.reason


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu"])
def test_choosing_the_regression_set_chooses_an_output_loss_and_rate_that_train(hidden):
    m = PlaygroundModel(hidden=hidden, init="he" if hidden != "tanh" else "small")
    m.run()
    result = m.update(dataset="quadratic")
    s = m.settings
    assert (s.output, s.loss, s.learning_rate) == ("linear", "mse", 0.1)
    assert "chosen for regression data" in result.reason and m.status == "ready"
    assert m.run() == 2000 and m.status == "ready" and m.latest.test_metric > 0.8
    # A value the change names is kept; back to classification, the planar pair returns.
    assert m.update(dataset="planar").action == "restart"
    assert (m.settings.output, m.settings.loss, m.settings.learning_rate) == ("sigmoid", "bce", 1.2)
    m.update(dataset="quadratic", output="relu")
    assert (m.settings.output, m.settings.loss) == ("relu", "mse")
    assert m.update(dataset="multiclass").action == "restart"
    assert (m.settings.output, m.settings.loss) == ("softmax", "cce")
    assert m.run() == 2000 and m.status == "ready"


def test_the_regression_control_trains_at_once_in_the_widget():
    pg = build_playground(iterations=400)
    pg.controls["dataset"].value = "quadratic"
    assert pg.model.status == "ready" and pg.model.iteration == 400
    for name in ("output", "loss", "learning_rate"):
        assert pg.controls[name].value == getattr(pg.model.settings, name)
    assert pg.controls["learning_rate"].value == 0.1


def test_mini_batch_runs_say_epoch_in_every_status_text():
    m = PlaygroundModel(batch_size=32, iterations=40, on_change="continue")
    m.run()
    assert m.summary().startswith("epoch 40:")
    assert "at epoch 40" in m.update(hidden="relu").reason
    fast = PlaygroundModel(batch_size=32, iterations=400, learning_rate=1000.0)
    fast.run()
    assert fast.status == "diverged"
    message = fast.messages[0]
    assert message.title.startswith("Training diverged at epoch ") and " iterations " not in message.text
    full = PlaygroundModel(iterations=40)
    full.run()
    assert full.summary().startswith("iteration 40:")


# ============================================================================ issue 18: ranges
SLIDERS = ("n_layers", "n_units", "learning_rate", "iterations", "noise", "slope")


def test_every_control_accepts_the_whole_range_the_settings_accept():
    pg = build_playground(train=False)
    for name in SLIDERS:
        low, high = control_range(name)
        control = pg.controls[name]
        assert control.min <= low and control.max >= high, name
    # Boxes without bounds: a typed value reaches the model, which refuses it with a message.
    for name in ("batch_size", "seed"):
        assert not hasattr(pg.controls[name], "max"), name


@pytest.mark.parametrize("name", ["n_layers", "n_units", "learning_rate", "iterations",
                                  "batch_size", "noise", "train_ratio", "chunk"])
def test_one_range_is_checked_by_settings_text_and_set_alike(name):
    low, high = RANGES[name]
    assert getattr(Settings().replace(**{name: high}), name) == high
    if name != "learning_rate":  # its lower bound is > 0 (tested below)
        assert getattr(Settings().replace(**{name: low}), name) == low
    beyond = high * 10 if isinstance(high, float) else high + 1
    with pytest.raises(ValueError) as from_settings:
        Settings(**{name: beyond})
    pg = build_playground(train=False, iterations=50)
    with pytest.raises(ValueError) as from_set:
        pg.set(**{name: beyond})
    assert str(from_settings.value) in str(from_set.value)
    key = {v: k for k, v in __import__("dlsnotes.playground.settings_text",
                                       fromlist=["KEYS"]).KEYS.items()}.get(name, name)
    with pytest.raises(ValueError) as from_text:
        settings_from_text(f"{key}={beyond!r}" if isinstance(beyond, float) else f"{key}={beyond}")
    assert str(from_settings.value).rstrip(".") in str(from_text.value)
    with pytest.raises(ValueError, match="1e-06 to 1000"):
        Settings(learning_rate=1e-7)


def test_a_value_beyond_a_slider_is_refused_there_too_and_the_slider_snaps_back():
    pg = build_playground(iterations=50)
    before = pg.model.settings
    pg.controls["batch_size"].value = 99_999  # what the box used to clip silently to 10 000
    assert pg.model.settings == before and pg.controls["batch_size"].value == 0
    assert "Setting refused" in pg.message.value and "99999" in pg.message.value


# ============================================================================ issue 18: TF Playground
def test_no_hidden_layer_is_logistic_regression_and_cannot_learn_xor():
    m = PlaygroundModel(dataset="xor", n_layers=0)
    assert m.layer_dims == [2, 1] and set(m.parameters) == {"W1", "b1"}
    m.run()
    assert m.status == "ready" and m.latest.train_metric < 0.7  # no line separates XOR
    product = PlaygroundModel(dataset="xor", n_layers=0, features=("x1x2",))
    product.run()
    assert product.latest.train_metric > 0.95  # x1·x2 alone separates it
    hidden = PlaygroundModel(dataset="xor", hidden="tanh")
    hidden.run()
    assert hidden.latest.train_metric > 0.95
    assert m.settings.network_text() == "no hidden layer" and m.settings.shape_text() == "no hidden layer"


def test_per_layer_unit_counts():
    m = PlaygroundModel(n_layers=2, n_units=(4, 2), iterations=200)
    assert m.layer_dims == [2, 4, 2, 1] and m.parameters["W2"].shape == (2, 4)
    assert m.settings.network_text() == "2 hidden layers of 4, 2 tanh units"
    assert m.settings.shape_text() == "4,2"
    assert m.run() == 200 and m.status == "ready"
    # The layers slider keeps the counts (the last repeats); equal counts are one number.
    assert m.settings.replace(n_layers=3).n_units == (4, 2, 2)
    assert m.settings.replace(n_layers=1).n_units == 4
    assert Settings(n_layers=2, n_units=[3, 3]) == Settings(n_layers=2, n_units=3)
    assert m.update(n_layers=3).action == "restart" and m.layer_dims == [2, 4, 2, 2, 1]
    with pytest.raises(ValueError, match="one count per hidden layer"):
        m.update(n_units=(4, 2))
    assert m.layer_dims == [2, 4, 2, 2, 1]


def test_per_layer_units_show_in_the_widget():
    pg = build_playground(iterations=50, n_layers=2, n_units=(5, 3))
    assert pg.controls["n_units"].value == 5 and pg.model.layer_dims == [2, 5, 3, 1]
    pg.controls["n_units"].value = 4  # the slider sets every layer
    assert pg.model.layer_dims == [2, 4, 4, 1]
    assert "of 8" in pg.diagnostics.value  # 4 + 4 hidden units
    pg.set(n_layers=3, n_units=(6, 4, 2))
    assert pg.model.layer_dims == [2, 6, 4, 2, 1] and pg.controls["n_units"].value == 6
    assert "of 12" in pg.diagnostics.value and controls_agree_but_units(pg)


def controls_agree_but_units(pg):
    return all(pg.controls[name].value == getattr(pg.model.settings, name)
               for name in CONTROL_NAMES if name != "n_units")


def test_discretized_output_shows_the_decision_not_the_probability():
    m = PlaygroundModel(dataset="noisy_moons", iterations=400)
    m.run()
    grid = np.random.RandomState(0).uniform(-1.5, 2.5, size=(2, 300))
    soft = m.class_probabilities(grid)
    assert soft.shape == (2, 300) and np.allclose(soft.sum(axis=0), 1.0)
    assert ((soft > 0.01) & (soft < 0.99)).any()
    assert m.update(discretize=True).action == "none" and m.iteration == 400  # no retraining
    hard = m.class_probabilities(grid)
    assert set(np.unique(hard)) == {0.0, 1.0}
    assert np.array_equal(hard.argmax(axis=0), soft.argmax(axis=0))
    assert np.array_equal(hard[1], m.predict_labels(grid).astype(float))
    fig = PlaygroundFigure()
    fig.render(m)
    colours = np.unique(np.round(fig._regions.get_array().reshape(-1, 3), 6), axis=0)
    assert len(colours) == 2  # one tint per class, no shades


def test_your_data_is_offered_only_once_there_is_some():
    from dlsnotes.playground.userdata import custom_from_arrays

    m = PlaygroundModel()
    assert "custom" not in [name for _, name in m.dataset_options()]
    assert "xor" in [name for _, name in m.dataset_options()]
    with pytest.raises(ValueError) as info:
        m.update(dataset="custom")
    text = str(info.value)
    assert "upload a CSV file first" in text
    assert not any(code in text for code in ("ValueError", "Playground(", "update("))
    x = np.linspace(0, 10, 60).reshape(1, -1)
    m.use_data(custom_from_arrays(x, 3 * x + 1, name="line.csv"))
    assert m.dataset_options()[-1] == ("your data: line.csv", "custom")
    assert m.settings.learning_rate == 0.1 and m.run() == 2000 and m.status == "ready"


def test_l1_is_a_setting_of_the_text_and_trains_sparser_weights():
    from dlsnotes.playground import settings_from_text, settings_to_text

    settings = settings_from_text("hidden=relu&units=8&l1=0.5")
    assert settings.lambd_l1 == 0.5 and "l1=0.5" in settings_to_text(settings)
    plain, sparse = PlaygroundModel(hidden="relu", n_units=8), PlaygroundModel(settings)
    plain.run()
    sparse.run()
    assert plain.status == sparse.status == "ready"
    l1 = lambda p: sum(np.abs(p[k]).sum() for k in p if k[0] == "W")  # noqa: E731
    assert l1(sparse.parameters) < 0.7 * l1(plain.parameters)
    assert any(m.title == "L1 regularisation" for m in sparse.messages)
    with pytest.raises(ValueError, match="lambd_l1"):
        PlaygroundModel(lambd_l1=-1.0)


def test_units_by_layer_sets_each_hidden_layer_and_follows_the_sliders():
    """TensorFlow Playground's per-layer counts: a box "4,2" beside the units slider."""
    pg = build_playground(train=False)
    assert pg.units_per_layer.value == "4"
    pg.units_per_layer.value = "4,2"
    assert pg.model.settings.n_layers == 2 and pg.model.settings.n_units == (4, 2)
    assert pg.model.layer_dims[1:-1] == [4, 2]
    assert pg.controls["n_layers"].value == 2 and pg.controls["n_units"].value == 4
    pg.controls["n_units"].value = 3  # the slider makes every layer equal again
    assert pg.model.settings.n_units == 3 and pg.units_per_layer.value == "3,3"
    pg.units_per_layer.value = "4, two"
    assert pg.model.settings.n_units == 3 and pg.units_per_layer.value == "3,3"  # refused
    assert "Units by layer must be whole numbers" in pg.message.value
    pg.units_per_layer.value = "4,100"  # beyond the units' range: refused, not clipped
    assert pg.model.settings.n_units == 3 and pg.units_per_layer.value == "3,3"
