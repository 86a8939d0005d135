"""dlsnotes.course.check on a learner's own functions: right code passes, each usual
mistake is named, and nothing the learner's code does makes an exception escape."""

import numpy as np
import pytest

from dlsnotes.course import CHECKABLE, CheckReport, check, checker


# --------------------------------------------------------------------------- a learner's code
def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def relu_forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def planar_backward(derivative):
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        A1, A2 = cache["A1"], cache["A2"]
        dZ2 = A2 - Y
        dW2 = np.dot(dZ2, A1.T) / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = np.dot(parameters["W2"].T, dZ2) * derivative(A1)
        dW1 = np.dot(dZ1, X.T) / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return backward_propagation


tanh_backward = planar_backward(lambda A1: 1 - np.power(A1, 2))
relu_backward_right = planar_backward(lambda A1: (A1 > 0).astype(float))


def make_linear_backward(dW_rule, db_rule):
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        return np.dot(W.T, dZ), dW_rule(dZ, A_prev, m), db_rule(dZ, m)
    return linear_backward


good_linear_backward = make_linear_backward(
    lambda dZ, A, m: np.dot(dZ, A.T) / m, lambda dZ, m: np.sum(dZ, axis=1, keepdims=True) / m)


def make_update(rule):
    def update_parameters(params, grads, learning_rate):
        return {k: rule(v, grads["d" + k], learning_rate) for k, v in params.items()}
    return update_parameters


def make_L_model_backward(dAL_rule):
    from dlsnotes.course.w4a1 import linear_activation_backward

    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dAL = dAL_rule(AL, Y)
        dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(
            dAL, caches[L - 1], "sigmoid")
        grads["dA" + str(L - 1)] = dA
        for l in reversed(range(L - 1)):
            dA, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
            grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA, dW, db
        return grads
    return L_model_backward


def L_model_backward_with_the_forum_typo(AL, Y, caches):
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y), (1 - AL))
    return {"dAL": dAL}


# --------------------------------------------------------------------------- correct code passes
@pytest.mark.parametrize("spec", checker.SPECS, ids=lambda s: f"{s.assignment}-{s.name}")
def test_every_reference_passes_its_own_check(spec):
    report = check(spec.reference, spec.name, assignment=spec.assignment)
    assert report.passed, str(report)
    assert report.tests >= 1 and not report.problems


def test_a_learners_correct_functions_pass():
    assert check(tanh_backward, "backward_propagation").passed
    assert check(forward_propagation).passed
    assert check(good_linear_backward, "linear_backward").passed
    assert check(make_update(lambda W, dW, a: W - a * dW), "update_parameters").passed
    good = make_L_model_backward(lambda AL, Y: -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)))
    report = check(good, "L_model_backward")
    assert report.passed and "difference < 1e-07" in str(report)


def test_a_relu_pair_passes_when_both_passes_use_relu():
    report = check(relu_backward_right, "backward_propagation", forward=relu_forward_propagation)
    assert report.passed, str(report)
    assert "relu" in str(report) and report.gradcheck_difference < 1e-7


# --------------------------------------------------------------------------- the seeds' mistakes
def test_tanh_derivative_after_a_relu_forward_pass_is_named():
    report = check(tanh_backward, "backward_propagation", forward=relu_forward_propagation)
    text = str(report)
    assert not report.passed
    assert "dW1, db1" in text and "1 - A1**2" in text and "derivative of tanh" in text
    assert "uses relu" in text and "(A1 > 0)" in text
    assert report.gradcheck_difference > 1e-2 and "forward/backward pair" in text


def test_w_equals_dw_is_named():
    report = check(make_update(lambda W, dW, a: dW), "update_parameters", assignment="W4A1")
    assert not report.passed and "W = dW" in str(report)
    assert "W1, b1, W2, b2" in str(report)


@pytest.mark.parametrize("rule,words", [
    (lambda W, dW, a: W + a * dW, "wrong sign"),
    (lambda W, dW, a: W - dW, "learning rate is missing"),
])
def test_other_update_mistakes_are_named(rule, words):
    assert words in str(check(make_update(rule), "update_parameters"))


def test_the_forum_dAL_typo_is_reported_without_a_traceback():
    report = check(L_model_backward_with_the_forum_typo, "L_model_backward")
    text = str(report)
    assert not report.passed and "Traceback" not in text
    assert "raised TypeError at line 3 of L_model_backward_with_the_forum_typo" in text
    assert "`dAL = - (np.divide(Y, AL) - np.divide(1 - Y), (1 - AL))`" in text
    assert "np.divide(1 - Y, 1 - AL)" in text


def test_dAL_with_the_parenthesis_closed_too_early_is_named():
    wrong = make_L_model_backward(lambda AL, Y: - np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    report = check(wrong, "L_model_backward")
    assert not report.passed and "parenthesis closes too early" in str(report)
    assert report.gradcheck_difference > 1e-2


@pytest.mark.parametrize("rule,words", [
    (lambda AL, Y: AL - Y, "dAL = AL - Y is dZ[L]"),
    (lambda AL, Y: -(Y / AL - (1 - Y) / (1 - AL)) / AL.shape[1], "dAL has a 1/m"),
    (lambda AL, Y: Y / AL - (1 - Y) / (1 - AL), "dAL has the wrong sign"),
])
def test_other_dAL_mistakes_are_named(rule, words):
    assert words in str(check(make_L_model_backward(rule), "L_model_backward"))


def test_dW_without_1_over_m_is_named():
    wrong = make_linear_backward(lambda dZ, A, m: np.dot(dZ, A.T),
                                 lambda dZ, m: np.sum(dZ, axis=1, keepdims=True) / m)
    text = str(check(wrong, "linear_backward"))
    assert "dW: m times too large (m = number of examples): the 1/m is missing" in text
    said = text.split(" Your line")[0]  # the quoted line of code names db_rule too
    assert "db" not in said.replace("db = ", "")  # db is right and not blamed
    assert "Your line 4: `return np.dot(W.T, dZ), dW_rule(dZ, A_prev, m), db_rule(dZ, m)`" in text


def test_db_without_keepdims_is_named():
    wrong = make_linear_backward(lambda dZ, A, m: np.dot(dZ, A.T) / m,
                                 lambda dZ, m: np.sum(dZ, axis=1) / m)
    text = str(check(wrong, "linear_backward"))
    assert "db: shape (n_l,) instead of (n_l, 1)" in text and "keepdims=True" in text


@pytest.mark.parametrize("dW_rule,db_rule,words", [
    (lambda dZ, A, m: np.dot(A, dZ.T) / m, None, "dW: transposed"),
    (None, lambda dZ, m: np.sum(dZ) / m, "db: a single number"),
    (None, lambda dZ, m: -np.sum(dZ, axis=1, keepdims=True) / m, "db has the wrong sign"),
])
def test_shape_and_sign_mistakes_are_named(dW_rule, db_rule, words):
    wrong = make_linear_backward(dW_rule or (lambda dZ, A, m: np.dot(dZ, A.T) / m),
                                 db_rule or (lambda dZ, m: np.sum(dZ, axis=1, keepdims=True) / m))
    assert words in str(check(wrong, "linear_backward"))


def test_dA_prev_with_1_over_m_is_named():
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        return np.dot(W.T, dZ) / m, np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m
    assert "it has no 1/m" in str(check(linear_backward))


def test_relu_backward_masking_with_dA_is_named():
    def relu_backward(dA, cache):
        dZ = np.array(dA, copy=True)
        dZ[dA <= 0] = 0
        return dZ
    assert "must come from Z" in str(check(relu_backward))


def test_three_entry_cache_is_explained():
    def linear_activation_forward(A_prev, W, b, activation):
        Z = np.dot(W, A_prev) + b
        A = 1 / (1 + np.exp(-Z)) if activation == "sigmoid" else np.maximum(0, Z)
        return A, ((A_prev, W, b), Z, activation)
    text = str(check(linear_activation_forward))
    assert "cache has 3 items; the course's has 2" in text
    assert "linear_cache, activation_cache = cache" in text


def test_hidden_sigmoid_in_L_model_forward_is_named():
    from dlsnotes.course import w4a1

    def L_model_forward(X, parameters):
        return w4a1.L_model_forward(X, parameters, hidden="sigmoid")
    assert "hidden layers must use relu" in str(check(L_model_forward))


def test_initialisation_without_the_course_seed_is_named():
    def initialize_parameters_deep(layer_dims):
        return {k: v for l in range(1, len(layer_dims)) for k, v in (
            (f"W{l}", np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01),
            (f"b{l}", np.zeros((layer_dims[l], 1))))}
    report = check(initialize_parameters_deep, assignment="W4A1")
    assert not report.passed and "np.random.seed(3)" in str(report)


def test_w3_compute_cost_returning_an_array_is_named():
    def compute_cost(A2, Y):
        m = Y.shape[1]
        return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1, keepdims=True) / m
    text = str(check(compute_cost, assignment="W3A1"))
    assert "(W3A1)" in text and "float(np.squeeze(cost))" in text
    assert check(compute_cost).passed  # week 4's version accepts any single number


def test_cost_without_the_minus_sign_is_named():
    def compute_cost(AL, Y):
        m = Y.shape[1]
        return np.squeeze(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
    assert "wrong sign" in str(check(compute_cost)) or "minus sign" in str(check(compute_cost))


def test_an_exception_is_named_by_its_likely_cause():
    def update_parameters(params, grads, learning_rate):
        parameters = dict(params)
        for l in range(1, len(parameters) + 1):  # L counts W and b: runs past the last layer
            parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        return parameters
    report = check(update_parameters, assignment="W4A1")
    assert "raised:layers_count" in report.mistakes and "len(parameters) // 2" in str(report)


def test_a_right_cost_of_the_wrong_type_says_the_values_agree():
    def compute_cost(A2, Y):
        m = Y.shape[1]
        return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m  # np.float64
    report = check(compute_cost, assignment="W3A1")
    text = str(report)
    assert not report.passed and "cost:not_float" in report.mistakes
    assert "the values agree with the course's, but" in text and "type(cost) == float" in text
    assert "Your line 3: `return -np.sum(" in text
    assert check(compute_cost, assignment="W4A1").passed  # W4A1 takes any single number


def test_the_older_three_argument_compute_cost_is_the_older_version():
    def compute_cost(A2, Y, parameters):
        m = Y.shape[1]
        return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
    report = check(compute_cost)
    assert report.passed and "the older W3A1, compute_cost(A2, Y, parameters)" in str(report)


def test_nn_model_is_tried_with_other_hidden_sizes():
    from dlsnotes.course import w3a1

    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
        return w3a1.nn_model(X, Y, 4, num_iterations)  # n_h ignored
    report = check(nn_model)
    assert not report.passed and "nn_model:ignores_n_h" in report.mistakes
    assert "n_h = 3" in str(report) and "n_h = 5" in str(report)


# --------------------------------------------------------------------------- recognition
def test_the_assignment_is_told_by_the_signature():
    def predict(parameters, X):
        A2, _ = forward_propagation(X, parameters)
        return A2 > 0.5
    assert check(predict).assignment == "W3A1" and check(predict).passed
    from dlsnotes.course import w4a1

    def predict_w4(X, y, parameters):
        AL, _ = w4a1.L_model_forward(X, parameters)
        p = (AL > 0.5).astype(float)
        print("Accuracy: " + str(np.mean(p == y)))
        return p
    report = check(predict_w4, "predict")
    assert report.assignment == "W4A2" and report.passed


def test_names_are_recognised_inside_longer_names():
    def my_backward_propagation(parameters, cache, X, Y):
        return tanh_backward(parameters, cache, X, Y)
    report = check(my_backward_propagation)
    assert report.passed and "from the name my_backward_propagation" in str(report)


def test_unknown_names_and_non_functions_are_explained():
    report = check(lambda x: x)
    assert not report.passed and "name='...'" in str(report)
    assert "Pass it without calling it" in str(check(3.0))
    assert "not part of W3A1" in str(check(good_linear_backward, "linear_backward", assignment="W3A1"))


# --------------------------------------------------------------------------- never crashes
def _raises(*args):
    raise RuntimeError("boom")


BAD_FUNCTIONS = {
    "raises": _raises,
    "returns None": lambda *a: None,
    "returns a string": lambda *a: "hello",
    "returns a short tuple": lambda *a: (1,),
    "returns an empty dict": lambda *a: {},
    "returns NaN arrays": lambda *a: (np.full((3, 3), np.nan),) * 3,
    "returns a list of junk": lambda *a: [object(), None, "x"],
    "mutates its input and prints": lambda *a: print(a) or [x.clear() if isinstance(x, dict) else x for x in a],
}


@pytest.mark.parametrize("name", sorted(CHECKABLE))
@pytest.mark.parametrize("kind", sorted(BAD_FUNCTIONS))
def test_no_exception_escapes(name, kind, capsys):
    state = np.random.get_state()
    report = check(BAD_FUNCTIONS[kind], name)
    text = str(report)
    assert isinstance(report, CheckReport) and not report.passed
    assert "Traceback" not in text and "could not finish" not in text
    if kind == "raises":
        assert "raised RuntimeError" in text and "boom" in text
    assert capsys.readouterr().out == ""  # the learner's prints are swallowed
    after = np.random.get_state()
    assert after[0] == state[0] and np.array_equal(after[1], state[1]) and after[2] == state[2]


def test_a_different_signature_and_sys_exit_are_reported():
    def linear_backward(dZ, cache, m):
        return None
    text = str(check(linear_backward))
    assert "raised TypeError" in text and "keep the course's signature" in text

    def update_parameters(params, grads, learning_rate):
        raise SystemExit(1)
    assert "raised SystemExit" in str(check(update_parameters))
    assert "ignored here" in str(check(good_linear_backward, "linear_backward", forward=forward_propagation))


def test_a_model_that_plots_its_costs_shows_no_figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from dlsnotes.course import w4a2

    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        parameters, costs = w4a2.L_layer_model(X, Y, layers_dims, learning_rate, num_iterations)
        plt.plot(np.squeeze(costs))
        plt.show()
        return parameters, costs
    before = plt.get_fignums()
    assert check(L_layer_model).passed
    assert plt.get_fignums() == before


def test_forward_that_raises_is_reported():
    report = check(tanh_backward, "backward_propagation", forward=_raises)
    assert not report.passed and "raised RuntimeError" in str(report)


def test_cache_parts_are_named_as_in_the_course():
    from dlsnotes.course import w4a1

    def L_model_forward(X, parameters):
        AL, caches = w4a1.L_model_forward(X, parameters)
        (A_prev, W, b), Z = caches[1]
        caches[1] = ((2 * A_prev, W, b), Z)
        return AL, caches

    def linear_forward(A, W, b):
        return np.dot(W, A) + b, (W, A, b)

    def linear_activation_forward(A_prev, W, b, activation):
        A, cache = w4a1.linear_activation_forward(A_prev, W, b, activation)
        return A, (cache[0], A)
    assert "every value of caches[1].linear_cache.A_prev is 2" in str(check(L_model_forward))
    assert "must be (A, W, b) in this order" in str(check(linear_forward))
    assert "cache.activation_cache: the activation cache must be Z" in str(
        check(linear_activation_forward))
