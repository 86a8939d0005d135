"""One registry entry is enough: an activation (ELU) and a loss (log-cosh) registered through
the public route are picked up by the model, both training loops, the gradient check, the
trace, the playground's menus and the pairing table -- and are gone again afterwards."""

import contextlib
import warnings

import numpy as np
import pytest

from dlsnotes import (ACTIVATIONS, LOSSES, L_layer_model, L_model_backward, L_model_forward, PairingWarning,
                      compute_cost, initialize_parameters_deep)
from dlsnotes.activations import Activation, activation_names, register_activation, unregister_activation
from dlsnotes.gradcheck import gradient_check
from dlsnotes.losses import Loss, check_pairing, loss_names, output_delta, pairing, register_loss, unregister_loss
from dlsnotes.trace import trace, traceable_activations, traceable_losses


# --------------------------------------------------------------------------- the two entries
def _elu(Z):
    return np.where(Z > 0, Z, np.expm1(np.minimum(Z, 0.0)))  # min: no overflow for large Z


def _elu_derivative(Z):
    return np.where(Z > 0, 1.0, np.exp(np.minimum(Z, 0.0)))


def elu(**changes):
    fields = dict(
        name="elu", function=_elu, derivative=_elu_derivative,
        latex=r"\begin{cases} z & z > 0\\ e^z - 1 & z \le 0\end{cases}",
        latex_derivative=r"\begin{cases}1 & Z^{[L]} > 0\\ A^{[L]} + 1 & Z^{[L]} \le 0\end{cases}",
        output_range=(-1.0, np.inf), label="ELU",
        derivative_text="1 if Z > 0 else A + 1", derivative_numbers="1 if {z} > 0 else {a} + 1",
    )
    fields.update(changes)
    return Activation(**fields)


def _log_cosh(A, Y):
    d = np.abs(A - Y)
    return d + np.log1p(np.exp(-2.0 * d)) - np.log(2.0)  # log(cosh(d)), without overflow


def log_cosh(**changes):
    fields = dict(
        name="logcosh", per_example=_log_cosh, dA=lambda A, Y: np.tanh(A - Y),
        latex=r"L = \log\cosh(a - y)", latex_dA=r"\tanh\left(A^{[L]} - Y\right)", label="log-cosh",
        formula="log(cosh(A - Y))", formula_numbers="log(cosh({a} - {y}))",
        dA_text="tanh(A - Y)", dA_numbers="tanh({a} - {y})",
    )
    fields.update(changes)
    return Loss(**fields)


@contextlib.contextmanager
def registered(*entries):
    """Register ``entries`` for the duration of the block, then remove them whatever happens."""
    done = []
    try:
        for entry in entries:
            (register_activation if isinstance(entry, Activation) else register_loss)(entry)
            done.append(entry)
        yield entries
    finally:
        for entry in reversed(done):
            (unregister_activation if isinstance(entry, Activation) else unregister_loss)(entry.name)


@pytest.fixture
def extended():
    """ELU and log-cosh in the registries for one test; the registries as before afterwards."""
    before = (dict(ACTIVATIONS), dict(LOSSES))
    with registered(elu(), log_cosh()) as entries:
        yield entries
    assert (dict(ACTIVATIONS), dict(LOSSES)) == before


def problem(dims, output, m=12, seed=0, gap=1e-3):
    """Random weights, X and regression targets with no ELU ``Z`` within ``gap`` of 0 (where g''
    jumps: central differences must not straddle it)."""
    for attempt in range(200):
        rng = np.random.RandomState(100 * seed + attempt)
        parameters = initialize_parameters_deep(dims, init="xavier", seed=100 * seed + attempt)
        for l in range(1, len(dims)):
            parameters[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
        X, Y = rng.randn(dims[0], m), rng.uniform(-0.5, 1.5, (dims[-1], m))
        _, caches = L_model_forward(X, parameters, hidden="elu", output=output)
        if all(np.abs(c.activation_cache).min() > gap for c in caches):
            return parameters, X, Y
    raise AssertionError("no seed keeps Z away from 0")  # pragma: no cover


# --------------------------------------------------------------------------- registration
def test_the_fixture_removes_the_entries_even_when_the_block_fails():
    with pytest.raises(RuntimeError), registered(elu(), log_cosh()):
        assert "elu" in ACTIVATIONS and "logcosh" in LOSSES
        raise RuntimeError
    assert "elu" not in ACTIVATIONS and "logcosh" not in LOSSES
    assert "elu" not in activation_names() and "logcosh" not in loss_names()


@pytest.mark.parametrize("entry,match", [
    (elu(name="relu"), "'relu' cannot be registered: that name is already registered"),
    (elu(derivative=None), "its derivative is None, not a function of Z"),
    (elu(derivative=lambda Z: np.where(Z > 0, 1.0, 0.0)),
     r"its derivative disagrees with the function: at z = -0.45 derivative gives 0, .* gives 0.6376"),
    (elu(latex_derivative=""), "it has no LaTeX for g"),
    (elu(name="my elu"), "must be a plain word"),
    (elu(roles={"input"}), "roles must be a non-empty subset"),
    (elu(elementwise=False), "needs backward_fn"),
    (elu(function=np.ravel), r"function\(Z\) must give finite values shaped like Z"),
    (elu(output_derivative=lambda A: np.ones_like(A)), "output_derivative"),
    (log_cosh(name="mse"), "'mse' cannot be registered: that name is already registered"),
    (log_cosh(dA=None), "its dA is None, not a function"),
    (log_cosh(dA=lambda A, Y: np.tanh(A - Y) / A.shape[1]), "its dA disagrees with the loss"),
    (log_cosh(latex_dA=""), "it has no LaTeX for L"),
])
def test_registration_refuses_an_incomplete_or_wrong_entry(entry, match):
    register = register_activation if isinstance(entry, Activation) else register_loss
    before = (dict(ACTIVATIONS), dict(LOSSES))
    with pytest.raises(ValueError, match=match):
        register(entry)
    assert (dict(ACTIVATIONS), dict(LOSSES)) == before


def test_registration_refuses_what_is_not_an_entry_and_twice_the_same_name(extended):
    with pytest.raises(TypeError, match="register_activation takes an Activation; got function"):
        register_activation(_elu)
    with pytest.raises(TypeError, match="register_loss takes a Loss; got str"):
        register_loss("logcosh")
    with pytest.raises(ValueError, match=r"already registered\. .*unregister_activation\('elu'\) first"):
        register_activation(elu())
    with pytest.raises(ValueError, match=r"unregister_loss\('logcosh'\) first"):
        register_loss(log_cosh())
    with pytest.raises(ValueError, match="'relu' is built in"):
        unregister_activation("relu")
    with pytest.raises(ValueError, match="'bce' is built in"):
        unregister_loss("bce")
    with pytest.raises(ValueError, match="No activation 'selu' is registered"):
        unregister_activation("selu")


# --------------------------------------------------------------------------- model
def test_model_forward_cost_and_backward_use_the_entries(extended):
    parameters, X, Y = problem([3, 4, 2], "linear")
    AL, caches = L_model_forward(X, parameters, hidden="elu", output="linear")
    # by hand, the course's formulas for an ELU hidden layer, a linear output and log-cosh
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.where(Z1 > 0, Z1, np.exp(np.minimum(Z1, 0)) - 1)
    A2 = W2 @ A1 + b2
    np.testing.assert_allclose(AL, A2, rtol=1e-12, atol=1e-14)
    assert compute_cost(AL, Y, loss="logcosh") == pytest.approx(np.mean(np.sum(np.log(np.cosh(A2 - Y)), axis=0)),
                                                                rel=1e-12)
    m = X.shape[1]
    dZ2 = np.tanh(A2 - Y)  # linear output: g' = 1
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * np.where(Z1 > 0, 1.0, A1 + 1)
    expected = {"dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m, "dA1": dA1,
                "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
    grads = L_model_backward(AL, Y, caches, loss="logcosh")
    for key, value in expected.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-12, atol=1e-15, err_msg=key)


@pytest.mark.parametrize("mini_batch_size,lambd", [(None, 0.0), (5, 0.1)])
def test_both_training_loops_train_with_the_entries_and_agree(extended, mini_batch_size, lambd):
    parameters, X, Y = problem([3, 5, 1], "elu", m=20, seed=1)
    runs = {engine: L_layer_model(X, Y, [3, 5, 1], 0.1, 30, hidden="elu", output="elu", loss="logcosh",
                                  parameters=parameters, mini_batch_size=mini_batch_size, lambd=lambd,
                                  progress=False, engine=engine)
            for engine in ("fast", "reference")}
    (fast, fast_costs), (reference, reference_costs) = runs["fast"], runs["reference"]
    assert fast_costs.final_cost < 0.9 * fast_costs[0]  # it learns
    np.testing.assert_allclose(fast_costs, reference_costs, rtol=1e-12)
    for key in reference:
        np.testing.assert_allclose(fast[key], reference[key], rtol=1e-12, atol=1e-14, err_msg=key)


@pytest.mark.parametrize("output,loss", [("linear", "logcosh"), ("elu", "mse"), ("elu", "logcosh"),
                                         ("sigmoid", "logcosh")])
def test_gradient_check_passes_for_the_entries(extended, output, loss):
    parameters, X, Y = problem([3, 5, 4, 2], output, m=8, seed=2)
    report = gradient_check(parameters, X, Y, "elu", output, loss)
    assert report.passed and report.difference < 1e-7, str(report)
    # and would catch a wrong entry: an ELU derivative missing its e^z on the negative side
    wrong = elu(name="elu_wrong", derivative=lambda Z: np.where(Z > 0, 1.0, 1.0 + 0 * Z))
    AL, caches = L_model_forward(X, parameters, hidden=wrong, output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    assert not gradient_check(parameters, X, Y, "elu", output, loss, grads=grads).passed


# --------------------------------------------------------------------------- trace
@pytest.mark.parametrize("output,loss", [("linear", "logcosh"), ("elu", "logcosh"), ("softmax", "cce"),
                                         ("elu", "mse")])
def test_the_trace_writes_the_entries_out_and_agrees_with_L_model_backward(extended, output, loss):
    n_out = 3 if output == "softmax" else 2
    parameters, X, _ = problem([3, 4, n_out], output, m=3, seed=3)
    Y = np.eye(n_out)[:, [0, 2, 1]] if loss == "cce" else np.random.RandomState(3).uniform(-0.5, 1.5, (n_out, 3))
    t = trace(X, Y, parameters, ["elu", output], loss)
    AL, caches = L_model_forward(X, parameters, hidden="elu", output=output)
    grads = L_model_backward(AL, Y, caches, loss=loss)
    assert t.cost == pytest.approx(compute_cost(AL, Y, loss=loss), rel=1e-10)
    for key in ("dW1", "db1", "dW2", "db2", "dA1"):
        np.testing.assert_allclose(t.gradients()[key], grads[key], rtol=1e-10, atol=1e-12, err_msg=key)
    negative = [e for e in t.select("backward", "g'", 1) if t.values["Z1"][e.index] <= 0]
    assert negative, "no ELU unit on its exponential side: the test would not see a ReLU-style trace"
    for e in negative:
        assert e.formula == "1 if Z > 0 else A + 1" and e.numbers.endswith(" + 1")
        assert e.value == pytest.approx(t.values["A1"][e.index] + 1, rel=1e-12)
    if loss == "logcosh":
        assert t.select("backward", "dA", 2)[0].numbers.startswith("tanh(")
        assert t.select("forward", "L")[0].numbers.startswith("log(cosh(")


def test_the_trace_refuses_registered_entries_without_their_rule(extended):
    with registered(elu(name="elu_plain", derivative_text="", derivative_numbers=""),
                    log_cosh(name="logcosh_plain", formula="", dA_text="")):
        assert "elu_plain" not in traceable_activations() and "logcosh_plain" not in traceable_losses()
        assert "elu" in traceable_activations() and "logcosh" in traceable_losses()
        parameters, X, Y = problem([3, 4, 2], "linear", m=2)
        with pytest.raises(ValueError, match=r"^The trace cannot express the activation 'elu_plain': "
                                             r"it has no derivative_text\. Activations it can trace are \[.*'elu'"):
            trace(X, Y, parameters, ["elu_plain", "linear"], "mse")
        with pytest.raises(ValueError, match=r"^The trace cannot express the loss 'logcosh_plain': "
                                             r"it has no formula and dA_text\. .*Give it formula="):
            trace(X, Y, parameters, ["elu", "linear"], "logcosh_plain")


def test_the_backprop_explorer_offers_the_entries(extended):
    pytest.importorskip("ipywidgets")
    from dlsnotes.trace_widget import BackpropExplorer

    explorer = BackpropExplorer(hidden="elu", output="elu", loss="logcosh")
    assert "elu" in explorer.hidden.options and "elu" in explorer.output.options
    assert "logcosh" in explorer.loss.options


# --------------------------------------------------------------------------- playground
def test_the_playground_menus_offer_the_entries(extended):
    pytest.importorskip("ipywidgets")
    from dlsnotes.playground import HIDDEN_ACTIVATIONS, LOSS_NAMES, OUTPUT_ACTIVATIONS, PlaygroundModel
    from dlsnotes.playground.widgets import _make_controls

    assert "elu" in HIDDEN_ACTIVATIONS and "elu" in OUTPUT_ACTIVATIONS and "logcosh" in LOSS_NAMES
    model = PlaygroundModel(dataset="quadratic", hidden="elu", output="elu", loss="logcosh",
                            learning_rate=0.05, iterations=300, seed=1)
    controls = _make_controls(model.settings)
    assert ("ELU", "elu") in controls["hidden"].options and ("ELU", "elu") in controls["output"].options
    assert ("log-cosh", "logcosh") in controls["loss"].options
    assert model.status == "ready" and not model.pairing.cancels
    model.run()
    assert model.status == "ready" and model.history[-1].train_cost < 0.5 * model.history[0].train_cost


def test_the_playground_menus_forget_the_entries_afterwards():
    from dlsnotes.playground import HIDDEN_ACTIVATIONS, LOSS_NAMES, PlaygroundModel

    with registered(elu(), log_cosh()):
        assert "elu" in HIDDEN_ACTIVATIONS
    assert "elu" not in HIDDEN_ACTIVATIONS and "logcosh" not in LOSS_NAMES
    with pytest.raises(ValueError, match=r"hidden must be one of \['sigmoid', 'tanh', .*\]; got 'elu'"):
        PlaygroundModel(hidden="elu")


# --------------------------------------------------------------------------- pairing table
def test_the_pairing_table_reads_the_entries(extended):
    info = pairing("elu", "logcosh")
    assert not info.cancels and info.problem is None
    assert info.dZL_latex == LOSSES["logcosh"].latex_dA + r" \odot " + ACTIVATIONS["elu"].latex_derivative
    assert pairing("linear", "logcosh").dZL_latex == LOSSES["logcosh"].latex_dA  # g' = 1: nothing to multiply
    assert pairing("softmax", "logcosh").problem is None
    # an ELU output reaches -1: a loss that takes log(a) is refused, by the same rule as for ReLU
    bad = pairing("elu", "bce")
    assert "'elu' output can produce values outside (0, 1) (range [-1, ∞))" in bad.problem
    with pytest.warns(PairingWarning, match="elu"):
        check_pairing("elu", "bce")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_pairing("elu", "logcosh")


def test_output_delta_of_the_entries_is_the_chain_rule(extended):
    rng = np.random.default_rng(5)
    ZL = rng.uniform(-2, 2, (2, 6))
    ZL[np.abs(ZL) < 1e-3] += 0.01
    AL, Y = _elu(ZL), rng.uniform(-0.5, 1.5, (2, 6))
    eps, numeric = 1e-6, np.zeros_like(ZL)
    for idx in np.ndindex(ZL.shape):
        step = np.zeros_like(ZL)
        step[idx] = eps
        numeric[idx] = (LOSSES["logcosh"].loss(_elu(ZL + step), Y)[0, idx[1]]
                        - LOSSES["logcosh"].loss(_elu(ZL - step), Y)[0, idx[1]]) / (2 * eps)
    np.testing.assert_allclose(output_delta(AL, Y, ZL, "elu", "logcosh"), numeric, rtol=1e-7, atol=1e-9)
