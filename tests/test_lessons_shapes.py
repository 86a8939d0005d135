"""dlsnotes.lessons.shapes: shape rules, shape tables of real arrays, linear collapse."""

import numpy as np
import pytest

from dlsnotes import L_model_backward, L_model_forward, initialize_parameters_deep
from dlsnotes.lessons.shapes import (
    ShapeRow,
    collapse_linear_network,
    format_shape_table,
    output_and_hidden_dZ,
    shape_rules,
    shape_table,
)


def test_shape_rules_for_the_lecture_network():
    rules = shape_rules([3, 4, 1], 5)
    assert rules["X"] == ("(n_x, m)", (3, 5))
    assert rules["W1"] == ("(n_1, n_x)", (4, 3))
    assert rules["W2"] == ("(n_2, n_1)", (1, 4))
    assert rules["b1"][1] == (4, 1)
    assert rules["dW2"][1] == (1, 4) and "like W2" in rules["dW2"][0]
    assert rules["dA1"][1] == (4, 5)
    assert rules["dA0"][1] == (3, 5)
    # forward arrays first, then the gradients from the last layer down
    names = list(rules)
    assert names.index("A2") < names.index("dZ2") < names.index("dZ1")


@pytest.mark.parametrize("m", [0, -1, 2.5, True])
def test_shape_rules_rejects_bad_m(m):
    with pytest.raises(ValueError, match="number of examples"):
        shape_rules([3, 4, 1], m)


NETWORKS = [
    ([3, 4, 1], "tanh", "sigmoid", "bce"),
    ([5, 4, 3, 2], "relu", "sigmoid", "mse"),
    ([4, 6, 3], ["leaky_relu"], "softmax", "cce"),
    ([2, 3, 3, 1], "swish", "linear", "mse"),
]


def _one_pass(dims, hidden, output, loss, seed=0):
    rng = np.random.default_rng(seed)
    m = 6
    X = rng.standard_normal((dims[0], m))
    if loss == "cce":
        Y = np.eye(dims[-1])[:, rng.integers(0, dims[-1], m)]
    elif loss == "bce":
        Y = (rng.random((dims[-1], m)) > 0.5).astype(float)
    else:
        Y = rng.random((dims[-1], m))
    params = initialize_parameters_deep(dims, init="he", seed=seed)
    AL, caches = L_model_forward(X, params, hidden=hidden, output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    return X, Y, params, AL, caches, grads


@pytest.mark.parametrize("dims, hidden, output, loss", NETWORKS)
def test_every_real_array_follows_its_rule(dims, hidden, output, loss):
    X, Y, params, AL, caches, grads = _one_pass(dims, hidden, output, loss)
    rows = shape_table(X, Y, params, caches, grads, loss)
    assert all(row.ok for row in rows)
    names = [row.name for row in rows]
    L = len(dims) - 1
    assert f"dA{L}" not in names  # the backward pass starts from dZ[L]
    assert {"X", "Y", "dA0", f"dZ{L}", "dZ1", f"W{L}", f"A{L}"} <= set(names)


@pytest.mark.parametrize("dims, hidden, output, loss", NETWORKS)
def test_rebuilt_dZ_reproduces_dW_and_db(dims, hidden, output, loss):
    X, Y, params, AL, caches, grads = _one_pass(dims, hidden, output, loss)
    dZ = output_and_hidden_dZ(AL, Y, caches, grads, loss)
    m = X.shape[1]
    for l in range(1, len(dims)):
        A_prev = caches[l - 1].linear_cache[0]
        np.testing.assert_allclose(dZ[f"dZ{l}"] @ A_prev.T / m, grads[f"dW{l}"], atol=1e-12)
        np.testing.assert_allclose(dZ[f"dZ{l}"].sum(axis=1, keepdims=True) / m, grads[f"db{l}"],
                                   atol=1e-12)


def test_format_shape_table_marks_a_wrong_shape():
    rows = [ShapeRow("W1", (4, 3), "(n_1, n_x)", (4, 3)), ShapeRow("b1", (1, 4), "(n_1, 1)", (4, 1))]
    text = format_shape_table(rows)
    lines = text.splitlines()
    assert lines[0].startswith("name") and "shape" in lines[0] and "rule" in lines[0]
    assert lines[2].endswith("✓") and lines[3].endswith("✗")
    assert "(1, 4)" in lines[3]


def test_collapse_equals_the_linear_network():
    rng = np.random.default_rng(1)
    params = initialize_parameters_deep([3, 4, 3, 2], init="xavier", seed=1)
    for l in (1, 2, 3):
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape)
    X = rng.standard_normal((3, 50))
    AL, _ = L_model_forward(X, params, hidden="linear", output="linear")
    W, b = collapse_linear_network(params)
    assert W.shape == (2, 3) and b.shape == (2, 1)
    np.testing.assert_allclose(AL, W @ X + b, atol=1e-12)


def test_collapse_rejects_non_dict():
    with pytest.raises(TypeError, match="'W1'"):
        collapse_linear_network([np.eye(2)])


# ----------------------------------------------------------------------------- activations side by side
from dlsnotes.lessons import shapes as _lesson  # noqa: E402


def test_activation_table_measures_centring_and_saturation():
    rows = {r.name: r for r in _lesson.activation_table()}
    assert list(rows) == list(_lesson.GALLERY)
    assert abs(rows["tanh"].mean_output) < 1e-9 and abs(rows["linear"].mean_output) < 1e-9
    assert rows["sigmoid"].mean_output == pytest.approx(0.5, abs=1e-9)
    assert rows["relu"].mean_output == pytest.approx(1 / np.sqrt(2 * np.pi), rel=1e-5)  # E[max(0, z)]
    s5 = 1 / (1 + np.exp(-5.0))
    assert rows["sigmoid"].slopes == pytest.approx((s5 * (1 - s5), 0.25, s5 * (1 - s5)))
    assert rows["tanh"].slopes == pytest.approx((1 - np.tanh(5.0) ** 2, 1.0, 1 - np.tanh(5.0) ** 2))
    assert rows["relu"].slopes == (0.0, 0.0, 1.0)
    assert rows["leaky_relu"].slopes == pytest.approx((0.01, 0.01, 1.0))
    assert rows["swish"].slopes[1] == pytest.approx(0.5)


def test_format_activation_table_rounds_and_never_prints_minus_zero():
    text = _lesson.format_activation_table(_lesson.activation_table())
    lines = text.splitlines()
    assert len(lines) == 2 + len(_lesson.GALLERY)
    assert "-0.00" not in text
    tanh = [c.strip() for c in next(line for line in lines if line.startswith("tanh")).split("|")]
    assert tanh[2] == "0.00" and tanh[3] == "0.00018"


def test_plot_activations_draws_g_and_its_derivative():
    import matplotlib.pyplot as plt

    axes = _lesson.plot_activations()
    for ax in np.ravel(axes):
        assert len(ax.lines) >= 4  # g, g', the two axis lines
    relu = next(ax for ax in np.ravel(axes) if ax.get_title() == "relu")
    assert any(list(line.get_xdata()) == [0] for line in relu.lines)  # the g'(0) convention marked
    plt.close("all")
