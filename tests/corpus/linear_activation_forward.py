"""linear_activation_forward of W4A1: one LINEAR -> ACTIVATION layer."""

from ._entry import correct, mutate, wrong

N = "linear_activation_forward"
BASE = '''def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
'''
OWN = '''def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    if activation == "relu":
        A = np.maximum(0, Z)
    else:
        A = 1 / (1 + np.exp(-Z))
    return A, ((A_prev, W, b), Z)
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", OWN),
    correct(N, "W4A1", mutate(BASE, "    elif activation == \"relu\":", "    else:")),
    wrong(N, "W4A1", "linear_activation_forward:swapped", mutate(BASE, "= sigmoid(Z)", "= TMP(Z)", "= relu(Z)", "= sigmoid(Z)",
                                                                 "= TMP(Z)", "= relu(Z)")),
    wrong(N, "W4A1", "linear_activation_forward:swapped", mutate(OWN, 'activation == "relu"', 'activation == "sigmoid"')),
    wrong(N, "W4A1", "activation:cache_is_A", mutate(OWN, "((A_prev, W, b), Z)", "((A_prev, W, b), A)")),
    wrong(N, "W4A1", "return:length", mutate(BASE, "cache = (linear_cache, activation_cache)",
                                             "cache = (linear_cache, activation_cache, activation)")),
    wrong(N, "W4A1", "return:length", mutate(OWN, "((A_prev, W, b), Z)", "(A_prev, W, b, Z)")),
    wrong(N, "W4A1", "linear_activation_forward:no_b", mutate(OWN, "Z = W @ A_prev + b", "Z = W @ A_prev")),
    wrong(N, "W4A1", "linear_activation_forward:leaky", mutate(OWN, "np.maximum(0, Z)", "np.maximum(0.01 * Z, Z)")),
    wrong(N, "W4A1", "return:none", mutate(BASE, "    return A, cache\n", "")),
]
