"""compute_cost: the cross-entropy cost of W3A1 (current: returns a float; older: takes
``parameters`` too) and of W4A1 (``np.squeeze``: a 0-d array or a number)."""

from ._entry import correct, mutate, wrong

N = "compute_cost"

W3 = '''def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = - np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost
'''
W3_OLD = mutate(W3, "def compute_cost(A2, Y):", "def compute_cost(A2, Y, parameters):",
                "    cost = float(np.squeeze(cost))\n", "    cost = np.squeeze(cost)\n    assert(isinstance(cost, float))\n")
W3_DOT = '''def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return float(np.squeeze(cost))
'''
W3_MEAN = '''def compute_cost(A2, Y):
    loss = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return float(np.mean(loss))
'''
W4 = '''def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    cost = np.squeeze(cost)
    return cost
'''
W4_DOT = '''def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost
'''
W4_SUM_METHOD = '''def compute_cost(AL, Y):
    m = AL.shape[1]
    cost = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() / m
    cost = np.squeeze(cost)
    return cost
'''

ENTRIES = [
    correct(N, "W3A1", W3),
    correct(N, "W3A1", W3_DOT),
    correct(N, "W3A1", W3_MEAN),
    correct(N, "W3A1-older", W3_OLD, "the older three-argument signature"),
    correct(N, "W3A1-older", mutate(W3, "def compute_cost(A2, Y):", "def compute_cost(A2, Y, parameters):")),
    correct(N, "W4A1", W4),
    correct(N, "W4A1", W4_DOT),
    correct(N, "W4A1", W4_SUM_METHOD),
    # W3A1, current: the test asserts type(cost) == float
    wrong(N, "W3A1", "cost:not_float", mutate(W3, "cost = float(np.squeeze(cost))", "cost = np.squeeze(cost)"),
          "np.float64 where the current W3A1 asserts float"),
    wrong(N, "W3A1", "cost:not_float", mutate(W3_DOT, "return float(np.squeeze(cost))", "return cost"),
          "a (1, 1) array"),
    wrong(N, "W3A1", "cost:not_float", W4, why="W4A1's version: right there, not a float for W3A1"),
    wrong(N, "W3A1", "cost:no_minus", mutate(W3, "cost = - np.sum(logprobs) / m", "cost = np.sum(logprobs) / m")),
    wrong(N, "W3A1", "value:missing_1/m", mutate(W3, "cost = - np.sum(logprobs) / m", "cost = - np.sum(logprobs)")),
    wrong(N, "W3A1", "cost:one_term", mutate(W3, " + np.multiply(np.log(1 - A2), 1 - Y)", "")),
    wrong(N, "W3A1", "cost:mse", '''def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = np.sum((A2 - Y) ** 2) / (2 * m)
    return float(cost)
''', "seed 000's MSE cost"),
    wrong(N, "W3A1", "cost:logs_swapped", mutate(W3, "np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)",
                                                 "np.multiply(np.log(1 - A2), Y) + np.multiply(np.log(A2), 1 - Y)")),
    wrong(N, "W3A1", "cost:log10", mutate(W3, "np.log(A2), Y) + np.multiply(np.log(1 - A2)",
                                          "np.log10(A2), Y) + np.multiply(np.log10(1 - A2)")),
    wrong(N, "W3A1", "cost:one_term", mutate(W3_MEAN, " + (1 - Y) * np.log(1 - A2)", "")),
    wrong(N, "W3A1", "value:extra_1/m", mutate(W3_MEAN, "float(np.mean(loss))", "float(np.mean(loss) / Y.shape[1])")),
    wrong(N, "W3A1-older", "cost:no_minus", mutate(W3_OLD, "cost = - np.sum", "cost = np.sum")),
    # W4A1
    wrong(N, "W4A1", "cost:no_minus", mutate(W4, "cost = -(1 / m)", "cost = (1 / m)")),
    wrong(N, "W4A1", "value:missing_1/m", mutate(W4, "cost = -(1 / m) * np.sum", "cost = -np.sum")),
    wrong(N, "W4A1", "cost:mse", '''def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = np.sum((AL - Y) ** 2) / (2 * m)
    cost = np.squeeze(cost)
    return cost
''', "seed 000's MSE cost, for the sigmoid classifier"),
    wrong(N, "W4A1", "cost:mse_no_half", '''def compute_cost(AL, Y):
    cost = np.mean((AL - Y) ** 2)
    return np.squeeze(cost)
'''),
    wrong(N, "W4A1", "cost:one_term", mutate(W4, " + np.multiply(1 - Y, np.log(1 - AL))", "")),
    wrong(N, "W4A1", "cost:logs_swapped", mutate(W4_DOT, "np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)",
                                                 "np.dot(Y, np.log(1 - AL).T) + np.dot(1 - Y, np.log(AL).T)")),
    wrong(N, "W4A1", "cost:no_minus", mutate(W4_DOT, "(-1 / m)", "(1 / m)")),
    wrong(N, "W4A1", "cost:not_summed", mutate(W4, "np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))",
                                               "(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))"),
          "the losses of each example, not summed"),
    wrong(N, "W4A1", "cost:one_term", '''def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * np.sum(Y * np.log(AL))
    return np.squeeze(cost)
'''),
    wrong(N, "W4A1", "cost:integer_division", mutate(W4, "-(1 / m)", "-(1 // m)"), "1 // m is 0"),
]
