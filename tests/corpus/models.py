"""W4A2's models: two_layer_model and L_layer_model (the course's loops)."""

from ._entry import correct, mutate, wrong

T = "two_layer_model"
L = "L_layer_model"

TWO = '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    m = X.shape[1]
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads['dW1'] = dW1
        grads['db1'] = db1
        grads['dW2'] = dW2
        grads['db2'] = db2
        parameters = update_parameters(parameters, grads, learning_rate)
        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs
'''
DEEP = '''def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
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
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs
'''
ENTRIES = [
    correct(T, "W4A2", TWO),
    correct(T, "W4A2", mutate(TWO, "        if print_cost and i % 100 == 0 or i == num_iterations - 1:\n"
                                   "            print(\"Cost after iteration {}: {}\".format(i, np.squeeze(cost)))\n", "")),
    correct(L, "W4A2", DEEP),
    correct(L, "W4A2", mutate(DEEP, "parameters = update_parameters(parameters, grads, learning_rate)",
                              "update_parameters(parameters, grads, learning_rate)"),
            "drops the return value: dnn_app_utils updates the dict in place"),
    correct(L, "W4A2", mutate(DEEP, "        if i % 100 == 0 or i == num_iterations:\n", "        if i % 100 == 0:\n")),
    # two_layer_model
    wrong(T, "W4A2", "model:stale_weights", mutate(TWO, '''        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]
        if print_cost''', "        if print_cost"), "never reads the updated W1, b1, W2, b2 back"),
    wrong(T, "W4A2", "dAL:sign", mutate(TWO, "dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))",
                                        "dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)")),
    wrong(T, "W4A2", "dAL:is_dZ", mutate(TWO, "dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))", "dA2 = A2 - Y")),
    wrong(T, "W4A2", "dAL:parenthesis", mutate(TWO, "dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))",
                                               "dA2 = - np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)")),
    wrong(T, "W4A2", "model:activations_swapped", mutate(TWO, 'linear_activation_forward(X, W1, b1, "relu")', 'linear_activation_forward(X, W1, b1, "sigmoid")',
                                                         'linear_activation_backward(dA1, cache1, "relu")', 'linear_activation_backward(dA1, cache1, "sigmoid")')),
    wrong(T, "W4A2", "model:backward_activation", mutate(TWO, 'linear_activation_backward(dA1, cache1, "relu")', 'linear_activation_backward(dA1, cache1, "sigmoid")'),
          "relu forward, sigmoid's derivative backward"),
    wrong(T, "W4A2", "model:learning_rate", mutate(TWO, "update_parameters(parameters, grads, learning_rate)", "update_parameters(parameters, grads, 0.0075)")),
    wrong(T, "W4A2", "model:costs_every_iteration", mutate(TWO, "        if i % 100 == 0 or i == num_iterations:\n            costs.append(cost)\n",
                                                            "        costs.append(cost)\n")),
    correct(T, "W4A2", mutate(TWO, "    np.random.seed(1)\n", ""),
            "no seed in the model: initialize_parameters seeds 1 itself, so the numbers are the same"),
    # L_layer_model
    wrong(L, "W4A2", "model:learning_rate", mutate(DEEP, "update_parameters(parameters, grads, learning_rate)", "update_parameters(parameters, grads, 0.0075)")),
    wrong(L, "W4A2", "model:costs_every_iteration", mutate(DEEP, "        if i % 100 == 0 or i == num_iterations:\n            costs.append(cost)\n",
                                                            "        costs.append(cost)\n")),
    correct(L, "W4A2", mutate(DEEP, "    np.random.seed(1)\n", ""),
            "no seed in the model: W4A2's initialize_parameters_deep seeds 1 itself"),
    wrong(L, "W4A2", "model:iterations", mutate(DEEP, "range(0, num_iterations)", "range(0, num_iterations - 1)")),
]
