"""Course 1, week 4: "Deep Neural Network for Image Classification: Application" (W4A2).

The two graded models and the helpers the notebook imports from its ``dnn_app_utils``,
with the course's names, signatures, defaults, outputs and seeding::

    from dlsnotes.course.w4a2 import (two_layer_model, L_layer_model, predict,
                                      initialize_parameters, initialize_parameters_deep,
                                      linear_activation_forward, linear_activation_backward,
                                      L_model_forward, compute_cost, L_model_backward,
                                      update_parameters)

``two_layer_model`` and ``L_layer_model`` are the course's own loops over these functions
(forward, cost, backward, update), in plain numpy. What ``dnn_app_utils`` does differently
from week 4 part 1 (:mod:`dlsnotes.course.w4a1`), reproduced here:

* ``initialize_parameters_deep`` seeds ``np.random.seed(1)`` and scales by
  ``1 / sqrt(n_{l-1})`` (``randn / np.sqrt(layer_dims[l-1])``), not ``0.01``;
* ``update_parameters(parameters, grads, learning_rate)`` updates the dict it is given *in
  place* (each ``parameters["W1"]`` is rebound to a new array) and returns that same dict,
  so a learner's loop that drops the return value still trains, as it does in the course;
* ``two_layer_model`` and ``L_layer_model`` call ``np.random.seed(1)`` first, record the
  cost every 100 iterations (before that iteration's update; no extra final entry) and
  print ``Cost after iteration i: J`` at those iterations when ``print_cost`` is true —
  and at the last iteration *always*: the course writes
  ``if print_cost and i % 100 == 0 or i == num_iterations - 1``, which Python reads as
  ``(print_cost and i % 100 == 0) or i == num_iterations - 1``, and its expected output
  for ``print_cost=False`` shows that line;
* ``predict(X, y, parameters)`` prints ``Accuracy: ...`` and returns the 0/1 predictions.

The other functions are W4A1's (the same formulas in ``dnn_app_utils``). The cat images
of the course are not shipped: ``load_data`` reads them from your own course folder (with
``h5py``); the models run on any ``X`` of shape ``(n_x, m)``. These are references for
checking one's own work (:func:`dlsnotes.course.check`).
"""

from __future__ import annotations

import os

import numpy as np

from .._validation import check_layer_dims, check_learning_rate
from ._common import as_labels, as_matrix, check_grads_shapes, global_randn_parameters, num_layers
from .w4a1 import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
)

__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "relu",
    "relu_backward",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "load_data",
    "predict",
    "two_layer_model",
    "L_layer_model",
]


def load_data(train_path="datasets/train_catvnoncat.h5", test_path="datasets/test_catvnoncat.h5"):
    """The course's cat / non-cat images, read from *your* copy of the course's two h5 files.

    dlsnotes does not ship the images. With the files of your course folder (and ``h5py``
    installed) this returns what the course's ``load_data`` returns:
    ``train_x_orig (209, 64, 64, 3), train_y (1, 209), test_x_orig (50, 64, 64, 3),
    test_y (1, 50), classes``.
    """
    missing = [p for p in (train_path, test_path) if not os.path.exists(p)]
    if missing:
        raise FileNotFoundError(
            f"The course's image files {missing} are not here; dlsnotes does not ship them. "
            "Pass the paths of the h5 files from your course folder, e.g. "
            "load_data('my_course/datasets/train_catvnoncat.h5', "
            "'my_course/datasets/test_catvnoncat.h5'), or train on any X of shape (n_x, m)."
        )
    try:
        import h5py  # optional: only this function needs it
    except ImportError:
        raise ImportError("Reading the course's h5 files needs h5py: pip install h5py.") from None
    with h5py.File(train_path, "r") as train, h5py.File(test_path, "r") as test:
        train_x, train_y = np.array(train["train_set_x"][:]), np.array(train["train_set_y"][:])
        test_x, test_y = np.array(test["test_set_x"][:]), np.array(test["test_set_y"][:])
        classes = np.array(test["list_classes"][:])
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def initialize_parameters_deep(layer_dims):
    r"""``W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1})`` and zero ``b[l]``, after ``np.random.seed(1)``.

    .. math:: W^{[l]}_{ij} \sim \mathcal{N}\!\left(0, \tfrac{1}{n_{l-1}}\right)

    This scale keeps the deep network's activations from shrinking layer by layer, which
    ``0.01`` does for 4 layers of a 12288-pixel input.
    """
    layer_dims = check_layer_dims(layer_dims)
    np.random.seed(1)
    return global_randn_parameters(layer_dims, "xavier")


def update_parameters(parameters, grads, learning_rate):
    r"""One gradient-descent step on the given dict, *in place*; returns that same dict.

    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]},\quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}

    As ``dnn_app_utils`` does: each key is rebound to a new array (the old arrays are not
    written to), so ``update_parameters(parameters, grads, lr)`` without ``parameters =``
    still trains. W4A1's version works on a copy instead (:func:`dlsnotes.course.w4a1.update_parameters`).
    """
    L = num_layers(parameters)
    learning_rate = check_learning_rate(learning_rate)
    check_grads_shapes(grads, parameters)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def predict(X, y, parameters):
    """0/1 predictions ``(1, m)`` (``AL > 0.5``); prints ``Accuracy: `` and the fraction correct."""
    m = as_matrix(X, "X").shape[1]
    probas, caches = L_model_forward(X, parameters)
    p = (probas > 0.5).astype(float)
    y = as_labels(y, p, "y")
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p


def _inputs(X, Y, layers_dims, learning_rate):
    """``X`` and ``Y`` checked against ``layers_dims``, in the learner's words."""
    X = as_matrix(X, "X")
    Y = as_labels(Y, np.empty((1, X.shape[1])), m_from="X")
    check_learning_rate(learning_rate)
    layers_dims = check_layer_dims(layers_dims)
    if X.shape[0] != layers_dims[0]:
        raise ValueError(
            f"X must have layers_dims[0] = {layers_dims[0]} rows (features), one column per "
            f"example; got {X.shape}." + (" Use X.T." if X.shape[1] == layers_dims[0] else "")
        )
    return X, Y


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """Train ``LINEAR -> RELU -> LINEAR -> SIGMOID``; returns ``(parameters, costs)``.

    ``layers_dims = (n_x, n_h, n_y)``. The course's loop: ``np.random.seed(1)``,
    :func:`initialize_parameters` (``0.01`` scale), then ``num_iterations`` times two
    :func:`linear_activation_forward`, :func:`compute_cost`, ``dA2``, two
    :func:`linear_activation_backward` and :func:`update_parameters`; ``costs`` holds the
    cost at iterations 0, 100, 200, ... Prints as the course does (see the module notes).
    """
    X, Y = _inputs(X, Y, layers_dims, learning_rate)
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    # A saturated output gives the course's inf/nan; numpy would warn about it every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(0, num_iterations):
            A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
            A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
            cost = compute_cost(A2, Y)
            dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
            dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
            dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
            grads["dW1"], grads["db1"], grads["dW2"], grads["db2"] = dW1, db1, dW2, db2
            parameters = update_parameters(parameters, grads, learning_rate)
            W1, b1 = parameters["W1"], parameters["b1"]
            W2, b2 = parameters["W2"], parameters["b2"]
            # the course's precedence: the last iteration prints even when print_cost is False
            if print_cost and i % 100 == 0 or i == num_iterations - 1:
                print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
            if i % 100 == 0:
                costs.append(cost)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``; returns ``(parameters, costs)``.

    The course's loop: ``np.random.seed(1)``, :func:`initialize_parameters_deep`
    (``randn / sqrt(n_prev)``), then ``num_iterations`` times :func:`L_model_forward`,
    :func:`compute_cost`, :func:`L_model_backward` and :func:`update_parameters`; ``costs``
    holds the cost at iterations 0, 100, 200, ... Prints as the course does (see the module
    notes).
    """
    X, Y = _inputs(X, Y, layers_dims, learning_rate)
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    # A saturated output gives the course's inf/nan; numpy would warn about it every step.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(0, num_iterations):
            AL, caches = L_model_forward(X, parameters)
            cost = compute_cost(AL, Y)
            grads = L_model_backward(AL, Y, caches)
            parameters = update_parameters(parameters, grads, learning_rate)
            # the course's precedence: the last iteration prints even when print_cost is False
            if print_cost and i % 100 == 0 or i == num_iterations - 1:
                print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
            if i % 100 == 0:
                costs.append(cost)
    return parameters, costs
