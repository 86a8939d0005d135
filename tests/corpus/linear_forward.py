"""linear_forward of W4A1: Z = W A + b, cache (A, W, b)."""

from ._entry import correct, mutate, wrong

N = "linear_forward"
BASE = '''def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache
'''
ENTRIES = [
    correct(N, "W4A1", BASE),
    correct(N, "W4A1", mutate(BASE, "np.dot(W, A) + b", "W @ A + b")),
    correct(N, "W4A1", mutate(BASE, "np.dot(W, A) + b", "W.dot(A) + b")),
    correct(N, "W4A1", mutate(BASE, "np.dot(W, A) + b", "np.add(np.matmul(W, A), b)")),
    wrong(N, "W4A1", "linear_forward:no_b", mutate(BASE, "np.dot(W, A) + b", "np.dot(W, A)")),
    wrong(N, "W4A1", "linear_forward:cache_order", mutate(BASE, "cache = (A, W, b)", "cache = (W, A, b)")),
    wrong(N, "W4A1", "linear_forward:minus_b", mutate(BASE, "np.dot(W, A) + b", "np.dot(W, A) - b")),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "np.dot(W, A)", "np.dot(A, W)")),
    wrong(N, "W4A1", "raised:shapes", mutate(BASE, "np.dot(W, A)", "W * A")),
    wrong(N, "W4A1", "return:not_a_tuple", mutate(BASE, "cache = (A, W, b)", "cache = Z")),
    wrong(N, "W4A1", "linear_forward:b_summed", mutate(BASE, "np.dot(W, A) + b", "np.dot(W, A) + np.sum(b)")),
]
