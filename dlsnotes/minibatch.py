"""Mini-batch gradient descent (course 2, week 2) with optional L2, for :func:`L_layer_model`.

:func:`random_mini_batches` shuffles the columns with a seeded legacy ``RandomState`` (the
same permutation as ``np.random.seed(seed); np.random.permutation(m)``) and cuts them into
batches of ``mini_batch_size`` examples, the last one smaller when ``m`` is not a multiple.

With ``mini_batch_size``, :func:`dlsnotes.model.L_layer_model` updates once per batch and
``num_iterations`` counts epochs (passes over the data). Epoch ``k`` of a call with ``seed=s`` shuffles with seed ``s + 1 + k``, as the
course's loop adds one to its seed before every epoch; so training in two calls, the
second with ``seed=s + k1`` and the first call's weights, repeats one long call exactly.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_int, check_seed

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
