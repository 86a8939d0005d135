"""initialize_parameters (W3A1, W4A1) and initialize_parameters_deep (W4A1, W4A2)."""

from ._entry import correct, mutate, wrong

N = "initialize_parameters"
D = "initialize_parameters_deep"

W3 = '''def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
'''
W3_OLD = mutate(W3, "    W1 = np.random", "    np.random.seed(2)\n    W1 = np.random")
W4 = mutate(W3, "    W1 = np.random", "    np.random.seed(1)\n    W1 = np.random")
W4_SHAPE_ASSERTS = mutate(W4, "    parameters = {", "    assert W1.shape == (n_h, n_x)\n"
                          "    assert b2.shape == (n_y, 1)\n    parameters = {")
W4_MULTIPLY = mutate(W4, "np.random.randn(n_h, n_x) * 0.01", "np.multiply(np.random.randn(n_h, n_x), 0.01)",
                     "np.random.randn(n_y, n_h) * 0.01", "0.01 * np.random.randn(n_y, n_h)")

DEEP = '''def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
'''
DEEP_FSTRING = '''def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = 0.01 * np.random.randn(n, n_prev)
        parameters[f"b{l}"] = np.zeros(shape=(n, 1))
    return parameters
'''
DEEP_W4A2 = mutate(DEEP, "np.random.seed(3)", "np.random.seed(1)",
                   "* 0.01", "/ np.sqrt(layer_dims[l - 1])")
DEEP_W4A2_B = mutate(DEEP_W4A2, "/ np.sqrt(layer_dims[l - 1])", "* np.sqrt(1 / layer_dims[l - 1])")

ENTRIES = [
    correct(N, "W3A1", W3, "current W3A1: no seed inside, the notebook seeds 2 before the call"),
    correct(N, "W3A1-older", W3_OLD, "older W3A1: np.random.seed(2) inside"),
    correct(N, "W4A1", W4),
    correct(N, "W4A1", W4_SHAPE_ASSERTS),
    correct(N, "W4A1", W4_MULTIPLY),
    correct(D, "W4A1", DEEP),
    correct(D, "W4A1", DEEP_FSTRING),
    correct(D, "W4A2", DEEP_W4A2),
    correct(D, "W4A2", DEEP_W4A2_B),
    # W3A1
    wrong(N, "W3A1", "init:wrong_seed", mutate(W3, "    W1 = np.random", "    np.random.seed(1)\n    W1 = np.random"),
          "seeds 1 inside: the W4A1 version, wrong here"),
    wrong(N, "W3A1", "shape:transposed", mutate(W3, "randn(n_h, n_x)", "randn(n_x, n_h)")),
    wrong(N, "W3A1", "init:b_rank1", mutate(W3, "np.zeros((n_h, 1))", "np.zeros(n_h)")),
    wrong(N, "W3A1", "init:b_random", mutate(W3, "b1 = np.zeros((n_h, 1))", "b1 = np.random.randn(n_h, 1) * 0.01")),
    wrong(N, "W3A1", "init:not_scaled", mutate(W3, "randn(n_h, n_x) * 0.01", "randn(n_h, n_x)",
                                               "randn(n_y, n_h) * 0.01", "randn(n_y, n_h)")),
    wrong(N, "W3A1", "init:zeros", mutate(W3, "np.random.randn(n_h, n_x) * 0.01", "np.zeros((n_h, n_x))",
                                          "np.random.randn(n_y, n_h) * 0.01", "np.zeros((n_y, n_h))")),
    wrong(N, "W3A1", "init:rand_uniform", mutate(W3, "np.random.randn(n_h, n_x)", "np.random.rand(n_h, n_x)",
                                                 "np.random.randn(n_y, n_h)", "np.random.rand(n_y, n_h)")),
    wrong(N, "W3A1", "init:draw_order", mutate(W3, "    W1 = np.random.randn(n_h, n_x) * 0.01\n", "",
                                               "    b2 = np.zeros((n_y, 1))\n",
                                               "    b2 = np.zeros((n_y, 1))\n    W1 = np.random.randn(n_h, n_x) * 0.01\n"),
          "W2 drawn before W1"),
    # W4A1
    wrong(N, "W3A1", "init:no_seed", W3, asked="W4A1",
          why="right for W3A1 (the notebook seeds), wrong for W4A1 (the function seeds 1)"),
    wrong(N, "W4A1", "init:wrong_seed", mutate(W4, "seed(1)", "seed(3)")),
    wrong(N, "W4A1", "init:b_rank1", mutate(W4, "np.zeros((n_y, 1))", "np.zeros(n_y)")),
    wrong(N, "W4A1", "init:b_rank1", mutate(W4, "np.zeros((n_h, 1))", "np.zeros((n_h,))")),
    wrong(N, "W4A1", "shape:transposed", mutate(W4, "randn(n_y, n_h)", "randn(n_h, n_y)")),
    wrong(N, "W4A1", "init:not_scaled", mutate(W4, "randn(n_h, n_x) * 0.01", "randn(n_h, n_x)")),
    wrong(N, "W4A1", "init:scale", mutate(W4, "randn(n_h, n_x) * 0.01", "randn(n_h, n_x) * 0.1",
                                          "randn(n_y, n_h) * 0.01", "randn(n_y, n_h) * 0.1")),
    wrong(N, "W4A1", "init:b_random", mutate(W4, "b2 = np.zeros((n_y, 1))", "b2 = np.random.randn(n_y, 1)")),
    wrong(N, "W4A1", "init:no_seed", mutate(W4, "    np.random.seed(1)\n", "",
                                                     "    b2 = np", "    np.random.seed(1)\n    b2 = np")),
    # initialize_parameters_deep
    wrong(D, "W4A1", "init:no_seed", mutate(DEEP, "    np.random.seed(3)\n", "")),
    wrong(D, "W4A1", "init:wrong_seed", mutate(DEEP, "np.random.seed(3)", "np.random.seed(1)")),
    wrong(D, "W4A2", "init:xavier", DEEP_W4A2, asked="W4A1",
          why="W4A2's dnn_app_utils version: right there, wrong for W4A1"),
    wrong(D, "W4A1", "init:small_scale", DEEP, asked="W4A2",
          why="W4A1's version: right there, wrong for W4A2"),
    wrong(D, "W4A1", "shape:transposed", mutate(DEEP, "randn(layer_dims[l], layer_dims[l - 1])",
                                                "randn(layer_dims[l - 1], layer_dims[l])")),
    wrong(D, "W4A1", "init:b_rank1", mutate(DEEP, "np.zeros((layer_dims[l], 1))", "np.zeros(layer_dims[l])")),
    wrong(D, "W4A1", "init:b_random", mutate(DEEP, "np.zeros((layer_dims[l], 1))", "np.random.randn(layer_dims[l], 1) * 0.01")),
    wrong(D, "W4A1", "return:missing_keys", mutate(DEEP, "range(1, L)", "range(1, L - 1)")),
    wrong(D, "W4A1", "init:not_scaled", mutate(DEEP, " * 0.01", "")),
    wrong(D, "W4A1", "init:zeros", mutate(DEEP, "np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01",
                                          "np.zeros((layer_dims[l], layer_dims[l - 1]))")),
    wrong(D, "W4A2", "init:no_seed", mutate(DEEP_W4A2, "    np.random.seed(1)\n", "")),
    wrong(D, "W4A2", "init:not_scaled", mutate(DEEP_W4A2, " / np.sqrt(layer_dims[l - 1])", "")),
    wrong(D, "W4A2", "init:xavier_of_wrong_layer", mutate(DEEP_W4A2, "np.sqrt(layer_dims[l - 1])", "np.sqrt(layer_dims[l])")),
]
