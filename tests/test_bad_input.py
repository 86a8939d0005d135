"""Bad input gets a clear error (or warning) saying what was expected and how to fix it.

Every check matches the message, not only the exception type.
"""

import re

import numpy as np
import pytest

from dlsnotes import (
    DivergenceError,
    L_layer_model,
    L_model_backward,
    L_model_forward,
    PairingWarning,
    compute_cost,
    get_activation,
    get_loss,
    initialize_parameters_deep,
    predict,
    update_parameters,
)
from dlsnotes.datasets import load_quadratic


@pytest.fixture
def binary():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 12)
    Y = (X[0:1] > 0).astype(float)
    return X, Y


def train(X, Y, dims=(2, 3, 1), **kw):
    kw.setdefault("num_iterations", 2)
    kw.setdefault("progress", False)
    return L_layer_model(X, Y, list(dims), **kw)


# ----------------------------------------------------------------------------- X
def test_X_with_examples_as_rows_suggests_transpose(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"\(n_x, m\) = \(2, m\).*got \(12, 2\).*Use X\.T"):
        train(X.T, Y)
    parameters = initialize_parameters_deep([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"Use X\.T"):
        L_model_forward(X.T, parameters)
    with pytest.raises(ValueError, match=r"Use X\.T"):
        predict(X.T, parameters)


def test_X_wrong_number_of_features_without_transpose_hint(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"X must have shape \(n_x, m\) = \(3, m\)") as info:
        train(X, Y, dims=(3, 2, 1))
    assert "X.T" not in str(info.value)


def test_X_one_dimensional_suggests_reshape(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"must be 2-D.*X\.reshape\(1, -1\)"):
        train(X[0], Y, dims=(1, 3, 1))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_X(binary, bad):
    X, Y = binary
    X = X.copy()
    X[1, 4] = bad
    with pytest.raises(ValueError, match=r"X contains 1 NaN or infinite value"):
        train(X, Y)
    with pytest.raises(ValueError, match="NaN or infinite"):
        L_model_forward(X, initialize_parameters_deep([2, 3, 1], seed=0))


def test_list_instead_of_array_is_a_type_error(binary):
    X, Y = binary
    with pytest.raises(TypeError, match=r"X must be a 2-D numpy array.*got a list.*np\.array\(X"):
        train(X.tolist(), Y)
    with pytest.raises(TypeError, match=r"Y must be a 2-D numpy array.*got a list.*np\.array\(Y"):
        train(X, Y.tolist())
    with pytest.raises(TypeError, match=r"got a list"):
        L_model_forward(X.tolist(), initialize_parameters_deep([2, 3, 1], seed=0))


def test_non_numeric_X(binary):
    X, Y = binary
    with pytest.raises(TypeError, match="real numbers"):
        train(X.astype(str), Y)


# ----------------------------------------------------------------------------- Y
def test_Y_transposed_suggests_transpose(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"Y must have shape \(n_y, m\) = \(1, 12\); got \(12, 1\)\. Use Y\.T"):
        train(X, Y.T)


def test_Y_wrong_number_of_examples(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"Y has 11 examples \(columns\) but X has 12:.*X\[:, idx\] and Y\[:, idx\]"):
        train(X, Y[:, :11])


def test_Y_with_too_few_rows_names_the_output_units(binary):
    X, _ = binary
    Y = np.eye(3)[np.arange(12) % 3].T  # one-hot, 3 classes
    with pytest.raises(ValueError, match=r"Y must have shape \(n_y, m\) = \(3, 12\): one row per output unit; "
                                         r"got \(1, 12\), 1 row\(s\) for 3 output unit\(s\)\. .*one-hot"):
        train(X, Y[:1], dims=(2, 3, 3), output="softmax", loss="cce")


def test_Y_one_dimensional(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"Y must be 2-D.*Y\.reshape\(1, -1\)"):
        train(X, Y.ravel())


def test_Y_class_indices_for_cce_suggest_one_hot(binary):
    X, _ = binary
    labels = np.arange(12)[None, :] % 3
    with pytest.raises(ValueError, match="one-hot"):
        train(X, labels.astype(float), dims=(2, 3, 3), output="softmax", loss="cce")


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_Y(binary, bad):
    X, Y = binary
    Y = Y.copy()
    Y[0, 3] = bad
    with pytest.raises(ValueError, match=r"Y contains 1 NaN or infinite value"):
        train(X, Y)
    with pytest.raises(ValueError, match="NaN or infinite"):
        compute_cost(np.full(Y.shape, 0.5), Y)


@pytest.mark.parametrize("labels", [[0, 1, 2], [-1, 1], [0.5, 1], [1, 2]])
def test_bce_labels_outside_0_1(binary, labels):
    X, _ = binary
    Y = np.resize(np.array(labels, dtype=float), (1, 12))
    with pytest.raises(ValueError, match=r"Binary cross-entropy needs labels in \{0, 1\}.*loss='mse'"):
        train(X, Y)
    with pytest.raises(ValueError, match=r"labels in \{0, 1\}"):
        compute_cost(np.full((1, 12), 0.5), Y, loss="bce")


def test_bce_labels_error_names_the_bad_values(binary):
    X, _ = binary
    Y = np.resize(np.array([0.0, 1.0, 2.0, 7.0]), (1, 12))
    with pytest.raises(ValueError, match=re.escape("Y contains [2.0, 7.0]")):
        train(X, Y)


@pytest.mark.parametrize("Y", [
    np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]),  # two ones in a column
    np.array([[0.0, 0.0], [0.0, 1.0], [0.0, 0.0]]),  # no one in a column
    np.array([[0.5, 0.0], [0.5, 1.0], [0.0, 0.0]]),  # soft labels
])
def test_cce_needs_one_hot(Y):
    X = np.random.RandomState(1).randn(2, 2)
    with pytest.raises(ValueError, match=r"one-hot.*np\.eye\(n_classes\)\[labels\]\.T"):
        train(X, Y, dims=(2, 3, 3), output="softmax", loss="cce")
    with pytest.raises(ValueError, match="one-hot"):
        compute_cost(np.full((3, 2), 1 / 3), Y, loss="cce")


def test_L_model_backward_checks_Y(binary):
    X, Y = binary
    AL, caches = L_model_forward(X, initialize_parameters_deep([2, 3, 1], seed=0))
    with pytest.raises(ValueError, match=r"Use Y\.T"):
        L_model_backward(AL, Y.T, caches)


# ----------------------------------------------------------------------------- names
def assert_lists(message, names):
    for name in names:
        assert repr(name) in message, f"{name!r} missing from: {message}"


@pytest.mark.parametrize("where", ["hidden", "output"])
def test_unknown_activation_lists_supported_ones(binary, where):
    X, Y = binary
    with pytest.raises(ValueError, match=r"The activation 'sigmod' is not supported\. Supported activations are \[") as info:
        train(X, Y, **{where: "sigmod"})
    assert_lists(str(info.value), ["leaky_relu", "linear", "relu", "sigmoid", "softmax", "swish", "tanh"])


def test_unknown_activation_in_hidden_list(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"The activation 'Relu' is not supported"):
        train(X, Y, dims=(2, 3, 3, 1), hidden=["tanh", "Relu"])


def test_unknown_loss_lists_supported_ones(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"The loss 'hinge' is not supported\. Supported losses are \['bce', 'cce', 'mse'\]\."):
        train(X, Y, loss="hinge")
    with pytest.raises(ValueError, match=r"Supported losses are"):
        get_loss("cross_entropy")


def test_unknown_init_lists_supported_ones(binary):
    X, Y = binary
    with pytest.raises(ValueError, match=r"The init 'zeros' is not supported\. Supported inits are \['he', 'small', 'xavier'\]"):
        train(X, Y, init="zeros")
    with pytest.raises(ValueError, match=r"Supported inits are"):
        initialize_parameters_deep([2, 1], init="random")


def test_activation_of_wrong_type():
    with pytest.raises(TypeError, match=r"must be a name \(str\) or an Activation; got int"):
        get_activation(1)


# ----------------------------------------------------------------------------- layer sizes
@pytest.mark.parametrize("bad", [0, -1, 2.5, "4", True, None])
def test_layer_sizes_must_be_positive_ints(binary, bad):
    X, Y = binary
    with pytest.raises(ValueError, match=r"layer_dims must list at least two positive integers.*not positive ints: \[" + re.escape(repr(bad))):
        initialize_parameters_deep([2, bad, 1])
    with pytest.raises(ValueError, match=r"positive integers"):
        train(X, Y, dims=(2, bad, 1))


def test_layer_sizes_numpy_ints_are_fine(binary):
    X, Y = binary
    parameters, _ = train(X, Y, dims=np.array([2, 3, 1]))
    assert parameters["W1"].shape == (3, 2) and type(parameters["W1"].shape[0]) is int


@pytest.mark.parametrize("bad", [[3], []])
def test_layer_dims_too_short(bad):
    with pytest.raises(ValueError, match=r"at least two positive integers"):
        initialize_parameters_deep(bad)


@pytest.mark.parametrize("bad", ["2,3,1", 3])
def test_layer_dims_not_a_list(bad):
    with pytest.raises(TypeError, match=r"layer_dims must be a list of layer sizes such as \[2, 4, 1\]"):
        initialize_parameters_deep(bad)


def test_parameters_of_wrong_shape_for_layer_dims(binary):
    X, Y = binary
    start = initialize_parameters_deep([2, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"parameters\['W1'\] must have shape \(3, 2\).*got \(4, 2\)"):
        train(X, Y, dims=(2, 3, 1), parameters=start)


def test_parameters_not_a_dict(binary):
    X, _ = binary
    with pytest.raises(TypeError, match="parameters must be the dict"):
        L_model_forward(X, [np.zeros((3, 2))])


# ----------------------------------------------------------------------------- learning rate
@pytest.mark.parametrize("bad", [0, 0.0, -0.1, np.nan, np.inf, "0.1", True, None])
def test_learning_rate_must_be_positive_and_finite(binary, bad):
    X, Y = binary
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number; got " + re.escape(repr(bad))):
        train(X, Y, learning_rate=bad)
    parameters = initialize_parameters_deep([2, 3, 1], seed=0)
    grads = {"d" + k: np.zeros_like(v) for k, v in parameters.items()}
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number"):
        update_parameters(parameters, grads, bad)


@pytest.mark.parametrize("bad", [-1, 2.0, "10"])
def test_num_iterations_must_be_a_non_negative_int(binary, bad):
    X, Y = binary
    with pytest.raises(ValueError, match=r"num_iterations must be a non-negative int"):
        train(X, Y, num_iterations=bad)


@pytest.mark.parametrize("bad", [0, -100])
def test_cost_every_must_be_a_positive_int(binary, bad):
    # Not in the list, found while testing: cost_every=0 ends in ZeroDivisionError
    # ("integer modulo by zero") from inside the training loop.
    X, Y = binary
    with pytest.raises(ValueError, match=r"cost_every"):
        train(X, Y, cost_every=bad)


# ----------------------------------------------------------------------------- pairings
@pytest.mark.parametrize("output", ["relu", "linear"])
def test_bce_with_unbounded_output_warns_why_and_what_to_use(binary, output):
    X, Y = binary
    with pytest.warns(PairingWarning, match=rf"bce takes log\(a\) and needs outputs in \(0, 1\).*'{output}'.*Use output='sigmoid'"):
        try:
            train(X, Y, output=output, num_iterations=1)
        except DivergenceError:
            pass  # may well happen (log of a value <= 0); the warning is what is tested


def test_softmax_with_one_output_unit_warns(binary):
    X, Y = binary
    with pytest.warns(PairingWarning, match=r"softmax over a single output unit is always 1.*output='sigmoid'"):
        train(X, np.ones_like(Y), output="softmax", loss="cce")


def test_cce_without_softmax_warns(binary):
    X, _ = binary
    Y = np.eye(3)[np.arange(12) % 3].T
    with pytest.warns(PairingWarning, match=r"Use output='softmax'"):
        train(X, Y, dims=(2, 3, 3), output="sigmoid", loss="cce")


# ----------------------------------------------------------------------------- divergence
def test_divergence_names_iteration_and_hints_at_learning_rate():
    X, Y = load_quadratic()
    with pytest.raises(DivergenceError, match=r"Training diverged at iteration \d+: the cost became (nan|inf).*"
                                              r"last finite cost: [0-9.e+]+\)\. The learning rate 0\.01 is "
                                              r"probably too large.*try 0\.001"):
        L_layer_model(X, Y, [1, 8, 1], hidden="leaky_relu", output="linear", loss="mse",
                      learning_rate=0.01, num_iterations=200, init="he", progress=False)


def test_divergence_error_is_a_floating_point_error():
    assert issubclass(DivergenceError, FloatingPointError)


# ============================================================================= issue 7, part 2
# One validation layer: the same mistake gets the same message from every public function.
from dlsnotes import (  # noqa: E402
    MissingGradientError,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
)
from dlsnotes.gradcheck import gradient_check  # noqa: E402


@pytest.fixture
def net(binary):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)
    return X, Y, parameters, AL, caches, grads


# ----------------------------------------------------------------------------- grads
@pytest.mark.parametrize("bad, match", [
    (np.ones((3, 12)), r"db1 must have the shape of b1, \(3, 1\): one value per unit, averaged over "
                       r"the m examples; got \(3, 12\)\. .*mean over the examples.*keepdims=True"),
    (np.ones(3), r"db1 must have the shape of b1, \(3, 1\).*got \(3,\)\. Keep it a column.*keepdims=True"),
    (0.5, r"db1 must have the shape of b1, \(3, 1\).*got a scalar"),
    (np.float64(0.5), r"db1 must have the shape of b1.*got a scalar"),
])
def test_update_parameters_refuses_a_db_of_the_wrong_shape(net, bad, match):
    X, Y, parameters, _, _, grads = net
    with pytest.raises(ValueError, match=match):
        update_parameters(parameters, dict(grads, db1=bad), 0.1)
    # gradient_check says the same about the same gradient
    with pytest.raises(ValueError, match=match):
        gradient_check(parameters, X, Y, grads=dict(grads, db1=bad))


def test_update_parameters_refuses_scalar_and_transposed_dW(net):
    _, _, parameters, _, _, grads = net
    with pytest.raises(ValueError, match=r"dW2 must have the shape of W2, \(1, 3\): one value per weight.*got a scalar"):
        update_parameters(parameters, dict(grads, dW2=0.5), 0.1)
    with pytest.raises(ValueError, match=r"dW1 must have the shape of W1, \(3, 2\).*got \(2, 3\)\. It is transposed"):
        update_parameters(parameters, dict(grads, dW1=grads["dW1"].T), 0.1)


def test_missing_gradient_is_a_key_error_and_a_value_error(net):
    X, Y, parameters, _, _, grads = net
    short = {k: v for k, v in grads.items() if k != "db2"}
    for call in (lambda: update_parameters(parameters, short, 0.1),
                 lambda: gradient_check(parameters, X, Y, grads=short)):
        with pytest.raises(MissingGradientError, match=r"grads lacks \['db2'\].*L_model_backward") as info:
            call()
        assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
        assert str(info.value).startswith("grads lacks")  # not KeyError's quoted repr


def test_gradient_check_refuses_a_wrong_sized_gradient(net):
    X, Y, parameters, _, _, grads = net
    with pytest.raises(ValueError, match=r"dW1 must have the shape of W1, \(3, 2\).*got \(2, 2\)"):
        gradient_check(parameters, X, Y, grads=dict(grads, dW1=grads["dW1"][:2]))


def test_nan_gradient_blames_the_backward_pass(net):
    _, _, parameters, _, _, grads = net
    bad = grads["dW1"].copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"grads\['dW1'\] contains 1 NaN.*backward pass"):
        update_parameters(parameters, dict(grads, dW1=bad), 0.1)


# ----------------------------------------------------------------------------- parameters
ALL_PARAMETER_TAKERS = {
    "L_model_forward": lambda X, Y, p: L_model_forward(X, p),
    "predict": lambda X, Y, p: predict(X, p),
    "gradient_check": lambda X, Y, p: gradient_check(p, X, Y),
    "L_layer_model": lambda X, Y, p: train(X, Y, parameters=p),
    "update_parameters": lambda X, Y, p: update_parameters(
        p, {"d" + k: np.zeros((3, 2) if k == "W1" else (3, 1) if k == "b1" else (1, 3) if k == "W2" else (1, 1))
            for k in ("W1", "b1", "W2", "b2")}, 0.1),
}


@pytest.mark.parametrize("where", sorted(ALL_PARAMETER_TAKERS))
def test_missing_bias_is_named_everywhere(binary, where):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    del parameters["b2"]
    with pytest.raises(ValueError, match=r"parameters lacks \['b2'\].*b\{l\} of shape \(n_l, 1\)"):
        ALL_PARAMETER_TAKERS[where](X, Y, parameters)


@pytest.mark.parametrize("where", sorted(ALL_PARAMETER_TAKERS))
def test_one_dimensional_bias_is_refused_everywhere(binary, where):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    parameters["b1"] = np.zeros(3)
    with pytest.raises(ValueError, match=r"parameters\['b1'\] must have shape \(n_1, 1\) = \(3, 1\).*"
                                         r"got \(3,\)\. Use b1\.reshape\(-1, 1\)"):
        ALL_PARAMETER_TAKERS[where](X, Y, parameters)


@pytest.mark.parametrize("where", sorted(ALL_PARAMETER_TAKERS))
def test_extra_keys_and_lists_are_refused_everywhere(binary, where):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    with pytest.raises(ValueError, match=r"must hold exactly W1, b1, \.\.\., WL, bL; got unexpected key\(s\) "
                                         r"\['dW1'\]\. Keys starting with 'd' are gradients"):
        ALL_PARAMETER_TAKERS[where](X, Y, dict(parameters, dW1=np.zeros((3, 2))))
    with pytest.raises(TypeError, match=r"parameters must be the dict .*; got a list"):
        ALL_PARAMETER_TAKERS[where](X, Y, list(parameters.values()))


@pytest.mark.parametrize("where", sorted(ALL_PARAMETER_TAKERS))
def test_nan_weights_are_blamed_on_the_weights_not_the_learning_rate(binary, where):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    parameters["W1"][1, 1] = np.nan
    with pytest.raises(ValueError, match=r"parameters\['W1'\] contains 1 NaN or infinite value\(s\): the "
                                         r"weights you passed are broken") as info:
        ALL_PARAMETER_TAKERS[where](X, Y, parameters)
    assert not isinstance(info.value, DivergenceError)


def test_inconsistent_layer_shapes_name_both_layers(binary):
    X, _ = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    parameters["W2"] = np.zeros((1, 4))
    with pytest.raises(ValueError, match=r"parameters\['W2'\] must have shape \(n_2, n_1\) = \(1, 3\).*"
                                         r"W1 has shape \(3, 2\).*got \(1, 4\)"):
        L_model_forward(X, parameters)


def test_integer_weights_with_float_bias_are_cast_not_a_ufunc_error(binary):
    X, _ = binary
    parameters = {"W1": np.array([[1, -1], [2, 0], [0, 1]]), "b1": np.full((3, 1), 0.5),
                  "W2": np.array([[1, 1, -1]]), "b2": np.zeros((1, 1))}
    floats = {k: v.astype(float) for k, v in parameters.items()}
    AL, caches = L_model_forward(X.round().astype(int), parameters)
    expected, _ = L_model_forward(X.round(), floats)
    np.testing.assert_array_equal(AL, expected)
    assert caches[0].linear_cache[1].dtype == np.float64
    A, _ = linear_activation_forward(X.round().astype(int), parameters["W1"], parameters["b1"], "relu")
    np.testing.assert_array_equal(A, np.maximum(floats["W1"] @ X.round() + 0.5, 0))
    assert parameters["W1"].dtype.kind == "i"  # the caller's dict is not changed


# ----------------------------------------------------------------------------- m = 0
def test_zero_examples_is_explained(binary):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    match = r"must have at least one example \(column\); got shape \(\d, 0\), so m = 0"
    with pytest.raises(ValueError, match=match):
        L_model_forward(X[:, :0], parameters)
    with pytest.raises(ValueError, match=match):
        train(X[:, :0], Y[:, :0])
    with pytest.raises(ValueError, match=match):
        compute_cost(np.full((1, 0), 0.5), Y[:, :0])
    with pytest.raises(ValueError, match=match):
        linear_forward(X[:, :0], parameters["W1"], parameters["b1"])


# ----------------------------------------------------------------------------- compute_cost
@pytest.mark.parametrize("loss", ["bce", "cce"])
def test_compute_cost_refuses_AL_outside_0_1_instead_of_clipping(loss):
    Y = np.array([[1.0, 0.0], [0.0, 1.0]]) if loss == "cce" else np.array([[1.0, 0.0]])
    AL = np.array([[1.2, -0.2], [-0.2, 1.2]]) if loss == "cce" else np.array([[1.3, 0.2]])
    with pytest.raises(ValueError, match=rf"{loss} takes log\(AL\) and needs probabilities, AL in \[0, 1\]; "
                                         r"got values from -?[0-9.]+ to 1\.[23]"):
        compute_cost(AL, Y, loss=loss)


def test_compute_cost_accepts_a_saturated_sigmoid_output():
    # expit(40) == 1.0 exactly in float64: a probability, clipped inside the log
    assert np.isfinite(compute_cost(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])))


def test_compute_cost_refuses_nan_AL():
    with pytest.raises(ValueError, match=r"AL contains 1 NaN or infinite value\(s\), so the cost is undefined"):
        compute_cost(np.array([[0.5, np.nan]]), np.array([[1.0, 0.0]]))


def test_compute_cost_refuses_softmax_output_not_summing_to_1():
    Y = np.eye(3)[[0, 1, 2, 0]].T
    with pytest.raises(ValueError, match=r"cce needs every column of AL to be a probability distribution "
                                         r"summing to 1.*column sums range from 1\.5 to 1\.5"):
        compute_cost(np.full((3, 4), 0.5), Y, loss="cce")


# ----------------------------------------------------------------------------- L_model_backward
def test_L_model_backward_refuses_one_dimensional_AL(net):
    _, Y, _, AL, caches, _ = net
    with pytest.raises(ValueError, match=r"AL must be 2-D with shape \(n_y, m\) = \(1, 12\).*got shape \(12,\)\. "
                                         r"Use AL\.reshape\(1, -1\)"):
        L_model_backward(AL.ravel(), Y, caches)


@pytest.mark.parametrize("caches", [[], (), None])
def test_L_model_backward_refuses_empty_or_missing_caches(net, caches):
    _, Y, _, AL, _, _ = net
    with pytest.raises(TypeError, match=r"caches must be the list of L caches returned by L_model_forward"):
        L_model_backward(AL, Y, caches)


def test_L_model_backward_refuses_caches_from_another_m(net):
    X, Y, parameters, AL, _, _ = net
    _, other = L_model_forward(X[:, :5], parameters)
    with pytest.raises(ValueError, match=r"AL must have one column per example of the caches, m = 5; got 12"):
        L_model_backward(AL, Y, other)
    _, first = L_model_forward(X[:, :5], parameters)
    _, second = L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=r"caches\[1\] \(layer 2\) must come from the same m = 5 examples"):
        L_model_backward(AL, Y, [first[0], second[1]])


def test_L_model_backward_refuses_a_single_cache_or_a_three_tuple(net):
    _, Y, _, AL, caches, _ = net
    with pytest.raises(TypeError, match=r"got a single layer's cache"):
        L_model_backward(AL, Y, caches[-1])
    with pytest.raises(TypeError, match=r"caches\[0\] must be a cache from the forward pass.*got a tuple of length 3"):
        L_model_backward(AL, Y, [(*caches[0], "relu"), caches[1]])


# ----------------------------------------------------------------------------- layer functions
def test_layer_functions_refuse_broadcasting(net):
    X, _, parameters, _, caches, _ = net
    W, b = parameters["W1"], parameters["b1"]
    with pytest.raises(ValueError, match=r"b must have shape \(n_l, 1\) = \(3, 1\).*got \(3,\)\. Use b\.reshape\(-1, 1\)"):
        linear_forward(X, W, np.zeros(3))
    with pytest.raises(ValueError, match=r"A must have shape \(n_prev, m\) = \(2, m\).*got \(12, 2\)\. Use A\.T"):
        linear_forward(X.T, W, b)
    with pytest.raises(ValueError, match=r"dZ must have shape \(n_l, m\) = \(3, 12\), the shape of this layer's Z.*got \(2, 12\)"):
        linear_backward(np.ones((2, 12)), caches[0].linear_cache)
    with pytest.raises(ValueError, match=r"dA must have shape \(n_l, m\) = \(3, 12\), the shape of this layer's Z.*got \(\)\. "
                                         r"A scalar is not spread"):
        linear_activation_backward(np.float64(1.0), caches[0])


def test_plain_tuple_cache_needs_its_activation(net):
    _, _, _, _, caches, _ = net
    plain = (caches[0][0], caches[0][1])
    with pytest.raises(TypeError, match=r"plain tuple \(\(A_prev, W, b\), Z\) and does not record its activation"):
        linear_activation_backward(np.ones((3, 12)), plain)
    with pytest.raises(TypeError, match=r"got a tuple of length 3.*"):
        linear_activation_backward(np.ones((3, 12)), caches[0].linear_cache)


# ----------------------------------------------------------------------------- gradient_check
@pytest.mark.parametrize("epsilon", [0, 0.0, -1e-7, np.nan, "1e-7", True])
def test_gradient_check_epsilon_must_be_positive(net, epsilon):
    X, Y, parameters, _, _, _ = net
    with pytest.raises(ValueError, match=r"epsilon must be a positive finite number such as 1e-7"):
        gradient_check(parameters, X, Y, epsilon=epsilon)


def test_gradient_check_on_float32_says_it_needs_float64_not_that_backward_is_wrong(binary):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], init="xavier", seed=1)
    p32 = {k: v.astype(np.float32) for k, v in parameters.items()}
    report = gradient_check(p32, X.astype(np.float32), Y.astype(np.float32), hidden="tanh")
    text = str(report)
    assert report.precision == "float32"
    assert "need float64" in text and "mistake in backward propagation" not in text
    assert "most wrong" not in text
    # and the same check in float64 passes: the backward pass was right all along
    assert gradient_check(parameters, X, Y, hidden="tanh").passed


def test_gradient_check_relu_output_with_bce_blames_the_pairing(binary):
    X, Y = binary
    parameters = initialize_parameters_deep([2, 3, 1], init="he", seed=1)
    with pytest.raises(ValueError, match=r"gradient_check cannot check output='relu' with loss='bce'.*"
                                         r"bce takes log\(a\).*Use output='sigmoid'") as info:
        gradient_check(parameters, X, Y, output="relu", loss="bce")
    assert "W1" not in str(info.value)


# ----------------------------------------------------------------------------- seeds and labels
@pytest.mark.parametrize("seed, error", [(1.0, TypeError), ("1", TypeError), (True, TypeError),
                                         (-1, ValueError), (2**32, ValueError), (None, None),
                                         (0, None), (2**32 - 1, None), (np.int64(3), None)])
def test_seeds_are_validated(binary, seed, error):
    X, Y = binary
    if error is None:
        initialize_parameters_deep([2, 3, 1], seed=seed)
        train(X, Y, seed=seed)
        return
    match = r"seed must be .*int in \[0, 2\*\*32 - 1\].*got " + re.escape(repr(seed))
    with pytest.raises(error, match=match):
        initialize_parameters_deep([2, 3, 1], seed=seed)
    with pytest.raises(error, match=match):
        train(X, Y, seed=seed)


def test_boolean_labels_are_taken_as_0_1_everywhere(binary):
    X, Y = binary
    B = Y > 0
    p_bool, c_bool = train(X, B, num_iterations=3)
    p_float, c_float = train(X, Y, num_iterations=3)
    assert c_bool == c_float and c_bool.final_cost == c_float.final_cost
    AL, caches = L_model_forward(X, p_float)
    assert compute_cost(AL, B) == compute_cost(AL, Y)
    a, b = L_model_backward(AL, B, caches), L_model_backward(AL, Y, caches)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert gradient_check(p_float, X, B, hidden="relu").difference == gradient_check(p_float, X, Y).difference
    with pytest.raises(TypeError, match="X holds booleans"):
        train(X > 0, Y)  # inputs stay numbers


# ============================================================================= issue 15, item 5
# The last bad inputs: a dA of the wrong shape, a refused pairing in L_model_backward, numbers
# of any real type, Y with another number of examples, a data loader that would overflow.
import decimal  # noqa: E402
import fractions  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import pkgutil  # noqa: E402
import warnings  # noqa: E402

import dlsnotes  # noqa: E402
from dlsnotes import activations as act_module  # noqa: E402
from dlsnotes import model as model_module  # noqa: E402
from dlsnotes.activations import ACTIVATIONS  # noqa: E402
from dlsnotes.course import w4a1, w4a2  # noqa: E402
from dlsnotes.exercises.planar import reference_leaky_relu_backward  # noqa: E402
from dlsnotes.checking import reference_linear_backward  # noqa: E402
from scipy.special import expit  # noqa: E402


def _backward_entry_points():
    """Every public function that takes a ``dA`` (or ``dZ``) first: ``name -> (call, arg)``.

    ``call(d, cache)`` runs it on layer 1 of a forward pass (``Z1`` of shape ``(3, 12)``).
    """
    layer = {
        "dlsnotes.model.linear_backward": (lambda d, c: model_module.linear_backward(d, c.linear_cache), "dZ"),
        "dlsnotes.model.linear_activation_backward": (lambda d, c: model_module.linear_activation_backward(d, c), "dA"),
        "dlsnotes.model.linear_activation_backward (plain tuple)":
            (lambda d, c: model_module.linear_activation_backward(d, (c[0], c[1]), "relu"), "dA"),
        "dlsnotes.course.w4a1.linear_backward": (lambda d, c: w4a1.linear_backward(d, c[0]), "dZ"),
        "dlsnotes.course.w4a1.linear_activation_backward":
            (lambda d, c: w4a1.linear_activation_backward(d, (c[0], c[1]), "relu"), "dA"),
        "dlsnotes.course.w4a1.relu_backward": (lambda d, c: w4a1.relu_backward(d, c[1]), "dA"),
        "dlsnotes.course.w4a1.sigmoid_backward": (lambda d, c: w4a1.sigmoid_backward(d, c[1]), "dA"),
        "dlsnotes.checking.reference_linear_backward": (lambda d, c: reference_linear_backward(d, c[0]), "dZ"),
        "dlsnotes.exercises.planar.reference_leaky_relu_backward":
            (lambda d, c: reference_leaky_relu_backward(d, c[1]), "dA"),
        "dlsnotes.activations.leaky_relu_backward (slope 0.2)":
            (lambda d, c: act_module.leaky_relu_backward(d, c[1], 0.2), "dA"),
        "get_activation('leaky_relu(0.2)').backward":
            (lambda d, c: get_activation("leaky_relu(0.2)").backward(d, c[1]), "dA"),
    }
    for name in act_module.__all__:
        if name.endswith("_backward"):
            layer[f"dlsnotes.activations.{name}"] = (
                lambda d, c, f=getattr(act_module, name): f(d, c[1]), "dA")
    for name, act in ACTIVATIONS.items():
        layer[f"ACTIVATIONS[{name!r}].backward"] = (lambda d, c, a=act: a.backward(d, c[1]), "dA")
    return layer


BACKWARD_ENTRY_POINTS = _backward_entry_points()


def _public_backward_functions():
    """``module.name`` of every public callable of the package whose first argument is dA or dZ."""
    found = {}
    for info in pkgutil.walk_packages(dlsnotes.__path__, "dlsnotes."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue  # private modules (the checks themselves, in _validation)
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if not callable(obj) or isinstance(obj, type):
                continue
            try:
                params = list(inspect.signature(obj).parameters)
            except (TypeError, ValueError):
                continue
            if params and params[0] in ("dA", "dZ"):
                found.setdefault(name, []).append(f"{info.name}.{name}")
    return found


def test_every_public_backward_function_is_in_the_bad_dA_test():
    # by name: dlsnotes.linear_backward is dlsnotes.model.linear_backward re-exported
    covered = {key.split(" ")[0].rsplit(".", 1)[-1] for key in BACKWARD_ENTRY_POINTS}
    found = _public_backward_functions()
    assert {"relu_backward", "linear_backward", "reference_linear_backward"} <= set(found)
    missing = [where for name, places in found.items() if name not in covered for where in places]
    assert not missing, f"add these to BACKWARD_ENTRY_POINTS: {sorted(missing)}"


BAD_DA = {  # a dA for Z of shape (3, 12), and the fix its message must give
    "one row": (np.ones((1, 12)), r"Pass (this layer's own dA|the dZ of the layer)"),
    "transposed": (np.ones((12, 3)), r"It is transposed: use d[AZ]\.T\."),
    "another m": (np.ones((3, 11)), r"It has 11 examples \(columns\) where .* has 12"),
    "flattened": (np.ones(36), r"use d[AZ]\.reshape\(3, 12\)"),
    "numpy scalar": (np.float64(1.0), r"A scalar is not spread over the examples"),
    "python float": (1.0, r"A scalar is not spread over the examples"),
}


@pytest.mark.parametrize("bad", sorted(BAD_DA))
@pytest.mark.parametrize("entry", sorted(BACKWARD_ENTRY_POINTS))
def test_backward_functions_refuse_a_dA_of_another_shape(net, entry, bad):
    *_, caches, _ = net
    call, arg = BACKWARD_ENTRY_POINTS[entry]
    dA, fix = BAD_DA[bad]
    assert call(np.ones((3, 12)), caches[0]) is not None  # the right shape works
    with pytest.raises(ValueError) as info:
        call(dA, caches[0])
    message = str(info.value)
    got = re.escape(str(np.shape(dA)))
    assert re.search(rf"^{arg} must have shape \(n_l, m\) = \(3, 12\), the shape of .*Z.*got {got}\. ", message), message
    assert re.search(fix, message), message
    assert "could not be broadcast" not in message and "operands" not in message
    # says so where numpy would have broadcast silently, and only there
    assert ("without a word" in message) == (bad in ("one row", "numpy scalar", "python float")), message


def test_activation_backward_refuses_a_whole_layer_cache_and_lists(net):
    *_, caches, _ = net
    with pytest.raises(TypeError, match=r"cache must be Z, the activation_cache .*got a LayerCache\. This looks like "
                                        r"a whole layer cache: take its second entry"):
        act_module.relu_backward(np.ones((3, 12)), caches[0])
    with pytest.raises(TypeError, match=r"dA must be a numpy array with the shape of Z \(the cache\), \(n_l, m\) = "
                                        r"\(3, 12\); got a list\. Convert it with np\.array\(dA, dtype=float\)"):
        act_module.sigmoid_backward(np.ones((3, 12)).tolist(), caches[0][1])


def _training_warning(X, Y, **kw):
    """The PairingWarning texts that L_layer_model gives for this setting."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            train(X, Y, **kw)
        except DivergenceError:
            pass
    return [str(w.message) for w in caught if issubclass(w.category, PairingWarning)]


def test_L_model_backward_with_a_relu_output_and_bce_says_what_training_says(binary):
    X, Y = binary
    said = _training_warning(X, Y, output="relu", loss="bce", init="he", seed=1)
    assert len(said) == 1 and "bce takes log(a)" in said[0]
    parameters = initialize_parameters_deep([2, 3, 1], init="he", seed=1)

    # outputs inside (0, 1): the gradients are defined, with training's warning word for word
    inside = dict(parameters, W2=np.full((1, 3), 0.01), b2=np.array([[0.5]]))
    AL, caches = L_model_forward(X, inside, output="relu")
    assert np.all((AL > 0) & (AL < 1))
    with pytest.warns(PairingWarning) as record:
        grads = L_model_backward(AL, Y, caches, loss="bce")
    assert [str(w.message) for w in record] == said
    assert record[0].filename == __file__  # it points at the learner's call
    assert all(np.all(np.isfinite(g)) for g in grads.values())

    # a dead ReLU output (AL == 0) where y = 1: dL/dA divides by zero -> refused, naming the pair,
    # with the explanation training and gradient_check give
    dead = dict(parameters, b2=np.array([[-10.0]]))
    AL, caches = L_model_forward(X, dead, output="relu")
    assert np.all(AL == 0)
    with pytest.raises(ValueError, match=r"L_model_backward cannot differentiate output='relu' with loss='bce' here: "
                                         rf"dL/dA\[L\] is undefined at {int(Y.sum())} of the 12 output\(s\)") as info:
        L_model_backward(AL, Y, caches, loss="bce")
    assert said[0] in str(info.value)
    with pytest.raises(ValueError) as checked:
        gradient_check(dead, X, Y, output="relu", loss="bce")
    assert said[0] in str(checked.value)


def test_L_model_backward_with_a_fitting_pair_gives_no_warning(net):
    _, Y, _, AL, caches, _ = net
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L_model_backward(AL, Y, caches, loss="bce")
        L_model_backward(AL, Y, caches, loss="mse")  # sigmoid + mse: slow, but it works


# ----------------------------------------------------------------------------- numbers of any real type
REALS = {
    "np.float32": np.float32(0.1),
    "np.float64": np.float64(0.1),
    "Fraction": fractions.Fraction(1, 10),
    "Decimal": decimal.Decimal("0.1"),
}


@pytest.mark.parametrize("kind", sorted(REALS))
def test_any_real_number_is_a_learning_rate(binary, kind):
    X, Y = binary
    rate = REALS[kind]
    p, costs = train(X, Y, learning_rate=rate, num_iterations=3)
    p_float, costs_float = train(X, Y, learning_rate=float(rate), num_iterations=3)
    assert costs.final_cost == costs_float.final_cost
    assert all(np.array_equal(p[k], p_float[k]) for k in p)
    parameters, _, _, grads = _net(X, Y)
    new, new_float = (update_parameters(parameters, grads, r) for r in (rate, float(rate)))
    assert all(np.array_equal(new[k], new_float[k]) for k in new)
    course = {k: parameters[k] for k in parameters}
    assert np.array_equal(w4a1.update_parameters(course, grads, rate)["W1"], new_float["W1"])


def _net(X, Y):
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    AL, caches = L_model_forward(X, parameters)
    return parameters, AL, caches, L_model_backward(AL, Y, caches)


@pytest.mark.parametrize("kind", sorted(REALS))
def test_any_real_number_is_a_leaky_slope(kind):
    slope = REALS[kind]
    Z = np.array([[-2.0, -0.5, 0.0, 1.5]])
    dA = np.array([[1.0, 2.0, 3.0, 4.0]])
    want = np.where(Z > 0, 1.0, float(slope)) * dA
    np.testing.assert_array_equal(act_module.leaky_relu_backward(dA, Z, slope), want)
    np.testing.assert_array_equal(get_activation("leaky_relu", slope=slope).backward(dA, Z), want)
    A, _ = act_module.leaky_relu(Z, slope)
    np.testing.assert_array_equal(A, np.maximum(Z, float(slope) * Z))


SMALL_REALS = {
    "np.float32": np.float32(1e-6),
    "np.float64": np.float64(1e-6),
    "Fraction": fractions.Fraction(1, 10**6),
    "Decimal": decimal.Decimal("1e-6"),
}


@pytest.mark.parametrize("kind", sorted(REALS))
def test_any_real_number_is_a_lambd_epsilon_and_threshold(binary, kind):
    X, Y = binary
    value, small = REALS[kind], SMALL_REALS[kind]
    _, costs = train(X, Y, lambd=value)
    _, costs_float = train(X, Y, lambd=float(value))
    assert costs.final_cost == costs_float.final_cost
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    report = gradient_check(parameters, X, Y, epsilon=small, threshold=value)
    report_float = gradient_check(parameters, X, Y, epsilon=float(small), threshold=float(value))
    assert report.threshold == float(value) and report.difference == report_float.difference


@pytest.mark.parametrize("name", ["num_iterations", "cost_every", "mini_batch_size"])
def test_numpy_ints_are_counts_and_whole_numbers_of_other_types_are_explained(binary, name):
    X, Y = binary
    _, costs = train(X, Y, **{name: np.int64(3)})
    _, costs_int = train(X, Y, **{name: 3})
    assert costs.final_cost == costs_int.final_cost
    p, _ = train(X, Y, dims=(np.int64(2), np.int32(3), np.uint8(1)))
    assert p["W1"].shape == (3, 2)
    with pytest.raises(ValueError, match=rf"{name} must be a (non-negative|positive) int; got Fraction\(3, 1\)\. Use {name}=3\."):
        train(X, Y, **{name: fractions.Fraction(3)})


@pytest.mark.parametrize("bad", [True, np.bool_(True), decimal.Decimal("NaN"), decimal.Decimal("sNaN"),
                                 decimal.Decimal("-0.1"), decimal.Decimal("Infinity"), fractions.Fraction(-1, 10),
                                 np.float32("nan"), "0.1", None])
def test_booleans_and_non_finite_or_negative_numbers_stay_refused(binary, bad):
    X, Y = binary
    with pytest.raises(ValueError, match=r"learning_rate must be a positive finite number; got "):
        train(X, Y, learning_rate=bad)
    if bad is not None:  # slope=None means the default slope
        with pytest.raises(ValueError, match=r"The Leaky ReLU slope must be a number in \[0, 1\); got "):
            get_activation("leaky_relu", slope=bad)
    if isinstance(bad, decimal.Decimal) and bad.is_snan():
        return  # L_layer_model compares lambd with 0 first, which a signalling NaN refuses itself
    error = TypeError if isinstance(bad, (bool, np.bool_, str, type(None))) else ValueError
    with pytest.raises(error, match=r"lambd \(the L2 strength λ\) must be a (finite )?number >= 0"):
        train(X, Y, lambd=bad)


# ----------------------------------------------------------------------------- Y with another m
def test_Y_with_another_number_of_examples_says_so_in_examples_everywhere():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 50)
    Y40 = (rng.rand(1, 40) > 0.5).astype(float)
    parameters = initialize_parameters_deep([2, 3, 1], seed=1)
    AL, caches = L_model_forward(X, parameters)
    calls = {
        "X": [lambda: train(X, Y40), lambda: gradient_check(parameters, X, Y40),
              lambda: w4a2.L_layer_model(X, Y40, [2, 3, 1], num_iterations=1)],
        "AL": [lambda: compute_cost(AL, Y40), lambda: L_model_backward(AL, Y40, caches),
               lambda: w4a1.compute_cost(AL, Y40), lambda: w4a1.L_model_backward(AL, Y40, caches)],
    }
    for source, fns in calls.items():
        for fn in fns:
            with pytest.raises(ValueError) as info:
                fn()
            message = str(info.value)
            assert message.startswith(f"Y has 40 examples (columns) but {source} has 50: "), message
            assert "X[:, idx] and Y[:, idx]" in message
            assert "(1, 50)" not in message


# ----------------------------------------------------------------------------- data loaders
def test_load_quadratic_refuses_inputs_whose_targets_overflow():
    X, Y = load_quadratic([-2.0, 7e153])  # the largest inputs still give finite targets
    assert np.all(np.isfinite(Y))
    with pytest.raises(ValueError, match=r"y = 3 x\*\*2 \+ 3 x overflows float64 for 2 of the inputs \(the largest "
                                         r"\|x\| is 1e\+300; y stays finite only for \|x\| below about 7\.7e\+153\)"
                                         r".*would be infinite.*np\.linspace\(-3, 3, 100\)"):
        load_quadratic([1.0, 1e200, -1e300])


# ============================================================================= issue 15, item 6
def _saturated(output):
    """One layer whose output saturates: ``AL`` is exactly 1.0 (or 0.0) where the label is not."""
    X = np.array([[1.0, -1.0]])
    if output == "sigmoid":
        parameters = {"W1": np.array([[1000.0]]), "b1": np.array([[0.0]])}
        Y = np.array([[0.0, 1.0]])
    else:
        parameters = {"W1": np.array([[1000.0], [-1000.0]]), "b1": np.zeros((2, 1))}
        Y = np.array([[0.0, 1.0], [1.0, 0.0]])
    return X, Y, parameters


@pytest.mark.parametrize("output, loss", [("sigmoid", "bce"), ("softmax", "cce")])
def test_a_saturated_canonical_output_gives_finite_exact_gradients(output, loss):
    X, Y, parameters = _saturated(output)
    AL, caches = L_model_forward(X, parameters, output=output)
    assert np.any((AL == 1.0) & (Y == 0)), "the output is saturated the wrong way round"
    grads = L_model_backward(AL, Y, caches, loss=loss)
    # analytic: dZ = A - Y (the chain rule with g' cancelled), dW = dZ X.T / m, db = mean dZ
    Z = parameters["W1"] @ X + parameters["b1"]
    A = expit(Z) if output == "sigmoid" else np.exp(Z - Z.max(0)) / np.exp(Z - Z.max(0)).sum(0)
    np.testing.assert_allclose(grads["dW1"], (A - Y) @ X.T / 2, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(grads["db1"], (A - Y).sum(axis=1, keepdims=True) / 2, rtol=1e-12, atol=1e-300)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    if output == "sigmoid":
        assert grads["dW1"][0, 0] == pytest.approx(1.0) and grads["db1"][0, 0] == pytest.approx(0.0, abs=1e-300)


def test_a_consistent_unsaturated_output_gives_the_exact_chain_to_rounding(net):
    X, Y, parameters, AL, caches, grads = net
    dAL = -(Y / AL - (1 - Y) / (1 - AL))  # the course's chain, fine away from saturation
    s = 1 / (1 + np.exp(-caches[1][1]))
    dW2 = (dAL * s * (1 - s)) @ caches[1][0][0].T / X.shape[1]
    np.testing.assert_allclose(grads["dW2"], dW2, rtol=1e-12)


def test_an_AL_that_is_not_its_caches_output_keeps_the_exact_chain(net):
    X, Y, parameters, AL, caches, _ = net
    AL_other = np.clip(AL + 0.2, 0.05, 0.95)  # like the course's test input: not sigmoid(Z[L])
    grads = L_model_backward(AL_other, Y, caches, loss="bce")
    dAL = -(Y / AL_other - (1 - Y) / (1 - AL_other))
    s = 1 / (1 + np.exp(-caches[1][1]))
    dZ_chain = dAL * s * (1 - s)
    A1 = caches[1][0][0]
    np.testing.assert_allclose(grads["dW2"], dZ_chain @ A1.T / X.shape[1], rtol=1e-12)
    fused = (AL_other - Y) @ A1.T / X.shape[1]
    assert not np.allclose(grads["dW2"], fused, rtol=1e-3), "an inconsistent AL must not take the shortcut"


def test_the_course_reproduction_keeps_the_course_chain_even_when_it_saturates():
    # dlsnotes.course.w4a1 is the course's L_model_backward: its dAL divides by 1 - AL as the
    # course's does, so a saturated sigmoid gives the course's NaN there (the core does not)
    X, Y, parameters = _saturated("sigmoid")
    AL, caches = w4a1.L_model_forward(X, parameters)
    assert AL[0, 0] == 1.0
    with np.errstate(invalid="ignore"):  # inf * 0 in sigmoid_backward, as in the course
        grads = w4a1.L_model_backward(AL, Y, caches)
    assert np.isnan(grads["dW1"]).any()
    AL, caches = L_model_forward(X, parameters)
    assert np.all(np.isfinite(L_model_backward(AL, Y, caches)["dW1"]))
