"""backward_propagation of the planar network (W3A1), alone or with the learner's forward pass."""

from ._entry import Entry, correct, mutate, wrong

N = "backward_propagation"

BASE = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1,
             "db1": db1,
             "dW2": dW2,
             "db2": db2}
    return grads
'''
COMPACT = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = dZ2.sum(1, keepdims=True) / m
    dZ1 = np.multiply(parameters["W2"].T @ dZ2, 1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''
FROM_Z1 = mutate(BASE, "(1 - np.power(A1, 2))", "(1 - np.tanh(cache['Z1']) ** 2)")
MEAN = mutate(BASE, "(1 / m) * np.sum(dZ2, axis=1, keepdims=True)", "np.mean(dZ2, axis=1, keepdims=True)",
              "(1 / m) * np.sum(dZ1, axis=1, keepdims=True)", "np.mean(dZ1, axis=1, keepdims=True)")

FORWARD = '''def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''
LEAKY_FORWARD = '''def LRelu(x):
    return np.maximum(0.01 * x, x)

def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = LRelu(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''
RELU_FORWARD = mutate(FORWARD, "A1 = np.tanh(Z1)", "A1 = np.maximum(0, Z1)")
LEAKY_BACKWARD = mutate(BASE, "(1 - np.power(A1, 2))", "np.where(cache['Z1'] > 0, 1, 0.01)")
RELU_BACKWARD = mutate(BASE, "(1 - np.power(A1, 2))", "(A1 > 0)")

ENTRIES = [
    correct(N, "W3A1", BASE),
    correct(N, "W3A1", COMPACT),
    correct(N, "W3A1", MEAN),
    correct(N, "W3A1", mutate(BASE, "(1 / m) * np.dot(dZ2, A1.T)", "np.dot(dZ2, A1.T) / m")),
]

ENTRIES += [
    Entry(N, "W3A1", LEAKY_BACKWARD, None, forward=LEAKY_FORWARD,
                                       why="seed 004's fix: Leaky ReLU in both passes"),
    Entry(N, "W3A1", RELU_BACKWARD, None, forward=RELU_FORWARD,
                                       why="ReLU in both passes"),
    Entry(N, "W3A1", BASE, None, forward=FORWARD, why="the pair, tanh"),
    # seed 004: the forward pass switched to Leaky ReLU / ReLU, the backward pass still tanh's
    wrong(N, "W3A1", "backward:A1_from_Z1", FROM_Z1,
          why="right maths, but not the course's numbers on its test case (A1 there is not tanh(Z1))"),
    wrong(N, "W3A1", "backward:g_prime_of_tanh", BASE, forward=LEAKY_FORWARD,
          why="seed 004: Leaky ReLU forward, tanh backward"),
    wrong(N, "W3A1", "backward:g_prime_of_tanh", BASE, forward=RELU_FORWARD),
    wrong(N, "W3A1", "backward:g_prime_of_relu", RELU_BACKWARD, forward=LEAKY_FORWARD,
          why="ReLU's derivative after a Leaky ReLU forward pass"),
    wrong(N, "W3A1", "backward:g_prime_of_relu", RELU_BACKWARD),
    wrong(N, "W3A1", "backward:g_prime_of_leaky_relu", LEAKY_BACKWARD),
    wrong(N, "W3A1", "backward:g_prime_of_sigmoid", mutate(BASE, "(1 - np.power(A1, 2))", "A1 * (1 - A1)")),
    wrong(N, "W3A1", "backward:no_g_prime", mutate(BASE, " * (1 - np.power(A1, 2))", "")),
    wrong(N, "W3A1", "backward:tanh_prime_without_square", mutate(BASE, "(1 - np.power(A1, 2))", "(1 - A1)")),
    wrong(N, "W3A1", "backward:dZ2_times_sigmoid_prime",
          mutate(BASE, "dZ2 = A2 - Y", "dZ2 = (A2 - Y) * A2 * (1 - A2)"),
          "seed 003: (a - y)·f'(z) with the cross-entropy loss"),
    wrong(N, "W3A1", "value:sign", mutate(BASE, "dZ2 = A2 - Y", "dZ2 = Y - A2")),
    wrong(N, "W3A1", "shape:db_axis0", mutate(BASE, "np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=0, keepdims=True)")),
    wrong(N, "W3A1", "shape:db_axis0", mutate(COMPACT, "dZ2.sum(1, keepdims=True)", "dZ2.sum(0, keepdims=True)")),
    wrong(N, "W3A1", "shape:no_keepdims", mutate(BASE, "np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=1)")),
    wrong(N, "W3A1", "shape:summed_all", mutate(BASE, "np.sum(dZ2, axis=1, keepdims=True)", "np.sum(dZ2)")),
    wrong(N, "W3A1", "value:missing_1/m", mutate(BASE, "dW1 = (1 / m) * np.dot(dZ1, X.T)", "dW1 = np.dot(dZ1, X.T)")),
    wrong(N, "W3A1", "value:missing_1/m", mutate(COMPACT, "db1 = dZ1.sum(axis=1, keepdims=True) / m", "db1 = dZ1.sum(axis=1, keepdims=True)")),
    wrong(N, "W3A1", "backward:m_from_rows", mutate(BASE, "m = X.shape[1]", "m = X.shape[0]")),
    wrong(N, "W3A1", "shape:transposed", mutate(BASE, "np.dot(dZ2, A1.T)", "np.dot(A1, dZ2.T)")),
    wrong(N, "W3A1", "backward:dW1_with_A1", mutate(BASE, "np.dot(dZ1, X.T)", "np.dot(dZ1, A1.T)"),
          "dW1 from A1 instead of X: raises (shapes)"),
    wrong(N, "W3A1", "raised:shapes", mutate(BASE, "np.dot(W2.T, dZ2)", "np.dot(W1.T, dZ2)")),
    wrong(N, "W3A1", "backward:g_prime_of_Z_not_A", mutate(BASE, "(1 - np.power(A1, 2))", "(1 - np.power(cache['Z1'], 2))")),
    wrong(N, "W3A1", "value:extra_1/m", mutate(BASE, "dZ2 = A2 - Y", "dZ2 = (A2 - Y) / m")),
    wrong(N, "W3A1", "backward:dZ2_bce_dA", mutate(BASE, "dZ2 = A2 - Y", "dZ2 = -(Y / A2 - (1 - Y) / (1 - A2))"),
          "dA2 used as dZ2"),
]
