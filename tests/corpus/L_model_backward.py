"""L_model_backward of W4A1: dAL, then the sigmoid layer, then the relu layers."""

from ._entry import correct, mutate, wrong

N = "L_model_backward"
BASE = '''def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads
'''
FSTR = '''def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", FSTR),
    correct(N, "W4A1", mutate(BASE, "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                              "dAL = np.divide(1 - Y, 1 - AL) - np.divide(Y, AL)")),
    correct(N, "W4A1", mutate(BASE, "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                              "dAL = (AL - Y) / (AL * (1 - AL))"), "the same dAL, simplified"),
    wrong(N, "W4A1", "dAL:parenthesis", mutate(BASE, "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                                               "dAL = - np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
          "the minus sign covers only the first term"),
    wrong(N, "W4A1", "raised:divide_parenthesis", mutate(BASE, "np.divide(1 - Y, 1 - AL))", "np.divide(1 - Y), (1 - AL))"),
          "seed 000's typo np.divide(1 - Y), (1 - AL)"),
    wrong(N, "W4A1", "dAL:sign", mutate(FSTR, "dA = -(Y / AL - (1 - Y) / (1 - AL))", "dA = Y / AL - (1 - Y) / (1 - AL)")),
    wrong(N, "W4A1", "dAL:is_dZ", mutate(FSTR, "dA = -(Y / AL - (1 - Y) / (1 - AL))", "dA = AL - Y"),
          "AL - Y used as dAL: sigmoid's derivative applied twice"),
    wrong(N, "W4A1", "dAL:over_m", mutate(BASE, "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                                          "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)) / m")),
    wrong(N, "W4A1", "L_model_backward:hidden_sigmoid", mutate(BASE, 'current_cache, "relu")', 'current_cache, "sigmoid")')),
    wrong(N, "W4A1", "L_model_backward:output_relu", mutate(BASE, 'current_cache, "sigmoid")', 'current_cache, "relu")')),
    wrong(N, "W4A1", "L_model_backward:output_relu", mutate(FSTR, '"sigmoid" if l == L else "relu"', '"relu" if l == L else "sigmoid"')),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "        current_cache = caches[l]\n", "        current_cache = caches[l + 1]\n")),
    wrong(N, "W4A1", "L_model_backward:key_off_by_one", mutate(BASE, 'grads["dA" + str(L - 1)] = dA_prev_temp', 'grads["dA" + str(L)] = dA_prev_temp',
                                                              'grads["dA" + str(l + 1)], current_cache', 'grads["dA" + str(l + 2)], current_cache',
                                                              'grads["dA" + str(l)] = dA_prev_temp', 'grads["dA" + str(l + 1)] = dA_prev_temp'),
          "dA keys shifted by one: dA1..dAL instead of dA0..dA(L-1)"),
    wrong(N, "W4A1", "dAL:is_dZ", mutate(BASE, "dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))", "dAL = AL - Y")),
    wrong(N, "W4A1", "return:missing_keys", mutate(BASE, "for l in reversed(range(L - 1)):", "for l in reversed(range(1, L - 1)):"),
          "the first layer is never reached"),
    wrong(N, "W4A1", "dAL:mse", mutate(FSTR, "dA = -(Y / AL - (1 - Y) / (1 - AL))", "dA = 2 * (AL - Y)"),
          "seed 000: the MSE loss's derivative in the cross-entropy network"),
]
