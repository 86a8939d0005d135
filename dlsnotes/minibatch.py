"""Mini-batch gradient descent (course 2, week 2) with optional L2, for :func:`L_layer_model`.

:func:`random_mini_batches` shuffles the columns with a seeded legacy ``RandomState`` (the
same permutation as ``np.random.seed(seed); np.random.permutation(m)``) and cuts them into
batches of ``mini_batch_size`` examples, the last one smaller when ``m`` is not a multiple.

:func:`dlsnotes.model.L_layer_model` calls :func:`_train_batches` when it gets
``mini_batch_size`` or ``lambd > 0``; ``num_iterations`` then counts epochs (passes over
the data). Epoch ``k`` of a call with ``seed=s`` shuffles with seed ``s + 1 + k``, as the
course's loop adds one to its seed before every epoch; so training in two calls, the
second with ``seed=s + k1`` and the first call's weights, repeats one long call exactly.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_int, check_seed
from .regularization import _penalty, add_l2_gradients

__all__ = ["random_mini_batches", "epoch_seed"]


def epoch_seed(seed, epoch):
    """The shuffle seed of ``epoch`` (0-based) for a training call with ``seed``."""
    return None if seed is None else (seed + 1 + epoch) % 2**32


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the examples (columns) of ``X``, ``Y`` together and cut them into batches.

    Parameters
    ----------
    X : ndarray, ``(n_x, m)``
    Y : ndarray, ``(n_y, m)``
    mini_batch_size : int, >= 1
    seed : int in ``[0, 2**32 - 1]`` or None
        ``None`` draws the permutation from numpy's global random state.

    Returns
    -------
    list of (X_batch, Y_batch)
        ``ceil(m / mini_batch_size)`` pairs; every batch has ``mini_batch_size`` columns but
        the last, which has ``m % mini_batch_size`` when that is not 0.
    """
    mini_batch_size = check_positive_int(mini_batch_size, "mini_batch_size")
    seed = check_seed(seed)
    if not (isinstance(X, np.ndarray) and isinstance(Y, np.ndarray) and X.ndim == 2
            and Y.ndim == 2 and X.shape[1] == Y.shape[1]):
        raise ValueError(
            "X and Y must be 2-D arrays with one column per example, (n_x, m) and (n_y, m); got "
            f"{getattr(X, 'shape', type(X).__name__)} and {getattr(Y, 'shape', type(Y).__name__)}."
        )
    return _batches(X, Y, mini_batch_size, seed)


def _batches(X, Y, size, seed):
    m = X.shape[1]
    order = (np.random if seed is None else np.random.RandomState(seed)).permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k:k + size], Y[:, k:k + size]) for k in range(0, m, size)]


def _train_batches(X, Y, parameters, acts, lss, lr, num_epochs, print_cost, cost_every,
                   progress, pairing_problem, mini_batch_size, lambd, seed):
    """The loop of :func:`L_layer_model` with mini-batches and/or L2 (see the module text).

    Costs: an epoch's cost is the mean over its examples of the data loss, each batch's
    taken before that batch's update, plus the L2 penalty of the weights each batch saw
    (weighted by the batch's share of the examples). With one batch (``mini_batch_size``
    None) that is the cost before the update, as in the full-batch loop.
    """
    from .model import CostHistory, _backward, _DivergenceWatch, _forward, _progress_bar

    m = X.shape[1]
    recorded, recorded_at = [], []
    keys = list(parameters)
    bar = _progress_bar(num_epochs, progress)
    watch = _DivergenceWatch(parameters, lr, pairing_problem, bar)

    def full_cost():
        AL, _ = _forward(X, parameters, acts, record=False)
        return lss.cost(AL, Y) + _penalty(parameters, lambd, m)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(num_epochs + 1):
            if i == num_epochs:
                cost = full_cost()
                watch.check(i, cost, parameters, finite_rules=False)
                break
            if mini_batch_size is None:
                batches = [(X, Y)]
            else:
                batches = _batches(X, Y, mini_batch_size, epoch_seed(seed, i))
            cost = 0.0
            for X_b, Y_b in batches:
                AL, caches = _forward(X_b, parameters, acts, record=False)
                share = X_b.shape[1] / m
                cost += share * (lss.cost(AL, Y_b) + _penalty(parameters, lambd, m))
                grads = _backward(AL, Y_b, caches, lss, acts, need_dA0=False, consistent=True)
                add_l2_gradients(grads, parameters, lambd, m)
                for k in keys:
                    parameters[k] -= lr * grads["d" + k]
            watch.check(i, cost, parameters)
            if i % cost_every == 0:
                recorded.append(cost)
                recorded_at.append(i)
                if print_cost:
                    print(f"Cost after epoch {i}: {cost:.6f}")
            elif print_cost and i == num_epochs - 1:
                print(f"Cost after epoch {i}: {cost:.6f}")
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    return parameters, CostHistory(recorded, recorded_at, cost, cost_every)
