"""nn_model of W3A1: the course's loop over the learner's building blocks."""

from ._entry import correct, mutate, wrong

N = "nn_model"

BASE = '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
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
    return parameters
'''
EXPLICIT_RATE = mutate(BASE, "update_parameters(parameters, grads)", "update_parameters(parameters, grads, learning_rate=1.2)")
OLDER = mutate(BASE, "    n_x = layer_sizes(X, Y)[0]\n    n_y = layer_sizes(X, Y)[2]\n",
               "    n_x, _, n_y = layer_sizes(X, Y)\n")

ENTRIES = [
    correct(N, "W3A1", BASE),
    correct(N, "W3A1", EXPLICIT_RATE),
    correct(N, "W3A1", OLDER),
    wrong(N, "W3A1", "nn_model:ignores_n_h", mutate(OLDER, "    n_x, _, n_y = layer_sizes(X, Y)\n",
                                                    "    n_x, n_h, n_y = layer_sizes(X, Y)\n"),
          "n_h taken from layer_sizes (always 4)"),
    wrong(N, "W3A1", "nn_model:ignores_n_h", mutate(BASE, "initialize_parameters(n_x, n_h, n_y)", "initialize_parameters(n_x, 4, n_y)")),
    wrong(N, "W3A1", "nn_model:no_update", mutate(BASE, "parameters = update_parameters(parameters, grads)",
                                                  "update_parameters(parameters, grads)"),
          "drops update_parameters' return value: W3A1's update works on a copy"),
    wrong(N, "W3A1", "nn_model:no_seed", mutate(BASE, "    np.random.seed(3)\n", "")),
    wrong(N, "W3A1", "nn_model:learning_rate", mutate(BASE, "update_parameters(parameters, grads)",
                                                      "update_parameters(parameters, grads, 0.5)")),
    wrong(N, "W3A1", "nn_model:iterations", mutate(BASE, "range(0, num_iterations)", "range(1, num_iterations)")),
    wrong(N, "W3A1", "nn_model:iterations", mutate(BASE, "range(0, num_iterations)", "range(0, 10000)"),
          "ignores num_iterations"),
    wrong(N, "W3A1", "nn_model:no_update", mutate(BASE, "parameters = update_parameters(parameters, grads)",
                                                  "new_parameters = update_parameters(parameters, grads)")),
]
