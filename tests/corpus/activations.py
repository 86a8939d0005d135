"""The activations and their backward steps (W4A1's dnn_utils; W3A1's one-output sigmoid)."""

from ._entry import correct, mutate, wrong

SIG_W4 = '''def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache
'''
SIG_W3 = '''def sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s
'''
RELU = '''def relu(Z):
    A = np.maximum(0, Z)
    cache = Z
    return A, cache
'''
RB = '''def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ
'''
RB_MULT = '''def relu_backward(dA, cache):
    Z = cache
    return dA * (Z > 0)
'''
RB_WHERE = '''def relu_backward(dA, cache):
    Z = cache
    dZ = np.where(Z > 0, dA, 0)
    return dZ
'''
SB = '''def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ
'''

ENTRIES = [
    correct("sigmoid", "W4A1", SIG_W4),
    correct("sigmoid", "W3A1", SIG_W3),
    correct("relu", "W4A1", RELU),
    correct("relu", "W4A1", mutate(RELU, "np.maximum(0, Z)", "Z * (Z > 0)")),
    correct("relu_backward", "W4A1", RB),
    correct("relu_backward", "W4A1", RB_MULT),
    correct("relu_backward", "W4A1", RB_WHERE),
    correct("relu_backward", "W4A1", mutate(RB, "dZ = np.array(dA, copy=True)", "dZ = dA.copy()")),
    correct("sigmoid_backward", "W4A1", SB),
    correct("sigmoid_backward", "W4A1", mutate(SB, "dZ = dA * s * (1 - s)", "dZ = np.multiply(dA, np.multiply(s, 1 - s))")),
    # right for one assignment, wrong for the other
    wrong("sigmoid", "W3A1", "activation:no_cache", SIG_W3, asked="W4A1",
          why="W3A1's sigmoid returns only A; W4A1's returns (A, cache)"),
    wrong("sigmoid", "W4A1", "return:wrapped", SIG_W4, asked="W3A1",
          why="W4A1's sigmoid returns (A, cache); W3A1's only s"),
    wrong("relu", "W4A1", "activation:no_cache", mutate(RELU, "return A, cache", "return A")),
    wrong("relu", "W4A1", "activation:cache_is_A", mutate(RELU, "cache = Z", "cache = A")),
    wrong("sigmoid", "W4A1", "activation:cache_is_A", mutate(SIG_W4, "cache = Z", "cache = A")),
    wrong("sigmoid", "W4A1", "activation:sigmoid_of_minus_Z", mutate(SIG_W4, "np.exp(-Z)", "np.exp(Z)")),
    wrong("relu", "W4A1", "activation:leaky", mutate(RELU, "np.maximum(0, Z)", "np.maximum(0.01 * Z, Z)")),
    # relu_backward
    wrong("relu_backward", "W4A1", "relu_backward:slope_at_zero", mutate(RB, "Z <= 0", "Z < 0"),
          "g'(0) = 1"),
    wrong("relu_backward", "W4A1", "relu_backward:slope_at_zero", mutate(RB_MULT, "(Z > 0)", "(Z >= 0)")),
    wrong("relu_backward", "W4A1", "relu_backward:in_place", '''def relu_backward(dA, cache):
    Z = cache
    dA[Z <= 0] = 0
    return dA
''', "changes the caller's dA"),
    wrong("relu_backward", "W4A1", "relu_backward:in_place", '''def relu_backward(dA, cache):
    dZ = dA
    dZ[cache <= 0] = 0
    return dZ
''', "dZ = dA is no copy"),
    wrong("relu_backward", "W4A1", "relu_backward:mask_on_dA", mutate(RB, "dZ[Z <= 0] = 0", "dZ[dA <= 0] = 0")),
    wrong("relu_backward", "W4A1", "relu_backward:times_Z", mutate(RB_MULT, "dA * (Z > 0)", "dA * Z")),
    wrong("relu_backward", "W4A1", "relu_backward:mask_only", mutate(RB_MULT, "dA * (Z > 0)", "(Z > 0).astype(float)")),
    wrong("relu_backward", "W4A1", "relu_backward:inverted", mutate(RB, "Z <= 0", "Z > 0")),
    wrong("relu_backward", "W4A1", "relu_backward:leaky", mutate(RB_WHERE, "np.where(Z > 0, dA, 0)", "np.where(Z > 0, dA, 0.01 * dA)")),
    wrong("relu_backward", "W4A1", "relu_backward:times_A", mutate(RB_MULT, "dA * (Z > 0)", "dA * np.maximum(0, Z)")),
    wrong("relu_backward", "W4A1", "relu_backward:returns_dA", mutate(RB_MULT, "dA * (Z > 0)", "dA")),
    # sigmoid_backward
    wrong("sigmoid_backward", "W4A1", "sigmoid_backward:used_Z", mutate(SB, "dA * s * (1 - s)", "dA * Z * (1 - Z)")),
    wrong("sigmoid_backward", "W4A1", "sigmoid_backward:times_A", mutate(SB, "dA * s * (1 - s)", "dA * s")),
    wrong("sigmoid_backward", "W4A1", "sigmoid_backward:derivative_only", mutate(SB, "dA * s * (1 - s)", "s * (1 - s)")),
    wrong("sigmoid_backward", "W4A1", "sigmoid_backward:tanh", mutate(SB, "dA * s * (1 - s)", "dA * (1 - s ** 2)")),
    # σ(-Z)(1 - σ(-Z)) = σ(Z)(1 - σ(Z)): that slip gives the right dZ, so it is no mistake here
    correct("sigmoid_backward", "W4A1", mutate(SB, "np.exp(-Z)", "np.exp(Z)"),
            "σ(-Z)(1 - σ(-Z)) equals σ(Z)(1 - σ(Z)): right by symmetry"),
    wrong("sigmoid_backward", "W4A1", "sigmoid_backward:sign", mutate(SB, "dA * s * (1 - s)", "-dA * s * (1 - s)")),
]
