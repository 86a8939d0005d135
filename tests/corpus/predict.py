"""predict: W3A1's predict(parameters, X) and W4A2's predict(X, y, parameters)."""

from ._entry import correct, mutate, wrong

N = "predict"

W3 = '''def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions
'''
W3_ROUND = mutate(W3, "predictions = A2 > 0.5", "predictions = np.round(A2)")
W3_WHERE = mutate(W3, "predictions = A2 > 0.5", "predictions = np.where(A2 > 0.5, 1, 0)")
W4 = '''def predict(X, y, parameters):
    m = X.shape[1]
    probas, caches = L_model_forward(X, parameters)
    p = np.zeros((1, m))
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p
'''

ENTRIES = [
    correct(N, "W3A1", W3),
    correct(N, "W3A1-older", W3_ROUND, "the older version rounds"),
    correct(N, "W3A1", W3_WHERE),
    correct(N, "W4A2", W4),
    wrong(N, "W3A1", "predict:probabilities", mutate(W3, "predictions = A2 > 0.5", "predictions = A2")),
    wrong(N, "W3A1", "predict:inverted", mutate(W3, "A2 > 0.5", "A2 < 0.5")),
    wrong(N, "W3A1", "predict:threshold", mutate(W3, "A2 > 0.5", "A2 > 0.7")),
    wrong(N, "W3A1", "predict:threshold", mutate(W3, "A2 > 0.5", "A2 > 0")),
    wrong(N, "W4A2", "predict:probabilities", mutate(W4, "    return p\n", "    return probas\n")),
    wrong(N, "W4A2", "predict:inverted", mutate(W4, "p[0, i] = 1\n        else:\n            p[0, i] = 0",
                                                "p[0, i] = 0\n        else:\n            p[0, i] = 1")),
]
