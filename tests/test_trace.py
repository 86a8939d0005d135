"""dlsnotes.trace: the scalar-by-scalar trace agrees with the vectorised model and with Mazur's
published worked example."""

import itertools

import numpy as np
import pytest

from dlsnotes import (ACTIVATIONS, LOSSES, L_model_backward, L_model_forward, compute_cost,
                      update_parameters)
from dlsnotes.activations import Activation
from dlsnotes.losses import Loss, pairing
from dlsnotes.trace import trace, trace_problem, traceable_activations, traceable_losses


def n_out(output):
    return 3 if not ACTIVATIONS[output].elementwise else 2  # a vector activation over 3 units


# Read from the registries: a new activation or loss is traced and compared like these.
HIDDEN = [name for name, act in ACTIVATIONS.items() if act.elementwise] + ["leaky_relu(0.2)"]
PAIRS = [(o, loss) for o, loss in itertools.product(ACTIVATIONS, LOSSES)
         if pairing(o, loss, n_out(o)).problem is None]

# Matt Mazur, "A Step by Step Backpropagation Example": 2-2-2 sigmoid net, E = Σ ½(target - out)².
MAZUR = {"W1": [[0.15, 0.20], [0.25, 0.30]], "b1": [[0.35], [0.35]],
         "W2": [[0.40, 0.45], [0.50, 0.55]], "b2": [[0.60], [0.60]]}
MAZUR_X, MAZUR_Y = [[0.05], [0.10]], [[0.01], [0.99]]


def _net(rng, dims, n_out, m, output, loss):
    dims = dims + [n_out]
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5
    X = rng.standard_normal((dims[0], m))
    if LOSSES[loss].needs_probabilities and not ACTIVATIONS[output].elementwise:
        Y = np.eye(n_out)[rng.integers(0, n_out, m)].T  # one-hot: what a distribution is fitted to
    elif LOSSES[loss].needs_probabilities:
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    else:  # regression targets, shifted into the range of an output bounded below
        Y = rng.standard_normal((n_out, m)) + (1.5 if ACTIVATIONS[output].output_range[0] > -np.inf else 0)
    return params, X, Y


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output,loss", PAIRS)
def test_trace_agrees_with_L_model_backward(hidden, output, loss):
    rng = np.random.default_rng(abs(hash((hidden, output, loss))) % 2**32)
    params, X, Y = _net(rng, [3, 4, 3], n_out(output), 4, output, loss)
    t = trace(X, Y, params, [hidden, hidden, output], loss)
    AL, caches = L_model_forward(X, params, hidden=hidden, output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    np.testing.assert_allclose(t.values["A3"], AL, rtol=1e-12, atol=1e-12)
    assert t.cost == pytest.approx(compute_cost(AL, Y, loss=loss), rel=1e-12)
    mine = t.gradients()
    for key in [k for k in grads if k.startswith(("dW", "db"))] + ["dA1", "dA2"]:
        np.testing.assert_allclose(mine[key], grads[key], rtol=1e-12, atol=1e-12, err_msg=key)


def test_every_registered_entry_is_traceable():
    assert traceable_activations() == tuple(ACTIVATIONS) and traceable_losses() == tuple(LOSSES)
    assert all(trace_problem(entry) is None for entry in [*ACTIVATIONS.values(), *LOSSES.values()])


# An ELU and a Huber loss given without the plain-text rules the trace writes out.
ELU = Activation("elu", lambda Z: np.where(Z > 0, Z, np.expm1(Z)), lambda Z: np.where(Z > 0, 1.0, np.exp(Z)),
                 latex=r"\mathrm{elu}(z)", latex_derivative=r"\mathrm{elu}'(Z)")
HUBER = Loss("huber", lambda A, Y: np.where(np.abs(A - Y) <= 1, 0.5 * (A - Y) ** 2, np.abs(A - Y) - 0.5),
             lambda A, Y: np.clip(A - Y, -1.0, 1.0), latex="L_\\delta", latex_dA=r"\mathrm{clip}(A - Y)")


@pytest.mark.parametrize("position", [0, 1])
def test_an_activation_without_its_rule_is_refused_not_traced_as_another(position):
    # Before: an unknown activation was traced as ReLU (dW1 off by 0.83 for an ELU).
    activations = ["sigmoid", "linear"]
    activations[position] = ELU
    with pytest.raises(ValueError) as info:
        trace(MAZUR_X, MAZUR_Y, MAZUR, activations, "mse")
    message = str(info.value)
    assert message.startswith("The trace cannot express the activation 'elu': it has no derivative_text.")
    assert f"Activations it can trace are {list(ACTIVATIONS)}" in message and "derivative_text=" in message


def test_a_loss_without_its_rule_is_refused_not_traced_as_bce():
    with pytest.raises(ValueError) as info:
        trace(MAZUR_X, MAZUR_Y, MAZUR, ["sigmoid", "linear"], HUBER)
    message = str(info.value)
    assert message.startswith("The trace cannot express the loss 'huber': it has no formula and dA_text.")
    assert f"Losses it can trace are {list(LOSSES)}" in message


def test_a_template_with_an_unknown_placeholder_is_refused():
    bad = Activation("elu", ELU.function, ELU.derivative, latex="e", latex_derivative="e'",
                     derivative_text="1 if Z > 0 else A + 1", derivative_numbers="{alpha} + {a}")
    assert "{alpha} + {a}" in trace_problem(bad) and "{z}, {a}, {sigma}, {z_vs_0}" in trace_problem(bad)
    with pytest.raises(ValueError, match="derivative_numbers"):
        trace(MAZUR_X, MAZUR_Y, MAZUR, ["sigmoid", bad], "mse")


def test_an_unregistered_activation_with_its_rule_is_traced_exactly():
    # the trace reads the entry, not a list of names: an ELU that brings its rule is traced
    elu = Activation("elu", ELU.function, ELU.derivative, latex="e", latex_derivative="e'",
                     derivative_text="1 if Z > 0 else A + 1", derivative_numbers="1 if {z} > 0 else {a} + 1")
    params = {k: np.array(v) - (0.5 if k.startswith("b") else 0) for k, v in MAZUR.items()}
    t = trace(MAZUR_X, MAZUR_Y, params, [elu, "linear"], "mse")
    AL, caches = L_model_forward(np.array(MAZUR_X), params, hidden=elu, output="linear")
    grads = L_model_backward(AL, np.array(MAZUR_Y), caches, loss="mse")
    for key in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_allclose(t.gradients()[key], grads[key], rtol=1e-12, atol=1e-15, err_msg=key)
    g = t.select("backward", "g'", 1)[0]
    assert t.values["Z1"][0, 0] < 0  # the branch ReLU would have got wrong
    assert g.formula == "1 if Z > 0 else A + 1" and g.numbers.endswith(" + 1")
    assert g.value == pytest.approx(t.values["A1"][0, 0] + 1, rel=1e-12)


def test_mazur_forward_pass_and_total_error():
    t = trace(MAZUR_X, MAZUR_Y, MAZUR, ["sigmoid", "sigmoid"], "mse", learning_rate=0.5)
    assert t.values["Z1"][:, 0] == pytest.approx([0.3775, 0.3925])
    assert t.values["A1"][:, 0] == pytest.approx([0.593269992, 0.596884378], abs=1e-9)
    assert t.values["A2"][:, 0] == pytest.approx([0.75136507, 0.772928465], abs=1e-8)
    assert t.cost == pytest.approx(0.298371109, abs=1e-9)


def test_mazur_updated_weights():
    t = trace(MAZUR_X, MAZUR_Y, MAZUR, ["sigmoid", "sigmoid"], "mse", learning_rate=0.5)
    # w5..w8 are W2 row by row, w1..w4 are W1 row by row
    assert t.updated["W2"].ravel() == pytest.approx([0.35891648, 0.408666186, 0.511301270, 0.561370121],
                                                    abs=1e-8)
    assert t.updated["W1"].ravel() == pytest.approx([0.149780716, 0.19956143, 0.24975114, 0.29950229],
                                                    abs=1e-8)
    new = update_parameters({k: np.array(v) for k, v in MAZUR.items()}, t.gradients(), 0.5)
    for key in new:
        np.testing.assert_allclose(t.updated[key], new[key], rtol=1e-14)


def test_every_entry_is_a_readable_chain_rule_step():
    t = trace(MAZUR_X, MAZUR_Y, MAZUR, ["sigmoid", "sigmoid"], "mse")
    dz = t.select("backward", "dZ", 2)[0]
    assert dz.name == "dZ[2]_1"
    assert dz.formula == "dA[2]_1 × g'(Z[2]_1)"
    assert dz.numbers == "0.741365×0.186816"
    assert dz.value == pytest.approx(0.138498562, abs=1e-9)
    dw = t.select("backward", "dW", 2)[0]
    assert (dw.name, dw.numbers) == ("dW[2]_11", "0.138499×0.59327")
    assert str(dw).startswith("dW[2]_11 = dZ[2]_1 × A[1]_1 = 0.138499×0.59327 = 0.082167")
    assert len(t.table().splitlines()) == len(t.entries)


def test_canonical_pair_says_the_derivative_cancels():
    t = trace(MAZUR_X, [[1.0], [0.0]], MAZUR, ["relu", "softmax"], "cce")
    first = t.select("backward", "dZ", 2)[0]
    assert "g' cancels" in first.formula
    assert first.value == pytest.approx(t.values["A2"][0, 0] - 1.0, abs=1e-15)
    assert not t.select("backward", "g'", 2)  # softmax has no element-wise g'


def test_several_examples_carry_the_one_over_m():
    rng = np.random.default_rng(0)
    params, X, Y = _net(rng, [2, 3], 1, 3, "sigmoid", "bce")
    t = trace(X, Y, params, ["tanh", "sigmoid"], "bce")
    dw = t.select("backward", "dW", 1)[0]
    assert dw.formula.startswith("(1/m) Σ_i") and dw.numbers.startswith("(1/3)×(")
    assert t.select("forward", "J")[0].value == pytest.approx(t.cost)


@pytest.mark.parametrize("kwargs,match", [
    (dict(activations="sigmoid"), "one name per layer"),
    (dict(activations=["sigmoid"]), "need parameters"),
    (dict(activations=["sigmoid", "bogus"]), "not supported"),
    (dict(activations=["sigmoid", "relu"], loss="bce"), "bce"),
    (dict(Y=[[0.01, 0.99]]), r"Y must have shape \(2, 1\)"),
    (dict(parameters=dict(MAZUR, b1=[0.35, 0.35])), r"b1 must have shape \(2, 1\)"),
    (dict(parameters=dict(MAZUR, W2=[[0.4, 0.45]])), r"b2 must have shape \(1, 1\)"),
    (dict(learning_rate=-1.0), "learning_rate"),
])
def test_bad_input_is_explained(kwargs, match):
    args = dict(X=MAZUR_X, Y=MAZUR_Y, parameters=MAZUR, activations=["sigmoid", "sigmoid"], loss="mse")
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=match):
        trace(**args)


def test_too_large_a_network_is_refused_with_the_limit():
    rng = np.random.default_rng(1)
    params, X, Y = _net(rng, [2, 7], 1, 1, "sigmoid", "mse")
    with pytest.raises(ValueError, match="up to 6 units"):
        trace(X, Y, params, ["relu", "sigmoid"], "mse")
