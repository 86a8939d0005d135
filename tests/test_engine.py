"""The fast engine equals the course's loop (issue 16, item 3).

``L_layer_model(..., engine="reference")`` is the course's loop in :mod:`dlsnotes.model`:
``L_model_forward -> compute_cost_with_regularization -> L_model_backward_with_regularization
-> update_parameters``, one call per equation. The default engine (:mod:`dlsnotes._engine`)
does the same arithmetic in preallocated arrays. Every hidden activation x every output/loss
pairing the registries accept x batch size (full, 1, one that does not divide m) x penalty (none, L2, L1) x
dtype must give the same parameters and the same cost history, bit for bit: both compute each
number with the same operations in the same order, so any difference is a bug.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dlsnotes import ACTIVATIONS, LOSSES, L_layer_model, initialize_parameters_deep, pairing

M = 13  # examples; a batch of 5 leaves a last batch of 3
HIDDEN = [name for name in ACTIVATIONS if name != "softmax"]


def _n_out(output):
    return 3 if output == "softmax" else 1


PAIRINGS = [(out, loss) for out in ACTIVATIONS for loss in LOSSES
            if pairing(out, loss, _n_out(out)).problem is None]


def _data(output, loss, dtype):
    rng = np.random.RandomState(0)
    X = rng.randn(2, M)
    n_y = _n_out(output)
    if loss == "cce":
        Y = np.eye(n_y)[rng.randint(0, n_y, M)].T
    elif loss == "bce":
        Y = (rng.rand(n_y, M) > 0.5).astype(float)
    else:
        Y = rng.rand(n_y, M)
    return X.astype(dtype), Y.astype(dtype)


def test_the_matrix_covers_every_registered_activation_and_the_canonical_pairs():
    assert set(HIDDEN) | {"softmax"} == set(ACTIVATIONS)
    assert {("sigmoid", "bce"), ("linear", "mse"), ("softmax", "cce"), ("relu", "mse")} <= set(PAIRINGS)


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("lambd, lambd_l1", [(0.0, 0.0), (0.7, 0.0), (0.0, 0.3)],
                         ids=["noreg", "L2", "L1"])
@pytest.mark.parametrize("batch", [None, 1, 5], ids=["full", "batch1", "batch5"])
@pytest.mark.parametrize("output, loss", PAIRINGS, ids=[f"{o}+{l}" for o, l in PAIRINGS])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_engine_equals_the_reference_loop(hidden, output, loss, batch, lambd, lambd_l1, dtype):
    X, Y = _data(output, loss, dtype)
    dims = [2, 4, 3, Y.shape[0]]
    start = initialize_parameters_deep(dims, init="he", seed=3, dtype=dtype)
    start["b3"] += 1.0  # a ReLU output alive for every example: every parameter learns
    kw = dict(hidden=hidden, output=output, loss=loss, mini_batch_size=batch, lambd=lambd,
              lambd_l1=lambd_l1, dtype=dtype, seed=3, parameters=start, cost_every=1, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow, no pairing warning: a clean run
        fast, fast_costs = L_layer_model(X, Y, dims, 0.01, 4, engine="fast", **kw)
        ref, ref_costs = L_layer_model(X, Y, dims, 0.01, 4, engine="reference", **kw)
    assert all(not np.array_equal(fast[k], start[k]) for k in start)  # every parameter trained
    for key in ref:
        assert fast[key].dtype == ref[key].dtype == dtype
        np.testing.assert_array_equal(fast[key], ref[key], err_msg=key)
    assert list(fast_costs) == list(ref_costs) and len(ref_costs) == 4
    assert fast_costs.final_cost == ref_costs.final_cost
    assert fast_costs.iterations == ref_costs.iterations


def test_the_reference_loop_prints_the_course_lines(capsys):
    X, Y = _data("sigmoid", "bce", np.float64)
    for engine in ("fast", "reference"):
        L_layer_model(X, Y, [2, 3, 1], 0.1, 250, print_cost=True, engine=engine, progress=False)
    fast, ref = np.split(np.array(capsys.readouterr().out.splitlines()), 2)
    assert list(fast) == list(ref) and ref[0].startswith("Cost after iteration 0: ")
    assert ref[-1].startswith("Cost after iteration 249: ")


def test_an_unknown_engine_names_the_ones_there_are():
    X, Y = _data("sigmoid", "bce", np.float64)
    with pytest.raises(ValueError, match=r"engine.*'fast'.*'reference'"):
        L_layer_model(X, Y, [2, 3, 1], engine="numba")


def test_small_products_train_on_one_blas_thread_and_the_setting_is_restored(monkeypatch):
    """OpenBLAS's threads cost more than they save at the course's sizes (see SMALL_PRODUCT)."""
    from threadpoolctl import threadpool_info

    from dlsnotes import _engine

    def blas_threads():
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    seen = []

    def recording(*args, **kwargs):
        seen.append(blas_threads())
        return real(*args, **kwargs)

    real = _engine.random_mini_batches
    monkeypatch.setattr(_engine, "random_mini_batches", recording)
    before = blas_threads()
    X, Y = _data("sigmoid", "bce", np.float64)
    L_layer_model(X, Y, [2, 4, 1], 0.1, 3, mini_batch_size=5, progress=False)
    assert seen and all(threads == [1] * len(before) for threads in seen)
    assert blas_threads() == before
