"""Course 1, week 4: "Deep Neural Network for Image Classification: Application" (W4A2).

The two graded models and the helpers the notebook imports from its ``dnn_app_utils``,
with the course's names, signatures, defaults, outputs and seeding::

    from dlsnotes.course.w4a2 import (two_layer_model, L_layer_model, predict,
                                      initialize_parameters, initialize_parameters_deep,
                                      linear_activation_forward, linear_activation_backward,
                                      L_model_forward, compute_cost, L_model_backward,
                                      update_parameters)

Differences from week 4 part 1 (:mod:`dlsnotes.course.w4a1`), as in the course:

* ``initialize_parameters_deep`` seeds ``np.random.seed(1)`` and scales by
  ``1 / sqrt(n_{l-1})`` (``randn / np.sqrt(layer_dims[l-1])``), not ``0.01``;
* ``two_layer_model`` and ``L_layer_model`` call ``np.random.seed(1)`` first, record the
  cost every 100 iterations (before that iteration's update; no extra final entry) and,
  with ``print_cost=True``, print ``Cost after iteration i: J`` at those iterations and at
  the last one;
* ``predict(X, y, parameters)`` prints ``Accuracy: ...`` and returns the 0/1 predictions.

The cat images of the course are not shipped: ``load_data`` reads them from your own
course folder (with ``h5py``); the models run on any ``X`` of shape ``(n_x, m)``. The maths is the core's; these are references for checking
one's own work (:func:`dlsnotes.course.check`).
"""

from __future__ import annotations

import numpy as np

from ..losses import get_loss
from ._common import as_labels, as_matrix, check_rate, global_randn_parameters
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
    update_parameters,
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

_BCE = get_loss("bce")


def load_data(train_path="datasets/train_catvnoncat.h5", test_path="datasets/test_catvnoncat.h5"):
    """The course's cat / non-cat images, read from *your* copy of the course's two h5 files.

    dlsnotes does not ship the images. With the files of your course folder (and ``h5py``
    installed) this returns what the course's ``load_data`` returns:
    ``train_x_orig (209, 64, 64, 3), train_y (1, 209), test_x_orig (50, 64, 64, 3),
    test_y (1, 50), classes``.
    """
    import os

    missing = [p for p in (train_path, test_path) if not os.path.exists(p)]
    if missing:
        raise FileNotFoundError(
            f"The course's image files {missing} are not here; dlsnotes does not ship them. "
            "Pass the paths of the h5 files from your course folder, e.g. "
            "load_data('my_course/datasets/train_catvnoncat.h5', "
            "'my_course/datasets/test_catvnoncat.h5'), or train on any X of shape (n_x, m)."
        )
    try:
        import h5py
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
    from .._validation import check_layer_dims

    dims = check_layer_dims(layer_dims)
    np.random.seed(1)
    return global_randn_parameters(dims, "xavier")


def predict(X, y, parameters):
    """0/1 predictions ``(1, m)`` (``AL > 0.5``); prints ``Accuracy: `` and the fraction correct."""
    AL, _ = L_model_forward(X, parameters)
    p = (AL > 0.5).astype(float)
    y = as_labels(y, p, "y")
    print("Accuracy: " + str(np.sum((p == y) / p.shape[1])))
    return p


def _train(X, Y, parameters, learning_rate, num_iterations, print_cost, step):
    costs = []
    for i in range(num_iterations):
        parameters, cost = step(parameters)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def _inputs(X, Y, layers_dims, learning_rate):
    X = as_matrix(X, "X")
    Y = as_labels(Y, np.empty((1, X.shape[1])))
    check_rate(learning_rate)
    if X.shape[0] != layers_dims[0]:
        raise ValueError(
            f"X must have layers_dims[0] = {layers_dims[0]} rows (features), one column per "
            f"example; got {X.shape}." + (" Use X.T." if X.shape[1] == layers_dims[0] else "")
        )
    return X, Y


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """Train ``LINEAR -> RELU -> LINEAR -> SIGMOID``; returns ``(parameters, costs)``.

    ``layers_dims = (n_x, n_h, n_y)``. Seeds ``np.random.seed(1)``, initialises with
    :func:`initialize_parameters` (``0.01`` scale) and runs ``num_iterations`` steps of
    gradient descent; ``costs`` holds the cost at iterations 0, 100, 200, ...
    """
    n_x, n_h, n_y = layers_dims
    X, Y = _inputs(X, Y, layers_dims, learning_rate)
    np.random.seed(1)
    parameters = initialize_parameters(n_x, n_h, n_y)

    def step(parameters):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = _BCE.dAL(A2, Y)  # -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        return update_parameters(parameters, grads, learning_rate), cost

    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost, step)


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``; returns ``(parameters, costs)``.

    Seeds ``np.random.seed(1)``, initialises with :func:`initialize_parameters_deep`
    (``randn / sqrt(n_prev)``) and runs ``num_iterations`` steps of gradient descent;
    ``costs`` holds the cost at iterations 0, 100, 200, ...
    """
    X, Y = _inputs(X, Y, list(layers_dims), learning_rate)
    np.random.seed(1)
    parameters = initialize_parameters_deep(layers_dims)

    def step(parameters):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        return update_parameters(parameters, grads, learning_rate), cost

    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost, step)
