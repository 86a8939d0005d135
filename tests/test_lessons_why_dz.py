"""Helpers of notebook 02: the derivation, the numerical derivatives, the pairing table, training."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlsnotes import initialize_parameters_deep  # noqa: E402
from dlsnotes.datasets import load_planar_dataset  # noqa: E402
from dlsnotes.lessons import why_dz  # noqa: E402


# ----------------------------------------------------------------------------- numerical derivatives
def test_numerical_dZL_matches_a_minus_y_for_sigmoid_bce():
    Z = np.array([[-3.0, -0.5, 0.4, 2.0]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    A = 1 / (1 + np.exp(-Z))
    np.testing.assert_allclose(why_dz.numerical_dZL(Z, Y, "sigmoid", "bce"), A - Y, atol=1e-8)


def test_numerical_dZL_softmax_uses_every_row():
    Z = np.array([[1.0, -1.0], [0.5, 2.0], [-0.3, 0.1]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    A = np.exp(Z) / np.exp(Z).sum(axis=0)
    np.testing.assert_allclose(why_dz.numerical_dZL(Z, Y, "softmax", "cce"), A - Y, atol=1e-8)


def test_numerical_derivatives_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="same shape"):
        why_dz.numerical_dZL(np.ones((1, 3)), np.ones((3, 1)), "linear", "mse")
    with pytest.raises(ValueError, match="2-D"):
        why_dz.numerical_dZL(np.ones(3), np.ones(3), "linear", "mse")


# ----------------------------------------------------------------------------- pairing table
def test_pairing_inputs_suit_the_loss():
    _, Y = why_dz.pairing_inputs("sigmoid", "bce", m=20)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    Z, Y = why_dz.pairing_inputs("softmax", "cce", m=7)
    assert Z.shape == Y.shape == (3, 7)
    np.testing.assert_array_equal(Y.sum(axis=0), np.ones(7))
    Z, Y = why_dz.pairing_inputs("relu", "mse", m=50)
    assert np.all(np.abs(Z) >= 0.2) and (Z < 0).any() and np.all(Y >= 0)
    _, Y = why_dz.pairing_inputs("tanh", "mse", m=50)
    assert np.all(np.abs(Y) <= 1)


@pytest.mark.parametrize("output, loss", why_dz.PAIRS)
def test_each_pair_checks_out(output, loss):
    row = why_dz.verify_pairing(output, loss)
    assert row.error_general < 1e-8
    if row.cancels:
        assert row.error_a_minus_y < 1e-8
    else:
        assert row.error_a_minus_y > 1e-2


def test_cancelling_pairs_are_exactly_the_canonical_ones():
    rows = why_dz.pairing_table()
    assert {r.pair for r in rows if r.cancels} == {"sigmoid+bce", "linear+mse", "softmax+cce"}


def test_format_pairing_table_has_header_and_one_line_per_pair():
    rows = why_dz.pairing_table()
    text = why_dz.format_pairing_table(rows)
    lines = text.splitlines()
    assert lines[0].startswith("pair") and "max|dZ_num - (A-Y)|" in lines[0]
    assert len(lines) == 2 + len(why_dz.PAIRS)
    assert any(line.startswith("relu+mse") and " no " in line for line in lines)



def test_format_pairing_table_prints_verdicts_not_rounding_noise():
    lines = why_dz.format_pairing_table(why_dz.pairing_table()).splitlines()
    by_pair = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")] for line in lines[2:]}
    # linear + mse: g' = 1, so nothing cancels; the table must not claim it does
    assert by_pair["linear+mse"][1].startswith("nothing to cancel")
    assert by_pair["sigmoid+bce"][1] == "yes" and by_pair["relu+mse"][1] == "no"
    # gaps of order 1e-10 are central-difference noise: shown as a verdict, not as digits
    assert by_pair["sigmoid+bce"][2:] == ["< 1e-07", "< 1e-07"]
    assert by_pair["relu+mse"][3] == "< 1e-07" and float(by_pair["relu+mse"][2]) > 1e-2
    assert "e-1" not in "\n".join(lines)  # no 1e-10-level digits anywhere

# ----------------------------------------------------------------------------- output gradient, training
def test_output_gradient_vanishes_for_mse_only_when_confidently_wrong():
    z = np.array([-12.0, 0.0, 40.0])
    bce = why_dz.output_gradient(z, 1, "bce")
    mse = why_dz.output_gradient(z, 1, "mse")
    assert bce[0] == pytest.approx(-1.0, abs=1e-4)
    assert abs(mse[0]) < 1e-5
    assert bce[1] == pytest.approx(-0.5) and mse[1] == pytest.approx(-0.125)
    assert np.all(np.isfinite(bce)) and np.all(np.isfinite(mse))


def test_saturate_output_copies_and_sets_the_last_bias():
    params = initialize_parameters_deep([2, 3, 1], seed=1)
    saturated = why_dz.saturate_output(params, bias=-7.0)
    assert saturated["b2"].item() == -7.0 and params["b2"].item() == 0.0
    np.testing.assert_array_equal(saturated["W1"], params["W1"])
    with pytest.raises(TypeError, match="initialize_parameters_deep"):
        why_dz.saturate_output([1, 2])


def test_saturated_mse_stays_stuck_while_bce_learns():
    X, Y = load_planar_dataset()
    start = why_dz.saturate_output(initialize_parameters_deep([2, 4, 1], init="xavier", seed=1), -10.0)
    bce = why_dz.train_and_track(X, Y, start, loss="bce", num_iterations=300, record_every=100)
    mse = why_dz.train_and_track(X, Y, start, loss="mse", num_iterations=300, record_every=100)
    np.testing.assert_array_equal(bce.iterations, [0, 100, 200, 300])
    assert bce.at(0)[1] == mse.at(0)[1] == 0.5
    assert bce.at(300)[1] > 0.8
    assert mse.at(300)[1] == 0.5
    assert mse.at(0)[2] < 1e-4 < 0.1 < bce.at(0)[2]
    with pytest.raises(ValueError, match="not recorded"):
        bce.at(150)


def test_train_and_track_records_the_last_iteration_and_checks_arguments():
    X, Y = load_planar_dataset(m=40)
    start = initialize_parameters_deep([2, 2, 1], seed=1)
    trace = why_dz.train_and_track(X, Y, start, num_iterations=25, record_every=10)
    np.testing.assert_array_equal(trace.iterations, [0, 10, 20, 25])
    with pytest.raises(ValueError, match="record_every"):
        why_dz.train_and_track(X, Y, start, record_every=0)
    with pytest.raises(ValueError, match="num_iterations"):
        why_dz.train_and_track(X, Y, start, num_iterations=-1)


def test_plots_draw_lines():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    why_dz.plot_output_gradient(np.linspace(-5, 5, 11), 1, ax)
    assert len(ax.lines) == 3  # two gradients and the zero line
    X, Y = load_planar_dataset(m=20)
    trace = why_dz.train_and_track(X, Y, initialize_parameters_deep([2, 2, 1], seed=1),
                                   num_iterations=5, record_every=1)
    axes = why_dz.plot_training_traces({"bce": trace})
    assert len(axes[0].lines) == 1 and len(axes[1].lines) == 1
    plt.close("all")


def test_format_checkpoints_lists_every_run_twice():
    X, Y = load_planar_dataset(m=20)
    start = initialize_parameters_deep([2, 2, 1], seed=1)
    traces = {"bce": why_dz.train_and_track(X, Y, start, loss="bce", num_iterations=20),
              "mse": why_dz.train_and_track(X, Y, start, loss="mse", num_iterations=20)}
    text = why_dz.format_checkpoints(traces, [0, 20])
    lines = text.splitlines()
    assert lines[0].startswith("accuracy") and "it     0" in lines[0] and "it    20" in lines[0]
    assert len(lines) == 6
    assert sum(line.startswith("mse") for line in lines) == 2
    assert "%" in lines[1]
    assert "e-" in lines[-1] or "e+" in lines[-1]
