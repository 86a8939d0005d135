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
    with pytest.raises(ValueError, match=r"Y must have shape \(n_y, m\) = \(1, 12\); got \(1, 11\)"):
        train(X, Y[:, :11])


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
