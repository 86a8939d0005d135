"""forward_propagation of the planar network (W3A1): LINEAR -> TANH -> LINEAR -> SIGMOID."""

from ._entry import correct, mutate, wrong

N = "forward_propagation"

BASE = '''def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    assert(A2.shape == (1, X.shape[1]))
    cache = {"Z1": Z1,
             "A1": A1,
             "Z2": Z2,
             "A2": A2}
    return A2, cache
'''
MATMUL = mutate(BASE, "np.dot(W1, X)", "W1 @ X", "np.dot(W2, A1)", "W2 @ A1")
OWN_SIGMOID = mutate(BASE, "A2 = sigmoid(Z2)", "A2 = 1 / (1 + np.exp(-Z2))")
EXP_TANH = mutate(BASE, "A1 = np.tanh(Z1)", "A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))")
DOT_METHOD = mutate(BASE, "np.dot(W1, X) + b1", "W1.dot(X) + b1", "    assert(A2.shape == (1, X.shape[1]))\n", "")

ENTRIES = [
    correct(N, "W3A1", BASE),
    correct(N, "W3A1", MATMUL),
    correct(N, "W3A1", OWN_SIGMOID),
    correct(N, "W3A1", EXP_TANH),
    correct(N, "W3A1", DOT_METHOD),
    wrong(N, "W3A1", "forward:no_b1", mutate(BASE, "np.dot(W1, X) + b1", "np.dot(W1, X)")),
    wrong(N, "W3A1", "forward:no_b2", mutate(BASE, "np.dot(W2, A1) + b2", "np.dot(W2, A1)")),
    wrong(N, "W3A1", "forward:hidden_sigmoid", mutate(BASE, "A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)")),
    wrong(N, "W3A1", "forward:hidden_relu", mutate(BASE, "A1 = np.tanh(Z1)", "A1 = np.maximum(0, Z1)"),
          "seed 004: ReLU in the planar hidden layer"),
    wrong(N, "W3A1", "forward:hidden_leaky_relu", mutate(BASE, "A1 = np.tanh(Z1)", "A1 = np.maximum(0.01 * Z1, Z1)"),
          "seed 004: Leaky ReLU in the planar hidden layer"),
    wrong(N, "W3A1", "forward:output_tanh", mutate(BASE, "A2 = sigmoid(Z2)", "A2 = np.tanh(Z2)")),
    wrong(N, "W3A1", "forward:no_output_activation", mutate(BASE, "A2 = sigmoid(Z2)", "A2 = Z2")),
    wrong(N, "W3A1", "forward:cache_A1_is_Z1", mutate(BASE, "Z2 = np.dot(W2, A1) + b2", "Z2 = np.dot(W2, np.tanh(Z1)) + b2",
                                                  "A1 = np.tanh(Z1)", "A1 = Z1"),
          "the cache's A1 is Z1"),
    wrong(N, "W3A1", "forward:cache_swapped", mutate(BASE, '"Z1": Z1,\n             "A1": A1',
                                                     '"Z1": A1,\n             "A1": Z1')),
    wrong(N, "W3A1", "raised:shapes", mutate(BASE, "np.dot(W1, X)", "np.dot(X, W1)")),
    wrong(N, "W3A1", "raised:shapes", mutate(BASE, "np.dot(W2, A1)", "np.dot(W2.T, A1)")),
    wrong(N, "W3A1", "return:missing_keys", mutate(BASE, ',\n             "A2": A2}', "}")),
    wrong(N, "W3A1", "forward:relu_output", mutate(BASE, "A2 = sigmoid(Z2)", "A2 = np.maximum(0, Z2)")),
]
