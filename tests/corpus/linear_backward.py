"""linear_backward of W4A1: dA_prev, dW, db of one linear step."""

from ._entry import correct, mutate, wrong

N = "linear_backward"
BASE = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
'''
AT = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", AT),
    correct(N, "W4A1", mutate(BASE, "(1 / m) * np.sum(dZ, axis=1, keepdims=True)", "np.mean(dZ, axis=1, keepdims=True)")),
    correct(N, "W4A1", mutate(BASE, "m = A_prev.shape[1]", "m = dZ.shape[1]")),
    correct(N, "W4A1", mutate(AT, "db = dZ.sum(1, keepdims=True) / m", "db = np.sum(dZ, axis=1).reshape(-1, 1) / m")),
    wrong(N, "W4A1", "linear_backward:dW_no_1/m", mutate(BASE, "dW = (1 / m) * np.dot", "dW = np.dot")),
    wrong(N, "W4A1", "linear_backward:db_no_1/m", mutate(AT, "db = dZ.sum(1, keepdims=True) / m", "db = dZ.sum(1, keepdims=True)")),
    wrong(N, "W4A1", "linear_backward:dW_transposed", mutate(BASE, "np.dot(dZ, A_prev.T)", "np.dot(A_prev, dZ.T)")),
    wrong(N, "W4A1", "linear_backward:db_no_keepdims", mutate(BASE, "axis=1, keepdims=True", "axis=1")),
    wrong(N, "W4A1", "linear_backward:db_axis0", mutate(BASE, "axis=1, keepdims=True", "axis=0, keepdims=True")),
    wrong(N, "W4A1", "linear_backward:db_axis0", mutate(AT, "dZ.sum(1, keepdims=True)", "dZ.sum(0, keepdims=True)")),
    wrong(N, "W4A1", "linear_backward:db_summed_all", mutate(BASE, "np.sum(dZ, axis=1, keepdims=True)", "np.sum(dZ)")),
    wrong(N, "W4A1", "linear_backward:dA_over_m", mutate(BASE, "dA_prev = np.dot(W.T, dZ)", "dA_prev = (1 / m) * np.dot(W.T, dZ)")),
    wrong(N, "W4A1", "linear_backward:m_from_rows", mutate(BASE, "m = A_prev.shape[1]", "m = A_prev.shape[0]")),
    wrong(N, "W4A1", "linear_backward:m_from_rows", mutate(AT, "m = A_prev.shape[1]", "m = dZ.shape[0]"),
          "m from dZ's rows"),
    wrong(N, "W4A1", "shape:transposed", mutate(AT, "dA_prev = W.T @ dZ", "dA_prev = dZ.T @ W")),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "np.dot(W.T, dZ)", "np.dot(W, dZ)")),
    wrong(N, "W4A1", "value:sign", mutate(BASE, "dA_prev = np.dot(W.T, dZ)", "dA_prev = -np.dot(W.T, dZ)")),
    wrong(N, "W4A1", "linear_backward:return_order", mutate(BASE, "return dA_prev, dW, db", "return dW, db, dA_prev")),
    wrong(N, "W4A1", "linear_backward:dW_with_b", mutate(BASE, "np.dot(dZ, A_prev.T)", "np.dot(dZ, A_prev.T) + b"),
          "adds b to dW"),
    wrong(N, "W4A1", "linear_backward:integer_division", mutate(BASE, "(1 / m) * np.dot", "(1 // m) * np.dot")),
]
