"""A second batch, written after the checker was tuned on the first: other styles, other
slips (measured once before any change to the checker; see the report of issue 17)."""

from ._entry import Entry, correct, wrong

ENTRIES = [
    # W3A1 forward_propagation written inline
    wrong("forward_propagation", "W3A1", "forward:hidden_relu", '''def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = Z1 * (Z1 > 0)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
'''),
    wrong("forward_propagation", "W3A1", "forward:no_b1", '''def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = W1.dot(X)
    A1 = np.tanh(Z1)
    Z2 = W2.dot(A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''),
    # compute_cost, other spellings
    wrong("compute_cost", "W3A1", "cost:no_minus", '''def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = (1. / m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(cost)
'''),
    wrong("compute_cost", "W3A1", "cost:not_float", '''def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(Y, np.log(A2)) + np.multiply((1 - Y), np.log(1 - A2))
    cost = -np.sum(logprobs) / m
    return np.squeeze(cost)
'''),
    wrong("compute_cost", "W4A1", "value:missing_1/m", '''def compute_cost(AL, Y):
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)
'''),
    wrong("compute_cost", "W4A1", "cost:mse", '''def compute_cost(AL, Y):
    m = AL.shape[1]
    cost = (1 / (2 * m)) * np.sum(np.square(AL - Y))
    return np.squeeze(cost)
'''),
    # backward_propagation
    wrong("backward_propagation", "W3A1", "backward:dZ2_times_sigmoid_prime", '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = np.multiply(A2 - Y, np.multiply(A2, 1 - A2))
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), 1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''),
    wrong("backward_propagation", "W3A1", "shape:db_axis0", '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = 1 / m * dZ2 @ A1.T
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1 ** 2)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 1 / m * np.sum(dZ1, axis=0, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''),
    wrong("backward_propagation", "W3A1", "value:missing_1/m", '''def backward_propagation(parameters, cache, X, Y):
    A1, A2 = cache["A1"], cache["A2"]
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T)
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T)
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1 / m, "db1": db1 / m, "dW2": dW2, "db2": db2}
'''),
    Entry("backward_propagation", "W3A1", '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
''', "backward:g_prime_of_tanh", forward='''def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.where(Z1 > 0, Z1, 0)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
''', why="seed 004's Relu = np.where(x > 0, x, 0) forward, tanh backward"),
    # update_parameters
    wrong("update_parameters", "W3A1", "update_parameters:not_assigned", '''def update_parameters(parameters, grads, learning_rate=1.2):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W1 = W1 - learning_rate * grads["dW1"]
    b1 = b1 - learning_rate * grads["db1"]
    W2 = W2 - learning_rate * grads["dW2"]
    b2 = b2 - learning_rate * grads["db2"]
    return parameters
'''),
    wrong("update_parameters", "W4A1", "update_parameters:plus", '''def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W%d" % l] += learning_rate * grads["dW%d" % l]
        parameters["b%d" % l] += learning_rate * grads["db%d" % l]
    return parameters
'''),
    wrong("update_parameters", "W4A1", "update_parameters:skipped_layer", '''def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
'''),
    # nn_model
    wrong("nn_model", "W3A1", "nn_model:ignores_n_h", '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, n_h, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
    return parameters
'''),
    # linear_backward
    wrong("linear_backward", "W4A1", "linear_backward:m_from_rows", '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[0]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
'''),
    wrong("linear_backward", "W4A1", "linear_backward:db_axis0", '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=0, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
'''),
    wrong("linear_backward", "W4A1", "linear_backward:dW_transposed", '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (A_prev @ dZ.T) / m
    db = dZ.mean(axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
'''),
    # linear_forward
    wrong("linear_forward", "W4A1", "linear_forward:no_b", '''def linear_forward(A, W, b):
    Z = np.matmul(W, A)
    return Z, (A, W, b)
'''),
    # relu_backward
    wrong("relu_backward", "W4A1", "relu_backward:slope_at_zero", '''def relu_backward(dA, cache):
    Z = cache
    dZ = dA * np.where(Z >= 0, 1, 0)
    return dZ
'''),
    wrong("relu_backward", "W4A1", "relu_backward:in_place", '''def relu_backward(dA, cache):
    Z = cache
    dA[Z < 0] = 0
    dA[Z == 0] = 0
    return dA
'''),
    wrong("relu_backward", "W4A1", "relu_backward:slope_at_zero", '''def relu_backward(dA, cache):
    Z = cache
    g_prime = (Z >= 0).astype(int)
    return dA * g_prime
'''),
    # sigmoid W4A1 returning only A
    wrong("sigmoid", "W4A1", "activation:no_cache", '''def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))
'''),
    # initialize_parameters
    wrong("initialize_parameters", "W4A1", "init:no_seed", '''def initialize_parameters(n_x, n_h, n_y):
    parameters = {}
    parameters["W1"] = np.random.randn(n_h, n_x) * 0.01
    parameters["b1"] = np.zeros((n_h, 1))
    parameters["W2"] = np.random.randn(n_y, n_h) * 0.01
    parameters["b2"] = np.zeros((n_y, 1))
    return parameters
'''),
    wrong("initialize_parameters", "W4A1", "init:b_rank1", '''def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros(shape=n_h)
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros(shape=n_y)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''),
    wrong("initialize_parameters_deep", "W4A1", "init:no_seed", '''def initialize_parameters_deep(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
'''),
    # L_model_forward / backward
    wrong("L_model_forward", "W4A1", "L_model_forward:output_relu", '''def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    return A, caches
'''),
    wrong("L_model_backward", "W4A1", "dAL:parenthesis", '''def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA, dW, db
    return grads
'''),
    wrong("L_model_backward", "W4A1", "dAL:is_dZ", '''def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = AL - Y.reshape(AL.shape)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA, dW, db
    return grads
'''),
    # two_layer_model that drops the re-read of the weights
    wrong("two_layer_model", "W4A2", "model:stale_weights", '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads, costs = {}, []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, grads["dW2"], grads["db2"] = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, grads["dW1"], grads["db1"] = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
'''),
    wrong("L_layer_model", "W4A2", "model:learning_rate", '''def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, 0.0075)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
'''),
    # correct, other styles
    correct("linear_backward", "W4A1", '''def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = dZ.shape[1]
    return np.matmul(W.T, dZ), np.matmul(dZ, A_prev.T) / m, np.sum(dZ, 1, keepdims=True) / m
'''),
    correct("relu_backward", "W4A1", '''def relu_backward(dA, cache):
    dZ = dA.copy()
    dZ[cache <= 0] = 0.0
    return dZ
'''),
    correct("compute_cost", "W3A1", '''def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    cost = float(np.squeeze(cost))
    return cost
'''),
    correct("update_parameters", "W4A1", '''def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters
'''),
]
