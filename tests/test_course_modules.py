"""dlsnotes.course.w3a1 / w4a1 / w4a2 against the course's expected outputs.

The expected numbers are the ones the course's notebooks and public tests print for the
same inputs (built here from the same seeds and shapes); a few small cases are worked
out by hand.
"""

import inspect
import re

import numpy as np
import pytest

from dlsnotes.course import w3a1, w4a1, w4a2


def close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-8)


def numeric_grads(cost, parameters, eps=1e-6):
    grads = {}
    for key, value in parameters.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in parameters.items()}
            minus = {k: v.copy() for k, v in parameters.items()}
            plus[key][idx] += eps
            minus[key][idx] -= eps
            g[idx] = (cost(plus) - cost(minus)) / (2 * eps)
        grads["d" + key] = g
    return grads


def rel_diff(grads, approx):
    a = np.concatenate([grads[k].ravel() for k in approx])
    b = np.concatenate([approx[k].ravel() for k in approx])
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


# --------------------------------------------------------------------------- W3A1
def planar_course_params():
    np.random.seed(1)
    X = np.random.randn(2, 3)
    b1 = np.random.randn(4, 1)
    W1 = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                   [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
    W2 = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
    return X, {"W1": W1, "b1": b1, "W2": W2, "b2": np.array([[-1.3]])}


def test_w3_layer_sizes_is_a_tuple_with_4_hidden_units():
    np.random.seed(1)
    assert w3a1.layer_sizes(np.random.randn(5, 3), np.random.randn(2, 3)) == (5, 4, 2)


def test_w3_initialize_parameters_draws_from_the_global_seed():
    np.random.seed(2)
    p = w3a1.initialize_parameters(3, 5, 2)
    assert close(p["W1"][0], [-0.00416758, -0.00056267, -0.02136196])
    assert close(p["W2"][1, :2], [-8.78107893e-03, -1.56434170e-03])
    assert p["b1"].shape == (5, 1) and not p["b1"].any() and p["b2"].shape == (2, 1)
    # no seed inside: a second call continues the stream
    assert not close(w3a1.initialize_parameters(3, 5, 2)["W1"], p["W1"])


def test_w3_forward_propagation_course_case_and_dict_cache():
    X, P = planar_course_params()
    A2, cache = w3a1.forward_propagation(X, P)
    assert close(A2, [[0.21292656, 0.21274673, 0.21295976]])
    assert close(cache["Z1"][0], [1.7386459, 1.74687437, 1.74830797])
    assert close(cache["A1"][1], [-0.67151964, -0.62547205, -0.65709025])
    assert close(cache["Z2"], [[-1.30737426, -1.30844761, -1.30717618]])
    assert isinstance(cache, dict) and set(cache) == {"Z1", "A1", "Z2", "A2"}


def test_w3_compute_cost_takes_boolean_labels_and_returns_a_float():
    np.random.seed(1)
    Y = np.random.randn(1, 5) > 0
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    cost = w3a1.compute_cost(A2, Y)
    assert type(cost) is float and abs(cost - 0.5447066599017815) < 1e-12
    assert w3a1.compute_cost(A2, Y, {"W1": None}) == cost  # older notebooks pass parameters


def test_w3_compute_cost_by_hand():
    # one example, y = 1, a = 0.5: L = -log(0.5)
    assert abs(w3a1.compute_cost(np.array([[0.5]]), np.array([[1]])) - np.log(2)) < 1e-15


def course_backward_inputs(z1_shape=(9, 7)):
    np.random.seed(1)
    X = np.random.randn(3, 7)
    Y = np.random.randn(1, 7) > 0
    P = {"W1": np.random.randn(9, 3), "W2": np.random.randn(1, 9),
         "b1": np.zeros((9, 1)), "b2": np.zeros((1, 1))}
    cache = {"A1": np.random.randn(9, 7), "A2": np.random.randn(1, 7),
             "Z1": np.random.randn(*z1_shape), "Z2": np.random.randn(1, 7)}
    return P, cache, X, Y


@pytest.mark.parametrize("z1_shape", [(9, 7), (7, 9)])  # the older test's Z1 had a wrong shape
def test_w3_backward_propagation_course_case(z1_shape):
    grads = w3a1.backward_propagation(*course_backward_inputs(z1_shape))
    assert close(grads["dW1"][0], [-0.24468458, -0.24371232, 0.15959609])
    assert close(grads["db1"][:3, 0], [0.1463639, -0.33647992, -0.51738006])
    assert close(grads["dW2"][0, :3], [-0.35768529, 0.22046323, -0.29551566])
    assert close(grads["db2"], [[-0.78032466]])
    assert list(grads) == ["dW1", "db1", "dW2", "db2"]


@pytest.mark.parametrize("hidden", ["tanh", "relu", "leaky_relu", "sigmoid"])
def test_w3_backward_matches_central_differences(hidden):
    rs = np.random.RandomState(5)
    X, Y = rs.randn(3, 6), rs.randn(1, 6) > 0
    P = {"W1": rs.randn(4, 3), "b1": rs.randn(4, 1), "W2": rs.randn(1, 4), "b2": rs.randn(1, 1)}
    A2, cache = w3a1.forward_propagation(X, P, hidden=hidden)
    grads = w3a1.backward_propagation(P, cache, X, Y, hidden=hidden)
    approx = numeric_grads(
        lambda p: w3a1.compute_cost(w3a1.forward_propagation(X, p, hidden=hidden)[0], Y), P)
    assert rel_diff(grads, approx) < 1e-7


def test_w3_relu_forward_with_tanh_backward_is_wrong():
    # the forum question: only the forward pass switched to ReLU
    rs = np.random.RandomState(6)
    X, Y = rs.randn(2, 8), rs.randn(1, 8) > 0
    P = {"W1": rs.randn(4, 2), "b1": rs.randn(4, 1), "W2": rs.randn(1, 4), "b2": rs.randn(1, 1)}
    _, cache = w3a1.forward_propagation(X, P, hidden="relu")
    wrong = w3a1.backward_propagation(P, cache, X, Y)  # tanh's 1 - A1**2
    approx = numeric_grads(
        lambda p: w3a1.compute_cost(w3a1.forward_propagation(X, p, hidden="relu")[0], Y), P)
    assert rel_diff(wrong, approx) > 1e-2
    a = w3a1.nn_model(X, Y, 4, 50, hidden="relu")
    b = w3a1.nn_model(X, Y, 4, 50, hidden="relu", backward_hidden="tanh")
    assert not close(a["W1"], b["W1"])


def test_w3_update_parameters_default_rate_is_1_2():
    P = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                         [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
         "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
         "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
         "b2": np.array([[9.14954378e-05]])}
    G = {"dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776],
                          [-0.00031831, 0.0028636], [-0.00092857, 0.00809933]]),
         "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
         "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
         "db2": np.array([[-1.08923140e-05]])}
    before = {k: v.copy() for k, v in P.items()}
    new = w3a1.update_parameters(P, G)
    assert close(new["W1"][0], [-0.00643025, 0.01936718])
    assert close(new["W2"], [[-0.01041081, -0.04463285, 0.01758031, 0.04747113]])
    assert close(new["b2"], [[0.00010457]])
    assert all(np.array_equal(P[k], before[k]) for k in P)
    assert inspect.signature(w3a1.update_parameters).parameters["learning_rate"].default == 1.2


def test_w3_nn_model_seeds_3_and_matches_the_course(capsys):
    np.random.seed(1)
    X = np.random.randn(2, 3)
    Y = np.random.randn(1, 3) > 0
    np.random.seed(123)  # nn_model seeds 3 itself
    p = w3a1.nn_model(X, Y, 4, print_cost=False)
    assert close(p["W1"], [[0.56305445, -1.03925886], [0.7345426, -1.36286875],
                           [-0.72533346, 1.33753027], [0.74757629, -1.38274074]])
    assert close(p["b1"].ravel(), [-0.22240654, -0.34662093, 0.33663708, -0.35296113])
    assert close(p["W2"], [[1.82196893, 3.09657075, -2.98193564, 3.19946508]])
    assert close(p["b2"], [[0.21344644]])
    assert capsys.readouterr().out == ""


def test_w3_nn_model_prints_every_1000_iterations(capsys):
    rs = np.random.RandomState(0)
    w3a1.nn_model(rs.randn(2, 5), rs.randn(1, 5) > 0, 3, num_iterations=2001, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"Cost after iteration {i}" for i in (0, 1000, 2000)]
    assert all(re.fullmatch(r"Cost after iteration \d+: \d+\.\d{6}", line) for line in lines)


def test_w3_predict_takes_parameters_first_and_returns_booleans():
    np.random.seed(1)
    X = np.random.randn(2, 3)
    P = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                         [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
         "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
         "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
         "b2": np.array([[9.14954378e-05]])}
    assert np.array_equal(w3a1.predict(P, X), [[True, False, True]])
    assert w3a1.predict(P, X).dtype == bool


def test_w3_sigmoid_returns_only_the_value():
    s = w3a1.sigmoid(np.array([0.0, 2.0]))
    assert isinstance(s, np.ndarray) and close(s, [0.5, 1 / (1 + np.exp(-2))])


def test_w3_planar_flower_trains_to_the_course_accuracy():
    X, Y = w3a1.load_planar_dataset()
    p = w3a1.nn_model(X, Y, 4, num_iterations=2000)
    accuracy = float((w3a1.predict(p, X) == Y).mean())
    assert accuracy > 0.85  # the course reports 90% after 10000 iterations


def test_w3_extra_datasets_and_decision_boundary_in_the_course_layout():
    import matplotlib

    matplotlib.use("Agg")
    noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure = w3a1.load_extra_datasets()
    X, Y = noisy_moons
    assert X.shape == (200, 2) and Y.shape == (200,)
    X, Y = X.T, Y.reshape(1, Y.shape[0])  # the course notebook's next line
    p = w3a1.nn_model(X, Y, 4, num_iterations=200)
    ax = w3a1.plot_decision_boundary(lambda x: w3a1.predict(p, x.T), X, Y)
    assert len(ax.collections) >= 1
    assert set(np.unique(blobs[1])) == {0, 1}


def test_w3_bad_input_messages():
    X, P = planar_course_params()
    with pytest.raises(KeyError, match="W2"):
        w3a1.forward_propagation(X, {"W1": P["W1"], "b1": P["b1"]})
    with pytest.raises(TypeError, match="2-D numpy array"):
        w3a1.forward_propagation([[1, 2]], P)
    with pytest.raises(ValueError, match="learning_rate"):
        w3a1.update_parameters(P, {}, -1)


# --------------------------------------------------------------------------- W4A1
def test_w4_initialize_parameters_seeds_1():
    p = w4a1.initialize_parameters(3, 2, 1)
    assert close(p["W1"], [[0.01624345, -0.00611756, -0.00528172],
                           [-0.01072969, 0.00865408, -0.02301539]])
    assert close(p["W2"], [[0.01744812, -0.00761207]])
    assert not p["b1"].any() and p["b2"].shape == (1, 1)


def test_w4_initialize_parameters_deep_seeds_3_on_the_global_state():
    np.random.seed(99)
    p = w4a1.initialize_parameters_deep([5, 4, 3])
    after = np.random.randn()  # the global stream continues after the course's draws
    assert close(p["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388])
    assert close(p["W2"][2], [-0.00768836, -0.00230031, 0.00745056, 0.01976111])
    assert p["b2"].shape == (3, 1) and not p["b2"].any()
    np.random.seed(3)
    np.random.randn(4 * 5 + 3 * 4)
    assert np.random.randn() == after
    q = w4a1.initialize_parameters_deep([5, 4, 3])
    assert all(np.array_equal(p[k], q[k]) for k in p)  # the same on every call


def test_w4_linear_forward_course_case_and_cache():
    np.random.seed(1)
    A, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    Z, cache = w4a1.linear_forward(A, W, b)
    assert close(Z, [[3.26295337, -1.23429987]])
    assert cache[0] is A and cache[1] is W and cache[2] is b and len(cache) == 3


def test_w4_linear_activation_forward_two_entry_cache():
    np.random.seed(2)
    A_prev, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    A, cache = w4a1.linear_activation_forward(A_prev, W, b, "sigmoid")
    assert close(A, [[0.96890023, 0.11013289]])
    linear_cache, activation_cache = cache  # the course's unpacking
    assert type(cache) is tuple and type(linear_cache) is tuple
    assert linear_cache[0] is A_prev and linear_cache[1] is W and linear_cache[2] is b
    assert close(activation_cache, [[3.43896131, -2.08938436]])
    A, _ = w4a1.linear_activation_forward(A_prev, W, b, "relu")
    assert close(A, [[3.43896131, 0.0]])


def course_l_forward():
    np.random.seed(6)
    X = np.random.randn(5, 4)
    P = {}
    for l, (n, n_prev) in enumerate(((4, 5), (3, 4), (1, 3)), start=1):
        P[f"W{l}"], P[f"b{l}"] = np.random.randn(n, n_prev), np.random.randn(n, 1)
    return X, P


def test_w4_L_model_forward_course_case():
    X, P = course_l_forward()
    AL, caches = w4a1.L_model_forward(X, P)
    assert close(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]])
    assert isinstance(caches, list) and len(caches) == 3
    assert all(type(c) is tuple and len(c) == 2 and len(c[0]) == 3 for c in caches)
    assert close(caches[1][0][0][0], [0.0, 3.18040136, 0.4074501, 0.0])  # A1 = relu(Z1)
    assert close(caches[2][1], [[-3.19864676, 0.87117055, -1.40297864, -3.00319435]])


def test_w4_compute_cost_course_case_returns_a_squeezed_array():
    cost = w4a1.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]]))
    assert isinstance(cost, np.ndarray) and cost.shape == () and close(cost, 0.27977656)


def test_w4_linear_backward_course_case():
    np.random.seed(1)
    dZ, A, W, b = np.random.randn(3, 4), np.random.randn(5, 4), np.random.randn(3, 5), np.random.randn(3, 1)
    dA_prev, dW, db = w4a1.linear_backward(dZ, (A, W, b))
    assert close(dA_prev[0], [-1.15171336, 0.06718465, -0.3204696, 2.09812712])
    assert close(dW[0], [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716])
    assert close(db, [[-0.14713786], [-0.11313155], [-0.13209101]])


def test_w4_linear_backward_by_hand():
    # m = 2: dW = (1/2) dZ A_prev^T, db = (1/2) sum dZ, dA_prev = W^T dZ
    dZ = np.array([[1.0, 3.0]])
    A_prev = np.array([[2.0, 4.0], [1.0, 0.0]])
    W = np.array([[0.5, -1.0]])
    dA_prev, dW, db = w4a1.linear_backward(dZ, (A_prev, W, np.zeros((1, 1))))
    assert np.array_equal(dW, [[(2 + 12) / 2, (1 + 0) / 2]])
    assert np.array_equal(db, [[2.0]])
    assert np.array_equal(dA_prev, [[0.5, 1.5], [-1.0, -3.0]])


def test_w4_linear_activation_backward_course_case():
    np.random.seed(2)
    dA, A, W, b, Z = (np.random.randn(1, 2), np.random.randn(3, 2), np.random.randn(1, 3),
                      np.random.randn(1, 1), np.random.randn(1, 2))
    cache = ((A, W, b), Z)
    dA_prev, dW, db = w4a1.linear_activation_backward(dA, cache, "sigmoid")
    assert close(dA_prev[:, 0], [0.11017994, 0.09466817, -0.05743092])
    assert close(dW, [[0.10266786, 0.09778551, -0.01968084]]) and close(db, [[-0.05729622]])
    dA_prev, dW, db = w4a1.linear_activation_backward(dA, cache, "relu")
    assert close(dA_prev[:, 0], [0.44090989, 0.37883606, -0.2298228]) and not dA_prev[:, 1].any()
    assert close(dW, [[0.44513824, 0.37371418, -0.10478989]]) and close(db, [[-0.20837892]])


def test_w4_L_model_backward_is_exact_on_the_course_case():
    # AL is not sigmoid(Z2) and A2 is not relu(Z1): the result must come from AL and the cached Z
    np.random.seed(3)
    AL, Y = np.random.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = np.random.randn(4, 2), np.random.randn(3, 4), np.random.randn(3, 1), np.random.randn(3, 2)
    A2, W2, b2, Z2 = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1), np.random.randn(1, 2)
    caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))
    grads = w4a1.L_model_backward(AL, Y, caches)
    assert list(grads) == ["dA1", "dW2", "db2", "dA0", "dW1", "db1"]
    assert close(grads["dA1"], [[0.12913162, -0.44014127], [-0.14175655, 0.48317296],
                                [0.01663708, -0.05670698]])
    assert close(grads["dW2"], [[-0.39202432, -0.13325855, -0.04601089]])
    assert close(grads["db2"], [[0.15187861]])
    assert close(grads["dA0"][:, 1], [0.52257901, -0.3269206, -0.32070404, -0.74079187])
    assert not grads["dA0"][:, 0].any()
    assert close(grads["dW1"][0], [0.41010002, 0.07807203, 0.13798444, 0.10502167])
    assert close(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]])


@pytest.mark.parametrize("loss,output", [("bce", "sigmoid"), ("mse", "relu"), ("mse", "linear")])
def test_w4_L_model_backward_matches_central_differences(loss, output):
    rs = np.random.RandomState(8)
    X = rs.randn(4, 5)
    Y = (rs.randn(1, 5) > 0).astype(float) if loss == "bce" else rs.rand(1, 5) + 1
    P = {"W1": rs.randn(3, 4), "b1": rs.randn(3, 1), "W2": rs.randn(2, 3), "b2": rs.randn(2, 1),
         "W3": rs.randn(1, 2), "b3": rs.randn(1, 1) + 2}
    AL, caches = w4a1.L_model_forward(X, P, output=output)
    grads = w4a1.L_model_backward(AL, Y, caches, output=output, loss=loss)
    approx = numeric_grads(
        lambda p: float(w4a1.compute_cost(w4a1.L_model_forward(X, p, output=output)[0], Y,
                                          loss=loss)), P)
    assert rel_diff(grads, approx) < 1e-7


def test_w4_update_parameters_course_case_leaves_input_unchanged():
    np.random.seed(2)
    P = {"W1": np.random.randn(3, 4), "b1": np.random.randn(3, 1),
         "W2": np.random.randn(1, 3), "b2": np.random.randn(1, 1)}
    np.random.seed(3)
    G = {"dW1": np.random.randn(3, 4), "db1": np.random.randn(3, 1),
         "dW2": np.random.randn(1, 3), "db2": np.random.randn(1, 1)}
    before = {k: v.copy() for k, v in P.items()}
    new = w4a1.update_parameters(P, G, 0.1)
    assert close(new["W1"][0], [-0.59562069, -0.09991781, -2.14584584, 1.82662008])
    assert close(new["b1"].ravel(), [-0.04659241, -1.28888275, 0.53405496])
    assert close(new["W2"], [[-0.55569196, 0.0354055, 1.32964895]])
    assert close(new["b2"], [[-0.84610769]])
    assert all(np.array_equal(P[k], before[k]) for k in P)


def test_w4_dnn_utils_helpers():
    Z = np.array([[-1.0, 0.0, 2.0]])
    A, cache = w4a1.relu(Z)
    assert np.array_equal(A, [[0.0, 0.0, 2.0]]) and np.array_equal(cache, Z)
    assert np.array_equal(w4a1.relu_backward(np.array([[5.0, 5.0, 5.0]]), Z), [[0.0, 0.0, 5.0]])
    A, _ = w4a1.sigmoid(np.array([[0.0]]))
    assert A[0, 0] == 0.5
    assert w4a1.sigmoid_backward(np.array([[1.0]]), np.array([[0.0]]))[0, 0] == 0.25


def test_w4_bad_caches_are_explained():
    np.random.seed(0)
    A, W, b, Z = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1), np.random.randn(1, 2)
    with pytest.raises(TypeError, match=r"\(linear_cache, activation_cache\)"):
        w4a1.linear_activation_backward(np.ones((1, 2)), ((A, W, b), Z, "relu"), "relu")
    with pytest.raises(ValueError, match="Shapes do not fit"):
        w4a1.linear_forward(A, np.ones((1, 4)), b)
    with pytest.raises(ValueError, match=r"dZ must have shape \(n_l, m\) = \(1, 2\)"):
        w4a1.linear_backward(np.ones((2, 2)), (A, W, b))


# --------------------------------------------------------------------------- W4A2
def test_w4a2_initialize_parameters_deep_seeds_1_and_scales_by_sqrt_n_prev():
    p = w4a2.initialize_parameters_deep([10, 5, 1])
    np.random.seed(1)
    raw = np.random.randn(5, 10)
    assert close(p["W1"] * np.sqrt(10), raw)
    assert p["W2"].shape == (1, 5) and not p["b1"].any()


def test_w4a2_two_layer_model_course_cases():
    np.random.seed(1)
    X, Y = np.random.randn(10, 10), np.random.randn(1, 10)
    p, costs = w4a2.two_layer_model(X, Y, (10, 4, 1), 0.0075, 2, False)
    assert close(p["W1"][0, :4], [0.01624965, -0.00610741, -0.00528734, -0.01072836])
    assert close(p["b1"].ravel(), [1.10437111e-05, 1.78437869e-05, 3.74879549e-05, -4.42988824e-05])
    assert close(p["W2"], [[-0.00200283, -0.00888593, -0.00751122, 0.01688162]])
    assert close(p["b2"], [[-0.00689018]])
    assert len(costs) == 1 and close(costs[0], 0.69315968)
    p, costs = w4a2.two_layer_model(X, Y, (10, 4, 1), 0.1, 3, False)
    assert close(p["W2"], [[-0.00358725, -0.00911995, -0.00831979, 0.01615845]])
    assert close(p["b2"], [[-0.13451354]]) and len(costs) == 1


def test_w4a2_L_layer_model_course_cases_positional_call():
    np.random.seed(1)
    X = np.random.randn(10, 10)
    Y = np.array([1, 1, 1, 1, 0, 0, 0, 1, 1, 0]).reshape(1, 10)
    p, costs = w4a2.L_layer_model(X, Y, (10, 5, 6, 1), 0.0075, 2)
    assert close(p["W1"][0, :3], [0.51384638, -0.19333098, -0.16705238])
    assert close(p["W3"], [[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575, 0.04805811]])
    assert close(p["b3"], [[0.0013201]])
    assert len(costs) == 1 and close(costs[0], 0.70723944)
    p, _ = w4a2.L_layer_model(X, Y, (10, 5, 6, 1), 0.02, 3)
    assert close(p["b3"], [[0.00525865]])


def test_w4a2_costs_every_100_and_the_printed_lines(capsys):
    rs = np.random.RandomState(2)
    X, Y = rs.randn(3, 6), (rs.randn(1, 6) > 0).astype(int)
    _, costs = w4a2.L_layer_model(X, Y, [3, 2, 1], num_iterations=250, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(costs) == 3  # iterations 0, 100, 200; no extra final entry
    assert [line.split(":")[0] for line in lines] == [
        f"Cost after iteration {i}" for i in (0, 100, 200, 249)]
    assert float(lines[0].split(": ")[1]) == pytest.approx(float(costs[0]), abs=1e-12)


def test_w4a2_predict_prints_the_accuracy(capsys):
    rs = np.random.RandomState(4)
    X = rs.randn(3, 8)
    P = {"W1": rs.randn(2, 3), "b1": np.zeros((2, 1)), "W2": rs.randn(1, 2), "b2": np.zeros((1, 1))}
    AL, _ = w4a1.L_model_forward(X, P)
    y = (AL > 0.5).astype(int)
    y[0, :2] = 1 - y[0, :2]  # two wrong labels: accuracy 6/8
    p = w4a2.predict(X, y, P)
    assert capsys.readouterr().out.strip() == "Accuracy: 0.75"
    assert p.dtype == float and set(np.unique(p)) <= {0.0, 1.0}


def test_w4a2_load_data_explains_where_the_images_are(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not ship them"):
        w4a2.load_data(str(tmp_path / "train.h5"), str(tmp_path / "test.h5"))


def test_w4a2_load_data_reads_the_course_layout(tmp_path, monkeypatch):
    import contextlib
    import sys
    import types

    contents = {
        "train": {"train_set_x": np.zeros((4, 2, 2, 3)), "train_set_y": np.array([1, 0, 1, 1])},
        "test": {"test_set_x": np.ones((2, 2, 2, 3)), "test_set_y": np.array([0, 1]),
                 "list_classes": np.array([b"non-cat", b"cat"])},
    }
    paths = {str(tmp_path / f"{k}.h5"): k for k in contents}
    for path in paths:
        open(path, "w").close()
    fake = types.SimpleNamespace(File=lambda path, mode: contextlib.nullcontext(contents[paths[path]]))
    monkeypatch.setitem(sys.modules, "h5py", fake)
    train_x, train_y, test_x, test_y, classes = w4a2.load_data(*paths)
    assert train_x.shape == (4, 2, 2, 3) and train_y.shape == (1, 4) and test_y.shape == (1, 2)
    assert classes[1] == b"cat"


def test_a_course_style_w4a1_script_runs_unchanged():
    # A learner's notebook code with only its import line pointing at dlsnotes.
    script = """
import numpy as np
from dlsnotes.course.w4a1 import *

np.random.seed(1)
X = np.random.randn(4, 30)
Y = (np.sum(X[:2], axis=0, keepdims=True) > 0).astype(int)
parameters = initialize_parameters_deep([4, 5, 3, 1])
costs = []
for i in range(0, 600):
    AL, caches = L_model_forward(X, parameters)
    cost = compute_cost(AL, Y)
    grads = L_model_backward(AL, Y, caches)
    parameters = update_parameters(parameters, grads, learning_rate=0.5)
    if i % 100 == 0:
        costs.append(np.squeeze(cost))
linear_cache, activation_cache = caches[0]
A_prev, W, b = linear_cache
dA_prev, dW, db = linear_activation_backward(grads["dA1"], caches[0], activation="relu")
"""
    namespace = {}
    exec(compile(script, "<learner notebook>", "exec"), namespace)
    costs = namespace["costs"]
    assert len(costs) == 6 and costs[-1] < costs[0] < 0.7
    assert namespace["A_prev"] is namespace["X"]
    assert np.allclose(namespace["dW"], namespace["grads"]["dW1"])


def same_types(got, template):
    """The course graders' datatype check: containers of the same kind, leaves of the same type."""
    if isinstance(template, dict):
        return type(got) is dict and set(got) == set(template) and all(
            same_types(got[k], template[k]) for k in template)
    if isinstance(template, (tuple, list)):
        return type(got) is type(template) and len(got) == len(template) and all(
            same_types(g, t) for g, t in zip(got, template))
    return isinstance(got, template)


def test_outputs_have_the_types_the_course_graders_check():
    arr = np.ndarray
    X, P = course_l_forward()
    layer = ((arr, arr, arr), arr)
    assert same_types(w4a1.L_model_forward(X, P), (arr, [layer, layer, layer]))
    assert same_types(w4a1.linear_activation_forward(X, P["W1"], P["b1"], "relu"), (arr, layer))
    AL, caches = w4a1.L_model_forward(X, P)
    grads = w4a1.L_model_backward(AL, np.array([[1, 0, 1, 0]]), caches)
    assert same_types(grads, {k: arr for k in ("dA0", "dW1", "db1", "dA1", "dW2", "db2", "dA2",
                                               "dW3", "db3")})
    np.random.seed(1)
    Xs, Y = np.random.randn(10, 10), np.random.randn(1, 10)
    params = {k: arr for k in ("W1", "b1", "W2", "b2")}
    assert same_types(w4a2.two_layer_model(Xs, Y, (10, 4, 1), 0.0075, 2, False), (params, [arr]))
    assert same_types(w3a1.layer_sizes(Xs, Y), (int, int, int))
    Xp, Pp = planar_course_params()
    assert same_types(w3a1.forward_propagation(Xp, Pp), (arr, {k: arr for k in ("Z1", "A1", "Z2", "A2")}))


# --------------------------------------------------------------------------- course fidelity
def cat_like_data(m=12, n_x=6, seed=7):
    rs = np.random.RandomState(seed)
    X = rs.randn(n_x, m)
    Y = (X[:1] + 0.5 * X[1:2] > 0).astype(int)
    return X, Y


def test_w4a2_update_parameters_updates_the_given_dict_in_place():
    # dnn_app_utils rebinds parameters["W1"] in the dict it is given and returns that dict
    rs = np.random.RandomState(3)
    P = {"W1": rs.randn(3, 4), "b1": rs.randn(3, 1), "W2": rs.randn(1, 3), "b2": rs.randn(1, 1)}
    G = {f"d{k}": rs.randn(*v.shape) for k, v in P.items()}
    old = dict(P)
    old_values = {k: v.copy() for k, v in P.items()}
    out = w4a2.update_parameters(P, G, 0.1)
    assert out is P
    for k in P:
        assert np.array_equal(P[k], old_values[k] - 0.1 * G["d" + k])
        assert np.array_equal(old[k], old_values[k])  # the old arrays are not written to
    assert list(inspect.signature(w4a2.update_parameters).parameters) == [
        "parameters", "grads", "learning_rate"]


def test_w4a1_and_w3a1_update_parameters_return_a_new_dict():
    rs = np.random.RandomState(4)
    P = {"W1": rs.randn(4, 2), "b1": rs.randn(4, 1), "W2": rs.randn(1, 4), "b2": rs.randn(1, 1)}
    G = {f"d{k}": rs.randn(*v.shape) for k, v in P.items()}
    for module in (w4a1, w3a1):
        before = {k: v.copy() for k, v in P.items()}
        out = module.update_parameters(P, G, 0.5)
        assert out is not P and all(np.array_equal(P[k], before[k]) for k in P)
        assert all(np.array_equal(out[k], before[k] - 0.5 * G["d" + k]) for k in P)
    assert list(inspect.signature(w4a1.update_parameters).parameters) == [
        "params", "grads", "learning_rate"]


def learner_loop_dropping_the_update(module, X, Y, parameters, learning_rate, iterations):
    """A learner's L_layer_model body that calls update_parameters without `parameters =`."""
    costs = []
    for i in range(iterations):
        AL, caches = module.L_model_forward(X, parameters)
        costs.append(float(module.compute_cost(AL, Y)))
        grads = module.L_model_backward(AL, Y, caches)
        module.update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def test_a_learner_loop_that_drops_the_return_value_trains_in_w4a2_as_in_the_course():
    X, Y = cat_like_data()
    dims = [6, 5, 3, 1]
    reference, ref_costs = w4a2.L_layer_model(X, Y, dims, 0.05, 201)
    parameters = w4a2.initialize_parameters_deep(dims)
    learner, costs = learner_loop_dropping_the_update(w4a2, X, Y, parameters, 0.05, 201)
    assert all(np.array_equal(learner[k], reference[k]) for k in reference)  # bit for bit
    assert costs[0:201:100] == [float(c) for c in ref_costs]
    assert costs[-1] < costs[0] - 0.05  # it really trained


def test_the_same_loop_does_not_train_with_the_copying_w4a1_and_w3a1_versions():
    X, Y = cat_like_data()
    parameters = w4a1.initialize_parameters_deep([6, 5, 3, 1])
    start = {k: v.copy() for k, v in parameters.items()}
    _, costs = learner_loop_dropping_the_update(w4a1, X, Y, parameters, 0.05, 5)
    assert all(np.array_equal(parameters[k], start[k]) for k in start) and len(set(costs)) == 1
    np.random.seed(2)
    P = w3a1.initialize_parameters(6, 4, 1)
    start = {k: v.copy() for k, v in P.items()}
    for _ in range(5):
        A2, cache = w3a1.forward_propagation(X, P)
        w3a1.update_parameters(P, w3a1.backward_propagation(P, cache, X, Y))
    assert all(np.array_equal(P[k], start[k]) for k in start)


def record_calls(monkeypatch, module, names):
    calls = []
    for name in names:
        original = getattr(module, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return calls


def test_the_models_are_the_course_loops_over_their_own_step_functions(monkeypatch, capsys):
    X, Y = cat_like_data()
    steps = ["L_model_forward", "compute_cost", "L_model_backward", "update_parameters"]
    calls = record_calls(monkeypatch, w4a2, steps)
    w4a2.L_layer_model(X, Y, [6, 3, 1], 0.01, 3)
    assert calls == steps * 3
    steps = ["linear_activation_forward", "linear_activation_forward", "compute_cost",
             "linear_activation_backward", "linear_activation_backward", "update_parameters"]
    calls = record_calls(monkeypatch, w4a2, sorted(set(steps)))
    w4a2.two_layer_model(X, Y, (6, 3, 1), 0.01, 2)
    assert calls == steps * 2
    steps = ["forward_propagation", "compute_cost", "backward_propagation", "update_parameters"]
    calls = record_calls(monkeypatch, w3a1, steps)
    w3a1.nn_model(X, Y, 3, num_iterations=4)
    assert calls == steps * 4


@pytest.mark.parametrize("model,dims", [(w4a2.two_layer_model, (6, 3, 1)),
                                        (w4a2.L_layer_model, (6, 3, 2, 1))])
def test_w4a2_models_print_the_last_iteration_even_without_print_cost(model, dims, capsys):
    # the course's `if print_cost and i % 100 == 0 or i == num_iterations - 1`
    X, Y = cat_like_data()
    _, costs = model(X, Y, dims, 0.0075, 2, False)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cost after iteration 1: ")
    model(X, Y, dims, 0.0075, 101, True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"Cost after iteration {i}" for i in (0, 100)]
    assert float(lines[0].split(": ")[1]) == float(costs[0])  # the full repr, as np.squeeze prints


def test_saturated_outputs_give_the_course_inf_and_nan():
    # the course's unclipped formulas: 0 * log(0) is nan, -log(0) is inf
    assert np.isnan(w3a1.compute_cost(np.array([[1.0, 0.5]]), np.array([[1, 1]])))
    assert w3a1.compute_cost(np.array([[0.0, 0.5]]), np.array([[1, 1]])) == np.inf
    assert np.isnan(w4a1.compute_cost(np.array([[1.0, 0.5]]), np.array([[1, 0]])))
    rs = np.random.RandomState(0)
    A_prev, W, b = rs.randn(2, 2), rs.randn(1, 2), rs.randn(1, 1)
    AL = np.array([[1.0, 0.25]])
    caches = [((A_prev, W, b), rs.randn(1, 2))]
    grads = w4a1.L_model_backward(AL, np.array([[1, 0]]), caches)
    assert np.isnan(grads["dW1"]).all()  # dAL = -(1/1 - 0/0) is nan in the course


def test_a_gradient_of_the_wrong_shape_is_explained_not_broadcast():
    X, P = planar_course_params()
    G = {"dW1": np.zeros((4, 2)), "db1": np.zeros(4), "dW2": np.zeros((1, 4)), "db2": np.zeros((1, 1))}
    for update in (w3a1.update_parameters, w4a1.update_parameters, w4a2.update_parameters):
        with pytest.raises(ValueError, match=r"grads\['db1'\] must have the shape of b1, \(4, 1\)"):
            update(P, G, 0.1)
    assert P["b1"].shape == (4, 1)  # nothing was updated
    with pytest.raises(ValueError, match=r"Shapes do not fit Z1 = W1 X \+ b1"):
        w3a1.forward_propagation(X, dict(P, b1=np.zeros(4)))


def test_course_modules_import_no_private_name_and_hide_no_cycle():
    import ast
    import pathlib

    import dlsnotes.course as course

    folder = pathlib.Path(course.__file__).parent
    for name in ("w3a1.py", "w4a1.py", "w4a2.py", "_common.py"):
        tree = ast.parse((folder / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not [a.name for a in node.names if a.name.startswith("_")], (name, node.lineno)
        late = [n for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
        # only the optional h5py is imported inside a function
        assert [a.name for n in late for a in n.names] in ([], ["h5py"]), name


def test_relu_backward_is_the_course_copy_and_mask():
    # dnn_utils: dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0 -- an exact 0.0 where Z <= 0,
    # whatever dA holds there, and the caller's dA untouched
    dA = np.array([[-1.0, np.inf, 2.0, -3.0]])
    Z = np.array([[-1.0, -2.0, 0.0, 0.5]])
    dZ = w4a1.relu_backward(dA, Z)
    assert np.array_equal(dZ, [[0.0, 0.0, 0.0, -3.0]]) and not np.signbit(dZ[0, :3]).any()
    assert np.array_equal(dA, [[-1.0, np.inf, 2.0, -3.0]]) and dZ is not dA
    cache = ((np.ones((2, 4)), np.ones((1, 2)), np.zeros((1, 1))), Z)
    dA_prev, dW, db = w4a1.linear_activation_backward(dA, cache, "relu")
    assert np.array_equal(db, [[-0.75]]) and np.isfinite(dW).all()
