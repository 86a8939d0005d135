"""The playground's network view without a browser: the numbers, the figure and the panel."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from PIL import Image  # noqa: E402

from dlsnotes.diagnostics import zero_gradient_report  # noqa: E402
from dlsnotes.playground import PlaygroundModel, build_playground  # noqa: E402
from dlsnotes.playground.network import (  # noqa: E402
    MAX_DRAWN_UNITS,
    NetworkFigure,
    colour_range,
    network_state,
    playground_snapshot,
    unit_detail,
    unit_options,
    zero_gradient_shares,
)

PNG = b"\x89PNG\r\n\x1a\n"
G = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0),
     "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)), "linear": lambda z: z}


def manual_forward(X, parameters, hidden, output, L):
    """A[1..L] written out, independently of dlsnotes.model."""
    A, out = X, []
    for l in range(1, L + 1):
        g = G[output] if l == L else G[hidden]
        A = g(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
        out.append(A)
    return out


@pytest.fixture(scope="module")
def relu_deep():
    """4 x 8 ReLU units on the flower with He weights: several units die in training."""
    model = PlaygroundModel(n_layers=4, n_units=8, hidden="relu", init="he")
    model.run()
    return model


@pytest.fixture(scope="module")
def regression():
    model = PlaygroundModel(dataset="quadratic", output="linear", loss="mse", hidden="tanh",
                            n_layers=2, n_units=3)
    model.run()
    return model


# ============================================================================ the numbers
def test_unit_maps_are_the_forward_pass_on_the_grid():
    model = PlaygroundModel(n_layers=2, n_units=3)
    model.run(300)
    state = network_state(model, grid_size=7)
    xs, ys = state.axes
    assert state.kind == "plane" and len(xs) == len(ys) == 7
    xx, yy = np.meshgrid(xs, ys)
    raw = np.vstack([xx.ravel(), yy.ravel()])
    assert np.array_equal(state.inputs, model.data.to_model_units(raw))
    expected = manual_forward(state.inputs, model.parameters, "tanh", "sigmoid", 3)
    assert [a.shape for a in state.activations] == [(3, 49), (3, 49), (1, 49)]
    for mine, theirs in zip(state.activations, expected):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15)
    # unit_map is laid out as an image: row r is x2 = ys[r], column c is x1 = xs[c].
    point = np.array([[xs[5]], [ys[2]]])
    a = manual_forward(model.data.to_model_units(point), model.parameters, "tanh", "sigmoid", 3)
    assert state.unit_map(2, 1)[2, 5] == pytest.approx(a[1][1, 0], rel=1e-12)
    # The output map is what the main picture colours: the model's prediction there.
    assert state.unit_map(3, 0)[2, 5] == pytest.approx(model.forward(point)[0, 0], rel=1e-12)


def test_weights_and_names_are_the_models():
    model = PlaygroundModel(n_layers=2, n_units=3)
    state = network_state(model)
    assert state.layer_dims == (2, 3, 3, 1) and state.input_names == ("x1", "x2")
    assert state.activation_names == ("tanh", "tanh", "sigmoid")
    for l in (1, 2, 3):
        assert np.array_equal(state.weights[l - 1], model.parameters[f"W{l}"])
        assert np.array_equal(state.biases[l - 1], model.parameters[f"b{l}"])


def test_input_features_are_the_input_nodes_and_their_maps():
    model = PlaygroundModel(dataset="noisy_circles", features=("x1", "x2sq", "sin_x1"))
    state = network_state(model, grid_size=5)
    assert state.input_names == ("x1", "x2²", "sin x1") and state.layer_dims[0] == 3
    xs, ys = state.axes
    xx, yy = np.meshgrid(xs, ys)
    np.testing.assert_allclose(state.inputs, np.vstack([xx.ravel(), yy.ravel() ** 2,
                                                        np.sin(xx.ravel())]), rtol=1e-12)
    assert unit_detail(model, 1, 0).incoming_names == ("x1", "x2²", "sin x1")


def test_dead_flags_are_the_diagnostics_dead_units(relu_deep):
    state = network_state(relu_deep)
    report = zero_gradient_report(relu_deep.data.X_train, relu_deep.parameters, "relu", "sigmoid")
    assert sum(len(v) for v in report.dead_units.values()) >= 3  # the fixture has dead units
    for l in range(1, 5):
        assert np.array_equal(np.flatnonzero(state.dead[l - 1]), report.dead_units[l])
    assert not state.dead[-1].any()  # the output is never called dead


def test_zero_gradient_shares_count_examples_with_z_at_most_zero(relu_deep):
    shares = zero_gradient_shares(relu_deep.data.X_train, relu_deep.parameters, "relu", "sigmoid")
    A = relu_deep.data.X_train
    p = relu_deep.parameters
    for l in range(1, 5):
        Z = p[f"W{l}"] @ A + p[f"b{l}"]
        np.testing.assert_array_equal(shares[l - 1], np.mean(Z <= 0, axis=1))
        A = np.maximum(Z, 0)
    # The sigmoid output's g'(z) = s(1 - s) is 0 only where s rounds to exactly 0 or 1.
    s = 1.0 / (1.0 + np.exp(-(p["W5"] @ A + p["b5"])))
    np.testing.assert_array_equal(shares[-1], np.mean(s * (1 - s) == 0, axis=1))
    assert ((shares[1] > 0) & (shares[1] < 1)).any()  # partly active units exist too


def test_a_softmax_output_uses_the_diagonal_of_its_jacobian():
    model = PlaygroundModel(dataset="multiclass", output="softmax", loss="cce", n_units=4)
    model.run(200)
    shares = zero_gradient_shares(model.data.X_train, model.parameters, "tanh", "softmax")
    assert shares[-1].shape == (3,) and np.all(shares[-1] == 0.0)


def test_selecting_a_unit_gives_its_large_map_weights_and_share(relu_deep):
    state = network_state(relu_deep, grid_size=30)
    dead_layer = next(l for l in range(1, 5) if state.dead[l - 1].any())
    j = int(np.flatnonzero(state.dead[dead_layer - 1])[0])
    detail = unit_detail(relu_deep, dead_layer, j, grid_size=30)
    assert detail.label == f"layer {dead_layer}, unit {j + 1}"
    assert detail.dead and detail.zero_share == 1.0 and detail.activation == "relu"
    np.testing.assert_array_equal(detail.values, state.unit_map(dead_layer, j))
    np.testing.assert_array_equal(detail.incoming, relu_deep.parameters[f"W{dead_layer}"][j])
    assert detail.bias == relu_deep.parameters[f"b{dead_layer}"][j, 0]
    assert detail.incoming_names == tuple(f"a[{dead_layer - 1}]_{k}" for k in range(1, 9))
    first = unit_detail(relu_deep, 1, 2)
    assert first.incoming_names == ("x1", "x2") and first.values.shape == (80, 80)
    assert first.zero_share == pytest.approx(state.zero_share[0][2])
    out = unit_detail(relu_deep, 5, 0)
    assert out.label == "layer 5, unit 1 (output)" and not out.dead


@pytest.mark.parametrize("layer, unit, error, fragment", [
    (0, 0, ValueError, "layer must be from 1 to 5"),
    (6, 0, ValueError, "layer must be from 1 to 5"),
    (1, 8, ValueError, "unit must be an index from 0 to 7 .*index j is unit j \\+ 1, row j \\+ 1 of W\\[1\\]"),
    (5, 1, ValueError, "unit must be an index from 0 to 0"),
    (1.0, 0, TypeError, "layer must be an int"),
    (1, True, TypeError, "unit must be an int"),
])
def test_a_unit_that_does_not_exist_is_refused_with_the_range(relu_deep, layer, unit, error, fragment):
    with pytest.raises(error, match=fragment):
        unit_detail(relu_deep, layer, unit)


def test_unit_options_list_every_hidden_and_output_unit():
    options = unit_options((2, 3, 2, 1))
    assert [label for label, _ in options] == [
        "layer 1, unit 1", "layer 1, unit 2", "layer 1, unit 3", "layer 2, unit 1",
        "layer 2, unit 2", "layer 3, unit 1 (output)"]
    assert [value for _, value in options] == [(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 0)]


def test_one_d_regression_gives_each_unit_a_curve_over_x(regression):
    state = network_state(regression, grid_size=50)
    (xs,) = state.axes
    x_all = np.hstack([regression.data.X_train_raw, regression.data.X_test_raw])
    assert state.kind == "curve" and state.input_names == ("x",)
    assert xs[0] == x_all.min() and xs[-1] == x_all.max() and len(xs) == 50
    X = regression.data.to_model_units(xs.reshape(1, -1))
    expected = manual_forward(X, regression.parameters, "tanh", "linear", 3)
    for mine, theirs in zip(state.activations, expected):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-15)
    assert state.unit_map(1, 2).shape == (50,)
    # The output curve, back in y's units, is the fit the main picture draws.
    np.testing.assert_allclose(state.unit_map(3, 0) * regression.data.y_scale,
                               regression.forward(xs.reshape(1, -1))[0], rtol=1e-12)
    detail = unit_detail(regression, 2, 1, grid_size=50)
    assert detail.kind == "curve" and detail.incoming_names == ("a[1]_1", "a[1]_2", "a[1]_3")


def test_colour_range_is_the_activations_range_or_symmetric_around_zero():
    assert colour_range("sigmoid", np.array([0.2, 0.3])) == (0.0, 1.0)
    assert colour_range("tanh", np.array([0.2])) == (-1.0, 1.0)
    assert colour_range("relu", np.array([0.0, 2.5, np.nan])) == (-2.5, 2.5)
    assert colour_range("relu", np.zeros(4)) == (-1.0, 1.0)  # a dead unit: no 0/0


# ============================================================================ the figure
def png_pixels(data):
    data = bytes(data)
    assert data.startswith(PNG)
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_the_figure_draws_dead_units_grey_and_live_ones_in_colour(relu_deep):
    figure = NetworkFigure()
    png_pixels(figure.render(relu_deep, (2, 0)))
    state = figure.last_state
    s = figure.grid_size
    labelled = {tuple(p) for p in figure._dead_marks.get_offsets()}
    for l in range(1, 5):
        for j, (x0, y0) in enumerate(figure._columns[l]):
            box = figure._canvas[y0:y0 + s, x0:x0 + s, :3].astype(float)
            grey = np.allclose(box[..., 0], box[..., 1]) and np.allclose(box[..., 1], box[..., 2])
            assert grey == bool(state.dead[l - 1][j]), (l, j)
            assert ((x0 + s / 2, y0 + s / 2) in labelled) == bool(state.dead[l - 1][j])
    assert len(labelled) == sum(int(d.sum()) for d in state.dead) > 0


def test_connections_are_coloured_by_sign_and_sized_by_magnitude(relu_deep):
    figure = NetworkFigure()
    figure.render(relu_deep, (1, 0))
    dims = relu_deep.layer_dims
    weights = np.array([relu_deep.parameters[f"W{l}"][j, k] for l, j, k in figure._edge_index])
    assert len(weights) == sum(a * b for a, b in zip(dims, dims[1:]))
    colours = figure._edges.get_colors()[:, :3]
    assert np.allclose(colours[weights > 0], to_rgb("#0877bd"))
    assert np.allclose(colours[weights < 0], to_rgb("#f59322"))
    widths = np.asarray(figure._edges.get_linewidths())
    order = np.argsort(np.abs(weights))
    assert np.all(np.diff(widths[order]) >= 0) and widths[order[-1]] > 3 * widths[order[0]]


def test_the_large_map_is_the_selected_units_and_it_is_framed(relu_deep):
    figure = NetworkFigure()
    figure.render(relu_deep, (3, 6))
    detail = figure.last_detail
    assert (detail.layer, detail.unit) == (3, 6)
    np.testing.assert_array_equal(figure._unit_image.get_array(), np.nan_to_num(detail.values))
    x0, y0 = figure._columns[3][6]
    assert figure._highlight.get_visible() and figure._highlight.get_xy() == (x0 - 1.5, y0 - 1.5)
    heights = [bar.get_height() for bar in figure._bars]
    np.testing.assert_array_equal(heights, relu_deep.parameters["W3"][6])
    assert "row 7 of W[3]" in figure._weights_title.get_text()


def test_a_redraw_reuses_the_artists_and_a_new_shape_rebuilds_them():
    model = PlaygroundModel(n_layers=2, n_units=3)
    figure = NetworkFigure()
    figure.render(model, (2, 0))
    count, image = figure.artist_count(), figure._image
    model.run(200)
    figure.render(model, (2, 2))
    assert figure.artist_count() == count and figure._image is image
    model.update(n_units=5)
    figure.render(model, (2, 4))
    assert figure._image is not image and len(figure._columns[1]) == 5


def test_wide_layers_draw_at_most_max_drawn_units_and_say_how_many_more():
    model = PlaygroundModel(n_units=MAX_DRAWN_UNITS + 5)
    figure = NetworkFigure()
    figure.render(model, (1, MAX_DRAWN_UNITS + 2))  # selectable though not drawn
    assert len(figure._columns[1]) == MAX_DRAWN_UNITS
    assert any(t.get_text() == "+5 more" for t in figure.ax_net.texts)
    assert not figure._highlight.get_visible()
    assert figure.last_detail.unit == MAX_DRAWN_UNITS + 2


def test_the_regression_figure_draws_one_curve_per_unit(regression):
    figure = NetworkFigure()
    png_pixels(figure.render(regression, (1, 1)))
    assert len(figure._curves.get_segments()) == sum(regression.layer_dims)
    x, y = figure._unit_line.get_data()
    np.testing.assert_array_equal(y, figure.last_detail.values)


# ============================================================================ the panel
@pytest.fixture
def pg():
    return build_playground(n_layers=2, n_units=3)


def test_the_playground_shows_the_network_view_by_default(pg):
    assert pg.network in pg.children
    assert pg.network.toggle.value and bytes(pg.network.image.value).startswith(PNG)
    assert [v for _, v in pg.network.unit.options] == [v for _, v in unit_options((2, 3, 3, 1))]
    assert "layer 1, unit 1" in pg.network.detail.value
    assert "g′(Z) = 0 on" in pg.network.detail.value


def test_selecting_a_unit_redraws_the_view_only(pg):
    iteration, redraws, image = pg.model.iteration, pg.redraw_count, pg.network.image.value
    pg.network.unit.value = (2, 1)
    assert pg.model.iteration == iteration and pg.redraw_count == redraws  # no retraining
    assert pg.network.image.value != image
    assert "layer 2, unit 2" in pg.network.detail.value
    assert (f"incoming weights, row 2 of W[2]: a[1]_1: {pg.model.parameters['W2'][1, 0]:.3g}"
            in pg.network.detail.value)
    assert pg.network.unit.label == "layer 2, unit 2"  # one numbering: dropdown and details
    pg.network.select(3, 0)
    assert pg.network.selected == (3, 0) and "(output)" in pg.network.detail.value
    with pytest.raises(ValueError, match="unit must be an index from 0 to 0"):
        pg.network.select(3, 1)


def test_a_saturated_tanh_unit_is_explained_not_called_dead():
    pg = build_playground()  # the course's 4 tanh units at learning rate 1.2 saturate
    shares = network_state(pg.model).zero_share[0]
    j = int(np.argmax(shares))
    assert 0 < shares[j] < 1
    pg.network.select(1, j)
    assert f"g′(Z) = 0 on <b>{shares[j]:.0%}</b>" in pg.network.detail.value
    assert "tanh saturates" in pg.network.detail.value and ">dead<" not in pg.network.detail.value


def test_the_unit_chooser_follows_the_architecture_and_keeps_a_valid_choice(pg):
    pg.network.unit.value = (2, 2)
    pg.controls["n_units"].value = 5
    assert len(pg.network.unit.options) == 5 + 5 + 1
    assert pg.network.selected == (2, 2)  # still exists: kept
    pg.controls["n_layers"].value = 1
    assert pg.network.selected == (1, 0)  # layer 2 is now the output with one unit
    assert pg.network.figure.last_state.layer_dims == (2, 5, 1)


def test_hiding_the_view_stops_drawing_it_and_showing_it_draws_the_current_state(pg):
    assert pg.network.toggle.description == "✓ Network view"  # a mark, not only a shade
    pg.network.toggle.value = False
    assert pg.network._body.layout.display == "none" and pg.network.unit.disabled
    assert pg.network.toggle.description == "Network view"
    count = pg.network.render_count
    pg.controls["hidden"].value = "relu"
    assert pg.network.render_count == count
    pg.network.toggle.value = True
    assert pg.network._body.layout.display is None
    assert pg.network.figure.last_state.activation_names[0] == "relu"


def test_weights_that_cannot_be_drawn_give_a_message_not_a_traceback(pg):
    pg.model.parameters["W1"] = np.full_like(pg.model.parameters["W1"], np.inf)
    pg.redraw()
    assert "The network view cannot be drawn for these weights" in pg.network.detail.value
    assert "Error" not in pg.network.detail.value  # no exception name in a widget


def best_row(big, small):
    """The row offset at which ``small`` (left-aligned) matches ``big`` best, and the mean
    absolute difference there (the snapshot is reduced to 256 colours, so not exactly 0)."""
    h, w = small.shape[:2]
    small = small.astype(float)
    gaps = [np.abs(big[y:y + h, :w] - small).mean() for y in range(big.shape[0] - h + 1)]
    return int(np.argmin(gaps)), float(min(gaps))


def test_the_snapshot_stacks_settings_picture_network_view_and_results(pg):
    snapshot = png_pixels(playground_snapshot(pg)).astype(float)
    main = png_pixels(pg.image.value)
    network = png_pixels(pg.network.image.value)
    top, gap = best_row(snapshot, main)
    assert top > 0 and gap < 2  # a strip of settings above
    below_main = top + main.shape[0]
    assert best_row(snapshot[below_main:], network)[0] == 0  # the view right below
    assert best_row(snapshot[below_main:], network)[1] < 2
    below = snapshot[below_main + network.shape[0]:]
    assert below.shape[0] > 40 and (below < 128).any()  # lines of text under the pictures


def test_the_snapshot_of_a_hidden_view_draws_it_and_a_refused_pairing_draws_too():
    pg = build_playground(output="relu")  # refused from the start: no cost to plot
    assert bytes(pg.image.value).startswith(PNG) and "went wrong" not in pg.message.value
    pg.network.toggle.value = False
    pg.network.image.value = b""
    snapshot = png_pixels(playground_snapshot(pg)).astype(float)
    assert best_row(snapshot, png_pixels(pg.network.image.value))[1] < 2


# ============================================================================ issue 18
def _png_pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("changes", [{"n_layers": 2, "n_units": (5, 3)}, {"n_layers": 0},
                                     {"n_layers": 1, "n_units": 14}])
def test_a_click_on_a_unit_in_the_picture_finds_that_unit(changes):
    model = PlaygroundModel(iterations=100, **changes)
    model.run()
    figure = NetworkFigure()
    picture = _png_pixels(figure.render(model, (1, 0)))
    dims = model.layer_dims
    s = figure.grid_size
    for layer in range(1, len(dims)):
        for unit in range(min(dims[layer], MAX_DRAWN_UNITS)):
            x, y = figure.unit_centre(layer, unit)
            assert figure.unit_at(x, y) == (layer, unit)
            assert figure.unit_at(x + s / 2 - 1, y - s / 2 + 1) == (layer, unit)  # a corner
            if (layer, unit) == (1, 0):
                continue  # framed by the selection
            # The pixels there are that unit's map, as drawn on the canvas (not a neighbour's).
            left, top = int(x - s / 2), int(y - s / 2)
            cx, cy = left - figure._canvas_origin[0], top - figure._canvas_origin[1]
            assert np.array_equal(picture[top + 2:top + s - 2, left + 2:left + s - 2],
                                  figure._canvas[cy + 2:cy + s - 2, cx + 2:cx + s - 2, :3])
    x_input, y_input = figure.unit_centre(1, 0)
    assert figure.unit_at(figure._canvas_origin[0] + figure._columns[0][0][0] + 2, y_input) is None
    assert figure.unit_at(2, 2) is None  # the caption corner
    if dims[1] > MAX_DRAWN_UNITS:
        with pytest.raises(ValueError, match="is not drawn"):
            figure.unit_centre(1, MAX_DRAWN_UNITS)
    with pytest.raises(TypeError, match="finite number of pixels"):
        figure.unit_at(float("nan"), 3)


def test_clicking_a_unit_in_the_panel_selects_it():
    pg = build_playground(iterations=100, n_layers=2, n_units=(3, 2))
    panel = pg.network
    assert panel.select_at(*panel.figure.unit_centre(2, 1))
    assert panel.selected == (2, 1) and "layer 2, unit 2" in panel.detail.value
    assert not panel.select_at(1, 1) and panel.selected == (2, 1)


def test_the_network_view_draws_a_network_without_hidden_layers():
    pg = build_playground(iterations=100, n_layers=0)
    assert [v for _, v in pg.network.unit.options] == [(1, 0)]
    assert pg.network.unit.label == "layer 1, unit 1 (output)"
    assert bytes(pg.network.image.value).startswith(PNG)
    assert "incoming weights, row 1 of W[1]: x1:" in pg.network.detail.value
    assert "0 of 0" in pg.diagnostics.value and "not available" not in pg.diagnostics.value


def test_a_click_reported_by_the_page_selects_the_unit_under_it(pg):
    pg.redraw()
    x, y = pg.network.figure.unit_centre(1, 2)
    pg.network.click.value = f"{x:.1f},{y:.1f},1"  # what the page's script writes
    assert pg.network.selected == (1, 2)
    pg.network.click.value = "0,0,2"  # a corner: no unit there, nothing changes
    assert pg.network.selected == (1, 2)
    pg.network.click.value = ""
    assert pg.network.selected == (1, 2)
