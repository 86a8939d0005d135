"""The benchmark's three trainers compute the same thing (correctness only, no timing)."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from dlsnotes.datasets import load_planar_dataset

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_planar.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_planar", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n_h", [4, 7])
def test_three_trainers_agree_after_five_iterations(bench, n_h):
    X, Y = load_planar_dataset()
    start = bench.initial_parameters(X.shape[0], n_h)
    before = {k: v.copy() for k, v in start.items()}
    trained = {name: prepare(X, Y, start, 1.2, 5)() for name, prepare in bench.TRAINERS.items()}
    for name, parameters in trained.items():
        assert sorted(parameters) == ["W1", "W2", "b1", "b2"], name
        for key, value in parameters.items():
            assert value.shape == start[key].shape, (name, key)
            np.testing.assert_allclose(value, trained["numpy"][key], rtol=0, atol=1e-10,
                                       err_msg=f"{name} {key}")
    # The trainers start from `start` without changing it, and they did move the weights.
    for key in start:
        np.testing.assert_array_equal(start[key], before[key])
    assert not np.allclose(trained["numpy"]["W1"], start["W1"])


def test_sklearn_trainer_restarts_from_the_same_parameters(bench):
    X, Y = load_planar_dataset()
    run = bench.TRAINERS["sklearn"](X, Y, bench.initial_parameters(2, 4), 1.2, 3)
    first, second = run(), run()
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])


def test_quick_main_runs(bench, capsys, monkeypatch):
    monkeypatch.setattr(bench, "HIDDEN_SIZES", (4,))
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "dls/numpy" in out and "skipped" in out
