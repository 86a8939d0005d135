"""check_layer_shapes and check_collapse_linear_network accept the reference and explain mistakes."""

import numpy as np
import pytest

from dlsnotes import L_model_forward, L_model_backward, initialize_parameters_deep
from dlsnotes.exercises.shapes import (
    check_collapse_linear_network,
    check_layer_shapes,
    reference_layer_shapes,
)
from dlsnotes.lessons.shapes import collapse_linear_network


def _with(change):
    """The reference answer with ``change(shapes, layer_dims, m)`` applied."""
    def fn(layer_dims, m):
        shapes = reference_layer_shapes(layer_dims, m)
        change(shapes, layer_dims, m)
        return shapes
    return fn


def test_reference_passes():
    result = check_layer_shapes(reference_layer_shapes)
    assert result.passed
    assert str(result) == "✔ layer_shapes: all tests passed."


def test_reference_matches_the_real_arrays():
    rng = np.random.default_rng(0)
    dims, m = [5, 4, 3, 2], 7
    X, Y = rng.standard_normal((5, m)), (rng.random((2, m)) > 0.5).astype(float)
    params = initialize_parameters_deep(dims, seed=0)
    AL, caches = L_model_forward(X, params, hidden="tanh", output="sigmoid")
    grads = L_model_backward(AL, Y, caches, loss="bce")
    shapes = reference_layer_shapes(dims, m)
    assert shapes["X"] == X.shape
    for l in range(1, len(dims)):
        assert shapes[f"W{l}"] == params[f"W{l}"].shape == grads[f"dW{l}"].shape
        assert shapes[f"b{l}"] == params[f"b{l}"].shape == grads[f"db{l}"].shape
        assert shapes[f"Z{l}"] == caches[l - 1].activation_cache.shape
    for l in range(1, len(dims) - 1):
        assert shapes[f"dA{l}"] == grads[f"dA{l}"].shape


def _swap_W2(s, d, m):
    s["W2"] = s["W2"][::-1]


def _swap_dW1(s, d, m):
    s["dW1"] = s["dW1"][::-1]


def _b_row(s, d, m):
    s["b1"] = (1, d[1])


def _b_rank1(s, d, m):
    s["b2"] = (d[2],)


def _b_with_m(s, d, m):
    s["b1"] = (d[1], m)


def _db_with_m(s, d, m):
    s["db1"] = (d[1], m)


def _dA_without_m(s, d, m):
    s["dA1"] = (d[1], 1)


def _dZ_rank1(s, d, m):
    s["dZ2"] = (d[2],)


def _examples_as_rows(s, d, m):
    s["A1"] = (m, d[1])


def _dW_with_m(s, d, m):
    s["dW2"] = (d[2], m)


def _dA_like_W(s, d, m):
    s["dA1"] = (d[1], d[0])


def _missing(s, d, m):
    del s["dZ1"]


def _not_a_shape(s, d, m):
    s["W1"] = np.zeros((d[1], d[0]))


@pytest.mark.parametrize("change, expected", [
    (_swap_W2, "W2 has shape (4, 1) = (n_1, n_2): the two sizes are swapped"),
    (_swap_dW1, "dW1 always has the shape of W1"),
    (_b_row, "b1 has shape (1, 4): a row (1, n_1) instead of the column (n_1, 1)"),
    (_b_rank1, "b2 has shape (1,): a rank-1 array"),
    (_b_with_m, "there is one bias per unit, shared by all m examples"),
    (_db_with_m, "the sum over the examples is missing: db = (1/m) np.sum(dZ, axis=1, keepdims=True)"),
    (_dA_without_m, "dA1 has shape (4, 1): the m columns are missing"),
    (_dZ_rank1, "dZ2 has shape (1,): the m columns are missing"),
    (_examples_as_rows, "A1 has shape (5, 4) = (m, n_1): examples as rows"),
    (_dW_with_m, "weights do not depend on the example"),
    (_dA_like_W, "the shape of W1: dA1 has the shape of A1"),
    (_missing, "missing key(s) ['dZ1']"),
    (_not_a_shape, "W1: expected a shape tuple like (4, 3)"),
])
def test_each_mistake_is_explained(change, expected):
    result = check_layer_shapes(_with(change))
    assert not result.passed
    assert expected in str(result)
    assert "test 1 (layer_dims=[3, 4, 1], m=5)" in str(result)


def test_lists_are_accepted_as_shapes():
    def as_lists(layer_dims, m):
        return {k: list(v) for k, v in reference_layer_shapes(layer_dims, m).items()}
    assert check_layer_shapes(as_lists).passed


def test_none_and_exceptions_are_reported():
    assert "forget the `return` statement" in str(check_layer_shapes(lambda dims, m: None))
    assert "expected a dict" in str(check_layer_shapes(lambda dims, m: [1, 2]))
    result = check_layer_shapes(lambda dims, m: 1 / 0)
    assert "raised ZeroDivisionError" in str(result)


def test_one_failing_network_is_reported_not_all():
    result = check_layer_shapes(_with(_swap_W2))
    assert "test 2" not in str(result)


# --------------------------------------------------------------------------- collapse
def _collapse_reversed(parameters):
    L = len(parameters) // 2
    W = parameters["W1"]
    for l in range(2, L + 1):
        W = W @ parameters[f"W{l}"]
    return W, collapse_linear_network(parameters)[1]


def _collapse_sum_b(parameters):
    L = len(parameters) // 2
    return collapse_linear_network(parameters)[0], sum(parameters[f"b{l}"] for l in range(1, L + 1))


def _collapse_last_b(parameters):
    L = len(parameters) // 2
    return collapse_linear_network(parameters)[0], parameters[f"b{L}"]


def _collapse_zero_b(parameters):
    W, b = collapse_linear_network(parameters)
    return W, np.zeros_like(b)


def _collapse_transposed(parameters):
    W, b = collapse_linear_network(parameters)
    return W.T, b


def _collapse_row_b(parameters):
    W, b = collapse_linear_network(parameters)
    return W, b.ravel()


def test_collapse_reference_passes():
    result = check_collapse_linear_network(collapse_linear_network)
    assert result.passed, str(result)
    assert str(result) == "✔ collapse_linear_network: all tests passed."


def test_collapse_really_collapses():
    rng = np.random.default_rng(3)
    params = {k: rng.standard_normal(s) for k, s in
              (("W1", (4, 3)), ("b1", (4, 1)), ("W2", (2, 4)), ("b2", (2, 1)))}
    X = rng.standard_normal((3, 9))
    AL, _ = L_model_forward(X, params, hidden="linear", output="linear")
    W, b = collapse_linear_network(params)
    np.testing.assert_allclose(AL, W @ X + b, atol=1e-12)


@pytest.mark.parametrize("fn, expected", [
    (_collapse_reversed, "multiplies the layers in the wrong order"),
    (_collapse_sum_b, "adds the biases b1 + b2 + ... without passing them through the later layers"),
    (_collapse_last_b, "b_eff is only the last layer's bias"),
    (_collapse_zero_b, "b_eff is zero"),
    (_collapse_transposed, "the transpose of (n_L, n_x)"),
    (_collapse_row_b, "b_eff must be a column"),
])
def test_collapse_mistakes_are_explained(fn, expected):
    result = check_collapse_linear_network(fn)
    assert not result.passed
    assert expected in str(result)


# ----------------------------------------------------------------------------- linear_backward
from dlsnotes.exercises import shapes as _shapes  # noqa: E402


def _lb_reference(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.mean(dZ, axis=1, keepdims=True)


def _lb_with(dA=None, dW=None, db=None):
    """A linear_backward that is right except for the parts given as functions of (dZ, A_prev, W, m)."""
    def fn(dZ, cache):
        A_prev, W, _ = cache
        m = A_prev.shape[1]
        right = _lb_reference(dZ, cache)
        return tuple(right[k] if f is None else f(dZ, A_prev, W, m) for k, f in enumerate((dA, dW, db)))
    return fn


def test_linear_backward_reference_and_mean_pass():
    result = _shapes.check_linear_backward(_lb_reference)
    assert result.passed and str(result) == "✔ linear_backward: all tests passed."


def test_linear_backward_reference_matches_the_package():
    from dlsnotes import linear_backward
    for case in _shapes.linear_backward_cases():
        dZ, cache = case.args
        for mine, package in zip(_shapes.reference_linear_backward(dZ, cache), linear_backward(dZ, cache)):
            np.testing.assert_allclose(mine, package, rtol=1e-12)


@pytest.mark.parametrize("parts, part_name, explanation", [
    (dict(dW=lambda dZ, A, W, m: dZ @ A.T), "dW", _shapes.LB_DW_NO_M),
    (dict(dW=lambda dZ, A, W, m: A @ dZ.T / m), "dW", _shapes.LB_DW_TRANSPOSED),
    (dict(db=lambda dZ, A, W, m: np.sum(dZ, axis=1, keepdims=True)), "db", _shapes.LB_DB_NO_M),
    (dict(db=lambda dZ, A, W, m: np.sum(dZ, axis=1) / m), "db", _shapes.LB_DB_NO_KEEPDIMS),
    (dict(db=lambda dZ, A, W, m: np.sum(dZ, axis=1)), "db", _shapes.LB_DB_NO_KEEPDIMS_NO_M),
    (dict(db=lambda dZ, A, W, m: np.sum(dZ) / m), "db", _shapes.LB_DB_ALL),
    (dict(db=lambda dZ, A, W, m: np.sum(dZ, axis=0, keepdims=True) / m), "db", _shapes.LB_DB_AXIS0),
    (dict(dA=lambda dZ, A, W, m: W.T @ dZ / m), "dA_prev", _shapes.LB_DA_OVER_M),
])
def test_linear_backward_names_each_trap(parts, part_name, explanation):
    result = _shapes.check_linear_backward(_lb_with(**parts))
    assert not result.passed
    assert result.messages == [f"test 1: {part_name}: {explanation}"]


def test_linear_backward_keepdims_message_says_how_to_fix():
    message = str(_shapes.check_linear_backward(_lb_with(db=lambda dZ, A, W, m: np.sum(dZ, axis=1) / m)))
    assert "keepdims=True" in message and "(n_l, 1)" in message


def test_linear_backward_stub_order_and_garbage_are_explained():
    stub = _shapes.check_linear_backward(lambda dZ, cache: (None, None, None))
    # the three placeholders are said in one line, each with the shape to compute
    assert len(stub.messages) == 1 and "dA_prev, dW, db are still None" in stub.messages[0]
    assert all(f"{name} (" in stub.messages[0] for name in ("dA_prev", "dW", "db"))
    none = _shapes.check_linear_backward(lambda dZ, cache: None)
    assert "expected the tuple (dA_prev, dW, db), got None" in str(none) and "return" in str(none)
    swapped = _shapes.check_linear_backward(lambda dZ, cache: _lb_reference(dZ, cache)[::-1])
    assert "returned as (db, dW, dA_prev)" in str(swapped)

    def raises(dZ, cache):
        A_prev, W, b = cache
        return W @ dZ, dZ, b  # W instead of W.T: numpy cannot multiply the shapes

    crashed = _shapes.check_linear_backward(raises)
    assert not crashed.passed and "raised ValueError" in str(crashed)
    assert not _shapes.check_linear_backward("linear_backward").passed
