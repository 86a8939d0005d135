"""check_notebook / ``python -m dlsnotes.course check``: a learner's downloaded assignment notebook,
checked without running it.

The notebooks are written here with nbformat in the course's layout (an import cell with the
course's test files and ``%matplotlib inline``, data cells that need files that are not here,
``# GRADED FUNCTION: name`` cells, test cells calling ``public_tests``), correct and with planted
mistakes, and in the untidy forms real learners' notebooks take.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import numpy as np
import pytest

from dlsnotes.course import check_notebook
from dlsnotes.course.notebook import graded_cells, write_notebook

# --------------------------------------------------------------------------- the course's layout
W3A1_IMPORTS = """import numpy as np
import copy
import matplotlib.pyplot as plt
from testCases_v2 import *
from public_tests import *
from planar_utils import plot_decision_boundary, sigmoid, load_planar_dataset, load_extra_datasets

%matplotlib inline
%load_ext autoreload
%autoreload 2"""

W3A1 = {
    "layer_sizes": """def layer_sizes(X, Y):
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)""",
    "initialize_parameters": """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}""",
    "forward_propagation": """def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache""",
    "compute_cost": """def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = - np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost""",
    "backward_propagation": """def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}""",
    "update_parameters": """def update_parameters(parameters, grads, learning_rate = 1.2):
    W1 = copy.deepcopy(parameters["W1"]) - learning_rate * grads["dW1"]
    b1 = copy.deepcopy(parameters["b1"]) - learning_rate * grads["db1"]
    W2 = copy.deepcopy(parameters["W2"]) - learning_rate * grads["dW2"]
    b2 = copy.deepcopy(parameters["b2"]) - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}""",
    "nn_model": """def nn_model(X, Y, n_h, num_iterations = 10000, print_cost=False):
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(0, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters""",
    "predict": """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions""",
}

W4A1_IMPORTS = """import numpy as np
import h5py
import matplotlib.pyplot as plt
from testCases import *
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward
from public_tests import *

%matplotlib inline
plt.rcParams['figure.figsize'] = (5.0, 4.0)

np.random.seed(1)"""

W4A1 = {
    "initialize_parameters": """def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}""",
    "initialize_parameters_deep": """def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters""",
    "linear_forward": """def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache""",
    "linear_activation_forward": """def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache""",
    "L_model_forward": """def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches""",
    "compute_cost": """def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost""",
    "linear_backward": """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db""",
    "linear_activation_backward": """def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db""",
    "L_model_backward": """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads""",
    "update_parameters": """def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters""",
}

W4A2_IMPORTS = """import time
import numpy as np
import h5py
import matplotlib.pyplot as plt
from dnn_app_utils_v3 import *
from public_tests import *

%matplotlib inline
np.random.seed(1)"""

W4A2 = {
    "two_layer_model": """def two_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads['dW1'], grads['db1'], grads['dW2'], grads['db2'] = dW1, db1, dW2, db2
        parameters = update_parameters(parameters, grads, learning_rate)
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs""",
    "L_layer_model": """def L_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs""",
}

# What follows a graded cell in the course: a test cell that needs the course's test files.
TEST_CELL = "t_inputs = {name}_test_case()\nprint({name}(*t_inputs))\n{name}_test({name})"


def course_notebook(imports, functions, path, *, graded=None, extra=(), marker="# GRADED FUNCTION: {name}",
                    nbgrader=False):
    """Write a notebook in the course's layout: title, imports, a data cell, then for each graded
    function a markdown cell, the graded cell and its test cell. ``graded`` replaces the text of
    some graded cells; ``extra`` adds (position, cell) pairs."""
    nb = nbformat.v4.new_notebook()
    cells = [nbformat.v4.new_markdown_cell("# Assignment\n\nWelcome!"),
             nbformat.v4.new_code_cell(imports),
             nbformat.v4.new_code_cell("X, Y = load_planar_dataset()\nplt.scatter(X[0, :], X[1, :], c=Y)")]
    for name, source in functions.items():
        cells.append(nbformat.v4.new_markdown_cell(f"### Exercise - {name}\n\nImplement `{name}`."))
        text = (graded or {}).get(name, f"{marker.format(name=name)}\n\n{source}")
        cell = nbformat.v4.new_code_cell(text)
        if nbgrader:
            cell.metadata["nbgrader"] = {"grade": False, "grade_id": name, "locked": False,
                                         "solution": True, "schema_version": 3, "task": False}
        cells.append(cell)
        cells.append(nbformat.v4.new_code_cell(TEST_CELL.format(name=name)))
    for position, cell in sorted(extra, key=lambda pc: pc[0], reverse=True):
        cells.insert(position, cell)
    nb.cells = cells
    nbformat.write(nb, path)
    return path


def replace_line(source, old, new):
    assert old in source, old
    return source.replace(old, new)


# --------------------------------------------------------------------------- correct notebooks
@pytest.mark.parametrize("imports,functions,assignment", [
    (W3A1_IMPORTS, W3A1, "W3A1"), (W4A1_IMPORTS, W4A1, "W4A1"), (W4A2_IMPORTS, W4A2, "W4A2")])
def test_a_correct_notebook_passes_in_the_assignments_order(tmp_path, imports, functions, assignment):
    path = course_notebook(imports, functions, tmp_path / f"My_{assignment}.ipynb")
    report = check_notebook(path)
    assert report.assignment == assignment and report.version == "current"
    assert [f.name for f in report.functions] == list(functions)
    failing = [str(f) for f in report.functions if not f.passed]
    assert report.passed and bool(report) and not failing, "\n".join(failing)
    text = str(report)
    assert f"{len(functions)} of {len(functions)} agree with the course" in text
    assert "cell 5: ✔" in text  # the first graded cell: title, imports, data, markdown, graded
    assert "%matplotlib" in " ".join(report.notes) or "magics" in text


# --------------------------------------------------------------------------- planted mistakes
def test_each_planted_mistake_gets_its_own_verdict_and_the_others_pass(tmp_path):
    broken = {
        "linear_backward": replace_line(W4A1["linear_backward"], "axis=1, keepdims=True", "axis=1"),
        "update_parameters": replace_line(W4A1["update_parameters"],
                                          '- learning_rate * grads["dW" + str(l + 1)]', ""),
    }
    functions = {**W4A1, **broken}
    report = check_notebook(course_notebook(W4A1_IMPORTS, functions, tmp_path / "W4A1.ipynb"))
    failed = {f.name for f in report.functions if not f.passed}
    # linear_backward's mistake also breaks the functions that call it: they say which to fix first
    assert {"linear_backward", "update_parameters"} <= failed
    assert "keepdims" in str(report["linear_backward"])
    assert "fix linear_backward first" in str(report["linear_activation_backward"])
    for name in ("initialize_parameters_deep", "linear_forward", "L_model_forward", "compute_cost"):
        assert report[name].passed
    assert not report


def test_a_backward_pass_is_judged_on_the_courses_inputs_not_through_a_broken_forward(tmp_path):
    """A wrong forward pass (sigmoid in the hidden layer) does not make a right backward pass fail,
    and a right forward pass does not rescue a wrong backward pass."""
    functions = dict(W3A1, forward_propagation=replace_line(W3A1["forward_propagation"],
                                                              "A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)"))
    report = check_notebook(course_notebook(W3A1_IMPORTS, functions, tmp_path / "a.ipynb"))
    assert not report["forward_propagation"] and report["backward_propagation"]
    assert "course's inputs" in str(report["backward_propagation"])

    functions = dict(W3A1, backward_propagation=replace_line(
        W3A1["backward_propagation"], "(1 - np.power(A1, 2))", "(A1 > 0)"))
    report = check_notebook(course_notebook(W3A1_IMPORTS, functions, tmp_path / "b.ipynb"))
    assert report["forward_propagation"] and not report["backward_propagation"]
    assert "(A1 > 0)" in str(report["backward_propagation"])


def test_w4a2_uses_the_course_helpers_but_never_a_reference_for_a_graded_function(tmp_path):
    functions = dict(W4A2, L_layer_model=replace_line(   # the learning rate hard-coded
        W4A2["L_layer_model"], "update_parameters(parameters, grads, learning_rate)",
        "update_parameters(parameters, grads, 0.0075)"))
    report = check_notebook(course_notebook(W4A2_IMPORTS, functions, tmp_path / "W4A2.ipynb"))
    assert report.assignment == "W4A2" and report["two_layer_model"] and not report["L_layer_model"]
    assert "learning_rate=0.02" in str(report["L_layer_model"])
    # a graded cell with a syntax error: the reference two_layer_model (dnn_app_utils has none)
    # never stands in for it
    graded = {"two_layer_model": "# GRADED FUNCTION: two_layer_model\n\ndef two_layer_model(X, Y:\n    pass"}
    report = check_notebook(course_notebook(W4A2_IMPORTS, W4A2, tmp_path / "b.ipynb", graded=graded))
    assert not report["two_layer_model"] and "syntax error" in str(report["two_layer_model"])
    assert report["L_layer_model"]


# --------------------------------------------------------------------------- untidy notebooks
def test_markers_written_otherwise_are_found(tmp_path):
    graded = {
        "layer_sizes": "#GRADED FUNCTION:layer_sizes\n" + W3A1["layer_sizes"],
        "compute_cost": "import math\n# GRADED FUNCTION: compute_cost\n\n" + W3A1["compute_cost"],
        "predict": "## graded function: predict\n" + W3A1["predict"],
    }
    path = course_notebook(W3A1_IMPORTS, W3A1, tmp_path / "a.ipynb", graded=graded)
    report = check_notebook(path)
    assert [f.name for f in report.functions] == list(W3A1) and report.passed


def test_a_deleted_or_edited_marker_falls_back_on_the_nbgrader_metadata(tmp_path):
    graded = {"linear_forward": W4A1["linear_forward"],  # the marker line deleted
              "compute_cost": "# GRADED FUNCTION: my cost (v2)\n" + W4A1["compute_cost"],  # edited
              "linear_backward": "# GRADED FUNCTION: linear_backwards\n" + W4A1["linear_backward"]}
    path = course_notebook(W4A1_IMPORTS, W4A1, tmp_path / "a.ipynb", graded=graded, nbgrader=True)
    report = check_notebook(path)
    assert [f.name for f in report.functions] == list(W4A1) and report.passed
    assert "nbgrader metadata" in str(report["linear_forward"])
    # without the metadata, the deleted marker's function is not graded; the edited ones still
    # name a course function the cell defines
    path = course_notebook(W4A1_IMPORTS, W4A1, tmp_path / "b.ipynb", graded=graded)
    names = [f.name for f in check_notebook(path).functions]
    assert "linear_forward" not in names and "linear_backward" in names and "compute_cost" in names


def test_the_same_function_graded_twice_the_later_wins_and_the_report_says_so(tmp_path):
    wrong = replace_line(W4A1["linear_forward"], "np.dot(W, A) + b", "np.dot(W, A)")
    extra = [(3, nbformat.v4.new_code_cell("# GRADED FUNCTION: linear_forward\n" + wrong))]
    path = course_notebook(W4A1_IMPORTS, W4A1, tmp_path / "a.ipynb", extra=extra)
    verdict = check_notebook(path)["linear_forward"]
    assert verdict.passed and "also graded in cell 4" in str(verdict)
    # the other way round: the later, wrong one is checked
    later = [(10**6, nbformat.v4.new_code_cell("# GRADED FUNCTION: linear_forward\n" + wrong))]
    path = course_notebook(W4A1_IMPORTS, W4A1, tmp_path / "b.ipynb", extra=later)
    report = check_notebook(path)
    last = len(nbformat.read(path, 4).cells)
    assert not report["linear_forward"] and report["linear_forward"].cell == last
    assert "bias" in str(report["linear_forward"]) and "also graded in cell 11" in str(report["linear_forward"])
    # the functions calling it get the later one too, as in a top-to-bottom run
    assert not report["linear_activation_forward"]


def test_a_syntax_error_gets_its_own_verdict_and_never_stops_the_others(tmp_path):
    bad = replace_line(W4A1["linear_backward"], "dW = (1 / m) * np.dot(dZ, A_prev.T)",
                       "dW = (1 / m) * np.dot(dZ, A_prev.T")
    path = course_notebook(W4A1_IMPORTS, dict(W4A1, linear_backward=bad), tmp_path / "a.ipynb")
    report = check_notebook(path)
    verdict = report["linear_backward"]
    assert not verdict and verdict.report is None
    assert "syntax error at line" in str(verdict) and f"cell {verdict.cell}" in str(verdict)
    assert "np.dot(dZ, A_prev.T" in str(verdict)
    assert report["linear_forward"] and report["L_model_forward"] and report["update_parameters"]
    # the functions that call it say why they fail
    assert "could not be defined" in str(report["linear_activation_backward"])


def test_the_learners_own_helpers_in_a_graded_cell_are_used(tmp_path):
    """Their own sigmoid (wrong here) and relu_backward override the imported ones."""
    own_sigmoid = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n\n"
    graded = {"forward_propagation": "# GRADED FUNCTION: forward_propagation\n" + own_sigmoid
              + W3A1["forward_propagation"]}
    report = check_notebook(course_notebook(W3A1_IMPORTS, W3A1, tmp_path / "a.ipynb", graded=graded))
    verdict = report["forward_propagation"]
    assert not verdict and "uses your own sigmoid" in str(verdict)
    own_relu_backward = ("def relu_backward(dA, cache):\n    dZ = np.array(dA, copy=True)\n"
                         "    dZ[cache <= 0] = 0\n    return dZ\n\n")
    graded = {"linear_activation_backward": "# GRADED FUNCTION: linear_activation_backward\n"
              + own_relu_backward + W4A1["linear_activation_backward"]}
    report = check_notebook(course_notebook(W4A1_IMPORTS, W4A1, tmp_path / "b.ipynb", graded=graded))
    assert report["linear_activation_backward"] and "your own relu_backward" in str(
        report["linear_activation_backward"])
    assert report.passed


def test_magics_and_missing_course_files_need_nothing(tmp_path):
    imports = ("from dnn_utils import print_mislabeled_images\nimport not_a_module_here\n" + W4A1_IMPORTS
               + "\nimport lr_utils\nfrom testCases_v4a import *")
    graded = {"linear_forward": "%%time\n# GRADED FUNCTION: linear_forward\n" + W4A1["linear_forward"]
              + "\n%time linear_forward(np.ones((2, 1)), np.ones((1, 2)), np.ones((1, 1)))"}
    report = check_notebook(course_notebook(imports, W4A1, tmp_path / "a.ipynb", graded=graded))
    assert report.passed
    assert any("not_a_module_here" in n for n in report.notes)


def test_a_missing_course_import_line_is_named(tmp_path):
    imports = W4A1_IMPORTS.replace("from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward\n", "")
    report = check_notebook(course_notebook(imports, W4A1, tmp_path / "a.ipynb"))
    assert not report["linear_activation_forward"] and report["linear_forward"]
    assert "`from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward`, a line this notebook lacks" \
        in str(report["linear_activation_backward"])


def test_an_import_cell_that_does_not_parse_still_gives_its_imports(tmp_path):
    imports = W4A1_IMPORTS + "\nprint('setup done'"  # a parenthesis left open at the end of the cell
    report = check_notebook(course_notebook(imports, W4A1, tmp_path / "a.ipynb"))
    assert report.passed  # np, sigmoid, relu_backward, ... were imported line by line


def test_older_versions_are_judged_for_their_version(tmp_path):
    old_cost = """def compute_cost(A2, Y, parameters):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = - np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost"""
    old_imports = W3A1_IMPORTS.replace("from public_tests import *\n", "")
    old_nn_model = replace_line(W3A1["nn_model"], "compute_cost(A2, Y)", "compute_cost(A2, Y, parameters)")
    report = check_notebook(course_notebook(old_imports, dict(W3A1, compute_cost=old_cost, nn_model=old_nn_model),
                                            tmp_path / "old.ipynb"))
    assert report.version == "older" and report.passed
    assert "older W3A1" in str(report["compute_cost"])
    # the same function in the current notebook is a mistake there
    report = check_notebook(course_notebook(W3A1_IMPORTS, dict(W3A1, compute_cost=old_cost),
                                            tmp_path / "current.ipynb"))
    assert not report["compute_cost"] and "remove the parameters argument" in str(report["compute_cost"])

    old_backward = """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L-1]
    grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dAL, current_cache, activation = "sigmoid")
    for l in reversed(range(L-1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 2)], current_cache, activation = "relu")
        grads["dA" + str(l + 1)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads"""
    old_imports = W4A1_IMPORTS.replace("from testCases import *", "from testCases_v4a import *") \
        .replace("from public_tests import *\n", "").replace("dnn_utils ", "dnn_utils_v2 ")
    report = check_notebook(course_notebook(old_imports, dict(W4A1, L_model_backward=old_backward),
                                            tmp_path / "old4.ipynb"))
    assert report.version == "older" and report["L_model_backward"], str(report["L_model_backward"])
    assert "'dA1' ... 'dAL'" in str(report["L_model_backward"])
    report = check_notebook(course_notebook(W4A1_IMPORTS, dict(W4A1, L_model_backward=old_backward),
                                            tmp_path / "cur4.ipynb"))
    assert not report["L_model_backward"] and "'dA0'" in str(report["L_model_backward"])


def test_the_older_w4a2_that_returns_parameters_only_is_judged_on_its_parameters(tmp_path):
    old = {name: replace_line(source, "return parameters, costs", "plt.plot(np.squeeze(costs))\n    plt.show()\n"
                              "    return parameters") for name, source in W4A2.items()}
    old_imports = W4A2_IMPORTS.replace("from public_tests import *\n", "")
    report = check_notebook(course_notebook(old_imports, old, tmp_path / "old.ipynb"))
    assert report.version is None and report.passed, str(report)
    assert "as the older W4A2 did" in str(report["L_layer_model"])
    # a mistake in the loop still shows in the parameters
    wrong = dict(old, L_layer_model=replace_line(old["L_layer_model"], "grads, learning_rate)", "grads, 0.0075)"))
    report = check_notebook(course_notebook(old_imports, wrong, tmp_path / "wrong.ipynb"))
    assert report["two_layer_model"] and not report["L_layer_model"]
    # in the current notebook, returning parameters alone is a mistake
    report = check_notebook(course_notebook(W4A2_IMPORTS, old, tmp_path / "current.ipynb"))
    assert not report["two_layer_model"] and "return parameters, costs" in str(report["two_layer_model"])


def test_graded_cells_reads_markers_metadata_and_syntax_errors():
    cells = [nbformat.v4.new_markdown_cell("# GRADED FUNCTION: not_code"),
             nbformat.v4.new_code_cell("import numpy as np\n#GRADED FUNCTION:linear_forward\ndef linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)"),
             nbformat.v4.new_code_cell("# GRADED FUNCTION: relu_backward\ndef relu_backward(dA, cache)\n    pass"),
             nbformat.v4.new_code_cell("def helper():\n    pass"),
             # edited lines: the learner's own helper before the graded function is not taken for it
             nbformat.v4.new_code_cell("# GRADED FUNCTION: forward propagation\ndef sigmoid(z):\n    return z\n"
                                       "def forward_propagation(X, parameters):\n    pass"),
             nbformat.v4.new_code_cell("# GRADED FUNCTION\ndef relu(Z):\n    return Z, Z\n"
                                       "def L_model_forward(X, parameters):\n    pass")]
    found = graded_cells(cells)
    assert [(g.index, g.names, g.syntax_error is not None) for g in found] == [
        (1, ["linear_forward"], False), (2, ["relu_backward"], True),
        (4, ["forward_propagation"], False), (5, ["L_model_forward"], False)]
    assert "names 'forward', but the cell defines forward_propagation" in found[2].how


# --------------------------------------------------------------------------- bad input, the CLI
def test_a_file_that_is_not_a_notebook_is_explained(tmp_path):
    with pytest.raises(FileNotFoundError, match="No notebook at"):
        check_notebook(tmp_path / "missing.ipynb")
    (tmp_path / "x.ipynb").write_text("print('hi')")
    with pytest.raises(ValueError, match="not a Jupyter notebook"):
        check_notebook(tmp_path / "x.ipynb")
    with pytest.raises(ValueError, match="is a folder"):
        check_notebook(tmp_path)
    other = nbformat.v4.new_notebook()  # week 2's logistic regression: not a course module here
    other.cells = [nbformat.v4.new_code_cell("# GRADED FUNCTION: propagate\ndef propagate(w, b, X, Y):\n    pass")]
    nbformat.write(other, tmp_path / "W2A2.ipynb")
    report = check_notebook(tmp_path / "W2A2.ipynb")
    assert not report and "not one of the functions dlsnotes.course knows" in str(report["propagate"])
    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("import numpy as np")]
    nbformat.write(empty, tmp_path / "e.ipynb")
    report = check_notebook(tmp_path / "e.ipynb")
    assert not report and "No graded function found" in str(report)


def test_command_line_prints_the_report_and_sets_the_exit_status(tmp_path):
    good = course_notebook(W4A1_IMPORTS, {k: W4A1[k] for k in ("linear_forward", "linear_backward")},
                           tmp_path / "My_W4A1.ipynb")
    bad = course_notebook(W4A1_IMPORTS, {"linear_backward": replace_line(
        W4A1["linear_backward"], "(1 / m) * np.dot", "np.dot")}, tmp_path / "Bad.ipynb")
    command = [sys.executable, "-m", "dlsnotes.course", "check"]
    ok = subprocess.run(command + [str(good)], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "My_W4A1.ipynb: W4A1" in ok.stdout and "✔ linear_backward" in ok.stdout
    fail = subprocess.run(command + [str(bad)], capture_output=True, text=True, timeout=300)
    assert fail.returncode == 1 and "1/m" in fail.stdout
    missing = subprocess.run(command + [str(tmp_path / "nope.ipynb")], capture_output=True, text=True,
                             timeout=300)
    assert missing.returncode == 2 and "No notebook at" in missing.stderr and "Traceback" not in missing.stderr


def test_checking_a_notebook_leaves_numpys_random_state_alone(tmp_path):
    path = course_notebook(W4A2_IMPORTS, W4A2, tmp_path / "a.ipynb")   # models that seed numpy
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    assert check_notebook(path)
    assert np.array_equal(np.random.get_state()[1], before)


def test_write_notebook_makes_a_notebook_check_notebook_reads(tmp_path):
    path = tmp_path / "mine.ipynb"
    write_notebook(path, ["import numpy as np", "# GRADED FUNCTION: linear_forward\n" + W4A1["linear_forward"]])
    assert nbformat.validate(nbformat.read(path, 4)) is None
    assert [f.name for f in check_notebook(path).functions] == ["linear_forward"]
