"""update_parameters: W3A1 (four named parameters, default rate 1.2), W4A1 (a loop over
the layers on a copy) and W4A2's dnn_app_utils (in place)."""

from ._entry import correct, mutate, wrong

N = "update_parameters"

W3 = '''def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = copy.deepcopy(parameters["W1"])
    b1 = parameters["b1"]
    W2 = copy.deepcopy(parameters["W2"])
    b2 = parameters["b2"]
    dW1 = grads["dW1"]
    db1 = grads["db1"]
    dW2 = grads["dW2"]
    db2 = grads["db2"]
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
    return parameters
'''
W3_INPLACE = '''def update_parameters(parameters, grads, learning_rate=1.2):
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters
'''
W4 = '''def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters
'''
W4_OLD = '''def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters
'''
W4_DICT = '''def update_parameters(params, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
'''

ENTRIES = [
    correct(N, "W3A1", W3),
    correct(N, "W3A1", W3_INPLACE, "rebinds the dict's entries: the older course's way"),
    correct(N, "W4A1", W4),
    correct(N, "W4A1", W4_OLD, "the older W4A1 (no copy)"),
    correct(N, "W4A1", W4_DICT),
    correct(N, "W4A2", W4_OLD),
    # W3A1
    wrong(N, "W3A1", "update_parameters:replaced", mutate(W3, "W1 = W1 - learning_rate * dW1", "W1 = dW1",
                                                          "W2 = W2 - learning_rate * dW2", "W2 = dW2",
                                                          "b1 = b1 - learning_rate * db1", "b1 = db1",
                                                          "b2 = b2 - learning_rate * db2", "b2 = db2")),
    wrong(N, "W3A1", "update_parameters:plus", mutate(W3_INPLACE, "] - learning_rate", "] + learning_rate")),
    wrong(N, "W3A1", "update_parameters:no_lr", mutate(W3_INPLACE, "- learning_rate * grads", "- grads")),
    wrong(N, "W3A1", "update_parameters:no_b", mutate(W3, "    b1 = b1 - learning_rate * db1\n", "",
                                                      "    b2 = b2 - learning_rate * db2\n", "")),
    wrong(N, "W3A1", "update_parameters:not_assigned", mutate(W3, '''    parameters = {"W1": W1,
                  "b1": b1,
                  "W2": W2,
                  "b2": b2}
''', ""), "computes the new W and b but returns the old dict"),
    wrong(N, "W3A1", "update_parameters:default_rate", mutate(W3, "learning_rate=1.2", "learning_rate=0.01")),
    wrong(N, "W3A1", "update_parameters:forgets_W", mutate(W3_INPLACE, "parameters[key] - learning_rate", "learning_rate")),
    wrong(N, "W3A1", "update_parameters:skipped_layer", mutate(W3, "    W2 = W2 - learning_rate * dW2\n", "",
                                                                "    b2 = b2 - learning_rate * db2\n", "")),
    # W4A1
    wrong(N, "W4A1", "update_parameters:skipped_layer", mutate(W4, "range(L)", "range(L - 1)")),
    wrong(N, "W4A1", "update_parameters:skipped_layer", mutate(W4_OLD, "range(1, L + 1)", "range(1, L)")),
    wrong(N, "W4A1", "raised:layers_count", mutate(W4, "L = len(parameters) // 2", "L = len(parameters)"),
          "counts W and b: KeyError W3"),
    wrong(N, "W4A1", "update_parameters:no_b", mutate(W4, '''        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
''', "")),
    wrong(N, "W4A1", "update_parameters:replaced", mutate(W4_DICT, "value - learning_rate * grads", "grads")),
    wrong(N, "W4A1", "update_parameters:plus", mutate(W4_DICT, "value - learning_rate", "value + learning_rate")),
    wrong(N, "W4A1", "update_parameters:not_assigned", '''def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        W = parameters["W" + str(l + 1)]
        b = parameters["b" + str(l + 1)]
        W = W - learning_rate * grads["dW" + str(l + 1)]
        b = b - learning_rate * grads["db" + str(l + 1)]
    return parameters
''', "rebinds a local name: the dict never changes"),
    wrong(N, "W4A1", "update_parameters:not_assigned", '''def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):
        params["W" + str(l + 1)] = params["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        params["b" + str(l + 1)] = params["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters
''', "updates params but returns the copy taken before"),
    wrong(N, "W4A1", "update_parameters:no_lr", mutate(W4_DICT, "value - learning_rate * grads", "value - grads")),
    wrong(N, "W4A1", "update_parameters:wrong_gradient", mutate(W4, 'grads["db" + str(l + 1)]', 'grads["dW" + str(l + 1)]'),
          "b stepped with dW: raises a broadcast error or gives wrong shapes"),
    wrong(N, "W4A2", "update_parameters:skipped_layer", mutate(W4_OLD, "range(1, L + 1)", "range(1, L)")),
]
