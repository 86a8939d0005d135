"""L_model_forward of W4A1: [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID."""

from ._entry import correct, mutate, wrong

N = "L_model_forward"
BASE = '''def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
'''
FSTR = '''def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", FSTR),
    correct(N, "W4A1", mutate(BASE, "L = len(parameters) // 2", "L = int(len(parameters) / 2)")),
    wrong(N, "W4A1", "L_model_forward:output_relu", mutate(BASE, '"sigmoid")', '"relu")')),
    wrong(N, "W4A1", "L_model_forward:hidden_sigmoid", mutate(BASE, '"relu")', '"sigmoid")')),
    wrong(N, "W4A1", "L_model_forward:hidden_sigmoid", mutate(FSTR, '"sigmoid" if l == L else "relu"', '"relu" if l == L else "sigmoid"'),
          "the two activations swapped"),
    wrong(N, "W4A1", "raised:layers_count", mutate(BASE, "L = len(parameters) // 2", "L = len(parameters)")),
    wrong(N, "W4A1", "return:length", mutate(BASE, "    caches.append(cache)\n    return", "    return")),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "A, cache = linear_activation_forward(A_prev,", "A, cache = linear_activation_forward(X,"),
          "every layer fed X"),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "AL, cache = linear_activation_forward(A,", "AL, cache = linear_activation_forward(A_prev,")),
    wrong(N, "W4A1", "return:length", mutate(FSTR, "range(1, L + 1)", "range(1, L)"),
          "stops before the sigmoid layer"),
    wrong(N, "W4A1", "L_model_forward:returns_X", mutate(FSTR, "    return A, caches\n", "    return X, caches\n")),
]
