"""Cross-check against scikit-learn: ten full-batch plain gradient-descent steps of
``MLPClassifier`` from the same starting weights must land on the same weights as
``L_layer_model`` (sklearn stores ``W.T``: ``coefs_[l-1] == W{l}.T``)."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from dlsnotes import L_layer_model, initialize_parameters_deep
from dlsnotes.datasets import load_planar_dataset

N_STEPS = 10


def sklearn_gradient_descent(X, Y, start, activation, learning_rate, n_steps):
    """Plain full-batch gradient descent in scikit-learn, started from ``start``.

    A first ``fit`` with ``max_iter=1`` creates the attributes (and one loss_curve_ entry);
    the weights are then overwritten and, thanks to ``warm_start``, the second ``fit``
    continues from them.
    """
    m = X.shape[1]
    n_hidden = tuple(start[f"b{l}"].shape[0] for l in range(1, len(start) // 2))
    clf = MLPClassifier(
        hidden_layer_sizes=n_hidden, activation=activation, solver="sgd", batch_size=m,
        momentum=0.0, nesterovs_momentum=False, alpha=0.0, learning_rate="constant",
        learning_rate_init=learning_rate, shuffle=False, tol=0.0, n_iter_no_change=10**9,
        early_stopping=False, max_iter=1, warm_start=True, random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is tiny on purpose
        clf.fit(X.T, Y.ravel())
        L = len(start) // 2
        clf.coefs_ = [start[f"W{l}"].T.copy() for l in range(1, L + 1)]
        clf.intercepts_ = [start[f"b{l}"].ravel().copy() for l in range(1, L + 1)]
        clf.set_params(max_iter=n_steps)
        clf.fit(X.T, Y.ravel())
    return clf


@pytest.fixture(scope="module")
def data():
    X, Y = load_planar_dataset()
    return X[:, ::4], Y[:, ::4]  # 100 examples, both classes


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("n_h,seed", [(4, 3), (6, 5)])
def test_ten_steps_match_sklearn(data, activation, n_h, seed):
    X, Y = data
    m, lr = X.shape[1], 0.5
    start = initialize_parameters_deep([2, n_h, 1], init="he", seed=seed)
    start_copy = {k: v.copy() for k, v in start.items()}
    clf = sklearn_gradient_descent(X, Y, start, activation, lr, N_STEPS)

    ours, costs = L_layer_model(X, Y, [2, n_h, 1], hidden=activation, output="sigmoid", loss="bce",
                                learning_rate=lr, num_iterations=N_STEPS, parameters=start,
                                cost_every=1, progress=False)

    # sklearn really did exactly 10 full-batch steps from our start: one warm-up epoch plus 10,
    # each of one batch of m examples, and its losses before each step are our costs.
    assert clf.out_activation_ == "logistic"
    assert len(clf.loss_curve_) == 1 + N_STEPS
    assert clf.t_ == (1 + N_STEPS) * m
    np.testing.assert_allclose(clf.loss_curve_[1:], costs[:N_STEPS], rtol=1e-12)

    # it moved, so agreeing is not trivial
    assert np.abs(clf.coefs_[0] - start_copy["W1"].T).max() > 1e-2
    for l in (1, 2):
        np.testing.assert_allclose(ours[f"W{l}"], clf.coefs_[l - 1].T, rtol=0, atol=1e-10)
        np.testing.assert_allclose(ours[f"b{l}"].ravel(), clf.intercepts_[l - 1], rtol=0, atol=1e-10)
        np.testing.assert_array_equal(start[f"W{l}"], start_copy[f"W{l}"])


def test_two_hidden_layers_match_sklearn(data):
    X, Y = data
    start = initialize_parameters_deep([2, 5, 3, 1], init="xavier", seed=7)
    clf = sklearn_gradient_descent(X, Y, start, "tanh", 0.3, N_STEPS)
    ours, _ = L_layer_model(X, Y, [2, 5, 3, 1], hidden="tanh", learning_rate=0.3,
                            num_iterations=N_STEPS, parameters=start, progress=False)
    assert len(clf.loss_curve_) == 1 + N_STEPS
    for l in (1, 2, 3):
        np.testing.assert_allclose(ours[f"W{l}"], clf.coefs_[l - 1].T, rtol=0, atol=1e-10)
        np.testing.assert_allclose(ours[f"b{l}"].ravel(), clf.intercepts_[l - 1], rtol=0, atol=1e-10)


def test_a_different_start_does_not_match(data):
    # Guards the cross-check itself: had sklearn ignored our weights, this would agree too.
    X, Y = data
    start = initialize_parameters_deep([2, 4, 1], init="he", seed=3)
    other = initialize_parameters_deep([2, 4, 1], init="he", seed=4)
    clf = sklearn_gradient_descent(X, Y, start, "tanh", 0.5, N_STEPS)
    ours, _ = L_layer_model(X, Y, [2, 4, 1], hidden="tanh", learning_rate=0.5,
                            num_iterations=N_STEPS, parameters=other, progress=False)
    assert np.abs(ours["W1"] - clf.coefs_[0].T).max() > 1e-3
