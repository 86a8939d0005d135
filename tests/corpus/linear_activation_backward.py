"""linear_activation_backward of W4A1: g'(Z), then linear_backward."""

from ._entry import correct, mutate, wrong

N = "linear_activation_backward"
BASE = '''def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", mutate(BASE, "    linear_cache, activation_cache = cache\n",
                              "    linear_cache = cache[0]\n    activation_cache = cache[1]\n")),
    correct(N, "W4A1", '''def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
'''),
    wrong(N, "W4A1", "linear_activation_backward:swapped", mutate(BASE, "= relu_backward(", "= TMP(",
                                                                  "= sigmoid_backward(", "= relu_backward(",
                                                                  "= TMP(", "= sigmoid_backward(")),
    wrong(N, "W4A1", "linear_activation_backward:no_g_prime", mutate(BASE, "linear_backward(dZ, linear_cache)\n    elif",
                                                                     "linear_backward(dA, linear_cache)\n    elif"),
          "the relu branch passes dA to linear_backward"),
    wrong(N, "W4A1", "linear_activation_backward:no_g_prime", mutate(BASE, "linear_backward(dZ, linear_cache)\n    return",
                                                                     "linear_backward(dA, linear_cache)\n    return")),
    wrong(N, "W4A1", "raised:cache", mutate(BASE, "relu_backward(dA, activation_cache)", "relu_backward(dA, linear_cache)")),
    wrong(N, "W4A1", "linear_activation_backward:return_order", mutate(BASE, "return dA_prev, dW, db", "return dW, db, dA_prev")),
    wrong(N, "W4A1", "linear_activation_backward:slope_at_zero", '''def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "relu":
        dZ = dA * (Z >= 0)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
'''),
    wrong(N, "W4A1", "shape:no_keepdims", '''def linear_activation_backward(dA, cache, activation):
    (A_prev, W, b), Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, dZ.sum(axis=1) / m
'''),
]
